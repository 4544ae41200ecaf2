"""collaboration.services.endorsements: every refusal (with its code, nothing written)
and every transition of a 後援・共催 request, its e-mails and audit entries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collaboration.models import EndorsementRequest, EndorsementStatus
from collaboration.services import endorsements as services
from portal.models import AuditLogEntry
from tests.factories.collaboration import create_endorsement, endorsement_data
from tests.factories.events import create_event
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

E = EndorsementStatus
TODAY = timezone.localdate()


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    return {**role_users, "group": role_users["_group"], "staff": role_users["city_staff"]}


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def writes() -> tuple[int, int]:
    return EndorsementRequest.objects.count(), AuditLogEntry.objects.count()


def submit(world: dict[str, Any], **overrides: Any) -> EndorsementRequest:
    return services.endorsement_submit(
        group=world["group"], actor=world["representative"], data=endorsement_data(**overrides)
    )


def refused(call: Any) -> set[str]:
    before = writes()
    with pytest.raises(ValidationError) as error:
        call()
    assert writes() == before
    return codes(error.value)


# --- submit ----------------------------------------------------------------------------------


def test_submit__receipt_number_audit_and_window_told(
    world: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    from tests.factories.collaboration import window_department

    department = window_department()
    department.email = "kyodo@city.example.jp"
    department.save()
    with django_capture_on_commit_callbacks(execute=True):
        request = submit(world)
    assert request.status == E.SUBMITTED
    assert request.receipt_number == f"K-{TODAY.year if TODAY.month >= 4 else TODAY.year - 1}-{request.pk:05d}"
    assert AuditLogEntry.objects.filter(action="collaboration.endorsement.submitted").count() == 1
    assert [m.to for m in mailoutbox] == [["kyodo@city.example.jp"]]
    assert request.receipt_number in mailoutbox[0].subject


def test_submit__with_the_groups_event(world: dict[str, Any]) -> None:
    event = create_event(group=world["group"])
    request = services.endorsement_submit(
        group=world["group"], actor=world["representative"], data=endorsement_data(), event=event
    )
    assert request.event == event


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        (
            {"starts_on": TODAY + datetime.timedelta(days=29), "ends_on": TODAY + datetime.timedelta(days=29)},
            "too_late",
        ),
        ({"accepts_conditions": False}, "conditions"),
        ({"kind": "sponsorship"}, "kind"),
        ({"main_benefit": "money"}, "main_benefit"),
        ({"ends_on": TODAY + datetime.timedelta(days=59)}, "period_order"),
        ({"ends_on": TODAY + datetime.timedelta(days=100)}, "too_long"),
        ({"starts_on": datetime.date(9999, 1, 1), "ends_on": datetime.date(9999, 1, 1)}, "date_out_of_range"),
        ({"event_title": "  "}, "required"),
        ({"venue": "市民\n会館"}, "line_break"),
        ({"purpose": "a\x00b"}, "null_characters"),
        ({"purpose": "x" * 4001}, "max_length"),
        ({"expected_people": 0}, "expected_people"),
        ({"expected_people": 10**9}, "expected_people"),
        ({"admission_charged": True, "fee_amount": 0}, "fee_amount"),
        ({"admission_charged": True, "fee_amount": 10**12}, "fee_amount"),
    ],
)
def test_submit__refusals(world: dict[str, Any], overrides: dict[str, Any], code: str) -> None:
    assert code in refused(lambda: submit(world, **overrides))


def test_submit__fee_dropped_when_admission_is_free(world: dict[str, Any]) -> None:
    assert submit(world, admission_charged=False, fee_amount=500).fee_amount == 0
    assert submit(world, admission_charged=True, fee_amount=500).fee_amount == 500


def test_submit__another_groups_event_refused(world: dict[str, Any]) -> None:
    event = create_event(group=world["_other_group"])
    assert "event_not_ours" in refused(
        lambda: services.endorsement_submit(
            group=world["group"], actor=world["representative"], data=endorsement_data(), event=event
        )
    )


def test_submit__only_the_groups_editors(world: dict[str, Any]) -> None:
    for user in (world["member"], world["other_representative"], world["citizen"], world["staff"]):
        with pytest.raises(PermissionDenied):
            services.endorsement_submit(group=world["group"], actor=user, data=endorsement_data())
    assert not EndorsementRequest.objects.exists()


def test_submit__unregistered_group_refused() -> None:
    rep = UserFactory()
    group = create_group(representative=rep, registered=False)
    before = writes()
    with pytest.raises((ValidationError, PermissionDenied)):
        services.endorsement_submit(group=group, actor=rep, data=endorsement_data())
    assert writes() == before


# --- decisions -------------------------------------------------------------------------------


def approve(world: dict[str, Any], request: EndorsementRequest, **overrides: Any) -> EndorsementRequest:
    kwargs = {"purpose_ok": True, "public_nature_ok": True, "public_interest_ok": True, "conditions": ""}
    return services.endorsement_approve(request=request, actor=world["staff"], **{**kwargs, **overrides})


def test_approve__with_conditions_audited_and_group_told(
    world: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    request = submit(world)
    with django_capture_on_commit_callbacks(execute=True):
        approve(world, request, conditions="チラシに「みどり市後援」と表示", expected_status="submitted")
    request.refresh_from_db()
    assert request.status == E.APPROVED
    assert request.conditions == "チラシに「みどり市後援」と表示"
    assert request.decided_by == world["staff"]
    entry = AuditLogEntry.objects.get(action="collaboration.endorsement.approved")
    assert entry.data["old"] == "submitted"
    assert entry.data["new"] == "approved"
    assert world["representative"].email in {address for mail in mailoutbox for address in mail.to}
    assert all("チラシに「みどり市後援」と表示" in mail.body for mail in mailoutbox)


@pytest.mark.parametrize("failed", ["purpose_ok", "public_nature_ok", "public_interest_ok"])
@pytest.mark.parametrize("value", [False, None])
def test_approve__every_check_must_be_met(world: dict[str, Any], failed: str, value: Any) -> None:
    request = submit(world)
    assert refused(lambda: approve(world, request, **{failed: value})) == {"checks"}
    request.refresh_from_db()
    assert request.status == E.SUBMITTED


def test_decisions__only_the_window(world: dict[str, Any]) -> None:
    request = submit(world)
    for user in (world["representative"], world["centre_staff"], world["reviewer"]):
        with pytest.raises(PermissionDenied):
            approve(world | {"staff": user}, request)
        with pytest.raises(PermissionDenied):
            services.endorsement_refuse(request=request, actor=user, reason="理由")


def test_refuse__reason_required_then_told(
    world: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    request = submit(world)
    for reason in ("", "   ", "x" * 2001):
        assert refused(
            lambda reason=reason: services.endorsement_refuse(request=request, actor=world["staff"], reason=reason)
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.endorsement_refuse(
            request=request, actor=world["staff"], reason="営利目的のため", public_interest_ok=False
        )
    request.refresh_from_db()
    assert request.status == E.REFUSED
    assert request.decision_reason == "営利目的のため"
    assert request.public_interest_ok is False
    assert "営利目的のため" in mailoutbox[0].body


def test_stale_state__refused_with_code_stale(world: dict[str, Any]) -> None:
    request = submit(world)
    approve(world, request)
    stale = EndorsementRequest.objects.get(pk=request.pk)
    stale.status = E.SUBMITTED  # the page the staff member opened before
    assert "stale" in refused(lambda: approve(world, stale, expected_status="submitted"))
    assert "stale" in refused(
        lambda: services.endorsement_refuse(
            request=stale, actor=world["staff"], reason="x", expected_status="submitted"
        )
    )


def test_no_decision_after_a_decision(world: dict[str, Any]) -> None:
    request = submit(world)
    services.endorsement_refuse(request=request, actor=world["staff"], reason="理由")
    assert "invalid_transition" in refused(lambda: approve(world, request))
    assert "invalid_transition" in refused(
        lambda: services.endorsement_revoke(request=request, actor=world["staff"], reason="r")
    )


def test_revoke__reason_required(
    world: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    request = approve(world, submit(world))
    assert "required" in refused(lambda: services.endorsement_revoke(request=request, actor=world["staff"], reason=""))
    with django_capture_on_commit_callbacks(execute=True):
        services.endorsement_revoke(
            request=request, actor=world["staff"], reason="条件違反", expected_status="approved"
        )
    request.refresh_from_db()
    assert request.status == E.REVOKED
    assert AuditLogEntry.objects.filter(action="collaboration.endorsement.revoked").exists()
    assert "条件違反" in mailoutbox[-1].body


# --- withdraw --------------------------------------------------------------------------------


def test_withdraw__submitted_and_approved_before_the_event(world: dict[str, Any]) -> None:
    first = submit(world)
    services.endorsement_withdraw(request=first, actor=world["representative"], expected_status="submitted")
    assert EndorsementRequest.objects.get(pk=first.pk).status == E.WITHDRAWN
    second = approve(world, submit(world))
    services.endorsement_withdraw(request=second, actor=world["representative"])
    assert EndorsementRequest.objects.get(pk=second.pk).status == E.WITHDRAWN
    assert "invalid_transition" in refused(
        lambda: services.endorsement_withdraw(request=second, actor=world["representative"])
    )


def test_withdraw__refusals(world: dict[str, Any]) -> None:
    request = approve(world, submit(world))
    assert "started" in refused(
        lambda: services.endorsement_withdraw(request=request, actor=world["representative"], today=request.starts_on)
    )
    assert "stale" in refused(
        lambda: services.endorsement_withdraw(
            request=request, actor=world["representative"], expected_status="submitted"
        )
    )
    for user in (world["member"], world["other_representative"], world["staff"]):
        with pytest.raises(PermissionDenied):
            services.endorsement_withdraw(request=request, actor=user)


# --- 実施報告 ---------------------------------------------------------------------------------


def test_report__after_the_event_once(world: dict[str, Any]) -> None:
    request = approve(world, submit(world))
    later = request.starts_on + datetime.timedelta(days=1)
    assert "not_started" in refused(
        lambda: services.endorsement_report(
            request=request,
            actor=world["representative"],
            participants=10,
            summary="x",
            today=request.starts_on - datetime.timedelta(days=1),
        )
    )
    for participants, summary in ((None, "ok"), (-1, "ok"), (10**7, "ok"), (10, ""), (10, "x" * 4001)):
        assert refused(
            lambda p=participants, s=summary: services.endorsement_report(
                request=request, actor=world["representative"], participants=p, summary=s, today=later
            )
        )
    services.endorsement_report(
        request=request, actor=world["representative"], participants=64, summary="盛況", today=later
    )
    request.refresh_from_db()
    assert request.report_participants == 64
    assert request.reported_at is not None
    assert AuditLogEntry.objects.filter(action="collaboration.endorsement.reported").exists()
    assert "already_reported" in refused(
        lambda: services.endorsement_report(
            request=request, actor=world["representative"], participants=1, summary="x", today=later
        )
    )


def test_report__only_approved_and_only_editors(world: dict[str, Any]) -> None:
    request = create_endorsement(
        world["group"],
        status="refused",
        starts_on=TODAY - datetime.timedelta(days=3),
        ends_on=TODAY - datetime.timedelta(days=3),
    )
    assert "not_approved" in refused(
        lambda: services.endorsement_report(request=request, actor=world["representative"], participants=1, summary="x")
    )
    approved = create_endorsement(
        world["group"],
        status="approved",
        starts_on=TODAY - datetime.timedelta(days=3),
        ends_on=TODAY - datetime.timedelta(days=3),
    )
    for user in (world["member"], world["other_representative"]):
        with pytest.raises(PermissionDenied):
            services.endorsement_report(request=approved, actor=user, participants=1, summary="x")


# --- flags and the co-hosting evidence ---------------------------------------------------------


def test_looks_nominal_and_report_due(world: dict[str, Any]) -> None:
    assert create_endorsement(world["group"], kind="cohosting", main_benefit="fee_reduction").looks_nominal
    assert create_endorsement(world["group"], kind="cohosting", main_benefit="subsidy").looks_nominal
    assert not create_endorsement(world["group"], kind="cohosting", main_benefit="joint").looks_nominal
    assert not create_endorsement(world["group"], kind="endorsement", main_benefit="fee_reduction").looks_nominal
    past = TODAY - datetime.timedelta(days=2)
    assert create_endorsement(world["group"], status="approved", starts_on=past, ends_on=past).report_due


def test_cohosting_evidence(world: dict[str, Any]) -> None:
    day = TODAY + datetime.timedelta(days=40)
    assert services.cohosting_evidence(world["group"], day) is None
    assert services.cohosting_evidence(None, day) is None
    found = create_endorsement(
        world["group"], status="approved", kind="cohosting", starts_on=day, ends_on=day, event_title="まつり"
    )
    assert services.cohosting_evidence(world["group"], day) == f"共催承認 {found.receipt_number} まつり"
    assert services.cohosting_evidence(world["_other_group"], day) is None
    assert services.cohosting_evidence(world["group"], day + datetime.timedelta(days=1)) is None
