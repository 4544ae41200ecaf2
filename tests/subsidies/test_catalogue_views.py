"""The public catalogue: the year's programmes (open calls first), a programme's page,
its guide, the outside grants, and the year switch."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from portal.dates import fiscal_year
from subsidies.models import ApplicantKind, ExpenseCategory, OutsideGrant, ProgrammeCategory
from tests.factories.subsidies import create_programme
from tests.subsidies.catalogue_helpers import publish_decisions

pytestmark = pytest.mark.django_db

THIS_YEAR = fiscal_year(timezone.localdate())


def _days(n: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


@pytest.fixture
def three_programmes() -> dict[str, Any]:
    return {
        "closed": create_programme(
            name="終わった補助金", slug="closed", call_opens_at=_days(-60), call_closes_at=_days(-30)
        ),
        "upcoming": create_programme(
            name="これからの補助金", slug="upcoming", call_opens_at=_days(10), call_closes_at=_days(40)
        ),
        "open": create_programme(name="募集中の補助金", slug="open"),
    }


def test_list__open_first_then_upcoming_then_closed(client: Any, three_programmes: dict[str, Any]) -> None:
    response = client.get(reverse("subsidies:list"))
    assert response.status_code == 200
    assert [p.slug for p in response.context["programmes"]] == ["open", "upcoming", "closed"]
    html = response.content.decode()
    assert html.index("募集中の補助金") < html.index("これからの補助金") < html.index("終わった補助金")


def test_list__shows_categories_rates_limits_state_and_who_may_apply(
    client: Any, three_programmes: dict[str, Any]
) -> None:
    html = client.get(reverse("subsidies:list")).content.decode()
    for text in ("スタートアップ部門", "ステップアップ部門", "10/10", "1/2", "100,000円", "300,000円", "50,000円"):
        assert text in html, text
    assert "募集中" in html
    assert "募集前" in html
    assert "締切" in html
    assert str(ApplicantKind.REGISTERED.label) in html
    assert reverse("subsidies:outside-grants") in html
    assert reverse("subsidies:results-index") in html
    assert three_programmes["open"].get_absolute_url() in html


def test_list__only_this_fiscal_year_by_default_and_year_switch(client: Any) -> None:
    create_programme(name="今年度の補助金")
    create_programme(name="昨年度の補助金", fiscal_year=THIS_YEAR - 1)
    html = client.get(reverse("subsidies:list")).content.decode()
    assert "今年度の補助金" in html
    assert "昨年度の補助金" not in html
    response = client.get(reverse("subsidies:list"), {"year": THIS_YEAR - 1})
    assert response.status_code == 200
    html = response.content.decode()
    assert "昨年度の補助金" in html
    assert "今年度の補助金" not in html


def test_list__links_to_past_years_results(client: Any) -> None:
    publish_decisions(create_programme(fiscal_year=THIS_YEAR - 1))
    html = client.get(reverse("subsidies:list")).content.decode()
    assert reverse("subsidies:results", args=[THIS_YEAR - 1]) in html


@pytest.mark.parametrize("year", ["abc", "1999", "2101", "10000000000000000000000", "-1", "２０２６", "2026.0"])
def test_list__bad_year__400_with_message_and_this_year(client: Any, year: str) -> None:
    create_programme(name="今年度の補助金")
    response = client.get(reverse("subsidies:list"), {"year": year})
    assert response.status_code == 400
    assert response.context["year"] == THIS_YEAR
    assert "今年度の補助金" in response.content.decode()
    assert any("2000" in str(m) for m in response.context["messages"])


def test_list__english_site(client: Any, three_programmes: dict[str, Any]) -> None:
    with translation.override("en"):
        url = reverse("subsidies:list")
    assert url.startswith("/en/")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Civic Activity Support Subsidy" in html
    assert "Start-up" in html
    assert "100,000 yen" in html
    assert "Open for applications" in html


def test_detail__everything_an_applicant_needs(client: Any) -> None:
    programme = create_programme(
        presentation_on=timezone.localdate() + datetime.timedelta(days=40),
        presentation_place="市民活動センター",
        decision_on=timezone.localdate() + datetime.timedelta(days=50),
        public_screening=True,
    )
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        programme.purpose,
        str(ApplicantKind.REGISTERED.label),
        "スタートアップ部門",
        "10/10",
        "1/2",
        "千円未満",
        "報償費",
        "印刷製本費",
        "飲食費、団体の運営費",
        "通算3年",
        "市民活動センター",
        "1,000,000円",
    ):
        assert text in html, text
    assert "飲食費</li>" not in html  # not listed as eligible
    assert response.context["state"] == "open"


def test_detail__apply_button_only_when_the_apply_page_exists_and_the_call_is_open(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from subsidies.views import catalogue as views

    programme = create_programme()
    response = client.get(programme.get_absolute_url())
    expected = views.apply_url(programme)
    assert response.context["apply_url"] == expected  # None until the applications area adds it
    monkeypatch.setattr(views, "apply_url", lambda p: "/apply-here/")
    assert "/apply-here/" in client.get(programme.get_absolute_url()).content.decode()
    closed = create_programme(call_opens_at=_days(-60), call_closes_at=_days(-30))
    assert "/apply-here/" not in client.get(closed.get_absolute_url()).content.decode()


def test_detail__unknown_programme_or_year__404(client: Any) -> None:
    programme = create_programme(slug="oen")
    assert client.get(reverse("subsidies:programme", args=[THIS_YEAR - 1, "oen"])).status_code == 404
    assert client.get(reverse("subsidies:programme", args=[THIS_YEAR, "nothing"])).status_code == 404
    assert client.get(reverse("subsidies:programme", args=[10**30, "oen"])).status_code == 404
    assert client.get(reverse("subsidies:programme", args=[0, "oen"])).status_code == 404
    assert client.get(programme.get_absolute_url()).status_code == 200


def test_guide__served_through_the_view_with_a_safe_name(client: Any) -> None:
    programme = create_programme()
    programme.guide.save("guide.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    response = client.get(reverse("subsidies:guide", args=[programme.fiscal_year, programme.slug]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition.lower()
    assert (
        reverse("subsidies:guide", args=[programme.fiscal_year, programme.slug])
        in client.get(programme.get_absolute_url()).content.decode()
    )


def test_guide__none__404(client: Any) -> None:
    programme = create_programme()
    assert client.get(reverse("subsidies:guide", args=[programme.fiscal_year, programme.slug])).status_code == 404
    assert client.get(reverse("subsidies:guide", args=[programme.fiscal_year, "nothing"])).status_code == 404


def test_outside_grants__published_upcoming_first_then_past(client: Any) -> None:
    today = timezone.localdate()
    OutsideGrant.objects.create(
        provider="みどり財団",
        name="遅い助成",
        amount="50万円",
        deadline=today + datetime.timedelta(days=30),
        url="https://example.org/late",
    )
    OutsideGrant.objects.create(
        provider="あおば銀行",
        name="近い助成",
        amount="30万円",
        deadline=today + datetime.timedelta(days=3),
        url="https://example.org/soon",
    )
    OutsideGrant.objects.create(
        provider="昔の財団", name="終わった助成", amount="10万円", deadline=today - datetime.timedelta(days=3)
    )
    OutsideGrant.objects.create(provider="非公開", name="内部の助成", amount="1円", published=False)
    response = client.get(reverse("subsidies:outside-grants"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("近い助成") < html.index("遅い助成") < html.index("終わった助成")
    assert "内部の助成" not in html
    assert 'href="https://example.org/soon" rel="noopener noreferrer"' in html
    assert "外部サイト" in html  # the external-link label for screen readers
    assert [g.name for g in response.context["past_grants"]] == ["終わった助成"]


def test_english_pages__no_japanese_when_the_english_names_are_given(client: Any, role_users: dict[str, Any]) -> None:
    """With the English variants filled in, the English catalogue pages show no Japanese
    (group names and project titles are the groups' own words and are left aside)."""
    from tests.portal.test_english_site import japanese_in
    from tests.subsidies.catalogue_helpers import closed_call, confirmed

    for category in ExpenseCategory.objects.all():
        category.description_en = "Costs of this kind"
        category.save(update_fields=["description_en"])
    programme = create_programme(
        purpose_en="Supports new public-interest projects.",
        ineligible_note_en="Food and drink, the group's running costs",
        presentation_on=timezone.localdate(),
        presentation_place="市民活動センター",
        presentation_place_en="Civic Activity Centre",
    )
    ProgrammeCategory.objects.filter(programme=programme).update(description="説明", description_en="Description")
    done = publish_decisions(create_programme(purpose_en="For area councils.", **closed_call()))
    confirmed(done, role_users["_group"], amount=90_000, title="Picnic", summary="Forty people came")
    OutsideGrant.objects.create(
        provider="みどり財団",
        provider_en="Midori Foundation",
        name="地域助成",
        name_en="Community grant",
        amount="30万円",
        amount_en="Up to 300,000 yen",
        deadline=timezone.localdate(),
        url="https://example.org/",
    )
    group_name = role_users["_group"].name
    found = []
    with translation.override("en"):
        urls = [
            reverse("subsidies:list"),
            programme.get_absolute_url(),
            reverse("subsidies:outside-grants"),
            reverse("subsidies:results-index"),
            reverse("subsidies:results", args=[THIS_YEAR]),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode().replace(group_name, "")
        found += [f"{url}: …{run}…" for run in japanese_in(html)]
    assert not found, "\n".join(found)


def test_bench_pages__registered_and_answer_200(client: Any) -> None:
    from portal.bench import BENCH_PAGES
    from subsidies import catalogue

    assert catalogue.bench_pages in BENCH_PAGES
    create_programme()
    publish_decisions(create_programme(fiscal_year=THIS_YEAR - 1))
    pages = dict(catalogue.bench_pages())
    assert pages["subsidy results"] == reverse("subsidies:results", args=[THIS_YEAR - 1])
    for label, url in pages.items():
        assert client.get(url).status_code == 200, label
