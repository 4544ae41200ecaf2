"""manage.py subsidies_daily: report reminders 14 and 3 days before the deadline, and
the overdue list."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories.subsidies import create_programme
from tests.subsidies.grants_flow import granted, reported, today_plus

pytestmark = pytest.mark.django_db


def test_subsidies_daily__reminds_and_lists_overdue(mailoutbox: list[Any]) -> None:
    in_14 = granted(programme=create_programme(report_due_on=today_plus(14)))
    in_3 = granted(programme=create_programme(report_due_on=today_plus(3)))
    granted(programme=create_programme(report_due_on=today_plus(5)))
    submitted = granted(programme=create_programme(report_due_on=today_plus(3)))
    reported(submitted, {"honoraria": 1000}, accept=False)
    overdue = granted(programme=create_programme(report_due_on=timezone.localdate() - datetime.timedelta(days=1)))
    out = io.StringIO()
    call_command("subsidies_daily", stdout=out)
    output = out.getvalue()
    assert "2 report reminders sent, 1 reports overdue" in output
    assert overdue.receipt_number in output
    reminded = {in_14.group.contact_email, in_3.group.contact_email} - {""}
    recipients = {address for message in mailoutbox for address in message.to}
    assert recipients
    assert submitted.group.contact_email not in recipients or submitted.group.contact_email in reminded
    assert all("実績報告" in m.subject or "report" in m.subject.lower() for m in mailoutbox)
