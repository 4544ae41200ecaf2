"""Decisions on a state that changed since the page was opened are refused (409, the
message from portal.workflow, nothing written or sent): the group review, a volunteer
application's answer and an event's cancellation. Without the hidden `seen_status` a
POST acts on the current state, as before (portal.forms.SeenStatusField)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from groups import services
from groups.models import ApplicationStatus, EventStatus, GroupStatus
from portal.models import AuditLogEntry
from portal.workflow import ensure_unchanged
from tests.factories.events import create_event
from tests.factories.groups import apply_for_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.volunteering import create_opening
from tests.roles import with_totp

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_conflict(response: Any, obj: Any) -> None:
    """409, with the message portal.workflow gives for `obj` as it now is."""
    assert response.status_code == 409
    obj.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        ensure_unchanged(obj, "not-the-state")
    assert escape(error.value.messages[0]) in response.content.decode()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Run the services' after-commit callbacks (e-mails) as they are registered."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- Group review -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"decision": "approve"}, {"decision": "reject", "reason": "営利目的"}),
        ({"decision": "return", "reason": "記入漏れ"}, {"decision": "approve"}),
        ({"decision": "reject", "reason": "営利目的"}, {"decision": "return", "reason": "記入漏れ"}),
    ],
    ids=["approve-then-reject", "return-then-approve", "reject-then-return"],
)
def test_review__two_staff__second_decision_409_nothing_written(
    role_users: dict[str, Any], on_commit: Any, first: dict[str, str], second: dict[str, str]
) -> None:
    group = apply_for_group()
    url = reverse("groups:review", args=[group.slug])
    staff_a, staff_b = as_user(role_users["city_staff"]), as_user(with_totp(reviewing_staff()))
    seen_a = staff_a.get(url).context["form"]["seen_status"].value()
    seen_b = staff_b.get(url).context["form"]["seen_status"].value()
    assert seen_a == seen_b == GroupStatus.PENDING
    with on_commit():
        assert staff_a.post(url, {**first, "seen_status": seen_a}).status_code == 302
    group.refresh_from_db()
    status, note, entries, sent = group.status, group.review_note, AuditLogEntry.objects.count(), len(mail.outbox)
    with on_commit() as callbacks:
        response = staff_b.post(url, {**second, "seen_status": seen_b})
    assert_conflict(response, group)
    assert (group.status, group.review_note) == (status, note)
    assert AuditLogEntry.objects.count() == entries
    assert callbacks == []
    assert len(mail.outbox) == sent
    # The form is drawn again with the state as it is now.
    assert response.context["form"]["seen_status"].value() == status


def test_review__without_seen_status__acts_on_the_current_state(role_users: dict[str, Any]) -> None:
    group = apply_for_group()
    response = as_user(role_users["city_staff"]).post(
        reverse("groups:review", args=[group.slug]), {"decision": "approve"}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == GroupStatus.REGISTERED


def test_review__seen_status_not_a_state__refused_nothing_written(role_users: dict[str, Any]) -> None:
    group = apply_for_group()
    entries = AuditLogEntry.objects.count()
    response = as_user(role_users["city_staff"]).post(
        reverse("groups:review", args=[group.slug]), {"decision": "approve", "seen_status": "approved"}
    )
    assert response.status_code == 400
    group.refresh_from_db()
    assert group.status == GroupStatus.PENDING
    assert AuditLogEntry.objects.count() == entries


# --- Volunteer applications ---------------------------------------------------------------


@pytest.fixture
def application() -> Any:
    opening = create_opening()
    editor = UserFactory()
    services.membership_add(group=opening.group, user=editor, role="editor", actor=None)
    app = services.application_create(opening=opening, user=UserFactory(), message="手伝えます")
    return app, opening.group.memberships.get(role="representative").user, editor


def test_volunteer_answer__two_editors__second_409_nothing_sent(application: Any, on_commit: Any) -> None:
    app, representative, editor = application
    url = reverse("groups:opening-applications", args=[app.opening_id])
    rep, other = as_user(representative), as_user(editor)
    page = rep.get(url).content.decode()
    assert 'name="seen_status" value="pending"' in page
    assert other.get(url).status_code == 200
    with on_commit():
        response = rep.post(url, {"application": app.pk, "decision": "accept", "reply": "", "seen_status": "pending"})
    assert response.status_code == 302
    entries, sent = AuditLogEntry.objects.count(), len(mail.outbox)
    with on_commit() as callbacks:
        response = other.post(
            url, {"application": app.pk, "decision": "decline", "reply": "満員です", "seen_status": "pending"}
        )
    assert_conflict(response, app)
    assert app.status == ApplicationStatus.ACCEPTED
    assert app.reply == ""
    assert AuditLogEntry.objects.count() == entries
    assert callbacks == []
    assert len(mail.outbox) == sent


def test_volunteer_answer__after_the_applicant_withdrew__409(application: Any) -> None:
    app, representative, _editor = application
    services.application_withdraw(application=app, actor=app.user)
    url = reverse("groups:opening-applications", args=[app.opening_id])
    response = as_user(representative).post(
        url, {"application": app.pk, "decision": "accept", "reply": "", "seen_status": "pending"}
    )
    assert_conflict(response, app)
    assert app.status == ApplicationStatus.WITHDRAWN


def test_volunteer_answer__without_seen_status__still_answers(application: Any) -> None:
    app, representative, _editor = application
    url = reverse("groups:opening-applications", args=[app.opening_id])
    response = as_user(representative).post(url, {"application": app.pk, "decision": "decline", "reply": ""})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == ApplicationStatus.DECLINED


# --- Event cancellation ---------------------------------------------------------------------


def test_event_cancel__two_organisers__second_409_nothing_sent(on_commit: Any) -> None:
    event = create_event()
    editor = UserFactory()
    services.membership_add(group=event.group, user=editor, role="editor", actor=None)
    url = reverse("groups:event-cancel", args=[event.pk])
    rep, other = as_user(event.group.memberships.get(role="representative").user), as_user(editor)
    seen_rep = rep.get(url).context["form"]["seen_status"].value()
    seen_other = other.get(url).context["form"]["seen_status"].value()
    assert seen_rep == seen_other == EventStatus.PUBLISHED
    with on_commit():
        assert rep.post(url, {"confirm": "on", "seen_status": seen_rep}).status_code == 302
    entries, sent = AuditLogEntry.objects.count(), len(mail.outbox)
    with on_commit() as callbacks:
        response = other.post(url, {"confirm": "on", "seen_status": seen_other})
    assert_conflict(response, event)
    assert event.status == EventStatus.CANCELLED
    assert AuditLogEntry.objects.count() == entries
    assert callbacks == []
    assert len(mail.outbox) == sent
