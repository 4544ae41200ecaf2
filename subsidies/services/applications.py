"""Applications (補助金交付申請): start, edit the plan and budget, submit with the
eligibility checks and a receipt number (受付番号), the completeness check (形式審査:
accept or return), withdrawal (取下げ), staff keying in paper applications (窓口代行入力)
and private attachments.

Every write is one service here; every status change goes through
`portal.workflow.transition` with `APPLICATION_WORKFLOW` and is audited.

The requested amount: the group writes its income lines, one of them "This subsidy"
(補助金申請額). `requested_amount` is that line (their sum); `eligible_cost` is the sum of
the expense lines whose category the programme pays for. On submit the requested amount
must be at least 1 yen, at most what the category's rule gives for the eligible cost
(`subsidies.amounts.requestable_amount`: rate, rounding, ceiling) and not below the floor.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import CommunityGroup, OrganisationForm
from groups.permissions import editor_group_ids
from groups.services.registration import validate_attachment
from portal.audit import audit_log
from portal.mail import absolute_url, send_templated
from portal.workflow import check_transition, ensure_unchanged, transition
from subsidies.amounts import requestable_amount
from subsidies.models import (
    APPLICATION_WORKFLOW,
    AWARDED_STATUSES,
    EDITABLE_STATUSES,
    LIVE_STATUSES,
    MAX_YEN,
    ApplicantKind,
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    ApplicationVersion,
    AttachmentKind,
    BudgetLine,
    BudgetSide,
    BudgetStage,
    Channel,
    ExpenseCategory,
    IncomeKind,
    Programme,
    ProgrammeCategory,
)
from subsidies.permissions import application_policy, is_subsidy_staff

if TYPE_CHECKING:
    from portal.models import User

__all__ = [
    "EDITABLE_FIELDS",
    "Amounts",
    "application_accept",
    "application_amounts",
    "application_create",
    "application_return",
    "application_save",
    "application_submit",
    "application_withdraw",
    "attachment_add",
    "attachment_delete",
    "live_application",
    "snapshot",
    "submission_problems",
    "version_diff",
]

S = ApplicationStatus
assert APPLICATION_WORKFLOW is Application.WORKFLOWS["status"]

# The project fields the group fills in (the budget lines aside).
EDITABLE_FIELDS = (
    "title",
    "purpose",
    "content",
    "target",
    "place",
    "starts_on",
    "ends_on",
    "schedule",
    "expected_effect",
    "group_record",
)
# Fields that must be filled in before submitting.
REQUIRED_ON_SUBMIT = ("title", "purpose", "content", "target", "place", "starts_on", "ends_on", "expected_effect")
STAFF_CHANNELS = (Channel.COUNTER, Channel.POST)


# --- Reads used by the services and the pages ----------------------------------------------


def live_application(
    *, programme: Programme, group: CommunityGroup, exclude_pk: int | None = None
) -> Application | None:
    """The group's application to the programme that holds its one place, if any."""
    qs = Application.objects.filter(programme=programme, group=group, status__in=LIVE_STATUSES)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


@dataclass(frozen=True)
class Amounts:
    """The budget's totals and what may be requested (shown on the edit and submit pages)."""

    income_total: int
    expense_total: int
    eligible_cost: int
    requested: int
    requestable: int | None  # None when the eligible cost is below the category's floor
    requestable_error: str = ""

    @property
    def balanced(self) -> bool:
        return self.income_total == self.expense_total


def _plan_lines(application: Application) -> list[BudgetLine]:
    lines = getattr(application, "_prefetched_objects_cache", {}).get("budget_lines")
    if lines is None:
        lines = application.budget_lines.select_related("expense_category")
    return [line for line in lines if line.stage == BudgetStage.PLAN]


