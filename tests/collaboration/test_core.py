"""The collaboration core written before the areas: the permission policies (predicate
and queryset agree for every role), the proposal thread service and who is e-mailed."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from collaboration.models import (
    CaseReporter,
    CaseStudy,
    Domain,
    EndorsementKind,
    EndorsementRequest,
    Liaison,
    MainBenefit,
    MessageKind,
    Project,
    ProjectPartner,
    Proposal,
    ProposalMessage,
    ProposalNote,
    ProposalRouting,
    ProposalStatus,
)
from collaboration.permissions import (
    case_policy,
    endorsement_policy,
    is_case_reporter,
    is_window_staff,
    partners_acting_for,
    project_policy,
    proposal_policy,
)
from collaboration.services.thread import consultation_request, message_post, note_add
from portal.models import AuditLogEntry, StaffRole, User
from portal.services import staff_assign
from tests.factories.collaboration import collaboration_form, create_call, create_project, create_proposal
from tests.factories.portal import DepartmentFactory, UserFactory
from tests.roles import ROLES

pytestmark = pytest.mark.django_db


def _department_staff(code: str, *, liaison: bool = False) -> User:
    department = DepartmentFactory(code=code)
    user = UserFactory()
    staff_assign(user=user, role=StaffRole.CITY_STAFF, department=department, actor=None)
    if liaison:
        Liaison.objects.create(department=department, user=user)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def data(role_users: dict[str, Any]) -> dict[str, Any]:
    group, other_group = role_users["_group"], role_users["_other_group"]
    call = create_call()
    fukushi = _department_staff("fukushi", liaison=True)
    other_liaison = _department_staff("kankyo", liaison=True)
    draft = create_proposal(call, group=group)
    submitted = create_proposal(call, group=other_group, status=ProposalStatus.SUBMITTED)
    business_user = UserFactory()
    business = create_proposal(call, user=business_user, status=ProposalStatus.SUBMITTED)
    ProposalRouting.objects.create(proposal=submitted, department=fukushi.staff_assignments.get().department)
    published = create_project(groups=(group,))
    hidden = create_project(groups=(other_group,), is_published=False)
    EndorsementRequest.objects.create(
        kind=EndorsementKind.COHOSTING,
        group=group,
        receipt_number="E-1",
        event_title="まつり",
        starts_on=published.starts_on,
        ends_on=published.starts_on,
        venue="公民館",
        purpose="交流",
        organisers="実行委員会",
        audience="市民",
        expected_people=100,
        main_benefit=MainBenefit.FEE_REDUCTION,
    )
    EndorsementRequest.objects.create(
        kind=EndorsementKind.ENDORSEMENT,
        group=other_group,
        receipt_number="E-2",
        event_title="講演会",
        starts_on=published.starts_on,
        ends_on=published.starts_on,
        venue="ホール",
        purpose="啓発",
        organisers="団体",
        audience="市民",
        expected_people=50,
        main_benefit=MainBenefit.TRUST,
    )
    reporter = UserFactory()
    CaseReporter.objects.create(user=reporter)
    for slug, published_at, author in (("done", published.created_at, None), ("draft", None, reporter)):
        CaseStudy.objects.create(
            slug=slug,
            title="事例",
            content="内容",
            effects="効果",
            went_well="良かった点",
            difficulties="苦労",
            improvements="改善",
            form=collaboration_form(),
            domain=Domain.JOINT,
            published_at=published_at,
            author=author,
        )
    return {
        "call": call,
        "draft": draft,
        "submitted": submitted,
        "business": business,
        "business_user": business_user,
        "liaison": fukushi,
        "other_liaison": other_liaison,
        "published": published,
        "hidden": hidden,
        "reporter": reporter,
    }


POLICIES = [
    (proposal_policy, Proposal),
    (project_policy, Project),
    (endorsement_policy, EndorsementRequest),
    (case_policy, CaseStudy),
]


def _users(role_users: dict[str, Any], data: dict[str, Any]) -> list[Any]:
    users = [AnonymousUser() if role_users[r] is None else User.objects.get(pk=role_users[r].pk) for r in ROLES]
    for key in ("liaison", "other_liaison", "business_user", "reporter"):
        users.append(User.objects.get(pk=data[key].pk))
    return users


@pytest.mark.parametrize(("policy", "model"), POLICIES, ids=[type(p).__name__ for p, _m in POLICIES])
def test_policy__predicate_and_queryset__agree(
    role_users: dict[str, Any], data: dict[str, Any], policy: Any, model: Any
) -> None:
    objects = list(model._default_manager.all())
    answers: set[bool] = set()
    for user in _users(role_users, data):
        for action in policy.actions:
            allowed = set(policy.instances_user_has_permission_for(user, action).values_list("pk", flat=True))
            for obj in objects:
                can = policy.can(user, action, obj)
                answers.add(can)
                assert can == (obj.pk in allowed), f"{type(policy).__name__} {action} as {user} on {obj!r}"
    assert answers == {True, False}


def test_window__is_kyodo_city_staff_and_superuser(role_users: dict[str, Any], data: dict[str, Any]) -> None:
    assert is_window_staff(role_users["city_staff"])
    assert is_window_staff(role_users["superuser"])
    assert not is_window_staff(data["liaison"])
    assert not is_window_staff(role_users["reviewer"])
    assert not is_window_staff(AnonymousUser())


def test_proposal_visibility__routed_department_only(role_users: dict[str, Any], data: dict[str, Any]) -> None:
    submitted = data["submitted"]
    assert proposal_policy.can(data["liaison"], "view", submitted)
    assert proposal_policy.can(data["liaison"], "answer", submitted)
    assert not proposal_policy.can(data["other_liaison"], "view", submitted)
    assert not proposal_policy.can(data["liaison"], "decide", submitted)
    assert not proposal_policy.can(role_users["representative"], "view", submitted)
    assert proposal_policy.can(data["business_user"], "edit", data["business"])
    assert not proposal_policy.can(role_users["member"], "edit", data["draft"])
    assert proposal_policy.can(role_users["member"], "view", data["draft"])


def test_project_visibility__unpublished_for_partners_and_staff(
    role_users: dict[str, Any], data: dict[str, Any]
) -> None:
    hidden = data["hidden"]
    assert not project_policy.can(AnonymousUser(), "view", hidden)
    assert not project_policy.can(role_users["representative"], "view", hidden)
    assert project_policy.can(User.objects.get(pk=role_users["other_representative"].pk), "partner", hidden)
    assert project_policy.can(role_users["city_staff"], "manage", hidden)
    rep = User.objects.get(pk=role_users["representative"].pk)
    assert [p.group_id for p in partners_acting_for(rep, data["published"])] == [role_users["_group"].pk]
    assert partners_acting_for(User.objects.get(pk=role_users["member"].pk), data["published"]) == []


def test_case_reporter__sees_own_draft(role_users: dict[str, Any], data: dict[str, Any]) -> None:
    draft = CaseStudy.objects.get(slug="draft")
    assert is_case_reporter(data["reporter"])
    assert case_policy.can(data["reporter"], "edit", draft)
    assert not case_policy.can(role_users["citizen"], "view", draft)


# --- The thread -------------------------------------------------------------------------------


def test_message__proposer_and_staff_write__others_refused(
    role_users: dict[str, Any], data: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    submitted = data["submitted"]
    rep = User.objects.get(pk=role_users["other_representative"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        message_post(actor=rep, proposal=submitted, body="予算の考え方を補足します。")
        message_post(actor=data["liaison"], proposal=submitted, body="承知しました。", department_id=None)
    assert list(submitted.messages.values_list("kind", flat=True)) == [MessageKind.MESSAGE, MessageKind.MESSAGE]
    assert len(mailoutbox) >= 2
    for outsider in (role_users["representative"], data["other_liaison"], role_users["reviewer"]):
        with pytest.raises(PermissionDenied):
            message_post(actor=outsider, proposal=submitted, body="x")
    assert submitted.messages.count() == 2


def test_department_answer__records_routing_answer(data: dict[str, Any]) -> None:
    submitted = data["submitted"]
    department_id = data["liaison"].staff_assignments.get().department_id
    message_post(
        actor=data["liaison"], proposal=submitted, body="福祉課として協力できます。", department_id=department_id
    )
    routing = ProposalRouting.objects.get(proposal=submitted)
    assert routing.answer == "福祉課として協力できます。"
    assert routing.answered_by == data["liaison"]
    message = submitted.messages.get()
    assert message.kind == MessageKind.DEPARTMENT
    assert AuditLogEntry.objects.filter(action="collaboration.proposal.department").exists()


def test_department_answer__unrouted_department__refused(role_users: dict[str, Any], data: dict[str, Any]) -> None:
    other_department = data["other_liaison"].staff_assignments.get().department_id
    with pytest.raises(ValidationError) as error:
        message_post(
            actor=role_users["city_staff"], proposal=data["submitted"], body="回答", department_id=other_department
        )
    assert error.value.error_list[0].code == "not_routed"
    assert not ProposalMessage.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "a\x00b", "あ" * 4001])
def test_message__bad_body__refused_nothing_written(
    role_users: dict[str, Any], data: dict[str, Any], body: str
) -> None:
    with pytest.raises(ValidationError):
        message_post(actor=role_users["representative"], proposal=data["draft"], body=body)
    assert not ProposalMessage.objects.exists()


def test_consultation__draft_only__kept_with_proposal(role_users: dict[str, Any], data: dict[str, Any]) -> None:
    draft = data["draft"]
    consultation_request(actor=role_users["representative"], proposal=draft, body="事前に相談したいです。")
    draft.refresh_from_db()
    assert draft.consultation_requested_at is not None
    assert draft.messages.get().kind == MessageKind.CONSULTATION
    with pytest.raises(ValidationError):
        consultation_request(
            actor=User.objects.get(pk=role_users["other_representative"].pk), proposal=data["submitted"], body="相談"
        )
    with pytest.raises(PermissionDenied):
        consultation_request(actor=role_users["citizen"], proposal=draft, body="相談")


def test_note__staff_only(role_users: dict[str, Any], data: dict[str, Any]) -> None:
    note_add(actor=role_users["city_staff"], proposal=data["submitted"], body="予算規模を確認する。")
    note_add(actor=data["liaison"], proposal=data["submitted"], body="課内で検討中。")
    assert ProposalNote.objects.count() == 2
    with pytest.raises(PermissionDenied):
        note_add(actor=User.objects.get(pk=role_users["other_representative"].pk), proposal=data["submitted"], body="x")


def test_withdrawn__thread_closed(role_users: dict[str, Any], data: dict[str, Any]) -> None:
    draft = data["draft"]
    Proposal.objects.filter(pk=draft.pk).update(status=ProposalStatus.WITHDRAWN)
    with pytest.raises(ValidationError):
        message_post(actor=role_users["representative"], proposal=draft, body="まだ？")


def test_partner_constraint__kind_must_match(data: dict[str, Any]) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectPartner.objects.create(project=data["published"], kind="business", name="")
