"""Permission policies of the collaboration app (`portal.policies`): one rule per action
gives both the queryset and the per-object check.

Who is who
- The 協働推進課 window (`is_window_staff`): city staff of the department named by
  `settings.COLLABORATION_WINDOW_DEPARTMENT` (code "kyodo"), and the superuser. The
  window publishes calls, routes and decides proposals, keeps projects, agreements,
  evaluation rounds, 後援・共催 requests and cases.
- A department's 協働推進員 (`Liaison`) and the department's city staff see the
  proposals routed to their department; the liaison answers for it.
- A project's partners (`ProjectPartner`): for a group partner its representative and
  editors; for a department partner its city staff; for other partners their contact
  user. Partners log progress, confirm the agreement for their party and evaluate.
- A 協働リポーター (`CaseReporter`) writes cases for the library.

Proposals
- view: the proposer (the group's members, or the business's account), the window,
  city staff of a department the proposal is routed to. Committee members read
  proposals through portal's committee review, never here.
- edit (draft, submit, withdraw, write in the thread): the group's representative and
  editors, or the business's account.
- answer (a department's part): liaisons and city staff of a routed department.
- decide (route, notes, review, decision, presentation): the window.

Projects
- view: published projects for everyone; all projects for the window and partners.
- partner (log progress, confirm, evaluate): the partners' people.
- manage (edit, agreement drafting, rounds, timeline): the window and city staff of the
  department in charge.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from collaboration.models import (
    CaseReporter,
    CaseStudy,
    EndorsementRequest,
    Liaison,
    Project,
    ProjectPartner,
    Proposal,
    ProposalRouting,
)
from groups.permissions import editor_group_ids, in_groups, member_group_ids
from portal.models import Department
from portal.permissions import is_city_staff, is_superuser, staff_department_ids
from portal.policies import EVERYTHING, NOTHING, PermissionPolicy, Rule, Where, user_fact

__all__ = [
    "case_policy",
    "endorsement_policy",
    "is_case_reporter",
    "is_window_staff",
    "liaison_department_ids",
    "partner_project_ids",
    "project_policy",
    "proposal_policy",
    "window_department",
]


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def window_department() -> Department | None:
    return Department.objects.filter(code=settings.COLLABORATION_WINDOW_DEPARTMENT).first()


def _window_department_id() -> int | None:
    return Department.objects.filter(code=settings.COLLABORATION_WINDOW_DEPARTMENT).values_list("pk", flat=True).first()


def is_window_staff(user: Any) -> bool:
    """The 協働推進課 window: its city staff, and the superuser."""
    if not _authenticated(user):
        return False
    if is_superuser(user):
        return True
    departments = staff_department_ids(user)
    if not departments:
        return False
    window = user_fact(user, "collaboration_window_department", _window_department_id)
    return window in departments


def liaison_department_ids(user: Any) -> set[int]:
    """Departments the user is 協働推進員 of."""
    if not _authenticated(user):
        return set()
    return user_fact(
        user,
        "collaboration_liaison_departments",
        lambda: set(Liaison.objects.filter(user=user).values_list("department_id", flat=True)),
    )


def answering_department_ids(user: Any) -> set[int]:
    """Departments the user may speak for on routed proposals: as 協働推進員 or as the
    department's city staff."""
    return liaison_department_ids(user) | staff_department_ids(user)


def routed_proposal_ids(user: Any) -> set[int]:
    """Proposals routed to a department the user speaks for."""
    departments = answering_department_ids(user)
    if not departments:
        return set()
    return user_fact(
        user,
        "collaboration_routed_proposals",
        lambda: set(
            ProposalRouting.objects.filter(department_id__in=departments).values_list("proposal_id", flat=True)
        ),
    )


def partner_project_ids(user: Any) -> set[int]:
    """Projects where the user acts for a partner (see the module docstring)."""
    if not _authenticated(user):
        return set()

    def load() -> set[int]:
        q = models.Q(contact=user)
        editors = editor_group_ids(user)
        if editors:
            q |= models.Q(group_id__in=editors)
        departments = staff_department_ids(user)
        if departments:
            q |= models.Q(department_id__in=departments)
        return set(ProjectPartner.objects.filter(q).values_list("project_id", flat=True))

    return user_fact(user, "collaboration_partner_projects", load)


