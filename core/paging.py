"""Pages of results: a filtered list as a page or, for htmx, its results alone; and pagination that counts in the
same query as it reads (for a page listing several kinds of result, the site search, each kind then costs one
query instead of two); downloads."""

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.shortcuts import render


class CountedWithFirstPage:
    """QUERYSET for a Paginator of PAGE_SIZE: asked for its count, it reads the first page's rows with the total
    of all rows beside each (a window count), and keeps them for the first page. Later pages read their rows."""

    ordered = True  # the queryset's own order; Paginator asks

    def __init__(self, queryset, page_size: int):
        self.queryset = queryset
        self.page_size = page_size
        self._first_page: list | None = None
        self._total: int | None = None

    def count(self) -> int:
        if self._total is None:
            rows = list(self.queryset.annotate(total_rows=Window(Count("pk")))[: self.page_size])
            self._first_page = rows
            self._total = rows[0].total_rows if rows else 0
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, slice) and (key.start or 0) == 0 and key.stop is not None and key.stop <= self.page_size:
            self.count()
            return self._first_page[: key.stop]
        return self.queryset[key]


def query_without_page(request) -> str:
    """The request's filters, for the links to the other pages."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def render_filtered(request, filterset, *, page_size: int, template: str, results: str, rows=None, **context):
    """FILTERSET's page asked for (ROWS: its queryset narrowed to the columns shown): the whole page TEMPLATE, or
    for htmx the RESULTS partial the page includes."""
    page = Paginator(filterset.qs if rows is None else rows, page_size).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "query": query_without_page(request), **context}
    return render(request, results if request.htmx and not request.htmx.boosted else template, context)

