"""Call services: create, update, publish, close, reopen (the window only; every move
through the map, audited)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collaboration.models import Call, CallKind, CallStatus
from collaboration.services import calls as services
from portal.models import AuditLogEntry
from tests.factories.collaboration import create_call, window_department

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def call_data(**overrides: Any) -> dict[str, Any]:
    now = timezone.now()
    return {
        "kind": CallKind.THEME,
        "slug": "new-theme",
        "fiscal_year": 2026,
        "department": window_department(),
        "title": "子どもの居場所",
        "budget_min": 100_000,
        "budget_max": 500_000,
        "closes_at": now + datetime.timedelta(days=10),
        **overrides,
    }


def test_call_create__window__draft_and_audited(role_users: dict[str, Any]) -> None:
    call = services.call_create(actor=role_users["city_staff"], data=call_data())
    assert call.status == CallStatus.DRAFT
    assert AuditLogEntry.objects.filter(action="collaboration.call.created", target_id=str(call.pk)).exists()


@pytest.mark.parametrize("role", ["citizen", "representative", "reviewer", "centre_staff"])
def test_call_create__not_window__refused(role_users: dict[str, Any], role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.call_create(actor=role_users[role], data=call_data())
    assert not Call.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"budget_min": 600_000}, "budget_order"),
        ({"closes_at": None}, "deadline_required"),
        (
            {"opens_at": timezone.now() + datetime.timedelta(days=20), "closes_at": timezone.now()},
            "window_order",
        ),
    ],
)
def test_call_create__bad_rules__refused_with_code(
    role_users: dict[str, Any], overrides: dict[str, Any], code: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.call_create(actor=role_users["city_staff"], data=call_data(**overrides))
    assert code in codes(caught.value) or caught.value.messages
    assert not Call.objects.exists()


def test_call_create__citizen_window_without_deadline__allowed(role_users: dict[str, Any]) -> None:
    call = services.call_create(
        actor=role_users["city_staff"],
        data=call_data(kind=CallKind.CITIZEN, closes_at=None, budget_max=0, budget_min=0),
    )
    assert call.closes_at is None


def test_call_update__changes_fields_and_audits(role_users: dict[str, Any]) -> None:
    call = create_call()
    services.call_update(actor=role_users["city_staff"], call=call, data={"title": "新しいテーマ"})
    call.refresh_from_db()
    assert call.title == "新しいテーマ"
    entry = AuditLogEntry.objects.get(action="collaboration.call.updated")
    assert entry.data["fields"] == ["title"]


def test_call_update__announced__refused(role_users: dict[str, Any]) -> None:
    call = create_call(status=CallStatus.ANNOUNCED)
    with pytest.raises(ValidationError) as caught:
        services.call_update(actor=role_users["city_staff"], call=call, data={"title": "x"})
    assert codes(caught.value) == {"announced"}


def test_call_publish__draft_to_open(role_users: dict[str, Any]) -> None:
    call = create_call(status=CallStatus.DRAFT, published_at=None)
    services.call_publish(actor=role_users["city_staff"], call=call, expected_status="draft")
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    assert call.published_at is not None
    entry = AuditLogEntry.objects.get(action="collaboration.call.published")
    assert (entry.data["old"], entry.data["new"]) == ("draft", "open")


def test_call_publish__stale__refused(role_users: dict[str, Any]) -> None:
    call = create_call()
    with pytest.raises(ValidationError) as caught:
        services.call_publish(actor=role_users["city_staff"], call=call, expected_status="draft")
    assert codes(caught.value) == {"stale"}


def test_call_publish__open__invalid_transition(role_users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        services.call_publish(actor=role_users["city_staff"], call=create_call())
    assert codes(caught.value) == {"invalid_transition"}


def test_call_close_and_reopen(role_users: dict[str, Any]) -> None:
    staff = role_users["city_staff"]
    call = create_call()
    services.call_close(actor=staff, call=call, expected_status="open")
    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    assert not call.accepts_proposals()
    services.call_reopen(actor=staff, call=call, expected_status="closed")
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    assert AuditLogEntry.objects.filter(action="collaboration.call.reopened").exists()


def test_call_reopen__deadline_passed__refused(role_users: dict[str, Any]) -> None:
    call = create_call(
        status=CallStatus.CLOSED,
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as caught:
        services.call_reopen(actor=role_users["city_staff"], call=call)
    assert codes(caught.value) == {"deadline_passed"}
    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED


def test_call_close__not_window__refused(role_users: dict[str, Any]) -> None:
    call = create_call()
    with pytest.raises(PermissionDenied):
        services.call_close(actor=role_users["representative"], call=call)
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
