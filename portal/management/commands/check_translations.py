"""Fail when a user-facing string has no Japanese translation.

Re-extracts the messages (makemessages), then reports every untranslated or fuzzy
entry of the Japanese catalogue. When nothing but the header changed, the catalogue
is restored, so that running the check leaves no noise in git."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

IGNORE = [".venv", "node_modules", "staticfiles", "tests", "docs", "scripts"]


def _entries(path: Path) -> set[tuple[str, str, str, str]]:
    catalogue = polib.pofile(str(path))
    return {
        (entry.msgctxt or "", entry.msgid, entry.msgstr, "|".join(sorted(entry.msgstr_plural.values())))
        for entry in catalogue
        if not entry.obsolete
    }


class Command(BaseCommand):
    help = "Re-extract messages and fail on untranslated or fuzzy Japanese entries."

    def handle(self, *args: Any, **options: Any) -> None:
        po_path = Path(settings.LOCALE_PATHS[0]) / "ja" / "LC_MESSAGES" / "django.po"
        backup = Path(tempfile.mkdtemp()) / "django.po"
        if po_path.exists():
            shutil.copy2(po_path, backup)
        call_command(
            "makemessages", locale=["ja"], no_location=True, no_obsolete=True, ignore_patterns=IGNORE, verbosity=0
        )
        catalogue = polib.pofile(str(po_path))
        missing = [entry for entry in catalogue if not entry.obsolete and not entry.translated()]
        fuzzy = [entry for entry in catalogue if "fuzzy" in entry.flags]
        if backup.exists() and _entries(backup) == _entries(po_path):
            shutil.copy2(backup, po_path)
        if missing or fuzzy:
            for entry in missing + fuzzy:
                context = f" [{entry.msgctxt}]" if entry.msgctxt else ""
                self.stderr.write(f"untranslated{context}: {entry.msgid!r}")
            raise CommandError(
                f"{len(missing)} untranslated and {len(fuzzy)} fuzzy entries in {po_path}. "
                "Translate them (make messages updates the catalogue)."
            )
        self.stdout.write(self.style.SUCCESS(f"All {len(catalogue)} Japanese entries are translated."))
