"""Reads for the public catalogue, the published results (open data) and the staff
overview: selectors with a fixed number of queries whatever the number of programmes'
applications (STYLE §4.8).

- `programme_catalogue(year)`: a year's programmes with their categories, open calls
  first, then upcoming, then closed.
- `published_results(year)`: per programme whose decisions are published, the adopted
  applications with their grant, confirmed amount, public score (公開審査: the
  committee's average, never a named member's, once the screening results are
  published) and the public result summary.
- `programme_stats(programmes)`: applications, accepted, adopted, awarded and paid
  amounts and the budget left, by aggregate queries (S-10).
- `group_history(group)`: every application of one group across programmes and years
  with its award, grant, confirmed amount and refund (S-15).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from groups.models import CommunityGroup
from portal.dates import SCHEDULE_EARLIEST, STORABLE_LATEST
from portal.review_services import ranked_summary
from subsidies.models import (
    AWARDED_STATUSES,
    REVIEWED_STATUSES,
    Application,
    ApplicationStatus,
    OutsideGrant,
    Payment,
    PaymentStatus,
    Programme,
    ReportStatus,
    current_fiscal_year,
)
from subsidies.selectors import reports_overdue

# The fiscal years a programme can have (Programme.fiscal_year's validators, and the
# dates every programme's call must fall in: portal.dates' storable range).
EARLIEST_YEAR = SCHEDULE_EARLIEST.year
LATEST_YEAR = STORABLE_LATEST.year
# How many earlier years the staff overview shows as the trend.
TREND_YEARS = 5

PUBLISHED_STATUSES = (ApplicationStatus.ADOPTED, ApplicationStatus.GRANTED, ApplicationStatus.CONFIRMED)
CALL_STATE_ORDER = {"open": 0, "upcoming": 1, "closed": 2}


def year_in_range(year: int) -> bool:
    return EARLIEST_YEAR <= year <= LATEST_YEAR


def parse_year(value: str | None) -> int | None:
    """The `?year=` of a page: None when absent; ValueError when it is not a fiscal year
    the portal can hold (not a number, or outside EARLIEST_YEAR…LATEST_YEAR)."""
    if value is None or value == "":
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise ValueError(value)
    year = int(text)
    if not year_in_range(year):
        raise ValueError(value)
    return year


# --- Public catalogue ---------------------------------------------------------------------


def programme_catalogue(year: int, now: datetime.datetime | None = None) -> list[Programme]:
    """The year's programmes with their categories (two queries), open calls first (the
    earliest closing first), then upcoming ones (the earliest opening first), then closed
    ones (the latest closed first). Each gets `state`."""
    now = now or timezone.now()
    programmes = list(
        Programme.objects.filter(fiscal_year=year).select_related("department").prefetch_related("categories")
    )
    for programme in programmes:
        programme.state = programme.call_state(now)

    def key(p: Programme) -> tuple[int, float]:
        if p.state == "open":
            return 0, p.call_closes_at.timestamp()
        if p.state == "upcoming":
            return 1, p.call_opens_at.timestamp()
        return 2, -p.call_closes_at.timestamp()

    programmes.sort(key=key)
    return programmes


def programme_detail_queryset() -> models.QuerySet[Programme]:
    return Programme.objects.select_related("department", "committee").prefetch_related(
        "categories", "eligible_expenses"
    )


def years_with_results() -> list[int]:
    """The fiscal years with at least one programme whose decisions are published, newest first."""
    return list(
        Programme.objects.filter(decisions_published_at__isnull=False)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )


def outside_grants(today: datetime.date | None = None) -> tuple[list[OutsideGrant], list[OutsideGrant]]:
    """Published outside grants: (open: no deadline or a deadline today or later, the
    nearest first; past: deadlines gone by, the latest first). One query."""
    today = today or timezone.localdate()
    rows = list(OutsideGrant.objects.filter(published=True).order_by("deadline", "pk"))
    upcoming = [g for g in rows if g.deadline is not None and g.deadline >= today]
    undated = [g for g in rows if g.deadline is None]
    past = [g for g in rows if g.deadline is not None and g.deadline < today]
    past.sort(key=lambda g: g.deadline, reverse=True)
    return upcoming + undated, past


# --- Published results ------------------------------------------------------------------


@dataclass
class ResultRow:
    application: Application
    granted_amount: int | None  # the 交付決定 amount, or the award before the grant
    confirmed_amount: int | None  # 額の確定, once confirmed
    score: Decimal | None  # 公開審査: the committee's average out of 100
    scored_by: int
    summary: str  # the public result summary, once the report is accepted


@dataclass
class ProgrammeResults:
    programme: Programme
    rows: list[ResultRow] = field(default_factory=list)
    screening_url: str | None = None  # the screening area's 公開審査 page, set by the view

    @property
    def show_scores(self) -> bool:
        return show_scores(self.programme)

    @property
    def total_granted(self) -> int:
        return sum(row.granted_amount or 0 for row in self.rows)

    @property
    def total_confirmed(self) -> int:
        return sum(row.confirmed_amount or 0 for row in self.rows)


def show_scores(programme: Programme) -> bool:
    """公開審査 scores are public once staff published the screening results (which
    needs a public screening whose committee closed scoring), not merely the decisions."""
    return (
        programme.public_screening
        and programme.committee_id is not None
        and programme.screening_results_published_at is not None
    )


def results_stamp(year: int) -> str:
    """A version of the year's published results, for the rendered results page's cache
    key: it changes with any write that the page shows (an application's decision,
    grant, confirmation or accepted report, a group's name, a programme or its committee,
    a publication). Two aggregate queries."""
    latest = Application.objects.filter(
        programme__fiscal_year=year,
        programme__decisions_published_at__isnull=False,
    ).aggregate(
        count=models.Count("pk"),
        application=models.Max("updated_at"),
        group=models.Max("group__updated_at"),
        grant=models.Max("grant__updated_at"),
        confirmation=models.Max("confirmation__updated_at"),
        report=models.Max("report__updated_at"),
    )
    programmes = Programme.objects.filter(fiscal_year=year).aggregate(
        count=models.Count("pk"),
        updated=models.Max("updated_at"),
        decisions=models.Max("decisions_published_at"),
        screening=models.Max("screening_results_published_at"),
        schedule=models.Max("schedule_published_at"),
        committee=models.Max("committee__updated_at"),
        categories=models.Count("categories"),
    )
    values = [*latest.values(), *programmes.values()]
    return "-".join(f"{v.timestamp():.6f}" if hasattr(v, "timestamp") else str(v) for v in values)


def published_results(year: int) -> list[ProgrammeResults]:
    """Adopted applications, per programme of `year` whose decisions are published.
    Two queries, plus one per review committee of the programmes with public screening
    (ranked_summary), whatever the number of applications."""
    programmes = list(
        Programme.objects.filter(fiscal_year=year, decisions_published_at__isnull=False)
        .select_related("committee")
        .order_by("call_closes_at", "pk")
    )
    if not programmes:
        return []
    applications = list(
        Application.objects.filter(
            programme__in=programmes, status__in=PUBLISHED_STATUSES, decision_published_at__isnull=False
        )
        .select_related("group", "category", "grant", "confirmation", "report")
        .order_by("receipt_number", "pk")
    )
    by_programme: dict[int, list[Application]] = defaultdict(list)
    for application in applications:
        by_programme[application.programme_id].append(application)

    scores: dict[int, tuple[Decimal | None, int]] = {}
    screened: dict[int, list[Application]] = defaultdict(list)
    committees = {}
    for programme in programmes:
        if show_scores(programme):
            committees[programme.committee_id] = programme.committee
            screened[programme.committee_id] += by_programme.get(programme.pk, [])
    for committee_id, objects in screened.items():
        for summary in ranked_summary(committees[committee_id], objects):
            scores[summary.obj.pk] = (summary.average, summary.count)

    results = []
    for programme in programmes:
        result = ProgrammeResults(programme)
        for application in by_programme.get(programme.pk, []):
            score, count = scores.get(application.pk, (None, 0))
            result.rows.append(
                ResultRow(
                    application=application,
                    granted_amount=_granted(application),
                    confirmed_amount=_confirmed(application),
                    score=score,
                    scored_by=count,
                    summary=_public_summary(application),
                )
            )
        results.append(result)
    return results


def _related(application: Application, name: str) -> Any:
    """A one-to-one reverse relation loaded by select_related, or None when absent."""
    try:
        return getattr(application, name)
    except models.ObjectDoesNotExist:
        return None


def _granted(application: Application) -> int | None:
    grant = _related(application, "grant")
    return grant.amount if grant is not None else application.awarded_amount


def _confirmed(application: Application) -> int | None:
    if application.status != ApplicationStatus.CONFIRMED:
        return None
    confirmation = _related(application, "confirmation")
    return confirmation.amount if confirmation is not None else None


def _public_summary(application: Application) -> str:
    report = _related(application, "report")
    if report is None or report.status != ReportStatus.ACCEPTED:
        return ""
    return application.result_summary or report.summary


# --- Staff overview -----------------------------------------------------------------------


def _paid_subquery() -> Any:
    paid = (
        Payment.objects.filter(application__programme=models.OuterRef("pk"), status=PaymentStatus.PAID)
        .order_by()
        .values("application__programme")
        .annotate(total=models.Sum("amount"))
        .values("total")
    )
    return Coalesce(models.Subquery(paid, output_field=models.BigIntegerField()), 0)


def programme_stats(programmes: models.QuerySet[Programme]) -> models.QuerySet[Programme]:
    """Programmes annotated with `applications` (submitted at least once, drafts and
    withdrawn drafts left out), `accepted` (through the completeness check), `adopted`,
    `awarded` (the awards of adopted, granted and confirmed applications), `paid`
    (payments made) and `budget_left` (total budget − awarded). One query: each figure a
    subquery over the programme's applications, so that the programmes' rows are not
    joined to (and grouped over) every application."""
    applications = Application.objects.filter(programme=models.OuterRef("pk")).order_by().values("programme")

    def figure(aggregate: models.Aggregate, output_field: models.Field) -> Any:
        subquery = models.Subquery(applications.annotate(value=aggregate).values("value"), output_field=output_field)
        return Coalesce(subquery, 0, output_field=output_field)

    submitted = ~models.Q(status=ApplicationStatus.DRAFT) & models.Q(submitted_at__isnull=False)
    awarded = models.Q(status__in=AWARDED_STATUSES)
    count, amount = models.IntegerField(), models.BigIntegerField()
    return programmes.annotate(
        applications_count=figure(models.Count("pk", filter=submitted), count),
        accepted_count=figure(models.Count("pk", filter=models.Q(status__in=REVIEWED_STATUSES)), count),
        adopted_count=figure(models.Count("pk", filter=awarded), count),
        awarded=figure(models.Sum("awarded_amount", filter=awarded), amount),
        paid=_paid_subquery(),
    ).annotate(budget_left=models.F("total_budget") - models.F("awarded"))


@dataclass
class OverviewRow:
    programme: Programme
    trend: list[Programme]  # the same programme (slug) in earlier years, oldest first


def staff_overview(year: int) -> list[OverviewRow]:
    """The year's programmes with their figures and, per programme, the same figures for
    up to TREND_YEARS earlier years of the same programme (slug). Two queries."""
    programmes = list(programme_stats(Programme.objects.filter(fiscal_year=year)).order_by("call_opens_at", "pk"))
    earlier = programme_stats(
        Programme.objects.filter(
            slug__in=[p.slug for p in programmes], fiscal_year__lt=year, fiscal_year__gte=year - TREND_YEARS
        )
    ).order_by("fiscal_year", "pk")
    trends: dict[str, list[Programme]] = defaultdict(list)
    for programme in earlier if programmes else ():
        trends[programme.slug].append(programme)
    rows = [OverviewRow(programme, trends.get(programme.slug, [])) for programme in programmes]
    for row in rows:
        previous = None
        for programme in [*row.trend, row.programme]:
            # The change in applications against the year before (None when that year is missing).
            known = previous is not None and previous.fiscal_year == programme.fiscal_year - 1
            programme.change = programme.applications_count - previous.applications_count if known else None
            previous = programme
    return rows


def groups_applying(year: int) -> models.QuerySet[CommunityGroup]:
    """The groups with an application (drafts aside) in the year's programmes."""
    return (
        CommunityGroup.objects.filter(
            pk__in=Application.objects.filter(programme__fiscal_year=year)
            .exclude(status=ApplicationStatus.DRAFT)
            .values("group_id")
        )
        .only("pk", "name", "name_kana")
        .order_by("name_kana", "pk")
    )


