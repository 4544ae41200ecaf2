"""Template filters of the subsidy pages (amounts in yen) and the staff dashboard's
programme links."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from subsidies import catalogue

register = template.Library()


@register.filter
def yen(value: int | None) -> str:
    """12,000円 (12,000 yen in English); a dash for no amount."""
    if value is None or value == "":
        return "—"
    return _("%(amount)s yen") % {"amount": intcomma(value)}


@register.filter
def rate(category: object) -> str:
    """The subsidy rate as written in Japanese guides: 1/2, 2/3, and 10/10 for the whole cost."""
    numerator, denominator = category.rate_numerator, category.rate_denominator  # type: ignore[attr-defined]
    if numerator == denominator:
        return "10/10"
    return f"{numerator}/{denominator}"


@register.simple_tag
def staff_programme_links() -> list[object]:
    """This fiscal year's programmes, for the staff dashboard's links to their staff
    pages (one query)."""
    return catalogue.staff_programme_links(catalogue.default_year())
