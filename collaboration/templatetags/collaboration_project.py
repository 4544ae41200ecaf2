"""Sections of the public project page filled by other areas: the agreement (協定書)
and the published evaluations. The projects area draws the page and calls
`{% project_agreement project %}` and `{% project_evaluations project %}`; the
agreements and evaluations areas render them (`collaboration/includes/...`).

Each section costs a constant number of queries whatever the project holds (the
agreement section one, the evaluations two, plus the user's cached facts)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from collaboration.selectors_agreements import agreement_section, is_insider
from collaboration.selectors_evaluations import released_rounds
from portal.dates import wareki

register = template.Library()


def _user(context: Any) -> Any:
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("collaboration/includes/project_agreement.html", takes_context=True)
def project_agreement(context: Any, project: Any) -> dict[str, Any]:
    """「協定書: 締結済（第n版、令和…）」: the in-force version for everyone; the link, and
    the version being prepared, for the partners and the staff who manage the project."""
    section = agreement_section(project, _user(context))
    in_force = section["in_force"]
    in_force_date = ""
    if in_force is not None and in_force.in_force_at:
        in_force_date = wareki(timezone.localtime(in_force.in_force_at).date())
    return {"project": project, "request": context.get("request"), "in_force_date": in_force_date, **section}


@register.inclusion_tag("collaboration/includes/project_evaluations.html", takes_context=True)
def project_evaluations(context: Any, project: Any) -> dict[str, Any]:
    """The released rounds: per question the average of each kind, each party's comments
    with the evaluator named, the committee's evaluation. Nothing before release."""
    return {
        "project": project,
        "request": context.get("request"),
        "rounds": released_rounds(project),
        "insider": is_insider(_user(context), project),
    }
