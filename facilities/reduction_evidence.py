"""Evidence for fee reductions (減免) that another app holds: a `ReductionRule` whose
`evidence` is not empty applies only when the check registered for that kind finds the
evidence for the booker's group on the day of use.

The facilities app does not depend on the apps that hold the evidence: they register
their check when they are ready, e.g. the collaboration app registers "cohosting"
(the city's approved 共催 of the group's event on that day). A check takes the group
and the day and returns the reduction reason to record (「共催承認 K-2026-00012 〇〇まつり」),
or None when there is no evidence. Without a registered check the rule cannot apply."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

__all__ = ["EVIDENCE_CHECKS", "EvidenceCheck", "find_evidence", "register_evidence_check"]

EvidenceCheck = Callable[[Any, datetime.date], str | None]

EVIDENCE_CHECKS: dict[str, EvidenceCheck] = {}


def register_evidence_check(kind: str, check: EvidenceCheck) -> None:
    EVIDENCE_CHECKS[kind] = check


def find_evidence(kind: str, group: Any, day: datetime.date) -> str | None:
    """The reduction reason the evidence gives, or None (no group, no check, no evidence)."""
    check = EVIDENCE_CHECKS.get(kind)
    if check is None or group is None:
        return None
    return check(group, day)
