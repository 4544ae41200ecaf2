"""FilterSet base with the portal's widget defaults, and the portal's own filters."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.dates import DateRangeValidator
from portal.models import AuditLogEntry


class PortalFilterSet(django_filters.FilterSet):
    """Date filters get a date input; choice filters offer "All" (FILTERS_EMPTY_CHOICE_LABEL)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if isinstance(filter_, django_filters.DateFilter):
                filter_.extra.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
                filter_.extra.setdefault("validators", [DateRangeValidator("QUERY")])

    @property
    def form(self) -> Any:
        """The form with Bootstrap classes on its widgets, for components/filter_form.html
        (rendered without crispy, which is several times slower on busy list pages)."""
        form = super().form
        if not getattr(form, "_portal_styled", False):
            for field in form.fields.values():
                widget = field.widget
                if isinstance(widget, forms.CheckboxInput):
                    widget.attrs.setdefault("class", "form-check-input")
                elif isinstance(widget, forms.Select):
                    widget.attrs.setdefault("class", "form-select")
                else:
                    widget.attrs.setdefault("class", "form-control")
            form._portal_styled = True
        return form


class AuditLogFilter(PortalFilterSet):
    action = django_filters.CharFilter(label=_("Action code"), lookup_expr="startswith", max_length=100)
    actor = django_filters.CharFilter(
        label=_("Who (e-mail)"), field_name="actor__email", lookup_expr="iexact", max_length=254
    )
    target = django_filters.CharFilter(
        label=_("Object"), field_name="target_repr", lookup_expr="icontains", max_length=200
    )
    since = django_filters.DateFilter(label=_("From"), field_name="created_at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label=_("Until"), field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = AuditLogEntry
        fields: list[str] = []
