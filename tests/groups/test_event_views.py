from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from groups import services
from groups.models import Event, EventRegistration
from portal import search
from portal.models import ActivityField, Area, StaffRole
from portal.services import staff_assign
from tests.factories.events import create_event, event_data
from tests.factories.groups import create_group
from tests.factories.portal import DepartmentFactory, UserFactory
from tests.roles import with_totp

pytestmark = pytest.mark.django_db


def _post_data(**overrides: Any) -> dict[str, Any]:
    data = event_data(**overrides)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or value is False:
            continue
        if isinstance(value, datetime.datetime):
            out[key] = timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
        elif value is True:
            out[key] = "on"
        else:
            out[key] = value
    return out


def test_list__upcoming_only_with_filters(client: Any) -> None:
    welfare = ActivityField.objects.create(slug="welfare", name="福祉")
    north = Area.objects.create(slug="hokubu", name="北部地区")
    create_event(title="福祉まつり", fields=[welfare], area=north)
    create_event(title="野球教室")
    past = create_event(title="終わった催し")
    Event.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=3), ends_at=timezone.now() - datetime.timedelta(days=2)
    )
    search.rebuild()  # the list's `q` is the site search's (indexed on commit, which tests skip)
    titles = lambda **q: [e.title for e in client.get(reverse("groups:event-list"), q).context["events"]]  # noqa: E731
    assert set(titles()) == {"福祉まつり", "野球教室"}
    # (The factory's group works in 福祉: its events match 福祉 too, through the field's name.)
    assert "福祉まつり" in titles(q="ふくし")  # the reading of 福祉
    assert "福祉まつり" in titles(q="福祉")
    assert titles(q="まつり") == ["福祉まつり"]
    assert titles(field="welfare") == ["福祉まつり"]
    assert titles(area="hokubu") == ["福祉まつり"]
    in_a_week = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    # event_data() starts events 7 days and up to 23 hours ahead: the next day too.
    a_day_later = (timezone.localdate() + datetime.timedelta(days=8)).isoformat()
    assert set(titles(start=in_a_week, end=a_day_later)) == {"福祉まつり", "野球教室"}
    assert titles(end=timezone.localdate().isoformat()) == []
    assert client.get(reverse("groups:event-list"), {"start": "2026-99-01"}).status_code == 400
    assert client.get(reverse("groups:event-list"), {"month": "2026-13"}).status_code == 400


def test_calendar__month_view_places_events_on_their_days(client: Any) -> None:
    event = create_event(title="月例清掃")
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    response = client.get(reverse("groups:event-list"), {"month": month})
    assert response.status_code == 200
    day = timezone.localtime(event.starts_at).date()
    cells = [cell for week in response.context["weeks"] for cell in week if cell["date"] == day]
    assert [e.title for e in cells[0]["events"]] == ["月例清掃"]
    assert "月例清掃" in response.content.decode()


def test_signup_flow__capacity_one_waiting_list_and_promotion_through_views(client: Any) -> None:
    event = create_event(capacity=1, requires_signup=True)
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    assert client.post(reverse("groups:event-signup", args=[event.pk])).status_code == 302
    assert client.post(reverse("groups:event-signup", args=[event.pk])).status_code == 400  # twice
    client.force_login(second)
    client.post(reverse("groups:event-signup", args=[event.pk]))
    assert EventRegistration.objects.get(user=second).status == "waitlisted"
    client.force_login(first)
    assert client.post(reverse("groups:event-signup-cancel", args=[event.pk])).status_code == 302
    assert EventRegistration.objects.get(user=second).status == "confirmed"
    assert client.post(reverse("groups:event-signup-cancel", args=[event.pk])).status_code == 404


def test_signup__not_open_is_400_and_writes_nothing(client: Any) -> None:
    event = create_event(requires_signup=False)
    client.force_login(UserFactory())
    response = client.post(reverse("groups:event-signup", args=[event.pk]))
    assert response.status_code == 400
    assert not EventRegistration.objects.exists()


def test_create__group_event_through_form(client: Any) -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    client.force_login(rep)
    url = reverse("groups:event-create", args=[group.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, _post_data(title="親子ひろば", capacity=20, requires_signup=True))
    assert response.status_code == 302
    event = Event.objects.get(title="親子ひろば")
    assert event.group == group
    assert event.capacity == 20


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": ""},
        {"capacity": 0},
        {"fee": -100},
        {
            "starts_at": timezone.now() - datetime.timedelta(days=2),
            "ends_at": timezone.now() - datetime.timedelta(days=1),
        },
        {"ends_at": timezone.now() + datetime.timedelta(days=1)},
    ],
)
def test_create__bad_input_is_400_and_writes_nothing(client: Any, overrides: dict[str, Any]) -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    client.force_login(rep)
    response = client.post(reverse("groups:event-create", args=[group.slug]), _post_data(**overrides))
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_create__garbage_datetime_is_400(client: Any) -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    client.force_login(rep)
    data = _post_data()
    data["starts_at"] = "tomorrow-ish"
    assert client.post(reverse("groups:event-create", args=[group.slug]), data).status_code == 400


