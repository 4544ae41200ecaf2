from __future__ import annotations

from django import template

from groups.models import CommunityGroup

register = template.Library()


@register.filter
def shows(group: CommunityGroup, field: str) -> bool:
    """{% if group|shows:"contact_email" %}: the group chose to make it public."""
    return group.shows(field)
