"""The one workflow core (STYLE §4.5): a transition map per status field and one
audited helper that every status change goes through.

Each status field is declared next to its `TextChoices` with a `Workflow` (the map,
the audit action prefix and a human label) and listed in the model's `WORKFLOWS`
class attribute, `{"status": ..., "payment_status": ...}`. Services change a status
only with `transition` (one row) or `transition_many` (a bulk change such as a lapse,
one audit entry per row). The helper

- re-reads the field under `select_for_update` and refuses a stale state: the caller's
  instance or the state the user saw (`expected`) differs from the row (code "stale");
  services whose own guards run before `transition` call `ensure_unchanged` first, so
  that a changed state is reported as such and not as some other refusal;
- checks the move against the map (code "invalid_transition");
- sets the field, saves it with `update_fields` and writes an audit entry with
  `{"field", "old", "new"}` plus the caller's data.

From the UI: every decision form sends back the state the person saw
(`portal.forms.SeenStatusField`, a hidden `seen_status`); the view passes it to the
service as `expected_status=`, the service to `ensure_unchanged`/`transition`. A stale
refusal is answered with 409 Conflict (`error_status`): the page drawn again as it now
is, with the message, nothing written and nothing sent. A POST without `seen_status`
acts on the current state (the map still applies).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from portal.audit import audit_log

if TYPE_CHECKING:
    from portal.models import User

__all__ = [
    "Workflow",
    "available_transitions",
    "check_transition",
    "ensure_unchanged",
    "error_status",
    "is_stale",
    "status_fields_without_workflow",
    "transition",
    "transition_many",
    "workflow_for",
]


@dataclass(frozen=True)
class Workflow:
    """The transition map of one status field: `transitions[old]` is the set of states
    `old` may move to. A move is audited as "<action_prefix>.<event>", the event being
    the caller's `action`, else `events[new]`, else the new state; `label` names the
    thing in messages ("Booking", "Payment")."""

    choices: type[models.TextChoices]
    transitions: Mapping[str, frozenset[str]]
    action_prefix: str
    label: str | Promise
    events: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        values = set(self.choices.values)
        if set(self.transitions) != values:
            msg = f"{self.action_prefix}: the map must list every state exactly once."
            raise ValueError(msg)
        for targets in self.transitions.values():
            if not set(targets) <= values:
                msg = f"{self.action_prefix}: the map leads to an unknown state."
                raise ValueError(msg)

    def allowed(self, old: str) -> frozenset[str]:
        return self.transitions.get(old, frozenset())

    def state_label(self, value: str) -> str:
        try:
            return str(self.choices(value).label)
        except ValueError:
            return value


def workflow_for(obj_or_model: models.Model | type[models.Model], field: str = "status") -> Workflow:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    workflows: dict[str, Workflow] = getattr(model, "WORKFLOWS", {})
    if field not in workflows:
        msg = f"{model.__name__}.{field} has no workflow."
        raise LookupError(msg)
    return workflows[field]


def available_transitions(obj: models.Model, field: str = "status") -> frozenset[str]:
    """The states `obj` may move to from its current one (for buttons in templates)."""
    return workflow_for(obj, field).allowed(getattr(obj, field))


def check_transition(obj: models.Model, new: str, *, field: str = "status") -> None:
    """Refuse a move the map does not allow, with a translated message."""
    workflow = workflow_for(obj, field)
    old = getattr(obj, field)
    if new not in workflow.allowed(old):
        raise ValidationError(
            _("%(label)s: “%(old)s” cannot change to “%(new)s”.")
            % {"label": workflow.label, "old": workflow.state_label(old), "new": workflow.state_label(new)},
            code="invalid_transition",
        )


def _stale(workflow: Workflow, current: str) -> ValidationError:
    return ValidationError(
        _("%(label)s: this has changed since you opened it (it is now “%(status)s”). Please reload.")
        % {"label": workflow.label, "status": workflow.state_label(current)},
        code="stale",
    )


def ensure_unchanged(obj: models.Model, expected: str | None, *, field: str = "status") -> None:
    """Refuse (code "stale") when the person saw another state than the row has now.
    `obj` is the row just locked by the service; `expected` the state the page showed
    (the form's hidden `seen_status`), None when the form did not send it."""
    current = getattr(obj, field)
    if expected is not None and current != expected:
        raise _stale(workflow_for(obj, field), current)


def is_stale(error: ValidationError) -> bool:
    """Whether a service refused because the state changed since the page was shown."""
    if hasattr(error, "error_dict"):
        return any(e.code == "stale" for errors in error.error_dict.values() for e in errors)
    return any(e.code == "stale" for e in error.error_list)


def error_status(error: ValidationError) -> int:
    """The HTTP status of a page re-rendered after a refusal: 409 Conflict for a stale
    state (the page is shown again as it is now, with the message), else 400."""
    return HTTPStatus.CONFLICT if is_stale(error) else HTTPStatus.BAD_REQUEST


def _apply(
    obj: models.Model,
    new: str,
    *,
    current: str,
    actor: User | None,
    field: str,
    expected: str | None,
    action: str | None,
    data: dict[str, Any] | None,
    update_fields: Iterable[str],
) -> None:
    workflow = workflow_for(obj, field)
    seen = getattr(obj, field)
    if current != seen or (expected is not None and current != expected):
        raise _stale(workflow, current)
    check_transition(obj, new, field=field)
    setattr(obj, field, new)
    fields = [field, *update_fields]
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields) and "updated_at" not in fields:
        fields.append("updated_at")
    obj.save(update_fields=list(dict.fromkeys(fields)))
    audit_log(
        actor=actor,
        action=f"{workflow.action_prefix}.{action or workflow.events.get(new, new)}",
        target=obj,
        data={"field": field, "old": seen, "new": new, **(data or {})},
    )


