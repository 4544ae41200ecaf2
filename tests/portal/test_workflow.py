"""The one workflow core (portal.workflow): the map, the stale check, the audit entry,
bulk transitions; every status field has a map and no code assigns a status itself."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from groups.models import CommunityGroup, GroupStatus
from portal.models import AuditLogEntry
from portal.workflow import (
    Workflow,
    available_transitions,
    check_transition,
    ensure_unchanged,
    error_status,
    is_stale,
    status_fields_without_workflow,
    transition,
    transition_many,
    workflow_for,
)
from tests.factories.groups import apply_for_group, create_group, reviewing_staff

pytestmark = pytest.mark.django_db

# The project's own apps: under the project folder, not installed packages (a virtualenv
# may live inside the project folder too).
PROJECT_APPS = [
    c.label
    for c in apps.get_app_configs()
    if Path(c.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in Path(c.path).parts
]


def test_transition__moves_saves_and_audits_old_and_new() -> None:
    group = apply_for_group()
    staff = reviewing_staff()
    group.review_note = "書類を直してください"
    transition(
        group, GroupStatus.RETURNED, actor=staff, action="returned", data={"x": 1}, update_fields=["review_note"]
    )
    group.refresh_from_db()
    assert group.status == GroupStatus.RETURNED
    assert group.review_note == "書類を直してください"
    entry = AuditLogEntry.objects.get(action="groups.communitygroup.returned")
    assert entry.actor == staff
    assert entry.target_id == str(group.pk)
    assert entry.data == {"field": "status", "old": "pending", "new": "returned", "x": 1}


def test_transition__illegal_move_is_refused_and_nothing_written() -> None:
    group = apply_for_group()
    staff = reviewing_staff()
    before = AuditLogEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        transition(group, GroupStatus.LAPSED, actor=staff)
    assert error.value.code == "invalid_transition"
    message = error.value.messages[0]  # a sentence naming both states, not codes
    assert str(GroupStatus.PENDING.label) in message
    assert str(GroupStatus.LAPSED.label) in message
    group.refresh_from_db()
    assert group.status == GroupStatus.PENDING
    assert AuditLogEntry.objects.count() == before


def test_transition__stale_expected_state_is_refused() -> None:
    group = apply_for_group()
    with pytest.raises(ValidationError) as error:
        transition(group, GroupStatus.RETURNED, actor=reviewing_staff(), expected=GroupStatus.RETURNED)
    assert error.value.code == "stale"
    group.refresh_from_db()
    assert group.status == GroupStatus.PENDING


def test_transition__stale_instance_is_refused() -> None:
    """The caller's copy says pending, but the row moved on meanwhile."""
    group = apply_for_group()
    stale = CommunityGroup.objects.get(pk=group.pk)
    transition(group, GroupStatus.REJECTED, actor=reviewing_staff())
    with pytest.raises(ValidationError) as error:
        transition(stale, GroupStatus.REGISTERED, actor=reviewing_staff())
    assert error.value.code == "stale"
    stale.refresh_from_db()
    assert stale.status == GroupStatus.REJECTED


def test_transition_many__one_audit_entry_per_row() -> None:
    groups = [create_group(), create_group()]
    untouched = apply_for_group()
    rows = transition_many(CommunityGroup.objects.filter(pk__in=[g.pk for g in groups]), GroupStatus.LAPSED, actor=None)
    assert len(rows) == 2
    entries = AuditLogEntry.objects.filter(action="groups.communitygroup.lapsed").order_by("target_id")
    assert [(e.target_id, e.data["old"], e.data["new"]) for e in entries] == sorted(
        (str(g.pk), "registered", "lapsed") for g in groups
    )
    untouched.refresh_from_db()
    assert untouched.status == GroupStatus.PENDING


def test_transition_many__refuses_an_illegal_row_and_writes_nothing() -> None:
    registered, pending = create_group(), apply_for_group()
    with pytest.raises(ValidationError) as error:
        transition_many(
            CommunityGroup.objects.filter(pk__in=[registered.pk, pending.pk]).order_by("pk"),
            GroupStatus.LAPSED,
            actor=None,
        )
    assert error.value.code == "invalid_transition"
    registered.refresh_from_db()
    assert registered.status == GroupStatus.REGISTERED
    assert not AuditLogEntry.objects.filter(action="groups.communitygroup.lapsed").exists()


def test_available_transitions__from_the_map() -> None:
    group = CommunityGroup(status=GroupStatus.REGISTERED)
    assert available_transitions(group) == {GroupStatus.LAPSED, GroupStatus.WITHDRAWN}
    assert group.available_transitions() == available_transitions(group)


def test_workflow__map_must_cover_every_state() -> None:
    with pytest.raises(ValueError, match="every state"):
        Workflow(
            choices=GroupStatus,
            transitions={GroupStatus.PENDING: frozenset()},
            action_prefix="x.y",
            label="x",
        )


def test_every_status_field_has_a_workflow() -> None:
    assert "groups" in PROJECT_APPS
    assert "facilities" in PROJECT_APPS
    assert "subsidies" in PROJECT_APPS
    assert status_fields_without_workflow(PROJECT_APPS) == []


