"""Collaboration calls, proposals and projects in the states a test needs, written
straight to the database (tests of the services build theirs through them)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from collaboration.models import (
    Call,
    CallKind,
    CallStatus,
    CollaborationForm,
    Domain,
    PartnerKind,
    Project,
    ProjectPartner,
    ProjectStatus,
    Proposal,
    ProposalStatus,
    ProposerKind,
)
from groups.models import CommunityGroup
from portal.dates import fiscal_year, fiscal_year_range
from portal.models import Department, User
from tests.factories.portal import DepartmentFactory

_counter = itertools.count(1)


def window_department() -> Department:
    return Department.objects.filter(code="kyodo").first() or DepartmentFactory(code="kyodo")


def collaboration_form(code: str = "kyodo-itaku") -> CollaborationForm:
    return CollaborationForm.objects.get(code=code)


def create_call(**overrides: Any) -> Call:
    """An open 行政提案型 theme of this fiscal year, closing in three weeks."""
    n = next(_counter)
    now = timezone.now()
    year = overrides.pop("fiscal_year", fiscal_year(timezone.localdate()))
    start, end = fiscal_year_range(year)
    data: dict[str, Any] = {
        "kind": CallKind.THEME,
        "slug": f"theme-{n}",
        "fiscal_year": year,
        "department": overrides.pop("department", None) or window_department(),
        "title": "空き家を活用した地域の居場所づくり",
        "title_en": "Community spaces in empty houses",
        "background": "市内の空き家が増えています。",
        "city_contribution": "空き家所有者との調整、広報",
        "participation_criteria": "市内で1年以上活動している団体",
        "budget_min": 300_000,
        "budget_max": 1_000_000,
        "starts_on": start,
        "ends_on": end,
        "opens_at": now - datetime.timedelta(days=7),
        "closes_at": now + datetime.timedelta(days=21),
        "status": CallStatus.OPEN,
        "published_at": now - datetime.timedelta(days=7),
    }
    data.update(overrides)
    return Call.objects.create(**data)


def create_proposal(
    call: Call | None = None,
    *,
    group: CommunityGroup | None = None,
    user: User | None = None,
    status: str = ProposalStatus.DRAFT,
    **overrides: Any,
) -> Proposal:
    """A complete proposal by `group` (or, without one, by a business whose account is
    `user`) in `status`."""
    call = call or create_call()
    n = next(_counter)
    if user is None and group is not None:
        user = group.memberships.filter(role="representative").first().user
    assert user is not None
    data: dict[str, Any] = {
        "call": call,
        "proposer_kind": ProposerKind.GROUP if group else ProposerKind.BUSINESS,
        "group": group,
        "business_name": "" if group else "株式会社みどり商事",
        "created_by": user,
        "title": f"空き家カフェ事業 {n}",
        "issue": "高齢者の孤立",
        "content": "空き家を改修し、週2回の交流カフェを開く。",
        "target": "地域の高齢者",
        "roles": "団体：運営　市：広報と所有者調整",
        "budget_total": 500_000,
        "cost_sharing": "市：30万円　団体：20万円",
        "starts_on": call.starts_on,
        "ends_on": call.ends_on,
        "schedule": "4月準備、6月開始",
        "capability": "サロン運営5年",
        "status": status,
    }
    if status != ProposalStatus.DRAFT:
        data["receipt_number"] = f"K{call.fiscal_year}-{n:04d}"
        data["submitted_at"] = timezone.now()
    data.update(overrides)
    return Proposal.objects.create(**data)


def create_project(
    *,
    groups: tuple[CommunityGroup, ...] = (),
    departments: tuple[Department, ...] = (),
    **overrides: Any,
) -> Project:
    """A published project under way, with the groups and departments as partners (the
    window's department when none is given)."""
    n = next(_counter)
    today = timezone.localdate()
    department = overrides.pop("department", None) or (departments[0] if departments else window_department())
    data: dict[str, Any] = {
        "slug": f"project-{n}",
        "title": f"協働事業 {n}",
        "title_en": f"Collaboration project {n}",
        "summary": "市と団体が協働して地域の課題に取り組みます。",
        "form": collaboration_form(),
        "domain": Domain.JOINT,
        "department": department,
        "fiscal_year": fiscal_year(today),
        "starts_on": today - datetime.timedelta(days=60),
        "ends_on": today + datetime.timedelta(days=300),
        "budget_total": 800_000,
        "status": ProjectStatus.ACTIVE,
        "progress": 30,
    }
    data.update(overrides)
    project = Project.objects.create(**data)
    order = 0
    for group in groups:
        ProjectPartner.objects.create(project=project, kind=PartnerKind.GROUP, group=group, order=order, role="運営")
        order += 1
    for dept in departments or (department,):
        ProjectPartner.objects.create(
            project=project, kind=PartnerKind.DEPARTMENT, department=dept, order=order, role="広報・調整"
        )
        order += 1
    return project


# --- agreements and evaluations -----------------------------------------------------------


def create_agreement(project: Project, *, status: str = "draft", version: int = 1, **overrides: Any) -> Any:
    """An agreement version of `project` with one party per partner; in force or
    superseded versions have every party confirmed, circulating ones none."""
    from collaboration.models import Agreement, AgreementParty, AgreementStatus

    now = timezone.now()
    confirmed = status in (AgreementStatus.IN_FORCE, AgreementStatus.SUPERSEDED)
    data: dict[str, Any] = {
        "project": project,
        "version": version,
        "status": status,
        "title": f"{project.title}に関する協定書",
        "purpose": "地域の居場所づくりを協働して進める。",
        "cost_sharing": "市：会場費　団体：運営費",
        "risks": "事故の責任は主催者が負う。",
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "disputes": "協議により解決する。",
        "circulated_at": now if status != AgreementStatus.DRAFT else None,
        "in_force_at": now if confirmed else None,
        "change_reason": "" if version == 1 else "期間を延長するため",
    }
    data.update(overrides)
    agreement = Agreement.objects.create(**data)
    for partner in project.partners.all():
        AgreementParty.objects.create(
            agreement=agreement,
            partner=partner,
            roles=partner.role or "協力",
            confirmed_at=now if confirmed else None,
        )
    return agreement


def create_round(project: Project, *, is_final: bool = True, released: bool = False, **overrides: Any) -> Any:
    from collaboration.models import EvaluationRound

    data: dict[str, Any] = {
        "project": project,
        "fiscal_year": project.fiscal_year,
        "is_final": is_final,
        "due_on": timezone.localdate() + datetime.timedelta(days=30),
        "released_at": timezone.now() if released else None,
    }
    data.update(overrides)
    return EvaluationRound.objects.create(**data)


def scores(value: int = 4, comment: str = "よく協力できた") -> dict[str, Any]:
    from collaboration.models import EVALUATION_QUESTIONS

    data: dict[str, Any] = {"overall": "全体として順調だった。"}
    for question, _label in EVALUATION_QUESTIONS:
        data[f"{question}_score"] = value
        data[f"{question}_comment"] = f"{comment}（{question}）"
    return data


def create_evaluation(round_: Any, kind: str, evaluator: Any = None, subject: Any = None, **overrides: Any) -> Any:
    from collaboration.models import Evaluation

    return Evaluation.objects.create(
        round=round_,
        kind=kind,
        evaluator=evaluator,
        subject=subject,
        submitted_at=timezone.now(),
        **{**scores(), **overrides},
    )


def complete_round(round_: Any) -> None:
    """Every partner's self-evaluation and mutual evaluations."""
    partners = list(round_.project.partners.all())
    for evaluator in partners:
        create_evaluation(round_, "self", evaluator)
        for subject in partners:
            if subject.pk != evaluator.pk:
                create_evaluation(round_, "mutual", evaluator, subject)


def build_agreements_world(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the agreements and evaluations role matrix and hostile corpus visit:
    the representative's group and the window's department are partners of `project`
    (an agreement in force), `draft_project` (a draft) and `circulating_project`; the
    other group's project has its own agreement; `bare_project` has none; `ended_project`
    has an open final round awaiting every evaluation and a released round."""
    from collaboration.models import AgreementStatus

    group, other_group = role_users["_group"], role_users["_other_group"]
    today = timezone.localdate()
    project = create_project(groups=(group,))
    draft_project = create_project(groups=(group,))
    circulating_project = create_project(groups=(group,))
    bare_project = create_project(groups=(group,))
    other_project = create_project(groups=(other_group,))
    ended_project = create_project(
        groups=(group,),
        status=ProjectStatus.COMPLETED,
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=10),
        fiscal_year=fiscal_year(today - datetime.timedelta(days=400)),
    )
    released = create_round(ended_project, is_final=False, released=True)
    complete_round(released)
    from portal.models_review import ReviewCommittee

    committee = ReviewCommittee.objects.create(
        name="協働事業評価委員会", fiscal_year=fiscal_year(today), chair=role_users["reviewer"]
    )
    return {
        "committee": committee,
        "project": project,
        "agreement": create_agreement(project, status=AgreementStatus.IN_FORCE),
        "draft": create_agreement(draft_project),
        "circulating": create_agreement(circulating_project, status=AgreementStatus.CIRCULATING),
        "bare_project": bare_project,
        "other_project": other_project,
        "other_agreement": create_agreement(other_project, status=AgreementStatus.IN_FORCE),
        "ended_project": ended_project,
        "round": create_round(ended_project, fiscal_year=fiscal_year(today)),
        "released_round": released,
        "other_round": create_round(other_project, is_final=False),
    }
