"""The audit log reads as sentences in the reader's language, with local times."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from facilities import services as facility_services
from facilities.models import Booking
from portal.audit import action_label, audit_log, entry_details, local_value
from portal.models import AuditLogEntry
from tests.factories.facilities import create_facility, create_room, days_ahead, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import NewsFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_action_label__registered_codes_in_both_languages() -> None:
    with translation.override("en"):
        assert action_label("facilities.booking.cancelled.closure") == "Booking cancelled because of a closure"
        assert action_label("groups.communitygroup.approved") == "Group registration approved"
    with translation.override("ja"):
        label = action_label("facilities.booking.cancelled.closure")
        assert label != "Booking cancelled because of a closure"
        assert "休館" in label


def test_action_label__unknown_codes_are_readable() -> None:
    with translation.override("en"):
        assert action_label("facilities.closure.archived") == "Closure: archived"
        assert action_label("portal.news.updated") == "News item: updated"
        assert action_label("facilities.booking.cancelled.weather") == "Booking cancelled (weather)"
        assert action_label("thirdparty.widget.frobbed_twice") == "Widget: frobbed twice"
        assert action_label("odd_code") == "odd code"
    with translation.override("ja"):
        assert action_label("portal.news.deleted") != "News item: deleted"


def test_local_value__datetimes_in_tokyo_time() -> None:
    assert local_value("2026-12-01T00:00:00+00:00") == "2026-12-01 09:00"
    assert local_value("2026-12-01T00:00:00.123456Z") == "2026-12-01 09:00"
    assert local_value("2026-12-01") == "2026-12-01"
    assert local_value(["a", 1]) == "a, 1"
    assert local_value(None) == "—"


def test_entry_details__labels_fields_and_times() -> None:
    news = NewsFactory(title="お知らせ")
    entry = audit_log(
        actor=None,
        action="portal.news.updated",
        target=news,
        data={"fields": ["title", "gone_field"], "when": "2026-12-01T00:00:00+00:00"},
    )
    with translation.override("en"):
        details = dict(entry_details(entry))
    assert details["Changed fields"] == "title, gone_field"
    assert details["When"] == "2026-12-01 09:00"


def test_booking_cancelled_by_closure__shows_local_start_time(client: Any, role_users: dict[str, Any]) -> None:
    facility = create_facility(slug="central")
    room = create_room(facility)
    member = UserFactory(relationship="resident")
    group = create_group(members=(member,))
    day = days_ahead(10)
    booking = facility_services.booking_create(
        actor=member, resource=room, use_date=day, slot_keys=["09:00"], purpose="役員会", expected_people=4, group=group
    )
    staff = facility_staff(facility, UserFactory())
    booking = Booking.objects.get(pk=booking.pk)  # as loaded later: UTC from the database
    facility_services.booking_cancel(booking=booking, actor=staff, kind="closure", reason="設備点検")
    entry = AuditLogEntry.objects.get(action="facilities.booking.cancelled.closure")
    assert f"{day:%Y-%m-%d} 09:00" in entry.target_repr

    client.force_login(role_users["city_staff"])
    response = client.get("/en" + reverse("portal:staff-auditlog"), {"action": "facilities.booking"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Booking cancelled because of a closure" in html
    assert "Refund (yen)" in html
    assert f"{day:%Y-%m-%d} 09:00" in html


def test_every_workflow_move_has_a_readable_label() -> None:
    """Each state a workflow can move to is audited under a code that has a label."""
    from django.apps import apps

    from portal.audit import AUDIT_ACTIONS

    missing = [
        f"{workflow.action_prefix}.{workflow.events.get(new, new)}"
        for model in apps.get_models()
        for workflow in getattr(model, "WORKFLOWS", {}).values()
        for new in workflow.choices.values
        if any(new in targets for targets in workflow.transitions.values())
        and f"{workflow.action_prefix}.{workflow.events.get(new, new)}" not in AUDIT_ACTIONS
    ]
    assert missing == []


def test_entry_details__status_move_shows_state_labels() -> None:
    from groups.models import GroupStatus

    group = create_group()
    entry = audit_log(
        actor=None,
        action="groups.communitygroup.lapsed",
        target=group,
        data={"field": "status", "old": "registered", "new": "lapsed"},
    )
    details = dict(entry_details(entry))
    assert details["変更前"] == str(GroupStatus.REGISTERED.label)
    assert details["変更後"] == str(GroupStatus.LAPSED.label)
    assert details["変更内容"] == str(group._meta.get_field("status").verbose_name)