EXPECTED_WORKFLOWS = [
    ("groups.CommunityGroup", "status"),
    ("groups.Event", "status"),
    ("groups.EventRegistration", "status"),
    ("groups.VolunteerApplication", "status"),
    ("facilities.Booking", "status"),
    ("facilities.Booking", "payment_status"),
    ("facilities.LotteryRound", "status"),
    ("facilities.LotteryEntry", "status"),
    ("portal.ReviewCommittee", "scoring_status"),
    ("subsidies.Application", "status"),
    ("subsidies.Payment", "status"),
    ("subsidies.ChangeRequest", "status"),
    ("subsidies.Report", "status"),
    ("subsidies.AmountConfirmation", "refund_status"),
]


@pytest.mark.parametrize(("model", "field"), EXPECTED_WORKFLOWS)
def test_each_workflow__illegal_moves_refused(model: str, field: str) -> None:
    """For every pair of states the map does not allow, the core refuses the move."""
    model_class = apps.get_model(model)
    workflow = workflow_for(model_class, field)
    assert workflow.choices.values == [c[0] for c in model_class._meta.get_field(field).choices]
    for old in workflow.choices.values:
        for new in workflow.choices.values:
            obj = model_class(**{field: old})
            if new in workflow.allowed(old):
                continue
            with pytest.raises(ValidationError) as error:
                check_transition(obj, new, field=field)
            assert error.value.code == "invalid_transition"


STATUS_ASSIGNMENT = re.compile(
    "|".join(
        (
            r"\.\w*status\s*=[^=]",  # obj.status = …
            r"\.\w*status\s*,[^=\n]*=[^=]",  # obj.status, obj.x = …
            r"\bupdate\([^)]*\bstatus\s*=",  # qs.update(status=…)
            r"bulk_update\([^)]*status",
            r"setattr\([^)]*status",
        )
    )
)


def test_no_code_assigns_a_status_outside_the_core() -> None:
    """Statuses change only through portal.workflow; creation sets the initial state
    in the constructor, so an assignment or a bulk update of a status is a bypass."""
    offenders = []
    for label in PROJECT_APPS:
        root = Path(apps.get_app_config(label).path)
        for path in root.rglob("*.py"):
            if "migrations" in path.parts or path.name == "workflow.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                code = line.split("#", 1)[0]
                if STATUS_ASSIGNMENT.search(code):
                    offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert offenders == []


def test_groups_lapse__audits_each_row_with_old_and_new() -> None:
    from groups.services import groups_lapse_expired

    groups = [create_group(), create_group()]
    for group in groups:
        group.registered_until = datetime.date(2027, 3, 31)
        group.save(update_fields=["registered_until"])
    assert groups_lapse_expired(today=datetime.date(2027, 4, 1)) == 2
    entries = AuditLogEntry.objects.filter(action="groups.communitygroup.lapsed")
    assert sorted(e.target_id for e in entries) == sorted(str(g.pk) for g in groups)
    assert {(e.data["old"], e.data["new"]) for e in entries} == {("registered", "lapsed")}


def test_transition__query_budget(django_assert_num_queries: Any) -> None:
    """Savepoint, lock-and-read, update, audit insert, release: the same five queries
    for every move (a refused move leaves the caller's transaction usable)."""
    group = apply_for_group()
    staff = reviewing_staff()
    ContentType.objects.get_for_model(CommunityGroup)
    with django_assert_num_queries(5):
        transition(group, GroupStatus.RETURNED, actor=staff)


def test_audit_codes__no_two_workflows_of_a_model_share_a_code() -> None:
    """Each move's audit code names one field's move: a payment cancelled is not a
    booking cancelled, a lottery entry's event is not its round's."""
    by_code: dict[str, str] = {}
    for model in apps.get_models():
        for name, workflow in getattr(model, "WORKFLOWS", {}).items():
            for state in workflow.choices.values:
                code = f"{workflow.action_prefix}.{workflow.events.get(state, state)}"
                owner = f"{model._meta.label}.{name}"
                assert by_code.setdefault(code, owner) == owner, code


def test_ensure_unchanged__other_state_seen__stale_409() -> None:
    group = apply_for_group()
    ensure_unchanged(group, None)  # nothing seen: nothing to compare
    ensure_unchanged(group, GroupStatus.PENDING)
    with pytest.raises(ValidationError) as error:
        ensure_unchanged(group, GroupStatus.RETURNED)
    assert error.value.code == "stale"
    assert is_stale(error.value)
    assert error_status(error.value) == 409
    assert str(GroupStatus.PENDING.label) in error.value.messages[0]  # it says what the state is now


def test_error_status__other_refusals_400() -> None:
    assert error_status(ValidationError("no", code="closed")) == 400
    assert error_status(ValidationError({"reason": ValidationError("no", code="required")})) == 400
    assert error_status(ValidationError({"__all__": ValidationError("changed", code="stale")})) == 409


def test_seen_status_field__optional_hidden_and_checked() -> None:
    from portal.forms import SeenStatusForm

    assert SeenStatusForm({}, choices=GroupStatus.choices).is_valid()
    form = SeenStatusForm({}, choices=GroupStatus.choices)
    form.is_valid()
    assert form.cleaned_data["seen_status"] is None
    form = SeenStatusForm({"seen_status": "pending"}, choices=GroupStatus.choices)
    assert form.is_valid()
    assert form.cleaned_data["seen_status"] == "pending"
    assert not SeenStatusForm({"seen_status": "approved"}, choices=GroupStatus.choices).is_valid()
    html = str(SeenStatusForm(initial={"seen_status": "pending"}, choices=GroupStatus.choices))
    assert 'type="hidden" name="seen_status" value="pending"' in html