def test_department_event__city_staff_for_own_department_only(client: Any) -> None:
    mine, theirs = DepartmentFactory(code="kyodo"), DepartmentFactory(code="other")
    staff = with_totp(UserFactory())
    staff_assign(user=staff, role=StaffRole.CITY_STAFF, department=mine, actor=None)
    client.force_login(staff)
    url = reverse("groups:department-event-create")
    response = client.post(url, {**_post_data(title="市民活動フェア"), "department": theirs.pk})
    assert response.status_code == 400
    response = client.post(url, {**_post_data(title="市民活動フェア"), "department": mine.pk})
    assert response.status_code == 302
    assert Event.objects.get(title="市民活動フェア").department == mine


def test_participants_csv__excel_friendly_and_organiser_only(client: Any) -> None:
    event = create_event(requires_signup=True)
    participant = UserFactory(full_name="参加 花子", full_name_kana="サンカ ハナコ")
    services.registration_create(event=event, user=participant, note="=HYPERLINK(1)")
    url = reverse("groups:event-participants-csv", args=[event.pk])
    client.force_login(participant)
    assert client.get(url).status_code == 403
    client.force_login(event.group.memberships.get(role="representative").user)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "\r\n" in body
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[1][2] == "参加 花子"
    assert rows[1][6] == "'=HYPERLINK(1)"


def test_ics__single_event_and_feed_are_valid_rfc5545(client: Any) -> None:
    welfare = ActivityField.objects.create(slug="welfare", name="福祉")
    event = create_event(title="福祉講座", fields=[welfare])
    create_event(title="スポーツ大会")
    response = client.get(reverse("groups:event-ics", args=[event.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 1
    assert str(vevents[0]["SUMMARY"]) == "福祉講座"
    assert vevents[0]["UID"]
    assert vevents[0]["DTSTAMP"]
    assert vevents[0].decoded("DTSTART") == event.starts_at
    feed = Calendar.from_ical(client.get(reverse("groups:event-feed"), {"field": "welfare"}).content)
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == ["福祉講座"]
    assert client.get(reverse("groups:event-feed"), {"field": "nope"}).status_code == 400


def test_event_edit_and_cancel__organiser_only(client: Any) -> None:
    event = create_event()
    client.force_login(UserFactory())
    assert client.get(reverse("groups:event-edit", args=[event.pk])).status_code == 403
    organiser = event.group.memberships.get(role="representative").user
    client.force_login(organiser)
    assert client.post(reverse("groups:event-cancel", args=[event.pk]), {"confirm": "on"}).status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert "中止" in client.get(event.get_absolute_url()).content.decode()


def test_calendar__busy_day_shows_four_and_links_the_rest(client: Any) -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    start = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0) + datetime.timedelta(days=10)
    for n in range(6):
        services.event_create(
            actor=rep,
            group=group,
            data=event_data(title=f"催し{n}", starts_at=start, ends_at=start + datetime.timedelta(hours=1)),
        )
    month = timezone.localtime(start).strftime("%Y-%m")
    response = client.get(reverse("groups:event-list"), {"month": month})
    day = timezone.localtime(start).date()
    cell = next(c for week in response.context["weeks"] for c in week if c["date"] == day)
    assert len(cell["events"]) == 4
    assert cell["more"] == 2
    assert f"start={day.isoformat()}" in response.content.decode()


def test_calendar__reads_what_each_day_shows_in_three_queries_and_counts_the_rest(client: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from groups import calendar_utils

    rep = UserFactory()
    group = create_group(representative=rep)
    tz = timezone.get_current_timezone()
    busy = timezone.localdate() + datetime.timedelta(days=40)
    busy = busy.replace(day=15)
    at = lambda day, hour: datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)  # noqa: E731
    one_day = datetime.timedelta(days=1)

    def post(title: str, starts: datetime.datetime, ends: datetime.datetime) -> None:
        services.event_create(
            actor=rep, group=group, data=event_data(title=title, starts_at=starts, ends_at=ends), fields=[]
        )

    for hour in range(9, 15):
        post(f"催し{hour}", at(busy, hour), at(busy, hour) + datetime.timedelta(minutes=30))
    post("三日間の展示", at(busy - one_day, 10), at(busy + one_day, 10))
    post("前夜祭", at(busy - one_day, 23), at(busy, 0))  # ends at midnight: not on the busy day
    month = busy.replace(day=1)
    events = Event.objects.published().between(*calendar_utils.month_bounds(month))

    def days(weeks: list[list[dict[str, Any]]]) -> dict[Any, tuple[list[str], int, int]]:
        return {
            d["date"]: ([e.title for e in d["events"]], d["count"], d["more"])
            for week in weeks
            for d in week
            if d["count"] or d["events"]
        }

    with CaptureQueriesContext(connection) as queries:
        laid_out = days(calendar_utils.month_weeks_from_queryset(month, events))
    assert len(queries) == 3  # the counts per day, the ids shown, those rows
    assert laid_out == days(calendar_utils.month_weeks(month, events))
    assert laid_out[busy] == (["三日間の展示", "催し9", "催し10", "催し11"], 7, 3)
    assert laid_out[busy - one_day] == (["三日間の展示", "前夜祭"], 2, 0)
    assert laid_out[busy + one_day] == (["三日間の展示"], 1, 0)
    html = client.get(reverse("groups:event-list"), {"month": month.strftime("%Y-%m")}).content.decode()
    assert "7件" in html
    assert f'start={busy.isoformat()}&amp;end={busy.isoformat()}">ほか3件</a>' in html
