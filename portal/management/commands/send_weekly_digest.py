"""Queue the weekly topic e-mail digest (portal.newsletter) on the task queue. Run it
once a week from cron; running it again in the same week sends nobody a second digest."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from portal.newsletter import send_weekly_digest_task


class Command(BaseCommand):
    help = "Queue this week's topic e-mail digest (idempotent within a week)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_weekly_digest_task.enqueue()
        self.stdout.write(f"Queued the weekly digest (task {result.id}, {result.status}).")
