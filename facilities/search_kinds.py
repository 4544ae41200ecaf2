"""What the site search finds of facilities: active facilities, and their active rooms
and equipment (whose entries show the facility's name). See portal.search."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from facilities.models import Facility, Resource
from portal import search


def facility_document(facility: Facility) -> search.Document | None:
    if not facility.is_active:
        return None
    return search.Document(
        title=facility.name,
        title_en=facility.name_en,
        summary=facility.description,
        summary_en=facility.description_en,
        path=facility.get_absolute_url(),
        texts=[
            facility.name_kana,
            facility.address,
            facility.address_en,
            facility.access,
            facility.services,
            facility.services_en,
            facility.description,
            facility.description_en,
        ],
    )


def resource_document(resource: Resource) -> search.Document | None:
    facility = resource.facility
    if not (resource.is_active and facility.is_active):
        return None
    return search.Document(
        title=resource.name,
        title_en=resource.name_en,
        summary=resource.description or resource.equipment,
        summary_en=resource.description_en or resource.equipment_en,
        path=resource.get_absolute_url(),
        texts=[
            facility.name,
            facility.name_kana,
            facility.name_en,
            resource.get_category_display(),
            resource.equipment,
            resource.equipment_en,
            resource.description,
            resource.description_en,
        ],
    )


def resources_queryset() -> QuerySet[Resource]:
    return Resource.objects.filter(is_active=True, facility__is_active=True).select_related("facility")


def shown_with_facility(facility: Facility) -> Iterable[Resource]:
    """A facility's name (and whether it is open) shows in its rooms' entries."""
    return facility.resources.only("pk")


def register() -> None:
    search.register(
        search.Kind(
            key="facilities.facility",
            label=_("Facilities"),
            model=Facility,
            document=facility_document,
            queryset=lambda: Facility.objects.filter(is_active=True),
            order=40,
            related=shown_with_facility,
        ),
        search.Kind(
            key="facilities.resource",
            label=_("Rooms and equipment"),
            model=Resource,
            document=resource_document,
            queryset=resources_queryset,
            order=45,
        ),
    )
