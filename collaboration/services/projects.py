"""Writes of the projects area: the registry (create, edit, partners), status and
progress, the partners' log, the link from a subsidy application (S-13), and the daily
reminders of periodic checks (中間ふりかえり) and partnership reviews (C-12, C-16).

Every function is atomic, refuses bad input with a `ValidationError` carrying a code and
a translated message, and writes nothing when it refuses."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collaboration.models import (
    EntryKind,
    PartnerKind,
    Project,
    ProjectEntry,
    ProjectPartner,
    ProjectStatus,
)
from collaboration.notifications import (
    department_recipients,
    notify,
    partner_recipients,
    url_or_empty,
    window_recipients,
)
from portal.audit import audit_log
from portal.dates import SCHEDULE, STORABLE_LATEST, DateRange, check_date_ranges, fiscal_year
from portal.models import AuditLogEntry, User
from portal.workflow import ensure_unchanged, transition

__all__ = [
    "CHECKIN_NOTICE_DAYS",
    "PROJECT_DATES",
    "REVIEW_NOTICE_DAYS",
    "entry_add",
    "next_checkin",
    "next_review",
    "partners_set",
    "project_create",
    "project_progress_set",
    "project_status_change",
    "project_update",
    "send_reminders",
    "subsidy_link",
]

CHECKIN_NOTICE_DAYS = 7
REVIEW_NOTICE_DAYS = 30
OPEN_STATUSES = frozenset({ProjectStatus.PLANNED, ProjectStatus.ACTIVE})

# A project's dates: projects entered for existing partnerships may have started long
# ago (not before 2000), and plans reach at most ten years ahead.
PROJECT_DATES = DateRange(
    earliest=lambda today: datetime.date(2000, 1, 1),
    latest=lambda today: min(today + relativedelta(years=10), STORABLE_LATEST),
    too_early=gettext_lazy("Give a date on or after %(date)s."),
    too_late=gettext_lazy("Give a date on or before %(date)s: plans can be entered up to ten years ahead."),
)
PROJECT_DATE_FIELDS = ("starts_on", "ends_on", "partnership_since")
PROJECT_FIELDS = (
    "title",
    "title_en",
    "summary",
    "summary_en",
    "form",
    "domain",
    "department",
    "starts_on",
    "ends_on",
    "budget_total",
    "cost_sharing",
    "is_published",
    "checkin_interval_months",
    "partnership_since",
    "review_interval_years",
)
CHECKIN_REMINDER = "collaboration.project.checkin_reminder"
REVIEW_REMINDER = "collaboration.project.review_reminder"


# --- Dates --------------------------------------------------------------------------------


def next_checkin(project: Project, *, after: datetime.date | None = None) -> datetime.date | None:
    """The next periodic check: the interval after `after` (the last check), else after
    the start; None without an interval."""
    months = project.checkin_interval_months
    if not months:
        return None
    day = (after or project.starts_on) + relativedelta(months=months)
    return min(day, STORABLE_LATEST)


def next_review(project: Project, today: datetime.date | None = None) -> datetime.date | None:
    """The next review of a continuing partnership: the first anniversary of
    `partnership_since`, every `review_interval_years`, on or after today."""
    since, years = project.partnership_since, project.review_interval_years
    if not since or not years:
        return None
    today = today or timezone.localdate()
    day = since + relativedelta(years=years)
    while day < today:
        day += relativedelta(years=years)
    return min(day, STORABLE_LATEST)


# --- Checks -------------------------------------------------------------------------------


def _field_error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _clean_text(values: dict[str, Any], names: Iterable[str]) -> None:
    errors: dict[str, list[ValidationError]] = {}
    for name in names:
        value = values.get(name)
        if isinstance(value, str) and "\x00" in value:
            errors.setdefault(name, []).append(
                ValidationError(_("Remove the control characters."), code="invalid_text")
            )
    if errors:
        raise ValidationError(errors)


def _check_project(data: dict[str, Any]) -> None:
    if not (data.get("title") or "").strip():
        raise _field_error("title", _("Give the project a title."), "required")
    if "\n" in data["title"] or "\r" in data["title"]:
        raise _field_error("title", _("Write the title on one line."), "invalid_text")
    _clean_text(data, ("title", "title_en", "summary", "summary_en", "cost_sharing"))
    check_date_ranges(
        {name: data.get(name) for name in PROJECT_DATE_FIELDS if data.get(name)},
        dict.fromkeys(PROJECT_DATE_FIELDS, PROJECT_DATES),
    )
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts is None:
        raise _field_error("starts_on", _("Give the date the project starts."), "required")
    if ends and ends < starts:
        raise _field_error("ends_on", _("The project cannot end before it starts."), "period_order")
    domain = data.get("domain")
    if domain not in (1, 2, 3, 4, 5):
        raise _field_error("domain", _("Choose a domain from ① to ⑤."), "invalid_domain")
    if data.get("partnership_since") and not data.get("review_interval_years"):
        raise _field_error(
            "review_interval_years",
            _("Say every how many years the partnership is reviewed."),
            "review_interval_required",
        )


def _partner_key(row: dict[str, Any]) -> tuple[Any, ...]:
    kind = row["kind"]
    if kind == PartnerKind.GROUP:
        return ("group", row["group"].pk)
    if kind == PartnerKind.DEPARTMENT:
        return ("department", row["department"].pk)
    return ("other", kind, row["name"].strip())


def _check_partners(partners: list[dict[str, Any]]) -> None:
    if len(partners) < 2:
        raise ValidationError(
            _("A collaboration project has two or more partners: add the other parties."), code="too_few_partners"
        )
    seen: set[tuple[Any, ...]] = set()
    for row in partners:
        kind = row.get("kind")
        if kind not in PartnerKind.values:
            raise ValidationError(_("Choose the kind of each partner."), code="partner_kind")
        group, department, name = row.get("group"), row.get("department"), (row.get("name") or "").strip()
        if kind == PartnerKind.GROUP and (group is None or department is not None):
            raise ValidationError(
                _("A group partner names a registered group (and no department)."), code="partner_inconsistent"
            )
        if kind == PartnerKind.DEPARTMENT and (department is None or group is not None):
            raise ValidationError(
                _("A department partner names a city department (and no group)."), code="partner_inconsistent"
            )
        if kind not in (PartnerKind.GROUP, PartnerKind.DEPARTMENT) and (group or department or not name):
            raise ValidationError(
                _("A business, school or other partner is named by its name (no group or department)."),
                code="partner_inconsistent",
            )
        _clean_text(row, ("name", "role", "cost_share"))
        for field in ("name", "cost_share"):
            if "\n" in (row.get(field) or "") or "\r" in (row.get(field) or ""):
                raise ValidationError(_("Write each partner's name and cost on one line."), code="invalid_text")
        key = _partner_key(row)
        if key in seen:
            raise ValidationError(_("A partner is listed twice."), code="duplicate_partner")
        seen.add(key)


def _apply_dates(project: Project, *, recompute_checkin: bool, recompute_review: bool) -> None:
    if recompute_checkin:
        last = (
            project.entries.filter(kind=EntryKind.CHECKIN).order_by("-on").values_list("on", flat=True).first()
            if project.pk
            else None
        )
        project.next_checkin_on = next_checkin(project, after=last)
    if recompute_review:
        project.next_review_on = next_review(project)


def _new_slug(year: int) -> str:
    while True:
        slug = f"{year}-{secrets.token_hex(3)}"
        if not Project.objects.filter(slug=slug).exists():
            return slug


# --- The registry -------------------------------------------------------------------------


@transaction.atomic
def project_create(
    *,
    actor: User | None,
    data: dict[str, Any],
    fields: Iterable[Any] = (),
    partners: list[dict[str, Any]],
    proposal: Any = None,
) -> Project:
    """A project entered by the window (or from an adopted proposal), with its partners."""
    _check_project(data)
    _check_partners(partners)
    values = {name: data.get(name) for name in PROJECT_FIELDS if name in data}
    for name in ("title_en", "summary", "summary_en", "cost_sharing"):
        values[name] = values.get(name) or ""
    values.setdefault("budget_total", 0)
    values["budget_total"] = values["budget_total"] or 0
    project = Project(**values, proposal=proposal)
    project.fiscal_year = fiscal_year(project.starts_on)
    project.slug = (data.get("slug") or "").strip() or _new_slug(project.fiscal_year)
    if Project.objects.filter(slug=project.slug).exists():
        raise _field_error("slug", _("Another project has this address."), "duplicate_slug")
    _apply_dates(project, recompute_checkin=True, recompute_review=True)
    project.save()
    project.fields.set(list(fields))
    _write_partners(project, partners)
    audit_log(
        actor=actor,
        action="collaboration.project.created",
        target=project,
        data={"form": project.form.code, "domain": project.domain, "partners": len(partners)},
    )
    return project


@transaction.atomic
def project_update(
    *,
    actor: User | None,
    project: Project,
    data: dict[str, Any],
    fields: Iterable[Any] | None = None,
    partners: list[dict[str, Any]] | None = None,
) -> Project:
    """Edit a project's description, period, budget, schedule of checks and reviews,
    and (when given) its fields and partners."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    merged = {name: getattr(project, name) for name in PROJECT_FIELDS}
    merged.update({name: value for name, value in data.items() if name in PROJECT_FIELDS})
    _check_project(merged)
    if partners is not None:
        _check_partners(partners)
    changed = [name for name in PROJECT_FIELDS if merged[name] != getattr(project, name)]
    for name in changed:
        setattr(project, name, merged[name])
    for name in ("title_en", "summary", "summary_en", "cost_sharing"):
        if getattr(project, name) is None:
            setattr(project, name, "")
    if project.budget_total is None:
        project.budget_total = 0
    project.fiscal_year = fiscal_year(project.starts_on)
    _apply_dates(
        project,
        recompute_checkin=bool({"checkin_interval_months", "starts_on"} & set(changed)),
        recompute_review=bool({"partnership_since", "review_interval_years"} & set(changed)),
    )
    project.save()
    if fields is not None:
        project.fields.set(list(fields))
    if partners is not None:
        _write_partners(project, partners)
    audit_log(
        actor=actor,
        action="collaboration.project.updated",
        target=project,
        data={"changed": changed, "partners": len(partners) if partners is not None else None},
    )
    return project


