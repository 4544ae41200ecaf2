"""Reads of the calls and proposals pages: the public calls, a call's page with its
score sheet and published results, and the proposer's own proposals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from collaboration.models import DECIDED_STATUSES, Call, CallKind, CallStatus, Proposal
from collaboration.permissions import is_window_staff
from groups.permissions import member_group_ids

PUBLIC_STATUSES = (CallStatus.OPEN, CallStatus.CLOSED, CallStatus.ANNOUNCED)

# The other areas' public pages linked from the portal's front (they may not exist in a
# branch without those areas: a missing one is left out).
PORTAL_LINKS = (
    (
        "collaboration:project-list",
        _("Collaboration projects"),
        _("Every collaboration project of the city, by form and domain."),
    ),
    (
        "collaboration:case-list",
        _("Case library"),
        _("What went well, what was hard, and what to improve."),
    ),
    (
        "collaboration:endorsement-new",
        _("Ask for endorsement or co-hosting"),
        _("The city's name endorsement or co-hosting for your event."),
    ),
)


def portal_links() -> list[dict[str, Any]]:
    links = []
    for name, label, description in PORTAL_LINKS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append({"url": url, "label": label, "description": description})
    return links


def public_calls() -> models.QuerySet[Call]:
    """Published calls, open ones first within each fiscal year."""
    return (
        Call.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("department")
        .annotate(
            open_first=models.Case(models.When(status=CallStatus.OPEN, then=models.Value(0)), default=models.Value(1))
        )
        .order_by("-fiscal_year", "open_first", "kind", models.F("closes_at").asc(nulls_last=True), "pk")
    )


def open_calls() -> tuple[list[Call], list[Call]]:
    """The open themes and the open 市民提案型 windows (the front page)."""
    calls = [c for c in public_calls().filter(status=CallStatus.OPEN) if c.accepts_proposals()]
    return [c for c in calls if c.kind == CallKind.THEME], [c for c in calls if c.kind == CallKind.CITIZEN]


def call_for_page(slug: str, user: Any) -> Call:
    """A published call (the window also sees drafts), or 404."""
    qs = Call.objects.select_related("department", "committee", "committee__score_sheet")
    if not is_window_staff(user):
        qs = qs.filter(status__in=PUBLIC_STATUSES)
    call = qs.filter(slug=slug[:60]).first()
    if call is None:
        raise Http404
    return call


def score_criteria(call: Call) -> list[Any]:
    committee = call.committee
    if committee is None:
        return []
    try:
        sheet = committee.score_sheet
    except ObjectDoesNotExist:
        return []
    return list(sheet.criteria.order_by("order", "pk"))


@dataclass
class PublicResult:
    proposal: Proposal
    average: Decimal | None


def published_results(call: Call) -> list[PublicResult]:
    """Once the call's decisions are published: each decided proposal whose decision is
    published, with the committee's average score (ranked, best first)."""
    if call.decisions_published_at is None:
        return []
    proposals = list(
        Proposal.objects.filter(call=call, status__in=DECIDED_STATUSES, decision_published_at__isnull=False)
        .select_related("group")
        .order_by("receipt_number", "pk")
    )
    if not proposals:
        return []
    averages: dict[int, Decimal | None] = {}
    if call.committee_id:
        from portal.review_services import ranked_summary

        for summary in ranked_summary(call.committee, proposals):
            averages[summary.obj.pk] = summary.average
        order = {pk: i for i, pk in enumerate(averages)}
        proposals.sort(key=lambda p: order.get(p.pk, len(order)))
    return [PublicResult(p, averages.get(p.pk)) for p in proposals]


def my_proposals(user: Any) -> models.QuerySet[Proposal]:
    """The user's proposals: their groups' and their own business ones."""
    groups = member_group_ids(user)
    return (
        Proposal.objects.filter(
            models.Q(group_id__in=groups) | models.Q(proposer_kind="business", created_by_id=user.pk)
        )
        .select_related("call", "group")
        .order_by("-call__fiscal_year", "-created_at", "-pk")
    )
