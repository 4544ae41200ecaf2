"""The hostile-input corpus of the subsidies catalogue (tests/test_hostile_input.py loads
it): the year switch of the catalogue and the staff overview, and every other page,
file and open-data address, with hostile query strings and bodies. The catalogue has no
form of its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from portal.dates import fiscal_year
from subsidies.models import OutsideGrant
from tests.factories.subsidies import create_programme
from tests.subsidies.catalogue_helpers import closed_call, confirmed, decided, publish_decisions
from tests.test_hostile_input import Endpoint, GetTarget, only

YEAR = fiscal_year(timezone.localdate())


def world(world: dict[str, Any]) -> dict[str, Any]:
    programme = create_programme(slug="oen-catalogue")
    programme.guide.save("guide.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    done = publish_decisions(create_programme(slug="chiiki-catalogue", **closed_call()))
    decided(done, world["_other_group"])
    confirmed(done, world["group"], amount=100_000, paid_before=120_000, summary="=1+1")
    OutsideGrant.objects.create(provider="みどり財団", name="地域助成", amount="30万円", url="https://example.org/")
    return {"subsidy_programme": programme, "subsidy_done": done}


def _programme(route: str) -> Callable[[dict[str, Any]], str]:
    return lambda w: reverse(route, args=[w["subsidy_programme"].fiscal_year, w["subsidy_programme"].slug])


def _year(route: str) -> Callable[[dict[str, Any]], str]:
    return lambda w: reverse(route, args=[w["subsidy_done"].fiscal_year])


def _group(route: str) -> Callable[[dict[str, Any]], str]:
    return lambda w: reverse(route, args=[w["group"].pk])


POST_TARGETS: list[Any] = []

GET_TARGETS = [
    GetTarget("subsidy catalogue", "anonymous", lambda w: reverse("subsidies:list"), only("year")),
    GetTarget("subsidies overview", "city_staff", lambda w: reverse("subsidies:staff"), only("year")),
    GetTarget("subsidies overview csv", "city_staff", lambda w: reverse("subsidies:staff-overview-csv"), only("year")),
]

ENDPOINTS = [
    Endpoint("subsidies:programme", "anonymous", _programme("subsidies:programme")),
    Endpoint("subsidies:guide", "anonymous", _programme("subsidies:guide")),
    Endpoint("subsidies:outside-grants", "anonymous", lambda w: reverse("subsidies:outside-grants")),
    Endpoint("subsidies:results-index", "anonymous", lambda w: reverse("subsidies:results-index")),
    Endpoint("subsidies:results", "anonymous", _year("subsidies:results")),
    Endpoint("subsidies:results-csv", "anonymous", _year("subsidies:results-csv")),
    Endpoint("subsidies:results-json", "anonymous", _year("subsidies:results-json")),
    Endpoint("subsidies:staff-programme", "city_staff", _programme("subsidies:staff-programme")),
    Endpoint("subsidies:staff-group", "city_staff", _group("subsidies:staff-group")),
    Endpoint("subsidies:staff-group-csv", "city_staff", _group("subsidies:staff-group-csv")),
]

FORM_MODULES: list[str] = []
FORM_COVERAGE: dict[str, str] = {}
