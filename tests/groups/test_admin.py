"""The groups admin never bypasses a service: the status is read-only; approving and
lapsing are actions that call the services after a confirmation page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from groups.models import CommunityGroup, GroupStatus
from portal.models import AuditLogEntry
from tests.admin_forms import admin_form_data
from tests.factories.groups import apply_for_group, create_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(client: Any, role_users: dict[str, Any]) -> Any:
    """The groups admin is for superusers (city staff review on the staff pages)."""
    client.force_login(role_users["superuser"])
    return role_users["superuser"]


def act(client: Any, action: str, pks: list[int], *, confirmed: bool) -> Any:
    data: dict[str, Any] = {"action": action, ACTION_CHECKBOX_NAME: [str(pk) for pk in pks]}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(reverse("admin:groups_communitygroup_changelist"), data, follow=confirmed)


def test_status_is_read_only_and_edits_audited(client: Any, city: Any) -> None:
    group = apply_for_group()
    url = reverse("admin:groups_communitygroup_change", args=[group.pk])
    response = client.get(url)
    assert "status" not in response.context["adminform"].form.fields
    data = admin_form_data(response, status="registered", meeting_place="北部コミュニティセンター")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    group.refresh_from_db()
    assert group.status == GroupStatus.PENDING
    assert group.meeting_place == "北部コミュニティセンター"
    entry = AuditLogEntry.objects.get(action="groups.communitygroup.updated", actor=city)
    assert "meeting_place" in entry.data["fields"]


def test_approve_action__confirmation_page_then_service(client: Any, city: Any) -> None:
    group = apply_for_group()
    response = act(client, "approve_selected", [group.pk], confirmed=False)
    assert response.status_code == 200
    assert group.name in response.content.decode()
    group.refresh_from_db()
    assert group.status == GroupStatus.PENDING
    act(client, "approve_selected", [group.pk], confirmed=True)
    group.refresh_from_db()
    assert group.status == GroupStatus.REGISTERED
    assert group.registered_until is not None
    entries = AuditLogEntry.objects.filter(action="groups.communitygroup.approved", target_id=str(group.pk))
    assert [(e.data["old"], e.data["new"], e.actor) for e in entries] == [("pending", "registered", city)]


def test_lapse_action__only_expired_registrations(client: Any, city: Any) -> None:
    expired, current = create_group(), create_group()
    CommunityGroup.objects.filter(pk=expired.pk).update(
        registered_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = act(client, "lapse_selected", [expired.pk, current.pk], confirmed=True)
    expired.refresh_from_db()
    current.refresh_from_db()
    assert expired.status == GroupStatus.LAPSED
    assert current.status == GroupStatus.REGISTERED
    levels = sorted(m.level_tag for m in response.context["messages"])
    assert levels == ["error", "success"]
    entries = AuditLogEntry.objects.filter(action="groups.communitygroup.lapsed")
    assert [(e.target_id, e.data["old"], e.data["new"]) for e in entries] == [(str(expired.pk), "registered", "lapsed")]


def test_memberships__read_only_in_the_admin(client: Any, city: Any) -> None:
    group = create_group()
    url = reverse("admin:groups_communitygroup_change", args=[group.pk])
    response = client.get(url)
    inline = response.context["inline_admin_formsets"][0]
    assert inline.formset.model.__name__ == "Membership"
    assert not inline.has_add_permission
    assert not inline.has_change_permission
    data = admin_form_data(response)
    prefix = inline.formset.prefix
    data |= {f"{prefix}-0-role": "editor", f"{prefix}-0-DELETE": "on"}
    assert client.post(url, data).status_code == 302
    assert group.memberships.get().role == "representative"
