"""Who may do what in the talent bank (人材バンク).

- Registrations are reviewed by city staff, centre staff and coordinators
  (`can_review_talent`); only coordinators (and superusers) match: they see the queue of
  requests, the whole bank with contact details, propose candidates and introduce.
- A helper sees and edits their own registration, and sees the requests they were
  proposed for (the details, not the group's contact until introduced).
- A group's representative and editors ask for help and see their group's requests
  (the helper's contact only once introduced).
- The public sees approved registrations, anonymised."""

from __future__ import annotations

from typing import Any, ClassVar

from groups.models import ProfileStatus, TalentCandidacy, TalentProfile, TalentRequest
from groups.permissions import editor_group_ids, in_groups
from portal.permissions import is_centre_staff, is_city_staff, is_coordinator
from portal.policies import EVERYTHING, NOTHING, PermissionPolicy, Rule, Where, user_fact


def can_review_talent(user: Any) -> bool:
    """Review registrations: city staff, centre staff, coordinators (and superusers)."""
    return bool(user.is_authenticated) and (is_city_staff(user) or is_centre_staff(user) or is_coordinator(user))


def can_match(user: Any) -> bool:
    """The coordinator's work: coordinators and superusers."""
    return bool(user.is_authenticated) and is_coordinator(user)


def candidate_request_ids(user: Any) -> set[int]:
    """The requests the user was proposed for as a helper, loaded once per user object."""
    if not user.is_authenticated:
        return set()
    return user_fact(
        user,
        "talent_candidate_requests",
        lambda: set(TalentCandidacy.objects.filter(profile__user=user).values_list("request_id", flat=True)),
    )


def _own(user: Any, path: str) -> Rule:
    return Where(path, "exact", user.pk) if user.is_authenticated else NOTHING


class TalentProfilePolicy(PermissionPolicy[TalentProfile]):
    """view: approved registrations (anonymised) for everyone; one's own; reviewers all.
    review: reviewers. contact: coordinators. edit: the helper."""

    model = TalentProfile
    actions: ClassVar[tuple[str, ...]] = ("view", "review", "contact", "edit")

    def rule(self, user: Any, action: str) -> Rule:
        own = _own(user, "user_id")
        if action == "view":
            if can_review_talent(user):
                return EVERYTHING
            return Where("status", "exact", ProfileStatus.APPROVED) | own
        if action == "review":
            return EVERYTHING if can_review_talent(user) else NOTHING
        if action == "contact":
            return EVERYTHING if can_match(user) else NOTHING
        return own


class TalentRequestPolicy(PermissionPolicy[TalentRequest]):
    """view: the group's representative and editors, the helpers proposed for it, and
    coordinators. manage (cancel, the group's feedback): the group's representative and
    editors. match (propose, introduce, close): coordinators."""

    model = TalentRequest
    actions: ClassVar[tuple[str, ...]] = ("view", "manage", "match")

    def rule(self, user: Any, action: str) -> Rule:
        if can_match(user) and action in ("view", "match"):
            return EVERYTHING
        editors = in_groups(editor_group_ids(user))
        if action == "view":
            return editors | Where("pk", "in", candidate_request_ids(user))
        if action == "manage":
            return editors
        return NOTHING


class TalentCandidacyPolicy(PermissionPolicy[TalentCandidacy]):
    """view: the helper and coordinators. answer: the helper. introduce: coordinators."""

    model = TalentCandidacy
    actions: ClassVar[tuple[str, ...]] = ("view", "answer", "introduce")

    def rule(self, user: Any, action: str) -> Rule:
        helper = _own(user, "profile__user_id")
        if action == "view":
            return EVERYTHING if can_match(user) else helper
        if action == "answer":
            return helper
        return EVERYTHING if can_match(user) else NOTHING

    def base_queryset(self) -> Any:
        return TalentCandidacy.objects.select_related("profile", "request")


profile_policy = TalentProfilePolicy()
request_policy = TalentRequestPolicy()
candidacy_policy = TalentCandidacyPolicy()


def sees_contacts(user: Any, request: TalentRequest, introduced: TalentCandidacy | None) -> bool:
    """Whether `user` may see both sides' contact details on this request: coordinators
    always; the group's editors and the introduced helper once introduced."""
    if can_match(user):
        return True
    if introduced is None or not user.is_authenticated:
        return False
    return introduced.profile.user_id == user.pk or request.group_id in editor_group_ids(user)
