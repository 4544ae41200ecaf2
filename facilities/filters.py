from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from facilities.models import Facility, Resource, ResourceCategory, ResourceKind
from portal.filters import PortalFilterSet


class ResourceFilter(PortalFilterSet):
    facility = django_filters.ModelChoiceFilter(
        label=_("Facility"),
        field_name="facility",
        to_field_name="slug",
        queryset=Facility.objects.filter(is_active=True),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), field_name="kind", choices=ResourceKind.choices)
    category = django_filters.ChoiceFilter(label=_("Type"), field_name="category", choices=ResourceCategory.choices)
    capacity = django_filters.NumberFilter(
        label=_("For at least (people)"), field_name="capacity", lookup_expr="gte", min_value=1, max_value=10_000
    )
    barrier_free = django_filters.BooleanFilter(
        label=_("Barrier-free access"), method="filter_flag", widget=forms.CheckboxInput
    )
    kids_space = django_filters.BooleanFilter(label=_("Kids' space"), method="filter_flag", widget=forms.CheckboxInput)

    class Meta:
        model = Resource
        fields: list[str] = []

    def filter_flag(self, queryset: Any, name: str, value: bool) -> Any:
        return queryset.filter(**{name: True}) if value else queryset
