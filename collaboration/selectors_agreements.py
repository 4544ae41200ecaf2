"""Reads of the agreements and evaluations areas: which projects a user may see the
agreement and the evaluation rounds of (partners and managers), and the data of the
project page's sections, each in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from collaboration.models import (
    EVALUATION_QUESTIONS,
    Agreement,
    AgreementParty,
    AgreementStatus,
    Evaluation,
    EvaluationKind,
    EvaluationRound,
    Project,
    ProjectPartner,
)
from collaboration.permissions import project_policy
from portal.dates import fiscal_year_label

PARTY_QUERYSET = AgreementParty.objects.select_related(
    "partner", "partner__group", "partner__department", "confirmed_by"
)
EVALUATION_QUERYSET = Evaluation.objects.select_related(
    "evaluator",
    "evaluator__group",
    "evaluator__department",
    "subject",
    "subject__group",
    "subject__department",
    "committee",
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


# --- Project page sections ------------------------------------------------------------------


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


@dataclass
class QuestionAverage:
    label: str
    averages: dict[str, float | None]


def round_label(round_: EvaluationRound) -> str:
    year = fiscal_year_label(round_.fiscal_year)
    if round_.is_final:
        return _("%(year)s final evaluation") % {"year": year}
    return _("%(year)s yearly evaluation") % {"year": year}


@dataclass
class RoundSummary:
    round: EvaluationRound
    label: str = ""
    questions: list[QuestionAverage] = field(default_factory=list)
    self_evaluations: list[Evaluation] = field(default_factory=list)
    mutual_evaluations: list[Evaluation] = field(default_factory=list)
    third_party: Evaluation | None = None


def summarise(round_: EvaluationRound, evaluations: list[Evaluation]) -> RoundSummary:
    by_kind: dict[str, list[Evaluation]] = defaultdict(list)
    for evaluation in evaluations:
        by_kind[evaluation.kind].append(evaluation)
    summary = RoundSummary(
        round=round_,
        label=round_label(round_),
        self_evaluations=by_kind[EvaluationKind.SELF],
        mutual_evaluations=by_kind[EvaluationKind.MUTUAL],
        third_party=(by_kind[EvaluationKind.THIRD_PARTY] or [None])[0],
    )
    for question, label in EVALUATION_QUESTIONS:
        averages: dict[str, float | None] = {}
        for kind in EvaluationKind.values:
            scores = [getattr(e, f"{question}_score") for e in by_kind[kind]]
            averages[kind] = round(sum(scores) / len(scores), 1) if scores else None
        summary.questions.append(QuestionAverage(label=str(label), averages=averages))
    return summary


def released_rounds(project: Project) -> list[RoundSummary]:
    """The published rounds of the project, newest first (two queries)."""
    rounds = EvaluationRound.objects.filter(project=project, released_at__isnull=False).prefetch_related(
        Prefetch("evaluations", queryset=EVALUATION_QUERYSET)
    )
    return [summarise(r, list(r.evaluations.all())) for r in rounds]


def round_for(user: Any, pk: Any) -> EvaluationRound | None:
    return (
        EvaluationRound.objects.select_related("project", "project__department", "project__form")
        .filter(pk=pk, project__in=insider_projects(user))
        .first()
    )
