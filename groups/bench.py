"""The groups app's public pages for `make bench`."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from groups.models import CommunityGroup, Event, Membership, VolunteerOpening


def group_pages() -> list[tuple[str, str]]:
    pages = [
        ("groups directory", reverse("groups:list")),
        ("groups keyword (2 chars)", reverse("groups:list") + "?q=福祉"),
        ("groups keyword (kana)", reverse("groups:list") + "?q=ふくし"),
        ("groups keyword + field + area", reverse("groups:list") + "?q=子ども&field=welfare&area=chuo"),
    ]
    if CommunityGroup.objects.registered().count() > 60:
        pages.append(("groups directory page 3", reverse("groups:list") + "?page=3"))
    group = CommunityGroup.objects.registered().order_by("pk").first()
    if group:
        pages.append(("group profile", group.get_absolute_url()))
    today = timezone.localdate()
    month = today.strftime("%Y-%m")
    # The month after next: the search bench's top-up fills it with hundreds of events.
    later = (today.replace(day=1) + datetime.timedelta(days=62)).strftime("%Y-%m")
    pages += [
        ("events", reverse("groups:event-list")),
        ("events keyword", reverse("groups:event-list") + "?q=講座"),
        ("events field + dates", reverse("groups:event-list") + "?field=welfare&start=2026-01-01&end=2030-12-31"),
        ("events calendar month", reverse("groups:event-list") + f"?month={month}"),
        ("events calendar, month after next", reverse("groups:event-list") + f"?month={later}"),
        ("volunteer openings", reverse("groups:opening-list")),
        ("open data page", reverse("groups:opendata")),
    ]
    event = Event.objects.upcoming().order_by("starts_at").first()
    if event:
        pages.append(("event detail", event.get_absolute_url()))
    opening = VolunteerOpening.objects.open().first()
    if opening:
        pages.append(("volunteer opening", opening.get_absolute_url()))
    return pages


def signed_in_pages() -> list[tuple[str, ...]]:
    """Signed-in pages, as the demo city's accounts: a representative's groups and the
    manage page of their group, a citizen's /my/ page, and the staff's review queue."""
    pages: list[tuple[str, ...]] = [
        ("my activity (/my/)", reverse("portal:my"), "citizen@example.jp"),
        ("my groups", reverse("groups:mine"), "rep@example.jp"),
        ("staff group review queue", reverse("groups:review-queue"), "staff@example.jp"),
    ]
    membership = (
        Membership.objects.filter(user__email="rep@example.jp", role="representative").select_related("group").first()
    )
    if membership is not None:
        pages.append(("group manage page", reverse("groups:manage", args=[membership.group.slug]), "rep@example.jp"))
    return pages