@transaction.atomic
def transition(
    obj: models.Model,
    new: str,
    *,
    actor: User | None,
    field: str = "status",
    expected: str | None = None,
    action: str | None = None,
    data: dict[str, Any] | None = None,
    update_fields: Iterable[str] = (),
) -> models.Model:
    """Move `obj.<field>` to `new`: lock and re-read the row, refuse a stale state
    (`obj` or `expected` differs from the row), check the map, save `field` with
    `update_fields` (other fields the caller set), audit "<prefix>.<event>" (see `Workflow`)."""
    current = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).values_list(field, flat=True).get()
    _apply(
        obj,
        new,
        current=current,
        actor=actor,
        field=field,
        expected=expected,
        action=action,
        data=data,
        update_fields=update_fields,
    )
    return obj


@transaction.atomic
def transition_many(
    queryset: models.QuerySet[Any],
    new: str,
    *,
    actor: User | None,
    field: str = "status",
    action: str | None = None,
    data: dict[str, Any] | None = None,
) -> list[models.Model]:
    """Move every row of `queryset` to `new` (e.g. a nightly lapse): the rows are
    locked, each move is checked and each row gets its own audit entry."""
    if not queryset.query.select_for_update:
        queryset = queryset.select_for_update(of=("self",))
    rows = list(queryset)
    for obj in rows:
        _apply(
            obj,
            new,
            current=getattr(obj, field),
            actor=actor,
            field=field,
            expected=None,
            action=action,
            data=data,
            update_fields=(),
        )
    return rows


def status_fields_without_workflow(app_labels: Iterable[str]) -> list[str]:
    """Status-like fields (a field with choices named `status` or `*_status`) of the
    apps' models that have no workflow, or whose workflow's states differ from the
    field's choices: a test keeps this list empty."""
    problems = []
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            workflows: dict[str, Workflow] = getattr(model, "WORKFLOWS", {})
            for f in model._meta.concrete_fields:
                is_status = f.name == "status" or f.name.endswith("_status")
                if is_status and f.choices and f.name not in workflows:
                    problems.append(f"{model._meta.label}.{f.name}")
            for name, workflow in workflows.items():
                values = {value for value, _label in model._meta.get_field(name).choices or ()}
                if values != set(workflow.choices.values):
                    problems.append(f"{model._meta.label}.{name} (states differ from the choices)")
    return problems
