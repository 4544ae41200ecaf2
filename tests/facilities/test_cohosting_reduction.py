"""The co-hosting 減免 (ReductionRule.evidence = "cohosting"): the booking preview and
the booking agree — refused without the city's approved 共催 of the group's event on the
day of use, applied with the reason filled in and no staff approval when there is one.
The check comes from facilities.reduction_evidence (the collaboration app registers it)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from facilities import booking_rules, reduction_evidence
from facilities.models import Booking, BookingStatus
from facilities.services import booking_create
from tests.factories.collaboration import create_endorsement
from tests.factories.facilities import create_facility, create_reduction, create_room, days_ahead
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

CONFIRM_BUTTON = 'name="action" value="confirm"'


@pytest.fixture
def site() -> dict[str, Any]:
    facility = create_facility(slug="central")
    member = UserFactory(relationship="resident")
    group = create_group(members=(member,))
    return {
        "room": create_room(facility, capacity=24, fee=600),
        "member": member,
        "rep": group.memberships.get(role="representative").user,
        "group": group,
        "rule": create_reduction(name="市との共催事業", percent=50, requires_approval=True, evidence="cohosting"),
    }


def url(site: dict[str, Any], day: datetime.date) -> str:
    with translation.override("en"):
        return reverse("facilities:book", args=["central", site["room"].slug]) + f"?date={day.isoformat()}"


def data(site: dict[str, Any], day: datetime.date, action: str, **overrides: Any) -> dict[str, Any]:
    return {
        "date": day.isoformat(),
        "booker": f"group:{site['group'].pk}",
        "slots": ["18:00"],
        "purpose": "まつりの準備",
        "expected_people": "10",
        "reduction_rule": str(site["rule"].pk),
        "reduction_reason": "",
        "action": action,
        **overrides,
    }


def test_the_collaboration_app_registers_the_check() -> None:
    assert "cohosting" in reduction_evidence.EVIDENCE_CHECKS


def test_without_an_approved_cohosting__preview_and_confirm_refuse_alike(client: Any, site: dict[str, Any]) -> None:
    day = days_ahead(20)
    # A 後援 (not 共催), a 共催 still waiting, one refused, and one of another group: none counts.
    create_endorsement(site["group"], status="approved", starts_on=day, ends_on=day)
    create_endorsement(site["group"], status="submitted", kind="cohosting", starts_on=day, ends_on=day)
    create_endorsement(site["group"], status="revoked", kind="cohosting", starts_on=day, ends_on=day)
    create_endorsement(create_group(), status="approved", kind="cohosting", starts_on=day, ends_on=day)
    client.force_login(site["member"])
    preview = client.post(url(site, day), data(site, day, "preview"))
    html = preview.content.decode()
    assert preview.status_code == 400
    assert "no approved co-hosting" in html
    assert CONFIRM_BUTTON not in html
    confirm = client.post(url(site, day), data(site, day, "confirm"))
    assert confirm.status_code == 400
    assert confirm.context["form"].errors == preview.context["form"].errors
    assert not Booking.objects.exists()


def test_with_an_approved_cohosting__reduced_reason_filled_and_confirmed(client: Any, site: dict[str, Any]) -> None:
    day = days_ahead(20)
    cohosting = create_endorsement(
        site["group"],
        status="approved",
        kind="cohosting",
        event_title="みどり市親子まつり",
        starts_on=day - datetime.timedelta(days=1),
        ends_on=day,
    )
    client.force_login(site["member"])
    preview = client.post(url(site, day), data(site, day, "preview"))
    html = preview.content.decode()
    assert preview.status_code == 200, preview.context["form"].errors
    assert CONFIRM_BUTTON in html
    quote = preview.context["quote"]
    assert quote.reduction == quote.base // 2
    confirm = client.post(url(site, day), data(site, day, "confirm"))
    assert confirm.status_code == 302
    booking = Booking.objects.get()
    assert booking.fee == quote.total
    assert booking.fee_reduction == quote.reduction
    assert booking.reduction_rule == site["rule"]
    assert cohosting.receipt_number in booking.reduction_reason
    assert "みどり市親子まつり" in booking.reduction_reason
    # The city already approved the co-hosting: no wait for the facility's approval.
    assert booking.status == BookingStatus.CONFIRMED


def test_cohosting_evidence__only_on_the_days_of_the_event(site: dict[str, Any]) -> None:
    day = days_ahead(20)
    create_endorsement(site["group"], status="approved", kind="cohosting", starts_on=day, ends_on=day)
    request = booking_rules.BookingRequest(
        resource=site["room"],
        use_date=day + datetime.timedelta(days=1),
        booker=booking_rules.Booker(group=site["group"]),
        slot_keys=["18:00"],
        expected_people=5,
        reduction_rule=site["rule"],
    )
    decision = booking_rules.decide(request)
    assert "reduction_evidence" in decision.codes
    request.use_date = day
    decision = booking_rules.decide(request)
    assert decision.ok, decision.errors
    assert decision.status == BookingStatus.CONFIRMED
    assert decision.reduction_reason.startswith("共催承認")


def test_service__refuses_without_evidence_and_a_person_cannot_use_the_rule(site: dict[str, Any]) -> None:
    day = days_ahead(20)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        booking_create(
            actor=site["rep"],
            resource=site["room"],
            use_date=day,
            slot_keys=["18:00"],
            purpose="準備",
            expected_people=5,
            group=site["group"],
            reduction_rule=site["rule"],
        )
    assert error.value.error_dict["reduction_rule"][0].code == "reduction_evidence"
    # A stated reason does not replace the evidence.
    with pytest.raises(ValidationError):
        booking_create(
            actor=site["rep"],
            resource=site["room"],
            use_date=day,
            slot_keys=["18:00"],
            purpose="準備",
            expected_people=5,
            group=site["group"],
            reduction_rule=site["rule"],
            reduction_reason="市と共催です",
        )
    assert not Booking.objects.exists()


def test_a_rule_without_evidence_still_needs_a_reason_and_approval(site: dict[str, Any]) -> None:
    day = days_ahead(20)
    stated = create_reduction(requires_approval=True)
    create_endorsement(site["group"], status="approved", kind="cohosting", starts_on=day, ends_on=day)
    booking = booking_create(
        actor=site["rep"],
        resource=site["room"],
        use_date=day,
        slot_keys=["18:00"],
        purpose="準備",
        expected_people=5,
        group=site["group"],
        reduction_rule=stated,
        reduction_reason="公益活動",
    )
    assert booking.status == BookingStatus.PENDING
    assert booking.reduction_reason == "公益活動"
