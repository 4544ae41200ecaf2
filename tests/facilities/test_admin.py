"""The facilities admin never bypasses a service: closures and lottery rounds are made
on the staff pages; rounds are drawn and published by actions calling the services
after a confirmation page; catalogue, fee and rule edits are audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from facilities import services
from facilities.models import Closure, FeeRate, LotteryRound, RoundStatus
from portal.models import AuditLogEntry
from tests.admin_forms import admin_form_data
from tests.facilities.test_lottery import HOUR, enter
from tests.facilities.test_lottery import lot as lot  # fixture
from tests.factories.facilities import create_facility, create_room, days_ahead

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(client: Any, role_users: dict[str, Any]) -> Any:
    client.force_login(role_users["city_staff"])
    return role_users["city_staff"]


def test_closure__not_added_or_changed_in_the_admin(client: Any, city: Any) -> None:
    facility = create_facility()
    closure, _cancelled = services.closure_create(
        facility=facility, actor=city, starts_on=days_ahead(3), ends_on=days_ahead(3), reason="点検"
    )
    add = reverse("admin:facilities_closure_add")
    assert client.get(add).status_code == 403
    data = {"facility": facility.pk, "starts_on": days_ahead(4), "ends_on": days_ahead(4), "reason": "x"}
    assert client.post(add, data).status_code == 403
    change = reverse("admin:facilities_closure_change", args=[closure.pk])
    assert client.post(change, {**data, "reason": "変更"}).status_code == 403
    assert list(Closure.objects.values_list("reason", flat=True)) == ["点検"]
    changelist = client.get(reverse("admin:facilities_closure_changelist")).content.decode()
    assert reverse("facilities:staff") in changelist


def test_closure__deleted_in_the_admin_through_the_service(client: Any, city: Any) -> None:
    facility = create_facility()
    closure, _cancelled = services.closure_create(
        facility=facility, actor=city, starts_on=days_ahead(3), ends_on=days_ahead(3), reason="点検"
    )
    response = client.post(reverse("admin:facilities_closure_delete", args=[closure.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Closure.objects.exists()
    assert AuditLogEntry.objects.filter(action="facilities.closure.deleted", actor=city).count() == 1


def test_lottery_round__read_only_in_the_admin(client: Any, city: Any, lot: dict[str, Any]) -> None:
    round_ = lot["round"]
    url = reverse("admin:facilities_lotteryround_change", args=[round_.pk])
    assert client.get(url).status_code == 200  # viewable
    assert client.post(url, {"entries_per_applicant": 99}).status_code == 403
    round_.refresh_from_db()
    assert round_.entries_per_applicant == 2


def act(client: Any, model: str, action: str, pks: list[int], *, confirmed: bool) -> Any:
    data: dict[str, Any] = {"action": action, ACTION_CHECKBOX_NAME: [str(pk) for pk in pks]}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(reverse(f"admin:{model}_changelist"), data, follow=confirmed)


def test_lottery_actions__confirm_then_call_the_services(client: Any, city: Any, lot: dict[str, Any]) -> None:
    round_ = lot["round"]
    enter(lot, 0)
    # The draw time has not come: the service refuses, the admin says why.
    response = act(client, "facilities_lotteryround", "draw_selected", [round_.pk], confirmed=False)
    assert response.status_code == 200
    assert "admin/portal/confirm_action.html" in [t.name for t in response.templates]
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PLANNED
    response = act(client, "facilities_lotteryround", "draw_selected", [round_.pk], confirmed=True)
    assert response.status_code == 200
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PLANNED
    assert any(m.level_tag == "error" for m in response.context["messages"])
    # Once due, the draw goes through round_draw and its audit entries.
    LotteryRound.objects.filter(pk=round_.pk).update(
        entries_open_at=round_.entries_open_at - 48 * HOUR,
        entries_close_at=round_.entries_open_at - 47 * HOUR,
        draw_at=round_.entries_open_at - 46 * HOUR,
    )
    act(client, "facilities_lotteryround", "draw_selected", [round_.pk], confirmed=True)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAWN
    assert AuditLogEntry.objects.filter(action="facilities.lottery.drawn", target_id=str(round_.pk)).exists()
    act(client, "facilities_lotteryround", "publish_selected", [round_.pk], confirmed=True)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PUBLISHED
    entry = AuditLogEntry.objects.get(action="facilities.lottery.published")
    assert (entry.data["old"], entry.data["new"], entry.actor) == ("drawn", "published", city)


def test_catalogue_edit__resource_and_its_fees_audited(client: Any, city: Any) -> None:
    facility = create_facility()
    room = create_room(facility, fee=600)
    url = reverse("admin:facilities_resource_change", args=[room.pk])
    response = client.get(url)
    rate = FeeRate.objects.filter(resource=room).first()
    assert rate is not None
    prefix = next(f for f in response.context["inline_admin_formsets"]).formset.prefix
    index = [f.instance.pk for f in response.context["inline_admin_formsets"][0].formset.forms].index(rate.pk)
    data = admin_form_data(response, capacity="30", **{f"{prefix}-{index}-resident_fee": "700"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    updated = AuditLogEntry.objects.get(action="facilities.resource.updated", target_id=str(room.pk))
    assert "capacity" in updated.data["fields"]
    fee = AuditLogEntry.objects.get(action="facilities.feerate.updated", target_id=str(rate.pk))
    assert fee.data["fields"] == ["resident_fee"]
    assert fee.actor == city


def test_rule_edit_and_delete__audited(client: Any, city: Any) -> None:
    facility = create_facility()
    policy = facility.policy
    url = reverse("admin:facilities_bookingpolicy_change", args=[policy.pk])
    response = client.post(url, admin_form_data(client.get(url), monthly_cap="3"))
    assert response.status_code == 302
    entry = AuditLogEntry.objects.get(action="facilities.bookingpolicy.updated")
    assert entry.data == {"fields": ["monthly_cap"]}
    rule = services_reduction()
    client.post(reverse("admin:facilities_reductionrule_delete", args=[rule.pk]), {"post": "yes"})
    assert AuditLogEntry.objects.filter(action="facilities.reductionrule.deleted", actor=city).count() == 1


def services_reduction() -> Any:
    from tests.factories.facilities import create_reduction

    return create_reduction()


def test_booking__read_only_actions_call_the_services(client: Any, role_users: dict[str, Any]) -> None:
    from facilities.models import Booking
    from tests.facilities.test_booking_service import book

    superuser = role_users["superuser"]
    client.force_login(superuser)
    facility = create_facility()
    member = role_users["member"]
    group = member.memberships.get().group
    s = {"member": member, "group": group, "room": create_room(facility, requires_approval=True)}
    pending = book(s)
    other = book(s, slot_keys=["09:00"])
    assert client.post(reverse("admin:facilities_booking_change", args=[pending.pk]), {}).status_code == 403
    response = act(client, "facilities_booking", "approve_selected", [pending.pk], confirmed=False)
    assert response.status_code == 200
    assert Booking.objects.get(pk=pending.pk).status == "pending"
    act(client, "facilities_booking", "approve_selected", [pending.pk], confirmed=True)
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == ("confirmed", superuser)
    act(client, "facilities_booking", "cancel_selected", [other.pk], confirmed=True)
    other.refresh_from_db()
    assert (other.status, other.cancellation_kind, other.payment_status) == ("cancelled", "staff", "cancelled")
    entry = AuditLogEntry.objects.get(action="facilities.booking.cancelled.staff")
    assert (entry.data["old"], entry.data["new"], entry.actor) == ("pending", "cancelled", superuser)
