"""Template tags of the grants area: what follows the decision of an application, for
the includes on the applicant's and the staff's application pages."""

from __future__ import annotations

from django import template

from subsidies import selectors
from subsidies.models import Application

register = template.Library()


@register.simple_tag
def after_decision(application: Application) -> selectors.AfterDecision:
    """`{% after_decision application as after %}`: the grant, payments, changes, report
    and final amount (a fixed number of queries; none before the grant)."""
    return selectors.after_decision(application)
