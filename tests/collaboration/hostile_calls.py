"""The hostile-input corpus of the collaboration calls area (tests/test_hostile_input.py
loads it): the window's call form and status buttons, and the public pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from collaboration.models import CallStatus
from tests.factories.collaboration import create_call, window_department
from tests.test_hostile_input import Endpoint, PostTarget, in_context, local


def world(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "calls_open": create_call(slug="hostile-open"),
        "calls_draft": create_call(slug="hostile-draft", status=CallStatus.DRAFT, published_at=None),
    }


def call_data(world: dict[str, Any]) -> dict[str, Any]:
    now = timezone.now()
    return {
        "kind": "theme",
        "slug": "hostile-new",
        "fiscal_year": "2026",
        "department": window_department().pk,
        "title": "子どもの居場所",
        "title_en": "",
        "background": "背景",
        "background_en": "",
        "city_contribution": "",
        "city_contribution_en": "",
        "participation_criteria": "",
        "participation_criteria_en": "",
        "budget_min": "100000",
        "budget_max": "500000",
        "starts_on": "",
        "ends_on": "",
        "opens_at": local(now - datetime.timedelta(days=1)),
        "closes_at": local(now + datetime.timedelta(days=20)),
        "businesses_may_propose": "on",
        "presentation_on": "",
        "presentation_place": "",
        "committee": "",
    }


def _pk(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[w[key].pk])


POST_TARGETS = [
    PostTarget(
        "collaboration call new",
        "city_staff",
        lambda w: reverse("collaboration:staff-call-new"),
        in_context("form"),
        call_data,
    ),
    PostTarget(
        "collaboration call edit",
        "city_staff",
        _pk("collaboration:staff-call-edit", "calls_open"),
        in_context("form"),
        lambda w: {**call_data(w), "slug": "hostile-open"},
    ),
    PostTarget(
        "collaboration call status",
        "city_staff",
        _pk("collaboration:staff-call-status", "calls_draft"),
        in_context("form"),
        lambda w: {"seen_status": "draft"},
        fixed={"action": "publish"},
    ),
]
GET_TARGETS: list[Any] = []
ENDPOINTS = [
    Endpoint("collaboration:index", "anonymous", lambda w: reverse("collaboration:index"), post=False),
    Endpoint(
        "collaboration:call-list",
        "anonymous",
        lambda w: reverse("collaboration:call-list"),
        params=("page",),
        post=False,
    ),
    Endpoint("collaboration:call", "anonymous", lambda w: w["calls_open"].get_absolute_url(), post=False),
    Endpoint(
        "collaboration:staff-calls",
        "city_staff",
        lambda w: reverse("collaboration:staff-calls"),
        params=("page",),
        post=False,
    ),
]
FORM_MODULES = ["collaboration.forms.calls"]
FORM_COVERAGE = {"collaboration.forms.calls.CallForm": "collaboration call new"}
