"""Demo data of the groups app: the group that rep@example.jp represents."""

from __future__ import annotations

from groups.models import CommunityGroup, Membership, MembershipRole
from groups.services import group_create, membership_add
from portal.demo import DemoContext


def seed_groups(ctx: DemoContext) -> None:
    rep, member = ctx.accounts["rep"], ctx.accounts["member"]
    group = CommunityGroup.objects.filter(slug="midori-kosodate").first()
    if group is None:
        group = group_create(
            name="みどり子育てネットワーク",
            name_kana="ミドリコソダテネットワーク",
            slug="midori-kosodate",
            representative=rep,
            actor=None,
        )
    if not Membership.objects.filter(group=group, user=member).exists():
        membership_add(group=group, user=member, role=MembershipRole.MEMBER, actor=None)
    ctx.log(f"groups: {CommunityGroup.objects.count()} groups")
