"""Run daily (cron or a scheduled task): registrations past their end date lapse."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from groups.services import groups_lapse_expired


class Command(BaseCommand):
    help = "Mark registered groups whose registration has ended (31 March) as lapsed."

    def handle(self, *args: Any, **options: Any) -> None:
        count = groups_lapse_expired()
        self.stdout.write(f"{count} group registration(s) lapsed.")
