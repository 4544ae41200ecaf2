"""Read helpers of the 後援・共催 requests (lists, the staff queue's counts, the event
page's badges, the groups a user may request for)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.models import NOMINAL_BENEFITS, EndorsementKind, EndorsementRequest, EndorsementStatus
from groups.models import CommunityGroup, Event
from groups.permissions import editor_group_ids
from portal.models import SiteConfiguration

LIST_FIELDS = (
    "pk",
    "kind",
    "group__name",
    "receipt_number",
    "status",
    "event_title",
    "starts_on",
    "ends_on",
    "main_benefit",
    "reported_at",
    "created_at",
)


def report_due_q() -> Q:
    """Approved requests whose event is over and whose 実施報告 is missing."""
    return Q(status=EndorsementStatus.APPROVED, reported_at__isnull=True, ends_on__lt=timezone.localdate())


def nominal_q() -> Q:
    """C-24: 共催 sought mainly for a fee reduction or a subsidy."""
    return Q(kind=EndorsementKind.COHOSTING, main_benefit__in=list(NOMINAL_BENEFITS))


def for_list(queryset: QuerySet[EndorsementRequest]) -> QuerySet[EndorsementRequest]:
    return queryset.select_related("group").only(*LIST_FIELDS)


def queue_counts() -> dict[str, int]:
    """The staff queue's tabs: waiting for a decision, flagged as possibly nominal (among
    those waiting), and missing 実施報告."""
    submitted = Q(status=EndorsementStatus.SUBMITTED)
    return EndorsementRequest.objects.aggregate(
        submitted=Count("pk", filter=submitted),
        nominal=Count("pk", filter=submitted & nominal_q()),
        report_due=Count("pk", filter=report_due_q()),
    )


def requesting_groups(user: Any) -> QuerySet[CommunityGroup]:
    """The groups the user may request for (representative or editor)."""
    return CommunityGroup.objects.filter(pk__in=editor_group_ids(user)).order_by("name_kana", "pk")


def upcoming_events(group_ids: Iterable[int]) -> QuerySet[Event]:
    """The groups' published events still to come (to prefill a request)."""
    return (
        Event.objects.filter(group_id__in=group_ids, starts_at__gte=timezone.now())
        .exclude(status="cancelled")
        .select_related("group")
        .order_by("starts_at", "pk")
    )


def event_badges(event_ids: Iterable[int]) -> dict[int, list[str]]:
    """「みどり市後援」「みどり市共催」 for events with an approved (not revoked) request
    (one query; the city's name comes from the cached site configuration)."""
    ids = list(event_ids)
    if not ids:
        return {}
    rows = (
        EndorsementRequest.objects.filter(event_id__in=ids, status=EndorsementStatus.APPROVED)
        .order_by("kind")
        .values_list("event_id", "kind")
        .distinct()
    )
    city = SiteConfiguration.get_solo().localized_city_name()
    badges: dict[int, list[str]] = {}
    for event_id, kind in rows:
        if kind == EndorsementKind.COHOSTING:
            label = _("Co-hosted by %(city)s") % {"city": city}
        else:
            label = _("Endorsed by %(city)s") % {"city": city}
        badges.setdefault(event_id, []).append(label)
    return badges
