"""Template tags of the grants area: what follows the decision of an application, for
the includes on the applicant's and the staff's application pages."""

from __future__ import annotations

from django import template

from subsidies import selectors
from subsidies.models import Application

register = template.Library()


@register.simple_tag(takes_context=True)
def after_decision(context: template.Context, application: Application) -> selectors.AfterDecision:
    """`{% after_decision application as after %}`: the grant, payments, changes, report
    and final amount (a fixed number of queries; none before the grant), and whether
    the person viewing may act for the group (`after.can_edit`)."""
    from subsidies.permissions import application_policy

    result = selectors.after_decision(application)
    user = context.get("user")
    result.can_edit = bool(user is not None and application_policy.can(user, "edit", application))
    return result
