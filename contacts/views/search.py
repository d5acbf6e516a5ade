"""Search: a reference goes straight to its case; anything else lists the matching cases as the
queues do.

The search box posts its words (they are names, e-mail addresses, phone numbers and postcodes),
which are kept in the session; the results' address holds only a key to them, ``?s=<key>``,
with the page number, so that no access log, browser history or Referer holds what staff
searched for (common/private_queries.py, ADR 0028).
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.access import role_required, signed_in
from accounts.models import STAFF_ROLES
from audit import reads
from audit.models import ReadPath
from common import private_queries
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


@require_http_methods(["GET", "POST"])
@role_required(STAFF_ROLES)
def search(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _search_posted(request)
    key = request.GET.get("s", "")
    query = private_queries.recall(request, key) if key else ""
    if query is None:
        return _results(request, form=SearchForm(), query="", forgotten=True)
    return _results(request, form=SearchForm(initial={"q": query}), query=query, key=key)


def _search_posted(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.POST)
    if not form.is_valid():
        return _results(request, form=form, query="", status=400)
    query = form.cleaned_data["q"]
    if query and (case := case_by_reference(user=signed_in(request), query=query)):
        return redirect("contacts:case", case.reference)
    if not query.strip():
        return redirect("contacts:search")
    key = private_queries.remember(request, query)
    return redirect(f"{reverse('contacts:search')}?s={key}")


def _results(
    request: HttpRequest,
    *,
    form: SearchForm,
    query: str,
    key: str = "",
    forgotten: bool = False,
    status: int = 200,
) -> HttpResponse:
    page = rows = None
    customers: list[Customer] = []
    if query.strip():
        customers = customer_search(user=signed_in(request), query=query)
        cases = case_search(user=signed_in(request), query=query)
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
            "forgotten": forgotten,
            "page": page,
            "rows": rows,
            # Only the key and the page number: never the words (request.GET holds no more).
            "pagination": pagination(page=page, params=_key_only(key)) if page else None,
            "capped": bool(page) and page.paginator.count >= MAX_TEXT_MATCHES,
            "cap": MAX_TEXT_MATCHES,
            "customers": customers[:CUSTOMER_RESULTS],
            "more_customers": len(customers) > CUSTOMER_RESULTS,
            "merges": may_merge_customers(signed_in(request)),
        },
        status=status,
    )


def _key_only(key: str) -> QueryDict:
    params = QueryDict(mutable=True)
    params["s"] = key
    return params
