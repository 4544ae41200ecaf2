from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal import demo


class Command(BaseCommand):
    help = "Load the demo city (idempotent). Refused unless DEMO_DATA_ALLOWED (on with DEBUG)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", type=int, default=1, help="Multiply the volume (for benchmarks).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Refusing to load demo data with production settings (DEBUG off). "
                "Demo accounts have a published password."
            )
        if options["scale"] < 1:
            raise CommandError("--scale must be 1 or more.")
        demo.seed(scale=options["scale"], log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo city loaded."))
