"""Published results (公開): the adopted projects of programmes whose decisions are
published, with amounts, the public-screening score and the result summary; the CSV and
JSON open data (CC BY 4.0)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
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
from tests.subsidies.catalogue_helpers import (
    close_scoring,
    closed_call,
    confirmed,
    decided,
    granted,
    publish_decisions,
    publish_screening_results,
    report,
    score,
    screening_committee,
)

pytestmark = pytest.mark.django_db

YEAR = fiscal_year(timezone.localdate())


@pytest.fixture
def results() -> dict[str, Any]:
    """A published programme with an adopted, a granted (report not yet accepted), a
    confirmed (report accepted) and a rejected application, an unpublished adoption, and a
    draft; plus a programme whose decisions are not published."""
    programme = publish_decisions(create_programme(name="地域づくり活動支援交付金", **closed_call()))
    adopted = decided(programme, create_group(name="みどり子ども食堂"), awarded=100_000)
    with_grant = granted(programme, create_group(name="=cmd|' /C calc'!A0"), title="+SUM(1)")
    report(with_grant, summary="まだ受理されていない報告", accepted=False)
    done = confirmed(
        programme, create_group(name="あおば環境の会"), amount=90_000, paid_before=100_000, summary="清掃活動に40人"
    )
    rejected = decided(programme, create_group(name="不採択の会"), status=ApplicationStatus.REJECTED)
    unpublished = decided(programme, create_group(name="未公開の会"), published=False)
    create_application(programme, create_group(name="下書きの会"))
    hidden = create_programme(name="未公表の補助金")
    decided(hidden, create_group(name="未公表制度の会"))
    return {
        "programme": programme,
        "adopted": adopted,
        "granted": with_grant,
        "confirmed": done,
        "rejected": rejected,
        "unpublished": unpublished,
    }


def test_results__only_published_adoptions(client: Any, results: dict[str, Any]) -> None:
    response = client.get(reverse("subsidies:results", args=[YEAR]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("地域づくり活動支援交付金", "みどり子ども食堂", "あおば環境の会", results["adopted"].receipt_number):
        assert text in html, text
    for text in ("不採択の会", "未公開の会", "下書きの会", "未公表の補助金", "未公表制度の会"):
        assert text not in html, text
    [result] = response.context["results"]
    assert {row.application.pk for row in result.rows} == {
        results["adopted"].pk,
        results["granted"].pk,
        results["confirmed"].pk,
    }


def test_results__amounts_granted_and_confirmed_and_summary_once_accepted(client: Any, results: dict[str, Any]) -> None:
    [result] = catalogue.published_results(YEAR)
    rows = {row.application.pk: row for row in result.rows}
    adopted, granted_row, done = (rows[results[k].pk] for k in ("adopted", "granted", "confirmed"))
    assert (adopted.granted_amount, adopted.confirmed_amount, adopted.summary) == (100_000, None, "")
    assert (granted_row.granted_amount, granted_row.confirmed_amount) == (125_000, None)
    assert granted_row.summary == ""  # the report is not accepted yet
    assert (done.granted_amount, done.confirmed_amount, done.summary) == (125_000, 90_000, "清掃活動に40人")
    html = client.get(reverse("subsidies:results", args=[YEAR])).content.decode()
    assert "90,000円" in html
    assert "清掃活動に40人" in html
    assert "まだ受理されていない報告" not in html


def test_results__public_screening_shows_the_committee_average_never_a_member(client: Any) -> None:
    committee, members = screening_committee(YEAR, members=2)
    programme = create_programme(public_screening=True, committee=committee, **closed_call())
    first = create_application(programme, create_group(name="一番の会"), status=ApplicationStatus.ACCEPTED)
    second = create_application(programme, create_group(name="二番の会"), status=ApplicationStatus.ACCEPTED)
    score(members[0], first, (5, 5))  # 100
    score(members[1], first, (4, 3))  # 70
    score(members[0], second, (3, 3))  # 60
    close_scoring(committee)
    for application in (first, second):
        type(application).objects.filter(pk=application.pk).update(
            status=ApplicationStatus.ADOPTED, awarded_amount=100_000, decision_published_at=timezone.now()
        )
    publish_decisions(programme)
    # The decisions alone do not publish the scores: the screening results do.
    [result] = catalogue.published_results(YEAR)
    assert [row.score for row in result.rows] == [None, None]
    html = client.get(reverse("subsidies:results", args=[YEAR])).content.decode()
    assert "平均点" not in html
    assert "85.00" not in html
    data = json.loads(client.get(reverse("subsidies:results-json", args=[YEAR])).content)
    assert {p["average_score"] for p in data["programmes"][0]["projects"]} == {None}
    publish_screening_results(programme)
    [result] = catalogue.published_results(YEAR)
    scores = {row.application.pk: (row.score, row.scored_by) for row in result.rows}
    assert scores == {first.pk: (Decimal("85.00"), 2), second.pk: (Decimal("60.00"), 1)}
    response = client.get(reverse("subsidies:results", args=[YEAR]))
    html = response.content.decode()
    assert "85.00" in html
    for member in members:
        assert member.user.full_name not in html
    data = json.loads(client.get(reverse("subsidies:results-json", args=[YEAR])).content)
    assert {p["average_score"] for p in data["programmes"][0]["projects"]} == {"85.00", "60.00"}
    assert "members" not in json.dumps(data)


def test_results__no_score_column_without_public_screening(client: Any, results: dict[str, Any]) -> None:
    html = client.get(reverse("subsidies:results", args=[YEAR])).content.decode()
    assert "平均点" not in html


def test_results_csv__open_data_excel_and_formulas_neutralised(client: Any, results: dict[str, Any]) -> None:
    response = client.get(reverse("subsidies:results-csv", args=[YEAR]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows[0][:4] == ["年度", "補助金制度", "受付番号", "団体名"]
    assert len(rows) == 4  # header and three adopted projects
    by_group = {row[3]: row for row in rows[1:]}
    hostile = by_group["'=cmd|' /C calc'!A0"]  # neutralised: shown as text, never run
    assert hostile[4] == "'+SUM(1)"
    assert by_group["あおば環境の会"][6:8] == ["125000", "90000"]
    assert by_group["あおば環境の会"][9] == "清掃活動に40人"
    assert "不採択の会" not in text
    assert "未公開の会" not in text


def test_results_json__licence_source_and_projects(client: Any, results: dict[str, Any]) -> None:
    response = client.get(reverse("subsidies:results-json", args=[YEAR]))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["license"] == "CC BY 4.0"
    assert data["license_url"].startswith("https://creativecommons.org/licenses/by/4.0/")
    assert data["source"] == "http://testserver" + reverse("subsidies:results", args=[YEAR])
    assert data["fiscal_year"] == YEAR
    [programme] = data["programmes"]
    assert programme["name"] == "地域づくり活動支援交付金"
    projects = {p["group"]: p for p in programme["projects"]}
    assert set(projects) == {"みどり子ども食堂", "=cmd|' /C calc'!A0", "あおば環境の会"}
    assert projects["あおば環境の会"]["confirmed_amount"] == 90_000
    assert projects["あおば環境の会"]["granted_amount"] == 125_000
    assert projects["みどり子ども食堂"]["confirmed_amount"] is None
    assert "みどり子ども食堂" in response.content.decode("utf-8")  # not \u-escaped


def test_results_index__years_with_published_results(client: Any) -> None:
    publish_decisions(create_programme(fiscal_year=YEAR - 2))
    create_programme(fiscal_year=YEAR - 1)  # not published
    response = client.get(reverse("subsidies:results-index"))
    assert response.status_code == 200
    assert [year for year, _label in response.context["years"]] == [YEAR - 2]
    html = response.content.decode()
    assert reverse("subsidies:results", args=[YEAR - 2]) in html
    assert reverse("subsidies:results-csv", args=[YEAR - 2]) in html
    assert reverse("subsidies:results", args=[YEAR - 1]) not in html


def test_results__year_without_results__200_empty(client: Any) -> None:
    response = client.get(reverse("subsidies:results", args=[YEAR - 5]))
    assert response.status_code == 200
    assert response.context["results"] == []
    data = json.loads(client.get(reverse("subsidies:results-json", args=[YEAR - 5])).content)
    assert data["programmes"] == []


@pytest.mark.parametrize("name", ["subsidies:results", "subsidies:results-csv", "subsidies:results-json"])
@pytest.mark.parametrize("year", [0, 1999, 2101, 10**30])
def test_results__years_outside_storable_bounds__404(client: Any, name: str, year: int) -> None:
    assert client.get(reverse(name, args=[year])).status_code == 404


def test_results__rendered_tables_cached_but_fresh_after_every_write_they_show(client: Any) -> None:
    """The results tables come from the fragment cache under the results' version: a
    second request reads no application, and a decision taken and published through the
    services, a grant and a renamed group show on the next request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.subsidies import grants_flow

    year = fiscal_year(timezone.localdate())
    programme = create_programme()
    first = grants_flow.adopted(grants_flow.accepted(programme), 80_000)
    url = reverse("subsidies:results", args=[year])
    assert first.title in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not any('"subsidies_application"."title"' in q["sql"] for q in queries)  # no row read

    second = grants_flow.accepted(programme)
    grants_flow.adopted(second, 50_000)  # decided and published together
    assert second.title in client.get(url).content.decode()

    from subsidies.services import grants as grant_services

    grant_services.grant_decide(
        actor=grants_flow.staff(),
        application=first,
        document_number="みどり市協第901号",
        decided_on=timezone.localdate(),
        amount=70_000,
    )
    assert "70,000" in client.get(url).content.decode()

    group = second.group
    group.name = "名前を変えた団体"
    group.save()
    assert "名前を変えた団体" in client.get(url).content.decode()
