"""Daily subsidies upkeep, for cron: remind the groups whose report (実績報告) is due in
14 or 3 days and not yet submitted, and list the reports that are overdue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from subsidies.selectors import reports_overdue
from subsidies.services.grants import report_reminders_send


class Command(BaseCommand):
    help = "Send report reminders (14 and 3 days before the deadline) and list overdue reports (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = report_reminders_send()
        overdue = list(reports_overdue())
        self.stdout.write(f"{len(reminded)} report reminders sent, {len(overdue)} reports overdue")
        for application in overdue:
            due = application.programme.report_due_on.isoformat()
            self.stdout.write(f"overdue since {due}: {application.receipt_number} {application.group.name}")
