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
