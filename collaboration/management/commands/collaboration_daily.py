"""Daily collaboration upkeep, for cron: every job the areas register in
`collaboration.daily.JOBS` (reminders of periodic checks and partnership reviews,
evaluations due, missing 実施報告)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from collaboration.daily import JOBS


class Command(BaseCommand):
    help = "Send the collaboration reminders and list what is overdue (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in JOBS:
            for line in job():
                self.stdout.write(line)
