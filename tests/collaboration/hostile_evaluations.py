"""The hostile-input corpus of the collaboration evaluations area (tests/test_hostile_input.py
loads it): opening a round, a partner's evaluation, the third-party evaluation, the
release."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from collaboration.forms.evaluations import ReleaseForm
from portal.dates import fiscal_year
from tests.factories.collaboration import build_agreements_world, scores
from tests.test_hostile_input import PostTarget, in_context

KEYS = ("round", "released_round", "ended_project", "committee")


def world(data: dict[str, Any]) -> dict[str, Any]:
    built = SimpleLazyObject(lambda: build_agreements_world(data))
    return {f"evaluations_{key}": SimpleLazyObject(lambda key=key: built[key]) for key in KEYS}


def _round(w: dict[str, Any]) -> str:
    return reverse("collaboration:evaluation-round", args=[w["evaluations_round"].pk])


POST_TARGETS = [
    PostTarget(
        "evaluations open round",
        "city_staff",
        lambda w: reverse("collaboration:evaluation-rounds", args=[w["evaluations_ended_project"].slug]),
        in_context("form"),
        lambda w: {
            "fiscal_year": str(fiscal_year(timezone.localdate()) - 1),
            "is_final": "1",
            "due_on": timezone.localdate().isoformat(),
        },
    ),
    PostTarget(
        "evaluations evaluate",
        "representative",
        _round,
        in_context("evaluation_form"),
        lambda w: {
            **scores(),
            "evaluator": w["evaluations_ended_project"].partners.get(group__isnull=False).pk,
            "subject": "",
        },
        fixed={"action": "evaluate"},
    ),
    PostTarget(
        "evaluations third party",
        "city_staff",
        _round,
        in_context("third_party_form"),
        lambda w: {**scores(), "committee": w["evaluations_committee"].pk},
        fixed={"action": "third_party"},
    ),
    PostTarget(
        "evaluations release",
        "city_staff",
        _round,
        lambda r, w: ReleaseForm(),
        lambda w: {"confirm": "on"},
        fixed={"action": "release"},
    ),
]
GET_TARGETS: list[Any] = []
ENDPOINTS: list[Any] = []
FORM_MODULES: list[str] = ["collaboration.forms.evaluations"]
FORM_COVERAGE: dict[str, str] = {
    "collaboration.forms.evaluations.RoundOpenForm": "evaluations open round",
    "collaboration.forms.evaluations.EvaluationForm": "evaluations evaluate",
    "collaboration.forms.evaluations.ThirdPartyForm": "evaluations third party",
    "collaboration.forms.evaluations.ReleaseForm": "evaluations release",
    "collaboration.forms.evaluations._ScoresForm": "none: the base of the two evaluation forms",
}
