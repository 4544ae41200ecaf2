"""Talent bank test data, reached through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from groups.models import CommunityGroup, TalentCandidacy, TalentProfile, TalentRequest, TalentSkill
from groups.services import talent as services
from portal.models import StaffRole, User
from portal.services import staff_assign
from tests.factories.groups import create_group, default_taxonomy, reviewing_staff
from tests.factories.portal import UserFactory


def skill(slug: str = "accounting") -> TalentSkill:
    return TalentSkill.objects.get(slug=slug)


def profile_data(**overrides: Any) -> dict[str, Any]:
    _fields, areas = default_taxonomy()
    data = {
        "kind": "person",
        "display_name": "税理士K",
        "skills": [skill("accounting"), skill("tax")],
        "areas": [areas[0]],
        "experience": "税理士として20年。NPO法人の会計支援の経験あり。",
        "introduction": "小さな団体の会計や決算のご相談にのります。",
        "weekdays": False,
        "evenings": True,
        "weekends": True,
        "availability_note": "平日夜と土曜日",
        "pro_bono": True,
        "fee_note": "",
        "phone": "090-1234-5678",
    }
    data.update(overrides)
    return data


def coordinator(email: str = "coord@test.example.jp") -> User:
    """A coordinator with two-factor set up (staff pages ask for it)."""
    from tests.roles import with_totp

    user = with_totp(UserFactory(email=email))
    staff_assign(user=user, role=StaffRole.COORDINATOR, actor=None)
    return user


def create_helper(*, user: User | None = None, approved: bool = True, **overrides: Any) -> TalentProfile:
    user = user or UserFactory()
    profile = services.profile_save(user=user, data=profile_data(**overrides))
    if approved:
        services.profile_review(profile=profile, actor=reviewing_staff(), decision="approve")
        profile.refresh_from_db()
    return profile


def request_data(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data = {
        "title": "会計ソフトの導入と決算書づくり",
        "skills": [skill("accounting")],
        "description": "会員30名の団体です。会計ソフトを入れて決算書を作れるようにしたい。",
        "period_start": today + datetime.timedelta(days=7),
        "period_end": today + datetime.timedelta(days=90),
        "budget": 0,
        "area": None,
    }
    data.update(overrides)
    return data


def create_request(*, group: CommunityGroup | None = None, **overrides: Any) -> TalentRequest:
    group = group or create_group(representative=UserFactory())
    rep = group.memberships.get(role="representative").user
    return services.request_create(group=group, actor=rep, data=request_data(**overrides))


def propose(request: TalentRequest, profile: TalentProfile, actor: User) -> TalentCandidacy:
    return services.candidate_propose(request=request, actor=actor, profile=profile, message="お願いできますか")


def introduced_request(
    *, group: CommunityGroup | None = None, helper: TalentProfile | None = None, actor: User | None = None
) -> tuple[TalentRequest, TalentCandidacy]:
    actor = actor or coordinator(f"intro-{UserFactory().pk}@test.example.jp")
    request = create_request(group=group)
    helper = helper or create_helper()
    candidacy = propose(request, helper, actor)
    services.candidacy_answer(candidacy=candidacy, actor=helper.user, accept=True)
    services.candidacy_introduce(candidacy=candidacy, actor=actor)
    request.refresh_from_db()
    candidacy.refresh_from_db()
    return request, candidacy
