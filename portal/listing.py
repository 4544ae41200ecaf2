"""A list view filtered by a django-filter FilterSet, shared by every list page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from portal.filters import PortalFilterSet


class FilteredListMixin:
    """`filterset_class` over `get_base_queryset()` (already permission-scoped and
    eager-loaded). Invalid filters give an empty list and a 400; the context gets
    `filter` and `query_string` (the filters without `page`) for pagination links."""

    filterset_class: type[PortalFilterSet]
    request: HttpRequest
    filterset: PortalFilterSet

    def get_base_queryset(self) -> Any:
        raise NotImplementedError

    def get_queryset(self) -> Any:
        base = self.get_base_queryset()
        self.filterset = self.filterset_class(self.request.GET or None, queryset=base)
        if self.filters_invalid:
            return base.none()
        return self.filterset.qs

    @property
    def filters_invalid(self) -> bool:
        return self.filterset.is_bound and not self.filterset.is_valid()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)  # type: ignore[misc]
        if self.filters_invalid:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter=self.filterset, query_string=query.urlencode())
        return context
