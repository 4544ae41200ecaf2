"""Demo data of the agreements and evaluations areas (idempotent: natural keys).

Runs after the projects demo. When it left no project (a branch without it), three
projects are made here, with addresses starting "demo-agreement-". Then:
- most projects get an agreement in force; every fourth has version 2 with version 1
  superseded; one is circulating with one party confirmed; planned projects a draft;
- completed projects get a released final evaluation round with every partner's self
  and mutual evaluations and the committee's third-party evaluation; one completed
  project's round still awaits a partner (due in ten days).
Rows are written directly (the demo needs past dates), each with who confirmed or
submitted it."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from collaboration.models import (
    EVALUATION_QUESTIONS,
    Agreement,
    AgreementParty,
    AgreementStatus,
    CollaborationForm,
    Domain,
    Evaluation,
    EvaluationKind,
    EvaluationRound,
    PartnerKind,
    Project,
    ProjectPartner,
    ProjectStatus,
)
from portal.dates import fiscal_year
from portal.demo import DemoContext
from portal.models import Department, User

SLUG_PREFIX = "demo-agreement-"
S = AgreementStatus

DEMO_PROJECTS = [
    # slug suffix, title, status, started (days ago), length (days)
    ("1", "空き家を活用した地域の居場所づくり", ProjectStatus.COMPLETED, 420, 390),
    ("2", "高齢者の見守りネットワーク", ProjectStatus.ACTIVE, 120, 700),
    ("3", "川辺の清掃と環境学習", ProjectStatus.COMPLETED, 400, 370),
]

COMMENTS = {
    EvaluationKind.SELF: ("計画どおり進められた。", "参加者が増えた。"),
    EvaluationKind.MUTUAL: ("連絡が早く、役割分担が明確だった。", "調整に時間がかかる場面があった。"),
    EvaluationKind.THIRD_PARTY: ("協働の効果が明確に表れている。", "次年度は目標を数値で示すとよい。"),
}


def _group_of(user: User | None) -> Any:
    from groups.models import CommunityGroup

    if user is None:
        return None
    return CommunityGroup.objects.filter(memberships__user=user, memberships__role="representative").first()


def _demo_projects(ctx: DemoContext) -> None:
    """Three projects of our own when the projects demo made none."""
    if Project.objects.exclude(slug__startswith=SLUG_PREFIX).exists():
        return
    group = _group_of(ctx.accounts.get("rep"))
    window = Department.objects.get(code="kyodo")
    welfare = Department.objects.filter(code="fukushi").first() or window
    form = CollaborationForm.objects.get(code="kyodo-itaku")
    today = timezone.localdate()
    for suffix, title, status, started, length in DEMO_PROJECTS:
        starts = today - datetime.timedelta(days=started)
        department = welfare if suffix == "2" else window
        project, created = Project.objects.get_or_create(
            slug=f"{SLUG_PREFIX}{suffix}",
            defaults={
                "title": title,
                "summary": f"{title}を市と市民活動団体が協働して進めます。",
                "form": form,
                "domain": Domain.JOINT,
                "department": department,
                "fiscal_year": fiscal_year(starts),
                "starts_on": starts,
                "ends_on": starts + datetime.timedelta(days=length),
                "budget_total": 600_000,
                "cost_sharing": "市：会場費・広報　団体：運営費",
                "status": status,
                "progress": 100 if status == ProjectStatus.COMPLETED else 40,
            },
        )
        if created:
            if group is not None:
                ProjectPartner.objects.create(
                    project=project, kind=PartnerKind.GROUP, group=group, order=0, role="事業の企画と運営"
                )
            ProjectPartner.objects.create(
                project=project,
                kind=PartnerKind.DEPARTMENT,
                department=department,
                order=1,
                role="広報と関係機関との調整",
            )


def _actor(partner: ProjectPartner, ctx: DemoContext) -> User | None:
    """Someone who acts for the partner (recorded as who confirmed or submitted)."""
    from portal.models import StaffAssignment

    if partner.contact_id:
        return partner.contact
    if partner.group_id:
        membership = partner.group.memberships.filter(role="representative").select_related("user").first()
        return membership.user if membership else None
    assignment = StaffAssignment.objects.filter(department_id=partner.department_id).select_related("user").first()
    return assignment.user if assignment else ctx.accounts.get("staff")


def _agreement(project: Project, version: int, status: str, when: datetime.datetime, ctx: DemoContext) -> Agreement:
    agreement, created = Agreement.objects.get_or_create(
        project=project,
        version=version,
        defaults={
            "status": status,
            "title": f"「{project.title}」に関する協定書",
            "purpose": project.summary or f"{project.title}を協働して実施する。",
            "cost_sharing": project.cost_sharing or "市：会場費　団体：運営費",
            "risks": "事業中の事故は主催者が加入する保険で対応し、その他の損害は原因者が負担する。",
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "disputes": "疑義が生じたときは、当事者が誠実に協議して解決する。",
            "other_terms": "個人情報は適切に管理する。",
            "change_reason": "" if version == 1 else "事業期間の延長と費用分担の見直しのため。",
            "drafted_by": ctx.accounts.get("staff"),
            "circulated_at": when if status != S.DRAFT else None,
            "in_force_at": when if status in (S.IN_FORCE, S.SUPERSEDED) else None,
        },
    )
    if created:
        partners = list(project.partners.select_related("group", "contact"))
        for n, partner in enumerate(partners):
            confirmed = status in (S.IN_FORCE, S.SUPERSEDED) or (status == S.CIRCULATING and n == 0)
            AgreementParty.objects.create(
                agreement=agreement,
                partner=partner,
                roles=partner.role or "事業への協力",
                confirmed_at=when if confirmed else None,
                confirmed_by=_actor(partner, ctx) if confirmed else None,
            )
    return agreement


def _seed_agreements(ctx: DemoContext, projects: list[Project]) -> None:
    now = timezone.now()
    circulating_done = False
    for n, project in enumerate(projects):
        if project.agreements.exists():
            continue
        start = timezone.make_aware(datetime.datetime.combine(project.starts_on, datetime.time(10)))
        if project.status == ProjectStatus.PLANNED:
            _agreement(project, 1, S.DRAFT, now, ctx)
        elif project.status == ProjectStatus.ACTIVE and not circulating_done:
            _agreement(project, 1, S.CIRCULATING, now - datetime.timedelta(days=3), ctx)
            circulating_done = True
        elif n % 4 == 0:
            _agreement(project, 1, S.SUPERSEDED, start - datetime.timedelta(days=14), ctx)
            _agreement(project, 2, S.IN_FORCE, min(start + datetime.timedelta(days=120), now), ctx)
        else:
            _agreement(project, 1, S.IN_FORCE, start - datetime.timedelta(days=14), ctx)


def _committee(ctx: DemoContext) -> Any:
    from portal.models_review import ReviewCommittee

    chair = ctx.accounts.get("reviewer") or ctx.accounts.get("staff")
    committee, _created = ReviewCommittee.objects.get_or_create(
        name="みどり市協働事業評価委員会",
        fiscal_year=fiscal_year(timezone.localdate()),
        defaults={"name_en": "Collaboration project evaluation committee", "chair": chair},
    )
    return committee


def _evaluation(
    round_: EvaluationRound, kind: str, evaluator: Any, subject: Any, by: Any, score: int, **kw: Any
) -> None:
    comments = COMMENTS[kind]
    data: dict[str, Any] = {"overall": comments[0] + comments[1]}
    for i, (question, _label) in enumerate(EVALUATION_QUESTIONS):
        data[f"{question}_score"] = max(1, min(5, score - (i % 2)))
        data[f"{question}_comment"] = comments[i % 2]
    Evaluation.objects.create(
        round=round_,
        kind=kind,
        evaluator=evaluator,
        subject=subject,
        submitted_at=timezone.now(),
        submitted_by=by,
        **data,
        **kw,
    )


def _seed_evaluations(ctx: DemoContext, projects: list[Project]) -> None:
    today = timezone.localdate()
    completed = [p for p in projects if p.status == ProjectStatus.COMPLETED and p.partners.count() >= 2]
    committee = _committee(ctx) if completed else None
    for n, project in enumerate(completed):
        awaiting = n == len(completed) - 1 and len(completed) > 1
        year = fiscal_year(project.ends_on or today)
        round_, created = EvaluationRound.objects.get_or_create(
            project=project,
            fiscal_year=year,
            is_final=True,
            defaults={
                "due_on": today + datetime.timedelta(days=10) if awaiting else project.ends_on,
                "opened_by": ctx.accounts.get("staff"),
            },
        )
        if not created or round_.evaluations.exists():
            continue
        partners = list(project.partners.select_related("group", "contact"))
        for i, evaluator in enumerate(partners):
            if awaiting and i == len(partners) - 1:
                continue  # this partner has not submitted yet
            by = _actor(evaluator, ctx)
            _evaluation(round_, EvaluationKind.SELF, evaluator, None, by, 4 + (i % 2))
            for subject in partners:
                if subject.pk != evaluator.pk:
                    _evaluation(round_, EvaluationKind.MUTUAL, evaluator, subject, by, 4)
        if not awaiting:
            _evaluation(
                round_, EvaluationKind.THIRD_PARTY, None, None, ctx.accounts.get("staff"), 4, committee=committee
            )
            round_.released_at = timezone.now()
            round_.released_by = ctx.accounts.get("staff")
            round_.save(update_fields=["released_at", "released_by", "updated_at"])


def seed(ctx: DemoContext) -> None:
    _demo_projects(ctx)
    projects = list(Project.objects.select_related("department").order_by("pk"))
    _seed_agreements(ctx, projects)
    _seed_evaluations(ctx, projects)
    ctx.log(
        f"collaboration agreements: {Agreement.objects.count()} versions, "
        f"{EvaluationRound.objects.filter(released_at__isnull=False).count()} evaluation rounds published"
    )
