"""The consultation desk's links in the staff area (portal's staff dashboard)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from consultations.permissions import is_desk_staff

register = template.Library()


@register.simple_tag(takes_context=True)
def consultations_staff_links(context: Any) -> list[tuple[str, str]]:
    if not is_desk_staff(context["request"].user):
        return []
    return [
        (_("Consultation desk: queue of bookings and written questions"), reverse("consultations:staff-queue")),
        (_("Consultation desk: slots"), reverse("consultations:staff-slots")),
        (_("Consultation desk: monthly report by topic"), reverse("consultations:staff-report")),
    ]
