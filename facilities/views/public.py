"""Public pages: the catalogue, a facility, and a resource's week of availability."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html import escape
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.generic import DetailView, ListView

from facilities import booking_rules
from facilities.availability import ONE_DAY, FacilityCalendar, parse_week, week_start
from facilities.catalogue import FACILITY_PREFETCHES, cached_resource, load_resource
from facilities.filters import ResourceFilter
from facilities.models import (
    Booking,
    Closure,
    Facility,
    FeeRate,
    LotteryRound,
    ReductionRule,
    Resource,
    Surcharge,
)
from facilities.permissions import can_manage_facility
from portal.dates import query_date_error
from portal.listing import FilteredListMixin
from portal.models import localized_value

__all__ = [
    "FacilityDetailView",
    "FacilityListView",
    "ResourceDetailView",
    "facility_queryset",
    "get_resource_or_404",
]


def get_resource_or_404(facility_slug: str, resource_slug: str) -> Resource:
    """An active resource with its facility, rules, opening hours and divisions,
    fresh from the database (for forms)."""
    return load_resource(facility_slug, resource_slug)


def facility_queryset() -> Any:
    return Facility.objects.filter(is_active=True).select_related("policy").prefetch_related(*FACILITY_PREFETCHES)


class FacilityListView(FilteredListMixin, ListView):
    """Every facility, and every room and item with the filters."""

    template_name = "facilities/facility_list.html"
    context_object_name = "resources"
    paginate_by = 30
    filterset_class = ResourceFilter

    def get_base_queryset(self) -> Any:
        return Resource.objects.active().select_related("facility")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["facilities"] = list(Facility.objects.filter(is_active=True).order_by("order", "pk"))
        return context


class FacilityDetailView(DetailView):
    template_name = "facilities/facility_detail.html"
    context_object_name = "facility"
    slug_url_kwarg = "slug"

    def get_queryset(self) -> Any:
        return facility_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        facility, today = self.object, timezone.localdate()
        calendar = FacilityCalendar(facility, today, today + datetime.timedelta(days=13))
        context.update(
            catalogue=FacilityCatalogue(facility),
            next_days=calendar.days(),
            closures=Closure.objects.filter(facility=facility, ends_on__gte=today).select_related("resource")[:10],
            rounds=LotteryRound.objects.filter(facility=facility, use_month__gte=today.replace(day=1)).order_by(
                "use_month"
            ),
        )
        return context


class FacilityCatalogue:
    """What a facility offers (rooms and equipment with their fees, surcharges, fee
    reductions), read only when the page's cached fragment of it must be made again
    (`{% cache %}`, exact: portal.pagecache)."""

    def __init__(self, facility: Facility) -> None:
        self.facility = facility

    @cached_property
    def resources(self) -> list[Resource]:
        resources = list(self.facility.resources.filter(is_active=True).order_by("kind", "order", "pk"))
        rates: dict[int, list[FeeRate]] = {}
        for rate in FeeRate.objects.filter(resource__facility=self.facility).select_related("division"):
            rates.setdefault(rate.resource_id, []).append(rate)
        for resource in resources:
            resource.rates = sorted(
                rates.get(resource.pk, []), key=lambda r: r.division.starts if r.division else datetime.time.min
            )
        return resources

    @cached_property
    def rooms(self) -> list[Resource]:
        return [r for r in self.resources if r.is_room]

    @cached_property
    def equipment(self) -> list[Resource]:
        return [r for r in self.resources if not r.is_room]

    @cached_property
    def surcharges(self) -> list[Surcharge]:
        return list(Surcharge.objects.filter(facility=self.facility, is_active=True))

    @cached_property
    def reductions(self) -> list[ReductionRule]:
        return list(
            ReductionRule.objects.filter(is_active=True).filter(facility__isnull=True)
            | ReductionRule.objects.filter(is_active=True, facility=self.facility)
        )


@dataclass
class Cell:
    state: str  # free, booked, mine, closed, past, later, lottery, none
    label: str = ""
    url: str = ""
    left: int | None = None
    context: str = ""  # the day and slot, for screen readers


class ResourceDetailView(DetailView):
    """A resource and its week (?week=YYYY-MM-DD): a table of days × slots, each cell
    free (a link to book), booked, closed, past or not bookable yet."""

    template_name = "facilities/resource_detail.html"
    context_object_name = "resource"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.week_invalid = bool(request.GET.get("week")) and parse_week(request.GET.get("week")) is None
        if self.week_invalid:
            messages.error(request, query_date_error())
        response = super().get(request, *args, **kwargs)
        if self.week_invalid:
            response.status_code = 400
        return response

    def get_object(self, queryset: Any = None) -> Resource:
        return cached_resource(self.kwargs["slug"], self.kwargs["resource"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        resource, user = self.object, self.request.user
        facility = resource.facility
        now = timezone.now()
        today = timezone.localdate(now)
        start = parse_week(self.request.GET.get("week")) or week_start(today)
        end = start + datetime.timedelta(days=6)
        calendar = FacilityCalendar(facility, start, end, resource=resource)
        days = calendar.days()
        self.manager = user.is_authenticated and can_manage_facility(user, facility)
        # Staff of the facility see who booked (and reach the booking) in each cell.
        columns = ("starts_at", "ends_at", "quantity", "user_id")
        if self.manager:
            columns += ("pk", "group__name", "department__name", "department__name_en")
            columns += ("user__full_name", "user__email")
        # Compared as POSIX timestamps: comparing aware datetimes across time zones
        # calls utcoffset() each time, which dominated this page's time.
        bookings = [
            (row[0].timestamp(), row[1].timestamp(), *row[2:])
            for row in Booking.objects.active()
            .filter(resource=resource)
            .overlapping(calendar_start(start), calendar_end(end))
            .values_list(*columns)
        ]
        rules = booking_rules.week_rules(user, resource, start, end, now, manager=self.manager)
        keys = calendar.slot_keys()
        book_url = reverse(
            "facilities:staff-book" if self.manager else "facilities:book", args=[facility.slug, resource.slug]
        )
        rows = []
        by_key = [{slot.key: slot for slot in day.slots} for day in days]
        for key, label in zip(keys, calendar.slot_labels(), strict=False):
            cells = []
            for day, slots in zip(days, by_key, strict=True):
                slot = slots.get(key)
                cells.append(self._cell(resource, day, slot, bookings, rules, now, book_url, user))
            rows.append((label, cells))
        context.update(
            week_start=start,
            days=days,
            rows=rows,
            rows_html=render_rows(rows),
            previous_week=start - datetime.timedelta(days=7),
            next_week=start + datetime.timedelta(days=7),
            this_week=week_start(today),
            horizon=rules.horizon,
            rates=resource.rate_list,
            rounds=list(rules.held.values()),
        )
        return context

    def _cell(self, resource, day, slot, bookings, rules, now, book_url, user) -> Cell:
        if not day.is_open:
            return Cell("closed", day.closed_reason)
        if slot is None:
            return Cell("none", _("Not available"))
        if slot.ends_at <= now or (resource.is_room and slot.starts_at <= now):
            return Cell("past", _("Closed for booking"))
        slot_start, slot_end = slot.starts_at.timestamp(), slot.ends_at.timestamp()
        overlapping = [b for b in bookings if b[0] < slot_end and b[1] > slot_start]
        if resource.is_room and overlapping and self.manager:
            pk, group, department, department_en, full_name, email = overlapping[0][4:]
            department = localized_value(department, department_en) if department else ""
            return Cell(
                "booked",
                group or department or full_name or email or _("Booked"),
                url=reverse("facilities:staff-booking", args=[pk]),
                context=f"{day.date.month}/{day.date.day} {slot.label}",
            )
        if resource.is_room and overlapping:
            mine = user.is_authenticated and any(b[3] == user.pk for b in overlapping)
            return Cell("mine" if mine else "booked", _("Your booking") if mine else _("Booked"))
        left = resource.stock - sum(b[2] for b in overlapping)
        if not resource.is_room and left <= 0:
            return Cell("booked", _("None left"), left=0)
        round_ = rules.blocking_round(day.date)
        if round_ is not None:
            return Cell("lottery", _("Lottery"), url=round_.get_absolute_url())
        if rules.opens_later(day.date):
            return Cell("later", _("Not open yet"))
        url = f"{book_url}?date={day.date.isoformat()}&slot={slot.key}"
        context = f"{day.date.month}/{day.date.day} {slot.label}"
        if resource.is_room:
            return Cell("free", pgettext("slot", "Free"), url=url, context=context)
        return Cell("free", _("%(left)s free") % {"left": left}, url=url, left=left, context=context)


def render_rows(rows: list[tuple[str, list[Cell]]]) -> str:
    """The week table's body. Built here rather than with template tags: an hourly
    room has about a hundred cells, and template nodes made that the slowest part of
    the page. Every value is escaped."""
    parts = []
    for label, cells in rows:
        parts.append(f'<tr><th scope="row">{escape(label)}</th>')
        for cell in cells:
            text = escape(str(cell.label))
            if cell.url:
                text = (
                    f'<a href="{escape(cell.url)}">{text}'
                    f'<span class="visually-hidden"> {escape(cell.context)}</span></a>'
                )
            parts.append(f'<td class="slot slot-{escape(cell.state)}">{text}</td>')
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def calendar_start(day: datetime.date) -> datetime.datetime:
    from facilities.availability import aware

    return aware(day, datetime.time.min)


def calendar_end(day: datetime.date) -> datetime.datetime:
    from facilities.availability import aware

    return aware(day + ONE_DAY, datetime.time.min)
