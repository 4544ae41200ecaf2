"""Writes after review: the decision (採否) within the budget, its publication (一括公開),
the grant (交付決定), advances (概算払), changes (変更承認申請), the report (実績報告) and
the final amount (額の確定) with its refund (返還).

Every status change goes through `portal.workflow.transition` in one service, and is
audited there. Services that check the state before they change it first lock the row
and call `ensure_unchanged`, so that a state changed since the page was drawn is
reported as "stale" (409 in the views), not as another refusal.

The budget: the sum of the awards (`awarded_amount` of the applications in
AWARDED_STATUSES) of a programme never exceeds its `total_budget`. Every decision locks
the programme's row before it sums, in the same transaction, so that two staff deciding
at once are serialised (tests/subsidies/test_grants_concurrency.py, on PostgreSQL).
Lock order everywhere: programme, then application, then the application's rows.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log
from portal.dates import SCHEDULE, check_date_ranges
from portal.workflow import check_transition, ensure_unchanged, transition
from subsidies import grants_notifications as notifications
from subsidies.amounts import ConfirmationRule, confirmed_amount, refund_due
from subsidies.models import (
    AWARDED_STATUSES,
    AmountConfirmation,
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    ApplicationVersion,
    AttachmentKind,
    BudgetLine,
    BudgetSide,
    BudgetStage,
    ChangeRequest,
    ChangeStatus,
    ExpenseCategory,
    Grant,
    IncomeKind,
    Payment,
    PaymentKind,
    PaymentStatus,
    Programme,
    RefundStatus,
    Report,
    ReportStatus,
)
from subsidies.permissions import application_policy
from subsidies.services.applications import lock_application

if TYPE_CHECKING:
    from portal.models import User

__all__ = [
    "REPORT_ATTACHMENT_KINDS",
    "REPORT_EDITABLE_STATUSES",
    "ConfirmationFigures",
    "LineData",
    "advance_limit",
    "amount_confirm",
    "application_decide",
    "application_decision_undo",
    "budget_left",
    "change_approve",
    "change_refuse",
    "change_request",
    "change_withdraw",
    "confirmation_figures",
    "decisions_publish",
    "document_number_suggest",
    "grant_decide",
    "payment_pay",
    "payment_refuse",
    "payment_request",
    "refund_record",
    "report_accept",
    "report_attachment_add",
    "report_reminders_send",
    "report_return",
    "report_save",
    "report_submit",
]

S = ApplicationStatus
REPORT_EDITABLE_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
REPORT_ATTACHMENT_KINDS = (AttachmentKind.RECEIPT, AttachmentKind.PHOTO, AttachmentKind.OUTPUT, AttachmentKind.OTHER)
REMINDER_DAYS = (14, 3)


# --- Helpers ----------------------------------------------------------------------------------


def _lock_programme(programme_id: int) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


def _ensure_staff(actor: User, application: Application) -> None:
    application_policy.ensure(actor, "decide", application)


def _ensure_editor(actor: User, application: Application) -> None:
    application_policy.ensure(actor, "edit", application)


def _err(field: str, message: str, code: str) -> ValidationError:
    """A refusal about one field, keeping its code (a dict of messages would lose it)."""
    return ValidationError({field: ValidationError(message, code=code)})


def _required_text(value: str | None, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise _err(field, message, "required")
    return text


def _check_dates(**values: datetime.date | None) -> None:
    check_date_ranges(values, dict.fromkeys(values, SCHEDULE))


def awarded_total(programme: Programme, *, exclude: Application | None = None) -> int:
    """The sum of the awards in the programme (adopted, granted, confirmed)."""
    qs = Application.objects.filter(programme=programme, status__in=AWARDED_STATUSES)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.aggregate(total=models.Sum("awarded_amount"))["total"] or 0


def budget_left(programme: Programme) -> int:
    return programme.total_budget - awarded_total(programme)


def _yen(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _err(field, _("Enter a whole number of yen."), "invalid")
    if value < 1:
        raise _err(field, _("Enter an amount of at least 1 yen."), "min_value")
    return value


# --- The decision (採否) -----------------------------------------------------------------------


@transaction.atomic
def application_decide(
    *,
    actor: User,
    application: Application,
    adopt: bool,
    amount: int | None = None,
    reason: str,
    assessment_reason: str = "",
    expected_status: str | None = None,
) -> Application:
    """Adopt (with the awarded amount) or not adopt an accepted application, with the
    reason the applicant is told. An award below the requested amount (査定) needs its
    own reason; the programme's awards together never exceed its budget (the
    programme's row is locked before the sum). The applicant sees nothing until the
    decisions are published."""
    _ensure_staff(actor, application)
    programme = _lock_programme(application.programme_id)
    application = lock_application(application)
    ensure_unchanged(application, expected_status)
    new = S.ADOPTED if adopt else S.REJECTED
    check_transition(application, new)
    reason = _required_text(reason, "reason", _("Give the reason the applicant will be told."))
    assessment_reason = (assessment_reason or "").strip()
    if adopt:
        if amount is None:
            raise _err("amount", _("Enter the amount awarded."), "required")
        amount = _yen(amount, "amount")
        if amount > application.requested_amount:
            raise _err(
                "amount",
                _("The award cannot exceed the requested amount of %(requested)s yen.")
                % {"requested": f"{application.requested_amount:,}"},
                "above_request",
            )
        if amount < application.requested_amount and not assessment_reason:
            raise _err(
                "assessment_reason",
                _("Give the reason for awarding less than requested (assessment)."),
                "assessment_reason",
            )
        left = programme.total_budget - awarded_total(programme, exclude=application)
        if amount > left:
            raise _err(
                "amount",
                _("This award would exceed the programme's budget: %(left)s yen is left of %(total)s yen.")
                % {"left": f"{max(left, 0):,}", "total": f"{programme.total_budget:,}"},
                "over_budget",
            )
        if amount == application.requested_amount:
            assessment_reason = ""
    else:
        amount, assessment_reason = None, ""
    application.awarded_amount = amount
    application.assessment_reason = assessment_reason
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = actor
    transition(
        application,
        new,
        actor=actor,
        expected=expected_status,
        data={"amount": amount},
        update_fields=["awarded_amount", "assessment_reason", "decision_reason", "decided_at", "decided_by"],
    )
    return application


@transaction.atomic
def application_decision_undo(
    *, actor: User, application: Application, expected_status: str | None = None
) -> Application:
    """Take back an adoption or non-adoption not yet published: the application is under
    review again and its award no longer counts against the budget."""
    _ensure_staff(actor, application)
    _lock_programme(application.programme_id)
    application = lock_application(application)
    ensure_unchanged(application, expected_status)
    if application.status not in (S.ADOPTED, S.REJECTED):
        check_transition(application, S.ACCEPTED)  # says why not
    if application.decision_published_at is not None:
        raise ValidationError(_("This decision has been published and can no longer be taken back."), code="published")
    application.awarded_amount = None
    application.assessment_reason = ""
    application.decision_reason = ""
    application.decided_at = None
    application.decided_by = None
    transition(
        application,
        S.ACCEPTED,
        actor=actor,
        expected=expected_status,
        action="decision_undone",
        update_fields=["awarded_amount", "assessment_reason", "decision_reason", "decided_at", "decided_by"],
    )
    return application


@transaction.atomic
def decisions_publish(*, actor: User, programme: Programme) -> list[Application]:
    """一括公開: tell every decided application of the programme its result at once.
    Refused while an accepted application is still undecided. Each group is e-mailed
    its result with the reason. Publishing again later publishes only the decisions
    taken since."""
    from portal.permissions import is_city_staff

    if not is_city_staff(actor):
        raise PermissionDenied
    programme = _lock_programme(programme.pk)
    undecided = Application.objects.filter(programme=programme, status=S.ACCEPTED).count()
    if undecided:
        raise ValidationError(
            _("%(count)s accepted applications have no decision yet. Decide every one before publishing.")
            % {"count": undecided},
            code="undecided",
        )
    pending = list(
        Application.objects.select_for_update()
        .filter(programme=programme, status__in=(S.ADOPTED, S.REJECTED), decision_published_at__isnull=True)
        .order_by("pk")
    )
    if not pending:
        raise ValidationError(_("There is no new decision to publish."), code="nothing")
    now = timezone.now()
    Application.objects.filter(pk__in=[a.pk for a in pending]).update(decision_published_at=now, updated_at=now)
    programme.decisions_published_at = now
    programme.save(update_fields=["decisions_published_at", "updated_at"])
    adopted = [a.pk for a in pending if a.status == S.ADOPTED]
    audit_log(
        actor=actor,
        action="subsidies.programme.decisions_published",
        target=programme,
        data={
            "adopted": len(adopted),
            "rejected": len(pending) - len(adopted),
            "applications": [a.pk for a in pending],
        },
    )
    ids = [a.pk for a in pending]
    transaction.on_commit(lambda: notifications.notify_decisions(application_ids=ids))
    for application in pending:
        application.decision_published_at = now
    return pending


# --- The grant (交付決定) ----------------------------------------------------------------------


def document_number_suggest(*, prefix: str | None = None) -> str:
    """A free document number such as みどり市協第123号 (the next after those used by
    grants and confirmations)."""
    from portal.models import SiteConfiguration

    prefix = prefix if prefix is not None else f"{SiteConfiguration.get_solo().city_name}協第"
    used = set(Grant.objects.filter(document_number__startswith=prefix).values_list("document_number", flat=True))
    used |= set(
        AmountConfirmation.objects.filter(document_number__startswith=prefix).values_list("document_number", flat=True)
    )
    n = len(used) + 1
    while f"{prefix}{n}号" in used:
        n += 1
    return f"{prefix}{n}号"


def _check_document_number(number: str, *, field: str = "document_number") -> str:
    number = _required_text(number, field, _("Enter the document number."))
    if len(number) > 60:
        raise _err(field, _("A document number has at most 60 characters."), "max_length")
    taken = (
        Grant.objects.filter(document_number=number).exists()
        or AmountConfirmation.objects.filter(document_number=number).exists()
    )
    if taken:
        raise _err(field, _("This document number is already used."), "unique")
    return number


@transaction.atomic
def grant_decide(
    *,
    actor: User,
    application: Application,
    document_number: str,
    decided_on: datetime.date,
    amount: int | None = None,
    conditions: str = "",
    expected_status: str | None = None,
) -> Grant:
    """交付決定 of a published adoption: a numbered decision with its date, amount (the
    award by default, never more) and conditions. The group is e-mailed a link to the
    交付決定通知書."""
    _ensure_staff(actor, application)
    application = lock_application(application)
    ensure_unchanged(application, expected_status)
    check_transition(application, S.GRANTED)
    if application.decision_published_at is None:
        raise ValidationError(_("Publish the decisions before deciding the grant."), code="not_published")
    awarded = application.awarded_amount or 0
    amount = awarded if amount is None else _yen(amount, "amount")
    if amount > awarded:
        raise _err(
            "amount",
            _("The grant cannot exceed the awarded amount of %(awarded)s yen.") % {"awarded": f"{awarded:,}"},
            "above_award",
        )
    if decided_on is None:
        raise _err("decided_on", _("Enter the date of the decision."), "required")
    _check_dates(decided_on=decided_on)
    grant = Grant(
        application=application,
        document_number=_check_document_number(document_number),
        decided_on=decided_on,
        amount=amount,
        conditions=(conditions or "").strip(),
        decided_by=actor,
    )
    try:
        with transaction.atomic():
            grant.save()
    except IntegrityError as error:  # the same number taken at the same moment
        raise ValidationError({"document_number": _("This document number is already used.")}) from error
    transition(
        application,
        S.GRANTED,
        actor=actor,
        expected=expected_status,
        data={"document_number": grant.document_number, "amount": amount},
    )
    transaction.on_commit(lambda: notifications.notify_application(application_id=application.pk, event="granted"))
    return grant


# --- Advances (概算払) -------------------------------------------------------------------------


def advance_limit(application: Application, grant: Grant) -> tuple[int, int]:
    """(the most the programme lets a group draw in advance, what it has requested or
    been paid so far) in yen."""
    percent = application.programme.advance_max_percent
    limit = math.floor(Fraction(grant.amount * percent, 100))
    used = (
        Payment.objects.filter(
            application=application,
            kind=PaymentKind.ADVANCE,
            status__in=(PaymentStatus.REQUESTED, PaymentStatus.PAID),
        ).aggregate(total=models.Sum("amount"))["total"]
        or 0
    )
    return limit, used


@transaction.atomic
def payment_request(*, actor: User, application: Application, amount: int, note: str = "") -> Payment:
    """The group asks for an advance (概算払): up to the programme's share of the grant,
    less the advances already requested or paid."""
    _ensure_editor(actor, application)
    application = lock_application(application)
    if application.status != S.GRANTED:
        raise ValidationError(_("Advances can be requested only after the grant decision."), code="not_granted")
    if application.programme.advance_max_percent == 0:
        raise ValidationError(_("This programme pays no advances."), code="no_advances")
    amount = _yen(amount, "amount")
    limit, used = advance_limit(application, application.grant)
    if amount > limit - used:
        raise _err(
            "amount",
            _(
                "At most %(left)s yen can be requested: advances are limited to %(percent)s%% of the grant "
                "(%(limit)s yen), and %(used)s yen has been requested already."
            )
            % {
                "left": f"{max(limit - used, 0):,}",
                "percent": application.programme.advance_max_percent,
                "limit": f"{limit:,}",
                "used": f"{used:,}",
            },
            "above_share",
        )
    payment = Payment.objects.create(
        application=application,
        kind=PaymentKind.ADVANCE,
        amount=amount,
        status=PaymentStatus.REQUESTED,
        requested_by=actor,
        note=(note or "").strip()[:500],
    )
    audit_log(actor=actor, action="subsidies.payment.requested", target=payment, data={"amount": amount})
    return payment


def _lock_payment(payment: Payment) -> Payment:
    return Payment.objects.select_for_update(of=("self",)).select_related("application").get(pk=payment.pk)


@transaction.atomic
def payment_pay(
    *,
    actor: User,
    payment: Payment,
    paid_on: datetime.date,
    note: str = "",
    expected_status: str | None = None,
) -> Payment:
    """Staff record a requested advance as paid on `paid_on`."""
    _ensure_staff(actor, payment.application)
    payment = _lock_payment(payment)
    ensure_unchanged(payment, expected_status)
    check_transition(payment, PaymentStatus.PAID)
    if paid_on is None:
        raise _err("paid_on", _("Enter the date of payment."), "required")
    _check_dates(paid_on=paid_on)
    if paid_on > timezone.localdate():
        raise _err("paid_on", _("The date of payment cannot be in the future."), "future")
    payment.paid_on = paid_on
    if note:
        payment.note = note.strip()[:500]
    transition(
        payment,
        PaymentStatus.PAID,
        actor=actor,
        expected=expected_status,
        data={"amount": payment.amount},
        update_fields=["paid_on", "note"],
    )
    transaction.on_commit(
        lambda: notifications.notify_application(application_id=payment.application_id, event="payment_paid")
    )
    return payment


@transaction.atomic
def payment_refuse(*, actor: User, payment: Payment, note: str, expected_status: str | None = None) -> Payment:
    """Staff refuse a requested advance, with the reason."""
    _ensure_staff(actor, payment.application)
    payment = _lock_payment(payment)
    ensure_unchanged(payment, expected_status)
    check_transition(payment, PaymentStatus.REFUSED)
    payment.note = _required_text(note, "note", _("Give the reason for refusing."))[:500]
    transition(payment, PaymentStatus.REFUSED, actor=actor, expected=expected_status, update_fields=["note"])
    transaction.on_commit(
        lambda: notifications.notify_application(application_id=payment.application_id, event="payment_refused")
    )
    return payment


# --- Budget lines (the plan of a change, the actual figures of a report) ----------------------


@dataclass(frozen=True)
class LineData:
    """One budget line as a form gives it: an expense (with its category) or an income
    line (with its kind)."""

    side: str
    amount: int
    expense_category: ExpenseCategory | None = None
    income_kind: str = ""
    description: str = ""
    basis: str = ""


def _clean_lines(lines: Iterable[LineData | Mapping[str, Any]]) -> list[LineData]:
    cleaned = []
    for line in lines:
        item = line if isinstance(line, LineData) else LineData(**line)
        if item.side == BudgetSide.EXPENSE:
            if item.expense_category is None or item.income_kind:
                raise ValidationError(_("Every expense line needs its expense category."), code="line")
        elif item.side == BudgetSide.INCOME:
            if item.expense_category is not None or item.income_kind not in IncomeKind.values:
                raise ValidationError(_("Every income line needs its kind."), code="line")
        else:
            raise ValidationError(_("Unknown budget line."), code="line")
        if isinstance(item.amount, bool) or not isinstance(item.amount, int) or not 0 <= item.amount <= 10**10:
            raise ValidationError(_("Enter amounts as whole yen, from 0."), code="line")
        cleaned.append(item)
    return cleaned


def _check_balanced(lines: list[LineData], *, what: str) -> None:
    income = sum(line.amount for line in lines if line.side == BudgetSide.INCOME)
    expense = sum(line.amount for line in lines if line.side == BudgetSide.EXPENSE)
    if not any(line.side == BudgetSide.EXPENSE for line in lines):
        raise ValidationError(_("Enter at least one expense line."), code="no_expense")
    if income != expense:
        raise ValidationError(
            _("The %(what)s does not balance: income %(income)s yen, expenditure %(expense)s yen.")
            % {"what": what, "income": f"{income:,}", "expense": f"{expense:,}"},
            code="unbalanced",
        )


def _eligible_ids(programme: Programme) -> set[int]:
    return set(programme.eligible_expenses.values_list("pk", flat=True))


def _write_lines(application: Application, stage: str, lines: list[LineData]) -> int:
    """Replace the application's lines of `stage`; returns the eligible expense total."""
    eligible_ids = _eligible_ids(application.programme)
    BudgetLine.objects.filter(application=application, stage=stage).delete()
    rows, order = [], defaultdict(int)
    for line in lines:
        eligible = line.side == BudgetSide.EXPENSE and line.expense_category.pk in eligible_ids  # type: ignore[union-attr]
        rows.append(
            BudgetLine(
                application=application,
                stage=stage,
                side=line.side,
                income_kind=line.income_kind,
                expense_category=line.expense_category,
                description=(line.description or "").strip()[:200],
                basis=(line.basis or "").strip()[:300],
                amount=line.amount,
                eligible=eligible,
                order=order[line.side],
            )
        )
        order[line.side] += 1
    BudgetLine.objects.bulk_create(rows)
    return sum(row.amount for row in rows if row.eligible)


