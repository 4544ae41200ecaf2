"""The README's settings table lists every variable .env.example has and every one
portal/settings.py reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_variables() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split(" | ")[0])}


def test_readme_lists_every_env_example_variable() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    assert names
    assert names - _readme_variables() == set()


def test_readme_lists_every_variable_settings_reads() -> None:
    text = (ROOT / "portal" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r"env(?:_bool|_int|_list)?\(\s*\"([A-Z][A-Z0-9_]+)\"", text))
    assert "CACHE_URL" in names
    assert "EMAIL_BACKEND" in names
    assert names - _readme_variables() == set()


def test_env_example_has_every_variable_settings_reads() -> None:
    settings_text = (ROOT / "portal" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r"env(?:_bool|_int|_list)?\(\s*\"([A-Z][A-Z0-9_]+)\"", settings_text))
    example = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE))
    assert names - example == set()


def test_readme_layout_names_existing_paths() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text.split("## Layout", 1)[1]
    for directory in re.findall(r"^([a-z_/]+/)\s", layout, flags=re.MULTILINE):
        for part in directory.split():
            assert (ROOT / part).exists(), part
