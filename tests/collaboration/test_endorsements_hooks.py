"""What the endorsements area registers: audit labels, the event badges and co-hosting
evidence (tested with their pages), the daily list of missing 実施報告, bench pages."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from collaboration.daily import JOBS
from collaboration.hooks import endorsements as hooks
from portal.audit import action_label
from portal.bench import BENCH_PAGES
from tests.factories.collaboration import create_endorsement

pytestmark = pytest.mark.django_db


def test_audit_labels_registered() -> None:
    assert action_label("collaboration.endorsement.approved") == "後援・共催の承認"
    assert action_label("collaboration.endorsement.reported") == "後援・共催事業の実施報告"


def test_daily_job__lists_missing_reports(role_users: dict[str, Any]) -> None:
    assert hooks.missing_reports in JOBS
    past = timezone.localdate() - datetime.timedelta(days=2)
    due = create_endorsement(role_users["_group"], status="approved", starts_on=past, ends_on=past)
    create_endorsement(role_users["_group"], status="approved")  # still to come
    reported = create_endorsement(role_users["_group"], status="approved", starts_on=past, ends_on=past)
    reported.reported_at = timezone.now()
    reported.save()
    lines = hooks.missing_reports()
    assert len(lines) == 1
    assert due.receipt_number in lines[0]


def test_bench_pages(role_users: dict[str, Any]) -> None:
    assert hooks.bench_pages in BENCH_PAGES
    labels = [page[0] for page in hooks.bench_pages()]
    assert "endorsements staff queue" in labels
