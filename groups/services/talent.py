"""Writes of the talent bank: helpers' registrations and their review, groups' requests,
the coordinator's candidates and introductions, and how it went.

An approved helper's change to public text (`PUBLIC_TEXT_FIELDS`: public name,
introduction, fee) sends the registration back to review; other changes (skills,
areas, availability, experience, telephone) keep it published. A returned or withdrawn
registration goes back to review when the helper saves it again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import talent_notifications as notify
from groups import talent_permissions as perms
from groups.models import (
    BUDGET_LIMIT,
    OPEN_REQUEST_STATES,
    PUBLIC_TEXT_FIELDS,
    CandidacyStatus,
    CommunityGroup,
    FeedbackSide,
    HelperKind,
    ProfileStatus,
    RequestStatus,
    TalentCandidacy,
    TalentFeedback,
    TalentProfile,
    TalentRequest,
)
from groups.permissions import can_post_for_group, editor_group_ids
from portal.audit import audit_log
from portal.dates import SCHEDULE, check_date_ranges
from portal.models import User
from portal.policies import forget_user_facts
from portal.text import clean_text
from portal.workflow import ensure_unchanged, transition, transition_many

__all__ = [
    "REVIEW_DECISIONS",
    "candidacy_answer",
    "candidacy_introduce",
    "candidate_propose",
    "feedback_record",
    "profile_review",
    "profile_save",
    "profile_withdraw",
    "request_cancel",
    "request_close",
    "request_create",
]

# (text field, limit, single line, required)
PROFILE_TEXT = (
    ("display_name", 60, True, True),
    ("experience", 3000, False, True),
    ("introduction", 1500, False, True),
    ("availability_note", 200, True, False),
    ("fee_note", 200, True, False),
    ("phone", 20, True, False),
)
PROFILE_FLAGS = ("weekdays", "evenings", "weekends", "pro_bono")


def _texts(data: dict[str, Any], spec: Iterable[tuple[str, int, bool, bool]]) -> dict[str, str]:
    return {
        name: clean_text(data.get(name), field=name, limit=limit, single_line=one_line, required=required)
        for name, limit, one_line, required in spec
    }


def _choices(data: dict[str, Any], name: str, *, required: bool, message: str) -> list[Any]:
    values = list(data.get(name) or [])
    if required and not values:
        raise ValidationError({name: ValidationError(message, code="required")})
    return values


@transaction.atomic
def profile_save(*, user: User, data: dict[str, Any]) -> TalentProfile:
    """Register in the talent bank, or change one's registration (see the module note on
    when it goes back to review)."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    texts = _texts(data, PROFILE_TEXT)
    skills = _choices(data, "skills", required=True, message=_("Choose at least one skill."))
    areas = _choices(data, "areas", required=True, message=_("Choose at least one area."))
    if any(not skill.is_active for skill in skills):
        raise ValidationError({"skills": _("Choose skills from the list.")})
    flags = {name: bool(data.get(name)) for name in PROFILE_FLAGS}
    if not flags["pro_bono"] and not texts["fee_note"]:
        raise ValidationError({"fee_note": _("Say what you charge, or tick pro bono.")})
    kind = data.get("kind") or HelperKind.PERSON
    if kind not in HelperKind.values:
        raise ValidationError({"kind": _("Choose individual or business.")})
    values: dict[str, Any] = {**texts, **flags, "kind": kind}
    profile = TalentProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = TalentProfile(user=user, **values)
        profile.full_clean(exclude=["user"])
        profile.save()
        profile.skills.set(skills)
        profile.areas.set(areas)
        audit_log(actor=user, action="groups.talentprofile.created", target=profile)
        return profile
    changed = [name for name, value in values.items() if getattr(profile, name) != value]
    for name in changed:
        setattr(profile, name, values[name])
    profile.full_clean(exclude=["user"])
    profile.save(update_fields=[*changed, "updated_at"])
    profile.skills.set(skills)
    profile.areas.set(areas)
    audit_log(actor=user, action="groups.talentprofile.updated", target=profile, data={"fields": changed})
    public_change = profile.status == ProfileStatus.APPROVED and set(changed) & set(PUBLIC_TEXT_FIELDS)
    if public_change or profile.status in (ProfileStatus.RETURNED, ProfileStatus.WITHDRAWN):
        transition(profile, ProfileStatus.PENDING, actor=user)
    return profile


