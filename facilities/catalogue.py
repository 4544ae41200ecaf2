"""The catalogue as the week view reads it, cached: a resource with its facility,
rules, opening hours, divisions and fees changes rarely, and loading it took a third
of the page's time on PostgreSQL. Any save or delete of those rows bumps a version
number that is part of the cache key (signals below); entries also expire after five
minutes, which bounds staleness when several processes each keep a local cache.

Bookings, closures and lottery rounds are never cached: the week view reads them on
every request, and every write re-reads everything inside its lock."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from django.http import Http404

from facilities.models import BookingPolicy, Facility, FeeRate, OpeningHours, Resource, TimeDivision

VERSION_KEY = "facilities:catalogue-version"
TIMEOUT = 300
SLUG_LENGTH = max(Facility._meta.get_field("slug").max_length, Resource._meta.get_field("slug").max_length)
FACILITY_PREFETCHES = (
    Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday")),
    Prefetch("divisions", queryset=TimeDivision.objects.order_by("starts")),
)


def version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump(**kwargs: Any) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


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
    key = f"facilities:resource:{version()}:{facility_slug}:{resource_slug}"
    resource = cache.get(key)
    if resource is None:
        resource = load_resource(facility_slug, resource_slug)
        cache.set(key, resource, TIMEOUT)
    return resource


for model in (Facility, Resource, BookingPolicy, OpeningHours, TimeDivision, FeeRate):
    post_save.connect(bump, sender=model, dispatch_uid=f"facilities-catalogue-save-{model.__name__}")
    post_delete.connect(bump, sender=model, dispatch_uid=f"facilities-catalogue-delete-{model.__name__}")
