"""Hostile-input corpus (stub: filled in by the feature's work; tests/test_hostile_input.py loads it)."""

from __future__ import annotations

from typing import Any


def world(world: dict[str, Any]) -> dict[str, Any]:
    return {}


POST_TARGETS: list[Any] = []
GET_TARGETS: list[Any] = []
ENDPOINTS: list[Any] = []
