"""Group-role predicates used across the portal."""

from __future__ import annotations

from typing import Any

from groups.models import CommunityGroup, Membership, MembershipRole


def group_role(user: Any, group: CommunityGroup) -> str | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, group=group).values_list("role", flat=True).first()


def is_group_member(user: Any, group: CommunityGroup) -> bool:
    return group_role(user, group) is not None


def is_group_representative(user: Any, group: CommunityGroup) -> bool:
    return group_role(user, group) == MembershipRole.REPRESENTATIVE