def default_year() -> int:
    return current_fiscal_year()


# --- Staff: one programme (the hub of its staff pages) ----------------------------------------


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class ProgrammeFigures:
    programme: Programme  # annotated by programme_stats
    by_status: list[StatusCount]
    reports_overdue: int


def staff_programme(year: int, slug: str) -> Programme | None:
    """The programme with its figures (programme_stats) and its committee. One query."""
    return (
        programme_stats(Programme.objects.filter(fiscal_year=year, slug=slug))
        .select_related("department", "committee")
        .first()
    )


def programme_figures(programme: Programme, today: datetime.date | None = None) -> ProgrammeFigures:
    """Applications per status (every status, in workflow order, zero included) and the
    granted applications whose report is overdue. Two queries, whatever the number of
    applications. `programme` comes from `staff_programme` (annotated)."""
    counts = dict(
        Application.objects.filter(programme=programme)
        .order_by()
        .values_list("status")
        .annotate(n=models.Count("pk"))
        .values_list("status", "n")
    )
    by_status = [StatusCount(value, str(label), counts.get(value, 0)) for value, label in ApplicationStatus.choices]
    overdue = reports_overdue(today).filter(programme=programme).count()
    return ProgrammeFigures(programme=programme, by_status=by_status, reports_overdue=overdue)


