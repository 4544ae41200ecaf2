"""The hostile-input corpus of the collaboration window area (tests/test_hostile_input.py
loads it): every form of the staff proposal page (message, department answer, private
note, routing, taking a routing back, review, presentation, decision), the queue's
filters, the department page and the publication of a call's decisions."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from collaboration.models import CallStatus, ProposalStatus
from collaboration.services import window as services
from tests.factories.collaboration import create_call, create_proposal, create_window_committee
from tests.factories.groups import reviewing_staff
from tests.factories.portal import DepartmentFactory
from tests.test_hostile_input import Endpoint, GetTarget, PostTarget, filter_params, in_context

P = ProposalStatus


def world(world: dict[str, Any]) -> dict[str, Any]:
    staff = reviewing_staff()
    fukushi = DepartmentFactory(code="fukushi")
    kankyo = DepartmentFactory(code="kankyo_seisaku")
    call = create_call(committee=create_window_committee(), status=CallStatus.CLOSED)
    submitted = create_proposal(call, group=world["_group"], status=P.SUBMITTED)
    services.proposal_route(actor=staff, proposal=submitted, department=fukushi, request="協力の可否")
    in_review = create_proposal(call, group=world["_other_group"], status=P.IN_REVIEW)
    return {
        "window_call": call,
        "window_submitted": submitted,
        "window_in_review": in_review,
        "window_fukushi": fukushi,
        "window_kankyo": kankyo,
    }


def _page(key: str) -> Any:
    return lambda w: reverse("collaboration:staff-proposal", args=[w[key].pk])


def _decisions(w: dict[str, Any]) -> str:
    return reverse("collaboration:staff-call-decisions", args=[w["window_call"].slug])


def _at() -> str:
    return (timezone.localtime() + datetime.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")


POST_TARGETS = [
    PostTarget(
        "window message",
        "city_staff",
        _page("window_submitted"),
        in_context("message_form"),
        lambda w: {"body": "資料を追加してください"},
        fixed={"action": "message"},
    ),
    PostTarget(
        "window department answer",
        "city_staff",
        _page("window_submitted"),
        in_context("answer_form"),
        lambda w: {"department": w["window_fukushi"].pk, "body": "協力できます"},
        fixed={"action": "answer"},
    ),
    PostTarget(
        "window private note",
        "city_staff",
        _page("window_submitted"),
        in_context("note_form"),
        lambda w: {"body": "内部メモ"},
        fixed={"action": "note"},
    ),
    PostTarget(
        "window route",
        "city_staff",
        _page("window_submitted"),
        in_context("route_form"),
        lambda w: {"department": w["window_kankyo"].pk, "request": "環境面の確認"},
        fixed={"action": "route"},
    ),
    PostTarget(
        "window take back a routing",
        "city_staff",
        _page("window_submitted"),
        in_context("unroute_form"),
        lambda w: {"department": w["window_fukushi"].pk},
        fixed={"action": "unroute"},
    ),
    PostTarget(
        "window send to review",
        "city_staff",
        _page("window_submitted"),
        in_context("review_form"),
        lambda w: {"seen_status": P.SUBMITTED},
        fixed={"action": "review"},
    ),
    PostTarget(
        "window presentation",
        "city_staff",
        _page("window_in_review"),
        in_context("presentation_form"),
        lambda w: {"presentation_at": _at(), "presentation_place": "市役所 会議室", "seen_status": P.IN_REVIEW},
        fixed={"action": "presentation"},
    ),
    PostTarget(
        "window decision",
        "city_staff",
        _page("window_in_review"),
        in_context("decide_form"),
        lambda w: {
            "decision": P.CONDITIONAL,
            "reason": "地域の課題に合う",
            "conditions": "月次報告",
            "seen_status": P.IN_REVIEW,
        },
        fixed={"action": "decide"},
    ),
    PostTarget(
        "window publish decisions",
        "city_staff",
        _decisions,
        in_context("form"),
        lambda w: {"seen_status": CallStatus.CLOSED},
    ),
]

GET_TARGETS = [
    GetTarget("window queue", "city_staff", lambda w: reverse("collaboration:staff-proposals"), filter_params("page")),
]

ENDPOINTS = [
    Endpoint(
        "collaboration:staff-proposal",
        "city_staff",
        _page("window_submitted"),
        fields=("action",),
        label="(action)",
    ),
    Endpoint(
        "collaboration:staff-department",
        "city_staff",
        lambda w: reverse("collaboration:staff-department"),
        params=("page",),
        post=False,
    ),
    Endpoint("collaboration:staff-call-decisions", "city_staff", _decisions, fields=("seen_status",)),
]

FORM_MODULES = ["collaboration.forms.window"]

FORM_COVERAGE = {
    "collaboration.forms.window.MessageForm": "window message",
    "collaboration.forms.window.AnswerForm": "window department answer",
    "collaboration.forms.window.NoteForm": "window private note",
    "collaboration.forms.window.RouteForm": "window route",
    "collaboration.forms.window.UnrouteForm": "window take back a routing",
    "collaboration.forms.window.ReviewForm": "window send to review",
    "collaboration.forms.window.PresentationForm": "window presentation",
    "collaboration.forms.window.DecisionForm": "window decision",
    "collaboration.forms.window.PublishDecisionsForm": "window publish decisions",
}