def _write_partners(project: Project, partners: list[dict[str, Any]]) -> None:
    """Match the rows with the project's partners (by group, department, or kind and
    name): update those kept, add the new ones, remove the others. A partner already
    party to an agreement or an evaluation cannot be removed."""
    existing = {
        _partner_key(
            {"kind": p.kind, "group": p.group, "department": p.department, "name": p.name}
            if p.kind in (PartnerKind.GROUP, PartnerKind.DEPARTMENT)
            else {"kind": p.kind, "name": p.name}
        ): p
        for p in project.partners.select_related("group", "department")
    }
    keep: set[int] = set()
    for order, row in enumerate(partners):
        key = _partner_key(row)
        partner = existing.get(key) or ProjectPartner(project=project, kind=row["kind"])
        partner.group = row.get("group") if row["kind"] == PartnerKind.GROUP else None
        partner.department = row.get("department") if row["kind"] == PartnerKind.DEPARTMENT else None
        partner.name = (
            "" if row["kind"] in (PartnerKind.GROUP, PartnerKind.DEPARTMENT) else (row.get("name") or "").strip()
        )
        partner.contact = row.get("contact")
        partner.role = row.get("role") or ""
        partner.cost_share = (row.get("cost_share") or "").strip()
        partner.order = order
        partner.save()
        keep.add(partner.pk)
    gone = [p for p in existing.values() if p.pk not in keep]
    for partner in gone:
        if (
            partner.agreement_parts.exists()
            or partner.evaluations_given.exists()
            or partner.evaluations_received.exists()
        ):
            raise ValidationError(
                _("%(partner)s is a party to the agreement or an evaluation and cannot be removed.")
                % {"partner": partner.display_name},
                code="partner_in_use",
            )
        partner.delete()


