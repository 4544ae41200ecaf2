"""The window pages measured by `make bench`: the staff queue and the busiest call's
decisions, signed in as the demo city's window staff (staff@example.jp)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from collaboration.models import Call

STAFF = "staff@example.jp"


def staff_pages() -> list[tuple[str, ...]]:
    pages: list[tuple[str, ...]] = [
        ("collaboration window queue", reverse("collaboration:staff-proposals"), STAFF),
    ]
    call = Call.objects.annotate(n=Count("proposals")).filter(n__gt=0).order_by("-n", "pk").first()
    if call is not None:
        pages.append(
            ("collaboration call decisions", reverse("collaboration:staff-call-decisions", args=[call.slug]), STAFF)
        )
    return pages
