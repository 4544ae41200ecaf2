"""The page cache on the public pages of groups, events, volunteering, open data and the
talent bank (issue 12): after each write through groups.services, committed, no page
the cache serves differs from a fresh render. Each write is preceded by warming every
page (each one a hit), so a page the write leaves stale fails the test."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.services import (
    event_cancel,
    event_update,
    group_approve,
    group_update,
    opening_close,
    registration_create,
)
from groups.services import talent as talent_services
from groups.views.registration import GroupDirectoryView
from tests.factories.events import create_event
from tests.factories.groups import apply_for_group, create_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.talent import create_helper
from tests.factories.volunteering import create_opening
from tests.pagecache import check_writes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def city(monkeypatch: Any) -> dict[str, Any]:
    monkeypatch.setattr(GroupDirectoryView, "paginate_by", 2)  # a page 2 with three groups
    rep = UserFactory()
    group = create_group(representative=rep, name="みどり子ども食堂", name_kana="ミドリコドモショクドウ")
    create_group(name="あおぞら会", name_kana="アオゾラカイ")
    create_group(name="わかば会", name_kana="ワカバカイ")
    event = create_event(group=group, organiser=rep, title="夏まつり", capacity=3, requires_signup=True)
    return {"rep": rep, "group": group, "event": event, "opening": create_opening(group=group)}


def public_pages(city: dict[str, Any]) -> list[str]:
    group, event, opening = city["group"], city["event"], city["opening"]
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    day = timezone.localtime(event.starts_at).date().isoformat()
    return [
        reverse("groups:list"),
        reverse("groups:list") + "?q=子ども",
        reverse("groups:list") + "?field=welfare&area=chuo",
        reverse("groups:list") + "?page=2",
        "/en/groups/",
        group.get_absolute_url(),
        reverse("groups:event-list"),
        reverse("groups:event-list") + f"?month={month}",
        reverse("groups:event-list") + f"?month={month}&field=welfare",
        reverse("groups:event-list") + f"?start={day}&end={day}",
        reverse("groups:event-list") + "?q=まつり",
        "/en/events/",
        event.get_absolute_url(),
        reverse("groups:event-ics", args=[event.pk]),
        reverse("groups:event-feed"),
        reverse("groups:opening-list"),
        reverse("groups:opening-list") + "?students=on",
        reverse("groups:opening-detail", args=[opening.pk]),
        reverse("groups:opendata"),
        reverse("groups:opendata-groups-csv"),
        reverse("groups:opendata-groups-json"),
        reverse("groups:opendata-events-csv"),
        reverse("talent:list"),
        "/",
    ]


def test_events__no_stale_page(client: Any, city: dict[str, Any]) -> None:
    rep, group, event = city["rep"], city["group"], city["event"]

    def edit() -> None:
        event_update(event=event, actor=rep, data={"title": "夏まつり（雨天決行）", "place": "中央公園"})

    def later() -> None:
        start = event.starts_at + datetime.timedelta(days=1)
        event_update(event=event, actor=rep, data={"starts_at": start, "ends_at": start + datetime.timedelta(hours=1)})

    check_writes(
        client,
        public_pages(city),
        [
            ("an event created", lambda: create_event(group=group, organiser=rep, title="秋の清掃活動")),
            ("an event edited", edit),
            ("an event moved a day", later),
            ("someone signs up", lambda: registration_create(event=event, user=UserFactory())),
            ("an event cancelled", lambda: event_cancel(event=event, actor=rep)),
        ],
    )


def test_groups_and_openings__no_stale_page(client: Any, city: dict[str, Any]) -> None:
    rep, group, opening = city["rep"], city["group"], city["opening"]
    pending = apply_for_group(name="ひかり子ども会", name_kana="ヒカリコドモカイ")

    check_writes(
        client,
        public_pages(city),
        [
            ("a registration approved", lambda: group_approve(group=pending, actor=reviewing_staff())),
            (
                "a group renamed",
                lambda: group_update(group=group, actor=rep, data={"name": "みどり子ども食堂ネットワーク"}),
            ),
            ("an opening created", lambda: create_opening(group=group, title="夏まつりの受付係")),
            ("an opening closed", lambda: opening_close(opening=opening, actor=rep)),
        ],
    )


def test_talent_bank__no_stale_page(client: Any, city: dict[str, Any]) -> None:
    profile = create_helper(approved=False, display_name="会計ボランティアM")

    check_writes(
        client,
        [reverse("talent:list"), reverse("talent:list") + "?skill=accounting", "/"],
        [
            (
                "a talent profile approved",
                lambda: talent_services.profile_review(profile=profile, actor=reviewing_staff(), decision="approve"),
            ),
            ("another helper registered and approved", lambda: create_helper(display_name="広報ボランティアS")),
        ],
    )
