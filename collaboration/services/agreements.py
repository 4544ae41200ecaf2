"""A project's 協定書 (agreement), in versions.

- Staff who manage the project (`project_policy` "manage": the window and the department
  in charge) draft version 1 (`agreement_create`), with one `AgreementParty` per partner
  (its roles and responsibilities, prefilled from the partner's role), and edit it while
  it is a draft (`agreement_update`).
- They send it for confirmation (`agreement_circulate`, DRAFT → CIRCULATING; the
  partners are told by e-mail) and may take it back (`agreement_withdraw`, CIRCULATING →
  DRAFT, every confirmation cleared).
- Each party confirms online (`agreement_confirm`: who and when). When the last party
  confirms, the version is IN_FORCE and the previous in-force version SUPERSEDED, in the
  same transaction.
- A change of an in-force agreement is a new version (`agreement_revise`): a DRAFT copy
  with "what changed and why", which goes through the same steps.

Every status change goes through `portal.workflow.transition` (audited with the old and
new state); every refusal is a `ValidationError` with a code, and nothing is written.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.models import Agreement, AgreementParty, AgreementStatus, Project
from collaboration.notifications import notify, partner_recipients
from collaboration.permissions import partners_acting_for, project_policy
from portal.audit import audit_log
from portal.dates import QUERY, check_date_ranges
from portal.text import clean_text
from portal.workflow import ensure_unchanged, transition

__all__ = [
    "AGREEMENT_FIELDS",
    "agreement_circulate",
    "agreement_confirm",
    "agreement_create",
    "agreement_revise",
    "agreement_update",
    "agreement_withdraw",
]

S = AgreementStatus

AGREEMENT_FIELDS = (
    "title",
    "purpose",
    "cost_sharing",
    "risks",
    "starts_on",
    "ends_on",
    "disputes",
    "other_terms",
)
SINGLE_LINE = ("title",)
REQUIRED = ("title", "purpose", "starts_on")
MAX_ROLES = 4000


def _ensure_manager(actor: Any, project: Project) -> None:
    if not project_policy.can(actor, "manage", project, fresh=True):
        raise PermissionDenied


def _clean_text(name: str, value: Any, limit: int) -> str:
    return clean_text(value, field=name, limit=limit, single_line=name in SINGLE_LINE)


def _clean_data(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name in AGREEMENT_FIELDS:
        value = data.get(name)
        if name in ("starts_on", "ends_on"):
            if value is not None and not isinstance(value, datetime.date):
                raise ValidationError({name: ValidationError(_("Enter a valid date."), code="invalid")})
            cleaned[name] = value
        else:
            limit = Agreement._meta.get_field(name).max_length or 4000
            cleaned[name] = _clean_text(name, value, limit)
    for name in REQUIRED:
        if not cleaned.get(name):
            raise ValidationError({name: ValidationError(_("This field is required."), code="required")})
    check_date_ranges(
        {"starts_on": cleaned["starts_on"], "ends_on": cleaned["ends_on"]}, {"starts_on": QUERY, "ends_on": QUERY}
    )
    if cleaned["ends_on"] and cleaned["ends_on"] < cleaned["starts_on"]:
        raise ValidationError(
            {"ends_on": ValidationError(_("The period must end on or after its start."), code="period_order")}
        )
    return cleaned


def _clean_roles(project: Project, roles: Mapping[int, str] | None) -> dict[int, str]:
    """The roles of every partner of the project (the partner's own role when not given)."""
    roles = roles or {}
    partners = list(project.partners.all())
    known = {p.pk for p in partners}
    if set(roles) - known:
        raise ValidationError(_("A party is not a partner of this project."), code="not_partner")
    if len(partners) < 1:
        raise ValidationError(_("The project has no partners."), code="no_partners")
    cleaned: dict[int, str] = {}
    for partner in partners:
        text = _clean_text(f"party_{partner.pk}", roles.get(partner.pk, partner.role), MAX_ROLES)
        if not text:
            raise ValidationError(
                {
                    f"party_{partner.pk}": _("Write the roles and responsibilities of %(party)s.")
                    % {"party": partner.display_name}
                },
                code="required",
            )
        cleaned[partner.pk] = text
    return cleaned


def _open_version(project: Project) -> Agreement | None:
    return project.agreements.filter(status__in=(S.DRAFT, S.CIRCULATING)).first()


def agreement_create(
    *, actor: Any, project: Project, data: Mapping[str, Any], roles: Mapping[int, str] | None = None
) -> Agreement:
    """Draft version 1 of the project's agreement (later versions: `agreement_revise`)."""
    _ensure_manager(actor, project)
    cleaned = _clean_data(data)
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if locked.agreements.exists():
            raise ValidationError(
                _("This project already has an agreement: change it by making a new version."), code="exists"
            )
        party_roles = _clean_roles(locked, roles)
        agreement = Agreement.objects.create(project=locked, version=1, drafted_by=actor, **cleaned)
        AgreementParty.objects.bulk_create(
            AgreementParty(agreement=agreement, partner_id=pk, roles=text) for pk, text in party_roles.items()
        )
        audit_log(actor=actor, action="collaboration.agreement.created", target=agreement, data={"version": 1})
    return agreement


def agreement_update(
    *,
    actor: Any,
    agreement: Agreement,
    data: Mapping[str, Any],
    roles: Mapping[int, str] | None = None,
    change_reason: str | None = None,
    expected_status: str | None = None,
) -> Agreement:
    """Edit a draft (its terms and each party's roles)."""
    _ensure_manager(actor, agreement.project)
    cleaned = _clean_data(data)
    if change_reason is not None:
        cleaned["change_reason"] = _clean_text("change_reason", change_reason, 2000)
        if agreement.version > 1 and not cleaned["change_reason"]:
            raise ValidationError({"change_reason": ValidationError(_("Say what changed and why."), code="required")})
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        ensure_unchanged(locked, expected_status)
        if locked.status != S.DRAFT:
            raise ValidationError(_("Only a draft agreement can be edited."), code="stale")
        party_roles = _clean_roles(locked.project, roles)
        for name, value in cleaned.items():
            setattr(locked, name, value)
        locked.save()
        parties = {p.partner_id: p for p in locked.parties.all()}
        for partner_id, text in party_roles.items():
            party = parties.get(partner_id)
            if party is None:  # a partner added to the project since the draft was made
                AgreementParty.objects.create(agreement=locked, partner_id=partner_id, roles=text)
            elif party.roles != text:
                party.roles = text
                party.save(update_fields=["roles"])
        audit_log(actor=actor, action="collaboration.agreement.updated", target=locked)
    return locked


def agreement_circulate(*, actor: Any, agreement: Agreement, expected_status: str | None = None) -> Agreement:
    """Send a draft to the parties for confirmation (DRAFT → CIRCULATING)."""
    _ensure_manager(actor, agreement.project)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().select_related("project").get(pk=agreement.pk)
        ensure_unchanged(locked, expected_status)
        if locked.status == S.DRAFT and not locked.parties.exists():
            raise ValidationError(_("The agreement has no parties."), code="no_parties")
        locked.circulated_at = timezone.now()
        transition(locked, S.CIRCULATING, actor=actor, expected=expected_status, update_fields=["circulated_at"])
        notify(
            "collaboration/email/agreement_circulated",
            partner_recipients(locked.project),
            agreement_id=locked.pk,
            project_id=locked.project_id,
        )
    return locked


def agreement_withdraw(*, actor: Any, agreement: Agreement, expected_status: str | None = None) -> Agreement:
    """Take a circulating agreement back to DRAFT; the confirmations given are cleared."""
    _ensure_manager(actor, agreement.project)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        ensure_unchanged(locked, expected_status)
        confirmed = list(locked.parties.filter(confirmed_at__isnull=False).values_list("partner_id", flat=True))
        locked.circulated_at = None
        transition(
            locked,
            S.DRAFT,
            actor=actor,
            expected=expected_status,
            action="withdrawn",
            data={"cleared": confirmed},
            update_fields=["circulated_at"],
        )
        locked.parties.update(confirmed_at=None, confirmed_by=None)
    return locked


def agreement_confirm(actor: Any, agreement: Agreement, partner: Any, expected_status: str | None = None) -> Agreement:
    """`partner` confirms the circulating agreement online (who and when). The last
    confirmation puts the version in force and supersedes the previous one."""
    project = agreement.project
    if not any(p.pk == getattr(partner, "pk", partner) for p in partners_acting_for(actor, project)):
        raise PermissionDenied
    partner_id = getattr(partner, "pk", partner)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        ensure_unchanged(locked, expected_status)
        if locked.status != S.CIRCULATING:
            raise ValidationError(
                _("This agreement is not awaiting confirmation (it is “%(status)s”).")
                % {"status": locked.get_status_display()},
                code="stale",
            )
        party = AgreementParty.objects.select_for_update().filter(agreement=locked, partner_id=partner_id).first()
        if party is None:
            raise PermissionDenied
        if party.confirmed_at is not None:
            raise ValidationError(_("Your party has already confirmed this agreement."), code="already_confirmed")
        now = timezone.now()
        party.confirmed_at, party.confirmed_by = now, actor
        party.save(update_fields=["confirmed_at", "confirmed_by"])
        audit_log(actor=actor, action="collaboration.agreement.confirmed", target=locked, data={"partner": partner_id})
        if not locked.parties.filter(confirmed_at__isnull=True).exists():
            previous = list(
                Agreement.objects.select_for_update()
                .filter(project_id=locked.project_id, status=S.IN_FORCE)
                .exclude(pk=locked.pk)
            )
            for old in previous:
                transition(old, S.SUPERSEDED, actor=actor, data={"by_version": locked.version})
            locked.in_force_at = now
            transition(locked, S.IN_FORCE, actor=actor, update_fields=["in_force_at"])
            notify(
                "collaboration/email/agreement_in_force",
                partner_recipients(project),
                agreement_id=locked.pk,
                project_id=locked.project_id,
            )
    return locked


def agreement_revise(*, actor: Any, agreement: Agreement, change_reason: str) -> Agreement:
    """Change an in-force agreement: version n+1, a DRAFT copy of it with what changed
    and why, which goes through confirmation again."""
    _ensure_manager(actor, agreement.project)
    reason = _clean_text("change_reason", change_reason, 2000)
    if not reason:
        raise ValidationError({"change_reason": ValidationError(_("Say what changed and why."), code="required")})
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=agreement.project_id)
        locked = Agreement.objects.get(pk=agreement.pk)
        if locked.status != S.IN_FORCE:
            raise ValidationError(_("Only the agreement in force can be changed."), code="stale")
        if _open_version(project) is not None:
            raise ValidationError(_("A new version is already being prepared."), code="open_version")
        latest = project.agreements.order_by("-version").values_list("version", flat=True).first() or 0
        copy = Agreement.objects.create(
            project=project,
            version=latest + 1,
            drafted_by=actor,
            change_reason=reason,
            **{name: getattr(locked, name) for name in AGREEMENT_FIELDS},
        )
        partners = {p.pk: p for p in project.partners.all()}
        old_roles = {p.partner_id: p.roles for p in locked.parties.all()}
        AgreementParty.objects.bulk_create(
            AgreementParty(agreement=copy, partner_id=pk, roles=old_roles.get(pk) or partner.role or "-")
            for pk, partner in partners.items()
        )
        audit_log(
            actor=actor,
            action="collaboration.agreement.revised",
            target=copy,
            data={"version": copy.version, "from_version": locked.version},
        )
    return copy
