"""The catalogue as the week view reads it, cached: a resource with its facility,
rules, opening hours, divisions and fees changes rarely, and loading it took a third
of the page's time on PostgreSQL. A write to any of those tables makes the cached copy
stale at once (portal.pagecache), and the page that used it with it.

Bookings, closures and lottery rounds are never cached: the week view reads them on
every request, and every write re-reads everything inside its lock."""

from __future__ import annotations

from functools import partial

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404

from facilities.models import Facility, FeeRate, OpeningHours, Resource, TimeDivision
from portal import pagecache

TIMEOUT = 300
SLUG_LENGTH = max(Facility._meta.get_field("slug").max_length, Resource._meta.get_field("slug").max_length)
FACILITY_PREFETCHES = (
    Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday")),
    Prefetch("divisions", queryset=TimeDivision.objects.order_by("starts")),
)


def load_resource(facility_slug: str, resource_slug: str) -> Resource:
    """An active resource with its facility, rules, opening hours, divisions and fee
    rates (`resource.rate_list`), from the database; 404 if there is none."""
    resource = (
        Resource.objects.filter(
            is_active=True, facility__is_active=True, facility__slug=facility_slug, slug=resource_slug
        )
        .select_related("facility__policy", "policy")
        .first()
    )
    if resource is None:
        raise Http404
    prefetch_related_objects([resource.facility], *FACILITY_PREFETCHES)
    resource.rate_list = list(FeeRate.objects.filter(resource=resource).select_related("division"))
    return resource


def cached_resource(facility_slug: str, resource_slug: str) -> Resource:
    # Slugs from the address can be any length: one longer than a stored slug names
    # nothing, and must not become a cache key (a 100,000-character one otherwise).
    if len(facility_slug) > SLUG_LENGTH or len(resource_slug) > SLUG_LENGTH:
        raise Http404
    key = f"facilities:resource:{facility_slug}:{resource_slug}"
    return pagecache.get_or_set(key, partial(load_resource, facility_slug, resource_slug), TIMEOUT)
