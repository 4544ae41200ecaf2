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


# --- window area ------------------------------------------------------------------------------


def create_liaison(department: Department, email: str | None = None) -> User:
    """A 協働推進員 of `department` (not city staff of it)."""
    from collaboration.models import Liaison
    from tests.factories.portal import UserFactory

    user = UserFactory(**({"email": email} if email else {}))
    Liaison.objects.create(department=department, user=user)
    return user


def create_window_committee(*members: User, chair: User | None = None) -> Any:
    """A third-party committee with the six-criterion score sheet, the members added."""
    from tests.factories.portal import UserFactory
    from tests.subsidies.screening_setup import create_committee

    return create_committee(chair=chair or UserFactory(), members=members, name="協働事業提案審査会")


# --- projects area ----------------------------------------------------------------------------


def partner_rows(*, groups: tuple[CommunityGroup, ...] = (), departments: tuple[Department, ...] = ()) -> list[dict]:
    """Partner rows for `project_create` / `partners_set`."""
    rows: list[dict] = [{"kind": PartnerKind.GROUP, "group": g, "role": "運営", "cost_share": "人件費"} for g in groups]
    rows += [
        {"kind": PartnerKind.DEPARTMENT, "department": d, "role": "広報", "cost_share": "消耗品費"} for d in departments
    ]
    return rows


def project_data(**overrides: Any) -> dict[str, Any]:
    """Valid data for `project_create` (a long 協働委託 project in the window's care)."""
    today = timezone.localdate()
    data: dict[str, Any] = {
        "title": "子育てサロン運営",
        "title_en": "Parenting salon",
        "summary": "親子が集えるサロンを週1回開きます。",
        "form": collaboration_form(),
        "domain": Domain.JOINT,
        "department": window_department(),
        "starts_on": today - datetime.timedelta(days=30),
        "ends_on": today + datetime.timedelta(days=700),
        "budget_total": 600_000,
        "cost_sharing": "市：会場費　団体：運営",
        "is_published": True,
        "checkin_interval_months": 6,
        "partnership_since": None,
        "review_interval_years": None,
    }
    data.update(overrides)
    return data


def project_post_data(
    project_fields: dict[str, Any] | None = None, partners: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The project form's POST body (with the partners' formset) from `project_data()`
    values and partner rows."""
    values = project_fields or project_data()
    body: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or value is False:
            continue
        if value is True:
            body[key] = "on"
        elif hasattr(value, "pk"):
            body[key] = value.pk
        elif isinstance(value, datetime.date):
            body[key] = value.isoformat()
        else:
            body[key] = value
    rows = partners or []
    body.update(
        {
            "partner-TOTAL_FORMS": str(len(rows)),
            "partner-INITIAL_FORMS": "0",
            "partner-MIN_NUM_FORMS": "0",
            "partner-MAX_NUM_FORMS": "12",
        }
    )
    for i, row in enumerate(rows):
        body[f"partner-{i}-kind"] = row["kind"]
        if row.get("group") is not None:
            body[f"partner-{i}-group"] = row["group"].pk
        if row.get("department") is not None:
            body[f"partner-{i}-department"] = row["department"].pk
        body[f"partner-{i}-name"] = row.get("name", "")
        body[f"partner-{i}-role"] = row.get("role", "")
        body[f"partner-{i}-cost_share"] = row.get("cost_share", "")
        body[f"partner-{i}-contact_email"] = row.get("contact_email", "")
    return body


# --- endorsements (後援・共催 requests) ----------------------------------------------------------


def endorsement_data(**overrides: Any) -> dict[str, Any]:
    """What a group's request form cleans to: a 後援 of an event 60 days ahead."""
    starts = timezone.localdate() + datetime.timedelta(days=60)
    data: dict[str, Any] = {
        "kind": "endorsement",
        "event_title": "子育て応援フェスタ",
        "starts_on": starts,
        "ends_on": starts,
        "venue": "みどり市市民活動センター",
        "purpose": "子育て世帯の交流を深めるため",
        "content": "工作と読み聞かせ",
        "organisers": "テスト団体",
        "audience": "市内の子育て世帯",
        "expected_people": 80,
        "admission_charged": False,
        "fee_amount": 0,
        "past_endorsements": "",
        "main_benefit": "trust",
        "accepts_conditions": True,
    }
    data.update(overrides)
    return data


def create_endorsement(group: CommunityGroup, *, status: str = "submitted", **overrides: Any) -> Any:
    """A request written straight to the database (the service tests use the service)."""
    from collaboration.models import EndorsementRequest

    n = next(_counter)
    data = endorsement_data(**overrides)
    data.pop("accepts_conditions")
    return EndorsementRequest.objects.create(
        group=group,
        receipt_number=f"K-TEST-{n:05d}",
        status=status,
        accepts_conditions=True,
        decided_at=timezone.now() if status in ("approved", "refused", "revoked") else None,
        **data,
    )


# --- cases (協働事例集) ---------------------------------------------------------------------


def case_reporter(user: User | None = None, *, email: str | None = None) -> User:
    """A 協働リポーター (a new citizen account unless `user` is given)."""
    from collaboration.models import CaseReporter
    from tests.factories.portal import UserFactory

    if user is None:
        user = UserFactory(email=email or f"reporter-{next(_counter)}@test.example.jp")
    CaseReporter.objects.get_or_create(user=user)
    return user


def case_data(**overrides: Any) -> dict[str, Any]:
    """What `case_create` takes: the seeds' five fixed fields, form and domain."""
    data: dict[str, Any] = {
        "title": "空き家を活用した居場所づくり",
        "content": "市とNPOが空き家で居場所を運営しました。",
        "effects": "延べ1,200人が利用しました。",
        "went_well": "毎月の定例会で課題を共有したこと。",
        "difficulties": "開設当初の周知。",
        "improvements": "広報を最初から計画に入れること。",
        "form": collaboration_form(),
        "domain": Domain.JOINT,
        "project": None,
    }
    data.update(overrides)
    return data


def create_case(*, author: User | None = None, published: bool = True, **overrides: Any) -> Any:
    """A case written straight to the database (published unless told)."""
    from collaboration.models import CaseStudy

    fields = overrides.pop("fields", ())
    data = case_data(**overrides)
    data.setdefault("slug", f"case-{next(_counter)}")
    case = CaseStudy.objects.create(**data, author=author, published_at=timezone.now() if published else None)
    if fields:
        case.fields.set(fields)
    return case


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format=kind)
    return buffer.getvalue()


def photo_upload(kind: str = "PNG", name: str | None = None, size: tuple[int, int] = (40, 30)) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    suffix = "png" if kind == "PNG" else "jpg"
    return SimpleUploadedFile(name or f"photo.{suffix}", image_bytes(kind, size), content_type=f"image/{suffix}")


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
