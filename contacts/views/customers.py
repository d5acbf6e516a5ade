"""The customer record's pages: the record with every case the reader may see (SPEC §9), its
edit form (also reached from a case page, to correct how the customer is reached), the possible
duplicates and the merge of two records (docs/adr/0019).

Customer ids are not personal data and are the only thing these addresses carry: never a name,
an e-mail address or a postcode.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import signed_in
from accounts.models import User
from audit import reads
from audit.models import ReadPath
from common.errors import add_service_error, error_fields
from common.paging import pagination
from standards.selectors import working_calendar

from .. import customer_presenters, customer_selectors, duplicates, presenters, selectors, services
from ..customer_access import may_edit_customers, may_merge_customers, may_open_customers
from ..forms.customers import CustomerForm, CustomerMergeForm
from ..models import Customer

PAGE_SIZE = 25


def _user(request: HttpRequest, *, allowed: bool | None = None) -> User:
    user = signed_in(request)
    if not may_open_customers(user) or allowed is False:
        raise PermissionDenied
    return user


def _customer(user: User, customer_id: str) -> Customer:
    customer = customer_selectors.customer_get(user=user, customer_id=int(customer_id))
    if customer is None:
        raise Http404
    return customer


@require_GET
@login_required
def customer_page(request: HttpRequest, customer_id: str) -> HttpResponse:
    user = _user(request)
    customer = _customer(user, customer_id)
    cases = customer_selectors.customer_cases(user=user, customer=customer)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    reads.record(
        request, ReadPath.CUSTOMER_PAGE, cases=page.object_list, customer_ids=[customer.pk]
    )
    editable = may_edit_customers(user)
    history = customer_selectors.customer_events(customer=customer)
    return render(
        request,
        "contacts/customer.html",
        {
            "customer": customer,
            "needs": presenters.accessibility_needs(customer),
            "page": page,
            "rows": presenters.queue_rows(
                cases=page.object_list, now=timezone.now(), calendar=working_calendar()
            ),
            "pagination": pagination(page=page, params=request.GET),
            "history": customer_presenters.history_items(history),
            "editable": editable,
            "duplicates": [
                (match, customer_presenters.reasons_text(match.reasons))
                for match in duplicates.customer_duplicates(customer=customer)
            ]
            if editable
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def customer_edit(request: HttpRequest, customer_id: str) -> HttpResponse:
    user = signed_in(request)
    user = _user(request, allowed=may_edit_customers(user))
    customer = _customer(user, customer_id)
    form = CustomerForm(request.POST if request.method == "POST" else None, customer=customer)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.customer_update(
                customer_id=customer.pk,
                changes=form.changes(),
                actor=user,
                seen=form.cleaned_data["version"],
            )
        except ValidationError as error:
            if "version" in error_fields(error):
                # A colleague changed the record meanwhile: show it as it now is.
                customer = _customer(user, customer_id)
                form = CustomerForm.as_it_is(customer)
            add_service_error(form, error, {"version": None})
        else:
            messages.success(
                request,
                _("Customer record updated.") if event else _("Nothing was changed."),
            )
            return redirect("contacts:customer", customer.pk)
    return render(
        request,
        "contacts/customer_edit.html",
        {"customer": customer, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_customer_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """The customer's record edited from one of their cases, by whoever may edit it on its own
    page (``may_edit_customers``), through the same service: the change is on this case's
    timeline (even when the case is resolved) and the editor is back on the case."""
    user = signed_in(request)
    case = selectors.case_get(user=user, reference=reference)
    if case is None or case.customer_id is None:
        raise Http404
    user = _user(request, allowed=may_edit_customers(user))
    customer = _customer(user, str(case.customer_id))
    form = CustomerForm(request.POST if request.method == "POST" else None, customer=customer)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.customer_update(
                customer_id=customer.pk,
                changes=form.changes(),
                actor=user,
                seen=form.cleaned_data["version"],
                case_id=case.pk,
            )
        except ValidationError as error:
            if "version" in error_fields(error):
                customer = _customer(user, str(customer.pk))
                form = CustomerForm.as_it_is(customer)
            add_service_error(form, error, {"version": None})
        else:
            messages.success(
                request,
                _("Customer record updated.") if event else _("Nothing was changed."),
            )
            return redirect("contacts:case", case.reference)
    return render(
        request,
        "contacts/case_customer_edit.html",
        {"case": case, "customer": customer, "form": form, "way": presenters.message_way(case)},
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def customer_duplicates(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    _user(request, allowed=may_merge_customers(user))
    since = timezone.now() - timedelta(days=duplicates.RECENT_DAYS)
    pairs = duplicates.DuplicatePairs(since=since)
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(pair, customer_presenters.reasons_text(pair.reasons)) for pair in page.object_list]
    return render(
        request,
        "contacts/customer_duplicates.html",
        {
            "page": page,
            "rows": rows,
            "pagination": pagination(page=page, params=request.GET),
            "days": duplicates.RECENT_DAYS,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def customer_merge(request: HttpRequest, customer_id: str, other_id: str) -> HttpResponse:
    user = signed_in(request)
    user = _user(request, allowed=may_merge_customers(user))
    first = customer_selectors.customer_get(user=user, customer_id=int(customer_id))
    second = customer_selectors.customer_get(user=user, customer_id=int(other_id))
    if request.method == "GET" and (first is None or second is None):
        raise Http404
    refusal = None
    form = None
    if first is not None and second is not None and first.pk != second.pk:
        form = CustomerMergeForm(
            request.POST if request.method == "POST" else None, first=first, second=second
        )
    if request.method == "POST":
        kept_id, merged_id, take = int(customer_id), int(other_id), set()
        if form is not None:
            if not form.is_valid():
                return _merge_page(request, user, first, second, form, None, status=400)
            kept_id, merged_id, take = form.kept_id(), form.merged_id(), form.take()
        try:
            services.customer_merge(kept_id=kept_id, merged_id=merged_id, take=take, actor=user)
        except ValidationError as error:
            refusal = error
        else:
            messages.success(request, _("Records merged. Every case is now on this record."))
            return redirect("contacts:customer", kept_id)
    elif form is None:
        refusal = ValidationError(_("A customer record cannot be merged into itself."))
    return _merge_page(request, user, first, second, form, refusal, status=400 if refusal else 200)


def _merge_page(
    request: HttpRequest,
    user: User,
    first: Customer | None,
    second: Customer | None,
    form: CustomerMergeForm | None,
    refusal: ValidationError | None,
    *,
    status: int,
) -> HttpResponse:
    records = [customer for customer in (first, second) if customer is not None]
    if first is not None and second is not None and first.pk == second.pk:
        records = [first]
    counts = customer_selectors.visible_case_counts(user=user, customers=records)
    if refusal is not None and form is not None:
        add_service_error(form, refusal)
    return render(
        request,
        "contacts/customer_merge.html",
        {
            "records": [
                (customer, counts[customer.pk], presenters.accessibility_needs(customer))
                for customer in records
            ],
            "form": form,
            "refusal": refusal.messages if refusal is not None and form is None else [],
        },
        status=status,
    )
