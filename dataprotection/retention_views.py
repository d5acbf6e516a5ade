"""The data protection officer's pages (administrators too): the retention runs, erasures and
legal holds; erasing a customer. Thin: the selectors read, the services write."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import signed_in
from common.errors import ServiceError, add_service_error
from contacts.models import Case, Customer

from .models import LegalHold
from .retention_forms import ErasureForm, LegalHoldForm, ReleaseForm
from .retention_selectors import overview
from .services.erasure import customer_erase
from .services.holds import legal_hold_place, legal_hold_release

View = Callable[..., HttpResponseBase]


def data_protection_only(view: View) -> View:
    """Data protection officers and administrators; anyone else signed in gets the 403 page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not signed_in(request).reads_audit:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


@require_GET
@data_protection_only
def overview_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dataprotection/overview.html",
        {
            "runs": overview.retention_runs_latest(),
            "erasures": overview.erasures_latest(),
            "holds": overview.legal_holds_latest(),
        },
    )


@require_http_methods(["GET", "POST"])
@data_protection_only
def customer_erase_page(request: HttpRequest, customer_id: str) -> HttpResponse:
    if not Customer.objects.filter(pk=int(customer_id)).exists():
        raise Http404
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            customer_erase(
                customer_id=int(customer_id),
                reason=form.cleaned_data["reason"],
                by=signed_in(request),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The customer's data was erased."))
            return redirect("dataprotection:overview")
    return render(
        request,
        "dataprotection/erase.html",
        {
            "form": form,
            "customer_id": int(customer_id),
            # How many cases the erasure would anonymise: a count, never their content.
            "case_count": Case.objects.filter(customer_id=int(customer_id)).count(),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@data_protection_only
def legal_hold_add_page(request: HttpRequest) -> HttpResponse:
    form = LegalHoldForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        case = customer = None
        if form.cleaned_data["reference"]:
            case = Case.objects.filter(reference=form.cleaned_data["reference"]).first()
            if case is None:
                form.add_error("reference", _("There is no case with this reference."))
        else:
            customer = Customer.objects.filter(pk=form.cleaned_data["customer"]).first()
            if customer is None:
                form.add_error("customer", _("There is no customer with this number."))
        if not form.errors:
            try:
                legal_hold_place(
                    case=case,
                    customer=customer,
                    reason=form.cleaned_data["reason"],
                    by=signed_in(request),
                )
            except ServiceError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The legal hold was placed."))
                return redirect("dataprotection:overview")
    return render(
        request,
        "dataprotection/hold_add.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@data_protection_only
def legal_hold_release_page(request: HttpRequest) -> HttpResponse:
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        legal_hold_release(hold_id=form.cleaned_data["hold"], by=signed_in(request))
    except ServiceError as error:
        if not LegalHold.objects.filter(pk=form.cleaned_data["hold"]).exists():
            raise Http404 from error
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The legal hold was released."))
    return redirect("dataprotection:overview")
