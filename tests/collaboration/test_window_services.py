"""The window's services: routing, review, presentation, decisions and their publication
(every refusal writes nothing)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collaboration.models import (
    CallStatus,
    PartnerKind,
    Project,
    ProjectStatus,
    ProposalRouting,
    ProposalStatus,
)
from collaboration.services import thread
from collaboration.services import window as services
from portal.models import AuditLogEntry
from portal.models_review import ConflictDeclaration
from tests.factories.collaboration import (
    create_call,
    create_liaison,
    create_proposal,
    create_window_committee,
)
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
P = ProposalStatus


@pytest.fixture
def staff() -> Any:
    return reviewing_staff()


@pytest.fixture
def group() -> Any:
    return create_group()


@pytest.fixture
def fukushi() -> Any:
    return DepartmentFactory(code="fukushi", email="")


def _refused(code: str, func: Any, *args: Any, **kwargs: Any) -> ValidationError:
    before = AuditLogEntry.objects.count()
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    codes = (
        {e.code for e in info.value.error_list}
        if not hasattr(info.value, "error_dict")
        else {e.code for errors in info.value.error_dict.values() for e in errors}
    )
    assert code in codes, codes
    assert AuditLogEntry.objects.count() == before
    return info.value


# --- routing -----------------------------------------------------------------------------------


def test_route_notifies_the_liaison_and_is_audited(
    staff: Any, group: Any, fukushi: Any, django_capture_on_commit_callbacks: Any
) -> None:
    liaison = create_liaison(fukushi, email="liaison-f@test.example.jp")
    proposal = create_proposal(group=group, status=P.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        routing = services.proposal_route(actor=staff, proposal=proposal, department=fukushi, request="福祉の観点で")
    assert routing.request == "福祉の観点で"
    assert AuditLogEntry.objects.filter(action="collaboration.proposal.routed").exists()
    assert [m.to for m in mail.outbox] == [[liaison.email]]


def test_route_refusals(staff: Any, group: Any, fukushi: Any) -> None:
    proposal = create_proposal(group=group, status=P.SUBMITTED)
    _refused("required", services.proposal_route, actor=staff, proposal=proposal, department=fukushi, request=" ")
    _refused("null", services.proposal_route, actor=staff, proposal=proposal, department=fukushi, request="a\x00b")
    services.proposal_route(actor=staff, proposal=proposal, department=fukushi, request="依頼")
    _refused("routed", services.proposal_route, actor=staff, proposal=proposal, department=fukushi, request="再")
    draft = create_proposal(group=group)
    _refused("not_routable", services.proposal_route, actor=staff, proposal=draft, department=fukushi, request="依頼")
    assert ProposalRouting.objects.count() == 1


def test_a_draft_that_asked_for_consultation_may_be_routed(staff: Any, group: Any, fukushi: Any) -> None:
    draft = create_proposal(group=group, consultation_requested_at=timezone.now())
    services.proposal_route(actor=staff, proposal=draft, department=fukushi, request="事前相談への助言を")
    assert draft.routings.count() == 1


def test_only_the_window_routes(group: Any, fukushi: Any) -> None:
    proposal = create_proposal(group=group, status=P.SUBMITTED)
    liaison = create_liaison(fukushi)
    rep = group.memberships.get(role="representative").user
    for user in (liaison, rep, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.proposal_route(actor=user, proposal=proposal, department=fukushi, request="依頼")
    assert not ProposalRouting.objects.exists()


def test_unroute_until_answered(staff: Any, group: Any, fukushi: Any) -> None:
    liaison = create_liaison(fukushi)
    proposal = create_proposal(group=group, status=P.SUBMITTED)
    services.proposal_route(actor=staff, proposal=proposal, department=fukushi, request="依頼")
    services.proposal_unroute(actor=staff, proposal=proposal, department=fukushi)
    assert not proposal.routings.exists()
    services.proposal_route(actor=staff, proposal=proposal, department=fukushi, request="依頼")
    thread.message_post(actor=liaison, proposal=proposal, body="協力できます", department_id=fukushi.pk)
    _refused("answered", services.proposal_unroute, actor=staff, proposal=proposal, department=fukushi)
    other = DepartmentFactory()
    _refused("not_routed", services.proposal_unroute, actor=staff, proposal=proposal, department=other)
    assert proposal.routings.get().answer == "協力できます"


# --- review and presentation -----------------------------------------------------------------


def test_review_send_detects_conflicts(staff: Any, group: Any) -> None:
    rep = group.memberships.get(role="representative").user
    outsider = UserFactory()
    committee = create_window_committee(rep, outsider)
    proposal = create_proposal(create_call(committee=committee), group=group, status=P.SUBMITTED)
    services.review_send(actor=staff, proposal=proposal, expected_status=P.SUBMITTED)
    proposal.refresh_from_db()
    assert proposal.status == P.IN_REVIEW
    assert list(ConflictDeclaration.objects.values_list("member__user", flat=True)) == [rep.pk]
    assert AuditLogEntry.objects.get(action="collaboration.proposal.in_review").data["new"] == P.IN_REVIEW


def test_review_send_refusals(staff: Any, group: Any) -> None:
    no_committee = create_proposal(group=group, status=P.SUBMITTED)
    _refused("no_committee", services.review_send, actor=staff, proposal=no_committee)
    proposal = create_proposal(create_call(committee=create_window_committee()), group=group, status=P.SUBMITTED)
    _refused("stale", services.review_send, actor=staff, proposal=proposal, expected_status=P.DRAFT)
    with pytest.raises(PermissionDenied):
        services.review_send(actor=UserFactory(), proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == P.SUBMITTED


def test_presentation_invite(staff: Any, group: Any, django_capture_on_commit_callbacks: Any) -> None:
    proposal = create_proposal(group=group, status=P.IN_REVIEW)
    at = timezone.now() + datetime.timedelta(days=10)
    _refused("required", services.presentation_invite, actor=staff, proposal=proposal, at=at, place="")
    _refused("required", services.presentation_invite, actor=staff, proposal=proposal, at=None, place="会議室")
    _refused("line_break", services.presentation_invite, actor=staff, proposal=proposal, at=at, place="a\nb")
    submitted = create_proposal(group=group, status=P.SUBMITTED)
    _refused("not_in_review", services.presentation_invite, actor=staff, proposal=submitted, at=at, place="会議室")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.presentation_invite(actor=staff, proposal=proposal, at=at, place="市民活動センター会議室")
    proposal.refresh_from_db()
    assert proposal.presentation_place == "市民活動センター会議室"
    assert mail.outbox
    assert all("市民活動センター会議室" in m.body for m in mail.outbox)


# --- decisions -------------------------------------------------------------------------------


def test_decision_refusals_write_nothing(staff: Any, group: Any) -> None:
    proposal = create_proposal(group=group, status=P.IN_REVIEW)
    _refused("required", services.decision_record, actor=staff, proposal=proposal, decision=P.ADOPTED, reason=" ")
    _refused("required", services.decision_record, actor=staff, proposal=proposal, decision=P.NOT_ADOPTED, reason="")
    _refused(
        "required",
        services.decision_record,
        actor=staff,
        proposal=proposal,
        decision=P.CONDITIONAL,
        reason="良い提案",
        conditions="",
    )
    _refused(
        "stale",
        services.decision_record,
        actor=staff,
        proposal=proposal,
        decision=P.ADOPTED,
        reason="良い提案",
        expected_status=P.SUBMITTED,
    )
    _refused("invalid", services.decision_record, actor=staff, proposal=proposal, decision=P.WITHDRAWN, reason="x")
    with pytest.raises(PermissionDenied):
        services.decision_record(actor=UserFactory(), proposal=proposal, decision=P.ADOPTED, reason="x")
    proposal.refresh_from_db()
    assert proposal.status == P.IN_REVIEW
    assert proposal.decision_reason == ""


def test_decision_with_conditions_and_its_change(staff: Any, group: Any) -> None:
    proposal = create_proposal(group=group, status=P.IN_REVIEW)
    services.decision_record(
        actor=staff,
        proposal=proposal,
        decision=P.CONDITIONAL,
        reason="地域の課題に合う",
        conditions="事業計画の見直し",
        expected_status=P.IN_REVIEW,
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.conditions, proposal.decided_by) == (P.CONDITIONAL, "事業計画の見直し", staff)
    entry = AuditLogEntry.objects.get(action="collaboration.proposal.conditional")
    assert (entry.data["old"], entry.data["new"]) == (P.IN_REVIEW, P.CONDITIONAL)
    services.decision_record(actor=staff, proposal=proposal, decision=P.NOT_ADOPTED, reason="予算が合わない")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.conditions) == (P.NOT_ADOPTED, "")
    services.decision_record(actor=staff, proposal=proposal, decision=P.NOT_ADOPTED, reason="予算の規模が合わない")
    proposal.refresh_from_db()
    assert proposal.decision_reason == "予算の規模が合わない"
    assert AuditLogEntry.objects.filter(action="collaboration.proposal.decision_changed").exists()


def test_a_submitted_proposal_may_be_not_adopted_but_not_adopted_without_review(staff: Any, group: Any) -> None:
    proposal = create_proposal(group=group, status=P.SUBMITTED)
    _refused(
        "invalid_transition", services.decision_record, actor=staff, proposal=proposal, decision=P.ADOPTED, reason="x"
    )
    services.decision_record(actor=staff, proposal=proposal, decision=P.NOT_ADOPTED, reason="対象外の事業")
    proposal.refresh_from_db()
    assert proposal.status == P.NOT_ADOPTED


# --- publishing --------------------------------------------------------------------------------


def _closed_call_with_decisions(staff: Any, group: Any, fukushi: Any) -> tuple[Any, Any, Any]:
    call = create_call(status=CallStatus.CLOSED, closes_at=timezone.now() - datetime.timedelta(days=1))
    adopted = create_proposal(call, group=group, status=P.IN_REVIEW)
    services.proposal_route(actor=staff, proposal=adopted, department=fukushi, request="依頼")
    services.decision_record(
        actor=staff, proposal=adopted, decision=P.CONDITIONAL, reason="地域に合う", conditions="報告を毎月"
    )
    business_user = UserFactory(email="biz@test.example.jp")
    rejected = create_proposal(call, user=business_user, status=P.IN_REVIEW)
    services.decision_record(actor=staff, proposal=rejected, decision=P.NOT_ADOPTED, reason="市の計画と重なる")
    return call, adopted, rejected


def test_publish_refused_while_undecided(staff: Any, group: Any, fukushi: Any) -> None:
    call, adopted, _ = _closed_call_with_decisions(staff, group, fukushi)
    create_proposal(call, group=group, status=P.SUBMITTED)
    assert services.decisions_blockers(call)
    _refused("undecided", services.decisions_publish, actor=staff, call=call)
    call.refresh_from_db()
    adopted.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    assert adopted.decision_published_at is None
    assert not Project.objects.exists()


def test_publish_refused_for_an_open_call_and_for_others(staff: Any, group: Any) -> None:
    call = create_call()
    _refused("invalid_transition", services.decisions_publish, actor=staff, call=call)
    with pytest.raises(PermissionDenied):
        services.decisions_publish(actor=UserFactory(), call=call)
    _refused("stale", services.decisions_publish, actor=staff, call=call, expected_status=CallStatus.CLOSED)


def test_publish_tells_everyone_and_creates_projects(
    staff: Any, group: Any, fukushi: Any, django_capture_on_commit_callbacks: Any
) -> None:
    call, adopted, rejected = _closed_call_with_decisions(staff, group, fukushi)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        projects = services.decisions_publish(actor=staff, call=call, expected_status=CallStatus.CLOSED)
    call.refresh_from_db()
    adopted.refresh_from_db()
    rejected.refresh_from_db()
    assert call.status == CallStatus.ANNOUNCED
    assert call.decisions_published_at is not None
    assert adopted.decision_published_at == rejected.decision_published_at == call.decisions_published_at
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "市の計画と重なる" in bodies["biz@test.example.jp"]
    assert any("報告を毎月" in body and "地域に合う" in body for body in bodies.values())
    [project] = projects
    assert project.proposal == adopted
    assert (project.status, project.is_published, project.department) == (ProjectStatus.PLANNED, True, call.department)
    assert project.form.code == "kyodo-itaku"
    assert project.budget_total == adopted.budget_total
    partners = list(project.partners.order_by("order"))
    assert [p.kind for p in partners] == [PartnerKind.GROUP, PartnerKind.DEPARTMENT, PartnerKind.DEPARTMENT]
    assert partners[0].group == group
    assert {p.department_id for p in partners[1:]} == {call.department_id, fukushi.pk}
    # once published, never again, and no decision may change
    _refused("published", services.decisions_publish, actor=staff, call=call)
    _refused("published", services.decision_record, actor=staff, proposal=rejected, decision=P.ADOPTED, reason="再考")
    _refused(
        "published", services.proposal_route, actor=staff, proposal=adopted, department=DepartmentFactory(), request="x"
    )


def test_a_business_becomes_a_business_partner(staff: Any) -> None:
    call = create_call(status=CallStatus.CLOSED)
    user = UserFactory()
    proposal = create_proposal(call, user=user, status=P.IN_REVIEW)
    services.decision_record(actor=staff, proposal=proposal, decision=P.ADOPTED, reason="実績がある")
    [project] = services.decisions_publish(actor=staff, call=call)
    business = project.partners.get(kind=PartnerKind.BUSINESS)
    assert (business.contact, business.name) == (user, proposal.business_name)
    assert project.partners.filter(kind=PartnerKind.DEPARTMENT).count() == 1


# --- an all-year 市民提案型 window publishes in batches ------------------------------------------


def test_rolling_window__publishes_decided_in_batches_and_stays_open(
    staff: Any, group: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from collaboration.models import CallKind

    call = create_call(kind=CallKind.CITIZEN, slug="shimin-teian", closes_at=None)
    assert call.is_rolling
    _refused("nothing", services.decisions_publish, actor=staff, call=call)
    first = create_proposal(call, group=group, status=P.IN_REVIEW)
    waiting = create_proposal(call, user=UserFactory(), status=P.IN_REVIEW)
    services.decision_record(actor=staff, proposal=first, decision=P.ADOPTED, reason="地域の課題に合う")
    assert services.decisions_blockers(call) == []
    with django_capture_on_commit_callbacks(execute=True):
        [project] = services.decisions_publish(actor=staff, call=call, expected_status=CallStatus.OPEN)
    call.refresh_from_db()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert call.status == CallStatus.OPEN
    assert call.accepts_proposals()
    assert first.decision_published_at == call.decisions_published_at
    assert waiting.decision_published_at is None
    assert project.proposal == first
    assert AuditLogEntry.objects.filter(action="collaboration.call.decisions_published").count() == 1
    # the published one is final; the waiting one can still be decided and published next time
    _refused("published", services.decision_record, actor=staff, proposal=first, decision=P.NOT_ADOPTED, reason="x")
    services.decision_record(actor=staff, proposal=waiting, decision=P.NOT_ADOPTED, reason="市の既存事業と重なる")
    services.decisions_publish(actor=staff, call=call)
    waiting.refresh_from_db()
    assert waiting.decision_published_at is not None
    _refused("nothing", services.decisions_publish, actor=staff, call=call)
