"""公開審査 (public screening) of a subsidy programme: the presentation schedule, its
publication (each applicant group is told its slot by e-mail), and the publication of
the results after the committee has closed scoring.

The scoring itself is `portal`'s committee review (`portal.review_services`); these
services only decide what the public sees of it: the schedule, and per application the
average, the number of members who scored, the spread and each criterion's average —
never a named member's score.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log
from portal.mail import absolute_url, send_templated
from portal.models import SiteConfiguration
from portal.models_review import Criterion, object_key
from portal.review_services import criterion_averages, ranked_summary
from subsidies.models import REVIEWED_STATUSES, Application, PresentationSlot, Programme
from subsidies.permissions import is_subsidy_staff

if TYPE_CHECKING:
    from portal.models import User

__all__ = [
    "PublicResult",
    "SlotInput",
    "presentation_applications",
    "presentation_slots_save",
    "public_results",
    "results_visible",
    "schedule_publish",
    "schedule_unpublish",
    "screening_results_blockers",
    "screening_results_publish",
    "screening_results_unpublish",
]


def _ensure_staff(actor: Any) -> None:
    if not is_subsidy_staff(actor):
        raise PermissionDenied


def presentation_applications(programme: Programme) -> models.QuerySet[Application]:
    """The applications that present: accepted at the completeness check, or later."""
    return (
        Application.objects.filter(programme=programme, status__in=REVIEWED_STATUSES)
        .select_related("group", "category", "presentation")
        .order_by("receipt_number", "pk")
    )


@dataclass(frozen=True)
class SlotInput:
    """One application's slot as entered; `starts_at` None removes the slot."""

    starts_at: datetime.datetime | None
    minutes: int
    place: str


@transaction.atomic
def presentation_slots_save(
    *, actor: User, programme: Programme, slots: Mapping[int, SlotInput]
) -> list[PresentationSlot]:
    """Write the presentation schedule: for each application id (of the applications
    that present) its slot, or none. Audited with the slots before and after."""
    _ensure_staff(actor)
    applications = {a.pk: a for a in presentation_applications(programme)}
    unknown = set(slots) - set(applications)
    if unknown:
        raise ValidationError(_("The schedule names an application that does not present."), code="unknown")
    old = {
        s.application_id: (s.starts_at.isoformat(), s.minutes, s.place)
        for s in PresentationSlot.objects.filter(application__in=applications.values())
    }
    saved = []
    for application_id, slot in slots.items():
        if slot.starts_at is None:
            PresentationSlot.objects.filter(application_id=application_id).delete()
            continue
        row = PresentationSlot.objects.filter(application_id=application_id).first() or PresentationSlot(
            application=applications[application_id]
        )
        row.starts_at, row.minutes, row.place = slot.starts_at, slot.minutes, slot.place.strip()
        row.full_clean()
        row.save()
        saved.append(row)
    new = {s.application_id: (s.starts_at.isoformat(), s.minutes, s.place) for s in saved}
    audit_log(
        actor=actor,
        action="subsidies.programme.presentations_saved",
        target=programme,
        data={"old": {str(k): list(v) for k, v in old.items()}, "new": {str(k): list(v) for k, v in new.items()}},
    )
    return saved


def _recipients(application: Application) -> list[str]:
    """The group's representative, editors and contact address (grants_notifications)."""
    from subsidies.grants_notifications import recipients

    return [address for address, _language in recipients(application.group)]


def _send_slot(application_id: int) -> None:
    application = Application.objects.select_related("programme", "group", "presentation").get(pk=application_id)
    context = {
        "application": application,
        "programme": application.programme,
        "slot": application.presentation,
        "site_config": SiteConfiguration.get_solo(),
        "url": absolute_url(
            reverse("subsidies:screening", args=[application.programme.fiscal_year, application.programme.slug])
        ),
    }
    send_templated("subsidies/email/screening_slot", context, to=_recipients(application))


