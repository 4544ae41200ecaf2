"""The collaboration links of the staff area (portal's staff dashboard): the window's
pages for the 協働推進課, the department pages for 協働推進員 and department staff."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from collaboration.permissions import answering_department_ids, is_case_reporter, is_window_staff

register = template.Library()


@register.simple_tag(takes_context=True)
def collaboration_staff_links(context: Any) -> list[tuple[str, str]]:
    user = context["request"].user
    links: list[tuple[str, str]] = []
    if is_window_staff(user):
        links += [
            (
                _("Collaboration: calls for proposals (themes and the citizen window)"),
                reverse("collaboration:staff-calls"),
            ),
            (_("Collaboration: proposals, routing, decisions"), reverse("collaboration:staff-proposals")),
            (_("Collaboration: endorsement and co-hosting requests"), reverse("collaboration:staff-endorsements")),
        ]
    if is_window_staff(user) or answering_department_ids(user):
        links += [
            (_("Collaboration: proposals routed to my department"), reverse("collaboration:staff-department")),
            (_("Collaboration: projects, agreements, evaluations"), reverse("collaboration:staff-projects")),
        ]
    if is_window_staff(user) or is_case_reporter(user):
        links.append((_("Collaboration: case library"), reverse("collaboration:case-manage")))
    return links
