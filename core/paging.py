"""Pagination that counts in the same query as it reads: for a page listing several kinds of result (the site
search), each kind then costs one query instead of two (a count, then the rows)."""

from django.db.models import Count, Window


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