@transaction.atomic
def profile_withdraw(*, profile: TalentProfile, actor: User, expected_status: str | None = None) -> TalentProfile:
    """The helper leaves the bank; candidacies waiting for them are taken back."""
    profile = TalentProfile.objects.select_for_update().get(pk=profile.pk)
    perms.profile_policy.ensure(actor, "edit", profile)
    ensure_unchanged(profile, expected_status)
    transition(profile, ProfileStatus.WITHDRAWN, actor=actor, expected=expected_status)
    transition_many(
        TalentCandidacy.objects.filter(
            profile=profile, status__in=[CandidacyStatus.PROPOSED, CandidacyStatus.ACCEPTED]
        ),
        CandidacyStatus.WITHDRAWN,
        actor=actor,
    )
    return profile


REVIEW_DECISIONS = {
    "approve": ProfileStatus.APPROVED,
    "return": ProfileStatus.RETURNED,
    "suspend": ProfileStatus.SUSPENDED,
}


@transaction.atomic
def profile_review(
    *, profile: TalentProfile, actor: User, decision: str, note: str = "", expected_status: str | None = None
) -> TalentProfile:
    """Staff approve a registration (or reinstate a suspended one), return it with a
    reason, or suspend it with a reason."""
    profile = TalentProfile.objects.select_for_update().get(pk=profile.pk)
    perms.profile_policy.ensure(actor, "review", profile)
    ensure_unchanged(profile, expected_status)
    if decision not in REVIEW_DECISIONS:
        raise ValidationError({"decision": _("Choose a decision.")})
    note = clean_text(note, field="note", limit=2000)
    if decision in ("return", "suspend") and not note:
        raise ValidationError({"note": _("Give the reason; the helper will read it.")})
    profile.review_note = note
    profile.reviewed_at = timezone.now()
    profile.reviewed_by = actor
    transition(
        profile,
        REVIEW_DECISIONS[decision],
        actor=actor,
        expected=expected_status,
        data={"note": note} if note else None,
        update_fields=["review_note", "reviewed_at", "reviewed_by"],
    )
    if decision == "suspend":
        transition_many(
            TalentCandidacy.objects.filter(
                profile=profile, status__in=[CandidacyStatus.PROPOSED, CandidacyStatus.ACCEPTED]
            ),
            CandidacyStatus.WITHDRAWN,
            actor=actor,
        )
    return profile


REQUEST_TEXT = (("title", 120, True, True), ("description", 3000, False, True))


@transaction.atomic
def request_create(*, group: CommunityGroup, actor: User, data: dict[str, Any]) -> TalentRequest:
    """A registered group's representative or editor asks the talent bank for help;
    the coordinators are told by e-mail."""
    if not can_post_for_group(actor, group, fresh=True):
        raise PermissionDenied
    texts = _texts(data, REQUEST_TEXT)
    skills = _choices(data, "skills", required=True, message=_("Choose the skill you need."))
    start, end = data.get("period_start"), data.get("period_end")
    if start is None or end is None:
        raise ValidationError({"period_start": _("Give the period in which you need help.")})
    check_date_ranges({"period_start": start, "period_end": end}, {"period_start": SCHEDULE, "period_end": SCHEDULE})
    if end < start:
        raise ValidationError({"period_end": _("The end cannot be before the start.")})
    if end < timezone.localdate():
        raise ValidationError({"period_end": _("The period is already over.")})
    budget = data.get("budget") or 0
    if not 0 <= budget <= BUDGET_LIMIT:
        raise ValidationError({"budget": _("Give a budget between 0 and 100,000,000 yen.")})
    request = TalentRequest(
        group=group, created_by=actor, period_start=start, period_end=end, budget=budget, area=data.get("area"), **texts
    )
    request.full_clean()
    request.save()
    request.skills.set(skills)
    audit_log(actor=actor, action="groups.talentrequest.created", target=request, data={"group": group.pk})
    notify.coordinators_new_request(request_id=request.pk)
    return request


