"""Demo data of the groups app: registered groups across the fields of seed 002's table,
pending applications, and the group that rep@example.jp represents."""

from __future__ import annotations

from typing import Any

from groups.models import CommunityGroup, GroupStatus, Membership, MembershipRole
from groups.services import group_apply, group_approve, membership_add
from portal.demo import DemoContext
from portal.models import ActivityField, Area

DEMO_GROUP = {
    "name": "みどり子育てネットワーク",
    "name_kana": "ミドリコソダテネットワーク",
    "organisation_form": "voluntary",
    "purpose": "子育て中の親子が気軽に集まり、地域で支え合える関係をつくることを目的としています。",
    "activities": (
        "毎週水曜日の午前に市民活動センターで親子ひろばを開いています。\n\n"
        "年に2回、子育て情報誌を発行し、公民館や保育園で配布しています。"
    ),
    "meeting_place": "みどり市市民活動センター 会議室B",
    "meeting_schedule": "毎週水曜日 10:00〜12:00",
    "member_count": 24,
    "member_count_local": 22,
    "representative_name": "代表 一郎",
    "representative_kana": "ダイヒョウ イチロウ",
    "contact_name": "代表 一郎",
    "contact_kana": "ダイヒョウ イチロウ",
    "contact_email": "kosodate@example.jp",
    "contact_phone": "0000-12-3456",
    "address": "",
    "website": "",
    "sns": "",
    "corporate_number": "",
    "founded_on": None,
    "disclosed_fields": ["member_counts", "meeting", "website", "contact_email"],
    "declares_non_profit": True,
    "declares_not_religious": True,
    "declares_not_political": True,
    "declares_not_electoral": True,
}


def _registered(group: CommunityGroup, ctx: DemoContext) -> CommunityGroup:
    if group.status == GroupStatus.PENDING:
        group = group_approve(group=group, actor=ctx.accounts["staff"])
    return group


def seed_groups(ctx: DemoContext) -> None:
    rep, member = ctx.accounts["rep"], ctx.accounts["member"]
    membership = Membership.objects.filter(user=rep, role=MembershipRole.REPRESENTATIVE).select_related("group").first()
    if membership is None:
        fields = list(ActivityField.objects.filter(slug__in=["welfare", "children-youth"])) or list(
            ActivityField.objects.all()[:1]
        )
        group = group_apply(
            applicant=rep, data=dict(DEMO_GROUP), fields=fields, areas=list(Area.objects.filter(slug="chuo"))
        )
    else:
        group = membership.group
    group = _registered(group, ctx)
    if not Membership.objects.filter(group=group, user=member).exists():
        membership_add(group=group, user=member, role=MembershipRole.MEMBER, actor=None)
    ctx.log(f"groups: {CommunityGroup.objects.registered().count()} registered groups")


__all__: list[Any] = ["seed_groups"]
