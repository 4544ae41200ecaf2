from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from groups import services
from groups.models import Event, EventRegistration
from portal import search
from portal.models import StaffRole
from portal.services import staff_assign
from tests.factories.events import create_event, event_data
from tests.factories.groups import apply_for_group, create_group
from tests.factories.portal import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create__registered_groups_representative_or_editor_only() -> None:
    rep, member = UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(member,))
    with pytest.raises(PermissionDenied):
        services.event_create(actor=member, group=group, data=event_data())
    pending_rep = UserFactory()
    pending = apply_for_group(applicant=pending_rep)
    with pytest.raises(PermissionDenied):
        services.event_create(actor=pending_rep, group=pending, data=event_data())
    event = services.event_create(actor=rep, group=group, data=event_data(title="子育てひろば"))
    assert event.group == group
    search.rebuild(["groups.event"])
    assert list(search.filter_queryset(Event.objects.all(), "こそだて")) == [event]


def test_create__department_by_its_city_staff() -> None:
    department = DepartmentFactory()
    staff = UserFactory()
    staff_assign(user=staff, role=StaffRole.CITY_STAFF, department=department, actor=None)
    other = UserFactory()
    staff_assign(user=other, role=StaffRole.CITY_STAFF, department=DepartmentFactory(), actor=None)
    assert services.event_create(actor=staff, department=department, data=event_data()).department == department
    with pytest.raises(PermissionDenied):
        services.event_create(actor=other, department=department, data=event_data())


@pytest.mark.parametrize(
    "overrides",
    [
        {"ends_at": timezone.now() + datetime.timedelta(days=6)},  # before start
        {"starts_at": timezone.now() - datetime.timedelta(days=1), "ends_at": timezone.now()},  # past
        {"capacity": 0},
        {"title": ""},
        {"title_kana": "Event"},
        {
            "requires_signup": True,
            "signup_opens_at": timezone.now() + datetime.timedelta(days=3),
            "signup_closes_at": timezone.now() + datetime.timedelta(days=2),
        },
    ],
)
def test_create__bad_data_refused(overrides: dict[str, Any]) -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    with pytest.raises(ValidationError):
        services.event_create(actor=rep, group=group, data=event_data(**overrides))
    assert not group.events.exists()


def test_signup__capacity_then_waiting_list_then_promotion(django_capture_on_commit_callbacks: Any) -> None:
    event = create_event(capacity=1, requires_signup=True)
    first, second = UserFactory(), UserFactory(preferred_language="en")
    assert services.registration_create(event=event, user=first).status == "confirmed"
    waiting = services.registration_create(event=event, user=second)
    assert waiting.status == "waitlisted"
    with pytest.raises(ValidationError):
        services.registration_create(event=event, user=second)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=EventRegistration.objects.get(user=first), actor=first)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert waiting.promoted_at is not None
    assert mail.outbox[-1].to == [second.email]
    assert "A place is now yours" in mail.outbox[-1].subject


def test_signup__closed_when_not_required_or_outside_period() -> None:
    with pytest.raises(ValidationError):
        services.registration_create(event=create_event(requires_signup=False), user=UserFactory())
    later = create_event(
        requires_signup=True,
        signup_opens_at=timezone.now() + datetime.timedelta(days=1),
        signup_closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    with pytest.raises(ValidationError):
        services.registration_create(event=later, user=UserFactory())


def test_cancel__only_own_or_organiser() -> None:
    event = create_event(requires_signup=True)
    participant = UserFactory()
    registration = services.registration_create(event=event, user=participant)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(registration=registration, actor=UserFactory())
    organiser = event.group.memberships.get(role="representative").user
    services.registration_cancel(registration=registration, actor=organiser)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_capacity_increase__promotes_waiting_people() -> None:
    event = create_event(capacity=1, requires_signup=True)
    users = [UserFactory() for _ in range(3)]
    for user in users:
        services.registration_create(event=event, user=user)
    organiser = event.group.memberships.get(role="representative").user
    services.event_update(event=event, actor=organiser, data={"capacity": 2})
    statuses = list(EventRegistration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    with pytest.raises(ValidationError):
        services.event_update(event=event, actor=organiser, data={"capacity": 1})


def test_event_cancel__tells_everyone_signed_up(django_capture_on_commit_callbacks: Any) -> None:
    event = create_event(requires_signup=True)
    users = [UserFactory() for _ in range(2)]
    for user in users:
        services.registration_create(event=event, user=user)
    organiser = event.group.memberships.get(role="representative").user
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, actor=organiser)
    assert {m.to[0] for m in mail.outbox} >= {u.email for u in users}
    with pytest.raises(ValidationError):
        services.registration_create(event=event, user=UserFactory())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_signup__concurrent_requests_never_overbook() -> None:
    event = create_event(capacity=1, requires_signup=True)
    users = [UserFactory() for _ in range(12)]
    barrier = threading.Barrier(len(users))
    errors: list[BaseException] = []

    def sign_up(user: Any) -> None:
        try:
            barrier.wait()
            services.registration_create(event=event, user=user)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert EventRegistration.objects.filter(event=event, status="confirmed").count() == 1
    assert EventRegistration.objects.filter(event=event, status="waitlisted").count() == 11
