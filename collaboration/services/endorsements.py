"""後援・共催 requests: a group asks for the city's 後援 (name endorsement) or 共催
(co-hosting) of an event (`endorsement_submit`, with a receipt number), may withdraw it,
and files a short 実施報告 after an approved event (`endorsement_report`). The
協働推進課 window checks purpose, 公共性 and 公益性 and approves with conditions
(`endorsement_approve`), refuses with a reason (`endorsement_refuse`) or revokes an
approval with a reason (`endorsement_revoke`); the group is e-mailed each decision.

Every status change goes through `portal.workflow.transition` with the request's
`ENDORSEMENT_WORKFLOW`; every refusal is a `ValidationError` with a code, and nothing is
written on a refusal.

An approved 共催 also gives the group's room bookings on the event's days the facilities
app's co-hosting 減免 (`cohosting_evidence`, registered with
`facilities.reduction_evidence` by collaboration.hooks.endorsements)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from collaboration.models import (
    MAX_YEN,
    EndorsementKind,
    EndorsementRequest,
    EndorsementStatus,
    MainBenefit,
)
from collaboration.notifications import group_recipients, notify, url_or_empty, window_recipients
from collaboration.permissions import endorsement_policy
from groups.permissions import editor_group_ids
from portal.audit import audit_log
from portal.dates import SCHEDULE, fiscal_year
from portal.workflow import check_transition, ensure_unchanged, transition

if TYPE_CHECKING:
    from groups.models import CommunityGroup, Event
    from portal.models import User

__all__ = [
    "LEAD_DAYS",
    "MAX_EVENT_DAYS",
    "REQUEST_FIELDS",
    "cohosting_evidence",
    "endorsement_approve",
    "endorsement_refuse",
    "endorsement_report",
    "endorsement_revoke",
    "endorsement_submit",
    "endorsement_withdraw",
]

E = EndorsementStatus

# A request must reach the city at least this many days before the event starts.
LEAD_DAYS = 30
# An event (its days, not its preparation) lasts at most this many days.
MAX_EVENT_DAYS = 31
MAX_PEOPLE = 1_000_000
MAX_REASON = 2000

SINGLE_LINE = ("event_title", "venue", "organisers", "audience")
REQUIRED_TEXT = ("event_title", "venue", "purpose", "organisers", "audience")
TEXT_LIMITS = {
    "event_title": 200,
    "venue": 200,
    "purpose": 4000,
    "content": 4000,
    "organisers": 500,
    "audience": 300,
    "past_endorsements": 2000,
}
REQUEST_FIELDS = (
    "kind",
    "event_title",
    "starts_on",
    "ends_on",
    "venue",
    "purpose",
    "content",
    "organisers",
    "audience",
    "expected_people",
    "admission_charged",
    "fee_amount",
    "past_endorsements",
    "main_benefit",
    "accepts_conditions",
)


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _lock(request: EndorsementRequest) -> EndorsementRequest:
    return (
        EndorsementRequest.objects.select_for_update(of=("self",)).select_related("group", "event").get(pk=request.pk)
    )


def _clean_request(
    data: Mapping[str, Any], *, group: CommunityGroup, event: Event | None, today: datetime.date
) -> dict:
    """The request's fields, checked; every problem raised together, each with its code."""
    errors: dict[str, ValidationError] = {}
    values: dict[str, Any] = {}
    for name in TEXT_LIMITS:
        text = str(data.get(name) or "").strip()
        if "\x00" in text:
            errors[name] = ValidationError(_("Remove the null characters."), code="null_characters")
        elif name in SINGLE_LINE and ("\n" in text or "\r" in text):
            errors[name] = ValidationError(_("Write this on one line."), code="line_break")
        elif len(text) > TEXT_LIMITS[name]:
            errors[name] = ValidationError(
                _("Write at most %(limit)s characters.") % {"limit": TEXT_LIMITS[name]}, code="max_length"
            )
        elif name in REQUIRED_TEXT and not text:
            errors[name] = ValidationError(_("This field is required."), code="required")
        values[name] = text
    kind = data.get("kind")
    if kind not in EndorsementKind.values:
        errors["kind"] = ValidationError(_("Choose endorsement or co-hosting."), code="kind")
    values["kind"] = kind
    benefit = data.get("main_benefit")
    if benefit not in MainBenefit.values:
        errors["main_benefit"] = ValidationError(_("Say what you mainly expect from the city."), code="main_benefit")
    values["main_benefit"] = benefit
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if not isinstance(starts, datetime.date) or not isinstance(ends, datetime.date):
        errors["starts_on"] = ValidationError(_("Give the dates of the event."), code="dates")
    else:
        problems = SCHEDULE.errors(starts, today=today) or SCHEDULE.errors(ends, today=today)
        if problems:
            errors["starts_on"] = ValidationError(problems[0], code="date_out_of_range")
        elif ends < starts:
            errors["ends_on"] = ValidationError(_("The event cannot end before it starts."), code="period_order")
        elif (ends - starts).days >= MAX_EVENT_DAYS:
            errors["ends_on"] = ValidationError(
                _("An event may last at most %(days)s days.") % {"days": MAX_EVENT_DAYS}, code="too_long"
            )
        elif starts < today + datetime.timedelta(days=LEAD_DAYS):
            errors["starts_on"] = ValidationError(
                _("Requests must reach the city at least %(days)s days before the event: for this event, by %(date)s.")
                % {"days": LEAD_DAYS, "date": (starts - datetime.timedelta(days=LEAD_DAYS)).isoformat()},
                code="too_late",
            )
    values["starts_on"], values["ends_on"] = starts, ends
    people = data.get("expected_people")
    if not isinstance(people, int) or isinstance(people, bool) or not 1 <= people <= MAX_PEOPLE:
        errors["expected_people"] = ValidationError(
            _("Give the expected number of participants (1 to %(max)s).") % {"max": f"{MAX_PEOPLE:,}"},
            code="expected_people",
        )
    values["expected_people"] = people
    charged = bool(data.get("admission_charged"))
    fee = data.get("fee_amount") or 0
    if not charged:
        fee = 0
    elif not isinstance(fee, int) or isinstance(fee, bool) or not 1 <= fee <= MAX_YEN:
        errors["fee_amount"] = ValidationError(
            _("Give the admission fee per participant (at least 1 yen)."), code="fee_amount"
        )
    values["admission_charged"], values["fee_amount"] = charged, fee
    if data.get("accepts_conditions") is not True:
        errors["accepts_conditions"] = ValidationError(
            _("The city endorses or co-hosts only events whose organisers accept its conditions."),
            code="conditions",
        )
    values["accepts_conditions"] = True
    if event is not None and event.group_id != group.pk:
        errors["event"] = ValidationError(_("Choose one of your group’s events."), code="event_not_ours")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def endorsement_submit(
    *,
    group: CommunityGroup,
    actor: User,
    data: Mapping[str, Any],
    event: Event | None = None,
    today: datetime.date | None = None,
) -> EndorsementRequest:
    """A group's representative or editor requests the city's 後援 or 共催 for an event
    (`data`: the `REQUEST_FIELDS`). The group must be registered, the event one of the
    group's own, the conditions accepted, and the request at least `LEAD_DAYS` days ahead.
    It gets a receipt number (受付番号 `K-<fiscal year>-<number>`) and the window is told."""
    from groups.models import CommunityGroup

    today = today or timezone.localdate()
    if group.pk not in editor_group_ids(actor):
        raise PermissionDenied
    group = CommunityGroup.objects.select_for_update().get(pk=group.pk)
    if not group.is_registered_on(today):
        raise ValidationError(
            _(
                "Only registered groups may ask for the city’s endorsement or co-hosting; "
                "renew the group’s registration first."
            ),
            code="not_registered",
        )
    values = _clean_request(data, group=group, event=event, today=today)
    request = EndorsementRequest.objects.create(
        group=group,
        event=event,
        created_by=actor,
        status=E.SUBMITTED,
        receipt_number=f"tmp-{uuid.uuid4().hex[:26]}",  # replaced below, once the row has its id
        **values,
    )
    request.receipt_number = f"K-{fiscal_year(today)}-{request.pk:05d}"
    request.save(update_fields=["receipt_number"])
    audit_log(
        actor=actor,
        action="collaboration.endorsement.submitted",
        target=request,
        data={"receipt_number": request.receipt_number, "kind": request.kind, "nominal": request.looks_nominal},
    )
    notify(
        "collaboration/email/endorsement_submitted",
        window_recipients(),
        endorsement_id=request.pk,
        url=url_or_empty("collaboration:staff-endorsement", request.pk),
    )
    return request


