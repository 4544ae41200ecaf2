"""The hostile-input corpus of the site search (tests/test_hostile_input.py loads it):
`q` (empty, huge, NUL, invalid UTF-8, multi-line), `field`, `area`, `kind` and `page`
with bad values, on a world with something indexed."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from portal import search
from tests.test_hostile_input import GetTarget


def world(world: dict[str, Any]) -> dict[str, Any]:
    search.rebuild()  # the world's groups, events and openings, so that queries find something
    return {}


def _search_params(response: Any) -> dict[str, Any]:
    return {**response.context["form"].fields, "page": None}


GET_TARGETS = [
    GetTarget("site search", "anonymous", lambda w: reverse("portal:search") + "?q=ふくし", _search_params),
    GetTarget(
        "site search, one kind",
        "citizen",
        lambda w: reverse("portal:search") + "?q=ふくし&kind=groups.event",
        _search_params,
    ),
]
POST_TARGETS: list[Any] = []
ENDPOINTS: list[Any] = []

FORM_MODULES: list[str] = []
FORM_COVERAGE = {"portal.forms.SiteSearchForm": "GET site search"}
