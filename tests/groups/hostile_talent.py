"""The hostile-input corpus of the talent bank (tests/test_hostile_input.py loads it):
the helper's registration and withdrawal, a group's request and its cancellation, the
coordinator's proposal, introduction and closing, the answer, feedback, the review and
the three lists' filters."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from groups.services import talent as services
from tests.factories.portal import UserFactory
from tests.factories.talent import create_helper, create_request, propose, skill
from tests.test_hostile_input import Endpoint, GetTarget, PostTarget, filter_params, in_context


def world(world: dict[str, Any]) -> dict[str, Any]:
    group, coord = world["group"], world["coordinator"]
    helper = create_helper(user=world["citizen"])
    other = create_helper(user=UserFactory(), display_name="社労士S")
    pending = create_helper(user=UserFactory(), approved=False, display_name="審査待ちのT")
    request = create_request(group=group)
    proposed = propose(request, helper, coord)
    introduced = create_request(group=group, title="広報チラシのデザイン")
    candidacy = propose(introduced, helper, coord)
    services.candidacy_answer(candidacy=candidacy, actor=helper.user, accept=True)
    services.candidacy_introduce(candidacy=candidacy, actor=coord)
    waiting = create_request(group=group, title="労務の相談")
    accepted = propose(waiting, other, coord)
    services.candidacy_answer(candidacy=accepted, actor=other.user, accept=True)
    return {
        "talent_helper": helper,
        "talent_other": other,
        "talent_pending": pending,
        "talent_request": request,
        "talent_proposed": proposed,
        "talent_introduced": introduced,
        "talent_accepted": accepted,
    }


def _pk(route: str, key: str) -> Any:
    return lambda w: reverse(route, args=[w[key].pk])


def profile_post_data(w: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "person",
        "display_name": "税理士K",
        "skills": [str(skill("accounting").pk)],
        "areas": [str(w["area"].pk)],
        "experience": "税理士として20年",
        "introduction": "会計のご相談にのります",
        "evenings": "on",
        "availability_note": "平日夜",
        "pro_bono": "on",
        "fee_note": "",
        "phone": "090-1234-5678",
    }


def request_post_data(w: dict[str, Any]) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "title": "会計ソフトの導入",
        "skills": [str(skill("accounting").pk)],
        "description": "決算書を作れるようにしたい",
        "period_start": (today + datetime.timedelta(days=7)).isoformat(),
        "period_end": (today + datetime.timedelta(days=60)).isoformat(),
        "budget": "0",
        "area": str(w["area"].pk),
    }


POST_TARGETS = [
    PostTarget(
        "talent profile", "citizen", lambda w: reverse("talent:profile-mine"), in_context("form"), profile_post_data
    ),
    PostTarget(
        "talent withdraw",
        "citizen",
        lambda w: reverse("talent:profile-withdraw"),
        in_context("withdraw_form"),
        lambda w: {"confirm": "on", "seen_status": "approved"},
        page=lambda w: reverse("talent:profile-mine"),
    ),
    PostTarget(
        "talent request new",
        "representative",
        lambda w: reverse("talent:request-create", args=[w["group"].slug]),
        in_context("form"),
        request_post_data,
    ),
    PostTarget(
        "talent request cancel",
        "representative",
        _pk("talent:request-cancel", "talent_request"),
        in_context("cancel_form"),
        lambda w: {"confirm": "on", "seen_status": "proposed"},
        page=_pk("talent:request", "talent_request"),
    ),
    PostTarget(
        "talent propose",
        "coordinator",
        _pk("talent:request-propose", "talent_request"),
        in_context("propose_form"),
        lambda w: {"profile": str(w["talent_other"].pk), "message": "お願いします", "seen_status": "proposed"},
        page=_pk("talent:request", "talent_request"),
    ),
    PostTarget(
        "talent close",
        "coordinator",
        _pk("talent:request-close", "talent_request"),
        in_context("close_form"),
        lambda w: {"outcome": "unmatched", "note": "該当者なし", "seen_status": "proposed"},
        page=_pk("talent:request", "talent_request"),
    ),
    PostTarget(
        "talent feedback",
        "representative",
        _pk("talent:request-feedback", "talent_introduced"),
        in_context("feedback_form"),
        lambda w: {"rating": "5", "comment": "助かりました"},
        page=_pk("talent:request", "talent_introduced"),
    ),
    PostTarget(
        "talent answer",
        "citizen",
        _pk("talent:candidacy-answer", "talent_proposed"),
        in_context("answer_form"),
        lambda w: {"decision": "accept", "note": "", "seen_status": "proposed"},
        page=_pk("talent:request", "talent_request"),
    ),
    PostTarget(
        "talent review",
        "city_staff",
        _pk("talent:helper", "talent_pending"),
        in_context("form"),
        lambda w: {"decision": "approve", "note": "", "seen_status": "pending"},
    ),
]

GET_TARGETS = [
    GetTarget("talent list", "anonymous", lambda w: reverse("talent:list"), filter_params("page")),
    GetTarget("talent queue", "coordinator", lambda w: reverse("talent:queue"), filter_params("page")),
    GetTarget("talent bank", "coordinator", lambda w: reverse("talent:bank"), filter_params("page")),
]

ENDPOINTS = [
    Endpoint("talent:request", "representative", _pk("talent:request", "talent_request"), post=False),
    Endpoint(
        "talent:candidacy-introduce",
        "coordinator",
        _pk("talent:candidacy-introduce", "talent_accepted"),
        fields=("confirm", "seen_status"),
    ),
]

FORM_MODULES = ["groups.forms_talent"]
FORM_COVERAGE = {
    "groups.forms_talent.ProfileForm": "talent profile",
    "groups.forms_talent.ConfirmStatusForm": "talent request cancel",
    "groups.forms_talent.ReviewForm": "talent review",
    "groups.forms_talent.RequestForm": "talent request new",
    "groups.forms_talent.ProposeForm": "talent propose",
    "groups.forms_talent.CloseForm": "talent close",
    "groups.forms_talent.AnswerForm": "talent answer",
    "groups.forms_talent.FeedbackForm": "talent feedback",
}
