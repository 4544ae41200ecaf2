"""The hostile-input corpus of the collaboration agreements area (tests/test_hostile_input.py
loads it): the draft, its edit, the confirmation, the staff's buttons, the change, the
page and the PDF."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from collaboration.forms.agreements import StaffActionForm
from tests.factories.collaboration import build_agreements_world
from tests.test_hostile_input import Endpoint, PostTarget, in_context

KEYS = ("agreement", "draft", "circulating", "bare_project", "other_agreement")


def world(data: dict[str, Any]) -> dict[str, Any]:
    built = SimpleLazyObject(lambda: build_agreements_world(data))
    return {f"agreements_{key}": SimpleLazyObject(lambda key=key: built[key]) for key in KEYS}


def _pk(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[w[f"agreements_{key}"].pk])


def _terms(project: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data = {
        "title": "協定書",
        "purpose": "居場所づくり",
        "cost_sharing": "",
        "risks": "",
        "starts_on": today.isoformat(),
        "ends_on": today.replace(year=today.year + 1).isoformat(),
        "disputes": "",
        "other_terms": "",
    }
    for partner in project.partners.all():
        data[f"party_{partner.pk}"] = "運営"
    return data


POST_TARGETS = [
    PostTarget(
        "agreements new",
        "city_staff",
        lambda w: reverse("collaboration:agreement-new", args=[w["agreements_bare_project"].slug]),
        in_context("form"),
        lambda w: _terms(w["agreements_bare_project"]),
    ),
    PostTarget(
        "agreements edit",
        "city_staff",
        _pk("collaboration:agreement-edit", "draft"),
        in_context("form"),
        lambda w: {**_terms(w["agreements_draft"].project), "seen_status": "draft"},
    ),
    PostTarget(
        "agreements confirm",
        "representative",
        _pk("collaboration:agreement", "circulating"),
        in_context("confirm_form"),
        lambda w: {
            "partner": w["agreements_circulating"].project.partners.get(group__isnull=False).pk,
            "seen_status": "circulating",
        },
        fixed={"action": "confirm"},
    ),
    PostTarget(
        "agreements circulate",
        "city_staff",
        _pk("collaboration:agreement", "draft"),
        lambda r, w: StaffActionForm(),
        lambda w: {"seen_status": "draft"},
        fixed={"action": "circulate"},
    ),
    PostTarget(
        "agreements withdraw",
        "city_staff",
        _pk("collaboration:agreement", "circulating"),
        lambda r, w: StaffActionForm(),
        lambda w: {"seen_status": "circulating"},
        fixed={"action": "withdraw"},
    ),
    PostTarget(
        "agreements revise",
        "city_staff",
        _pk("collaboration:agreement", "agreement"),
        in_context("revise_form"),
        lambda w: {"change_reason": "期間の延長"},
        fixed={"action": "revise"},
    ),
]
GET_TARGETS: list[Any] = []
ENDPOINTS: list[Any] = [
    Endpoint(
        "collaboration:agreement-pdf", "representative", _pk("collaboration:agreement-pdf", "agreement"), post=False
    ),
    Endpoint(
        "collaboration:agreement", "representative", _pk("collaboration:agreement", "agreement"), fields=("action",)
    ),
]
FORM_MODULES: list[str] = ["collaboration.forms.agreements"]
FORM_COVERAGE: dict[str, str] = {
    "collaboration.forms.agreements.AgreementForm": "agreements new",
    "collaboration.forms.agreements.ConfirmForm": "agreements confirm",
    "collaboration.forms.agreements.ReviseForm": "agreements revise",
    "collaboration.forms.agreements.StaffActionForm": "agreements circulate",
}
