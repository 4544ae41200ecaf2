"""The desk's pages: booking, asking, the asker's page (cancel, reply, resolve), the
desk's page (answer, outcome, record, links), the slots, the report and its CSV."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Consultation, ConsultationStatus, DeskSlot, Topic
from tests.factories.consultations import ask, book, create_slot, held, move_to_past

pytestmark = pytest.mark.django_db
S = ConsultationStatus


def test_index__lists_free_slots_only(client: Any, role_users: dict[str, Any]) -> None:
    free, closed, past = create_slot(), create_slot(is_closed=True), create_slot(days=-2)
    taken = book(role_users["citizen"]).slot
    response = client.get(reverse("consultations:index"))
    assert list(response.context["slots"]) == [free]
    assert {closed, past, taken}.isdisjoint(response.context["slots"])
    assert reverse("consultations:ask") in response.content.decode()


def test_index__mode_filter(client: Any) -> None:
    phone = create_slot(modes=("phone",))
    create_slot(modes=("in_person",))
    response = client.get(reverse("consultations:index") + "?mode=phone&topic=subsidy")
    assert list(response.context["slots"]) == [phone]
    assert "?topic=subsidy" in response.content.decode()
    assert client.get(reverse("consultations:index") + "?mode=fax").status_code == 400


def test_book__post__redirects_to_the_receipt(client: Any, role_users: dict[str, Any]) -> None:
    slot = create_slot()
    client.force_login(role_users["member"])
    response = client.post(
        reverse("consultations:book", args=[slot.pk]),
        {"topic": "funding", "mode": "online", "message": "助成金を探しています。", "group": role_users["_group"].pk},
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response.url == consultation.get_absolute_url()
    assert consultation.group == role_users["_group"]
    page = client.get(response.url).content.decode()
    assert consultation.receipt_number in page


def test_book__phone_without_number__400_nothing_written(client: Any, role_users: dict[str, Any]) -> None:
    slot = create_slot()
    client.force_login(role_users["citizen"])
    response = client.post(
        reverse("consultations:book", args=[slot.pk]), {"topic": "start", "mode": "phone", "message": "相談"}
    )
    assert response.status_code == 400
    assert "contact_phone" in response.context["form"].errors
    assert not Consultation.objects.exists()


def test_book__other_groups_not_offered(client: Any, role_users: dict[str, Any]) -> None:
    slot = create_slot()
    client.force_login(role_users["citizen"])
    response = client.post(
        reverse("consultations:book", args=[slot.pk]),
        {"topic": "start", "mode": "in_person", "message": "相談", "group": role_users["_other_group"].pk},
    )
    assert response.status_code == 400
    assert not Consultation.objects.exists()


def test_detail__cancel_then_slot_is_free_again(client: Any, role_users: dict[str, Any]) -> None:
    consultation = book(role_users["citizen"])
    client.force_login(role_users["citizen"])
    url = consultation.get_absolute_url()
    assert client.get(url).context["can_cancel"] is True
    response = client.post(url, {"action": "cancel", "seen_status": "booked"})
    assert response.status_code == 302
    assert Consultation.objects.get().status == S.CANCELLED
    assert consultation.slot in client.get(reverse("consultations:index")).context["slots"]
    stale = client.post(url, {"action": "cancel", "seen_status": "booked"})
    assert stale.status_code == 409


def test_detail__started_booking_cannot_be_cancelled(client: Any, role_users: dict[str, Any]) -> None:
    consultation = move_to_past(book(role_users["citizen"]))
    client.force_login(role_users["citizen"])
    response = client.get(consultation.get_absolute_url())
    assert response.context["can_cancel"] is False
    assert client.post(consultation.get_absolute_url(), {"action": "cancel"}).status_code == 400


def test_question__reply_once_and_resolve(client: Any, role_users: dict[str, Any]) -> None:
    question = ask(role_users["citizen"])
    services.consultation_answer(actor=role_users["centre_staff"], consultation=question, body="回答です。")
    client.force_login(role_users["citizen"])
    url = question.get_absolute_url()
    assert client.get(url).context["can_reply"] is True
    assert client.post(url, {"action": "reply", "body": "", "seen_status": "answered"}).status_code == 400
    assert (
        client.post(url, {"action": "reply", "body": "追加の質問です。", "seen_status": "answered"}).status_code == 302
    )
    services.consultation_answer(actor=role_users["centre_staff"], consultation=question, body="再回答です。")
    page = client.get(url)
    assert page.context["can_reply"] is False
    assert page.context["can_resolve"] is True
    assert client.post(url, {"action": "resolve", "seen_status": "answered"}).status_code == 302
    assert Consultation.objects.get().status == S.RESOLVED


def test_staff_detail__answer_outcome_record_links(
    client: Any, role_users: dict[str, Any], mailoutbox: list[Any]
) -> None:
    client.force_login(role_users["city_staff"])
    question = ask(role_users["citizen"])
    url = question.get_staff_url()
    assert (
        client.post(url, {"action": "answer", "body": "ご質問への回答です。", "seen_status": "asked"}).status_code
        == 302
    )
    assert Consultation.objects.get(pk=question.pk).status == S.ANSWERED
    past = move_to_past(book(role_users["citizen"]))
    url = past.get_staff_url()
    assert (
        client.post(url, {"action": "finish", "outcome_status": "no_show", "seen_status": "booked"}).status_code == 302
    )
    response = client.post(url, {"action": "record", "record_topic": "start", "follow_up_needed": "on", "outcome": "x"})
    assert response.status_code == 400
    assert "follow_up_by" in response.context["record_form"].errors
    follow = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = client.post(
        url,
        {
            "action": "record",
            "record_topic": "start",
            "follow_up_needed": "on",
            "follow_up_by": follow,
            "outcome": "電話した。",
        },
    )
    assert response.status_code == 302
    response = client.post(url, {"action": "link", "group": "no-such-group", "application": "", "proposal": ""})
    assert response.status_code == 400
    assert "no-such-group" in str(response.context["link_form"].errors["group"])
    slug = role_users["_group"].slug
    assert client.post(url, {"action": "link", "group": slug, "application": "", "proposal": ""}).status_code == 302
    past.refresh_from_db()
    assert (past.status, past.linked_group, past.outcome) == (S.NO_SHOW, role_users["_group"], "電話した。")
    assert client.post(url, {"action": "nothing"}).status_code == 400


def test_staff_slots__open_a_batch_and_close_one(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["centre_staff"])
    today = timezone.localdate()
    data = {
        "first_day": (today + datetime.timedelta(days=1)).isoformat(),
        "last_day": (today + datetime.timedelta(days=7)).isoformat(),
        "weekdays": [str(d) for d in range(7)],
        "start_time": "13:00",
        "minutes": "45",
        "per_day": "2",
        "modes": ["in_person", "online"],
        "place": "相談室",
    }
    assert client.post(reverse("consultations:staff-slots"), data).status_code == 302
    assert DeskSlot.objects.count() == 14
    slot = DeskSlot.objects.first()
    assert client.post(reverse("consultations:staff-slot-close", args=[slot.pk])).status_code == 302
    assert DeskSlot.objects.get(pk=slot.pk).is_closed
    bad = client.post(
        reverse("consultations:staff-slots"), {**data, "last_day": data["first_day"], "first_day": data["last_day"]}
    )
    assert bad.status_code == 400
    assert DeskSlot.objects.count() == 14


def test_report__counts_given_consultations_by_topic_and_mode(client: Any, role_users: dict[str, Any]) -> None:
    desk = role_users["centre_staff"]
    held(desk, role_users["citizen"], topic=Topic.SUBSIDY)
    record = held(desk, role_users["member"], topic=Topic.START)
    services.consultation_record(
        actor=desk,
        consultation=record,
        record_topic=Topic.FUNDING,
        outcome="",
        follow_up_needed=False,
        follow_up_by=None,
    )
    question = ask(role_users["citizen"], topic=Topic.SUBSIDY)
    services.consultation_answer(actor=desk, consultation=question, body="回答")
    book(role_users["citizen"])  # not held yet: not counted
    client.force_login(role_users["city_staff"])
    report = client.get(reverse("consultations:staff-report")).context["report"]
    totals = {line["value"]: line["total"] for line in report["by_topic"]}
    assert (totals["subsidy"], totals["funding"], totals["start"], totals[""]) == (2, 1, 0, 3)
    modes = {line["value"]: line["total"] for line in report["by_mode"]}
    assert (modes["in_person"], modes["written"]) == (2, 1)
    assert client.get(reverse("consultations:staff-report") + "?year=1999").status_code == 400


def test_report_csv__bom_crlf_one_row_per_topic_and_mode(client: Any, role_users: dict[str, Any]) -> None:
    held(role_users["centre_staff"], role_users["citizen"])
    client.force_login(role_users["centre_staff"])
    response = client.get(reverse("consultations:staff-report-csv"))
    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff")
    assert body.count("\r\n") == 1 + (6 + 1) + (4 + 1)  # header, topics and modes with their totals
    assert client.get(reverse("consultations:staff-report-csv") + "?year=x").status_code == 400


def test_staff_dashboard__links_for_the_desk(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["centre_staff"])
    assert reverse("consultations:staff-queue") in client.get(reverse("portal:staff-dashboard")).content.decode()
