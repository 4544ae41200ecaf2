"""The hostile-input corpus of the collaboration proposals area
(tests/test_hostile_input.py loads it): starting a proposal, its content, submission,
withdrawal and the thread's message boxes, and the proposer's pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from collaboration.models import ProposalStatus
from tests.factories.collaboration import create_call, create_proposal
from tests.test_hostile_input import Endpoint, PostTarget, in_context


def world(world: dict[str, Any]) -> dict[str, Any]:
    call = create_call(slug="hostile-proposals")
    group = world["group"]
    return {
        "proposals_call": call,
        "proposals_draft": create_proposal(call, group=group),
        "proposals_submit": create_proposal(call, group=group),
        "proposals_withdraw": create_proposal(call, group=group, status=ProposalStatus.SUBMITTED),
    }


def prefixed(name: str) -> Any:
    """The page's form (`name` in the context) with its fields named as posted."""

    def build(response: Any, world: dict[str, Any]) -> forms.BaseForm:
        form = response.context[name]
        page = forms.Form()
        page.fields = {form.add_prefix(field): value for field, value in form.fields.items()}
        return page

    return build


def edit_data(world: dict[str, Any]) -> dict[str, Any]:
    call = world["proposals_call"]
    return {
        "title": "空き家カフェ",
        "existing_project": "",
        "issue": "高齢者の孤立",
        "content": "交流カフェを開く。",
        "target": "高齢者",
        "roles": "団体：運営",
        "budget_total": "500000",
        "cost_sharing": "市：30万円",
        "starts_on": call.starts_on.isoformat(),
        "ends_on": call.ends_on.isoformat(),
        "schedule": "4月準備",
        "capability": "5年",
        "partners": "",
        "form": "",
    }


def _pk(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[w[key].pk])


POST_TARGETS = [
    PostTarget(
        "collaboration proposal start",
        "representative",
        lambda w: reverse("collaboration:proposal-start", args=[w["proposals_call"].slug]),
        in_context("form"),
        lambda w: {"proposer": str(w["group"].pk), "business_name": "", "title": "空き家カフェ"},
    ),
    PostTarget(
        "collaboration proposal edit",
        "representative",
        _pk("collaboration:proposal-edit", "proposals_draft"),
        in_context("form"),
        edit_data,
        fixed={"action": "save"},
    ),
    PostTarget(
        "collaboration proposal submit",
        "representative",
        _pk("collaboration:proposal-submit", "proposals_submit"),
        in_context("form"),
        lambda w: {"seen_status": "draft"},
    ),
    PostTarget(
        "collaboration proposal withdraw",
        "representative",
        _pk("collaboration:proposal-withdraw", "proposals_withdraw"),
        in_context("form"),
        lambda w: {"seen_status": "submitted"},
    ),
    PostTarget(
        "collaboration proposal message",
        "representative",
        _pk("collaboration:proposal-message", "proposals_draft"),
        in_context("form"),
        lambda w: {"body": "質問があります。"},
    ),
    PostTarget(
        "collaboration proposal consultation",
        "representative",
        _pk("collaboration:proposal-consultation", "proposals_draft"),
        prefixed("form"),
        lambda w: {"consultation-body": "事前相談をお願いします。"},
    ),
]
GET_TARGETS: list[Any] = []
ENDPOINTS = [
    Endpoint(
        "collaboration:my-proposals",
        "representative",
        lambda w: reverse("collaboration:my-proposals"),
        params=("page",),
        post=False,
    ),
    Endpoint("collaboration:proposal", "representative", _pk("collaboration:proposal", "proposals_draft"), post=False),
]
FORM_MODULES = ["collaboration.forms.proposals"]
FORM_COVERAGE = {
    "collaboration.forms.proposals.StartForm": "collaboration proposal start",
    "collaboration.forms.proposals.ProposalForm": "collaboration proposal edit",
    "collaboration.forms.proposals.MessageForm": "collaboration proposal message",
}
