"""Every URL of the consultation desk for every role: the desk page for everyone,
booking and asking for anyone signed in, a consultation's page for its asker and the
desk only (404 for everyone else), and the desk's pages for centre staff, city staff
and the superuser (403 for other signed-in people)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Topic
from tests.factories.consultations import ask, book, create_slot, held
from tests.roles import Case, check_roles, logged_in, matrix_params

pytestmark = pytest.mark.django_db

SECRET = "非公開の記録：家庭の事情で活動を休止中"


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    citizen, desk = role_users["citizen"], role_users["centre_staff"]
    booking = book(citizen)
    question = ask(citizen)
    past = held(desk, citizen)
    services.consultation_record(
        actor=desk,
        consultation=past,
        record_topic=Topic.RUNNING,
        outcome=SECRET,
        follow_up_needed=False,
        follow_up_by=None,
    )
    return {
        "free_slot": create_slot(),
        "taken_slot": booking.slot,
        "booking": booking,
        "question": question,
        "past": past,
        "other_question": ask(role_users["member"]),
    }


DESK = {"centre_staff": 200, "city_staff": 200, "superuser": 200}
DESK_ONLY = logged_in(403, **DESK)
ASKER = logged_in(404, citizen=200, **DESK)


def _url(name: str, key: str | None = None) -> Any:
    if key is None:
        return lambda d: reverse(f"consultations:{name}")
    return lambda d: reverse(f"consultations:{name}", args=[d[key].pk])


CASES: list[Case] = [
    Case("desk page", _url("index"), dict.fromkeys(logged_in(200), 200)),
    Case(
        "desk page with topic",
        lambda d: reverse("consultations:index") + "?topic=subsidy&mode=phone",
        dict.fromkeys(logged_in(200), 200),
    ),
    Case("book a free slot", _url("book", "free_slot"), logged_in(200)),
    Case("book a taken slot", _url("book", "taken_slot"), logged_in(404)),
    Case(
        "book (post)",
        _url("book", "free_slot"),
        logged_in(302),
        method="post",
        data={"topic": "start", "mode": "in_person", "message": "相談したいです。"},
    ),
    Case("ask", _url("ask"), logged_in(200)),
    Case("ask (post)", _url("ask"), logged_in(302), method="post", data={"topic": "other", "message": "質問です。"}),
    Case("my consultations", _url("mine"), logged_in(200)),
    Case("a booking's page", _url("detail", "booking"), ASKER),
    Case("a question's page", _url("detail", "question"), ASKER),
    Case("a held consultation's page", _url("detail", "past"), ASKER),
    Case("someone else's question", _url("detail", "other_question"), logged_in(404, member=200, **DESK)),
    Case(
        "cancel a booking (post)",
        _url("detail", "booking"),
        logged_in(404, citizen=302, centre_staff=403, city_staff=403, superuser=403),
        method="post",
        data={"action": "cancel", "seen_status": "booked"},
    ),
    Case("queue", _url("staff-queue"), DESK_ONLY),
    Case(
        "queue filtered",
        lambda d: reverse("consultations:staff-queue") + "?status=booked&topic=start&kind=booking&month=2026-04",
        DESK_ONLY,
    ),
    Case("slots", _url("staff-slots"), DESK_ONLY),
    Case(
        "close a slot (post)",
        _url("staff-slot-close", "free_slot"),
        logged_in(403, centre_staff=302, city_staff=302, superuser=302),
        method="post",
    ),
    Case(
        "close a slot (get)",
        _url("staff-slot-close", "free_slot"),
        logged_in(403, centre_staff=405, city_staff=405, superuser=405),
    ),
    Case("report", _url("staff-report"), DESK_ONLY),
    Case("report csv", _url("staff-report-csv"), DESK_ONLY),
    Case("a consultation, the desk's page", _url("staff-detail", "past"), DESK_ONLY),
    Case(
        "answer a question (post)",
        _url("staff-detail", "question"),
        logged_in(403, centre_staff=302, city_staff=302, superuser=302),
        method="post",
        data={"action": "answer", "body": "回答します。", "seen_status": "asked"},
    ),
]


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    check_roles(client, role_users, matrix_data, case, roles)


def test_asker_sees_only_their_own(client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any]) -> None:
    client.force_login(role_users["citizen"])
    page = client.get(reverse("consultations:mine")).content.decode()
    for key in ("booking", "question", "past"):
        assert matrix_data[key].receipt_number in page
    assert matrix_data["other_question"].receipt_number not in page


@pytest.mark.parametrize("key", ["past", "booking", "question"])
def test_private_record__never_shown_to_the_asker(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], key: str
) -> None:
    services.consultation_record(
        actor=role_users["city_staff"],
        consultation=matrix_data[key],
        record_topic=Topic.FUNDING,
        outcome=SECRET,
        follow_up_needed=True,
        follow_up_by=matrix_data["free_slot"].starts_at.date(),
    )
    client.force_login(role_users["citizen"])
    for url in (
        matrix_data[key].get_absolute_url(),
        reverse("consultations:mine"),
        reverse("consultations:index"),
    ):
        page = client.get(url).content.decode()
        assert SECRET not in page, url
        assert "Follow up by" not in page, url
        assert "フォローアップ" not in page, url
    client.force_login(role_users["centre_staff"])
    assert SECRET in client.get(matrix_data[key].get_staff_url()).content.decode()
