"""What the site search finds of groups: registered groups, events that are not
cancelled (until they end) and volunteer openings taking applications (until their
deadline). See portal.search."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from groups.models import CommunityGroup, Event, EventStatus, GroupStatus, VolunteerOpening
from portal import search
from portal.models import ActivityField, Area, Department


def group_document(group: CommunityGroup) -> search.Document | None:
    if group.status != GroupStatus.REGISTERED:
        return None
    fields, areas = list(group.fields.all()), list(group.areas.all())
    return search.Document(
        title=group.name,
        summary=group.purpose,
        path=group.get_absolute_url(),
        texts=[group.name_kana, group.purpose, group.activities, group.meeting_place, *search.names(fields + areas)],
        expires_at=search.end_of_day(group.registered_until),
        field_ids=[f.pk for f in fields],
        area_ids=[a.pk for a in areas],
    )


def groups_queryset() -> QuerySet[CommunityGroup]:
    return CommunityGroup.objects.filter(status=GroupStatus.REGISTERED).prefetch_related("fields", "areas")


def event_document(event: Event) -> search.Document | None:
    if event.status != EventStatus.PUBLISHED:
        return None
    organiser: Any = event.group or event.department
    fields = list(event.fields.all()) or (list(event.group.fields.all()) if event.group else [])
    areas = [event.area] if event.area is not None else list(event.group.areas.all()) if event.group else []
    return search.Document(
        title=event.title,
        title_en=event.title_en,
        summary=event.description,
        path=event.get_absolute_url(),
        texts=[
            event.title_kana,
            event.place,
            event.address,
            organiser.name if organiser else "",
            getattr(organiser, "name_en", ""),
            event.description,
            *search.names(fields + areas),
        ],
        date=event.starts_at,
        expires_at=event.ends_at,
        field_ids=[f.pk for f in fields],
        area_ids=[a.pk for a in areas],
    )


def events_queryset() -> QuerySet[Event]:
    return (
        # What has ended is not indexed (portal.search drops expired documents): a rebuild
        # reads only the events still to come, not years of past ones.
        Event.objects.upcoming()
        .select_related("group", "department", "area")
        .prefetch_related("fields", "group__fields", "group__areas")
    )


def opening_document(opening: VolunteerOpening) -> search.Document | None:
    group = opening.group
    if opening.is_closed or group.status != GroupStatus.REGISTERED:
        return None
    fields, areas = list(group.fields.all()), list(group.areas.all())
    return search.Document(
        title=opening.title,
        summary=opening.description,
        path=opening.get_absolute_url(),
        texts=[
            group.name,
            opening.place,
            opening.skills,
            opening.when,
            opening.description,
            *search.names(fields + areas),
        ],
        date=search.end_of_day(opening.deadline),
        expires_at=min(search.end_of_day(opening.deadline), search.end_of_day(group.registered_until)),
        field_ids=[f.pk for f in fields],
        area_ids=[a.pk for a in areas],
    )


def openings_queryset() -> QuerySet[VolunteerOpening]:
    return (
        VolunteerOpening.objects.filter(is_closed=False, group__status=GroupStatus.REGISTERED)
        .select_related("group")
        .prefetch_related("group__fields", "group__areas")
    )


def shown_with_group(group: CommunityGroup) -> Iterable[Model]:
    """A group's name, fields and areas show in its events and openings."""
    yield from Event.objects.upcoming().filter(group=group).only("pk")
    yield from VolunteerOpening.objects.filter(group=group, is_closed=False).only("pk")


def shown_with_taxonomy(item: ActivityField | Area) -> Iterable[Model]:
    """A field's or an area's name is searchable text of the groups and events that have it."""
    lookup = "fields" if isinstance(item, ActivityField) else "areas"
    yield from CommunityGroup.objects.filter(**{lookup: item}, status=GroupStatus.REGISTERED).only("pk")
    event_lookup = Q(fields=item) if isinstance(item, ActivityField) else Q(area=item)
    yield from Event.objects.upcoming().filter(event_lookup).only("pk").distinct()


def shown_with_department(department: Department) -> Iterable[Model]:
    yield from Event.objects.upcoming().filter(department=department).only("pk")


def register() -> None:
    search.register(
        search.Kind(
            key="groups.group",
            label=_("Groups"),
            model=CommunityGroup,
            document=group_document,
            queryset=groups_queryset,
            order=10,
            related=shown_with_group,
            list_url="groups:list",
        ),
        search.Kind(
            key="groups.event",
            label=_("Events"),
            model=Event,
            document=event_document,
            queryset=events_queryset,
            order=20,
            list_url="groups:event-list",
        ),
        search.Kind(
            key="groups.opening",
            label=_("Volunteer openings"),
            model=VolunteerOpening,
            document=opening_document,
            queryset=openings_queryset,
            order=30,
            list_url="groups:opening-list",
        ),
    )
    search.register_dependents(ActivityField, shown_with_taxonomy)
    search.register_dependents(Area, shown_with_taxonomy)
    search.register_dependents(Department, shown_with_department)
