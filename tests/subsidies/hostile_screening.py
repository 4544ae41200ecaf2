"""The hostile-input corpus of the screening area (loaded by tests/test_hostile_input.py):
portal's committee-review pages (score sheet, conflict, adding a member, opening and
closing scoring) with subsidy applications, and the 公開審査 pages (the presentation
schedule, its publication, the public screening page)."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from portal.forms import SeenStatusForm
from portal.models_review import ScoringStatus
from portal.review_services import reviewed_object_url
from subsidies.models import PresentationSlot
from subsidies.services.screening import schedule_publish
from tests.factories.groups import reviewing_staff
from tests.factories.portal import UserFactory
from tests.subsidies.screening_setup import create_committee, create_reviewed_programme, open_scoring
from tests.test_hostile_input import Endpoint, PostTarget, in_context


def world(world: dict[str, Any]) -> dict[str, Any]:
    committee = create_committee(chair=UserFactory(), members=[world["reviewer"]])
    programme, (first, second) = create_reviewed_programme(committee, [world["_group"], world["_other_group"]])
    open_scoring(committee)
    day = timezone.now() + datetime.timedelta(days=20)
    for i, app in enumerate((first, second)):
        PresentationSlot.objects.create(
            application=app, starts_at=day + datetime.timedelta(minutes=20 * i), minutes=15, place="会議室"
        )
    schedule_publish(actor=reviewing_staff(), programme=programme)
    return {
        "review_committee": committee,
        "review_programme": programme,
        "review_first": first,
        "review_second": second,
        "review_newcomer": UserFactory(email="newcomer@test.example.jp"),
    }


def _object(key: str) -> Any:
    return lambda w: reviewed_object_url(w["review_committee"], w[key])


def _committee(name: str) -> Any:
    return lambda w: reverse(name, args=[w["review_committee"].pk])


def _programme(name: str) -> Any:
    return lambda w: reverse(name, args=[w["review_programme"].fiscal_year, w["review_programme"].slug])


def _scores(w: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"overall_comment": "全体として良い"}
    for criterion in w["review_committee"].score_sheet.criteria.all():
        data[f"score_{criterion.pk}"] = "4"
        data[f"comment_{criterion.pk}"] = "良い"
    return data


def _schedule(w: dict[str, Any]) -> dict[str, Any]:
    day = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    data: dict[str, Any] = {}
    for hour, key in ((10, "review_first"), (11, "review_second")):
        pk = w[key].pk
        data.update({f"starts_at_{pk}": f"{day}T{hour}:00", f"minutes_{pk}": "15", f"place_{pk}": "会議室"})
    return data


POST_TARGETS = [
    PostTarget(
        "review score",
        "reviewer",
        _object("review_first"),
        in_context("score_form"),
        _scores,
        fixed={"action": "score"},
    ),
    PostTarget(
        "review conflict",
        "reviewer",
        _object("review_second"),
        in_context("conflict_form"),
        lambda w: {"reason": "団体の顧問をしている"},
        fixed={"action": "conflict"},
    ),
    PostTarget(
        "review add member",
        "city_staff",
        _committee("portal:review-manage"),
        in_context("member_form"),
        lambda w: {
            "email": w["review_newcomer"].email,
            "kind": "expert",
            "access_ends_on": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        },
        fixed={"action": "add_member"},
    ),
    PostTarget(
        "review close scoring",
        "city_staff",
        _committee("portal:review-manage"),
        lambda r, w: SeenStatusForm(choices=ScoringStatus.choices),
        lambda w: {"seen_status": "scoring"},
        fixed={"action": "close"},
    ),
    PostTarget(
        "presentation schedule",
        "city_staff",
        _programme("subsidies:staff-presentations"),
        in_context("form"),
        _schedule,
        fixed={"action": "save"},
    ),
]

GET_TARGETS: list[Any] = []

ENDPOINTS = [
    Endpoint("portal:review-home", "reviewer", lambda w: reverse("portal:review-home")),
    Endpoint("portal:review-committee", "reviewer", _committee("portal:review-committee")),
    Endpoint("portal:review-summary", "city_staff", _committee("portal:review-summary")),
    Endpoint("portal:review-summary-csv", "city_staff", _committee("portal:review-summary-csv"), post=False),
    Endpoint(
        "portal:review-manage",
        "city_staff",
        _committee("portal:review-manage"),
        fields=("action", "seen_status"),
        fixed={"action": "open"},
        label="(open)",
    ),
    Endpoint(
        "portal:review-object",
        "reviewer",
        _object("review_first"),
        fields=("action",),
        label="(action)",
    ),
    Endpoint(
        "subsidies:staff-presentations",
        "city_staff",
        _programme("subsidies:staff-presentations"),
        fields=("action",),
        fixed={"action": "unpublish"},
        label="(publication)",
    ),
    Endpoint("subsidies:screening", "anonymous", _programme("subsidies:screening"), post=False),
]

FORM_MODULES = ["portal.review_forms", "subsidies.forms.screening"]

FORM_COVERAGE = {
    "portal.review_forms.ScoreForm": "review score",
    "portal.review_forms.ConflictForm": "review conflict",
    "portal.review_forms.MemberAddForm": "review add member",
    "portal.review_forms.CommitteeCreateForm": "none: an admin form (tests/subsidies/test_screening_admin.py)",
    "portal.review_forms.ScoreSheetForm": "none: an admin form (tests/subsidies/test_screening_admin.py)",
    "portal.review_forms.CriterionForm": "none: an admin form (tests/subsidies/test_screening_admin.py)",
    "subsidies.forms.screening.PresentationScheduleForm": "presentation schedule",
}
