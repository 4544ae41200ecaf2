"""Daily facilities upkeep, for cron: draw the lotteries whose draw time has come
(results wait for staff to review and publish) and lapse wins not confirmed in time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from facilities.services import lapse_unconfirmed, run_due_draws


class Command(BaseCommand):
    help = "Draw due lotteries and lapse unconfirmed wins (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        drawn = run_due_draws()
        lapsed = lapse_unconfirmed()
        self.stdout.write(f"{len(drawn)} lotteries drawn, {lapsed} unconfirmed wins lapsed")