def _line_json(line: BudgetLine | LineData) -> dict[str, Any]:
    category = line.expense_category
    return {
        "side": line.side,
        "income_kind": line.income_kind,
        "expense_category": category.pk if category else None,
        "expense_category_name": category.name if category else "",
        "description": line.description,
        "basis": line.basis,
        "amount": line.amount,
    }


def _lines_from_json(rows: list[dict[str, Any]]) -> list[LineData]:
    categories = ExpenseCategory.objects.in_bulk([r["expense_category"] for r in rows if r.get("expense_category")])
    return [
        LineData(
            side=r["side"],
            amount=r["amount"],
            expense_category=categories.get(r["expense_category"]) if r.get("expense_category") else None,
            income_kind=r.get("income_kind", ""),
            description=r.get("description", ""),
            basis=r.get("basis", ""),
        )
        for r in rows
    ]


# --- Changes (変更承認申請 / 軽微変更) ----------------------------------------------------------


def _plan_by_category(lines: Iterable[BudgetLine | LineData]) -> dict[int, int]:
    totals: dict[int, int] = defaultdict(int)
    for line in lines:
        if line.side == BudgetSide.EXPENSE and line.expense_category is not None:
            totals[line.expense_category.pk] += line.amount
    return totals


def change_size(current: Mapping[int, int], proposed: Mapping[int, int]) -> tuple[Fraction, bool]:
    """The largest change of an expense category in percent of its current amount, and
    whether a category is added or removed (always a change needing approval)."""
    largest, structural = Fraction(0), False
    for category in set(current) | set(proposed):
        old, new = current.get(category, 0), proposed.get(category, 0)
        if old == 0 or new == 0:
            if old != new:
                structural = True
            continue
        largest = max(largest, Fraction(abs(new - old) * 100, old))
    return largest, structural


