"""Search: a reference goes straight to its case; anything else lists the matching cases as the
queues do."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import role_required, signed_in
from accounts.models import STAFF_ROLES
from audit import reads
from audit.models import ReadPath
from common.paging import pagination
from standards.selectors import working_calendar

from .. import presenters
from ..customer_access import may_merge_customers
from ..forms.search import SearchForm
from ..models import Customer
from ..search import (
    CUSTOMER_RESULTS,
    MAX_TEXT_MATCHES,
    case_by_reference,
    case_search,
    customer_search,
)

PAGE_SIZE = 25


@require_GET
@role_required(STAFF_ROLES)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if query and (case := case_by_reference(user=request.user, query=query)):
        return redirect("contacts:case", case.reference)
    page = rows = None
    customers: list[Customer] = []
    if query.strip():
        customers = customer_search(user=signed_in(request), query=query)
        cases = case_search(user=request.user, query=query)
        page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = presenters.queue_rows(
            cases=page.object_list, now=timezone.now(), calendar=working_calendar()
        )
        # A search looks a person up: each case it shows is recorded (one INSERT), unlike
        # the queues, which show the user their own work (ADR 0021).
        reads.record(request, ReadPath.SEARCH, cases=page.object_list)
    return render(
        request,
        "contacts/search.html",
        {
            "form": form,
            "query": query.strip(),
            "page": page,
            "rows": rows,
            "pagination": pagination(page=page, params=request.GET) if page else None,
            "capped": bool(page) and page.paginator.count >= MAX_TEXT_MATCHES,
            "cap": MAX_TEXT_MATCHES,
            "customers": customers[:CUSTOMER_RESULTS],
            "more_customers": len(customers) > CUSTOMER_RESULTS,
            "merges": may_merge_customers(signed_in(request)),
        },
        status=200 if form.is_valid() else 400,
    )
