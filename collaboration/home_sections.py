"""collaboration's home sections (portal.whats_on): the calls taking proposals now
(themes and the 市民提案型 window) and the latest cases from the case library."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import whats_on

HOME_ITEMS = 6


def open_calls_context() -> dict[str, Any]:
    from collaboration.models import Call, CallStatus

    now = timezone.now()
    calls = (
        Call.objects.filter(status=CallStatus.OPEN)
        .filter(models.Q(opens_at__isnull=True) | models.Q(opens_at__lte=now))
        .filter(models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=now))
        .order_by(models.F("closes_at").asc(nulls_last=True), "pk")[:HOME_ITEMS]
    )
    return {"calls": list(calls)}


def cases_context() -> dict[str, Any]:
    from collaboration.models import CaseStudy

    cases = (
        CaseStudy.objects.filter(published_at__isnull=False).select_related("form").order_by("-published_at", "pk")[:3]
    )
    return {"cases": list(cases)}


def register() -> None:
    whats_on.register(
        whats_on.HomeSection(
            key="collaboration.calls",
            title=_("Collaboration themes taking proposals"),
            order=40,
            template="collaboration/includes/_home_calls.html",
            context=open_calls_context,
            more_url="collaboration:call-list",
        ),
        whats_on.HomeSection(
            key="collaboration.cases",
            title=_("Collaboration cases"),
            order=60,
            template="collaboration/includes/_home_cases.html",
            context=cases_context,
            more_url="collaboration:case-list",
        ),
    )
