"""The subsidy pages link to each other for each person: the staff programme page (the
hub of a programme's staff, committee and public pages), the applicant's way to their
applications, the programme ↔ public screening links, and the review page's link to the
staff application page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from portal.dates import fiscal_year
from portal.review_services import reviewed_object_url
from subsidies.models import ApplicationStatus, Programme
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_application, create_programme
from tests.subsidies.catalogue_helpers import (
    closed_call,
    confirmed,
    decided,
    granted,
    pay,
    publish_decisions,
    publish_screening_results,
)
from tests.subsidies.screening_setup import close_scoring, create_committee, create_reviewed_programme, open_scoring

pytestmark = pytest.mark.django_db

YEAR = fiscal_year(timezone.localdate())


@pytest.fixture(autouse=True)
def _no_staff_mfa(settings: Any) -> None:
    settings.STAFF_MFA_REQUIRED = False


def _hub(programme: Programme) -> str:
    return reverse("subsidies:staff-programme", args=[programme.fiscal_year, programme.slug])


# --- Staff: the programme page -----------------------------------------------------------------


@pytest.fixture
def reviewed(role_users: dict[str, Any]) -> dict[str, Any]:
    member = UserFactory()
    committee = create_committee(chair=UserFactory(), members=[member])
    programme, applications = create_reviewed_programme(
        committee, [create_group(name="みどり子ども食堂"), create_group(name="里山を守る会")], total_budget=1_000_000
    )
    create_application(programme, create_group(), status=ApplicationStatus.SUBMITTED)
    decided(programme, create_group(), awarded=100_000)
    return {"programme": programme, "committee": committee, "member": member, "applications": applications}


def test_staff_programme__figures_and_every_page_of_the_programme(
    client: Any, role_users: dict[str, Any], reviewed: dict[str, Any]
) -> None:
    programme, committee = reviewed["programme"], reviewed["committee"]
    client.force_login(role_users["city_staff"])
    response = client.get(_hub(programme))
    assert response.status_code == 200
    html = response.content.decode()
    counts = {row.status: row.count for row in response.context["figures"].by_status}
    assert counts[ApplicationStatus.ACCEPTED] == 2
    assert counts[ApplicationStatus.SUBMITTED] == 1
    assert counts[ApplicationStatus.ADOPTED] == 1
    assert counts[ApplicationStatus.DRAFT] == 0
    assert "100,000円" in html  # awarded
    assert "900,000円" in html  # budget left
    args = [programme.fiscal_year, programme.slug]
    for url in (
        reverse("subsidies:staff-applications", args=args),
        reverse("subsidies:staff-counter", args=args),
        reverse("subsidies:staff-presentations", args=args),
        reverse("subsidies:staff-decisions", args=args),
        reverse("subsidies:staff-reports-overdue"),
        reverse("portal:review-committee", args=[committee.pk]),
        reverse("portal:review-summary", args=[committee.pk]),
        reverse("portal:review-manage", args=[committee.pk]),
        programme.get_absolute_url(),
    ):
        assert f'href="{url}' in html, url
    # Not published yet: no public screening page, no results.
    assert reverse("subsidies:screening", args=args) not in html
    assert reverse("subsidies:results", args=[programme.fiscal_year]) not in html
    Programme.objects.filter(pk=programme.pk).update(schedule_published_at=timezone.now())
    publish_decisions(programme)
    html = client.get(_hub(programme)).content.decode()
    assert reverse("subsidies:screening", args=args) in html
    assert reverse("subsidies:results", args=[programme.fiscal_year]) in html


def test_staff_programme__english(client: Any, role_users: dict[str, Any], reviewed: dict[str, Any]) -> None:
    client.force_login(role_users["city_staff"])
    response = client.get("/en" + _hub(reviewed["programme"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Applications by status" in html
    assert "Application queue" in html
    assert "Under review" in html


def test_staff_programme__no_committee(client: Any, role_users: dict[str, Any]) -> None:
    programme = create_programme()
    client.force_login(role_users["city_staff"])
    response = client.get(_hub(programme))
    assert response.status_code == 200
    assert "この制度には審査会がありません。" in response.content.decode()


@pytest.mark.parametrize(("year", "slug"), [(YEAR, "nothing"), (1999, "oen-1"), (9999, "oen-1")])
def test_staff_programme__missing_is_404(client: Any, role_users: dict[str, Any], year: int, slug: str) -> None:
    client.force_login(role_users["city_staff"])
    assert client.get(reverse("subsidies:staff-programme", args=[year, slug])).status_code == 404


def test_staff_programme__linked_from_the_overview_and_the_dashboard(
    client: Any, role_users: dict[str, Any], reviewed: dict[str, Any]
) -> None:
    programme = reviewed["programme"]
    assert _hub(programme) not in client.get(programme.get_absolute_url()).content.decode()
    client.force_login(role_users["city_staff"])
    assert _hub(programme) in client.get(reverse("subsidies:staff")).content.decode()
    assert _hub(programme) in client.get(programme.get_absolute_url()).content.decode()
    assert _hub(programme) in client.get(reverse("portal:staff-dashboard")).content.decode()
    # The programme's own staff pages lead back to it.
    args = [programme.fiscal_year, programme.slug]
    for name in ("subsidies:staff-applications", "subsidies:staff-presentations", "subsidies:staff-decisions"):
        html = client.get(reverse(name, args=args)).content.decode()
        assert f'href="{_hub(programme)}"' in html, name


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_staff_programme__constant_queries_at_two_sizes(
    client: Any, role_users: dict[str, Any], reviewed: dict[str, Any]
) -> None:
    programme = reviewed["programme"]

    def grow() -> None:
        create_application(programme, create_group(), status=ApplicationStatus.SUBMITTED)
        decided(programme, create_group(), awarded=10_000)
        pay(granted(programme, create_group()), 10_000)
        confirmed(programme, create_group(), amount=10_000)
        create_programme(fiscal_year=programme.fiscal_year)

    client.force_login(role_users["city_staff"])
    grow()
    small = _count(client, _hub(programme))
    dashboard_small = _count(client, reverse("portal:staff-dashboard"))
    for _ in range(4):
        grow()
    assert _count(client, _hub(programme)) == small
    assert _count(client, reverse("portal:staff-dashboard")) == dashboard_small
    assert small <= 20, small


# --- Applicants --------------------------------------------------------------------------------


def test_header__links_my_applications(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["citizen"])
    html = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("subsidies:my-applications")}"' in html
    assert "補助金の申請" in html
    client.logout()
    assert reverse("subsidies:my-applications") not in client.get(reverse("portal:home")).content.decode()


def test_programme__shows_the_groups_application_instead_of_apply(client: Any, role_users: dict[str, Any]) -> None:
    programme = create_programme()
    application = create_application(programme, role_users["_group"], title="子ども食堂の拡充")
    apply_url = reverse("subsidies:apply", args=[programme.fiscal_year, programme.slug])
    for role in ("representative", "member"):
        client.force_login(role_users[role])
        html = client.get(programme.get_absolute_url()).content.decode()
        assert f'href="{application.get_absolute_url()}"' in html, role
        assert "子ども食堂の拡充" in html
        assert apply_url not in html
    # Others (and city staff) see the apply button, not this group's application.
    for role in ("other_representative", "city_staff", "anonymous"):
        client.logout()
        if role_users[role] is not None:
            client.force_login(role_users[role])
        html = client.get(programme.get_absolute_url()).content.decode()
        assert apply_url in html, role
        assert application.get_absolute_url() not in html, role


def test_programme__a_withdrawn_application_leaves_the_apply_button(client: Any, role_users: dict[str, Any]) -> None:
    programme = create_programme()
    application = create_application(programme, role_users["_group"], status=ApplicationStatus.WITHDRAWN)
    client.force_login(role_users["representative"])
    html = client.get(programme.get_absolute_url()).content.decode()
    assert application.get_absolute_url() in html
    assert reverse("subsidies:apply", args=[programme.fiscal_year, programme.slug]) in html


def test_application__links_back_to_the_programme(client: Any, role_users: dict[str, Any]) -> None:
    programme = create_programme()
    application = create_application(programme, role_users["_group"])
    client.force_login(role_users["representative"])
    for prefix in ("", "/en"):
        with translation.override("ja"):
            url, programme_url = application.get_absolute_url(), programme.get_absolute_url()
        response = client.get(prefix + url)
        assert response.status_code == 200
        assert f'href="{prefix}{programme_url}"' in response.content.decode()


# --- Catalogue ↔ screening ---------------------------------------------------------------------


@pytest.mark.parametrize("published", [None, "schedule_published_at", "screening_results_published_at"])
def test_programme__links_the_screening_page_only_once_it_exists(
    client: Any, role_users: dict[str, Any], published: str | None
) -> None:
    committee = create_committee(chair=UserFactory(), members=[UserFactory()])
    programme, _applications = create_reviewed_programme(committee, [create_group()], **closed_call())
    publish_decisions(programme)
    if published:
        Programme.objects.filter(pk=programme.pk).update(**{published: timezone.now()})
    if published == "screening_results_published_at":
        close_scoring(open_scoring(committee))
    screening = reverse("subsidies:screening", args=[programme.fiscal_year, programme.slug])
    for url in (programme.get_absolute_url(), reverse("subsidies:results", args=[programme.fiscal_year])):
        html = client.get(url).content.decode()
        assert (screening in html) == bool(published), url
    assert client.get(screening).status_code == (200 if published else 404)


def test_results__scores_once_the_screening_results_are_published(client: Any) -> None:
    committee = create_committee(chair=UserFactory(), members=[UserFactory()])
    programme, _applications = create_reviewed_programme(committee, [create_group()], **closed_call())
    decided(programme, create_group())
    publish_decisions(programme)
    url = reverse("subsidies:results", args=[programme.fiscal_year])
    assert "平均点" not in client.get(url).content.decode()
    publish_screening_results(programme)
    assert "平均点" in client.get(url).content.decode()


def test_admin__screening_results_published_at_is_read_only(client: Any, role_users: dict[str, Any]) -> None:
    from subsidies.admin import ProgrammeAdmin

    assert "screening_results_published_at" in ProgrammeAdmin.readonly_fields
    fields = [f for _name, options in ProgrammeAdmin.fieldsets for f in options["fields"]]
    assert "screening_results_published_at" in fields


# --- Review pages → the staff application page ---------------------------------------------------


def test_review_object__staff_reach_the_staff_application_page(client: Any, reviewed: dict[str, Any]) -> None:
    from tests.factories.groups import reviewing_staff

    committee, application = reviewed["committee"], reviewed["applications"][0]
    staff_url = reverse("subsidies:staff-application", args=[application.pk])
    client.force_login(reviewing_staff())
    response = client.get(reviewed_object_url(committee, application))
    assert response.status_code == 200
    assert f'href="{staff_url}"' in response.content.decode()
    # A committee member who is not city staff reads the application, without the link.
    client.force_login(reviewed["member"])
    response = client.get(reviewed_object_url(committee, application))
    assert response.status_code == 200
    assert staff_url not in response.content.decode()
