"""Reads of the subsidies app that views and template tags share (STYLE: selectors).

Grants area: the decisions page's ranked rows and budget, the reports not submitted
(reminders, the overdue list) and what follows the decision of one application (the
includes on the applicant's and the staff's application pages), each in a fixed
number of queries.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.db import models
from django.utils import timezone

from portal.links import url_maker
from subsidies.models import (
    AWARDED_STATUSES,
    REVIEWED_STATUSES,
    AmountConfirmation,
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    ChangeRequest,
    Grant,
    Payment,
    Programme,
    Report,
    ReportStatus,
)

__all__ = [
    "AfterDecision",
    "Budget",
    "DecisionRow",
    "FollowUps",
    "after_decision",
    "decision_counts",
    "decision_rows",
    "decision_rows_stamp",
    "load_decision_rows",
    "programme_budget",
    "programme_follow_ups",
    "programme_or_404",
    "reports_not_submitted",
    "reports_overdue",
]


@dataclass(frozen=True)
class Budget:
    total: int
    awarded: int

    @property
    def left(self) -> int:
        return self.total - self.awarded


def programme_or_404(year: int, slug: str) -> Programme:
    """The programme of a page's address (year and slug), with its committee; 404 when
    there is none or the year is out of range."""
    from django.http import Http404

    if not 2000 <= year <= 2100:
        raise Http404
    programme = Programme.objects.select_related("committee").filter(fiscal_year=year, slug=slug).first()
    if programme is None:
        raise Http404
    return programme


def programme_budget(programme: Programme) -> Budget:
    awarded = (
        Application.objects.filter(programme=programme, status__in=AWARDED_STATUSES).aggregate(
            total=models.Sum("awarded_amount")
        )["total"]
        or 0
    )
    return Budget(total=programme.total_budget, awarded=awarded)


@dataclass
class DecisionRow:
    application_id: int
    rank: int
    average: Any = None
    count: int = 0
    passes: bool | None = None
    application: Application | None = None  # loaded for the rows a page draws (load_decision_rows)
    decide_url: str = ""  # the application's decision, grant and final amount pages (load_decision_rows)
    grant_url: str = ""
    confirm_url: str = ""


def _decision_queryset(programme: Programme) -> models.QuerySet[Application]:
    return Application.objects.filter(programme=programme, status__in=REVIEWED_STATUSES).order_by(
        "receipt_number", "pk"
    )


class DecisionRows(Sequence[DecisionRow]):
    """The rows of `decision_rows`, made only for those asked for (a page's slice)."""

    def __init__(self, programme: Programme) -> None:
        queryset = _decision_queryset(programme)
        if programme.committee_id is None:
            self._ranked: Sequence[Any] | None = None
            self._ids: list[int] = list(queryset.values_list("pk", flat=True))
        else:
            from portal.review_services import ranked_summary_keys

            self._ranked = ranked_summary_keys(programme.committee, [queryset])

    def __len__(self) -> int:
        return len(self._ids if self._ranked is None else self._ranked)

    @overload
    def __getitem__(self, index: int) -> DecisionRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[DecisionRow]: ...

    def __getitem__(self, index: int | slice) -> DecisionRow | list[DecisionRow]:
        positions = range(len(self))[index]
        if isinstance(positions, int):
            return self._row(positions)
        return [self._row(position) for position in positions]

    def _row(self, position: int) -> DecisionRow:
        if self._ranked is None:
            return DecisionRow(application_id=self._ids[position], rank=position + 1)
        summary = self._ranked[position]
        return DecisionRow(
            application_id=summary.obj[1],
            rank=position + 1,
            average=summary.average,
            count=summary.count,
            passes=summary.passes,
        )


def decision_rows(programme: Programme) -> DecisionRows:
    """The applications accepted for review (and those decided since), ranked by the
    committee's average when the programme has a committee, else by receipt number.
    Only their keys are read (and the committee's averages, worked out by the database):
    `load_decision_rows` loads the applications of the rows a page draws, so a year of
    thousands of applications costs the same to page through."""
    return DecisionRows(programme)


# What the decisions page reads of an application (its row and its decision form).
DECISION_ROW_FIELDS = (
    "updated_at",
    "receipt_number",
    "title",
    "status",
    "requested_amount",
    "awarded_amount",
    "decision_published_at",
    "group__name",
    "category__name",
    "category__name_en",
)


def load_decision_rows(programme: Programme, rows: list[DecisionRow]) -> list[DecisionRow]:
    """Fill in the applications of `rows` (one query, with what the decisions page shows
    of them) and their pages' addresses."""
    loaded = (
        _decision_queryset(programme)
        .select_related("group", "category")
        .only(*DECISION_ROW_FIELDS)
        .in_bulk([row.application_id for row in rows])
    )
    decide_url, grant_url, confirm_url = (
        url_maker(name) for name in ("subsidies:staff-decide", "subsidies:staff-grant", "subsidies:staff-confirm")
    )
    for row in rows:
        row.application = loaded.get(row.application_id)
        row.decide_url = decide_url(row.application_id)
        row.grant_url = grant_url(row.application_id)
        row.confirm_url = confirm_url(row.application_id)
    return [row for row in rows if row.application is not None]


def decision_rows_stamp(rows: Sequence[DecisionRow]) -> str:
    """A short version of the loaded `rows` for the rendered ranking's cache key: which
    applications, their rank, score and last change. What it leaves out (a group's or a
    category's name) is covered by the fragment cache's table versions (portal.pagecache)."""
    parts = [
        (row.application_id, row.rank, str(row.average), row.count, row.passes, row.application.updated_at.timestamp())
        for row in rows
        if row.application is not None
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def decision_counts(programme: Programme) -> tuple[int, int]:
    """(undecided, decided but not published) among the programme's reviewed applications."""
    counts = _decision_queryset(programme).aggregate(
        undecided=models.Count("pk", filter=models.Q(status=ApplicationStatus.ACCEPTED)),
        unpublished=models.Count(
            "pk",
            filter=models.Q(
                status__in=(ApplicationStatus.ADOPTED, ApplicationStatus.REJECTED), decision_published_at__isnull=True
            ),
        ),
    )
    return counts["undecided"], counts["unpublished"]


@dataclass
class FollowUps:
    """What waits for staff in a programme after the decisions."""

    payments: list[Payment]
    changes: list[ChangeRequest]
    reports: list[Report]
    refunds: list[AmountConfirmation]

    @property
    def any(self) -> bool:
        return bool(self.payments or self.changes or self.reports or self.refunds)


def programme_follow_ups(programme: Programme, *, limit: int = 100) -> FollowUps:
    """Advances requested, changes awaiting approval, reports submitted and refunds due
    in the programme (four queries), with what the decisions page shows of each: the
    group's name and the amount."""
    from subsidies.models import ChangeStatus, PaymentStatus, RefundStatus

    related, shown = ("application__group",), ("application__group__name",)
    return FollowUps(
        payments=list(
            Payment.objects.filter(application__programme=programme, status=PaymentStatus.REQUESTED)
            .select_related(*related)
            .only("amount", *shown)
            .order_by("created_at", "pk")[:limit]
        ),
        changes=list(
            ChangeRequest.objects.filter(application__programme=programme, status=ChangeStatus.REQUESTED)
            .select_related(*related)
            .only(*shown)
            .order_by("created_at", "pk")[:limit]
        ),
        reports=list(
            Report.objects.filter(application__programme=programme, status=ReportStatus.SUBMITTED)
            .select_related(*related)
            .only(*shown)
            .order_by("submitted_at", "pk")[:limit]
        ),
        refunds=list(
            AmountConfirmation.objects.filter(application__programme=programme, refund_status=RefundStatus.DUE)
            .select_related(*related)
            .only("refund_due", *shown)
            .order_by("confirmed_on", "pk")[:limit]
        ),
    )


def reports_not_submitted() -> models.QuerySet[Application]:
    """Granted applications whose report is missing, a draft or returned."""
    return (
        Application.objects.filter(status=ApplicationStatus.GRANTED)
        .filter(
            models.Q(report__isnull=True) | models.Q(report__status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED))
        )
        .select_related("programme", "group", "report")
    )


def reports_overdue(today: datetime.date | None = None) -> models.QuerySet[Application]:
    today = today or timezone.localdate()
    return (
        reports_not_submitted()
        .filter(programme__report_due_on__lt=today)
        .order_by("programme__report_due_on", "receipt_number", "pk")
    )


@dataclass
class AfterDecision:
    """What follows the decision of one application, for its page."""

    application: Application
    grant: Grant | None = None
    payments: list[Payment] = field(default_factory=list)
    changes: list[ChangeRequest] = field(default_factory=list)
    report: Report | None = None
    report_attachments: list[ApplicationAttachment] = field(default_factory=list)
    confirmation: AmountConfirmation | None = None
    can_edit: bool = False

    @property
    def decision_visible(self) -> bool:
        return self.application.decision_published_at is not None

    @property
    def paid(self) -> int:
        return sum(p.amount for p in self.payments if p.status == "paid")

    @property
    def report_due_on(self) -> datetime.date:
        return self.application.programme.report_due_on


def after_decision(application: Application) -> AfterDecision:
    """The grant, payments, changes, report (with its files) and final amount of one
    application: at most six queries, none when nothing has been decided."""
    result = AfterDecision(application=application)
    if application.status not in (ApplicationStatus.GRANTED, ApplicationStatus.CONFIRMED):
        return result
    result.grant = Grant.objects.filter(application=application).first()
    result.payments = list(Payment.objects.filter(application=application).order_by("created_at", "pk"))
    result.changes = list(ChangeRequest.objects.filter(application=application).order_by("created_at", "pk"))
    result.report = Report.objects.filter(application=application).first()
    if result.report is not None:
        result.report_attachments = list(
            ApplicationAttachment.objects.filter(application=application, for_report=True).order_by("pk")
        )
    result.confirmation = AmountConfirmation.objects.filter(application=application).first()
    return result
