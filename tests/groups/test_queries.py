"""Query counts of the groups pages do not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import ActivityField, Area
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(n: int) -> None:
    extra_field = ActivityField.objects.get_or_create(slug="sports", defaults={"name": "スポーツ"})[0]
    extra_area = Area.objects.get_or_create(slug="hokubu", defaults={"name": "北部地区"})[0]
    welfare = ActivityField.objects.get_or_create(slug="welfare", defaults={"name": "福祉"})[0]
    for _ in range(n):
        create_group(
            fields=[welfare, extra_field], areas=[extra_area], purpose="福祉の活動です。", members=(UserFactory(),)
        )


@pytest.mark.parametrize(
    "url",
    [
        reverse("groups:list"),
        reverse("groups:list") + "?q=福祉",
        reverse("groups:list") + "?field=welfare&area=hokubu",
        reverse("groups:review-queue"),
    ],
)
def test_group_lists__constant_queries(client: Any, role_users: dict[str, Any], url: str) -> None:
    client.force_login(role_users["city_staff"])
    _grow(2)
    small = _count(client, url)
    _grow(25)
    assert _count(client, url) == small


def test_group_detail_and_manage__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["representative"])
    group = role_users["_group"]
    urls = [group.get_absolute_url(), reverse("groups:manage", args=[group.slug])]
    small = [_count(client, url) for url in urls]
    _grow(10)
    from groups.services import membership_add

    for _ in range(10):
        membership_add(group=group, user=UserFactory(), role="member", actor=None)
    assert [_count(client, url) for url in urls] == small


def _grow_events(group: Any, n: int) -> None:
    from groups.services import registration_create
    from tests.factories.events import create_event

    welfare = ActivityField.objects.get_or_create(slug="welfare", defaults={"name": "福祉"})[0]
    area = Area.objects.get_or_create(slug="hokubu", defaults={"name": "北部地区"})[0]
    for _ in range(n):
        event = create_event(group=group, fields=[welfare], area=area, capacity=3, requires_signup=True)
        registration_create(event=event, user=UserFactory())


def test_event_pages__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    from django.utils import timezone

    from tests.factories.events import create_event

    group = role_users["_group"]
    client.force_login(role_users["representative"])
    event = create_event(group=group, capacity=2, requires_signup=True)
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    urls = [
        reverse("groups:event-list"),
        reverse("groups:event-list") + "?q=テスト&field=welfare",
        reverse("groups:event-list") + f"?month={month}",
        reverse("groups:event-feed"),
        event.get_absolute_url(),
        reverse("groups:event-participants", args=[event.pk]),
        reverse("groups:event-participants-csv", args=[event.pk]),
        group.get_absolute_url(),
        reverse("groups:manage", args=[group.slug]),
    ]
    _grow_events(group, 2)
    small = [_count(client, url) for url in urls]
    _grow_events(group, 15)
    from groups.services import registration_create

    for _ in range(5):
        registration_create(event=event, user=UserFactory())
    assert [_count(client, url) for url in urls] == small


def test_volunteer_and_opendata__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    from tests.factories.events import create_event
    from tests.factories.volunteering import create_opening

    group = role_users["_group"]
    opening = create_opening(group=group)
    client.force_login(role_users["representative"])
    urls = [
        reverse("groups:opening-list"),
        reverse("groups:opening-list") + "?students=on&field=welfare",
        opening.get_absolute_url(),
        reverse("groups:opening-applications", args=[opening.pk]),
        reverse("groups:list") + "?recruiting=1",
        reverse("groups:opendata-groups-csv"),
        reverse("groups:opendata-groups-json"),
        reverse("groups:opendata-events-csv"),
    ]
    small = [_count(client, url) for url in urls]
    _grow(10)
    for _ in range(8):
        other = create_opening()
        create_event(group=other.group)
    from groups.services import application_create

    for _ in range(5):
        application_create(opening=opening, user=UserFactory(), message="参加します")
    assert [_count(client, url) for url in urls] == small


def test_member_and_review_pages__constant_queries(client: Any, role_users: dict[str, Any]) -> None:
    from groups.services import membership_add, membership_invite
    from tests.factories.groups import apply_for_group

    group = role_users["_group"]
    pending = apply_for_group()
    rep_urls = [reverse("groups:members", args=[group.slug]), reverse("groups:mine")]
    staff_urls = [reverse("groups:review", args=[pending.slug])]
    client.force_login(role_users["representative"])
    small_rep = [_count(client, url) for url in rep_urls]
    client.force_login(role_users["city_staff"])
    small_staff = [_count(client, url) for url in staff_urls]
    for n in range(8):
        membership_add(group=group, user=UserFactory(), role="member", actor=None)
        membership_invite(group=group, actor=role_users["representative"], email=f"x{n}@example.jp", role="member")
        membership_add(group=create_group(), user=role_users["representative"], role="member", actor=None)
    client.force_login(role_users["representative"])
    assert [_count(client, url) for url in rep_urls] == small_rep
    client.force_login(role_users["city_staff"])
    assert [_count(client, url) for url in staff_urls] == small_staff


PRODUCTION_CACHES = {
    # Production's default: the database cache (shared by every worker), and rendered
    # fragments per process (portal/settings.py).
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "q-fragments"},
}


def test_lists_with_the_database_cache__no_query_per_item(client: Any, role_users: dict[str, Any]) -> None:
    """With production's database cache, list items are not read from it one by one:
    the pages make as few queries with 27 groups and events as with 2."""
    from django.core.cache import caches
    from django.test import override_settings

    group = role_users["_group"]
    urls = [reverse("groups:list"), reverse("groups:event-list")]
    with override_settings(CACHES=PRODUCTION_CACHES):
        caches["fragments"].clear()
        _grow(2)
        _grow_events(group, 2)
        small = [_count(client, url) for url in urls]
        _grow(25)
        _grow_events(group, 25)
        assert [_count(client, url) for url in urls] == small
        assert max(small) <= 8, small
