"""Demo data of the window area (idempotent: natural keys)."""

from __future__ import annotations

from portal.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    pass
