"""Named reads for facilities and bookings."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from portal.models import User

ACTIVE = ("pending", "confirmed")
# No booking is longer than this (rooms: one day; loans: Resource.loan_max_days <= 31).
# The lower bound on starts_at lets the (resource, starts_at) index find a week's
# bookings without scanning the years before it.
LONGEST_BOOKING = datetime.timedelta(days=32)


class BookingQuerySet(models.QuerySet):
    def active(self) -> BookingQuerySet:
        return self.filter(status__in=ACTIVE)

    def overlapping(self, starts_at: datetime.datetime, ends_at: datetime.datetime) -> BookingQuerySet:
        return self.filter(starts_at__lt=ends_at, starts_at__gt=starts_at - LONGEST_BOOKING, ends_at__gt=starts_at)

    def on_dates(self, start: datetime.date, end: datetime.date) -> BookingQuerySet:
        """Bookings used between two dates, inclusive."""
        return self.filter(use_date__gte=start, use_date__lte=end)

    def of_user(self, user: User | Any) -> BookingQuerySet:
        """A person's own bookings and their groups' bookings (`BookingPolicy`, "act")."""
        from facilities.permissions import booking_policy

        return booking_policy.instances_user_has_permission_for(user, "act", self)

    def for_list(self) -> BookingQuerySet:
        return self.select_related("resource__facility", "group", "department", "user")

    def for_detail(self) -> BookingQuerySet:
        """Everything a booking's page (the party's or the staff's) shows."""
        return self.select_related(
            "resource__facility__policy",
            "resource__policy",
            "group",
            "user",
            "department",
            "reduction_rule",
            "entered_by",
            "decided_by",
        )
