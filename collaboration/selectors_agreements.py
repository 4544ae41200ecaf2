"""Reads of the agreements area: which projects a user may see the agreement and the
evaluation rounds of (partners and managers), and the data of the project page's
agreement section, in a constant number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from collaboration.models import Agreement, AgreementParty, AgreementStatus, Project, ProjectPartner
from collaboration.permissions import project_policy

PARTY_QUERYSET = AgreementParty.objects.select_related(
    "partner", "partner__group", "partner__department", "confirmed_by"
)


def insider_projects(user: Any) -> QuerySet[Project]:
    """Projects whose agreement and rounds the user may see: as a partner or a manager."""
    managed = project_policy.instances_user_has_permission_for(user, "manage", Project.objects.all())
    partnered = project_policy.instances_user_has_permission_for(user, "partner", Project.objects.all())
    return managed | partnered


def is_insider(user: Any, project: Project) -> bool:
    return project_policy.can(user, "manage", project) or project_policy.can(user, "partner", project)


def agreement_for(user: Any, pk: Any) -> Agreement | None:
    """The agreement version if the user may see it (None: answer 404)."""
    return (
        Agreement.objects.select_related("project", "project__department", "project__form")
        .filter(pk=pk, project__in=insider_projects(user))
        .first()
    )


def project_partners(project: Project) -> list[ProjectPartner]:
    return list(project.partners.select_related("group", "department", "contact"))


def agreement_versions(project: Project) -> list[Agreement]:
    """Every version of the project's agreement, newest first, with its parties."""
    return list(
        project.agreements.select_related("drafted_by").prefetch_related(Prefetch("parties", queryset=PARTY_QUERYSET))
    )


def agreement_section(project: Project, user: Any) -> dict[str, Any]:
    """The in-force version (public: its status and date) and, for partners and
    managers, the link and the version being prepared."""
    versions = list(
        project.agreements.filter(
            status__in=(AgreementStatus.IN_FORCE, AgreementStatus.DRAFT, AgreementStatus.CIRCULATING)
        ).order_by("-version")
    )
    in_force = next((a for a in versions if a.status == AgreementStatus.IN_FORCE), None)
    pending = next((a for a in versions if a.status != AgreementStatus.IN_FORCE), None)
    insider = is_insider(user, project)
    return {
        "in_force": in_force,
        "pending": pending if insider else None,
        "insider": insider,
        "can_manage": project_policy.can(user, "manage", project),
    }
