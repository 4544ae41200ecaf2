"""`<time datetime>` values are valid HTML: seconds at most, with the offset."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from facilities import services as facility_services
from tests.factories.events import create_event
from tests.factories.facilities import create_facility, create_room, days_ahead
from tests.factories.groups import create_group
from tests.factories.portal import InfoPageFactory, NewsFactory, UserFactory

pytestmark = pytest.mark.django_db

DATETIME_ATTR = re.compile(r'datetime="([^"]*)"')
# A valid date string, or a valid global date and time string to the second with an offset.
VALID = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")


def test_datetime_attr__filter() -> None:
    template = Template("{% load portal_tags %}{{ value|datetime_attr }}")
    aware = datetime.datetime(2026, 12, 1, 1, 0, 5, 123456, tzinfo=datetime.UTC)
    assert template.render(Context({"value": aware})) == "2026-12-01T10:00:05+09:00"
    assert template.render(Context({"value": datetime.date(2026, 12, 1)})) == "2026-12-01"
    assert template.render(Context({"value": None})) == ""


def test_rendered_pages__no_microseconds_in_datetime_attributes(client: Any, role_users: dict[str, Any]) -> None:
    with_micro = timezone.now().replace(microsecond=654321)
    news = NewsFactory(title="お知らせ", publish_at=with_micro - datetime.timedelta(days=1))
    page = InfoPageFactory()
    start = with_micro + datetime.timedelta(days=7)
    event = create_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    facility = create_facility(slug="central")
    room = create_room(facility)
    member = UserFactory(relationship="resident")
    booking = facility_services.booking_create(
        actor=member,
        resource=room,
        use_date=days_ahead(10),
        slot_keys=["09:00"],
        purpose="役員会",
        expected_people=4,
        group=create_group(members=(member,)),
    )
    public = [
        reverse("portal:home"),
        news.get_absolute_url(),
        reverse("portal:news-list"),
        page.get_absolute_url(),
        reverse("groups:event-list"),
        event.get_absolute_url(),
        reverse("facilities:facility", args=["central"]),
        reverse("facilities:resource", args=["central", room.slug]),
    ]
    seen: list[str] = []
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        seen += DATETIME_ATTR.findall(response.content.decode())
    client.force_login(member)
    for url in (reverse("facilities:my-bookings"), booking.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        seen += DATETIME_ATTR.findall(response.content.decode())
    client.force_login(role_users["city_staff"])
    seen += DATETIME_ATTR.findall(client.get(reverse("portal:staff-auditlog")).content.decode())
    assert len(seen) > 10
    invalid = [value for value in seen if not VALID.match(value)]
    assert invalid == []
