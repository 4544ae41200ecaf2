"""The site search's kinds from groups: registered groups, events until they end,
volunteer openings until their deadline (groups/search_kinds.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from groups import services
from groups.models import CommunityGroup, Event, VolunteerOpening
from portal import search
from portal.models import ActivityField, Area, SearchEntry
from tests.factories.events import create_event
from tests.factories.groups import create_group
from tests.factories.volunteering import create_opening

pytestmark = pytest.mark.django_db


def found(kind: str, query: str) -> set[str]:
    """Titles the site search shows now for `query` among entries of `kind`."""
    return set(search.current(search.matching(query, kind=kind)).values_list("title", flat=True))


@pytest.fixture
def welfare_world() -> dict[str, Any]:
    sakuragawa = Area.objects.create(slug="sakuragawa", name="桜川地区", name_en="Sakuragawa")
    group = create_group(
        name="ひだまり福祉会", name_kana="ヒダマリフクシカイ", purpose="高齢者の見守りと子育て支援", areas=[sakuragawa]
    )
    sports = ActivityField.objects.create(slug="sports", name="スポーツ", name_en="Sports")
    other = create_group(
        name="少年野球クラブ", name_kana="ショウネンヤキュウクラブ", purpose="野球の練習", fields=[sports]
    )
    event = create_event(group=group, title="介護の基礎講座", place="桜川公民館")
    opening = create_opening(group=group, title="配食の手伝い", place="桜川公民館")
    search.rebuild()
    return {"group": group, "other": other, "event": event, "opening": opening, "area": sakuragawa}


@pytest.mark.parametrize("query", ["福祉", "ふくし", "フクシ", "福", "ﾌｸｼ"])
def test_group__found_by_kanji_kana_and_one_character(welfare_world: dict[str, Any], query: str) -> None:
    assert found("groups.group", query) == {"ひだまり福祉会"}


def test_group__reading_of_purpose_and_area(welfare_world: dict[str, Any]) -> None:
    assert found("groups.group", "こそだて") == {"ひだまり福祉会"}
    assert found("groups.group", "さくらがわ") == {"ひだまり福祉会"}  # the area's name


def test_event_and_opening__place_and_group_name(welfare_world: dict[str, Any]) -> None:
    assert found("groups.event", "さくらがわ") == {"介護の基礎講座"}
    assert found("groups.event", "ふくし") == {"介護の基礎講座"}  # the organising group's name
    assert found("groups.event", "かいご") == {"介護の基礎講座"}
    assert found("groups.opening", "さくらがわ") == {"配食の手伝い"}
    assert found("groups.opening", "ひだまり") == {"配食の手伝い"}


def test_entries__carry_fields_areas_and_dates(welfare_world: dict[str, Any]) -> None:
    group, event, area = welfare_world["group"], welfare_world["event"], welfare_world["area"]
    entry = SearchEntry.objects.get(kind="groups.event", object_id=event.pk)
    assert set(entry.areas.values_list("pk", flat=True)) == {area.pk}  # from the group (no area of its own)
    assert set(entry.fields.values_list("pk", flat=True)) == set(group.fields.values_list("pk", flat=True))
    assert entry.date == event.starts_at
    assert entry.expires_at == event.ends_at
    opening = SearchEntry.objects.get(kind="groups.opening", object_id=welfare_world["opening"].pk)
    assert timezone.localtime(opening.expires_at).date() == welfare_world["opening"].deadline + datetime.timedelta(
        days=1
    )


def test_pending_group__not_indexed() -> None:
    create_group(name="審査中の福祉会", registered=False)
    search.rebuild()
    assert found("groups.group", "ふくし") == set()


def test_past_event__leaves_the_index() -> None:
    event = create_event(title="子育て講座")
    search.rebuild()
    assert found("groups.event", "こそだて") == {"子育て講座"}
    start = timezone.now() - datetime.timedelta(days=3)
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    search.rebuild()
    assert found("groups.event", "こそだて") == set()
    # The events list shows only events still to come: its `q` and the index agree.
    assert list(search.filter_queryset(Event.objects.upcoming(), "こそだて")) == []


def test_ended_event__pruned(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        create_event(title="子育て講座")
    assert search.prune(now=timezone.now() + datetime.timedelta(days=400)) >= 1
    assert found("groups.event", "こそだて") == set()


def test_opening_past_deadline__not_in_the_site_search() -> None:
    opening = create_opening(title="子育てひろばの受付")
    VolunteerOpening.objects.filter(pk=opening.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    search.rebuild()
    assert found("groups.opening", "こそだて") == set()


def test_cancelled_event_and_closed_opening__leave_the_index(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        event = create_event(title="子育て講座")
        opening = create_opening(title="子育てひろばの受付")
    assert found("groups.event", "こそだて") == {"子育て講座"}
    assert found("groups.opening", "こそだて") == {"子育てひろばの受付"}
    rep = event.group.memberships.get(role="representative").user
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, actor=rep)
    assert found("groups.event", "こそだて") == set()
    rep = opening.group.memberships.get(role="representative").user
    with django_capture_on_commit_callbacks(execute=True):
        services.opening_close(opening=opening, actor=rep)
    assert found("groups.opening", "こそだて") == set()


def test_group_rename__updates_its_events_and_openings(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        group = create_group(name="みどりの会")
        create_event(group=group, title="講座")
        create_opening(group=group, title="受付")
    assert found("groups.event", "えんげい") == set()
    rep = group.memberships.get(role="representative").user
    with django_capture_on_commit_callbacks(execute=True):
        services.group_update(group=group, actor=rep, data={"name": "みどり園芸の会"})
    assert found("groups.group", "えんげい") == {"みどり園芸の会"}
    assert found("groups.event", "えんげい") == {"講座"}
    assert found("groups.opening", "えんげい") == {"受付"}


def test_group_areas_alone__reindexed(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        group = create_group(name="みどりの会")
        sakuragawa = Area.objects.create(slug="sakuragawa", name="桜川地区")
    rep = group.memberships.get(role="representative").user
    with django_capture_on_commit_callbacks(execute=True):
        services.group_update(group=group, actor=rep, data={}, areas=[sakuragawa])
    assert found("groups.group", "さくらがわ") == {"みどりの会"}


def test_area_rename__reindexes_its_groups(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        area = Area.objects.create(slug="kita", name="北地区")
        create_group(name="みどりの会", areas=[area])
    with django_capture_on_commit_callbacks(execute=True):
        area.name = "桜川地区"
        area.save()
    assert found("groups.group", "さくらがわ") == {"みどりの会"}


def test_rebuild__no_query_per_object(django_assert_max_num_queries: Any) -> None:
    for n in range(6):
        group = create_group(name=f"会{n}")
        create_event(group=group)
        create_opening(group=group)
    assert CommunityGroup.objects.count() == 6
    # Per kind: delete, read (with its prefetches), insert entries and links; never per object.
    with django_assert_max_num_queries(60):
        counts = search.rebuild(["groups.group", "groups.event", "groups.opening"])
    assert counts == {"groups.group": 6, "groups.event": 6, "groups.opening": 6}
