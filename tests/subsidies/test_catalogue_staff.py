"""The staff overview (S-10): per programme and year, applications, accepted, adopted,
awarded, paid and the budget left, with the trend against earlier years; per group
every subsidy it has had (S-15); both as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.csv import BOM
from portal.dates import fiscal_year
from subsidies import catalogue
from subsidies.models import ApplicationStatus
from tests.factories.groups import create_group
from tests.factories.subsidies import create_application, create_programme
from tests.subsidies.catalogue_helpers import confirmed, decided, granted, pay

pytestmark = pytest.mark.django_db

YEAR = fiscal_year(timezone.localdate())


@pytest.fixture
def staff(client: Any, role_users: dict[str, Any]) -> Any:
    client.force_login(role_users["city_staff"])
    return role_users["city_staff"]


@pytest.fixture
def two_years(role_users: dict[str, Any]) -> dict[str, Any]:
    """The same programme (slug "oen") last year and this year, and another programme.

    Last year (budget 1,000,000): 3 applications: one confirmed (awarded 125,000, paid
    100,000 in advance), one granted (awarded 80,000, paid 80,000), one rejected.
      → applications 3, accepted 3, adopted 2, awarded 205,000, paid 180,000, left 795,000.
    This year (budget 500,000): one adopted (awarded 100,000), one granted (awarded 125,000,
    a payment of 50,000 paid and one of 20,000 only requested), one accepted, one submitted,
    one returned, one withdrawn after submitting, one draft (not counted).
      → applications 6, accepted 3, adopted 2, awarded 225,000, paid 50,000, left 275,000.
    """
    group = role_users["_group"]
    last = create_programme(slug="oen", fiscal_year=YEAR - 1)
    confirmed(last, group, amount=100_000, paid_before=100_000)
    pay(granted(last, create_group(), amount=80_000), 80_000)
    decided(last, create_group(), status=ApplicationStatus.REJECTED)
    this = create_programme(slug="oen", total_budget=500_000)
    decided(this, group, awarded=100_000)
    with_grant = granted(this, create_group())
    pay(with_grant, 50_000)
    pay(with_grant, 20_000, paid=False)
    create_application(this, create_group(), status=ApplicationStatus.ACCEPTED)
    create_application(this, create_group(), status=ApplicationStatus.SUBMITTED)
    create_application(this, create_group(), status=ApplicationStatus.RETURNED)
    create_application(this, create_group(), status=ApplicationStatus.WITHDRAWN)
    create_application(this, create_group(), status=ApplicationStatus.DRAFT)
    other = create_programme(slug="chiiki", name="地域づくり活動支援交付金", total_budget=2_000_000)
    return {"last": last, "this": this, "other": other, "group": group, "granted": with_grant}


def _figures(programme: Any) -> tuple[int, ...]:
    return (
        programme.applications_count,
        programme.accepted_count,
        programme.adopted_count,
        programme.awarded,
        programme.paid,
        programme.budget_left,
    )


def test_overview__hand_computed_figures_for_two_years(two_years: dict[str, Any]) -> None:
    rows = {row.programme.slug: row for row in catalogue.staff_overview(YEAR)}
    assert set(rows) == {"oen", "chiiki"}
    assert _figures(rows["oen"].programme) == (6, 3, 2, 225_000, 50_000, 275_000)
    assert _figures(rows["chiiki"].programme) == (0, 0, 0, 0, 0, 2_000_000)
    [last] = rows["oen"].trend
    assert last.fiscal_year == YEAR - 1
    assert _figures(last) == (3, 3, 2, 205_000, 180_000, 795_000)
    assert rows["oen"].programme.change == 3  # six applications against three
    assert rows["chiiki"].trend == []
    assert rows["chiiki"].programme.change is None


def test_overview__page_shows_the_figures_and_the_trend(client: Any, staff: Any, two_years: dict[str, Any]) -> None:
    response = client.get(reverse("subsidies:staff"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("225,000円", "50,000円", "275,000円", "205,000円", "2,000,000円", "+3"):
        assert text in html, text
    assert reverse("subsidies:staff-group", args=[two_years["group"].pk]) in html
    assert reverse("subsidies:staff-overview-csv") + f"?year={YEAR}" in html


def test_overview__year_switch_and_bad_year(client: Any, staff: Any, two_years: dict[str, Any]) -> None:
    response = client.get(reverse("subsidies:staff"), {"year": YEAR - 1})
    assert response.status_code == 200
    [row] = response.context["rows"]
    assert _figures(row.programme) == (3, 3, 2, 205_000, 180_000, 795_000)
    bad = client.get(reverse("subsidies:staff"), {"year": "20x6"})
    assert bad.status_code == 400
    assert bad.context["year"] == YEAR


def test_overview_csv__this_year_then_earlier_years(client: Any, staff: Any, two_years: dict[str, Any]) -> None:
    response = client.get(reverse("subsidies:staff-overview-csv"), {"year": YEAR})
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[0][0] == "年度"
    body = [(int(r[0]), r[1], *map(int, r[2:])) for r in rows[1:]]
    assert (YEAR, "市民活動応援補助金", 6, 3, 2, 500_000, 225_000, 50_000, 275_000) in body
    assert body[-1] == (YEAR - 1, "市民活動応援補助金", 3, 3, 2, 1_000_000, 205_000, 180_000, 795_000)
    assert client.get(reverse("subsidies:staff-overview-csv"), {"year": "abc"}).status_code == 400


def test_group_history__every_subsidy_across_years(client: Any, staff: Any, two_years: dict[str, Any]) -> None:
    group = two_years["group"]
    rows = catalogue.group_history(group.pk)
    assert [(r.application.programme.fiscal_year, r.application.status) for r in rows] == [
        (YEAR, ApplicationStatus.ADOPTED),
        (YEAR - 1, ApplicationStatus.CONFIRMED),
    ]
    last = rows[1]
    assert (last.granted_amount, last.paid, last.confirmed_amount, last.refund_due) == (125_000, 100_000, 100_000, 0)
    response = client.get(reverse("subsidies:staff-group", args=[group.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert group.name in html
    assert two_years["this"].name in html
    assert response.context["total_granted"] == 225_000


def test_group_history__refund_shown(client: Any, staff: Any) -> None:
    group = create_group(name="返還の会")
    programme = create_programme()
    confirmed(programme, group, amount=60_000, paid_before=100_000)
    [row] = catalogue.group_history(group.pk)
    assert (row.confirmed_amount, row.paid, row.refund_due) == (60_000, 100_000, 40_000)
    html = client.get(reverse("subsidies:staff-group", args=[group.pk])).content.decode()
    assert "40,000円" in html
    assert "返還待ち" in html
    response = client.get(reverse("subsidies:staff-group-csv", args=[group.pk]))
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    [header, line] = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert header[0] == "年度"
    assert line[-3:] == ["60000", "40000", "返還待ち"]


def test_group_history__unknown_group__404(client: Any, staff: Any) -> None:
    assert client.get(reverse("subsidies:staff-group", args=[10**9])).status_code == 404
    assert client.get(reverse("subsidies:staff-group-csv", args=[10**30])).status_code == 404


@pytest.mark.parametrize(
    "name", ["subsidies:staff", "subsidies:staff-overview-csv", "subsidies:staff-group", "subsidies:staff-group-csv"]
)
def test_staff_pages__city_staff_only(client: Any, role_users: dict[str, Any], name: str) -> None:
    args = [role_users["_group"].pk] if "group" in name else []
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    for role in ("citizen", "representative", "reviewer", "centre_staff"):
        client.force_login(role_users[role])
        assert client.get(url).status_code == 403, role
    client.force_login(role_users["city_staff"])
    assert client.get(url).status_code == 200


def test_staff_dashboard__links_to_the_overview(client: Any, staff: Any) -> None:
    html = client.get(reverse("portal:staff-dashboard")).content.decode()
    assert reverse("subsidies:staff") in html
