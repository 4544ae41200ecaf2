"""Filters of the collaboration app's lists (django-filter, portal.filters)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from collaboration.models import CollaborationForm, Domain, Project, ProjectStatus
from portal import search
from portal.filters import PortalFilterSet
from portal.models import ActivityField, Department

# --- Projects -------------------------------------------------------------------------------


class ProjectFilter(PortalFilterSet):
    """The project registry and its open data: form, domain, field, department, fiscal
    year, status and a keyword."""

    q = django_filters.CharFilter(label=_("Keyword"), method="filter_q", max_length=100)
    form = django_filters.ModelChoiceFilter(
        label=_("Form of collaboration"),
        field_name="form",
        to_field_name="code",
        queryset=CollaborationForm.objects.all(),
    )
    domain = django_filters.TypedChoiceFilter(
        label=_("Domain"), field_name="domain", choices=Domain.choices, coerce=int
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Activity field"), field_name="fields", to_field_name="slug", queryset=ActivityField.objects.active()
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department in charge"),
        field_name="department",
        to_field_name="code",
        queryset=Department.objects.all(),
    )
    year = django_filters.NumberFilter(
        label=_("Fiscal year"), field_name="fiscal_year", min_value=2000, max_value=2100, decimal_places=0
    )
    status = django_filters.ChoiceFilter(label=_("Status"), field_name="status", choices=ProjectStatus.choices)

    class Meta:
        model = Project
        fields: list[str] = []

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        """The site search's matching (readings included) over the public registry."""
        return search.filter_queryset(queryset, value)
