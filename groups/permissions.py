"""Who may do what with a group, its events and its volunteer openings.

Each model has one policy (`portal.policies.PermissionPolicy`): the same rule gives the
queryset (`visible_to`, `instances_user_has_permission_for`) and the check on one object
(`can`, `ensure`). The `can_*`/`ensure_*` functions below are thin calls into them."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from groups.models import (
    EDITING_ROLES,
    CommunityGroup,
    Event,
    EventRegistration,
    GroupStatus,
    Membership,
    MembershipRole,
    VolunteerApplication,
    VolunteerOpening,
)
from portal.permissions import is_city_staff, is_superuser, staff_department_ids
from portal.policies import EVERYTHING, NOTHING, PermissionPolicy, Rule, Where, forget_user_facts, user_fact

# --- Facts about the user -------------------------------------------------------------------


def member_roles(user: Any) -> dict[int, str]:
    """{group id: role} for every group the user belongs to, loaded once per user object."""
    if not user.is_authenticated:
        return {}
    return user_fact(
        user, "group_roles", lambda: dict(Membership.objects.filter(user=user).values_list("group_id", "role"))
    )


def member_group_ids(user: Any) -> set[int]:
    return set(member_roles(user))


def editor_group_ids(user: Any) -> set[int]:
    """Groups where the user is representative or editor."""
    return {gid for gid, role in member_roles(user).items() if role in EDITING_ROLES}


def representative_group_ids(user: Any) -> set[int]:
    return {gid for gid, role in member_roles(user).items() if role == MembershipRole.REPRESENTATIVE}


def currently_registered(path: str = "") -> Rule:
    """A group whose registration is valid today (the directory's condition)."""
    return Where(f"{path}status", "exact", GroupStatus.REGISTERED) & Where(
        f"{path}registered_until", "gte", timezone.localdate()
    )


def in_groups(ids: set[int], path: str = "group_id") -> Rule:
    return Where(path, "in", ids)


def manages_event(user: Any, path: str = "") -> Rule:
    """The event (at `path`) is organised by one of the user's groups where they are
    representative or editor, or by their department; superusers manage every event."""
    if is_superuser(user):
        return EVERYTHING
    if not user.is_authenticated:
        return NOTHING
    return in_groups(editor_group_ids(user), f"{path}group_id") | Where(
        f"{path}department_id", "in", staff_department_ids(user)
    )


# --- Policies -------------------------------------------------------------------------------


class GroupPolicy(PermissionPolicy[CommunityGroup]):
    """view: registered groups for everyone, the group's own members and city staff always.
    view_private: members and city staff. edit: representative and editors.
    represent: the representative. post: editors of a currently registered group.
    book: members of a currently registered group (booking rooms and entering lotteries
    in the group's name). review: city staff."""

    model = CommunityGroup
    actions: ClassVar[tuple[str, ...]] = ("view", "view_private", "edit", "represent", "post", "book", "review")

    def rule(self, user: Any, action: str) -> Rule:
        if action == "view":
            return currently_registered() | self.rule(user, "view_private")
        if action == "view_private":
            return EVERYTHING if is_city_staff(user) else in_groups(member_group_ids(user), "pk")
        if action == "edit":
            return in_groups(editor_group_ids(user), "pk")
        if action == "represent":
            return in_groups(representative_group_ids(user), "pk")
        if action == "book":
            return currently_registered() & in_groups(member_group_ids(user), "pk")
        if action == "review":
            return EVERYTHING if is_city_staff(user) else NOTHING
        return currently_registered() & in_groups(editor_group_ids(user), "pk")


class EventPolicy(PermissionPolicy[Event]):
    """view: every event (cancelled ones say so). manage: the organising group's
    representative and editors, city staff of the organising department, superusers."""

    model = Event
    actions: ClassVar[tuple[str, ...]] = ("view", "manage")

    def rule(self, user: Any, action: str) -> Rule:
        return EVERYTHING if action == "view" else manages_event(user)


class RegistrationPolicy(PermissionPolicy[EventRegistration]):
    """view and cancel: the participant and the event's organisers."""

    model = EventRegistration
    actions: ClassVar[tuple[str, ...]] = ("view", "cancel")

    def rule(self, user: Any, action: str) -> Rule:
        participant = Where("user_id", "exact", user.pk) if user.is_authenticated else NOTHING
        return participant | manages_event(user, "event__")


class OpeningPolicy(PermissionPolicy[VolunteerOpening]):
    """view: openings of currently registered groups for everyone; the group's members
    and city staff always. edit: the group's representative and editors."""

    model = VolunteerOpening
    actions: ClassVar[tuple[str, ...]] = ("view", "edit")

    def rule(self, user: Any, action: str) -> Rule:
        if action == "view":
            private = EVERYTHING if is_city_staff(user) else in_groups(member_group_ids(user))
            return currently_registered("group__") | private
        return in_groups(editor_group_ids(user))


class ApplicationPolicy(PermissionPolicy[VolunteerApplication]):
    """view: the applicant and the group's editors. withdraw: the applicant.
    decide: the group's representative and editors."""

    model = VolunteerApplication
    actions: ClassVar[tuple[str, ...]] = ("view", "withdraw", "decide")

    def rule(self, user: Any, action: str) -> Rule:
        applicant = Where("user_id", "exact", user.pk) if user.is_authenticated else NOTHING
        editors = in_groups(editor_group_ids(user), "opening__group_id")
        if action == "view":
            return applicant | editors
        return applicant if action == "withdraw" else editors


group_policy = GroupPolicy()
event_policy = EventPolicy()
registration_policy = RegistrationPolicy()
opening_policy = OpeningPolicy()
application_policy = ApplicationPolicy()


# --- The functions services and views call ------------------------------------------------


def current_role(user: Any, group: CommunityGroup) -> str | None:
    """The user's role in the group, read now (services use this inside their lock)."""
    forget_user_facts(user)
    return member_roles(user).get(group.pk)


def group_role(user: Any, group: CommunityGroup) -> str | None:
    """The user's role in the group, loaded once per request user (for views)."""
    return member_roles(user).get(group.pk)


def is_group_member(user: Any, group: CommunityGroup) -> bool:
    return group_role(user, group) is not None


def is_representative(user: Any, group: CommunityGroup) -> bool:
    return group_policy.can(user, "represent", group)


def can_edit(user: Any, group: CommunityGroup) -> bool:
    return group_policy.can(user, "edit", group)


def ensure_can_edit(user: Any, group: CommunityGroup) -> None:
    group_policy.ensure(user, "edit", group)


def ensure_representative(user: Any, group: CommunityGroup) -> None:
    group_policy.ensure(user, "represent", group)


def can_view_private(user: Any, group: CommunityGroup) -> bool:
    """Private documents and non-public data: the group's own members and city staff."""
    return group_policy.can(user, "view_private", group)


def can_post_for_group(user: Any, group: CommunityGroup, *, fresh: bool = False) -> bool:
    """Registered groups' representatives and editors post events and openings."""
    return group_policy.can(user, "post", group, fresh=fresh)


def can_manage_event(user: Any, event: Event, *, fresh: bool = False) -> bool:
    return event_policy.can(user, "manage", event, fresh=fresh)


def ensure_can_manage_event(user: Any, event: Event) -> None:
    if not can_manage_event(user, event, fresh=True):
        raise PermissionDenied


def bookable_groups(user: Any) -> Any:
    """The groups the user may book for (`GroupPolicy`, action "book"), by furigana."""
    return group_policy.instances_user_has_permission_for(user, "book").order_by("name_kana", "pk")


def can_review(user: Any) -> bool:
    return group_policy.user_has_any_permission(user, "review")