def _ensure_changeable(application: Application) -> None:
    if application.status != S.GRANTED:
        raise ValidationError(_("Changes can be asked for only while the grant is in force."), code="not_granted")
    report = Report.objects.filter(application=application).first()
    if report is not None and report.status != ReportStatus.DRAFT:
        raise ValidationError(_("The report has been submitted: the plan can no longer change."), code="reported")


def plan_snapshot(application: Application, **extra: Any) -> dict[str, Any]:
    """The application's project and planned budget as JSON (an ApplicationVersion)."""
    lines = BudgetLine.objects.filter(application=application, stage=BudgetStage.PLAN).select_related(
        "expense_category"
    )
    return {
        "title": application.title,
        "purpose": application.purpose,
        "content": application.content,
        "target": application.target,
        "place": application.place,
        "starts_on": application.starts_on.isoformat() if application.starts_on else None,
        "ends_on": application.ends_on.isoformat() if application.ends_on else None,
        "schedule": application.schedule,
        "expected_effect": application.expected_effect,
        "eligible_cost": application.eligible_cost,
        "requested_amount": application.requested_amount,
        "budget": [_line_json(line) for line in lines],
        **extra,
    }


def _apply_change(change: ChangeRequest, actor: User) -> None:
    """Replace the plan's budget lines by the change's and keep the new plan as a
    version (kind CHANGE). The grant amount does not change."""
    application = change.application
    eligible = _write_lines(application, BudgetStage.PLAN, _lines_from_json(change.proposed_budget))
    application.eligible_cost = eligible
    application.save(update_fields=["eligible_cost", "updated_at"])
    number = (
        ApplicationVersion.objects.filter(application=application).aggregate(n=models.Max("number"))["n"] or 0
    ) + 1
    ApplicationVersion.objects.create(
        application=application,
        number=number,
        kind=ApplicationVersion.Kind.CHANGE,
        snapshot=plan_snapshot(
            application, change_request=change.pk, reason=change.reason, content_change=change.content_change
        ),
        created_by=actor,
    )