def application_amounts(application: Application, lines: Sequence[BudgetLine] | None = None) -> Amounts:
    lines = _plan_lines(application) if lines is None else lines
    income = sum(line.amount for line in lines if line.side == BudgetSide.INCOME)
    expense = sum(line.amount for line in lines if line.side == BudgetSide.EXPENSE)
    eligible = sum(line.amount for line in lines if line.side == BudgetSide.EXPENSE and line.eligible)
    requested = sum(
        line.amount for line in lines if line.side == BudgetSide.INCOME and line.income_kind == IncomeKind.SUBSIDY
    )
    try:
        requestable: int | None = requestable_amount(eligible, application.category.limits)
        error = ""
    except ValidationError as exc:
        requestable, error = None, exc.messages[0]
    return Amounts(income, expense, eligible, requested, requestable, error)


def _earlier_awards(application: Application) -> Any:
    return Application.objects.filter(
        group_id=application.group_id,
        programme__slug=application.programme.slug,
        programme__fiscal_year__lt=application.programme.fiscal_year,
        status__in=AWARDED_STATUSES,
    )


def submission_problems(application: Application, *, now: datetime.datetime | None = None) -> list[ValidationError]:
    """Every reason the application cannot be submitted now, each with its code:
    call_closed, not_registered, not_area_council, not_first_time, years_limit,
    duplicate, required, period, no_eligible_expense, no_expense, unbalanced,
    no_subsidy, below_floor, over_ceiling, over_requestable."""
    programme, category, group = application.programme, application.category, application.group
    problems: list[ValidationError] = []

    def add(message: str, code: str) -> None:
        problems.append(ValidationError(message, code=code))

    if not programme.call_is_open(now):
        add(_("The call for applications is not open."), "call_closed")
    until = application.ends_on or programme.project_ends_on
    if programme.applicant_kind == ApplicantKind.REGISTERED and not group.is_registered_on(until):
        add(
            _("The group's registration must be valid until the end of the project (%(date)s). Renew it first.")
            % {"date": until.isoformat()},
            "not_registered",
        )
    council = group.organisation_form == OrganisationForm.AREA_COUNCIL
    if programme.applicant_kind == ApplicantKind.AREA_COUNCIL and not council:
        add(_("Only area community-building councils may apply to this programme."), "not_area_council")
    earlier = _earlier_awards(application)
    if category.first_time_only and earlier.exists():
        add(
            _("The category “%(category)s” is for groups that have not received this subsidy before.")
            % {"category": category},
            "not_first_time",
        )
    if programme.max_years:
        years = earlier.values("programme__fiscal_year").distinct().count()
        if years >= programme.max_years:
            add(
                _("A group may receive this subsidy for at most %(count)s years; this group has had it for %(years)s.")
                % {"count": programme.max_years, "years": years},
                "years_limit",
            )
    if live_application(programme=programme, group=group, exclude_pk=application.pk):
        add(_("The group already has an application to this programme."), "duplicate")
    missing = [
        str(Application._meta.get_field(name).verbose_name)
        for name in REQUIRED_ON_SUBMIT
        if not getattr(application, name)
    ]
    if missing:
        add(_("Fill in: %(fields)s.") % {"fields": "、".join(missing)}, "required")
    starts, ends = application.starts_on, application.ends_on
    if starts and ends and (starts < programme.project_starts_on or ends > programme.project_ends_on or ends < starts):
        add(_period_message(programme), "period")
    lines = _plan_lines(application)
    amounts = application_amounts(application, lines)
    expenses = [line for line in lines if line.side == BudgetSide.EXPENSE]
    if not expenses:
        add(_("Add the expense lines of the budget."), "no_expense")
    elif not any(line.eligible for line in expenses):
        add(_("At least one expense must be of a kind this programme pays for."), "no_eligible_expense")
    if not amounts.balanced:
        add(
            _("Income (%(income)s yen) must equal expenditure (%(expense)s yen).")
            % {"income": f"{amounts.income_total:,}", "expense": f"{amounts.expense_total:,}"},
            "unbalanced",
        )
    if amounts.requested <= 0:
        add(_("Enter the amount you request as the income line “This subsidy”."), "no_subsidy")
    elif amounts.requested > category.ceiling:
        add(
            _("The requested amount (%(amount)s yen) is above this category's ceiling of %(ceiling)s yen.")
            % {"amount": f"{amounts.requested:,}", "ceiling": f"{category.ceiling:,}"},
            "over_ceiling",
        )
    elif amounts.requested < category.floor:
        add(
            _("The requested amount (%(amount)s yen) is below this category's minimum of %(floor)s yen.")
            % {"amount": f"{amounts.requested:,}", "floor": f"{category.floor:,}"},
            "below_floor",
        )
    elif amounts.requestable is None:
        add(amounts.requestable_error, "below_floor")
    elif amounts.requested > amounts.requestable:
        add(
            _("The requested amount (%(amount)s yen) is more than the %(requestable)s yen you may request.")
            % {"amount": f"{amounts.requested:,}", "requestable": f"{amounts.requestable:,}"},
            "over_requestable",
        )
    return problems


