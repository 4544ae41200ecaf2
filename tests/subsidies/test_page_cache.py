"""The page cache on the public pages of subsidies: no page stays stale after the writes
that concern it (tests/pagecache.py warms every page before each write, so each check
can fail). Programmes and outside grants are kept in the admin, so those writes are
admin form posts; decisions and grants go through subsidies.services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.dates import fiscal_year
from subsidies.models import Application, ApplicationStatus
from subsidies.services import grants as services
from subsidies.services import screening
from tests.admin_forms import admin_form_data
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_application, create_programme
from tests.pagecache import assert_signed_in_never_served, check_writes
from tests.subsidies.catalogue_helpers import granted, report
from tests.subsidies.screening_setup import (
    close_scoring,
    create_committee,
    create_reviewed_programme,
    open_scoring,
    score,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

YEAR = fiscal_year(timezone.localdate())


def _admin(user: Any) -> Client:
    """The city staff's own browser (the anonymous visitor's client stays anonymous)."""
    browser = Client()
    browser.force_login(user)
    return browser


def _admin_post(browser: Client, url: str, **changes: Any) -> None:
    data = admin_form_data(browser.get(url), **changes)
    response = browser.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""


def _datetime_fields(name: str, value: datetime.datetime) -> dict[str, str]:
    local = timezone.localtime(value)
    return {f"{name}_0": f"{local:%Y-%m-%d}", f"{name}_1": f"{local:%H:%M:%S}"}


def test_subsidies__no_stale_page_after_the_writes_that_concern_it(client: Any, role_users: dict[str, Any]) -> None:
    city = role_users["city_staff"]
    programme = create_programme()
    earlier = create_programme(name="まちづくり活動補助金", name_en="Community Activities Subsidy")
    first = granted(earlier, create_group(name="みどり川をきれいにする会"))
    report(first, summary="川の清掃を年4回行いました。")
    second = create_application(earlier, create_group(name="子ども食堂ひまわり"), status=ApplicationStatus.ACCEPTED)
    earlier.decisions_published_at = timezone.now()
    earlier.save(update_fields=["decisions_published_at"])
    pages = [
        reverse("subsidies:list"),
        reverse("subsidies:list") + f"?year={YEAR}",
        "/en" + reverse("subsidies:list"),
        programme.get_absolute_url(),
        earlier.get_absolute_url(),
        reverse("subsidies:outside-grants"),
        reverse("subsidies:results-index"),
        reverse("subsidies:results", args=[YEAR]),
        "/en" + reverse("subsidies:results", args=[YEAR]),
        reverse("subsidies:results-csv", args=[YEAR]),
        reverse("subsidies:results-json", args=[YEAR]),
    ]
    admin = _admin(city)

    def decide() -> None:
        services.application_decide(
            actor=city,
            application=Application.objects.get(pk=second.pk),
            adopt=True,
            amount=second.requested_amount,
            reason="地域の居場所づくりとして評価しました。",
        )

    def publish_decisions() -> None:
        services.decisions_publish(actor=city, programme=earlier)

    def grant() -> None:
        services.grant_decide(
            actor=city,
            application=Application.objects.get(pk=second.pk),
            document_number="みどり市協第900号",
            decided_on=timezone.localdate(),
            amount=second.requested_amount - 1000,  # below the award: the results show it
        )

    def call_dates_changed() -> None:
        closes = programme.call_closes_at + datetime.timedelta(days=10)
        _admin_post(
            admin,
            reverse("admin:subsidies_programme_change", args=[programme.pk]),
            **_datetime_fields("call_opens_at", programme.call_opens_at),
            **_datetime_fields("call_closes_at", closes),
        )

    def programme_renamed() -> None:
        _admin_post(
            admin,
            reverse("admin:subsidies_programme_change", args=[programme.pk]),
            name="市民活動応援補助金（拡充）",
            **_datetime_fields("call_opens_at", programme.call_opens_at),
            **_datetime_fields("call_closes_at", programme.call_closes_at + datetime.timedelta(days=10)),
        )

    def programme_added() -> None:
        url = reverse("admin:subsidies_programme_add")
        page = admin.get(url)
        expenses = page.context["adminform"].form.fields["eligible_expenses"].queryset.order_by("pk")[:2]
        data = admin_form_data(
            page,
            fiscal_year=str(YEAR),
            slug="kouryu",
            code="KOR",
            name="市民活動交流事業補助金",
            purpose="団体どうしの交流を応援します。",
            applicant_kind="any_group",
            total_budget="800000",
            max_years="3",
            eligible_expenses=[str(e.pk) for e in expenses],
            **_datetime_fields("call_opens_at", timezone.now() - datetime.timedelta(days=1)),
            **_datetime_fields("call_closes_at", timezone.now() + datetime.timedelta(days=30)),
            project_starts_on=programme.project_starts_on.isoformat(),
            project_ends_on=programme.project_ends_on.isoformat(),
            report_due_on=programme.report_due_on.isoformat(),
            **{
                "categories-TOTAL_FORMS": "1",
                "categories-0-name": "交流部門",
                "categories-0-rate_numerator": "1",
                "categories-0-rate_denominator": "2",
                "categories-0-ceiling": "200000",
                "categories-0-floor": "0",
                "categories-0-rounding_unit": "1000",
                "categories-0-order": "0",
            },
        )
        response = admin.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""

    def outside_grant_added() -> None:
        _admin_post(
            admin,
            reverse("admin:subsidies_outsidegrant_add"),
            provider="みどり財団",
            name="まちづくり助成",
            amount="50万円",
            published="on",
        )

    check_writes(
        client,
        pages,
        [
            ("a decision taken (not yet published)", decide),
            ("decisions published", publish_decisions),
            ("a grant decided", grant),
            ("a programme's call dates changed", call_dates_changed),
            ("a programme renamed", programme_renamed),
            ("a programme added", programme_added),
            ("an outside grant added", outside_grant_added),
        ],
    )


@pytest.fixture
def _no_staff_mfa(settings: Any) -> None:
    settings.STAFF_MFA_REQUIRED = False


@pytest.mark.usefixtures("_no_staff_mfa")
def test_screening_page__no_stale_page_after_the_writes_that_concern_it(client: Any) -> None:
    members = [UserFactory(full_name="委員 一郎"), UserFactory(full_name="委員 二郎")]
    committee = create_committee(chair=UserFactory(), members=members)
    programme, (a, b) = create_reviewed_programme(
        committee, [create_group(name="みどり子ども食堂の会"), create_group(name="里山を守る会")]
    )
    staff = reviewing_staff()
    day = timezone.localdate() + datetime.timedelta(days=20)

    def at(hour: int) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    place = "市民活動センター 会議室"
    screening.presentation_slots_save(
        actor=staff,
        programme=programme,
        slots={a.pk: screening.SlotInput(at(10), 15, place), b.pk: screening.SlotInput(at(11), 15, place)},
    )
    screening.schedule_publish(actor=staff, programme=programme)
    pages = [
        reverse("subsidies:screening", args=[programme.fiscal_year, programme.slug]),
        "/en" + reverse("subsidies:screening", args=[programme.fiscal_year, programme.slug]),
        programme.get_absolute_url(),
    ]

    def slot_moved() -> None:
        screening.presentation_slots_save(
            actor=staff, programme=programme, slots={b.pk: screening.SlotInput(at(14), 20, "市役所 大会議室")}
        )

    def scored_and_closed() -> None:
        open_scoring(committee)
        for member in members:
            score(member, committee, a, 4)
            score(member, committee, b, 3)
        close_scoring(committee)

    def results_published() -> None:
        screening.screening_results_publish(actor=staff, programme=programme)

    check_writes(
        client,
        pages,
        [
            ("a presentation slot moved", slot_moved),
            ("the committee scored (not yet published)", scored_and_closed),
            ("the screening results published", results_published),
        ],
    )


def test_subsidies__signed_in_visitor_never_served_from_the_cache(client: Any, role_users: dict[str, Any]) -> None:
    programme = create_programme()
    pages = [reverse("subsidies:list"), programme.get_absolute_url(), reverse("subsidies:outside-grants")]
    assert_signed_in_never_served(client, role_users["representative"], pages)
