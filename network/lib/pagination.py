"""One way to cut a list into pages: every list of the site (directory, events, library,
discussions, search) pages through ``paginate()`` and shows ``templates/includes/pagination.html``.

The links to other pages keep every other parameter of the address (the list's filters, the
search words), so page 2 shows the same selection as page 1.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.functional import cached_property

PAGE_PARAM = "page"


@dataclass(frozen=True)
class PageLink:
    number: int | str  # a page number, or the paginator's ellipsis
    url: str | None  # None for the ellipsis
    current: bool = False


class CountedPaginator(Paginator):
    """A paginator told how many items there are, by something cheaper than counting them."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


def paginate(query: QueryDict, items, per_page: int, *, count: int | None = None) -> Page:
    """The page of ``items`` that ``query`` asks for (``?page=``; the first page for a missing or
    malformed number, the last one past the end), with two attributes for the template:
    ``query_string``, ``query`` without ``page`` (empty values dropped); ``links``, the
    numbered links to show (long ranges elided); ``previous_url`` and ``next_url``.

    ``count``: how many ``items`` there are, when the caller knows it without a COUNT query.
    """
    paginator = (
        Paginator(items, per_page)
        if count is None
        else CountedPaginator(items, per_page, count=count)
    )
    page = paginator.get_page(query.get(PAGE_PARAM))
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