def _period_message(programme: Programme) -> str:
    return _("The project must take place between %(start)s and %(end)s.") % {
        "start": programme.project_starts_on.isoformat(),
        "end": programme.project_ends_on.isoformat(),
    }


# --- Start -----------------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *,
    programme: Programme,
    category: ProgrammeCategory,
    group: CommunityGroup,
    actor: User,
    title: str,
    channel: str = Channel.ONLINE,
) -> Application:
    """A draft. Online: by the group's representative or an editor, while the call is
    open. At the counter or by post (窓口代行入力): by city staff, for any group
    (`entered_by_staff` records them); the eligibility is checked on submit."""
    if channel == Channel.ONLINE:
        if group.pk not in editor_group_ids(actor):
            raise PermissionDenied
        if not programme.call_is_open():
            raise ValidationError(_("The call for applications is not open."), code="call_closed")
    elif channel in STAFF_CHANNELS:
        if not is_subsidy_staff(actor):
            raise PermissionDenied
    else:
        raise ValidationError(_("Choose how the application arrived."), code="channel")
    if category.programme_id != programme.pk:
        raise ValidationError(
            {"category": ValidationError(_("Choose one of this programme's categories."), code="category")}
        )
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": ValidationError(_("Enter the project title."), code="required")})
    Programme.objects.select_for_update().filter(pk=programme.pk).first()  # one start at a time per programme
    if live_application(programme=programme, group=group):
        raise ValidationError(_("The group already has an application to this programme."), code="duplicate")
    application = Application(
        programme=programme,
        category=category,
        group=group,
        channel=channel,
        created_by=actor,
        entered_by_staff=actor if channel in STAFF_CHANNELS else None,
        title=title,
    )
    application.full_clean(exclude=["programme", "category", "group"], validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        raise ValidationError(_("The group already has an application to this programme."), code="duplicate") from error
    audit_log(
        actor=actor,
        action="subsidies.application.created" if channel == Channel.ONLINE else "subsidies.application.keyed_in",
        target=application,
        data={"channel": channel, "group": group.pk, "category": category.pk},
    )
    return application


# --- Edit --------------------------------------------------------------------------------


def lock_application(application: Application) -> Application:
    """The application's row, locked for the rest of the transaction (every service that
    changes an application starts here), with its programme, category and group."""
    qs = Application.objects.select_for_update(of=("self",)).select_related("programme", "category", "group")
    return qs.get(pk=application.pk)


def _check_amount(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_YEN:
        raise ValidationError(
            _("%(where)s: enter a whole number of yen from 0 to %(max)s.") % {"where": where, "max": f"{MAX_YEN:,}"},
            code="amount",
        )
    return value


def _budget_lines(
    application: Application,
    income_lines: Iterable[Mapping[str, Any]],
    expense_lines: Iterable[Mapping[str, Any]],
) -> list[BudgetLine]:
    eligible_ids = set(application.programme.eligible_expenses.values_list("pk", flat=True))
    lines: list[BudgetLine] = []
    for order, row in enumerate(income_lines):
        kind = row.get("income_kind") or ""
        if kind not in IncomeKind.values:
            raise ValidationError(_("Choose the kind of each income line."), code="income_kind")
        lines.append(
            BudgetLine(
                application=application,
                stage=BudgetStage.PLAN,
                side=BudgetSide.INCOME,
                income_kind=kind,
                description=(row.get("description") or "")[:200],
                amount=_check_amount(row.get("amount"), _("Income")),
                order=order,
            )
        )
    for order, row in enumerate(expense_lines):
        category = row.get("expense_category")
        if not isinstance(category, ExpenseCategory):
            raise ValidationError(_("Choose the expense category of each expense line."), code="expense_category")
        lines.append(
            BudgetLine(
                application=application,
                stage=BudgetStage.PLAN,
                side=BudgetSide.EXPENSE,
                expense_category=category,
                description=(row.get("description") or "")[:200],
                basis=(row.get("basis") or "")[:300],
                amount=_check_amount(row.get("amount"), _("Expenditure")),
                eligible=category.pk in eligible_ids,
                order=order,
            )
        )
    return lines


@transaction.atomic
def application_save(
    *,
    application: Application,
    actor: User,
    data: Mapping[str, Any],
    income_lines: Iterable[Mapping[str, Any]] | None = None,
    expense_lines: Iterable[Mapping[str, Any]] | None = None,
) -> Application:
    """Save a draft (or a returned application): the project fields in `data` (any of
    EDITABLE_FIELDS; incomplete is fine) and, when given, the whole planned budget:
    `income_lines` = [{"income_kind", "description", "amount"}], `expense_lines` =
    [{"expense_category": ExpenseCategory, "description", "basis", "amount"}]. Whether an
    expense is eligible, the eligible cost and the requested amount are computed here."""
    application = lock_application(application)
    application_policy.ensure(actor, "edit", application)
    if application.status not in EDITABLE_STATUSES:
        raise ValidationError(_("This application can no longer be changed."), code="not_editable")
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    changed = []
    for name, value in data.items():
        if name in ("starts_on", "ends_on"):
            value = value or None
        elif value is None:
            value = ""
        if getattr(application, name) != value:
            setattr(application, name, value)
            changed.append(name)
    if "title" in data and not (application.title or "").strip():
        raise ValidationError({"title": ValidationError(_("Enter the project title."), code="required")})
    programme = application.programme
    for name in ("starts_on", "ends_on"):
        day = getattr(application, name)
        if day and not programme.project_starts_on <= day <= programme.project_ends_on:
            raise ValidationError({name: ValidationError(_period_message(programme), code="period")})
    if application.starts_on and application.ends_on and application.ends_on < application.starts_on:
        raise ValidationError(
            {"ends_on": ValidationError(_("The project cannot end before it starts."), code="period")}
        )
    application.full_clean(exclude=["programme", "category", "group"], validate_constraints=False)
    fields = list(changed)
    if income_lines is not None or expense_lines is not None:
        lines = _budget_lines(application, income_lines or (), expense_lines or ())
        application.budget_lines.filter(stage=BudgetStage.PLAN).delete()
        BudgetLine.objects.bulk_create(lines)
        amounts = application_amounts(application, lines)
        application.eligible_cost = min(amounts.eligible_cost, MAX_YEN)
        application.requested_amount = min(amounts.requested, MAX_YEN)
        fields += ["eligible_cost", "requested_amount"]
        changed.append("budget")
    application.save(update_fields=[*fields, "updated_at"])
    audit_log(actor=actor, action="subsidies.application.saved", target=application, data={"changed": changed})
    return application


# --- Submit ------------------------------------------------------------------------------


def snapshot(application: Application) -> dict[str, Any]:
    """What the application says now: its fields and planned budget, as JSON."""
    fields = {}
    for name in EDITABLE_FIELDS:
        value = getattr(application, name)
        fields[name] = value.isoformat() if isinstance(value, datetime.date) else (value or "")
    lines = _plan_lines(application)
    return {
        "fields": fields,
        "category": str(application.category),
        "eligible_cost": application.eligible_cost,
        "requested_amount": application.requested_amount,
        "income": [
            {
                "kind": line.income_kind,
                "label": line.get_income_kind_display(),
                "description": line.description,
                "amount": line.amount,
            }
            for line in lines
            if line.side == BudgetSide.INCOME
        ],
        "expense": [
            {
                "category": line.expense_category.code if line.expense_category else "",
                "label": str(line.expense_category),
                "description": line.description,
                "basis": line.basis,
                "amount": line.amount,
                "eligible": line.eligible,
            }
            for line in lines
            if line.side == BudgetSide.EXPENSE
        ],
    }


def _next_receipt_number(programme: Programme) -> str:
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    seq = locked.next_receipt_seq
    Programme.objects.filter(pk=programme.pk).update(next_receipt_seq=seq + 1)
    return f"{locked.fiscal_year}-{locked.code}-{seq:04d}"


@transaction.atomic
def application_submit(*, application: Application, actor: User, expected_status: str | None = None) -> Application:
    """Submit a draft or a corrected application: every eligibility rule is checked
    (`submission_problems`; all failures raised together, each with its code), the first
    submission gets the receipt number (受付番号, `<year>-<code>-<seq>` under a lock on the
    programme), the version goes up with a snapshot, and the group's contact and the
    submitter get an e-mail."""
    application = lock_application(application)
    ensure_unchanged(application, expected_status)
    application_policy.ensure(actor, "edit", application)
    check_transition(application, S.SUBMITTED)
    problems = submission_problems(application)
    if problems:
        raise ValidationError(problems)
    first = not application.receipt_number
    if first:
        application.receipt_number = _next_receipt_number(application.programme)
    application.submitted_at = timezone.now()
    application.version += 1
    application.return_reason = ""
    transition(
        application,
        S.SUBMITTED,
        actor=actor,
        expected=expected_status,
        data={"receipt_number": application.receipt_number, "version": application.version},
        update_fields=["receipt_number", "submitted_at", "version", "return_reason"],
    )
    ApplicationVersion.objects.create(
        application=application, number=application.version, snapshot=snapshot(application), created_by=actor
    )
    recipients = {application.group.contact_email, actor.email} - {""}
    context = {
        "application": application,
        "group": application.group,
        "programme": application.programme,
        "first": first,
        "url": absolute_url(application.get_absolute_url()),
    }
    transaction.on_commit(
        lambda: send_templated("subsidies/email/applications_submitted", context, to=sorted(recipients))
    )
    return application


# --- Completeness check (形式審査) ----------------------------------------------------------


@transaction.atomic
def application_accept(*, application: Application, actor: User, expected_status: str | None = None) -> Application:
    """形式審査 passed: the application goes to the committee (when the programme has one,
    members who belong to the group are excluded automatically)."""
    from portal.review_services import conflicts_detect

    application = lock_application(application)
    ensure_unchanged(application, expected_status)
    application_policy.ensure(actor, "decide", application)
    transition(application, S.ACCEPTED, actor=actor, expected=expected_status)
    if application.programme.committee_id:
        conflicts_detect(committee=application.programme.committee, objects=[application], actor=actor)
    return application


@transaction.atomic
def application_return(
    *, application: Application, actor: User, reason: str, expected_status: str | None = None
) -> Application:
    """Return for correction (差し戻し) with the reason, which the applicant is e-mailed."""
    application = lock_application(application)
    ensure_unchanged(application, expected_status)
    application_policy.ensure(actor, "decide", application)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Give the reason for returning the application."), code="required")}
        )
    if len(reason) > 2000:
        raise ValidationError(
            {"reason": ValidationError(_("The reason may be at most 2,000 characters."), code="max_length")}
        )
    application.return_reason = reason
    transition(
        application,
        S.RETURNED,
        actor=actor,
        expected=expected_status,
        data={"reason": reason},
        update_fields=["return_reason"],
    )
    recipients = {application.group.contact_email}
    if application.created_by_id and application.channel == Channel.ONLINE:
        recipients.add(application.created_by.email)
    context = {
        "application": application,
        "group": application.group,
        "programme": application.programme,
        "reason": reason,
        "url": absolute_url(application.get_absolute_url()),
    }
    recipients.discard("")
    transaction.on_commit(
        lambda: send_templated("subsidies/email/applications_returned", context, to=sorted(recipients))
    )
    return application


# --- Withdrawal (取下げ) -------------------------------------------------------------------


@transaction.atomic
def application_withdraw(*, application: Application, actor: User, expected_status: str | None = None) -> Application:
    """The group withdraws its application (allowed by the map until it is granted);
    the group's place in the programme is freed."""
    application = lock_application(application)
    ensure_unchanged(application, expected_status)
    application_policy.ensure(actor, "edit", application)
    transition(application, S.WITHDRAWN, actor=actor, expected=expected_status)
    return application


# --- Attachments -----------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, application: Application, actor: User, kind: str, upload: UploadedFile) -> ApplicationAttachment:
    """A private file (見積書, 規約…) of an application the actor may edit, while it is
    editable; type and size are checked as for groups' attachments."""
    application = lock_application(application)
    application_policy.ensure(actor, "edit", application)
    if application.status not in EDITABLE_STATUSES:
        raise ValidationError(_("This application can no longer be changed."), code="not_editable")
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": ValidationError(_("Choose the kind of document."), code="kind")})
    content_type = validate_attachment(upload)
    attachment = ApplicationAttachment(
        application=application,
        kind=kind,
        original_name=(upload.name or "file")[:200],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name or "file", upload, save=False)
    attachment.save()
    audit_log(
        actor=actor,
        action="subsidies.application.attachment_added",
        target=application,
        data={"kind": kind, "name": attachment.original_name},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: ApplicationAttachment, actor: User) -> None:
    application = lock_application(attachment.application)
    application_policy.ensure(actor, "edit", application)
    if application.status not in EDITABLE_STATUSES or attachment.for_report:
        raise ValidationError(_("This application can no longer be changed."), code="not_editable")
    name = attachment.original_name
    file_name = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(file_name))
    audit_log(actor=actor, action="subsidies.application.attachment_deleted", target=application, data={"name": name})


