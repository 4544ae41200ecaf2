"""Who may do what with a group."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from groups.models import EDITING_ROLES, CommunityGroup, Membership, MembershipRole
from portal.permissions import is_city_staff


def current_role(user: Any, group: CommunityGroup) -> str | None:
    """The user's role in the group, read now (services use this inside their lock)."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, group=group).values_list("role", flat=True).first()


def group_role(user: Any, group: CommunityGroup) -> str | None:
    """The user's role in the group, loaded once per request user (for views)."""
    if not user.is_authenticated:
        return None
    cache: dict[int, str | None] = user.__dict__.setdefault("_group_roles", {})
    if group.pk not in cache:
        cache[group.pk] = current_role(user, group)
    return cache[group.pk]


def is_group_member(user: Any, group: CommunityGroup) -> bool:
    return group_role(user, group) is not None


def is_representative(user: Any, group: CommunityGroup) -> bool:
    return group_role(user, group) == MembershipRole.REPRESENTATIVE


def can_edit(user: Any, group: CommunityGroup) -> bool:
    return group_role(user, group) in EDITING_ROLES


def ensure_can_edit(user: Any, group: CommunityGroup) -> None:
    if current_role(user, group) not in EDITING_ROLES:
        raise PermissionDenied


def ensure_representative(user: Any, group: CommunityGroup) -> None:
    if current_role(user, group) != MembershipRole.REPRESENTATIVE:
        raise PermissionDenied


def can_view_private(user: Any, group: CommunityGroup) -> bool:
    """Private documents and non-public data: the group's own members and city staff."""
    return is_group_member(user, group) or is_city_staff(user)


def can_review(user: Any) -> bool:
    return is_city_staff(user)
