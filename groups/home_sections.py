"""groups' home sections (portal.whats_on): this week's events, volunteer openings that
close soon, and a few groups recruiting. Each context runs a fixed number of queries."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import whats_on

HOME_ITEMS = 6


def events_context() -> dict[str, Any]:
    from groups.models import Event

    today = timezone.localdate()
    events = (
        Event.objects.upcoming()
        .between(today, today + datetime.timedelta(days=6))
        .select_related("group", "department")
        .order_by("starts_at", "pk")[:HOME_ITEMS]
    )
    return {"events": list(events)}


def openings_context() -> dict[str, Any]:
    from groups.models import VolunteerOpening

    return {"openings": list(VolunteerOpening.objects.open().for_list().order_by("deadline", "pk")[:HOME_ITEMS])}


def recruiting_context() -> dict[str, Any]:
    """Registered groups with an open volunteer opening, the most recently updated first."""
    from groups.models import CommunityGroup, VolunteerOpening

    groups = (
        CommunityGroup.objects.registered()
        .filter(pk__in=VolunteerOpening.objects.open().values("group_id"))
        .only("pk", "slug", "name", "purpose", "updated_at")
        .order_by("-updated_at", "pk")[:4]
    )
    return {"groups": list(groups)}


def register() -> None:
    whats_on.register(
        whats_on.HomeSection(
            key="groups.events",
            title=_("This week's events"),
            order=10,
            template="groups/includes/_home_events.html",
            context=events_context,
            more_url="groups:event-list",
        ),
        whats_on.HomeSection(
            key="groups.openings",
            title=_("Volunteer openings closing soon"),
            order=20,
            template="groups/includes/_home_openings.html",
            context=openings_context,
            more_url="groups:opening-list",
        ),
        whats_on.HomeSection(
            key="groups.recruiting",
            title=_("Groups looking for helpers"),
            order=50,
            template="groups/includes/_home_recruiting.html",
            context=recruiting_context,
            more_url="groups:list",
        ),
    )