@transaction.atomic
def endorsement_withdraw(
    *, request: EndorsementRequest, actor: User, expected_status: str | None = None, today: datetime.date | None = None
) -> EndorsementRequest:
    """The group withdraws its request (before a decision, or an approval before the event)."""
    today = today or timezone.localdate()
    request = _lock(request)
    ensure_unchanged(request, expected_status)
    endorsement_policy.ensure(actor, "edit", request)
    check_transition(request, E.WITHDRAWN)
    if request.status == E.APPROVED and request.starts_on <= today:
        raise ValidationError(_("The event has begun: an approval can no longer be withdrawn."), code="started")
    transition(request, E.WITHDRAWN, actor=actor, expected=expected_status)
    notify(
        "collaboration/email/endorsement_withdrawn",
        window_recipients(),
        endorsement_id=request.pk,
        url=url_or_empty("collaboration:staff-endorsement", request.pk),
    )
    return request


def _reason(reason: str | None, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise _error("reason", message, "required")
    if len(reason) > MAX_REASON:
        raise _error("reason", _("Write at most %(limit)s characters.") % {"limit": f"{MAX_REASON:,}"}, "max_length")
    if "\x00" in reason:
        raise _error("reason", _("Remove the null characters."), "null_characters")
    return reason


def _tell_group(request: EndorsementRequest) -> None:
    notify(
        "collaboration/email/endorsement_decision",
        sorted(group_recipients(request.group_id).items()),
        endorsement_id=request.pk,
        url=url_or_empty("collaboration:endorsement", request.pk),
    )


@transaction.atomic
def endorsement_approve(
    *,
    request: EndorsementRequest,
    actor: User,
    purpose_ok: bool | None,
    public_nature_ok: bool | None,
    public_interest_ok: bool | None,
    conditions: str = "",
    expected_status: str | None = None,
) -> EndorsementRequest:
    """The window approves: the purpose, 公共性 and 公益性 must all have been checked as
    met; the conditions (optional) are sent to the group with the decision."""
    request = _lock(request)
    ensure_unchanged(request, expected_status)
    endorsement_policy.ensure(actor, "decide", request)
    check_transition(request, E.APPROVED)
    checks = {"purpose_ok": purpose_ok, "public_nature_ok": public_nature_ok, "public_interest_ok": public_interest_ok}
    failed = {name: value for name, value in checks.items() if value is not True}
    if failed:
        raise ValidationError(
            {
                name: ValidationError(
                    _("An approval needs the purpose, public nature and public interest all checked as met."),
                    code="checks",
                )
                for name in failed
            }
        )
    conditions = (conditions or "").strip()
    if len(conditions) > MAX_REASON or "\x00" in conditions:
        raise _error(
            "conditions", _("Write at most %(limit)s characters.") % {"limit": f"{MAX_REASON:,}"}, "max_length"
        )
    for name, value in checks.items():
        setattr(request, name, value)
    request.conditions = conditions
    request.decision_reason = ""
    request.decided_at = timezone.now()
    request.decided_by = actor
    transition(
        request,
        E.APPROVED,
        actor=actor,
        expected=expected_status,
        data={"conditions": conditions},
        update_fields=[*checks, "conditions", "decision_reason", "decided_at", "decided_by"],
    )
    _tell_group(request)
    return request


@transaction.atomic
def endorsement_refuse(
    *,
    request: EndorsementRequest,
    actor: User,
    reason: str,
    purpose_ok: bool | None = None,
    public_nature_ok: bool | None = None,
    public_interest_ok: bool | None = None,
    expected_status: str | None = None,
) -> EndorsementRequest:
    """The window refuses, always with the reason the group is told."""
    request = _lock(request)
    ensure_unchanged(request, expected_status)
    endorsement_policy.ensure(actor, "decide", request)
    check_transition(request, E.REFUSED)
    reason = _reason(reason, _("Give the reason for refusing: the group is told why."))
    request.purpose_ok, request.public_nature_ok, request.public_interest_ok = (
        purpose_ok,
        public_nature_ok,
        public_interest_ok,
    )
    request.decision_reason = reason
    request.decided_at = timezone.now()
    request.decided_by = actor
    transition(
        request,
        E.REFUSED,
        actor=actor,
        expected=expected_status,
        data={"reason": reason},
        update_fields=[
            "purpose_ok",
            "public_nature_ok",
            "public_interest_ok",
            "decision_reason",
            "decided_at",
            "decided_by",
        ],
    )
    _tell_group(request)
    return request


@transaction.atomic
def endorsement_revoke(
    *, request: EndorsementRequest, actor: User, reason: str, expected_status: str | None = None
) -> EndorsementRequest:
    """The window revokes an approval (e.g. the conditions were not kept), with the reason."""
    request = _lock(request)
    ensure_unchanged(request, expected_status)
    endorsement_policy.ensure(actor, "decide", request)
    check_transition(request, E.REVOKED)
    reason = _reason(reason, _("Give the reason for revoking the approval: the group is told why."))
    request.decision_reason = reason
    request.decided_at = timezone.now()
    request.decided_by = actor
    transition(
        request,
        E.REVOKED,
        actor=actor,
        expected=expected_status,
        data={"reason": reason},
        update_fields=["decision_reason", "decided_at", "decided_by"],
    )
    _tell_group(request)
    return request


@transaction.atomic
def endorsement_report(
    *,
    request: EndorsementRequest,
    actor: User,
    participants: int | None,
    summary: str,
    today: datetime.date | None = None,
) -> EndorsementRequest:
    """The 実施報告 after an approved event has begun: participants and how it went, once."""
    today = today or timezone.localdate()
    request = _lock(request)
    endorsement_policy.ensure(actor, "edit", request)
    if request.status != E.APPROVED:
        raise ValidationError(_("Only an approved request gets an event report."), code="not_approved")
    if request.starts_on > today:
        raise ValidationError(
            _("The event report can be filed once the event has begun (%(date)s).")
            % {"date": request.starts_on.isoformat()},
            code="not_started",
        )
    if request.reported_at is not None:
        raise ValidationError(_("The event report has already been filed."), code="already_reported")
    errors = {}
    if not isinstance(participants, int) or isinstance(participants, bool) or not 0 <= participants <= MAX_PEOPLE:
        errors["participants"] = ValidationError(
            _("Give the number of participants (0 to %(max)s).") % {"max": f"{MAX_PEOPLE:,}"}, code="participants"
        )
    summary = (summary or "").strip()
    if not summary:
        errors["summary"] = ValidationError(_("Say briefly how the event went."), code="required")
    elif len(summary) > 4000 or "\x00" in summary:
        errors["summary"] = ValidationError(
            _("Write at most %(limit)s characters.") % {"limit": "4,000"}, code="max_length"
        )
    if errors:
        raise ValidationError(errors)
    request.report_participants = participants
    request.report_summary = summary
    request.reported_at = timezone.now()
    request.save(update_fields=["report_participants", "report_summary", "reported_at", "updated_at"])
    audit_log(
        actor=actor,
        action="collaboration.endorsement.reported",
        target=request,
        data={"participants": participants},
    )
    return request


# --- The co-hosting 減免 (facilities.reduction_evidence) --------------------------------------------


def cohosting_evidence(group: Any, day: datetime.date) -> str | None:
    """The booking's reduction reason when the city has approved a 共催 of the group's
    event on `day` (「共催承認 K-2026-00012 〇〇まつり」), else None."""
    if group is None:
        return None
    found = (
        EndorsementRequest.objects.filter(
            group_id=group.pk,
            kind=EndorsementKind.COHOSTING,
            status=E.APPROVED,
            starts_on__lte=day,
            ends_on__gte=day,
        )
        .order_by("starts_on", "pk")
        .values_list("receipt_number", "event_title")
        .first()
    )
    if found is None:
        return None
    receipt, title = found
    # Kept on the booking as a record: in the portal's main language, whoever books.
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Co-hosting approved %(receipt)s %(title)s") % {"receipt": receipt, "title": title}
    return text[:300]
