"""Sections of the public project page filled by other areas: the agreement (協定書)
and the published evaluations. The projects area draws the page and calls
`{% project_agreement project %}` and `{% project_evaluations project %}`; the
agreements and evaluations areas render them (`collaboration/includes/...`)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("collaboration/includes/project_agreement.html", takes_context=True)
def project_agreement(context: Any, project: Any) -> dict[str, Any]:
    return {"project": project, "request": context.get("request")}


@register.inclusion_tag("collaboration/includes/project_evaluations.html", takes_context=True)
def project_evaluations(context: Any, project: Any) -> dict[str, Any]:
    return {"project": project, "request": context.get("request")}