@transaction.atomic
def change_request(
    *,
    actor: User,
    application: Application,
    reason: str,
    content_change: str = "",
    lines: Iterable[LineData | Mapping[str, Any]],
) -> ChangeRequest:
    """変更承認申請: the group proposes a new plan (content and budget). A change of an
    expense category beyond the programme's threshold (or a category added or removed)
    waits for staff approval; a smaller one is only notified (軽微変更) and applies at
    once. Either way the grant amount stays."""
    _ensure_editor(actor, application)
    application = lock_application(application)
    _ensure_changeable(application)
    if ChangeRequest.objects.filter(application=application, status=ChangeStatus.REQUESTED).exists():
        raise ValidationError(_("A change is already awaiting approval."), code="pending_change")
    reason = _required_text(reason, "reason", _("Give the reason for the change."))
    lines = _clean_lines(lines)
    _check_balanced(lines, what=_("proposed budget"))
    current = _plan_by_category(
        BudgetLine.objects.filter(application=application, stage=BudgetStage.PLAN).select_related("expense_category")
    )
    largest, structural = change_size(current, _plan_by_category(lines))
    threshold = application.programme.change_threshold_percent
    needs_approval = structural or largest > threshold
    change = ChangeRequest.objects.create(
        application=application,
        status=ChangeStatus.REQUESTED if needs_approval else ChangeStatus.NOTIFIED,
        reason=reason,
        content_change=(content_change or "").strip(),
        proposed_budget=[_line_json(line) for line in lines],
        largest_change_percent=100 if structural else math.ceil(largest),
        requested_by=actor,
    )
    audit_log(
        actor=actor,
        action="subsidies.change.requested" if needs_approval else "subsidies.change.notified",
        target=change,
        data={"largest_change_percent": change.largest_change_percent, "structural": structural},
    )
    if not needs_approval:
        _apply_change(change, actor)
    return change


