"""Builders for the catalogue, results and overview tests: applications in the states
after the decision (adopted, granted, confirmed), with their grant, payments, report and
confirmation rows written straight to the database (the services belong to the other
areas; these tests only read)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from groups.models import CommunityGroup
from portal.models import Criterion, ReviewCommittee
from portal.review_services import (
    committee_create,
    committee_member_add,
    review_save,
    score_sheet_set,
    scoring_close,
    scoring_open,
)
from subsidies.models import (
    AmountConfirmation,
    Application,
    ApplicationStatus,
    Grant,
    Payment,
    PaymentKind,
    PaymentStatus,
    Programme,
    RefundStatus,
    Report,
    ReportStatus,
)
from tests.factories.groups import reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_application

_numbers = itertools.count(1)

CRITERIA = [
    {"name": "公益性", "name_en": "Public benefit", "weight": 50, "max_points": 5},
    {"name": "実現可能性", "name_en": "Feasibility", "weight": 50, "max_points": 5},
]


def publish_decisions(programme: Programme) -> Programme:
    programme.decisions_published_at = timezone.now()
    programme.save(update_fields=["decisions_published_at"])
    return programme


def publish_screening_results(programme: Programme) -> Programme:
    """Staff published the 公開審査 results (the committee has closed scoring)."""
    programme.screening_results_published_at = timezone.now()
    programme.save(update_fields=["screening_results_published_at"])
    return programme


def decided(
    programme: Programme,
    group: CommunityGroup,
    *,
    status: str = ApplicationStatus.ADOPTED,
    awarded: int | None = None,
    published: bool = True,
    **overrides: Any,
) -> Application:
    """An application with a decision (adopted by default, with the requested amount)."""
    application = create_application(programme, group, status=ApplicationStatus.ACCEPTED, **overrides)
    data: dict[str, Any] = {"status": status, "decided_at": timezone.now()}
    if status != ApplicationStatus.REJECTED:
        data["awarded_amount"] = application.requested_amount if awarded is None else awarded
    if published:
        data["decision_published_at"] = timezone.now()
    Application.objects.filter(pk=application.pk).update(**data)
    return Application.objects.get(pk=application.pk)


def granted(programme: Programme, group: CommunityGroup, *, amount: int | None = None, **overrides: Any) -> Application:
    application = decided(programme, group, status=ApplicationStatus.GRANTED, awarded=amount, **overrides)
    Grant.objects.create(
        application=application,
        document_number=f"みどり市協第{next(_numbers)}号",
        decided_on=timezone.localdate(),
        amount=application.awarded_amount,
    )
    return application


def pay(application: Application, amount: int, *, paid: bool = True) -> Payment:
    return Payment.objects.create(
        application=application,
        kind=PaymentKind.ADVANCE,
        amount=amount,
        status=PaymentStatus.PAID if paid else PaymentStatus.REQUESTED,
        paid_on=timezone.localdate() if paid else None,
    )


def report(application: Application, *, summary: str, accepted: bool = True) -> Report:
    return Report.objects.create(
        application=application,
        status=ReportStatus.ACCEPTED if accepted else ReportStatus.SUBMITTED,
        what_was_done="講座を3回開きました。",
        participants=40,
        summary=summary,
        submitted_at=timezone.now(),
    )


def confirmed(
    programme: Programme,
    group: CommunityGroup,
    *,
    amount: int,
    paid_before: int = 0,
    summary: str = "",
    **overrides: Any,
) -> Application:
    """Granted, reported (accepted) and confirmed at `amount`; the refund is what was
    paid beyond it."""
    application = granted(programme, group, **overrides)
    if paid_before:
        pay(application, paid_before)
    report(application, summary=summary)
    refund = max(paid_before - amount, 0)
    AmountConfirmation.objects.create(
        application=application,
        document_number=f"みどり市協確第{next(_numbers)}号",
        confirmed_on=timezone.localdate(),
        planned_eligible_cost=application.eligible_cost,
        actual_eligible_cost=application.eligible_cost,
        amount=amount,
        paid_before=paid_before,
        refund_due=refund,
        refund_status=RefundStatus.DUE if refund else RefundStatus.NONE,
    )
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.CONFIRMED)
    return Application.objects.get(pk=application.pk)


def screening_committee(year: int, members: int = 2) -> tuple[ReviewCommittee, list[Any]]:
    """A committee with a two-criterion sheet (50 + 50) and `members` members."""
    staff = reviewing_staff()
    committee = committee_create(actor=staff, name="審査会", fiscal_year=year, chair=staff, pass_mark=60)
    ends = timezone.localdate() + datetime.timedelta(days=60)
    people = [
        committee_member_add(actor=staff, committee=committee, user=UserFactory(), kind="expert", access_ends_on=ends)
        for _ in range(members)
    ]
    score_sheet_set(actor=staff, committee=committee, name="評価シート", criteria=CRITERIA)
    scoring_open(actor=staff, committee=committee)
    return committee, people


def score(member: Any, application: Application, points: tuple[int, int]) -> None:
    ids = list(
        Criterion.objects.filter(sheet__committee=member.committee).order_by("order").values_list("pk", flat=True)
    )
    review_save(
        actor=member.user,
        committee=member.committee,
        obj=application,
        scores={i: (p, "") for i, p in zip(ids, points, strict=True)},
    )


def close_scoring(committee: ReviewCommittee) -> None:
    scoring_close(actor=reviewing_staff(), committee=committee)


def closed_call(programme_kwargs: dict[str, Any] | None = None) -> dict[str, Any]:
    now = timezone.now()
    return {
        "call_opens_at": now - datetime.timedelta(days=60),
        "call_closes_at": now - datetime.timedelta(days=30),
        **(programme_kwargs or {}),
    }
