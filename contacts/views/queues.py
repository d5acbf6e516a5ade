"""My work, the team queue and a councillor's own enquiries: one page, three sets of cases."""

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.access import role_required, signed_in
from accounts.models import STAFF_ROLES, SUBMITTER_ROLES, Service
from common.paging import pagination
from standards.selectors import working_calendar

from .. import presenters, selectors
from ..forms.queue import QueueFilterForm
from ..selectors import Queue, QueueSort

PAGE_SIZE = 25


@dataclass(frozen=True)
class QueuePage:
    queue: Queue
    title: Promise
    roles: Collection[str]
    default_sort: QueueSort
    empty: Promise  # what an empty queue says when no filter is set


QUEUE_PAGES = {
    Queue.MINE: QueuePage(
        Queue.MINE,
        _("My work"),
        STAFF_ROLES,
        QueueSort.NEXT_DUE,
        _("You have no open cases."),
    ),
    Queue.TEAM: QueuePage(
        Queue.TEAM,
        _("Team queue"),
        STAFF_ROLES,
        QueueSort.NEXT_DUE,
        _("Your team has no open cases waiting for an owner."),
    ),
    Queue.SUBMITTED: QueuePage(
        Queue.SUBMITTED,
        _("My enquiries"),
        SUBMITTER_ROLES,
        QueueSort.RECEIVED_NEWEST,
        _("You have not submitted any enquiries yet."),
    ),
}


@dataclass(frozen=True)
class SortHeader:
    """A column header that sorts the table on the server; ``aria_sort`` is its state."""

    label: Promise
    aria_sort: str  # "ascending", "descending" or "none"
    query: str


#: Sortable columns: (label, ascending, descending, the direction a first click gives).
SORTABLE = {
    "reference": (_("Reference"), QueueSort.REFERENCE, QueueSort.REFERENCE_DESC, "ascending"),
    "next_due": (_("Next due"), QueueSort.NEXT_DUE, QueueSort.NEXT_DUE_LAST, "ascending"),
    "received": (
        _("Received"),
        QueueSort.RECEIVED_OLDEST,
        QueueSort.RECEIVED_NEWEST,
        "descending",
    ),
}


def _sort_headers(*, params: QueryDict, sort: QueueSort) -> dict[str, SortHeader]:
    headers = {}
    for column, (label, ascending, descending, first) in SORTABLE.items():
        if sort is ascending:
            state, target = "ascending", descending
        elif sort is descending:
            state, target = "descending", ascending
        else:
            state, target = "none", ascending if first == "ascending" else descending
        changed = params.copy()
        changed["sort"] = target.value
        changed.pop("page", None)
        headers[column] = SortHeader(label, state, "?" + changed.urlencode())
    return headers


def _sort(value: str | None, default: QueueSort) -> QueueSort:
    # Sorting is chosen by clicking headers, never typed: an unknown value is a stale or edited
    # link, and the default order is the helpful answer.
    if value is None:
        return default
    try:
        return QueueSort(value)
    except ValueError:
        return default


def _without_empty(params: QueryDict) -> str:
    kept = QueryDict(mutable=True)
    for key, values in params.lists():
        if chosen := [value for value in values if value]:
            kept.setlist(key, chosen)
    return "?" + kept.urlencode() if kept else ""


def queue_view(queue: Queue) -> Callable[[HttpRequest], HttpResponse]:
    page_spec = QUEUE_PAGES[queue]

    @role_required(page_spec.roles)
    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        if any(not value for value in request.GET.values()):
            # The filter form sends every field, chosen or not: keep the address to what was
            # chosen, so that it can be shared, bookmarked and read.
            return redirect(request.path + _without_empty(request.GET))
        submitted = queue is Queue.SUBMITTED
        services = list(Service.objects.order_by("name")) if submitted else None
        form = QueueFilterForm(request.GET, services=services, open_only=not submitted)
        form.is_valid()
        sort = _sort(request.GET.get("sort"), page_spec.default_sort)
        cases = selectors.case_queue(
            user=signed_in(request), queue=queue, filters=form.case_filters(), sort=sort
        )
        # The page's ids first, sorted without the joins a row needs, then those rows: sorting
        # thousands of open cases with their customers joined cost more than the rest.
        page = Paginator(cases.values_list("pk", flat=True), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        page.object_list = selectors.cases_in_order(cases, ids=list(page.object_list))
        rows = presenters.queue_rows(
            cases=page.object_list, now=timezone.now(), calendar=working_calendar()
        )
        return render(
            request,
            "contacts/queue.html",
            {
                "queue_page": page_spec,
                "form": form,
                "selected_filters": form.selected(),
                "clear_query": "?sort=" + sort.value,
                "sort": sort.value,
                "page": page,
                "rows": rows,
                "headers": _sort_headers(params=request.GET, sort=sort),
                "pagination": pagination(page=page, params=request.GET),
            },
        )

    return view


my_work = queue_view(Queue.MINE)
team_queue = queue_view(Queue.TEAM)
my_enquiries = queue_view(Queue.SUBMITTED)