def _lock_change(change: ChangeRequest) -> ChangeRequest:
    return ChangeRequest.objects.select_for_update(of=("self",)).select_related("application").get(pk=change.pk)


@transaction.atomic
def change_approve(
    *, actor: User, change: ChangeRequest, reason: str = "", expected_status: str | None = None
) -> ChangeRequest:
    """Staff approve a change: it becomes the plan (a new version); the grant stays."""
    _ensure_staff(actor, change.application)
    lock_application(change.application)
    change = _lock_change(change)
    ensure_unchanged(change, expected_status)
    check_transition(change, ChangeStatus.APPROVED)
    _ensure_changeable(change.application)
    change.decided_by, change.decided_at = actor, timezone.now()
    change.decision_reason = (reason or "").strip()
    transition(
        change,
        ChangeStatus.APPROVED,
        actor=actor,
        expected=expected_status,
        update_fields=["decided_by", "decided_at", "decision_reason"],
    )
    _apply_change(change, actor)
    transaction.on_commit(
        lambda: notifications.notify_application(application_id=change.application_id, event="change_approved")
    )
    return change


@transaction.atomic
def change_refuse(
    *, actor: User, change: ChangeRequest, reason: str, expected_status: str | None = None
) -> ChangeRequest:
    """Staff refuse a change, with the reason; the plan stays as it was."""
    _ensure_staff(actor, change.application)
    change = _lock_change(change)
    ensure_unchanged(change, expected_status)
    check_transition(change, ChangeStatus.REFUSED)
    change.decision_reason = _required_text(reason, "reason", _("Give the reason for refusing."))
    change.decided_by, change.decided_at = actor, timezone.now()
    transition(
        change,
        ChangeStatus.REFUSED,
        actor=actor,
        expected=expected_status,
        update_fields=["decided_by", "decided_at", "decision_reason"],
    )
    transaction.on_commit(
        lambda: notifications.notify_application(application_id=change.application_id, event="change_refused")
    )
    return change