@transaction.atomic
def partners_set(*, actor: User | None, project: Project, partners: list[dict[str, Any]]) -> Project:
    """Replace the project's partners (two or more, each once, kinds consistent)."""
    _check_partners(partners)
    project = Project.objects.select_for_update().get(pk=project.pk)
    _write_partners(project, partners)
    audit_log(
        actor=actor,
        action="collaboration.project.partners_set",
        target=project,
        data={"partners": [str(_partner_key(row)) for row in partners]},
    )
    return project


# --- Status and progress ------------------------------------------------------------------


@transaction.atomic
def project_status_change(
    *,
    actor: User | None,
    project: Project,
    status: str,
    reason: str = "",
    expected_status: str | None = None,
) -> Project:
    """Move the project through PROJECT_WORKFLOW. Discontinuing needs a reason, which
    is also put on the public timeline; completing sets the progress to 100."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    ensure_unchanged(project, expected_status)
    reason = (reason or "").strip()
    _clean_text({"reason": reason}, ("reason",))
    if status == ProjectStatus.DISCONTINUED and not reason:
        raise _field_error("reason", _("Say why the project is discontinued."), "reason_required")
    update_fields: list[str] = []
    if status == ProjectStatus.COMPLETED:
        project.progress = 100
        update_fields.append("progress")
    transition(
        project,
        status,
        actor=actor,
        expected=expected_status,
        data={"reason": reason} if reason else None,
        update_fields=update_fields,
    )
    if status == ProjectStatus.DISCONTINUED:
        ProjectEntry.objects.create(
            project=project,
            kind=EntryKind.MILESTONE,
            on=timezone.localdate(),
            title=_("The project was discontinued"),
            body=reason,
            is_public=True,
            author=actor,
        )
    return project


@transaction.atomic
def project_progress_set(*, actor: User | None, project: Project, progress: int) -> Project:
    if progress is None or not 0 <= progress <= 100:
        raise _field_error("progress", _("Give the progress as a percentage from 0 to 100."), "progress")
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status in (ProjectStatus.DISCONTINUED,):
        raise ValidationError(_("A discontinued project's progress cannot change."), code="closed")
    old = project.progress
    project.progress = progress
    project.save(update_fields=["progress", "updated_at"])
    audit_log(actor=actor, action="collaboration.project.progress", target=project, data={"old": old, "new": progress})
    return project


# --- The partners' log --------------------------------------------------------------------

ENTRY_DATES = SCHEDULE


@transaction.atomic
def entry_add(*, actor: User | None, project: Project, data: dict[str, Any]) -> ProjectEntry:
    """A dated entry of the partners' log. A periodic check moves the next check an
    interval after the entry's date; a progress value becomes the project's progress."""
    kind = data.get("kind")
    if kind not in EntryKind.values:
        raise _field_error("kind", _("Choose what the entry is."), "entry_kind")
    title = (data.get("title") or "").strip()
    if not title:
        raise _field_error("title", _("Give the entry a title."), "required")
    if "\n" in title or "\r" in title:
        raise _field_error("title", _("Write the title on one line."), "invalid_text")
    _clean_text(data, ("title", "title_en", "body"))
    on = data.get("on")
    if on is None:
        raise _field_error("on", _("Give the date."), "required")
    check_date_ranges({"on": on}, {"on": ENTRY_DATES})
    progress = data.get("progress")
    if progress is not None and not 0 <= progress <= 100:
        raise _field_error("progress", _("Give the progress as a percentage from 0 to 100."), "progress")
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status == ProjectStatus.DISCONTINUED:
        raise ValidationError(_("The project was discontinued: its log is closed."), code="closed")
    entry = ProjectEntry.objects.create(
        project=project,
        kind=kind,
        on=on,
        title=title,
        title_en=(data.get("title_en") or "").strip(),
        body=data.get("body") or "",
        progress=progress,
        is_public=bool(data.get("is_public")),
        author=actor,
    )
    update: list[str] = []
    if kind == EntryKind.CHECKIN and project.checkin_interval_months:
        project.next_checkin_on = next_checkin(project, after=on)
        update.append("next_checkin_on")
    if progress is not None:
        project.progress = progress
        update.append("progress")
    if update:
        project.save(update_fields=[*update, "updated_at"])
    audit_log(
        actor=actor,
        action="collaboration.project.entry_added",
        target=project,
        data={"entry": entry.pk, "kind": kind, "public": entry.is_public, "progress": progress},
    )
    return entry


# --- S-13: a subsidy's project ------------------------------------------------------------


@transaction.atomic
def subsidy_link(actor: User | None, project: Project, receipt_number: str) -> int:
    """Link the subsidy application with this receipt number to the project (S-13):
    `Application.collaboration_project_id`, written by a queryset update."""
    from subsidies.models import Application

    receipt = (receipt_number or "").strip()
    if not receipt or len(receipt) > 30 or "\x00" in receipt:
        raise _field_error("receipt_number", _("Give the application's receipt number."), "required")
    row = (
        Application.objects.select_for_update()
        .filter(receipt_number=receipt)
        .values("pk", "collaboration_project_id")
        .first()
    )
    if row is None:
        raise _field_error("receipt_number", _("No subsidy application has this receipt number."), "unknown_receipt")
    if row["collaboration_project_id"] == project.pk:
        raise _field_error("receipt_number", _("This application is already linked to the project."), "already_linked")
    Application.objects.filter(pk=row["pk"]).update(collaboration_project_id=project.pk, updated_at=timezone.now())
    audit_log(
        actor=actor,
        action="collaboration.project.subsidy_linked",
        target=project,
        data={"receipt_number": receipt, "application": row["pk"], "previous": row["collaboration_project_id"]},
    )
    return row["pk"]


# --- Daily reminders (C-12, C-16) ---------------------------------------------------------


def _already_sent(action: str, project_ids: list[int]) -> set[tuple[str, str]]:
    """(project id, due date) pairs already reminded, from the audit log."""
    if not project_ids:
        return set()
    content_type = ContentType.objects.get_for_model(Project)
    rows = AuditLogEntry.objects.filter(
        action=action, target_type=content_type, target_id__in=[str(pk) for pk in project_ids]
    ).values_list("target_id", "data")
    return {(target, str((data or {}).get("due"))) for target, data in rows}


def send_reminders(today: datetime.date | None = None) -> list[str]:
    """E-mail the reminders due today: a periodic check due within 7 days or overdue
    (partners and the department in charge), a partnership review due within 30 days
    (the window and the department). Each is sent once per due date, recorded as an
    audit entry ("collaboration.project.checkin_reminder" / "review_reminder" with the
    due date)."""
    today = today or timezone.localdate()
    lines: list[str] = []
    base = Project.objects.filter(status__in=OPEN_STATUSES).select_related("department").prefetch_related("partners")
    checkins = list(base.filter(next_checkin_on__lte=today + datetime.timedelta(days=CHECKIN_NOTICE_DAYS)))
    reviews = list(
        base.filter(next_review_on__gte=today, next_review_on__lte=today + datetime.timedelta(days=REVIEW_NOTICE_DAYS))
    )
    sent_checkins = _already_sent(CHECKIN_REMINDER, [p.pk for p in checkins])
    sent_reviews = _already_sent(REVIEW_REMINDER, [p.pk for p in reviews])
    for project in checkins:
        due = project.next_checkin_on.isoformat()
        if (str(project.pk), due) in sent_checkins:
            continue
        with transaction.atomic():
            recipients = dict(partner_recipients(project))
            recipients.update(department_recipients(project.department_id))
            notify(
                "collaboration/projects/email/checkin_due",
                sorted(recipients.items()),
                project_id=project.pk,
                due=due,
                overdue=project.next_checkin_on < today,
                url=url_or_empty("collaboration:project-log", project.slug),
            )
            audit_log(actor=None, action=CHECKIN_REMINDER, target=project, data={"due": due})
        lines.append(f"checkin reminder: {project.slug} due {due}")
    for project in reviews:
        due = project.next_review_on.isoformat()
        if (str(project.pk), due) in sent_reviews:
            continue
        with transaction.atomic():
            recipients = dict(window_recipients())
            recipients.update(department_recipients(project.department_id))
            notify(
                "collaboration/projects/email/review_due",
                sorted(recipients.items()),
                project_id=project.pk,
                due=due,
                since=project.partnership_since.isoformat() if project.partnership_since else "",
                url=url_or_empty("collaboration:project-manage", project.slug),
            )
            audit_log(actor=None, action=REVIEW_REMINDER, target=project, data={"due": due})
        lines.append(f"review reminder: {project.slug} due {due}")
    return lines
