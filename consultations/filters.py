"""The desk's queue filters and the public slot list's filter."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import SLOT_MODES, Consultation, ConsultationStatus, DeskSlot, Kind, Topic
from portal.filters import PortalFilterSet

MONTH = RegexValidator(r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$", _("Give a month as YYYY-MM, e.g. 2026-04."))


def month_bounds(value: str) -> tuple[datetime.datetime, datetime.datetime]:
    year, month = (int(part) for part in value.split("-"))
    first = datetime.date(year, month, 1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    return start, timezone.make_aware(datetime.datetime.combine(following, datetime.time.min))


class ConsultationQueueFilter(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("State"), choices=ConsultationStatus.choices)
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=Topic.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    month = django_filters.CharFilter(
        label=_("Month (YYYY-MM)"), method="filter_month", max_length=7, validators=[MONTH]
    )

    class Meta:
        model = Consultation
        fields: list[str] = []

    def filter_month(self, queryset: QuerySet[Consultation], name: str, value: str) -> QuerySet[Consultation]:
        start, end = month_bounds(value)
        return queryset.filter(happens_at__gte=start, happens_at__lt=end)


class SlotFilter(PortalFilterSet):
    mode = django_filters.ChoiceFilter(
        label=_("How"), choices=[(m.value, m.label) for m in SLOT_MODES], method="filter_mode"
    )

    class Meta:
        model = DeskSlot
        fields: list[str] = []

    def filter_mode(self, queryset: QuerySet[DeskSlot], name: str, value: Any) -> QuerySet[DeskSlot]:
        return queryset.filter(**{f"offers_{value}": True})
