"""The evaluation rounds list of a project answers in the same number of queries
whatever the number of rounds, partners and evaluations."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.collaboration import complete_round, create_project, create_round
from tests.factories.groups import create_group

pytestmark = pytest.mark.django_db


def _project(partners: int, rounds: int) -> Any:
    project = create_project(groups=tuple(create_group() for _ in range(partners)))
    for n in range(rounds):
        round_ = create_round(project, fiscal_year=2020 + n, is_final=False, released=n % 2 == 0)
        complete_round(round_)
    return project


def test_rounds_list__constant_queries(role_users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(role_users["city_staff"])
    counts = []
    for partners, rounds in ((1, 1), (3, 4)):
        url = reverse("collaboration:evaluation-rounds", args=[_project(partners, rounds).slug])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
