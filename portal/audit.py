"""Writing to the append-only audit log. Services call `audit_log` inside their
transaction, so the entry exists exactly when the change does."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from portal.models import AuditLogEntry

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

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


# --- Reading the log ------------------------------------------------------------------
#
# Each app registers the action codes it writes with a readable, translated label
# (`register_audit_actions` in its AppConfig.ready). A code nobody registered is still
# shown readably: the model's verbose name and the event ("Closure: deleted").

AUDIT_ACTIONS: dict[str, StrOrPromise] = {}
AUDIT_DATA_LABELS: dict[str, StrOrPromise] = {}

# Events most codes end with, for codes nobody registered (admin edits of any model).
COMMON_EVENTS: dict[str, StrOrPromise] = {
    "created": pgettext_lazy("audit log event", "created"),
    "updated": pgettext_lazy("audit log event", "updated"),
    "deleted": pgettext_lazy("audit log event", "deleted"),
    "status_changed": pgettext_lazy("audit log event", "status changed"),
}

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def register_audit_actions(
    actions: Mapping[str, StrOrPromise], *, data_labels: Mapping[str, StrOrPromise] | None = None
) -> None:
    """Give action codes ("<app>.<model>.<event>") and keys of their data readable labels."""
    AUDIT_ACTIONS.update(actions)
    AUDIT_DATA_LABELS.update(data_labels or {})


def _humanise(code: str) -> str:
    return code.replace("_", " ").replace("-", " ").strip()


def action_label(code: str) -> str:
    """The readable label of an action code, for the active language."""
    if code in AUDIT_ACTIONS:
        return str(AUDIT_ACTIONS[code])
    parts = code.split(".")
    # A registered prefix: "facilities.booking.cancelled.other" → its label and the rest.
    for cut in range(len(parts) - 1, 1, -1):
        prefix = ".".join(parts[:cut])
        if prefix in AUDIT_ACTIONS:
            return _("%(action)s (%(detail)s)") % {
                "action": AUDIT_ACTIONS[prefix],
                "detail": _humanise(" ".join(parts[cut:])),
            }
    if len(parts) < 3:  # app, model, event
        return _humanise(code)
    app_label, model_name, event = parts[0], parts[1], " ".join(parts[2:])
    try:
        subject = str(apps.get_model(app_label, model_name)._meta.verbose_name)
    except (LookupError, ValueError):
        subject = _humanise(model_name)
    event_label = COMMON_EVENTS.get(event) or _humanise(event)
    return _("%(object)s: %(event)s") % {"object": capfirst(subject), "event": event_label}


def local_value(value: Any) -> str:
    """A value from an entry's data as staff read it: date-times in the site's time
    zone, lists joined, nothing as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list | tuple):
        return ", ".join(local_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {local_value(item)}" for key, item in value.items())
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        parsed = parse_datetime(value)
        if parsed is not None:
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed, datetime.UTC)
            return timezone.localtime(parsed).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _field_names(model: type[models.Model] | None, names: Any) -> Any:
    """Changed-field lists name the target's fields by their verbose names."""
    if model is None or not isinstance(names, list):
        return names
    readable = []
    for name in names:
        try:
            readable.append(str(model._meta.get_field(str(name)).verbose_name))  # type: ignore[union-attr]
        except FieldDoesNotExist:  # a field since removed
            readable.append(str(name))
    return readable


def entry_details(entry: AuditLogEntry) -> list[tuple[str, str]]:
    """(label, value) pairs of an entry's data, readable and in local time."""
    data = entry.data
    if not isinstance(data, Mapping):
        return []
    model = entry.target_type.model_class() if entry.target_type_id else None
    return [
        (
            str(AUDIT_DATA_LABELS.get(key) or capfirst(_humanise(str(key)))),
            local_value(_readable(model, data, key, value)),
        )
        for key, value in data.items()
    ]


def _readable(model: type[models.Model] | None, data: Mapping[str, Any], key: str, value: Any) -> Any:
    """Field names as verbose names; a status move's field and its old and new states
    (written by portal.workflow) as their labels."""
    if key == "fields":
        return _field_names(model, value)
    if model is None or key not in ("field", "old", "new") or not isinstance(data.get("field"), str):
        return value
    try:
        field = model._meta.get_field(data["field"])
    except FieldDoesNotExist:
        return value
    if key == "field":
        return str(field.verbose_name)
    return str(dict(field.flatchoices).get(value, value))  # type: ignore[union-attr]


register_audit_actions(
    {
        "portal.user.profile_updated": gettext_lazy("Profile updated"),
        "portal.user.deleted": gettext_lazy("Account deleted"),
        "portal.staffassignment.created": gettext_lazy("Staff role assigned"),
        "portal.siteconfiguration.updated": gettext_lazy("Site settings changed"),
        "portal.reviewcommittee.created": gettext_lazy("Review committee created"),
        "portal.reviewcommittee.scoring_opened": gettext_lazy("Scoring opened"),
        "portal.reviewcommittee.scoring_closed": gettext_lazy("Scoring closed"),
        "portal.committeemember.added": gettext_lazy("Committee member added"),
        "portal.scoresheet.saved": gettext_lazy("Score sheet saved"),
        "portal.review.created": gettext_lazy("Scores given"),
        "portal.review.updated": gettext_lazy("Scores changed"),
        "portal.conflictdeclaration.automatic": gettext_lazy("Conflict of interest detected (member of the applicant)"),
        "portal.conflictdeclaration.declared": gettext_lazy("Conflict of interest declared"),
    },
    data_labels={
        "fields": gettext_lazy("Changed fields"),
        "note": gettext_lazy("Note"),
        "reason": gettext_lazy("Reason"),
        "role": gettext_lazy("Role"),
        "department": gettext_lazy("Department"),
        "from": pgettext_lazy("audit log detail", "From"),
        "to": pgettext_lazy("audit log detail", "To"),
        "status": gettext_lazy("Status"),
        "field": pgettext_lazy("audit log detail", "What changed"),
        "old": pgettext_lazy("audit log detail", "Before"),
        "new": pgettext_lazy("audit log detail", "After"),
    },
)