@transaction.atomic
def schedule_publish(*, actor: User, programme: Programme) -> Programme:
    """Publish the presentation schedule on the programme's screening page and tell each
    presenting group its slot by e-mail. Every presenting application needs a slot."""
    _ensure_staff(actor)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    applications = list(presentation_applications(programme))
    if not applications:
        raise ValidationError(_("No application presents yet."), code="empty")
    missing = [a for a in applications if not hasattr(a, "presentation")]
    if missing:
        raise ValidationError(
            _("Give every application a slot first (%(count)s without one).") % {"count": len(missing)},
            code="missing_slots",
        )
    programme.schedule_published_at = timezone.now()
    programme.save(update_fields=["schedule_published_at", "updated_at"])
    audit_log(
        actor=actor,
        action="subsidies.programme.schedule_published",
        target=programme,
        data={"applications": [a.pk for a in applications]},
    )
    for application in applications:
        transaction.on_commit(lambda pk=application.pk: _send_slot(pk))
    return programme


@transaction.atomic
def schedule_unpublish(*, actor: User, programme: Programme) -> Programme:
    _ensure_staff(actor)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.schedule_published_at is None:
        raise ValidationError(_("The schedule is not published."), code="not_published")
    programme.schedule_published_at = None
    programme.save(update_fields=["schedule_published_at", "updated_at"])
    audit_log(actor=actor, action="subsidies.programme.schedule_unpublished", target=programme)
    return programme


def screening_results_blockers(programme: Programme) -> list[str]:
    """Why the results cannot be published yet (empty when they can)."""
    problems = []
    if not programme.public_screening:
        problems.append(_("This programme has no public screening."))
    if programme.committee_id is None:
        problems.append(_("This programme has no review committee."))
    elif not programme.committee.scoring_closed:
        problems.append(_("The committee has not closed scoring yet."))
    return problems


@transaction.atomic
def screening_results_publish(*, actor: User, programme: Programme) -> Programme:
    """Publish the public screening's results (scores per application, never per
    member) on the programme's screening page, once the committee has closed scoring."""
    _ensure_staff(actor)
    programme = Programme.objects.select_for_update(of=("self",)).select_related("committee").get(pk=programme.pk)
    problems = screening_results_blockers(programme)
    if problems:
        raise ValidationError(problems, code="not_ready")
    programme.screening_results_published_at = timezone.now()
    programme.save(update_fields=["screening_results_published_at", "updated_at"])
    audit_log(actor=actor, action="subsidies.programme.screening_results_published", target=programme)
    return programme


@transaction.atomic
def screening_results_unpublish(*, actor: User, programme: Programme) -> Programme:
    _ensure_staff(actor)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.screening_results_published_at is None:
        raise ValidationError(_("The results are not published."), code="not_published")
    programme.screening_results_published_at = None
    programme.save(update_fields=["screening_results_published_at", "updated_at"])
    audit_log(actor=actor, action="subsidies.programme.screening_results_unpublished", target=programme)
    return programme


# --- Reading (the public page) -------------------------------------------------------------


@dataclass
class PublicResult:
    application: Application
    average: Decimal | None
    count: int
    lowest: Decimal | None
    highest: Decimal | None
    criteria: list[tuple[Criterion, Decimal | None]]


def results_visible(programme: Programme) -> bool:
    """The results show once staff published them, for a public screening whose
    committee has closed scoring."""
    return (
        programme.screening_results_published_at is not None
        and programme.public_screening
        and programme.committee_id is not None
        and programme.committee.scoring_closed
    )


def public_results(programme: Programme, applications: Iterable[Application]) -> list[PublicResult]:
    """Per application, best first: the average out of 100, how many members scored,
    the lowest and highest total and each criterion's average. Constant queries."""
    committee = programme.committee
    applications = list(applications)
    criteria = list(Criterion.objects.filter(sheet__committee=committee).order_by("order", "pk"))
    averages = criterion_averages(committee, applications)
    results = []
    for summary in ranked_summary(committee, applications):
        by_criterion = averages.get(object_key(summary.obj), {})
        results.append(
            PublicResult(
                application=summary.obj,
                average=summary.average,
                count=summary.count,
                lowest=summary.lowest,
                highest=summary.highest,
                criteria=[(c, by_criterion.get(c.pk)) for c in criteria],
            )
        )
    return results
