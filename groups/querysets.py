"""Named reads for groups."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone

from portal import search

if TYPE_CHECKING:
    from portal.models import User


class CommunityGroupQuerySet(models.QuerySet):
    def registered(self, on: datetime.date | None = None) -> CommunityGroupQuerySet:
        """Groups whose registration is valid on `on` (today): the directory."""
        day = on or timezone.localdate()
        return self.filter(status="registered", registered_until__gte=day)

    def search(self, query: str | None) -> CommunityGroupQuerySet:
        """Groups whose site-search entry holds every term (readings included)."""
        return search.filter_queryset(self, query)

    def visible_to(self, user: User | Any) -> CommunityGroupQuerySet:
        """Registered groups for everyone; a group's own members and city staff also
        see it while it is pending, returned, lapsed or withdrawn (`GroupPolicy`)."""
        from groups.permissions import group_policy

        return group_policy.visible_to(user, self)

    def for_list(self) -> CommunityGroupQuerySet:
        """The columns a directory card shows; its fields and areas are attached to the
        page's groups by portal.taxonomy.attach (see GroupDirectoryView)."""
        return self.only(
            "pk",
            "slug",
            "name",
            "name_kana",
            "organisation_form",
            "purpose",
            "status",
            "registered_until",
            "updated_at",
        )

    def pending_review(self) -> CommunityGroupQuerySet:
        return self.filter(status="pending").order_by("submitted_at", "pk")


class EventQuerySet(models.QuerySet):
    def published(self) -> EventQuerySet:
        return self.filter(status="published")

    def upcoming(self, now: datetime.datetime | None = None) -> EventQuerySet:
        """Published events that have not ended."""
        return self.published().filter(ends_at__gte=now or timezone.now())

    def between(self, start: datetime.date, end: datetime.date) -> EventQuerySet:
        """Events that take place (at least partly) between two local dates, inclusive."""
        tz = timezone.get_current_timezone()
        start_at = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
        end_at = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return self.filter(starts_at__lt=end_at, ends_at__gt=start_at)

    def search(self, query: str | None) -> EventQuerySet:
        """Events whose site-search entry holds every term (readings included)."""
        return search.filter_queryset(self, query)

    def for_list(self) -> EventQuerySet:
        """What a list item shows (organiser and area); the activity fields are only
        filtered on, never shown in a list."""
        return self.select_related("group", "department", "area")

    def managed_by(self, user: User | Any) -> EventQuerySet:
        """Events the user may edit (`EventPolicy`, action "manage")."""
        from groups.permissions import event_policy

        return event_policy.instances_user_has_permission_for(user, "manage", self)


class VolunteerOpeningQuerySet(models.QuerySet):
    def open(self, today: datetime.date | None = None) -> VolunteerOpeningQuerySet:
        """Taking applications: not closed, deadline not passed, from a registered group."""
        day = today or timezone.localdate()
        return self.filter(
            is_closed=False, deadline__gte=day, group__status="registered", group__registered_until__gte=day
        )

    def search(self, query: str | None) -> VolunteerOpeningQuerySet:
        """Openings whose site-search entry holds every term (readings included)."""
        return search.filter_queryset(self, query)

    def for_list(self) -> VolunteerOpeningQuerySet:
        return self.select_related("group")
