"""What the calls area registers with the rest of the portal when the app is ready
(audit labels, bench pages, daily jobs, hooks into other apps)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "collaboration.call.created": _("Call for collaboration proposals created"),
    "collaboration.call.updated": _("Call for collaboration proposals changed"),
    "collaboration.call.published": _("Call for collaboration proposals published"),
    "collaboration.call.closed": _("Call for collaboration proposals closed"),
    "collaboration.call.reopened": _("Call for collaboration proposals reopened"),
}


def bench_pages() -> list[tuple[str, ...]]:
    from collaboration.models import Call, CallStatus

    pages: list[tuple[str, ...]] = [
        ("collaboration index", reverse("collaboration:index")),
        ("collaboration calls", reverse("collaboration:call-list")),
    ]
    call = Call.objects.filter(status=CallStatus.OPEN).order_by("pk").first()
    if call:
        pages.append(("collaboration call", call.get_absolute_url()))
    return pages


def register() -> None:
    from portal import bench
    from portal.audit import register_audit_actions

    register_audit_actions(ACTIONS)
    if bench_pages not in bench.BENCH_PAGES:
        bench.BENCH_PAGES.append(bench_pages)
