"""The site search's kinds from facilities: active facilities and their active rooms
and equipment (facilities/search_kinds.py)."""

from __future__ import annotations

from typing import Any

import pytest

from portal import search
from tests.factories.facilities import create_facility, create_room

pytestmark = pytest.mark.django_db


def found(kind: str, query: str) -> set[str]:
    return set(search.current(search.matching(query, kind=kind)).values_list("title", flat=True))


def test_facility_and_room__found_by_readings() -> None:
    facility = create_facility(name="桜川市民活動センター", services="福祉の相談、子育てサロン")
    create_room(facility, name="和室", slug="washitsu")
    create_facility(name="北市民活動センター", slug="kita")
    search.rebuild()
    assert found("facilities.facility", "さくらがわ") == {"桜川市民活動センター"}
    assert found("facilities.facility", "こそだて") == {"桜川市民活動センター"}
    assert found("facilities.facility", "ふくし") == {"桜川市民活動センター"}
    assert found("facilities.resource", "わしつ") == {"和室"}
    assert found("facilities.resource", "さくらがわ") == {"和室"}  # the facility's name


def test_inactive__not_indexed() -> None:
    facility = create_facility(name="桜川市民活動センター", is_active=False)
    create_room(facility, name="和室", slug="washitsu")
    search.rebuild()
    assert found("facilities.facility", "さくらがわ") == set()
    assert found("facilities.resource", "わしつ") == set()


def test_facility_rename__reindexes_its_rooms(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        facility = create_facility(name="北センター")
        create_room(facility, name="和室", slug="washitsu")
    assert found("facilities.resource", "さくらがわ") == set()
    with django_capture_on_commit_callbacks(execute=True):
        facility.name = "桜川センター"
        facility.save()
    assert found("facilities.resource", "さくらがわ") == {"和室"}