@transaction.atomic
def change_withdraw(*, actor: User, change: ChangeRequest, expected_status: str | None = None) -> ChangeRequest:
    """The group withdraws a change still awaiting approval."""
    _ensure_editor(actor, change.application)
    change = _lock_change(change)
    ensure_unchanged(change, expected_status)
    transition(change, ChangeStatus.WITHDRAWN, actor=actor, expected=expected_status)
    return change


# --- The report (実績報告) -----------------------------------------------------------------------

REPORT_FIELDS = ("what_was_done", "participants", "outcomes", "self_evaluation", "summary")


@transaction.atomic
def report_save(
    *,
    actor: User,
    application: Application,
    data: Mapping[str, Any],
    lines: Iterable[LineData | Mapping[str, Any]],
    submit: bool = False,
    expected_status: str | None = None,
) -> Report:
    """Save the report (a draft, or a returned one being corrected) with its actual
    income and expense lines; with `submit`, hand it in (income must equal
    expenditure). The eligible actual cost follows the programme's categories."""
    _ensure_editor(actor, application)
    application = lock_application(application)
    if application.status != S.GRANTED:
        raise ValidationError(_("A report can be written only for a granted subsidy."), code="not_granted")
    report = Report.objects.select_for_update().filter(application=application).first()
    if report is not None:
        ensure_unchanged(report, expected_status)
        if report.status not in REPORT_EDITABLE_STATUSES:
            raise ValidationError(_("The report has been submitted and cannot be changed."), code="not_editable")
    elif expected_status not in (None, ReportStatus.DRAFT):
        raise ValidationError(_("Report: this has changed since you opened it. Please reload."), code="stale")
    lines = _clean_lines(lines)
    values = {name: data.get(name) for name in REPORT_FIELDS if name in data}
    participants = values.get("participants")
    if participants is not None and (not isinstance(participants, int) or not 0 <= participants <= 10_000_000):
        raise _err("participants", _("Enter a number of people from 0."), "invalid")
    if report is None:
        report = Report(application=application, what_was_done="")
    for name, value in values.items():
        setattr(report, name, (value or 0) if name == "participants" else (value or "").strip())
    report.actual_eligible_cost = _write_lines(application, BudgetStage.ACTUAL, lines)
    report.save()
    if submit:
        return report_submit(actor=actor, report=report, lines=lines)
    return report


