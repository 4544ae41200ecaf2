"""The hostile-input corpus of the collaboration endorsements area (tests/test_hostile_input.py
loads it): the request form (both its parts), withdrawal, 実施報告, the window's decision and
revocation, the queue's filters and the request page."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone

from tests.factories.collaboration import create_endorsement
from tests.test_hostile_input import Endpoint, GetTarget, PostTarget, filter_params, in_context, only


def world(world: dict[str, Any]) -> dict[str, Any]:
    group = world["group"]
    past = timezone.localdate() - datetime.timedelta(days=3)
    return {
        "endorsement_submitted": create_endorsement(group),
        "endorsement_to_decide": create_endorsement(group, kind="cohosting", main_benefit="subsidy"),
        "endorsement_approved": create_endorsement(group, status="approved"),
        "endorsement_past": create_endorsement(group, status="approved", starts_on=past, ends_on=past),
    }


def _url(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[w[key].pk])


def new_page_form(response: Any, world: dict[str, Any]) -> forms.BaseForm:
    """The request page's two parts (the group and event, and the request) as one form."""
    page = forms.Form()
    page.fields = {**response.context["chooser"].fields, **response.context["form"].fields}
    return page


def new_data(world: dict[str, Any]) -> dict[str, Any]:
    starts = timezone.localdate() + datetime.timedelta(days=60)
    return {
        "group": world["group"].pk,
        "event": "",
        "kind": "endorsement",
        "event_title": "子育て応援フェスタ",
        "starts_on": starts.isoformat(),
        "ends_on": starts.isoformat(),
        "venue": "市民活動センター",
        "purpose": "交流のため",
        "content": "",
        "organisers": "テスト団体",
        "audience": "市民",
        "expected_people": "50",
        "fee_amount": "",
        "past_endorsements": "",
        "main_benefit": "trust",
        "accepts_conditions": "on",
    }


POST_TARGETS: list[Any] = [
    PostTarget(
        "endorsement new",
        "representative",
        lambda w: reverse("collaboration:endorsement-new"),
        new_page_form,
        new_data,
        fixed={"action": "submit"},
    ),
    PostTarget(
        "endorsement prefill",
        "representative",
        lambda w: reverse("collaboration:endorsement-new"),
        lambda response, w: response.context["chooser"],
        lambda w: {"group": w["group"].pk, "event": ""},
        fixed={"action": "prefill"},
    ),
    PostTarget(
        "endorsement withdraw",
        "representative",
        _url("collaboration:endorsement-withdraw", "endorsement_submitted"),
        in_context("form"),
        lambda w: {"seen_status": "submitted"},
    ),
    PostTarget(
        "endorsement report",
        "representative",
        _url("collaboration:endorsement-report", "endorsement_past"),
        in_context("form"),
        lambda w: {"participants": "40", "summary": "盛況でした"},
    ),
    PostTarget(
        "staff endorsement decide",
        "city_staff",
        _url("collaboration:staff-endorsement", "endorsement_to_decide"),
        in_context("form"),
        lambda w: {
            "decision": "approve",
            "purpose_ok": "yes",
            "public_nature_ok": "yes",
            "public_interest_ok": "yes",
            "conditions": "",
            "reason": "",
            "seen_status": "submitted",
        },
    ),
    PostTarget(
        "staff endorsement revoke",
        "city_staff",
        _url("collaboration:staff-endorsement", "endorsement_approved"),
        in_context("revoke_form"),
        lambda w: {"reason": "条件違反", "seen_status": "approved"},
        fixed={"action": "revoke"},
    ),
]
GET_TARGETS: list[Any] = [
    GetTarget(
        "staff endorsements",
        "city_staff",
        lambda w: reverse("collaboration:staff-endorsements"),
        filter_params("page"),
    ),
    GetTarget("endorsement list", "representative", lambda w: reverse("collaboration:endorsement-list"), only("page")),
]
ENDPOINTS: list[Any] = [
    Endpoint(
        "collaboration:endorsement",
        "representative",
        _url("collaboration:endorsement", "endorsement_submitted"),
        post=False,
    ),
]
FORM_MODULES: list[str] = ["collaboration.forms.endorsements"]
FORM_COVERAGE: dict[str, str] = {
    "collaboration.forms.endorsements.EventChoiceForm": "endorsement prefill",
    "collaboration.forms.endorsements.EndorsementRequestForm": "endorsement new",
    "collaboration.forms.endorsements.ReportForm": "endorsement report",
    "collaboration.forms.endorsements.DecisionForm": "staff endorsement decide",
    "collaboration.forms.endorsements.RevokeForm": "staff endorsement revoke",
}
