"""What the topic e-mails (portal.newsletter) take from groups: new events and new
volunteer openings. Registered from GroupsConfig.ready."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.models import Event, VolunteerOpening
from portal import newsletter


def _narrow(
    qs: QuerySet[Any], fields: Collection[int] | None, areas: Collection[int] | None, field_path: str, area_path: str
) -> QuerySet[Any]:
    """Items in the fields and areas asked for (none = all); an item without any concerns everyone."""
    if fields:
        qs = qs.filter(Q(**{f"{field_path}__in": fields}) | Q(**{f"{field_path}__isnull": True}))
    if areas:
        qs = qs.filter(Q(**{f"{area_path}__in": areas}) | Q(**{f"{area_path}__isnull": True}))
    return qs.distinct() if fields or areas else qs


def event_items(
    since: datetime.datetime,
    until: datetime.datetime,
    fields: Collection[int] | None,
    areas: Collection[int] | None,
    language: str,
) -> list[newsletter.DigestItem]:
    """Published events added in (since, until] that have not started yet."""
    events = _narrow(
        Event.objects.published().filter(created_at__gt=since, created_at__lte=until, starts_at__gt=until),
        fields,
        areas,
        "fields",
        "area",
    )
    return [
        newsletter.DigestItem(
            title=event.localized("title"),
            path=event.get_absolute_url(),
            published_at=event.created_at,
            when=f"{formats.date_format(timezone.localtime(event.starts_at), 'DATETIME_FORMAT')} {event.place}",
            fields=frozenset(f.pk for f in event.fields.all()),
            areas=frozenset([event.area_id]) if event.area_id else frozenset(),
        )
        for event in events.prefetch_related("fields").order_by("starts_at", "pk")[:200]
    ]


def opening_items(
    since: datetime.datetime,
    until: datetime.datetime,
    fields: Collection[int] | None,
    areas: Collection[int] | None,
    language: str,
) -> list[newsletter.DigestItem]:
    """Volunteer openings added in (since, until] that still take applications."""
    openings = _narrow(
        VolunteerOpening.objects.open(timezone.localdate(until)).filter(created_at__gt=since, created_at__lte=until),
        fields,
        areas,
        "group__fields",
        "group__areas",
    )
    return [
        newsletter.DigestItem(
            title=f"{opening.title} ({opening.group.name})",
            path=opening.get_absolute_url(),
            published_at=opening.created_at,
            when=_("Apply by %(date)s") % {"date": formats.date_format(opening.deadline, "DATE_FORMAT")},
            fields=frozenset(f.pk for f in opening.group.fields.all()),
            areas=frozenset(a.pk for a in opening.group.areas.all()),
        )
        for opening in openings.select_related("group")
        .prefetch_related("group__fields", "group__areas")
        .order_by("deadline", "pk")[:200]
    ]


def register() -> None:
    newsletter.register(
        newsletter.DigestSource(
            key="events",
            label=gettext_lazy("New events"),
            items=event_items,
            order=10,
            list_url="groups:event-list",
        ),
        newsletter.DigestSource(
            key="openings",
            label=gettext_lazy("Volunteer openings"),
            items=opening_items,
            order=20,
            list_url="groups:opening-list",
        ),
    )