def report_submit(
    *, actor: User, report: Report, lines: list[LineData] | None = None, expected_status: str | None = None
) -> Report:
    """Hand in a saved report (DRAFT or RETURNED → SUBMITTED): what was done is given
    and the actual income equals the actual expenditure."""
    _ensure_editor(actor, report.application)
    with transaction.atomic():
        report = Report.objects.select_for_update(of=("self",)).select_related("application").get(pk=report.pk)
        ensure_unchanged(report, expected_status)
        check_transition(report, ReportStatus.SUBMITTED)
        if not report.what_was_done.strip():
            raise _err("what_was_done", _("Describe what was done."), "required")
        if lines is None:
            lines = [
                LineData(
                    side=line.side,
                    amount=line.amount,
                    expense_category=line.expense_category,
                    income_kind=line.income_kind,
                )
                for line in BudgetLine.objects.filter(
                    application=report.application, stage=BudgetStage.ACTUAL
                ).select_related("expense_category")
            ]
        _check_balanced(lines, what=_("actual budget"))
        report.submitted_at = timezone.now()
        transition(
            report,
            ReportStatus.SUBMITTED,
            actor=actor,
            expected=expected_status,
            data={"actual_eligible_cost": report.actual_eligible_cost},
            update_fields=["submitted_at"],
        )
    return report


def _lock_report(report: Report) -> Report:
    return Report.objects.select_for_update(of=("self",)).select_related("application").get(pk=report.pk)


@transaction.atomic
def report_accept(*, actor: User, report: Report, expected_status: str | None = None) -> Report:
    """Staff accept the report; its public summary becomes the application's result
    summary (the results page)."""
    _ensure_staff(actor, report.application)
    report = _lock_report(report)
    ensure_unchanged(report, expected_status)
    transition(report, ReportStatus.ACCEPTED, actor=actor, expected=expected_status)
    application = report.application
    application.result_summary = report.summary
    application.save(update_fields=["result_summary", "updated_at"])
    transaction.on_commit(
        lambda: notifications.notify_application(application_id=application.pk, event="report_accepted")
    )
    return report


@transaction.atomic
def report_return(*, actor: User, report: Report, reason: str, expected_status: str | None = None) -> Report:
    """Staff return the report for correction, with the reason."""
    _ensure_staff(actor, report.application)
    report = _lock_report(report)
    ensure_unchanged(report, expected_status)
    check_transition(report, ReportStatus.RETURNED)
    report.return_reason = _required_text(reason, "reason", _("Give the reason for returning."))
    transition(report, ReportStatus.RETURNED, actor=actor, expected=expected_status, update_fields=["return_reason"])
    transaction.on_commit(
        lambda: notifications.notify_application(application_id=report.application_id, event="report_returned")
    )
    return report


