"""Every catalogue URL of the subsidies app for every role: the catalogue, the results
and their open data are public; the overview pages are for city staff (and the
superuser) only, the log-in page for anonymous visitors."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from portal.dates import fiscal_year
from subsidies.models import OutsideGrant
from tests.factories.subsidies import create_programme
from tests.roles import Case, check_roles, expect, logged_in, matrix_params
from tests.subsidies.catalogue_helpers import closed_call, confirmed, decided, publish_decisions

pytestmark = pytest.mark.django_db

YEAR = fiscal_year(timezone.localdate())


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    programme = create_programme(slug="oen")
    programme.guide.save("guide.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    done = publish_decisions(create_programme(slug="chiiki", **closed_call()))
    decided(done, role_users["_other_group"])
    confirmed(done, role_users["_group"], amount=100_000, paid_before=120_000, summary="成果")
    no_guide = create_programme(slug="no-guide", fiscal_year=YEAR - 1)
    OutsideGrant.objects.create(provider="みどり財団", name="地域助成", amount="30万円", url="https://example.org/")
    return {"programme": programme, "done": done, "no_guide": no_guide, "group": role_users["_group"]}


CITY = {"city_staff": 200, "superuser": 200}


def staff_case(name: str, url: Any, **overrides: int) -> Case:
    return Case(name, url, logged_in(403, **{**CITY, **overrides}))


CASES = [
    Case("catalogue", lambda d: reverse("subsidies:list"), expect(200)),
    Case("catalogue, last year", lambda d: reverse("subsidies:list") + f"?year={YEAR - 1}", expect(200)),
    Case("catalogue, bad year", lambda d: reverse("subsidies:list") + "?year=abc", expect(400)),
    Case("catalogue (English)", lambda d: "/en" + reverse("subsidies:list"), expect(200)),
    Case("programme", lambda d: d["programme"].get_absolute_url(), expect(200)),
    Case("programme, decided", lambda d: d["done"].get_absolute_url(), expect(200)),
    Case("missing programme", lambda d: reverse("subsidies:programme", args=[YEAR, "nothing"]), expect(404)),
    Case("programme, impossible year", lambda d: reverse("subsidies:programme", args=[1, "oen"]), expect(404)),
    Case("guide", lambda d: reverse("subsidies:guide", args=[YEAR, "oen"]), expect(200)),
    Case("no guide", lambda d: reverse("subsidies:guide", args=[YEAR - 1, "no-guide"]), expect(404)),
    Case("outside grants", lambda d: reverse("subsidies:outside-grants"), expect(200)),
    Case("results index", lambda d: reverse("subsidies:results-index"), expect(200)),
    Case("results", lambda d: reverse("subsidies:results", args=[YEAR]), expect(200)),
    Case("results, impossible year", lambda d: reverse("subsidies:results", args=[3000]), expect(404)),
    Case("results csv", lambda d: reverse("subsidies:results-csv", args=[YEAR]), expect(200)),
    Case("results json", lambda d: reverse("subsidies:results-json", args=[YEAR]), expect(200)),
    Case("results json, impossible year", lambda d: reverse("subsidies:results-json", args=[99]), expect(404)),
    staff_case("staff overview", lambda d: reverse("subsidies:staff")),
    staff_case("staff overview, last year", lambda d: reverse("subsidies:staff") + f"?year={YEAR - 1}"),
    staff_case(
        "staff overview, bad year", lambda d: reverse("subsidies:staff") + "?year=1", city_staff=400, superuser=400
    ),
    staff_case("staff overview csv", lambda d: reverse("subsidies:staff-overview-csv") + f"?year={YEAR}"),
    staff_case("staff programme", lambda d: reverse("subsidies:staff-programme", args=[YEAR, "oen"])),
    staff_case("staff programme, decided", lambda d: reverse("subsidies:staff-programme", args=[YEAR, "chiiki"])),
    staff_case("staff programme (English)", lambda d: "/en" + reverse("subsidies:staff-programme", args=[YEAR, "oen"])),
    # Only staff learn whether a programme exists here: the role check comes first.
    staff_case(
        "staff programme, missing",
        lambda d: reverse("subsidies:staff-programme", args=[YEAR, "nothing"]),
        city_staff=404,
        superuser=404,
    ),
    staff_case(
        "staff programme, impossible year",
        lambda d: reverse("subsidies:staff-programme", args=[1, "oen"]),
        city_staff=404,
        superuser=404,
    ),
    staff_case("staff group", lambda d: reverse("subsidies:staff-group", args=[d["group"].pk])),
    staff_case("staff group csv", lambda d: reverse("subsidies:staff-group-csv", args=[d["group"].pk])),
    # Only staff learn whether a group exists here: the role check comes first.
    staff_case(
        "staff group, missing", lambda d: reverse("subsidies:staff-group", args=[10**9]), city_staff=404, superuser=404
    ),
]


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    check_roles(client, role_users, matrix_data, case, roles)
