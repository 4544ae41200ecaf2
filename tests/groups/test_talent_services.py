"""Talent bank services: every transition and refusal."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from groups.models import CandidacyStatus, ProfileStatus, RequestStatus, TalentFeedback
from groups.services import talent as services
from portal.models import AuditLogEntry
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.talent import (
    coordinator,
    create_helper,
    create_request,
    introduced_request,
    profile_data,
    propose,
    request_data,
)

pytestmark = pytest.mark.django_db


def test_profile_save__new__pending_and_audited() -> None:
    user = UserFactory()
    profile = services.profile_save(user=user, data=profile_data())
    assert profile.status == ProfileStatus.PENDING
    assert set(profile.skills.values_list("slug", flat=True)) == {"accounting", "tax"}
    assert AuditLogEntry.objects.filter(action="groups.talentprofile.created").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"display_name": "二行\n名前"}, "display_name"),
        ({"display_name": ""}, "display_name"),
        ({"introduction": "a\x00b"}, "introduction"),
        ({"experience": "x" * 3001}, "experience"),
        ({"skills": []}, "skills"),
        ({"areas": []}, "areas"),
        ({"pro_bono": False, "fee_note": ""}, "fee_note"),
        ({"kind": "robot"}, "kind"),
        ({"phone": "call me"}, "phone"),
    ],
)
def test_profile_save__bad_input__refused(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        services.profile_save(user=UserFactory(), data=profile_data(**overrides))
    assert field in info.value.error_dict


def test_profile_save__public_text_change__back_to_review() -> None:
    profile = create_helper()
    assert profile.status == ProfileStatus.APPROVED
    services.profile_save(user=profile.user, data=profile_data(availability_note="土曜日のみ"))
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.APPROVED
    services.profile_save(user=profile.user, data=profile_data(introduction="新しい紹介文"))
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PENDING


def test_profile_review__return_needs_reason_then_resubmit() -> None:
    profile = create_helper(approved=False)
    staff = reviewing_staff()
    with pytest.raises(ValidationError):
        services.profile_review(profile=profile, actor=staff, decision="return")
    services.profile_review(profile=profile, actor=staff, decision="return", note="紹介文に連絡先を書かないでください")
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.RETURNED
    services.profile_save(user=profile.user, data=profile_data())
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PENDING


def test_profile_review__citizen_refused_and_stale_refused() -> None:
    profile = create_helper(approved=False)
    with pytest.raises(PermissionDenied):
        services.profile_review(profile=profile, actor=UserFactory(), decision="approve")
    with pytest.raises(ValidationError) as info:
        services.profile_review(
            profile=profile, actor=reviewing_staff(), decision="approve", expected_status=ProfileStatus.APPROVED
        )
    assert info.value.error_list[0].code == "stale"


def test_profile_suspend_and_reinstate_and_withdraw() -> None:
    profile = create_helper()
    staff = reviewing_staff()
    services.profile_review(profile=profile, actor=staff, decision="suspend", note="苦情があったため")
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.SUSPENDED
    services.profile_review(profile=profile, actor=staff, decision="approve")
    services.profile_withdraw(profile=profile, actor=profile.user)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.WITHDRAWN
    with pytest.raises(PermissionDenied):
        services.profile_withdraw(profile=profile, actor=UserFactory())


def test_request_create__editor_only_and_mails_coordinators(django_capture_on_commit_callbacks: Any) -> None:
    coord = coordinator()
    group = create_group(representative=UserFactory())
    with pytest.raises(PermissionDenied):
        services.request_create(group=group, actor=UserFactory(), data=request_data())
    with django_capture_on_commit_callbacks(execute=True):
        request = create_request(group=group)
    assert request.status == RequestStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [[coord.email]]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "a\nb"}, "title"),
        ({"skills": []}, "skills"),
        ({"budget": 10**12}, "budget"),
    ],
)
def test_request_create__bad_input__refused(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        create_request(**overrides)
    assert field in info.value.error_dict


def test_request_create__period_backwards_or_far__refused() -> None:
    data = request_data()
    with pytest.raises(ValidationError):
        create_request(period_start=data["period_end"], period_end=data["period_start"])
    with pytest.raises(ValidationError):
        create_request(period_end=data["period_end"].replace(year=9999))


def test_propose__moves_request_and_mails_helper(django_capture_on_commit_callbacks: Any) -> None:
    coord = coordinator()
    request = create_request()
    helper = create_helper()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        candidacy = propose(request, helper, coord)
    request.refresh_from_db()
    assert request.status == RequestStatus.PROPOSED
    assert candidacy.status == CandidacyStatus.PROPOSED
    assert [m.to for m in mail.outbox] == [[helper.user.email]]
    assert request.group.contact_email not in mail.outbox[0].body
    with pytest.raises(ValidationError):
        propose(request, helper, coord)  # twice


def test_propose__refusals() -> None:
    coord = coordinator()
    request = create_request()
    with pytest.raises(PermissionDenied):
        propose(request, create_helper(), reviewing_staff())  # city staff review, they do not match
    with pytest.raises(ValidationError):
        propose(request, create_helper(approved=False), coord)


def test_answer__only_the_helper_and_once() -> None:
    coord = coordinator()
    candidacy = propose(create_request(), create_helper(), coord)
    with pytest.raises(PermissionDenied):
        services.candidacy_answer(candidacy=candidacy, actor=coord, accept=True)
    services.candidacy_answer(candidacy=candidacy, actor=candidacy.profile.user, accept=False, note="今月は忙しい")
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.DECLINED
    with pytest.raises(ValidationError):
        services.candidacy_answer(candidacy=candidacy, actor=candidacy.profile.user, accept=True)


def test_introduce__needs_acceptance_then_mails_both_sides(django_capture_on_commit_callbacks: Any) -> None:
    coord = coordinator()
    request = create_request()
    helper, other = create_helper(), create_helper(display_name="社労士S")
    candidacy = propose(request, helper, coord)
    waiting = propose(request, other, coord)
    with pytest.raises(ValidationError):
        services.candidacy_introduce(candidacy=candidacy, actor=coord)  # not accepted yet
    services.candidacy_answer(candidacy=candidacy, actor=helper.user, accept=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.candidacy_introduce(candidacy=candidacy, actor=coord)
    request.refresh_from_db()
    waiting.refresh_from_db()
    assert request.status == RequestStatus.INTRODUCED
    assert waiting.status == CandidacyStatus.WITHDRAWN
    to_helper = next(m for m in mail.outbox if m.to == [helper.user.email])
    assert request.group.contact_email in to_helper.body
    rep = request.group.memberships.get(role="representative").user
    to_group = next(m for m in mail.outbox if m.to == [rep.email])
    assert helper.user.email in to_group.body
    assert helper.phone in to_group.body


def test_feedback__each_side_once_after_introduction() -> None:
    request, candidacy = introduced_request()
    rep = request.group.memberships.get(role="representative").user
    services.feedback_record(request=request, actor=rep, rating=5, comment="助かりました")
    services.feedback_record(request=request, actor=candidacy.profile.user, rating=4)
    assert set(TalentFeedback.objects.values_list("side", flat=True)) == {"group", "helper"}
    with pytest.raises(ValidationError):
        services.feedback_record(request=request, actor=rep, rating=3)
    with pytest.raises(PermissionDenied):
        services.feedback_record(request=request, actor=UserFactory(), rating=3)


def test_feedback__bad_rating_and_before_introduction_refused() -> None:
    request, _candidacy = introduced_request()
    rep = request.group.memberships.get(role="representative").user
    with pytest.raises(ValidationError):
        services.feedback_record(request=request, actor=rep, rating=9)
    fresh = create_request(group=request.group)
    with pytest.raises(ValidationError):
        services.feedback_record(request=fresh, actor=rep, rating=5)


def test_close__completed_after_introduction_unmatched_with_note() -> None:
    coord = coordinator()
    request, _ = introduced_request(actor=coord)
    with pytest.raises(ValidationError):
        services.request_close(request=request, actor=coord, outcome=RequestStatus.UNMATCHED, note="x")
    services.request_close(request=request, actor=coord, outcome=RequestStatus.COMPLETED)
    request.refresh_from_db()
    assert request.status == RequestStatus.COMPLETED
    other = create_request()
    with pytest.raises(ValidationError):
        services.request_close(request=other, actor=coord, outcome=RequestStatus.UNMATCHED)
    services.request_close(request=other, actor=coord, outcome=RequestStatus.UNMATCHED, note="該当者なし")
    other.refresh_from_db()
    assert other.status == RequestStatus.UNMATCHED


def test_cancel__by_the_group_before_introduction() -> None:
    coord = coordinator()
    request = create_request()
    candidacy = propose(request, create_helper(), coord)
    with pytest.raises(PermissionDenied):
        services.request_cancel(request=request, actor=coord)
    rep = request.group.memberships.get(role="representative").user
    services.request_cancel(request=request, actor=rep)
    request.refresh_from_db()
    candidacy.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert candidacy.status == CandidacyStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        services.request_cancel(request=request, actor=rep)
