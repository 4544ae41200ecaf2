"""Query counts of the catalogue, results and staff overview pages do not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.dates import fiscal_year
from subsidies.models import ApplicationStatus, OutsideGrant
from tests.factories.groups import create_group
from tests.factories.subsidies import create_application, create_programme
from tests.subsidies.catalogue_helpers import (
    close_scoring,
    closed_call,
    confirmed,
    decided,
    granted,
    pay,
    publish_decisions,
    publish_screening_results,
    score,
    screening_committee,
)

pytestmark = pytest.mark.django_db

YEAR = fiscal_year(timezone.localdate())


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    committee, members = screening_committee(YEAR, members=2)
    screened = create_programme(slug="koukai", public_screening=True, committee=committee, **closed_call())
    plain = create_programme(slug="plain", **closed_call())
    last_year = create_programme(slug="plain", fiscal_year=YEAR - 1)
    return {
        "committee": committee,
        "members": members,
        "screened": screened,
        "plain": plain,
        "last_year": last_year,
        "group": role_users["_group"],
        "n": 0,
    }


def _grow(world: dict[str, Any], n: int) -> None:
    """n more of everything: programmes, applications in every state with grants,
    payments, reports and confirmations, scores, earlier years, outside grants, and
    applications of the followed group."""
    for _ in range(n):
        world["n"] += 1
        i = world["n"]
        programme = create_programme(slug=f"extra-{i}")
        create_programme(slug=f"extra-{i}", fiscal_year=YEAR - 1)
        create_application(programme, world["group"], status=ApplicationStatus.SUBMITTED)
        for target in (world["screened"], world["plain"]):
            adopted = decided(target, create_group())
            pay(granted(target, create_group()), 10_000)
            confirmed(target, create_group(), amount=50_000, paid_before=60_000, summary="ok")
            decided(target, create_group(), status=ApplicationStatus.REJECTED)
            create_application(target, create_group(), status=ApplicationStatus.ACCEPTED)
            if target == world["screened"]:
                score(world["members"][0], adopted, (4, 4))
                score(world["members"][1], adopted, (3, 5))
        decided(world["last_year"], create_group())
        confirmed(world["last_year"], world["group"] if i == 1 else create_group(), amount=10_000)
        OutsideGrant.objects.create(provider=f"財団{i}", name=f"助成{i}", amount="10万円")


def _urls(world: dict[str, Any]) -> dict[str, str]:
    return {
        "list": reverse("subsidies:list"),
        "list last year": reverse("subsidies:list") + f"?year={YEAR - 1}",
        "programme": world["screened"].get_absolute_url(),
        "outside grants": reverse("subsidies:outside-grants"),
        "results index": reverse("subsidies:results-index"),
        "results": reverse("subsidies:results", args=[YEAR]),
        "results csv": reverse("subsidies:results-csv", args=[YEAR]),
        "results json": reverse("subsidies:results-json", args=[YEAR]),
        "staff overview": reverse("subsidies:staff"),
        "staff overview csv": reverse("subsidies:staff-overview-csv"),
        "staff group": reverse("subsidies:staff-group", args=[world["group"].pk]),
        "staff group csv": reverse("subsidies:staff-group-csv", args=[world["group"].pk]),
    }


def test_pages__constant_queries_at_two_data_sizes(client: Any, world: dict[str, Any], role_users: Any) -> None:
    client.force_login(role_users["city_staff"])
    _grow(world, 1)
    close_scoring(world["committee"])
    for programme in (world["screened"], world["plain"], world["last_year"]):
        publish_decisions(programme)
    publish_screening_results(world["screened"])
    small = {name: _count(client, url) for name, url in _urls(world).items()}
    # More of everything (scoring has closed: these adoptions have no scores yet).
    for _ in range(3):
        world["n"] += 1
        for target in (world["screened"], world["plain"]):
            decided(target, create_group())
            pay(granted(target, create_group()), 10_000)
            confirmed(target, create_group(), amount=50_000, paid_before=60_000, summary="ok")
        programme = create_programme(slug=f"more-{world['n']}")
        create_programme(slug=f"more-{world['n']}", fiscal_year=YEAR - 1)
        create_application(programme, world["group"], status=ApplicationStatus.SUBMITTED)
        OutsideGrant.objects.create(provider="財団", name=f"助成{world['n']}", amount="10万円")
    large = {name: _count(client, url) for name, url in _urls(world).items()}
    assert large == small, (small, large)
    assert small["results"] <= 20, small
    assert small["staff overview"] <= 20, small


def test_results_rows__grow_with_the_data(client: Any, world: dict[str, Any]) -> None:
    """The sizes above really differ (the test would pass vacuously otherwise)."""
    _grow(world, 2)
    close_scoring(world["committee"])
    publish_decisions(world["screened"])
    publish_screening_results(world["screened"])
    response = client.get(reverse("subsidies:results", args=[YEAR]))
    [result] = response.context["results"]
    assert len(result.rows) == 6
    assert all(row.score is not None for row in result.rows if row.application.status == ApplicationStatus.ADOPTED)
