"""A paginator for searched lists: one scan instead of two.

Django's Paginator counts the matches (one scan of the search column) and then reads
the page (a second scan). For substring search, where no index helps, this paginator
reads the ordered primary keys of all matches once, counts them in Python, and loads
only the page's rows by primary key."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class IdListPaginator(Paginator):
    def __init__(self, object_list: QuerySet, per_page: int, **kwargs: Any) -> None:
        self.queryset = object_list
        super().__init__(list(object_list.values_list("pk", flat=True)), per_page, **kwargs)

    def page(self, number: Any) -> Page:
        page = super().page(number)
        ids = list(page.object_list)
        by_pk = {row.pk: row for row in self._rows(ids)}
        page.object_list = [by_pk[pk] for pk in ids if pk in by_pk]
        return page

    def _rows(self, ids: list[Any]) -> QuerySet:
        base = self.queryset.model._default_manager.filter(pk__in=ids)
        # Keep the list's eager loading (select_related / prefetch_related / only()).
        base.query.select_related = self.queryset.query.select_related
        base._prefetch_related_lookups = self.queryset._prefetch_related_lookups
        if self.queryset.query.deferred_loading[0]:
            base.query.deferred_loading = self.queryset.query.deferred_loading
        return base
