"""The review committee in the admin: created through `committee_create`, its score sheet
written through `score_sheet_set`, scoring opened and closed by actions after a
confirmation page; `scoring_status` never edited; everything audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from portal.models import AuditLogEntry, Criterion, ReviewCommittee, ScoringStatus
from tests.factories.portal import UserFactory
from tests.subsidies.screening_setup import CRITERIA, create_committee

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(client: Any, role_users: dict[str, Any]) -> Any:
    user = role_users["city_staff"]
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    return user


def test_committee__created_through_the_service(client: Any, city: Any) -> None:
    chair = UserFactory()
    url = reverse("admin:portal_reviewcommittee_add")
    assert client.get(url).status_code == 200
    data = {"name": "審査会", "name_en": "", "fiscal_year": "2026", "chair": chair.pk, "pass_mark": "65"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    committee = ReviewCommittee.objects.get()
    assert committee.chair == chair
    assert committee.pass_mark == 65
    assert AuditLogEntry.objects.filter(action="portal.reviewcommittee.created", actor=city).count() == 1
    # Read-only afterwards: the status is never edited here.
    change = reverse("admin:portal_reviewcommittee_change", args=[committee.pk])
    assert client.get(change).status_code == 200
    client.post(change, {**data, "scoring_status": "closed"})
    committee.refresh_from_db()
    assert committee.scoring_status == ScoringStatus.PREPARING


def test_committee__bad_pass_mark_refused(client: Any, city: Any) -> None:
    data = {"name": "審査会", "fiscal_year": "2026", "chair": UserFactory().pk, "pass_mark": "101"}
    assert client.post(reverse("admin:portal_reviewcommittee_add"), data).status_code == 200  # the form again
    assert not ReviewCommittee.objects.exists()


def _sheet_data(criteria: list[dict[str, Any]], name: str = "評価シート") -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": name,
        "name_en": "",
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "30",
    }
    for i, c in enumerate(criteria):
        for key in ("name", "name_en", "description", "weight", "max_points"):
            data[f"criteria-{i}-{key}"] = c.get(key, "")
    return data


def test_score_sheet__written_through_the_service(client: Any, city: Any) -> None:
    committee = create_committee(chair=UserFactory())
    url = reverse("admin:portal_reviewcommittee_score_sheet", args=[committee.pk])
    assert client.get(url).status_code == 200
    bad = [{**c, "weight": 10} for c in CRITERIA]  # adds up to 60
    assert client.post(url, _sheet_data(bad)).status_code == 400
    assert Criterion.objects.filter(sheet__committee=committee).count() == 6
    assert client.post(url, _sheet_data([{**CRITERIA[0], "weight": 100}])).status_code == 302
    assert list(Criterion.objects.filter(sheet__committee=committee).values_list("weight", flat=True)) == [100]
    assert AuditLogEntry.objects.filter(action="portal.scoresheet.saved", actor=city).exists()


def test_scoring__opened_and_closed_by_actions(client: Any, city: Any) -> None:
    committee = create_committee(chair=UserFactory())
    changelist = reverse("admin:portal_reviewcommittee_changelist")
    data = {"action": "open_scoring", ACTION_CHECKBOX_NAME: [committee.pk]}
    confirm = client.post(changelist, data)
    assert confirm.status_code == 200  # the confirmation page
    committee.refresh_from_db()
    assert committee.scoring_status == ScoringStatus.PREPARING
    assert client.post(changelist, {**data, "confirmed": "yes"}).status_code == 302
    committee.refresh_from_db()
    assert committee.scoring_status == ScoringStatus.SCORING
    # The sheet can no longer change.
    url = reverse("admin:portal_reviewcommittee_score_sheet", args=[committee.pk])
    assert client.post(url, _sheet_data([{**CRITERIA[0], "weight": 100}])).status_code == 400
    client.post(changelist, {"action": "close_scoring", ACTION_CHECKBOX_NAME: [committee.pk], "confirmed": "yes"})
    committee.refresh_from_db()
    assert committee.scoring_status == ScoringStatus.CLOSED
    assert AuditLogEntry.objects.filter(action="portal.reviewcommittee.scoring_closed").exists()


def test_score_sheet__not_for_others(client: Any, role_users: dict[str, Any]) -> None:
    committee = create_committee(chair=UserFactory())
    client.force_login(role_users["citizen"])
    url = reverse("admin:portal_reviewcommittee_score_sheet", args=[committee.pk])
    assert client.get(url).status_code == 403  # the admin is not for them
