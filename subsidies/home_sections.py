"""subsidies' home section (portal.whats_on): the programmes whose call is open now."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import whats_on


def open_calls_context() -> dict[str, Any]:
    from subsidies.models import Programme

    now = timezone.now()
    programmes = (
        Programme.objects.filter(call_opens_at__lte=now, call_closes_at__gt=now)
        .select_related("department")
        .order_by("call_closes_at", "pk")[:6]
    )
    return {"programmes": list(programmes)}


def register() -> None:
    whats_on.register(
        whats_on.HomeSection(
            key="subsidies.open-calls",
            title=_("Subsidies open for applications"),
            order=30,
            template="subsidies/includes/_home_open_calls.html",
            context=open_calls_context,
            more_url="subsidies:list",
        )
    )
