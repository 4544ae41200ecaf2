"""A subsidy programme before its committee, for the screening tests, role matrix and
hostile corpus: a committee (chair, members, the six-criterion score sheet) named by a
programme with accepted applications, built through the services."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from groups.models import CommunityGroup
from portal.dates import fiscal_year
from portal.models import User
from portal.models_review import ReviewCommittee
from portal.review_services import (
    committee_create,
    committee_member_add,
    conflicts_detect,
    review_save,
    score_sheet_set,
    scoring_close,
    scoring_open,
)
from subsidies.models import Application, ApplicationStatus, Programme
from tests.factories.groups import reviewing_staff
from tests.factories.subsidies import create_application, create_programme

CRITERIA = [
    {
        "name": "公益性",
        "name_en": "Public benefit",
        "description": "市民全体の利益になるか",
        "weight": 20,
        "max_points": 5,
    },
    {"name": "必要性", "name_en": "Need", "weight": 20, "max_points": 5},
    {"name": "実現可能性", "name_en": "Feasibility", "weight": 20, "max_points": 5},
    {"name": "独自性・先駆性", "name_en": "Originality", "weight": 15, "max_points": 5},
    {"name": "発展性・継続性", "name_en": "Continuity", "weight": 15, "max_points": 5},
    {"name": "予算の妥当性", "name_en": "Budget", "weight": 10, "max_points": 5},
]


def create_committee(
    *, chair: User, members: Iterable[User] = (), anonymised: bool = False, name: str = "市民活動応援補助金審査会"
) -> ReviewCommittee:
    staff = reviewing_staff()
    committee = committee_create(
        actor=staff,
        name=name,
        fiscal_year=fiscal_year(timezone.localdate()),
        chair=chair,
        anonymised=anonymised,
        pass_mark=60,
    )
    score_sheet_set(actor=staff, committee=committee, name="評価シート", criteria=CRITERIA)
    ends = timezone.localdate() + datetime.timedelta(days=90)
    for user in members:
        committee_member_add(actor=staff, committee=committee, user=user, kind="expert", access_ends_on=ends)
    return committee


def create_reviewed_programme(
    committee: ReviewCommittee, groups: Iterable[CommunityGroup], *, public_screening: bool = True, **overrides: Any
) -> tuple[Programme, list[Application]]:
    programme = create_programme(committee=committee, public_screening=public_screening, **overrides)
    applications = [create_application(programme, group, status=ApplicationStatus.ACCEPTED) for group in groups]
    conflicts_detect(committee=committee, objects=applications)
    return programme, applications


def open_scoring(committee: ReviewCommittee) -> ReviewCommittee:
    return scoring_open(actor=reviewing_staff(), committee=committee)


def close_scoring(committee: ReviewCommittee) -> ReviewCommittee:
    return scoring_close(actor=reviewing_staff(), committee=committee)


def score(user: User, committee: ReviewCommittee, application: Application, points: int, comment: str = "") -> None:
    """The member gives every criterion `points`."""
    criteria = committee.score_sheet.criteria.all()
    review_save(
        actor=user,
        committee=committee,
        obj=application,
        scores={c.pk: (points, comment) for c in criteria},
        overall_comment=comment,
    )