def _lock_request(request: TalentRequest) -> TalentRequest:
    return TalentRequest.objects.select_for_update(of=("self",)).select_related("group").get(pk=request.pk)


def _withdraw_open_candidacies(request: TalentRequest, actor: User) -> None:
    transition_many(
        request.candidacies.filter(status__in=[CandidacyStatus.PROPOSED, CandidacyStatus.ACCEPTED]),
        CandidacyStatus.WITHDRAWN,
        actor=actor,
        data={"request": request.pk},
    )


@transaction.atomic
def request_cancel(*, request: TalentRequest, actor: User, expected_status: str | None = None) -> TalentRequest:
    """The group no longer needs help (before an introduction)."""
    request = _lock_request(request)
    perms.request_policy.ensure(actor, "manage", request)
    ensure_unchanged(request, expected_status)
    request.closed_at = timezone.now()
    transition(request, RequestStatus.CANCELLED, actor=actor, expected=expected_status, update_fields=["closed_at"])
    _withdraw_open_candidacies(request, actor)
    return request


@transaction.atomic
def request_close(
    *, request: TalentRequest, actor: User, outcome: str, note: str = "", expected_status: str | None = None
) -> TalentRequest:
    """The coordinator closes a request: done after an introduction ("completed"), or
    without a match while it is open ("unmatched", with a note the group reads)."""
    request = _lock_request(request)
    perms.request_policy.ensure(actor, "match", request)
    ensure_unchanged(request, expected_status)
    if outcome not in (RequestStatus.COMPLETED, RequestStatus.UNMATCHED):
        raise ValidationError({"outcome": _("Choose how the request ends.")})
    note = clean_text(note, field="note", limit=2000)
    if outcome == RequestStatus.UNMATCHED and not note:
        raise ValidationError({"note": _("Tell the group why no helper was found.")})
    request.close_note = note
    request.closed_at = timezone.now()
    request.coordinator = request.coordinator or actor
    transition(
        request,
        outcome,
        actor=actor,
        expected=expected_status,
        update_fields=["close_note", "closed_at", "coordinator"],
    )
    if outcome == RequestStatus.UNMATCHED:
        _withdraw_open_candidacies(request, actor)
    return request


@transaction.atomic
def candidate_propose(
    *,
    request: TalentRequest,
    actor: User,
    profile: TalentProfile,
    message: str = "",
    expected_status: str | None = None,
) -> TalentCandidacy:
    """The coordinator proposes a helper for an open request; the helper is asked by
    e-mail whether they can help."""
    request = _lock_request(request)
    perms.request_policy.ensure(actor, "match", request)
    ensure_unchanged(request, expected_status)
    if request.status not in OPEN_REQUEST_STATES:
        raise ValidationError(_("This request is no longer open."), code="closed")
    profile = TalentProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status != ProfileStatus.APPROVED:
        raise ValidationError({"profile": _("Only published helpers can be proposed.")})
    if request.candidacies.filter(profile=profile).exists():
        raise ValidationError({"profile": _("This helper has already been proposed for this request.")})
    message = clean_text(message, field="message", limit=2000)
    candidacy = TalentCandidacy.objects.create(request=request, profile=profile, proposed_by=actor, message=message)
    audit_log(actor=actor, action="groups.talentcandidacy.proposed", target=candidacy, data={"request": request.pk})
    request.coordinator = request.coordinator or actor
    request.save(update_fields=["coordinator", "updated_at"])
    if request.status == RequestStatus.SUBMITTED:
        transition(request, RequestStatus.PROPOSED, actor=actor)
    notify.helper_proposed(candidacy_id=candidacy.pk)
    return candidacy


