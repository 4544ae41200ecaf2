"""The daily upkeep of the collaboration app (`manage.py collaboration_daily`, for cron).
Each area appends its jobs to `JOBS` from its hook: a job takes no argument and returns
the lines to print (what it sent or found)."""

from __future__ import annotations

from collections.abc import Callable

JOBS: list[Callable[[], list[str]]] = []


def register_daily_job(job: Callable[[], list[str]]) -> None:
    if job not in JOBS:
        JOBS.append(job)
