"""One way to cut a list into pages: every list of the site (directory, events, library,
discussions, search) pages through ``paginate()`` and shows ``templates/includes/pagination.html``.

The links to other pages keep every other parameter of the address (the list's filters, the
search words), so page 2 shows the same selection as page 1.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict

PAGE_PARAM = "page"


@dataclass(frozen=True)
class PageLink:
    number: int | str  # a page number, or the paginator's ellipsis
    url: str | None  # None for the ellipsis
    current: bool = False


def paginate(query: QueryDict, items, per_page: int) -> Page:
    """The page of ``items`` that ``query`` asks for (``?page=``; the first page for a missing or
    malformed number, the last one past the end), with two attributes for the template:
    ``query_string``, ``query`` without ``page`` (empty values dropped); ``links``, the
    numbered links to show (long ranges elided); ``previous_url`` and ``next_url``.
    """
    page = Paginator(items, per_page).get_page(query.get(PAGE_PARAM))
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if name != PAGE_PARAM:
            kept.setlist(name, [value for value in values if value])
    page.query_string = kept.urlencode()
    page.links = _links(page)
    page.previous_url = page_url(page.query_string, page.number - 1)
    page.next_url = page_url(page.query_string, page.number + 1)
    return page


def page_url(query_string: str, number: int) -> str:
    """The address of page ``number``, relative to the list's own address."""
    if number == 1:
        return f"?{query_string}" if query_string else "?"
    return f"?{query_string}&{PAGE_PARAM}={number}" if query_string else f"?{PAGE_PARAM}={number}"


def _links(page: Page) -> list[PageLink]:
    if not page.has_other_pages():
        return []
    paginator = page.paginator
    return [
        PageLink(number, None)
        if number == paginator.ELLIPSIS
        else PageLink(number, page_url(page.query_string, number), number == page.number)
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
