"""Query counts of the grants area's lists do not grow with the data: the decisions
page (ranked by the committee's scores) and the overdue reports."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.models_review import Criterion
from portal.review_services import (
    committee_create,
    committee_member_add,
    review_save,
    score_sheet_set,
    scoring_open,
)
from subsidies.services import grants as services
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_programme
from tests.roles import with_totp
from tests.subsidies.grants_flow import accepted, granted, staff

pytestmark = pytest.mark.django_db

CRITERIA = [
    {"name": "公益性", "weight": 50, "max_points": 5},
    {"name": "実現可能性", "weight": 50, "max_points": 5},
]


def _count(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def client_staff() -> Client:
    client = Client()
    client.force_login(with_totp(staff()))
    return client


def test_decisions_page__constant_queries(client_staff: Client) -> None:
    chair = UserFactory()
    committee = committee_create(actor=staff(), name="審査会", fiscal_year=2026, chair=chair)
    ends = timezone.localdate() + datetime.timedelta(days=60)
    members = [
        committee_member_add(actor=staff(), committee=committee, user=UserFactory(), kind="expert", access_ends_on=ends)
        for _ in range(2)
    ]
    score_sheet_set(actor=chair, committee=committee, name="評価シート", criteria=CRITERIA)
    scoring_open(actor=chair, committee=committee)
    ids = list(Criterion.objects.filter(sheet__committee=committee).values_list("pk", flat=True))
    programme = create_programme(committee=committee, total_budget=100_000_000)
    url = reverse("subsidies:staff-decisions", args=[programme.fiscal_year, programme.slug])

    def grow(n: int) -> None:
        for i in range(n):
            application = accepted(programme)
            for member in members:
                review_save(
                    actor=member.user, committee=committee, obj=application, scores=dict.fromkeys(ids, (1 + i % 5, ""))
                )
            if i % 3 == 1:
                services.application_decide(actor=staff(), application=application, adopt=False, reason="不採択")
            elif i % 3 == 2:
                services.application_decide(
                    actor=staff(),
                    application=application,
                    adopt=True,
                    amount=application.requested_amount,
                    reason="採択",
                )

    grow(3)
    small = _count(client_staff, url)
    grow(9)
    assert _count(client_staff, url) == small


def test_overdue_reports__constant_queries(client_staff: Client) -> None:
    url = reverse("subsidies:staff-reports-overdue")
    past = timezone.localdate() - datetime.timedelta(days=10)

    def grow(n: int) -> None:
        for _ in range(n):
            granted(programme=create_programme(report_due_on=past))

    grow(2)
    small = _count(client_staff, url)
    grow(5)
    assert _count(client_staff, url) == small


def test_after_decision_includes__constant_queries() -> None:
    from django.template.loader import render_to_string

    from tests.subsidies.grants_flow import advance_paid

    application = granted()
    advance_paid(application, 10_000)

    def count() -> int:
        application.refresh_from_db()
        with CaptureQueriesContext(connection) as queries:
            render_to_string("subsidies/includes/application_after_decision.html", {"application": application})
            render_to_string("subsidies/includes/staff_application_after_decision.html", {"application": application})
        return len(queries)

    small = count()
    for _ in range(4):
        advance_paid(application, 1_000)
    assert count() == small


def test_decisions_page_with_follow_ups__constant_queries(client_staff: Client) -> None:
    from tests.subsidies.grants_flow import reported, representative

    programme = create_programme(total_budget=100_000_000)
    url = reverse("subsidies:staff-decisions", args=[programme.fiscal_year, programme.slug])

    def grow(n: int) -> None:
        for _ in range(n):
            application = granted(accepted(programme))
            services.payment_request(actor=representative(application), application=application, amount=1000)
            done = granted(accepted(programme))
            reported(done, {"honoraria": 10_000}, accept=False)

    grow(2)
    small = _count(client_staff, url)
    grow(4)
    response = client_staff.get(url)
    assert len(response.context["follow_ups"].payments) == 6
    assert len(response.context["follow_ups"].reports) == 6
    assert _count(client_staff, url) == small


def test_decisions_page_with_refunds_due__constant_queries(client_staff: Client) -> None:
    """The follow-ups load only what the page shows of them (the group's name, the
    refund): more of them read nothing more."""
    from tests.factories.groups import create_group
    from tests.subsidies.catalogue_helpers import confirmed

    programme = create_programme(total_budget=100_000_000)
    url = reverse("subsidies:staff-decisions", args=[programme.fiscal_year, programme.slug])
    groups = []

    def grow(n: int) -> None:
        for _ in range(n):
            groups.append(create_group())
            confirmed(programme, groups[-1], amount=40_000, paid_before=50_000)

    grow(1)
    small = _count(client_staff, url)
    grow(3)
    assert _count(client_staff, url) == small
    body = client_staff.get(url).content.decode()
    assert all(group.name in body for group in groups)
    assert body.count("10,000") >= len(groups)
