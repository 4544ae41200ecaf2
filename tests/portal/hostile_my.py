"""Hostile-input corpus for /my/ (it reads no parameter: unknown and repeated ones are
ignored) and the withdrawal of a volunteer application from it (a POST that reads no
field); tests/test_hostile_input.py loads it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.test_hostile_input import Endpoint


def world(world: dict[str, Any]) -> dict[str, Any]:
    return {}


def _my(w: dict[str, Any]) -> str:
    return reverse("portal:my")


def _withdraw(w: dict[str, Any]) -> str:
    # The world's volunteer application is the other representative's.
    return reverse("groups:application-withdraw", args=[w["application"].pk])


POST_TARGETS: list[Any] = []
GET_TARGETS: list[Any] = []
ENDPOINTS: list[Any] = [
    Endpoint("portal:my", "citizen", _my, post=False),
    Endpoint("groups:application-withdraw", "other_representative", _withdraw),
]

# /my/ and the withdrawal take no form of their own.
FORM_MODULES: list[str] = []
FORM_COVERAGE: dict[str, str] = {}
