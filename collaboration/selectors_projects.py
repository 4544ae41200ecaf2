"""Reads of the projects area: the public registry, the 協働の度合い table (projects
by form and domain), a project page's sections, and the staff list."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collaboration.models import CollaborationForm, Domain, Project, ProjectEntry, ProjectPartner
from collaboration.permissions import project_policy
from portal.dates import fiscal_year

CHECKIN_NOTICE_DAYS = 7
REVIEW_NOTICE_DAYS = 30
OPEN = ("planned", "active")


# REQUIREMENTS §4.3 (seeds [002] 第2章3, [003] 第3章1(3)): what each domain is, with examples.
DOMAIN_EXPLANATIONS = {
    1: (
        _("Citizens act on their own responsibility and initiative."),
        _("Neighbourhood self-government, local revitalisation, finding local issues, local events."),
    ),
    2: (
        _("Citizens take the lead and the city supports them."),
        _(
            "Care each area needs (support for older people, child-rearing support), crime prevention "
            "and disaster preparedness, environmental conservation."
        ),
    ),
    3: (
        _("Citizens and the city plan and carry out the project together."),
        _(
            "Projects that need the area's agreement (parks and roads, patrols, waste reduction), events "
            "and festivals, pioneering projects."
        ),
    ),
    4: (
        _("The city takes the lead and citizens cooperate and take part."),
        _("Councils, taking part in drawing up the city's plans, public comment, surveys."),
    ),
    5: (
        _("The city acts on its own responsibility as the executing body."),
        _("Permits and licences, administrative decisions, taxation and other exercise of public authority."),
    ),
}


def domain_explanations() -> list[tuple[Any, Any, Any, Any]]:
    """(domain, short label, description, examples) for ① to ⑤."""
    from collaboration.models import DOMAIN_SHORT

    return [(d, DOMAIN_SHORT[d.value], *DOMAIN_EXPLANATIONS[d.value]) for d in Domain]


def partners_prefetch() -> Prefetch:
    # Ordered within the project only: the model's ordering ("project", …) joins every
    # project to sort by the project's own ordering.
    return Prefetch(
        "partners", queryset=ProjectPartner.objects.select_related("group", "department").order_by("order", "pk")
    )


def registry_queryset(queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """Projects with what a registry row shows: form, department, partners."""
    base = queryset if queryset is not None else Project.objects.all()
    return base.select_related("form", "department").prefetch_related(partners_prefetch())


def public_projects() -> QuerySet[Project]:
    return registry_queryset(Project.objects.filter(is_published=True))


def project_years() -> list[int]:
    """The fiscal years that have published projects, newest first (this year always)."""
    years = set(Project.objects.filter(is_published=True).values_list("fiscal_year", flat=True).distinct())
    years.add(fiscal_year(timezone.localdate()))
    return sorted(years, reverse=True)


def domain_table(year: int) -> dict[str, Any]:
    """The year's published projects counted by form (rows) and domain (columns), with
    the totals; every active form is a row, and any other form that has projects."""
    counts = (
        Project.objects.filter(is_published=True, fiscal_year=year)
        .values("form_id", "domain")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_cell: dict[tuple[int, int], int] = {(row["form_id"], row["domain"]): row["n"] for row in counts}
    used = {form_id for form_id, _domain in by_cell}
    forms = list(CollaborationForm.objects.filter(Q(is_active=True) | Q(pk__in=used)))
    domains = list(Domain)
    rows = []
    for form in forms:
        cells = [(domain, by_cell.get((form.pk, domain.value), 0)) for domain in domains]
        rows.append({"form": form, "cells": cells, "total": sum(n for _d, n in cells)})
    column_totals = [(domain, sum(by_cell.get((f.pk, domain.value), 0) for f in forms)) for domain in domains]
    return {
        "rows": rows,
        "domains": domains,
        "column_totals": column_totals,
        "total": sum(n for _d, n in column_totals),
    }


def public_timeline(project: Project) -> list[ProjectEntry]:
    """The results timeline: the public entries, newest first."""
    return list(project.entries.filter(is_public=True).order_by("-on", "-pk"))


def partners_log(project: Project) -> list[ProjectEntry]:
    """Every entry of the partners' log, newest first, with its author."""
    return list(project.entries.select_related("author").order_by("-on", "-pk"))


def linked_subsidies(project: Project) -> list[Any]:
    """S-13: subsidy applications linked to the project whose (adopting) decision is
    published: programme, group and amount."""
    from subsidies.models import AWARDED_STATUSES, Application

    return list(
        Application.objects.filter(
            collaboration_project_id=project.pk,
            decision_published_at__isnull=False,
            status__in=AWARDED_STATUSES,
        )
        .select_related("programme", "group")
        .order_by("-programme__fiscal_year", "receipt_number")
    )


def staff_projects(user: Any, today: datetime.date | None = None) -> QuerySet[Project]:
    """The projects the user manages (the window: all; city staff: their departments'),
    unpublished ones included, those with a check or review due first."""
    today = today or timezone.localdate()
    checkin_limit = today + datetime.timedelta(days=CHECKIN_NOTICE_DAYS)
    review_limit = today + datetime.timedelta(days=REVIEW_NOTICE_DAYS)
    return (
        registry_queryset(project_policy.instances_user_has_permission_for(user, "manage"))
        .annotate(
            # Case/When, not a bare Q: a NULL date must read as "not due" (PostgreSQL
            # sorts NULL first in descending order).
            checkin_due=Case(
                When(Q(next_checkin_on__lte=checkin_limit, status__in=OPEN), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            review_due=Case(
                When(Q(next_review_on__lte=review_limit, status__in=OPEN), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-checkin_due", "-review_due", "-fiscal_year", "title", "pk")
    )
