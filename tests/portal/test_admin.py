"""Edits made in the portal admin are audited (portal.services.record_save), including
permission changes and staff assignments made inline."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from portal.models import AuditLogEntry, StaffAssignment
from tests.admin_forms import admin_form_data
from tests.factories.portal import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_permissions_and_inline_assignment__audited(client: Any, role_users: dict[str, Any]) -> None:
    admin_user = role_users["superuser"]
    client.force_login(admin_user)
    person = UserFactory()
    department = DepartmentFactory()
    url = reverse("admin:portal_user_change", args=[person.pk])
    response = client.get(url)
    prefix = response.context["inline_admin_formsets"][0].formset.prefix
    data = admin_form_data(
        response,
        is_staff="on",
        **{
            f"{prefix}-0-role": "city_staff",
            f"{prefix}-0-department": str(department.pk),
            f"{prefix}-TOTAL_FORMS": "1",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditLogEntry.objects.get(action="portal.user.updated", target_id=str(person.pk))
    assert "is_staff" in entry.data["fields"]
    assert entry.actor == admin_user
    assignment = StaffAssignment.objects.get(user=person)
    assert AuditLogEntry.objects.filter(
        action="portal.staffassignment.created", target_id=str(assignment.pk), actor=admin_user
    ).exists()


def test_mail_failure_admin__city_staff__reads_only(client: Any, role_users: dict[str, Any]) -> None:
    from portal.models import MailFailure

    failure = MailFailure.objects.create(
        kind="groups/email/staff_application",
        recipients="kyodo@city.example.jp",
        subject="団体登録の申請",
        error="SMTPServerDisconnected",
    )
    MailFailure.objects.create(recipients="other@example.jp", subject="別件", error="timeout")
    client.force_login(role_users["city_staff"])
    changelist = reverse("admin:portal_mailfailure_changelist")
    response = client.get(changelist, {"q": "kyodo@city"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [failure]
    assert response.context["cl"].has_filters
    assert not response.context["has_add_permission"]
    change = reverse("admin:portal_mailfailure_change", args=[failure.pk])
    response = client.get(change)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert not response.context["has_delete_permission"]
    assert client.post(change, {"subject": "changed"}).status_code == 403
    delete = reverse("admin:portal_mailfailure_delete", args=[failure.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    failure.refresh_from_db()
    assert failure.subject == "団体登録の申請"
    assert MailFailure.objects.count() == 2
