"""Reads of the evaluations area: a round for a partner or manager, the summary of a
round (averages per question and kind, the comments), the published rounds of the
project page, each in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from collaboration.models import EVALUATION_QUESTIONS, Evaluation, EvaluationKind, EvaluationRound, Project
from collaboration.selectors_agreements import insider_projects
from portal.dates import fiscal_year_label

EVALUATION_QUERYSET = Evaluation.objects.select_related(
    "evaluator",
    "evaluator__group",
    "evaluator__department",
    "subject",
    "subject__group",
    "subject__department",
    "committee",
)


def round_label(round_: EvaluationRound) -> str:
    year = fiscal_year_label(round_.fiscal_year)
    if round_.is_final:
        return _("%(year)s final evaluation") % {"year": year}
    return _("%(year)s yearly evaluation") % {"year": year}


@dataclass
class QuestionAverage:
    label: str
    averages: dict[str, float | None]


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
