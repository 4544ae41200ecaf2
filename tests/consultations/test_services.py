"""The consultation desk's services: slots, booking (and double booking refused),
cancelling, written questions, the outcome, the private record, links, and every
refusal writing nothing."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from consultations import services
from consultations.models import Consultation, ConsultationStatus, DeskSlot, Mode, Topic
from portal.models import AuditLogEntry
from tests.factories.consultations import ask, book, create_slot, held, move_to_past
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db
S = ConsultationStatus


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def refused(code: str, call: Any, **kwargs: Any) -> None:
    before = (Consultation.objects.count(), DeskSlot.objects.count(), AuditLogEntry.objects.count())
    with pytest.raises(ValidationError) as info:
        call(**kwargs)
    assert code in codes(info.value), codes(info.value)
    assert (Consultation.objects.count(), DeskSlot.objects.count(), AuditLogEntry.objects.count()) == before


# --- Slots -------------------------------------------------------------------------------------


def batch(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "first_day": today + datetime.timedelta(days=1),
        "last_day": today + datetime.timedelta(days=28),
        "weekdays": [1, 3],
        "start_time": datetime.time(10, 0),
        "minutes": 60,
        "per_day": 2,
        "modes": [Mode.IN_PERSON, Mode.ONLINE],
        "place": "センター相談室",
        **overrides,
    }


def test_slots_open__weekly_pattern_over_four_weeks(role_users: dict[str, Any]) -> None:
    slots = services.slots_open(actor=role_users["centre_staff"], **batch())
    assert len(slots) == 4 * 2 * 2
    assert all(timezone.localtime(s.starts_at).weekday() in (1, 3) for s in slots)
    assert {timezone.localtime(s.starts_at).time() for s in slots} == {datetime.time(10), datetime.time(11)}
    assert slots[0].modes() == [Mode.IN_PERSON, Mode.ONLINE]
    assert AuditLogEntry.objects.filter(action="consultations.deskslot.opened").count() == 1


def test_slots_open__again__skips_existing_times(role_users: dict[str, Any]) -> None:
    services.slots_open(actor=role_users["centre_staff"], **batch())
    assert services.slots_open(actor=role_users["city_staff"], **batch()) == []
    assert DeskSlot.objects.count() == 16


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"modes": []}, "modes"),
        ({"modes": ["written"]}, "modes"),
        ({"weekdays": []}, "weekdays"),
        ({"weekdays": [9]}, "weekdays"),
        ({"minutes": 5}, "minutes"),
        ({"per_day": 20}, "per_day"),
        ({"start_time": datetime.time(22, 0), "per_day": 3}, "past_midnight"),
        ({"place": ""}, "required"),
        ({"place": "相談室\n2階"}, "line_break"),
        ({"place": "a\x00b"}, "null"),
        ({"last_day": timezone.localdate()}, "order"),
        ({"last_day": timezone.localdate() + datetime.timedelta(days=200)}, "too_long"),
        ({"first_day": datetime.date(1, 1, 1)}, "date_range"),
        ({"weekdays": list(range(7)), "per_day": 12, "minutes": 10}, "too_many"),
        (
            {
                "first_day": timezone.localdate() - datetime.timedelta(days=9),
                "last_day": timezone.localdate() - datetime.timedelta(days=2),
            },
            "empty",
        ),
    ],
)
def test_slots_open__refusals(role_users: dict[str, Any], overrides: dict[str, Any], code: str) -> None:
    if code == "date_range":
        with pytest.raises(ValidationError):
            services.slots_open(actor=role_users["centre_staff"], **batch(**overrides))
        assert not DeskSlot.objects.exists()
        return
    refused(code, services.slots_open, actor=role_users["centre_staff"], **batch(**overrides))


@pytest.mark.parametrize("role", ["citizen", "representative", "reviewer", "coordinator"])
def test_slots_open__not_the_desk__permission_denied(role_users: dict[str, Any], role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.slots_open(actor=role_users[role], **batch())
    assert not DeskSlot.objects.exists()


def test_slot_close__free_slot_closed_booked_one_refused(role_users: dict[str, Any]) -> None:
    free, taken = create_slot(), create_slot()
    book(role_users["citizen"], taken)
    services.slot_close(actor=role_users["centre_staff"], slot=free)
    assert DeskSlot.objects.get(pk=free.pk).is_closed
    refused("closed", services.slot_close, actor=role_users["centre_staff"], slot=free)
    refused("booked", services.slot_close, actor=role_users["centre_staff"], slot=taken)


# --- Booking -----------------------------------------------------------------------------------


def test_book__creates_a_booking_with_receipt_and_mail(
    role_users: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    citizen = role_users["citizen"]
    with django_capture_on_commit_callbacks(execute=True):
        consultation = book(citizen, topic=Topic.SUBSIDY, mode=Mode.ONLINE)
    assert consultation.status == S.BOOKED
    assert consultation.receipt_number.endswith(f"-SD-{consultation.pk:05d}")
    assert consultation.happens_at == consultation.slot.starts_at
    assert [m.to for m in mailoutbox] == [[citizen.email]]
    assert consultation.receipt_number in mailoutbox[0].subject
    assert AuditLogEntry.objects.filter(action="consultations.consultation.booked").count() == 1


def test_book__on_behalf_of_own_group(role_users: dict[str, Any]) -> None:
    group = role_users["_group"]
    consultation = book(role_users["member"], group=group)
    assert consultation.group == group


def test_book__slot_already_booked__refused(role_users: dict[str, Any]) -> None:
    slot = create_slot()
    book(role_users["citizen"], slot)
    refused("taken", book, user=role_users["member"], slot=slot)


def test_book__cancelled_booking_frees_the_slot(role_users: dict[str, Any]) -> None:
    slot = create_slot()
    first = book(role_users["citizen"], slot)
    services.consultation_cancel(actor=role_users["citizen"], consultation=first)
    second = book(role_users["member"], slot)
    assert second.slot == slot


def test_book__unique_constraint_keeps_one_booking_per_slot(role_users: dict[str, Any]) -> None:
    """Even written past the service's check, the database refuses a second booking."""
    from django.db import IntegrityError, transaction

    consultation = book(role_users["citizen"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.create(
            kind="booking",
            status=S.BOOKED,
            asker=role_users["member"],
            topic=Topic.START,
            slot=consultation.slot,
            mode=Mode.IN_PERSON,
            message="x",
            happens_at=consultation.happens_at,
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_book__concurrent_requests__one_wins() -> None:
    slot = create_slot()
    users = [UserFactory(), UserFactory()]
    results: list[str] = []
    barrier = threading.Barrier(2)

    def attempt(user: Any) -> None:
        try:
            barrier.wait()
            book(user, slot)
            results.append("ok")
        except ValidationError as error:
            results.append(",".join(codes(error)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "taken"]
    assert Consultation.objects.filter(slot=slot).count() == 1


def test_book__refusals(role_users: dict[str, Any]) -> None:
    citizen = role_users["citizen"]
    free = create_slot()
    refused("closed", book, user=citizen, slot=create_slot(is_closed=True))
    refused("past", book, user=citizen, slot=create_slot(days=-1))
    refused("mode", book, user=citizen, slot=create_slot(modes=(Mode.IN_PERSON,)), mode=Mode.ONLINE)
    refused("mode", book, user=citizen, slot=free, mode=Mode.WRITTEN)
    refused("required", book, user=citizen, slot=free, mode=Mode.PHONE)
    refused("invalid", book, user=citizen, slot=free, mode=Mode.PHONE, contact_phone="call me")
    refused("topic", book, user=citizen, slot=free, topic="gossip")
    refused("required", book, user=citizen, slot=free, message="  ")
    refused("null", book, user=citizen, slot=free, message="a\x00b")
    refused("max_length", book, user=citizen, slot=free, message="x" * 4001)
    refused("not_member", book, user=citizen, slot=free, group=role_users["_other_group"])


def test_book__at_most_three_upcoming(role_users: dict[str, Any]) -> None:
    for _ in range(services.MAX_UPCOMING_BOOKINGS):
        book(role_users["citizen"])
    refused("too_many", book, user=role_users["citizen"], slot=create_slot())


def test_book__anonymous__permission_denied() -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        book(AnonymousUser())


def test_cancel__before_start(
    role_users: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    consultation = book(role_users["citizen"])
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_cancel(actor=role_users["citizen"], consultation=consultation, expected_status=S.BOOKED)
    consultation.refresh_from_db()
    assert consultation.status == S.CANCELLED
    assert consultation.cancelled_at
    assert AuditLogEntry.objects.filter(action="consultations.consultation.cancelled").exists()
    assert "cancelled" in mailoutbox[-1].body or consultation.receipt_number in mailoutbox[-1].subject


def test_cancel__refusals(role_users: dict[str, Any]) -> None:
    consultation = book(role_users["citizen"])
    with pytest.raises(PermissionDenied):
        services.consultation_cancel(actor=role_users["member"], consultation=consultation)
    with pytest.raises(PermissionDenied):
        services.consultation_cancel(actor=role_users["centre_staff"], consultation=consultation)
    refused(
        "stale",
        services.consultation_cancel,
        actor=role_users["citizen"],
        consultation=consultation,
        expected_status=S.DONE,
    )
    move_to_past(consultation)
    refused("started", services.consultation_cancel, actor=role_users["citizen"], consultation=consultation)
    assert Consultation.objects.get(pk=consultation.pk).status == S.BOOKED


# --- Written questions -------------------------------------------------------------------------


def test_question__answer_reply_once_resolve(
    role_users: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    citizen, staff = role_users["citizen"], role_users["centre_staff"]
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(citizen)
    assert question.status == S.ASKED
    assert question.slot is None
    assert question.mode == Mode.WRITTEN
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_answer(
            actor=staff, consultation=question, body="窓口に見本があります。", expected_status=S.ASKED
        )
    assert len(mailoutbox) == 2
    assert mailoutbox[-1].to == [citizen.email]
    services.consultation_reply(actor=citizen, consultation=question, body="ありがとうございます。")
    question.refresh_from_db()
    assert question.status == S.REPLIED
    services.consultation_answer(actor=staff, consultation=question, body="どうぞご利用ください。")
    refused("replied", services.consultation_reply, actor=citizen, consultation=question, body="もう一度")
    services.consultation_resolve(actor=citizen, consultation=question)
    question.refresh_from_db()
    assert question.status == S.RESOLVED
    assert list(question.messages.values_list("from_desk", flat=True)) == [True, False, True]


def test_question__refusals(role_users: dict[str, Any]) -> None:
    citizen, staff = role_users["citizen"], role_users["centre_staff"]
    question = ask(citizen)
    refused("invalid_transition", services.consultation_reply, actor=citizen, consultation=question, body="x")
    refused("invalid_transition", services.consultation_resolve, actor=citizen, consultation=question)
    refused("required", services.consultation_answer, actor=staff, consultation=question, body="")
    refused(
        "stale", services.consultation_answer, actor=staff, consultation=question, body="x", expected_status=S.ANSWERED
    )
    with pytest.raises(PermissionDenied):
        services.consultation_answer(actor=citizen, consultation=question, body="x")
    services.consultation_answer(actor=staff, consultation=question, body="回答です")
    with pytest.raises(PermissionDenied):
        services.consultation_reply(actor=role_users["member"], consultation=question, body="x")
    with pytest.raises(PermissionDenied):
        services.consultation_resolve(actor=role_users["member"], consultation=question)
    refused("null", services.consultation_reply, actor=citizen, consultation=question, body="a\x00")


def test_question__withdrawn_before_answer(role_users: dict[str, Any]) -> None:
    question = ask(role_users["citizen"])
    services.consultation_cancel(actor=role_users["citizen"], consultation=question)
    question.refresh_from_db()
    assert question.status == S.CANCELLED


# --- The desk: outcome, record, links ----------------------------------------------------------


def test_finish__done_and_no_show_after_start(role_users: dict[str, Any]) -> None:
    staff = role_users["centre_staff"]
    consultation = book(role_users["citizen"])
    refused("not_started", services.consultation_finish, actor=staff, consultation=consultation, status=S.DONE)
    refused("status", services.consultation_finish, actor=staff, consultation=consultation, status=S.CANCELLED)
    move_to_past(consultation)
    services.consultation_finish(actor=staff, consultation=consultation, status=S.NO_SHOW)
    assert Consultation.objects.get(pk=consultation.pk).status == S.NO_SHOW
    assert AuditLogEntry.objects.filter(action="consultations.consultation.no_show").exists()
    refused("invalid_transition", services.consultation_finish, actor=staff, consultation=consultation, status=S.DONE)
    with pytest.raises(PermissionDenied):
        services.consultation_finish(actor=role_users["citizen"], consultation=consultation, status=S.DONE)


def test_record__saved_privately(role_users: dict[str, Any]) -> None:
    staff = role_users["city_staff"]
    consultation = held(staff, role_users["citizen"])
    follow = timezone.localdate() + datetime.timedelta(days=10)
    services.consultation_record(
        actor=staff,
        consultation=consultation,
        record_topic=Topic.FUNDING,
        outcome="民間助成を案内した。",
        follow_up_needed=True,
        follow_up_by=follow,
    )
    consultation.refresh_from_db()
    assert (consultation.record_topic, consultation.follow_up_by, consultation.recorded_by) == (
        Topic.FUNDING,
        follow,
        staff,
    )


def test_record__refusals(role_users: dict[str, Any]) -> None:
    staff = role_users["centre_staff"]
    consultation = book(role_users["citizen"])
    good = {"record_topic": Topic.START, "outcome": "", "follow_up_needed": False, "follow_up_by": None}
    refused(
        "topic", services.consultation_record, actor=staff, consultation=consultation, **{**good, "record_topic": "x"}
    )
    refused(
        "required",
        services.consultation_record,
        actor=staff,
        consultation=consultation,
        **{**good, "follow_up_needed": True},
    )
    refused("null", services.consultation_record, actor=staff, consultation=consultation, **{**good, "outcome": "\x00"})
    with pytest.raises(ValidationError):
        services.consultation_record(
            actor=staff,
            consultation=consultation,
            **{**good, "follow_up_needed": True, "follow_up_by": datetime.date(9999, 1, 1)},
        )
    with pytest.raises(PermissionDenied):
        services.consultation_record(actor=role_users["citizen"], consultation=consultation, **good)
    services.consultation_cancel(actor=role_users["citizen"], consultation=consultation)
    refused("cancelled", services.consultation_record, actor=staff, consultation=consultation, **good)


def test_link__group_application_proposal(role_users: dict[str, Any]) -> None:
    from tests.factories.collaboration import create_proposal
    from tests.factories.subsidies import create_application, create_programme

    staff = role_users["city_staff"]
    consultation = ask(role_users["representative"])
    group = role_users["_group"]
    application = create_application(create_programme(), group, status="submitted")
    proposal = create_proposal(group=group, status="submitted")
    services.consultation_link(
        actor=staff,
        consultation=consultation,
        group=group.slug,
        application=application.receipt_number,
        proposal=proposal.receipt_number,
    )
    consultation.refresh_from_db()
    assert (consultation.linked_group, consultation.linked_application, consultation.linked_proposal) == (
        group,
        application,
        proposal,
    )
    services.consultation_link(actor=staff, consultation=consultation)
    consultation.refresh_from_db()
    assert consultation.linked_group is None
    assert consultation.linked_application is None


def test_link__not_found__refused_with_message(role_users: dict[str, Any]) -> None:
    staff = role_users["city_staff"]
    consultation = ask(role_users["citizen"])
    for field in ("group", "application", "proposal"):
        with pytest.raises(ValidationError) as info:
            services.consultation_link(actor=staff, consultation=consultation, **{field: "NOPE-0001"})
        assert "NOPE-0001" in info.value.message_dict[field][0]
    refused("line_break", services.consultation_link, actor=staff, consultation=consultation, group="a\nb")
    with pytest.raises(PermissionDenied):
        services.consultation_link(actor=role_users["citizen"], consultation=consultation, group="x")
    consultation.refresh_from_db()
    assert consultation.linked_group is None


def test_link__application_centre_staff_cannot_see__not_found(role_users: dict[str, Any]) -> None:
    """Looked up among what the member of staff may see: centre staff do not see subsidy applications."""
    from tests.factories.subsidies import create_application, create_programme

    application = create_application(create_programme(), role_users["_group"], status="submitted")
    consultation = ask(role_users["citizen"])
    with pytest.raises(ValidationError):
        services.consultation_link(
            actor=role_users["centre_staff"], consultation=consultation, application=application.receipt_number
        )
