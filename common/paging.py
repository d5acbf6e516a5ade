"""GOV.UK pagination for a page of results, keeping the rest of the query string."""

from dataclasses import dataclass

from django.core.paginator import Page
from django.http import QueryDict


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for the ellipsis between page numbers
    query: str
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    items: list[PageLink]
    previous_query: str | None
    next_query: str | None


def _query(params: QueryDict, number: int) -> str:
    changed = params.copy()
    changed["page"] = str(number)
    return "?" + changed.urlencode()


def pagination(*, page: Page, params: QueryDict) -> Pagination | None:
    """Links to the pages around ``page`` (GOV.UK shows the first, last and neighbours), or
    ``None`` when everything fits on one page."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return None
    items = [
        # The range holds page numbers and ``Paginator.ELLIPSIS`` for the gaps.
        PageLink(number, _query(params, number), number == page.number)
        if isinstance(number, int)
        else PageLink(None, "")
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return Pagination(
        items=items,
        previous_query=_query(params, page.previous_page_number()) if page.has_previous() else None,
        next_query=_query(params, page.next_page_number()) if page.has_next() else None,
    )
