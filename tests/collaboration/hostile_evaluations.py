"""The hostile-input corpus of the collaboration evaluations area (tests/test_hostile_input.py
loads it)."""

from __future__ import annotations

from typing import Any


def world(world: dict[str, Any]) -> dict[str, Any]:
    return {}


POST_TARGETS: list[Any] = []
GET_TARGETS: list[Any] = []
ENDPOINTS: list[Any] = []
FORM_MODULES: list[str] = []
FORM_COVERAGE: dict[str, str] = {}
