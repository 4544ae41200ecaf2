"""Evaluation of a collaboration project, per round (C-13, C-14, C-15).

- Staff who manage the project open a round (`round_open`): the final one once the
  project has ended, or a yearly one (per fiscal year) for a long project, with the date
  the evaluations are due. The partners are told by e-mail, and reminded 14 and 3 days
  before that date (`send_round_reminders`, the daily job).
- Each partner submits, separately, its self-evaluation and a mutual evaluation of each
  other partner (`evaluation_submit`): the four questions of `EVALUATION_QUESTIONS`,
  each scored 1–5 with a comment, and an overall comment. The third-party evaluation of
  the committee (kind third_party, one per round) is entered by the 協働推進課 window
  with the committee chosen.
- Staff release the round (`round_release`) once every partner has submitted its
  self-evaluation and its mutual evaluations; released rounds are public on the project
  page and the partners are told. Nothing of a round is public before.

Refusals are `ValidationError`s with a code (or `PermissionDenied`); nothing is written
on refusal.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.models import (
    EVALUATION_QUESTIONS,
    Evaluation,
    EvaluationKind,
    EvaluationRound,
    Project,
    ProjectPartner,
    ProjectStatus,
)
from collaboration.notifications import notify, partner_recipients, url_or_empty
from collaboration.permissions import is_window_staff, partners_acting_for, project_policy
from collaboration.selectors_evaluations import round_label
from portal.audit import audit_log
from portal.dates import SCHEDULE, check_date_ranges
from portal.text import clean_text

__all__ = [
    "REMINDER_DAYS",
    "evaluation_submit",
    "missing_evaluations",
    "round_label",
    "round_open",
    "round_release",
    "send_round_reminders",
]

K = EvaluationKind
REMINDER_DAYS = (14, 3)
MAX_COMMENT = 2000
MAX_OVERALL = 4000


def _ensure_manager(actor: Any, project: Project) -> None:
    if not project_policy.can(actor, "manage", project, fresh=True):
        raise PermissionDenied


def _project_ended(project: Project) -> bool:
    today = timezone.localdate()
    return project.status in (ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED) or (
        project.ends_on is not None and project.ends_on <= today
    )


def round_open(
    *, actor: Any, project: Project, fiscal_year: int, is_final: bool, due_on: datetime.date | None = None
) -> EvaluationRound:
    """Open a round: final (after the project ended) or yearly (long projects)."""
    _ensure_manager(actor, project)
    if not isinstance(fiscal_year, int) or not 2000 <= fiscal_year <= 2100:
        raise ValidationError(
            {"fiscal_year": ValidationError(_("Give a fiscal year between 2000 and 2100."), code="invalid")}
        )
    if due_on is not None:
        check_date_ranges({"due_on": due_on}, {"due_on": SCHEDULE})
    if is_final and not _project_ended(project):
        raise ValidationError(_("The final evaluation is opened after the project has ended."), code="not_ended")
    if not is_final and not project.is_long:
        raise ValidationError(
            _("Yearly evaluations are for projects of more than a year; open the final evaluation instead."),
            code="not_long",
        )
    if project.partners.count() < 2:
        raise ValidationError(_("A project needs two partners or more to be evaluated."), code="few_partners")
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        if EvaluationRound.objects.filter(project=locked, fiscal_year=fiscal_year, is_final=is_final).exists():
            raise ValidationError(_("This evaluation round is already open."), code="duplicate")
        round_ = EvaluationRound.objects.create(
            project=locked, fiscal_year=fiscal_year, is_final=is_final, due_on=due_on, opened_by=actor
        )
        audit_log(
            actor=actor,
            action="collaboration.evaluation_round.opened",
            target=round_,
            data={"fiscal_year": fiscal_year, "is_final": is_final, "due_on": due_on.isoformat() if due_on else None},
        )
        notify(
            "collaboration/email/evaluation_round_opened",
            partner_recipients(locked),
            project_id=locked.pk,
            round_label=round_label(round_),
            due_on=due_on.isoformat() if due_on else "",
            url=url_or_empty("collaboration:evaluation-round", round_.pk),
        )
    return round_


def _clean_scores(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for question, _label in EVALUATION_QUESTIONS:
        score = data.get(f"{question}_score")
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = None
        if score is None or not 1 <= score <= 5:
            raise ValidationError({f"{question}_score": ValidationError(_("Give a score from 1 to 5."), code="score")})
        cleaned[f"{question}_score"] = score
        cleaned[f"{question}_comment"] = _clean_text(
            f"{question}_comment", data.get(f"{question}_comment"), MAX_COMMENT
        )
    cleaned["overall"] = _clean_text("overall", data.get("overall"), MAX_OVERALL)
    return cleaned


def _clean_text(name: str, value: Any, limit: int) -> str:
    return clean_text(value, field=name, limit=limit)


def evaluation_submit(
    actor: Any,
    round: EvaluationRound,
    kind: str,
    evaluator: ProjectPartner | None,
    subject: ProjectPartner | None,
    data: Mapping[str, Any],
) -> Evaluation:
    """Record one evaluation of the round: a partner's self-evaluation (no subject), its
    mutual evaluation of another partner, or the committee's third-party evaluation
    (window staff, `data["committee"]` a ReviewCommittee)."""
    project = round.project
    committee = None
    if kind == K.THIRD_PARTY:
        if not is_window_staff(actor):
            raise PermissionDenied
        if evaluator is not None or subject is not None:
            raise ValidationError(_("A third-party evaluation has no partner."), code="invalid")
        committee = data.get("committee")
        if committee is None:
            raise ValidationError({"committee": ValidationError(_("Choose the committee."), code="required")})
    elif kind in (K.SELF, K.MUTUAL):
        if evaluator is None or not any(p.pk == evaluator.pk for p in partners_acting_for(actor, project)):
            raise PermissionDenied
        if kind == K.SELF and subject is not None:
            raise ValidationError(_("A self-evaluation has no other partner."), code="invalid")
        if kind == K.MUTUAL:
            if subject is None:
                raise ValidationError(
                    {"subject": ValidationError(_("Choose the partner you evaluate."), code="required")}
                )
            if subject.pk == evaluator.pk:
                raise ValidationError(
                    {
                        "subject": ValidationError(
                            _("Evaluate yourself in the self-evaluation."), code="subject_is_evaluator"
                        )
                    }
                )
            if subject.project_id != project.pk:
                raise ValidationError(
                    {"subject": ValidationError(_("This partner is not part of the project."), code="not_partner")}
                )
    else:
        raise ValidationError(_("Unknown kind of evaluation."), code="invalid")
    scores = _clean_scores(data)
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().get(pk=round.pk)
        if locked.released_at is not None:
            raise ValidationError(_("This round has been published: it can no longer change."), code="released")
        existing = Evaluation.objects.filter(round=locked, kind=kind)
        if kind != K.THIRD_PARTY:
            existing = existing.filter(evaluator=evaluator, subject=subject)
        if existing.exists():
            raise ValidationError(_("This evaluation has already been submitted."), code="duplicate")
        try:
            with transaction.atomic():
                evaluation = Evaluation.objects.create(
                    round=locked,
                    kind=kind,
                    evaluator=evaluator,
                    subject=subject,
                    committee=committee,
                    submitted_at=timezone.now(),
                    submitted_by=actor,
                    **scores,
                )
        except IntegrityError as error:  # a concurrent duplicate
            raise ValidationError(_("This evaluation has already been submitted."), code="duplicate") from error
        audit_log(
            actor=actor,
            action=f"collaboration.evaluation.{kind}",
            target=locked,
            data={
                "evaluation": evaluation.pk,
                "evaluator": getattr(evaluator, "pk", None),
                "subject": getattr(subject, "pk", None),
            },
        )
    return evaluation


def missing_evaluations(
    round_: EvaluationRound,
    partners: list[ProjectPartner] | None = None,
    evaluations: list[Evaluation] | None = None,
) -> list[tuple[ProjectPartner, ProjectPartner | None]]:
    """(evaluator, subject) pairs still missing: subject None for a self-evaluation."""
    partners = list(round_.project.partners.all()) if partners is None else partners
    if evaluations is None:
        evaluations = list(round_.evaluations.exclude(kind=K.THIRD_PARTY))
    done = {(e.evaluator_id, e.subject_id) for e in evaluations if e.kind != K.THIRD_PARTY}
    missing = []
    for evaluator in partners:
        for subject in [None, *(p for p in partners if p.pk != evaluator.pk)]:
            if (evaluator.pk, getattr(subject, "pk", None)) not in done:
                missing.append((evaluator, subject))
    return missing


def describe_missing(missing: list[tuple[ProjectPartner, ProjectPartner | None]]) -> list[str]:
    return [
        _("%(evaluator)s: self-evaluation") % {"evaluator": e.display_name}
        if s is None
        else _("%(evaluator)s: evaluation of %(subject)s") % {"evaluator": e.display_name, "subject": s.display_name}
        for e, s in missing
    ]


def round_release(*, actor: Any, round: EvaluationRound) -> EvaluationRound:
    """Publish the round on the project page: only when every partner has submitted its
    self-evaluation and its mutual evaluations."""
    _ensure_manager(actor, round.project)
    with transaction.atomic():
        locked = EvaluationRound.objects.select_for_update().select_related("project").get(pk=round.pk)
        if locked.released_at is not None:
            raise ValidationError(_("This round has already been published."), code="stale")
        missing = missing_evaluations(locked)
        if missing:
            raise ValidationError(
                _("These evaluations are still missing: %(missing)s")
                % {"missing": "、".join(describe_missing(missing))},
                code="missing",
            )
        locked.released_at, locked.released_by = timezone.now(), actor
        locked.save(update_fields=["released_at", "released_by", "updated_at"])
        audit_log(actor=actor, action="collaboration.evaluation_round.released", target=locked)
        notify(
            "collaboration/email/evaluation_round_released",
            partner_recipients(locked.project),
            project_id=locked.project_id,
            round_label=round_label(locked),
            url=url_or_empty("collaboration:evaluation-round", locked.pk),
        )
    return locked


def send_round_reminders(today: datetime.date | None = None) -> list[str]:
    """The daily job: remind the partners of an open round with missing evaluations 14
    and 3 days before its due date, each reminder once."""
    today = today or timezone.localdate()
    lines = []
    rounds = EvaluationRound.objects.filter(
        released_at__isnull=True,
        due_on__isnull=False,
        due_on__gte=today,
        due_on__lte=today + datetime.timedelta(days=14),
    ).select_related("project")
    for round_ in rounds:
        days_left = (round_.due_on - today).days
        reminder = 3 if days_left <= 3 else 14
        if round_.reminded_days_before is not None and round_.reminded_days_before <= reminder:
            continue
        with transaction.atomic():
            locked = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
            if locked.reminded_days_before is not None and locked.reminded_days_before <= reminder:
                continue
            missing = missing_evaluations(round_)
            locked.reminded_days_before = reminder
            locked.save(update_fields=["reminded_days_before", "updated_at"])
            if not missing:
                continue
            notify(
                "collaboration/email/evaluation_reminder",
                partner_recipients(round_.project),
                project_id=round_.project_id,
                round_label=round_label(round_),
                due_on=round_.due_on.isoformat(),
                missing=describe_missing(missing),
                url=url_or_empty("collaboration:evaluation-round", round_.pk),
            )
            audit_log(
                actor=None,
                action="collaboration.evaluation_round.reminded",
                target=locked,
                data={"days_before": reminder, "missing": len(missing)},
            )
            lines.append(f"evaluation round {round_.pk}: reminded {days_left} days before ({len(missing)} missing)")
    return lines
