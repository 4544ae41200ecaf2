from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import CommunityGroup, Event, OrganisationForm, VolunteerOpening
from portal.filters import PortalFilterSet
from portal.models import ActivityField, Area


class GroupFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Keyword"), method="filter_q", max_length=100)
    field = django_filters.ModelChoiceFilter(
        label=_("Activity field"), field_name="fields", to_field_name="slug", queryset=ActivityField.objects.active()
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), field_name="areas", to_field_name="slug", queryset=Area.objects.active()
    )
    type = django_filters.ChoiceFilter(
        label=_("Organisational form"), field_name="organisation_form", choices=OrganisationForm.choices
    )
    recruiting = django_filters.BooleanFilter(
        label=_("Recruiting volunteers"), method="filter_recruiting", widget=forms.CheckboxInput
    )

    class Meta:
        model = CommunityGroup
        fields: list[str] = []

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.search(value)

    def filter_recruiting(self, queryset: Any, name: str, value: bool) -> Any:
        if not value:
            return queryset
        return queryset.filter(pk__in=VolunteerOpening.objects.open().values("group_id"))


class EventFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Keyword"), method="filter_q", max_length=100)
    field = django_filters.ModelChoiceFilter(
        label=_("Activity field"), field_name="fields", to_field_name="slug", queryset=ActivityField.objects.active()
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), field_name="area", to_field_name="slug", queryset=Area.objects.active()
    )
    start = django_filters.DateFilter(label=_("From"), method="filter_start")
    end = django_filters.DateFilter(label=_("Until"), method="filter_end")

    class Meta:
        model = Event
        fields: list[str] = []

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.search(value)

    def filter_start(self, queryset: Any, name: str, value: Any) -> Any:
        # Compare with local midnight, not with a date cast of the column (no index then).
        return queryset.filter(ends_at__gte=_local_midnight(value))

    def filter_end(self, queryset: Any, name: str, value: Any) -> Any:
        return queryset.filter(starts_at__lt=_local_midnight(value + datetime.timedelta(days=1)))


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


class OpeningFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Keyword"), method="filter_q", max_length=100)
    field = django_filters.ModelChoiceFilter(
        label=_("Activity field"),
        field_name="group__fields",
        to_field_name="slug",
        queryset=ActivityField.objects.active(),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), field_name="group__areas", to_field_name="slug", queryset=Area.objects.active()
    )
    students = django_filters.BooleanFilter(
        label=_("Students and young people welcome"),
        field_name="welcome_students",
        widget=forms.CheckboxInput,
        method="filter_students",
    )

    class Meta:
        model = VolunteerOpening
        fields: list[str] = []

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.search(value)

    def filter_students(self, queryset: Any, name: str, value: bool) -> Any:
        return queryset.filter(welcome_students=True) if value else queryset