def staff_programme_links(year: int) -> list[Programme]:
    """The year's programmes for the staff dashboard's links. One query."""
    return list(
        Programme.objects.filter(fiscal_year=year)
        .only("pk", "fiscal_year", "slug", "name", "name_en")
        .order_by("call_opens_at", "pk")
    )


# --- Per group (S-15) ---------------------------------------------------------------------


@dataclass
class GroupHistoryRow:
    application: Application
    granted_amount: int | None
    confirmed_amount: int | None
    paid: int
    refund_due: int
    refund_status: str


def group_history(group_id: int) -> list[GroupHistoryRow]:
    """Every application the group has made (drafts aside), newest year first, with the
    award, the grant, what was paid, the confirmed amount and the refund. One query."""
    applications = (
        Application.objects.filter(group_id=group_id)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("programme", "category", "grant", "confirmation")
        .annotate(
            paid_total=Coalesce(models.Sum("payments__amount", filter=models.Q(payments__status=PaymentStatus.PAID)), 0)
        )
        .order_by("-programme__fiscal_year", "programme__call_opens_at", "pk")
    )
    rows = []
    for application in applications:
        confirmation = _related(application, "confirmation")
        rows.append(
            GroupHistoryRow(
                application=application,
                granted_amount=_granted(application) if application.status in AWARDED_STATUSES else None,
                confirmed_amount=confirmation.amount if confirmation is not None else None,
                paid=application.paid_total,
                refund_due=confirmation.refund_due if confirmation is not None else 0,
                refund_status=confirmation.get_refund_status_display() if confirmation is not None else "",
            )
        )
    return rows


# --- make bench ---------------------------------------------------------------------------


def bench_pages() -> list[tuple[str, str]]:
    """The public catalogue and results pages measured by `make bench` (portal.bench)."""
    from django.urls import reverse

    year = default_year()
    pages = [
        ("subsidies list", reverse("subsidies:list")),
        ("outside grants", reverse("subsidies:outside-grants")),
        ("subsidy results index", reverse("subsidies:results-index")),
    ]
    programme = Programme.objects.filter(fiscal_year=year).order_by("call_opens_at", "pk").first()
    if programme is not None:
        pages.append(("subsidy programme", programme.get_absolute_url()))
    results_year = next(iter(years_with_results()), year)
    pages += [
        ("subsidy results", reverse("subsidies:results", args=[results_year])),
        ("subsidy results csv", reverse("subsidies:results-csv", args=[results_year])),
        ("subsidy results json", reverse("subsidies:results-json", args=[results_year])),
    ]
    return pages