# --- What changed between two versions ---------------------------------------------------------


@dataclass
class VersionDiff:
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)  # (line, old, new)

    def __bool__(self) -> bool:
        return bool(self.fields or self.added or self.removed or self.changed)


def _line_key(side: str, line: Mapping[str, Any]) -> str:
    what = line.get("label") or line.get("kind") or line.get("category") or ""
    desc = line.get("description") or ""
    return f"{_('Income') if side == 'income' else _('Expenditure')}: {what}" + (f"（{desc}）" if desc else "")


def _line_text(line: Mapping[str, Any]) -> str:
    text = f"{line.get('amount', 0):,}"
    if line.get("basis"):
        text += f"（{line['basis']}）"
    return text


def _keyed(side: str, lines: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    result: dict[str, Mapping[str, Any]] = {}
    for line in lines:
        key = _line_key(side, line)
        n = 1
        while (key if n == 1 else f"{key} #{n}") in result:
            n += 1
        result[key if n == 1 else f"{key} #{n}"] = line
    return result


def version_diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> VersionDiff:
    """Fields changed, budget lines added, removed or changed (old → new) between two
    snapshots (`ApplicationVersion.snapshot`). Lines are matched by side, kind or
    category and description (the n-th of equal keys with the n-th)."""
    diff = VersionDiff()
    old_fields, new_fields = old.get("fields", {}), new.get("fields", {})
    for name in EDITABLE_FIELDS:
        before, after = str(old_fields.get(name, "")), str(new_fields.get(name, ""))
        if before != after:
            diff.fields.append((str(Application._meta.get_field(name).verbose_name), before, after))
    for side in ("income", "expense"):
        before_lines, after_lines = _keyed(side, old.get(side, [])), _keyed(side, new.get(side, []))
        for key, line in after_lines.items():
            if key not in before_lines:
                diff.added.append(f"{key}: {_line_text(line)}")
            elif _line_text(before_lines[key]) != _line_text(line):
                diff.changed.append((key, _line_text(before_lines[key]), _line_text(line)))
        diff.removed += [f"{key}: {_line_text(line)}" for key, line in before_lines.items() if key not in after_lines]
    return diff
