"""The 後援・共催 pages: the group's request (prefill from its event, refusals shown, a
receipt number), list, page, withdrawal and 実施報告; the window's queue (flags, missing
reports) and decision page (approve, refuse with a reason, revoke, 409 on a stale
state); the event page's 「みどり市後援」 badge."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collaboration.models import EndorsementRequest, EndorsementStatus
from tests.factories.collaboration import create_endorsement, endorsement_data
from tests.factories.events import create_event

pytestmark = pytest.mark.django_db

E = EndorsementStatus
TODAY = timezone.localdate()
NOMINAL_WARNING = "減免・補助のみを目的とした名目的な共催の可能性"


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    return {**role_users, "group": role_users["_group"], "staff": role_users["city_staff"]}


def form_post(group: Any, **overrides: Any) -> dict[str, Any]:
    data = endorsement_data(**overrides)
    post = {"group": group.pk, "event": "", "action": "submit"}
    for key, value in data.items():
        if isinstance(value, bool):
            if value:
                post[key] = "on"
        elif isinstance(value, datetime.date):
            post[key] = value.isoformat()
        else:
            post[key] = value
    return post


def test_new__submits_and_shows_the_receipt_number(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["representative"])
    page = client.get(reverse("collaboration:endorsement-new"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "みどり市後援" in html  # the conditions are shown
    assert 'name="accepts_conditions"' in html
    response = client.post(reverse("collaboration:endorsement-new"), form_post(world["group"]), follow=True)
    request = EndorsementRequest.objects.get()
    assert response.redirect_chain[-1][0] == request.get_absolute_url()
    assert request.receipt_number in response.content.decode()
    assert request.created_by == world["representative"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"accepts_conditions": False}, "accepts_conditions"),
        ({"starts_on": TODAY + datetime.timedelta(days=10), "ends_on": TODAY + datetime.timedelta(days=10)}, "30日前"),
        ({"venue": "市民\n会館"}, "1行で"),
        ({"starts_on": datetime.date(9999, 1, 1), "ends_on": datetime.date(9999, 1, 1)}, "starts_on"),
    ],
)
def test_new__bad_input_400_nothing_written(
    client: Any, world: dict[str, Any], overrides: dict[str, Any], message: str
) -> None:
    client.force_login(world["representative"])
    response = client.post(reverse("collaboration:endorsement-new"), form_post(world["group"], **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EndorsementRequest.objects.exists()


def test_new__prefill_from_the_groups_event_writes_nothing(client: Any, world: dict[str, Any]) -> None:
    event = create_event(group=world["group"], title="わくわく工作の日", place="中央公民館")
    other = create_event(group=world["_other_group"], title="よその催し")
    client.force_login(world["representative"])
    page = client.get(reverse("collaboration:endorsement-new")).content.decode()
    assert "わくわく工作の日" in page
    assert "よその催し" not in page
    response = client.post(
        reverse("collaboration:endorsement-new"), {"group": world["group"].pk, "event": event.pk, "action": "prefill"}
    )
    assert response.status_code == 200
    assert response.context["form"].initial["event_title"] == "わくわく工作の日"
    assert response.context["form"].initial["venue"] == "中央公民館"
    response = client.post(
        reverse("collaboration:endorsement-new"), {"group": world["group"].pk, "event": other.pk, "action": "prefill"}
    )
    assert response.status_code == 400
    post = form_post(world["group"]) | {"event": other.pk}
    assert client.post(reverse("collaboration:endorsement-new"), post).status_code == 400
    assert not EndorsementRequest.objects.exists()


def test_new__members_and_citizens_cannot_request(client: Any, world: dict[str, Any]) -> None:
    for role in ("member", "citizen"):
        client.force_login(world[role])
        assert client.get(reverse("collaboration:endorsement-new")).status_code == 403
        assert client.post(reverse("collaboration:endorsement-new"), form_post(world["group"])).status_code == 403
    client.force_login(world["other_representative"])
    assert client.post(reverse("collaboration:endorsement-new"), form_post(world["group"])).status_code == 400
    assert not EndorsementRequest.objects.exists()


def test_list_and_page__the_groups_requests_only(client: Any, world: dict[str, Any]) -> None:
    mine = create_endorsement(world["group"], event_title="わたしたちの催し")
    theirs = create_endorsement(world["_other_group"], event_title="よその催し")
    client.force_login(world["member"])
    html = client.get(reverse("collaboration:endorsement-list")).content.decode()
    assert "わたしたちの催し" in html
    assert "よその催し" not in html
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    # A member sees the request but cannot withdraw it.
    assert f"endorsements/{mine.pk}/withdraw/" not in client.get(mine.get_absolute_url()).content.decode()
    assert client.post(reverse("collaboration:endorsement-withdraw", args=[mine.pk])).status_code == 403


def test_withdraw__the_representative(client: Any, world: dict[str, Any]) -> None:
    request = create_endorsement(world["group"])
    client.force_login(world["representative"])
    url = reverse("collaboration:endorsement-withdraw", args=[request.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"seen_status": "approved"}).status_code == 409
    assert client.post(url, {"seen_status": "submitted"}).status_code == 302
    request.refresh_from_db()
    assert request.status == E.WITHDRAWN
    assert client.post(url, {"seen_status": "withdrawn"}).status_code == 400


def test_report__after_the_event_once(client: Any, world: dict[str, Any]) -> None:
    past = TODAY - datetime.timedelta(days=3)
    request = create_endorsement(world["group"], status="approved", starts_on=past, ends_on=past)
    future = create_endorsement(world["group"], status="approved")
    client.force_login(world["representative"])
    url = reverse("collaboration:endorsement-report", args=[request.pk])
    assert "実施報告を提出する" in client.get(request.get_absolute_url()).content.decode()
    assert client.post(url, {"participants": "", "summary": "盛況"}).status_code == 400
    assert client.post(url, {"participants": "40", "summary": ""}).status_code == 400
    assert client.post(url, {"participants": "40", "summary": "盛況でした"}).status_code == 302
    request.refresh_from_db()
    assert request.report_participants == 40
    assert client.post(url, {"participants": "41", "summary": "もう一度"}).status_code == 400
    request.refresh_from_db()
    assert request.report_summary == "盛況でした"
    future_url = reverse("collaboration:endorsement-report", args=[future.pk])
    assert client.post(future_url, {"participants": "1", "summary": "x"}).status_code == 400


# --- the window ----------------------------------------------------------------------------------


def test_staff_queue__flags_nominal_cohosting_and_missing_reports(client: Any, world: dict[str, Any]) -> None:
    create_endorsement(world["group"], kind="cohosting", main_benefit="fee_reduction", event_title="減免目当て")
    create_endorsement(world["group"], kind="cohosting", main_benefit="joint", event_title="本当の共催")
    past = TODAY - datetime.timedelta(days=5)
    create_endorsement(world["group"], status="approved", starts_on=past, ends_on=past, event_title="報告なし")
    client.force_login(world["staff"])
    url = reverse("collaboration:staff-endorsements")
    html = client.get(url).content.decode()
    assert html.count(NOMINAL_WARNING) == 1
    assert "実施報告未提出（1件）" in html
    nominal = client.get(url, {"view": "nominal"}).content.decode()
    assert "減免目当て" in nominal
    assert "本当の共催" not in nominal
    due = client.get(url, {"view": "report_due"}).content.decode()
    assert "報告なし" in due
    assert "減免目当て" not in due
    assert client.get(url, {"status": "nonsense"}).status_code == 400


def test_staff_page__warning_and_approve(client: Any, world: dict[str, Any]) -> None:
    request = create_endorsement(world["group"], kind="cohosting", main_benefit="subsidy")
    client.force_login(world["staff"])
    url = reverse("collaboration:staff-endorsement", args=[request.pk])
    assert NOMINAL_WARNING in client.get(url).content.decode()
    checks = {"purpose_ok": "yes", "public_nature_ok": "yes", "public_interest_ok": "yes"}
    response = client.post(
        url, {"decision": "approve", **checks, "public_interest_ok": "no", "seen_status": "submitted"}
    )
    assert response.status_code == 400
    response = client.post(
        url, {"decision": "approve", **checks, "conditions": "広報物を事前提出", "seen_status": "submitted"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == E.APPROVED
    assert request.conditions == "広報物を事前提出"
    # The page another staff member opened before: 409, nothing changed.
    stale = client.post(url, {"decision": "refuse", "reason": "x", "seen_status": "submitted"})
    assert stale.status_code == 409
    request.refresh_from_db()
    assert request.status == E.APPROVED
    # Revoke needs a reason.
    assert client.post(url, {"action": "revoke", "reason": "", "seen_status": "approved"}).status_code == 400
    assert client.post(url, {"action": "revoke", "reason": "条件違反", "seen_status": "approved"}).status_code == 302
    request.refresh_from_db()
    assert request.status == E.REVOKED


def test_staff_page__refuse_needs_a_reason(client: Any, world: dict[str, Any]) -> None:
    request = create_endorsement(world["group"])
    client.force_login(world["staff"])
    url = reverse("collaboration:staff-endorsement", args=[request.pk])
    response = client.post(url, {"decision": "refuse", "reason": "  ", "seen_status": "submitted"})
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.status == E.SUBMITTED
    assert client.post(url, {"decision": "refuse", "reason": "営利目的", "seen_status": "submitted"}).status_code == 302
    request.refresh_from_db()
    assert request.status == E.REFUSED
    client.force_login(world["member"])
    assert "営利目的" in client.get(request.get_absolute_url()).content.decode()


# --- the event page's badge --------------------------------------------------------------------------


def _event_page(client: Any, event: Any) -> tuple[str, int]:
    client.get(event.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_event_page__badge_for_approved_requests_one_query(client: Any, world: dict[str, Any]) -> None:
    event = create_event(group=world["group"])
    html, without = _event_page(client, event)
    assert "みどり市後援" not in html
    request = create_endorsement(world["group"], status="approved", event=event)
    html, with_badge = _event_page(client, event)
    assert "みどり市後援" in html
    assert with_badge == without  # the provider's one query runs either way
    create_endorsement(world["group"], status="approved", kind="cohosting", event=event)
    html, _count = _event_page(client, event)
    assert "みどり市共催" in html
    EndorsementRequest.objects.exclude(pk=request.pk).update(status="revoked")
    html, _count = _event_page(client, event)
    assert "みどり市共催" not in html
    assert "みどり市後援" in html
    from django.utils import translation

    from groups.event_badges import badges_for

    with translation.override("en"):
        assert badges_for([event.pk]) == {event.pk: ["Endorsed by Midori City"]}


def test_event_badges__one_query_for_many_events(world: dict[str, Any], django_assert_num_queries: Any) -> None:
    from groups.event_badges import badges_for

    events = [create_event(group=world["group"]) for _ in range(3)]
    for event in events:
        create_endorsement(world["group"], status="approved", event=event)
    from portal.models import SiteConfiguration

    SiteConfiguration.get_solo()
    with django_assert_num_queries(1):
        badges = badges_for([e.pk for e in events])
    assert all(badges[e.pk] for e in events)
