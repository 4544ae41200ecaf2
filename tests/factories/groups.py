"""Groups built through the services, in the states a test needs."""

from __future__ import annotations

import itertools
from typing import Any

from groups.models import CommunityGroup
from groups.services import group_apply, group_approve, membership_add
from portal.models import ActivityField, Area, StaffRole, User
from portal.services import staff_assign
from tests.factories.portal import DepartmentFactory, UserFactory

_counter = itertools.count(1)


def registration_data(**overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    data = {
        "name": f"テスト団体{n}",
        "name_kana": "テストダンタイ",
        "organisation_form": "voluntary",
        "corporate_number": "",
        "founded_on": None,
        "purpose": "地域の子どもたちの居場所をつくります。",
        "activities": "毎月第2土曜日に公民館で子ども食堂を開いています。",
        "meeting_place": "中央公民館",
        "meeting_schedule": "毎月第2土曜日",
        "member_count": 12,
        "member_count_local": 10,
        "representative_name": "代表 花子",
        "representative_kana": "ダイヒョウ ハナコ",
        "contact_name": "連絡 太郎",
        "contact_kana": "レンラク タロウ",
        "contact_email": f"group{n}@example.jp",
        "contact_phone": "0000-11-2222",
        "address": "みどり市中央1-2-3",
        "website": "",
        "sns": "",
        "disclosed_fields": ["member_counts", "meeting"],
        "declares_non_profit": True,
        "declares_not_religious": True,
        "declares_not_political": True,
        "declares_not_electoral": True,
    }
    data.update(overrides)
    return data


def default_taxonomy() -> tuple[list[ActivityField], list[Area]]:
    field, _ = ActivityField.objects.get_or_create(slug="welfare", defaults={"name": "福祉", "name_en": "Welfare"})
    area, _ = Area.objects.get_or_create(slug="chuo", defaults={"name": "中央地区", "name_en": "Chuo"})
    return [field], [area]


def reviewing_staff() -> User:
    user = User.objects.filter(email="factory-staff@example.jp").first()
    if user is None:
        user = UserFactory(email="factory-staff@example.jp")
        staff_assign(user=user, role=StaffRole.CITY_STAFF, department=DepartmentFactory(code="kyodo"), actor=None)
        user = User.objects.get(pk=user.pk)
    return user


def apply_for_group(
    *,
    applicant: User | None = None,
    fields: list[ActivityField] | None = None,
    areas: list[Area] | None = None,
    **overrides: Any,
) -> CommunityGroup:
    """A pending application (status "pending")."""
    default_fields, default_areas = default_taxonomy()
    return group_apply(
        applicant=applicant or UserFactory(),
        data=registration_data(**overrides),
        fields=fields or default_fields,
        areas=areas or default_areas,
    )


def create_group(
    *,
    representative: User | None = None,
    members: tuple[User, ...] = (),
    registered: bool = True,
    **overrides: Any,
) -> CommunityGroup:
    """A group applied for by `representative` and, by default, approved by city staff."""
    group = apply_for_group(applicant=representative or UserFactory(), **overrides)
    if registered:
        group = group_approve(group=group, actor=reviewing_staff())
    for member in members:
        membership_add(group=group, user=member, role="member", actor=None)
    return group
