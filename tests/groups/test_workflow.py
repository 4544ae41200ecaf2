"""Every status change in groups goes through portal.workflow: audited with the old
and new state, illegal moves refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from groups import services
from groups.models import EventRegistration
from portal.models import AuditLogEntry
from tests.factories.events import create_event
from tests.factories.groups import apply_for_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.volunteering import create_opening

pytestmark = pytest.mark.django_db


def moves(action: str) -> list[tuple[str, str, str]]:
    return [
        (e.target_id, e.data["old"], e.data["new"]) for e in AuditLogEntry.objects.filter(action=action).order_by("pk")
    ]


def test_group_decisions__audited_with_old_and_new() -> None:
    group = apply_for_group()
    services.group_return(group=group, actor=reviewing_staff(), reason="直してください")
    assert moves("groups.communitygroup.returned") == [(str(group.pk), "pending", "returned")]
    rep = group.memberships.get(role="representative").user
    services.group_resubmit(group=group, actor=rep)
    assert moves("groups.communitygroup.resubmitted") == [(str(group.pk), "returned", "pending")]


def test_event_cancel__audited_and_not_twice() -> None:
    event = create_event()
    organiser = event.group.memberships.get(role="representative").user
    services.event_cancel(event=event, actor=organiser)
    assert moves("groups.event.cancelled") == [(str(event.pk), "published", "cancelled")]
    with pytest.raises(ValidationError):
        services.event_cancel(event=event, actor=organiser)
    assert len(moves("groups.event.cancelled")) == 1


def test_registration_cancel_and_promotion__audited_per_registration() -> None:
    event = create_event(capacity=1, requires_signup=True)
    first, second = UserFactory(), UserFactory()
    services.registration_create(event=event, user=first)
    waiting = services.registration_create(event=event, user=second)
    services.registration_cancel(registration=EventRegistration.objects.get(user=first), actor=first)
    cancelled = EventRegistration.objects.get(user=first)
    assert moves("groups.eventregistration.cancelled") == [(str(cancelled.pk), "confirmed", "cancelled")]
    assert moves("groups.eventregistration.promoted") == [(str(waiting.pk), "waitlisted", "confirmed")]
    with pytest.raises(ValidationError):
        services.registration_cancel(registration=cancelled, actor=first)


def test_volunteer_application__decided_audited_and_declined_cannot_be_withdrawn() -> None:
    opening = create_opening()
    volunteer = UserFactory()
    application = services.application_create(opening=opening, user=volunteer, message="参加できます")
    rep = opening.group.memberships.get(role="representative").user
    services.application_decide(application=application, actor=rep, accept=False)
    assert moves("groups.volunteerapplication.declined") == [(str(application.pk), "pending", "declined")]
    with pytest.raises(ValidationError) as error:
        services.application_withdraw(application=application, actor=volunteer)
    assert error.value.code == "invalid_transition"
    application.refresh_from_db()
    assert application.status == "declined"


def test_volunteer_application__withdrawal_audited() -> None:
    opening = create_opening()
    volunteer = UserFactory()
    application = services.application_create(opening=opening, user=volunteer, message="参加できます")
    services.application_withdraw(application=application, actor=volunteer)
    assert moves("groups.volunteerapplication.withdrawn") == [(str(application.pk), "pending", "withdrawn")]
