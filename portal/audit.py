"""Writing to the append-only audit log. Services call `audit_log` inside their
transaction, so the entry exists exactly when the change does."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.models import AuditLogEntry

if TYPE_CHECKING:
    from portal.models import User


def audit_log(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditLogEntry:
    """Record `actor` doing `action` ("<app>.<model>.<event>") to `target`."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    entry = AuditLogEntry(actor=actor, action=action, data=data or {})
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:200]
    entry.save()
    return entry