def partners_acting_for(user: Any, project: Project) -> list[ProjectPartner]:
    """The project's partners the user may act for (confirm, evaluate)."""
    if not _authenticated(user):
        return []
    editors = editor_group_ids(user)
    departments = staff_department_ids(user)
    return [
        p
        for p in project.partners.all()
        if (p.group_id and p.group_id in editors)
        or (p.department_id and p.department_id in departments)
        or (p.contact_id and p.contact_id == user.pk)
    ]


def is_case_reporter(user: Any) -> bool:
    if not _authenticated(user):
        return False
    return user_fact(
        user,
        "collaboration_case_reporter",
        lambda: CaseReporter.objects.filter(user=user, is_active=True).exists(),
    )


class ProposalPolicy(PermissionPolicy[Proposal]):
    model = Proposal
    actions: ClassVar[tuple[str, ...]] = ("view", "edit", "answer", "decide")

    def base_queryset(self) -> models.QuerySet[Proposal]:
        return Proposal.objects.select_related("call", "call__department", "group", "form")

    def rule(self, user: Any, action: str) -> Rule:
        if not _authenticated(user):
            return NOTHING
        window = is_window_staff(user)
        if action == "decide":
            return EVERYTHING if window else NOTHING
        own_business = Where("proposer_kind", "exact", "business") & Where("created_by_id", "exact", user.pk)
        if action == "edit":
            return in_groups(editor_group_ids(user)) | own_business
        routed = Where("pk", "in", frozenset(routed_proposal_ids(user)))
        if action == "answer":
            return EVERYTHING if window else routed
        # view
        if window:
            return EVERYTHING
        return in_groups(member_group_ids(user)) | own_business | routed


class ProjectPolicy(PermissionPolicy[Project]):
    model = Project
    actions: ClassVar[tuple[str, ...]] = ("view", "partner", "manage")

    def base_queryset(self) -> models.QuerySet[Project]:
        return Project.objects.select_related("form", "department")

    def rule(self, user: Any, action: str) -> Rule:
        window = is_window_staff(user)
        if action == "manage":
            if window:
                return EVERYTHING
            departments = staff_department_ids(user) if _authenticated(user) else set()
            return Where("department_id", "in", frozenset(departments))
        partner = Where("pk", "in", frozenset(partner_project_ids(user)))
        if action == "partner":
            return partner
        if window:
            return EVERYTHING
        departments = staff_department_ids(user) if _authenticated(user) else set()
        return Where("is_published", "exact", True) | partner | Where("department_id", "in", frozenset(departments))


class EndorsementPolicy(PermissionPolicy[EndorsementRequest]):
    model = EndorsementRequest
    actions: ClassVar[tuple[str, ...]] = ("view", "edit", "decide")

    def base_queryset(self) -> models.QuerySet[EndorsementRequest]:
        return EndorsementRequest.objects.select_related("group", "event")

    def rule(self, user: Any, action: str) -> Rule:
        if not _authenticated(user):
            return NOTHING
        window = is_window_staff(user)
        if action == "decide":
            return EVERYTHING if window else NOTHING
        if action == "edit":
            return in_groups(editor_group_ids(user))
        return EVERYTHING if window else in_groups(member_group_ids(user))


class CasePolicy(PermissionPolicy[CaseStudy]):
    model = CaseStudy
    actions: ClassVar[tuple[str, ...]] = ("view", "edit")

    def base_queryset(self) -> models.QuerySet[CaseStudy]:
        return CaseStudy.objects.select_related("form", "project")

    def rule(self, user: Any, action: str) -> Rule:
        window = is_window_staff(user)
        reporter = is_case_reporter(user)
        if action == "edit":
            if window:
                return EVERYTHING
            return Where("author_id", "exact", user.pk) if reporter else NOTHING
        if window:
            return EVERYTHING
        published = Where("published_at", "isnull", False)
        return published | Where("author_id", "exact", user.pk) if reporter else published


proposal_policy = ProposalPolicy()
project_policy = ProjectPolicy()
endorsement_policy = EndorsementPolicy()
case_policy = CasePolicy()


def is_collaboration_staff(user: Any) -> bool:
    """City staff of any department (the staff pages list what each may see)."""
    return _authenticated(user) and is_city_staff(user)