@transaction.atomic
def candidacy_answer(
    *, candidacy: TalentCandidacy, actor: User, accept: bool, note: str = "", expected_status: str | None = None
) -> TalentCandidacy:
    """The helper says whether they can help (the coordinator hears on the queue)."""
    candidacy = TalentCandidacy.objects.select_for_update(of=("self",)).select_related("profile").get(pk=candidacy.pk)
    perms.candidacy_policy.ensure(actor, "answer", candidacy)
    ensure_unchanged(candidacy, expected_status)
    candidacy.answer_note = clean_text(note, field="note", limit=2000)
    candidacy.answered_at = timezone.now()
    transition(
        candidacy,
        CandidacyStatus.ACCEPTED if accept else CandidacyStatus.DECLINED,
        actor=actor,
        expected=expected_status,
        data={"request": candidacy.request_id},
        update_fields=["answer_note", "answered_at"],
    )
    return candidacy


@transaction.atomic
def candidacy_introduce(
    *, candidacy: TalentCandidacy, actor: User, expected_status: str | None = None
) -> TalentCandidacy:
    """The coordinator introduces a helper who accepted: both sides get each other's
    contact details by e-mail; the other candidates are told they are not needed."""
    candidacy = TalentCandidacy.objects.select_for_update(of=("self",)).select_related("profile").get(pk=candidacy.pk)
    perms.candidacy_policy.ensure(actor, "introduce", candidacy)
    ensure_unchanged(candidacy, expected_status)
    request = _lock_request(candidacy.request)
    if request.status != RequestStatus.PROPOSED:
        raise ValidationError(_("This request is no longer open."), code="closed")
    if candidacy.profile.status != ProfileStatus.APPROVED:
        raise ValidationError(_("This helper's registration is no longer published."), code="unpublished")
    now = timezone.now()
    candidacy.introduced_at = now
    transition(
        candidacy,
        CandidacyStatus.INTRODUCED,
        actor=actor,
        expected=expected_status,
        data={"request": request.pk},
        update_fields=["introduced_at"],
    )
    request.introduced_at = now
    request.coordinator = request.coordinator or actor
    transition(request, RequestStatus.INTRODUCED, actor=actor, update_fields=["introduced_at", "coordinator"])
    _withdraw_open_candidacies(request, actor)
    notify.introduction(candidacy_id=candidacy.pk)
    return candidacy


@transaction.atomic
def feedback_record(*, request: TalentRequest, actor: User, rating: Any, comment: str = "") -> TalentFeedback:
    """After an introduction, the group (its representative or an editor) and the helper
    each record once how it went: private to staff and coordinators."""
    request = _lock_request(request)
    introduced = request.candidacies.filter(status=CandidacyStatus.INTRODUCED).select_related("profile").first()
    if request.status not in (RequestStatus.INTRODUCED, RequestStatus.COMPLETED) or introduced is None:
        raise ValidationError(_("How it went can be recorded after an introduction."), code="not_introduced")
    forget_user_facts(actor)
    if actor.is_authenticated and introduced.profile.user_id == actor.pk:
        side = FeedbackSide.HELPER
    elif request.group_id in editor_group_ids(actor):
        side = FeedbackSide.GROUP
    else:
        raise PermissionDenied
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    comment = clean_text(comment, field="comment", limit=2000)
    if request.feedback.filter(side=side).exists():
        raise ValidationError(_("How it went has already been recorded for your side."), code="duplicate")
    feedback = TalentFeedback.objects.create(request=request, side=side, author=actor, rating=rating, comment=comment)
    audit_log(actor=actor, action="groups.talentfeedback.recorded", target=request, data={"side": side})
    return feedback
