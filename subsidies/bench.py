"""The subsidies pages measured by `make bench`: the public catalogue and results
(`subsidies.catalogue.bench_pages`), and the staff pages of the year with the most
applications, signed in as the demo city's staff (staff@example.jp)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from subsidies.models import Programme

STAFF = "staff@example.jp"


def staff_pages() -> list[tuple[str, ...]]:
    programme = Programme.objects.annotate(n=Count("applications")).filter(n__gt=0).order_by("-n", "pk").first()
    if programme is None:
        return []
    pages: list[tuple[str, ...]] = [
        ("subsidy results, busiest year", reverse("subsidies:results", args=[programme.fiscal_year])),
        ("staff subsidies overview", reverse("subsidies:staff") + f"?year={programme.fiscal_year}", STAFF),
        (
            "staff programme page",
            reverse("subsidies:staff-programme", args=[programme.fiscal_year, programme.slug]),
            STAFF,
        ),
        (
            "staff application queue",
            reverse("subsidies:staff-applications", args=[programme.fiscal_year, programme.slug]),
            STAFF,
        ),
        (
            "staff decisions",
            reverse("subsidies:staff-decisions", args=[programme.fiscal_year, programme.slug]),
            STAFF,
        ),
    ]
    if programme.committee_id:
        pages.append(("staff ranked summary", reverse("portal:review-summary", args=[programme.committee_id]), STAFF))
    return pages