@transaction.atomic
def report_attachment_add(
    *, actor: User, application: Application, kind: str, upload: UploadedFile
) -> ApplicationAttachment:
    """A receipt, photo or output attached to the report (private, like the
    application's attachments). The type and size checks are the groups app's."""
    from groups.services.registration import validate_attachment

    _ensure_editor(actor, application)
    application = lock_application(application)
    if application.status != S.GRANTED:
        raise ValidationError(_("A report can be written only for a granted subsidy."), code="not_granted")
    report = Report.objects.filter(application=application).first()
    if report is not None and report.status not in REPORT_EDITABLE_STATUSES:
        raise ValidationError(_("The report has been submitted and cannot be changed."), code="not_editable")
    if kind not in REPORT_ATTACHMENT_KINDS:
        raise _err("kind", _("Choose the kind of document."), "kind")
    content_type = validate_attachment(upload)
    attachment = ApplicationAttachment(
        application=application,
        for_report=True,
        kind=kind,
        original_name=(upload.name or "file")[:200],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()
    audit_log(actor=actor, action="subsidies.report.attachment_added", target=application, data={"kind": kind})
    return attachment


def report_reminders_send(*, today: datetime.date | None = None) -> list[Application]:
    """E-mail the groups whose report is due in 14 or 3 days and not yet submitted
    (run daily); returns the applications reminded."""
    from subsidies.selectors import reports_not_submitted

    today = today or timezone.localdate()
    due_days = [today + datetime.timedelta(days=d) for d in REMINDER_DAYS]
    reminded = list(reports_not_submitted().filter(programme__report_due_on__in=due_days))
    for application in reminded:
        notifications.notify_application(application_id=application.pk, event="report_reminder")
    return reminded


# --- The final amount (額の確定) ------------------------------------------------------------------


@dataclass(frozen=True)
class ConfirmationFigures:
    rule: str
    granted: int
    planned_eligible: int
    actual_eligible: int
    amount: int
    paid: int
    refund: int

    @property
    def unpaid(self) -> int:
        """What the city still pays (精算払) when the advances were less."""
        return max(self.amount - self.paid, 0)


def confirmation_figures(application: Application) -> ConfirmationFigures:
    """The final amount by the programme's rule: the rate applied to the actual eligible
    cost, or the grant scaled by actual ÷ planned eligible cost; never above the grant.
    With the advances paid and the refund due."""
    grant = application.grant
    sums = dict(
        BudgetLine.objects.filter(application=application, eligible=True, side=BudgetSide.EXPENSE)
        .values_list("stage")
        .annotate(total=models.Sum("amount"))
        .values_list("stage", "total")
    )
    planned, actual = sums.get(BudgetStage.PLAN, 0) or 0, sums.get(BudgetStage.ACTUAL, 0) or 0
    rule = ConfirmationRule(application.programme.confirmation_rule)
    amount = confirmed_amount(
        awarded=grant.amount,
        planned_eligible=planned,
        actual_eligible=actual,
        limits=application.category.limits,
        rule=rule,
    )
    paid = (
        Payment.objects.filter(application=application, status=PaymentStatus.PAID).aggregate(
            total=models.Sum("amount")
        )["total"]
        or 0
    )
    return ConfirmationFigures(
        rule=rule.value,
        granted=grant.amount,
        planned_eligible=planned,
        actual_eligible=actual,
        amount=amount,
        paid=paid,
        refund=refund_due(paid=paid, confirmed=amount),
    )


@transaction.atomic
def amount_confirm(
    *,
    actor: User,
    application: Application,
    document_number: str,
    confirmed_on: datetime.date,
    expected_status: str | None = None,
) -> AmountConfirmation:
    """額の確定 after the report is accepted: the final amount by the programme's rule,
    the advances paid and the refund due (返還額, when they exceed it). The group is
    e-mailed a link to the 額の確定通知書."""
    _ensure_staff(actor, application)
    application = lock_application(application)
    ensure_unchanged(application, expected_status)
    check_transition(application, S.CONFIRMED)
    report = Report.objects.filter(application=application).first()
    if report is None or report.status != ReportStatus.ACCEPTED:
        raise ValidationError(_("Accept the report before confirming the amount."), code="report_not_accepted")
    if Payment.objects.filter(application=application, status=PaymentStatus.REQUESTED).exists():
        raise ValidationError(
            _("An advance request is still open: record it as paid or refuse it first."), code="open_payment"
        )
    if confirmed_on is None:
        raise _err("confirmed_on", _("Enter the date of the confirmation."), "required")
    _check_dates(confirmed_on=confirmed_on)
    figures = confirmation_figures(application)
    confirmation = AmountConfirmation(
        application=application,
        document_number=_check_document_number(document_number),
        confirmed_on=confirmed_on,
        planned_eligible_cost=figures.planned_eligible,
        actual_eligible_cost=figures.actual_eligible,
        amount=figures.amount,
        paid_before=figures.paid,
        refund_due=figures.refund,
        refund_status=RefundStatus.DUE if figures.refund else RefundStatus.NONE,
        confirmed_by=actor,
    )
    try:
        with transaction.atomic():
            confirmation.save()
    except IntegrityError as error:
        raise ValidationError({"document_number": _("This document number is already used.")}) from error
    transition(
        application,
        S.CONFIRMED,
        actor=actor,
        expected=expected_status,
        data={"amount": figures.amount, "refund_due": figures.refund, "document_number": confirmation.document_number},
    )
    transaction.on_commit(lambda: notifications.notify_application(application_id=application.pk, event="confirmed"))
    return confirmation


@transaction.atomic
def refund_record(
    *,
    actor: User,
    confirmation: AmountConfirmation,
    refunded_on: datetime.date,
    expected_status: str | None = None,
) -> AmountConfirmation:
    """Staff record the refund (返還) as received on `refunded_on`."""
    _ensure_staff(actor, confirmation.application)
    confirmation = (
        AmountConfirmation.objects.select_for_update(of=("self",)).select_related("application").get(pk=confirmation.pk)
    )
    ensure_unchanged(confirmation, expected_status, field="refund_status")
    check_transition(confirmation, RefundStatus.REFUNDED, field="refund_status")
    if refunded_on is None:
        raise _err("refunded_on", _("Enter the date the refund was received."), "required")
    _check_dates(refunded_on=refunded_on)
    if refunded_on > timezone.localdate():
        raise _err("refunded_on", _("The date cannot be in the future."), "future")
    confirmation.refunded_on = refunded_on
    transition(
        confirmation,
        RefundStatus.REFUNDED,
        actor=actor,
        field="refund_status",
        expected=expected_status,
        data={"amount": confirmation.refund_due},
        update_fields=["refunded_on"],
    )
    return confirmation
