from __future__ import annotations

import itertools

from groups.models import CommunityGroup
from groups.services import group_create, membership_add
from portal.models import User
from tests.factories.portal import UserFactory

_counter = itertools.count(1)


def create_group(*, representative: User | None = None, members: tuple[User, ...] = ()) -> CommunityGroup:
    """A group built through the services, with its representative and members."""
    n = next(_counter)
    group = group_create(
        name=f"テスト団体{n}",
        name_kana="テストダンタイ",
        slug=f"test-group-{n}",
        representative=representative or UserFactory(),
        actor=None,
    )
    for member in members:
        membership_add(group=group, user=member, role="member", actor=None)
    return group
