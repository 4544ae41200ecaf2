"""Write the site search's index afresh (after a bulk load or a change of what is indexed)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from portal import search


class Command(BaseCommand):
    help = "Rebuild the site search index (all kinds, or those named)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kinds", nargs="*", help="Kinds to rebuild, e.g. groups.group (default: all).")
        parser.add_argument(
            "--prune", action="store_true", help="Only delete expired entries (past events…): run it daily."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["prune"]:
            self.stdout.write(f"pruned: {search.prune()}")
            return
        counts = search.rebuild(options["kinds"] or None)
        for key, count in counts.items():
            self.stdout.write(f"{key}: {count}")
