"""The hostile-input corpus of the consultation desk (tests/test_hostile_input.py loads
it): booking, asking, the asker's reply, opening slots, the desk's answer, outcome,
record and links; the free slots, the queue and the report; the asker's page, the
slot closing, the list of one's consultations and the CSV."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from consultations import services
from tests.factories.consultations import ask, book, create_slot, move_to_past
from tests.test_hostile_input import Endpoint, GetTarget, PostTarget, filter_params, in_context, only


def _build(data: dict[str, Any]) -> dict[str, Any]:
    citizen, desk = data["citizen"], data["centre_staff"]
    answered = ask(citizen)
    services.consultation_answer(actor=desk, consultation=answered, body="回答です。")
    return {
        "free_slot": create_slot(),
        "booking": book(citizen),
        "past": move_to_past(book(citizen)),
        "question": ask(citizen),
        "answered": answered,
    }


KEYS = ("free_slot", "booking", "past", "question", "answered")


def world(data: dict[str, Any]) -> dict[str, Any]:
    built = SimpleLazyObject(lambda: _build(data))
    return {f"consultations_{key}": SimpleLazyObject(lambda key=key: built[key]) for key in KEYS}


def _pk(name: str, key: str) -> Any:
    return lambda w: reverse(f"consultations:{name}", args=[w[f"consultations_{key}"].pk])


def _route(name: str) -> Any:
    return lambda w: reverse(f"consultations:{name}")


def _batch(w: dict[str, Any]) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "first_day": (today + datetime.timedelta(days=1)).isoformat(),
        "last_day": (today + datetime.timedelta(days=14)).isoformat(),
        "weekdays": ["1", "3"],
        "start_time": "10:00",
        "minutes": "60",
        "per_day": "2",
        "modes": ["in_person", "phone"],
        "place": "相談室",
    }


POST_TARGETS = [
    PostTarget(
        "consultations book",
        "citizen",
        _pk("book", "free_slot"),
        in_context("form"),
        lambda w: {"topic": "start", "mode": "in_person", "message": "相談したいです。"},
    ),
    PostTarget(
        "consultations ask",
        "citizen",
        _route("ask"),
        in_context("form"),
        lambda w: {"topic": "other", "message": "質問です。"},
    ),
    PostTarget(
        "consultations reply",
        "citizen",
        _pk("detail", "answered"),
        in_context("reply_form"),
        lambda w: {"body": "ありがとうございます。", "seen_status": "answered"},
        fixed={"action": "reply"},
    ),
    PostTarget("consultations open slots", "centre_staff", _route("staff-slots"), in_context("form"), _batch),
    PostTarget(
        "consultations answer",
        "centre_staff",
        _pk("staff-detail", "question"),
        in_context("answer_form"),
        lambda w: {"body": "回答します。", "seen_status": "asked"},
        fixed={"action": "answer"},
    ),
    PostTarget(
        "consultations finish",
        "centre_staff",
        _pk("staff-detail", "past"),
        in_context("finish_form"),
        lambda w: {"outcome_status": "done", "seen_status": "booked"},
        fixed={"action": "finish"},
    ),
    PostTarget(
        "consultations record",
        "city_staff",
        _pk("staff-detail", "past"),
        in_context("record_form"),
        lambda w: {"record_topic": "start", "outcome": "案内した。", "follow_up_by": ""},
        fixed={"action": "record"},
    ),
    PostTarget(
        "consultations link",
        "city_staff",
        _pk("staff-detail", "booking"),
        in_context("link_form"),
        lambda w: {"group": "", "application": "", "proposal": ""},
        fixed={"action": "link"},
    ),
]
GET_TARGETS = [
    GetTarget("consultations free slots", "anonymous", _route("index"), filter_params("topic", "page")),
    GetTarget("consultations queue", "centre_staff", _route("staff-queue"), filter_params("page")),
    GetTarget("consultations report", "city_staff", _route("staff-report"), only("year")),
]
ENDPOINTS = [
    Endpoint("consultations:mine", "citizen", _route("mine"), params=("page",)),
    Endpoint(
        "consultations:detail",
        "citizen",
        _pk("detail", "booking"),
        fields=("action", "seen_status", "body"),
        label="a booking",
    ),
    Endpoint(
        "consultations:detail",
        "citizen",
        _pk("detail", "question"),
        fields=("seen_status",),
        fixed={"action": "cancel"},
        label="withdraw a question",
    ),
    Endpoint("consultations:staff-slot-close", "centre_staff", _pk("staff-slot-close", "free_slot"), fields=("x",)),
    Endpoint("consultations:staff-report-csv", "city_staff", _route("staff-report-csv"), params=("year",), post=False),
]
FORM_MODULES: list[str] = ["consultations.forms"]
FORM_COVERAGE: dict[str, str] = {
    "consultations.forms.BookForm": "consultations book",
    "consultations.forms.AskForm": "consultations ask",
    "consultations.forms.MessageForm": "consultations answer",
    "consultations.forms.SlotBatchForm": "consultations open slots",
    "consultations.forms.RecordForm": "consultations record",
    "consultations.forms.LinkForm": "consultations link",
    "consultations.forms.FinishForm": "consultations finish",
    "consultations.forms.ReportForm": "GET consultations report",
    "consultations.forms._AskerForm": "none: the base of the booking and question forms",
}
