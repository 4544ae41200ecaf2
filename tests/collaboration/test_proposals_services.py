"""Proposal services: start (group or business), update (draft only), submit with each
rule and the receipt number and e-mails, withdraw."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collaboration.models import CallKind, CallStatus, Proposal, ProposalStatus, ProposerKind
from collaboration.services import proposals as services
from portal.models import AuditLogEntry
from tests.collaboration.calls_setup import COMPLETE, draft, submitted
from tests.factories.collaboration import create_call, create_proposal
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

P = ProposalStatus


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


@pytest.fixture
def s(role_users: dict[str, Any]) -> dict[str, Any]:
    return {
        "call": create_call(),
        "group": role_users["_group"],
        "rep": role_users["representative"],
        "member": role_users["member"],
        "citizen": role_users["citizen"],
        "staff": role_users["city_staff"],
    }


# --- start -------------------------------------------------------------------------------


def test_proposal_start__group_representative__draft(s: dict[str, Any]) -> None:
    proposal = services.proposal_start(actor=s["rep"], call=s["call"], title="カフェ", group=s["group"])
    assert proposal.status == P.DRAFT
    assert proposal.proposer_kind == ProposerKind.GROUP
    assert (proposal.starts_on, proposal.ends_on) == (s["call"].starts_on, s["call"].ends_on)
    assert AuditLogEntry.objects.filter(action="collaboration.proposal.created").exists()


def test_proposal_start__member__permission_denied(s: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.proposal_start(actor=s["member"], call=s["call"], title="カフェ", group=s["group"])
    assert not Proposal.objects.exists()


def test_proposal_start__unregistered_group__refused(s: dict[str, Any]) -> None:
    rep = UserFactory()
    group = create_group(representative=rep, registered=False)
    with pytest.raises(ValidationError) as caught:
        services.proposal_start(actor=rep, call=s["call"], title="カフェ", group=group)
    assert codes(caught.value) == {"not_registered"}


def test_proposal_start__business__needs_name(s: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        services.proposal_start(actor=s["citizen"], call=s["call"], title="カフェ", business_name=" ")
    assert codes(caught.value) == {"required"}
    proposal = services.proposal_start(actor=s["citizen"], call=s["call"], title="カフェ", business_name="みどり商事")
    assert proposal.proposer_kind == ProposerKind.BUSINESS
    assert proposal.group is None


def test_proposal_start__business_not_allowed__refused(s: dict[str, Any]) -> None:
    call = create_call(businesses_may_propose=False)
    with pytest.raises(ValidationError) as caught:
        services.proposal_start(actor=s["citizen"], call=call, title="カフェ", business_name="みどり商事")
    assert codes(caught.value) == {"no_businesses"}


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": CallStatus.CLOSED},
        {"status": CallStatus.DRAFT},
        {"closes_at": timezone.now() - datetime.timedelta(minutes=1)},
        {"opens_at": timezone.now() + datetime.timedelta(days=1)},
    ],
)
def test_proposal_start__call_not_accepting__refused(s: dict[str, Any], overrides: dict[str, Any]) -> None:
    call = create_call(**overrides)
    with pytest.raises(ValidationError) as caught:
        services.proposal_start(actor=s["rep"], call=call, title="カフェ", group=s["group"])
    assert codes(caught.value) == {"call_closed"}
    assert not Proposal.objects.exists()


def test_proposal_start__line_break_in_title__refused(s: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        services.proposal_start(actor=s["rep"], call=s["call"], title="a\nb", group=s["group"])
    assert codes(caught.value) == {"single_line"}


# --- update ------------------------------------------------------------------------------


def test_proposal_update__saves_fields(s: dict[str, Any]) -> None:
    proposal = draft(s["call"], s["rep"], s["group"])
    assert proposal.issue == COMPLETE["issue"]
    assert AuditLogEntry.objects.filter(action="collaboration.proposal.saved").exists()


def test_proposal_update__member__permission_denied(s: dict[str, Any]) -> None:
    proposal = draft(s["call"], s["rep"], s["group"])
    with pytest.raises(PermissionDenied):
        services.proposal_update(actor=s["member"], proposal=proposal, data={"title": "x"})


def test_proposal_update__submitted__refused(s: dict[str, Any]) -> None:
    proposal = submitted(s["call"], s["rep"], s["group"])
    with pytest.raises(ValidationError) as caught:
        services.proposal_update(actor=s["rep"], proposal=proposal, data={"title": "x"})
    assert codes(caught.value) == {"not_editable"}
    proposal.refresh_from_db()
    assert proposal.title == "空き家カフェ"


def test_proposal_update__period_order__refused(s: dict[str, Any]) -> None:
    proposal = draft(s["call"], s["rep"], s["group"])
    start = s["call"].starts_on
    with pytest.raises(ValidationError) as caught:
        services.proposal_update(
            actor=s["rep"],
            proposal=proposal,
            data={"starts_on": start + datetime.timedelta(days=10), "ends_on": start},
        )
    assert codes(caught.value) == {"period_order"}


# --- submit ------------------------------------------------------------------------------


def test_proposal_submit__receipt_number_and_emails(
    s: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    proposal = draft(s["call"], s["rep"], s["group"])
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_submit(actor=s["rep"], proposal=proposal, expected_status="draft")
    year = s["call"].fiscal_year
    assert proposal.status == P.SUBMITTED
    assert proposal.receipt_number == f"K{year}-0001"
    assert proposal.submitted_at is not None
    subjects = [m.subject for m in mailoutbox]
    assert any(proposal.receipt_number in subject for subject in subjects)
    recipients = {address for m in mailoutbox for address in m.to}
    assert s["rep"].email.lower() in recipients
    assert any("city@" in address or "kyodo" in address for address in recipients) or len(mailoutbox) >= 1
    entry = AuditLogEntry.objects.get(action="collaboration.proposal.submitted")
    assert entry.data["receipt_number"] == proposal.receipt_number


def test_proposal_submit__numbers_follow_per_fiscal_year(s: dict[str, Any]) -> None:
    first = submitted(s["call"], s["rep"], s["group"])
    second = submitted(create_call(), s["citizen"])
    assert first.receipt_number.endswith("-0001")
    assert second.receipt_number.endswith("-0002")
    year = s["call"].fiscal_year
    next_year = create_call(fiscal_year=year + 1, starts_on=None, ends_on=None)
    other = submitted(next_year, s["citizen"], starts_on=s["call"].starts_on, ends_on=s["call"].ends_on)
    assert other.receipt_number == f"K{year + 1}-0001"


def refused(proposal: Proposal, actor: Any, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.proposal_submit(actor=actor, proposal=proposal)
    assert code in codes(caught.value), caught.value
    proposal.refresh_from_db()
    assert proposal.status == P.DRAFT
    assert proposal.receipt_number is None


def test_proposal_submit__call_closed(s: dict[str, Any]) -> None:
    proposal = draft(s["call"], s["rep"], s["group"])
    type(s["call"]).objects.filter(pk=s["call"].pk).update(status=CallStatus.CLOSED)
    proposal.call.refresh_from_db()
    refused(proposal, s["rep"], "call_closed")


def test_proposal_submit__required_fields(s: dict[str, Any]) -> None:
    proposal = draft(s["call"], s["rep"], s["group"], capability="")
    refused(proposal, s["rep"], "required")


def test_proposal_submit__outside_period(s: dict[str, Any]) -> None:
    end = s["call"].ends_on
    proposal = draft(s["call"], s["rep"], s["group"], ends_on=end + datetime.timedelta(days=1))
    refused(proposal, s["rep"], "outside_period")


@pytest.mark.parametrize(("budget", "code"), [(0, "budget_required"), (2_000_000, "over_budget"), (1, "under_budget")])
def test_proposal_submit__budget_range(s: dict[str, Any], budget: int, code: str) -> None:
    proposal = draft(s["call"], s["rep"], s["group"], budget_total=budget)
    refused(proposal, s["rep"], code)


def test_proposal_submit__citizen_window_has_no_budget_range(s: dict[str, Any]) -> None:
    call = create_call(kind=CallKind.CITIZEN, closes_at=None, budget_min=0, budget_max=0)
    proposal = submitted(call, s["rep"], s["group"], budget_total=5_000_000)
    assert proposal.status == P.SUBMITTED


def test_proposal_submit__group_no_longer_registered(s: dict[str, Any]) -> None:
    proposal = draft(s["call"], s["rep"], s["group"])
    type(s["group"]).objects.filter(pk=s["group"].pk).update(
        registered_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    refused(proposal, s["rep"], "not_registered")


def test_proposal_submit__stale(s: dict[str, Any]) -> None:
    proposal = submitted(s["call"], s["rep"], s["group"])
    with pytest.raises(ValidationError) as caught:
        services.proposal_submit(actor=s["rep"], proposal=proposal, expected_status="draft")
    assert codes(caught.value) == {"stale"}


def test_proposal_submit__member__permission_denied(s: dict[str, Any]) -> None:
    proposal = draft(s["call"], s["rep"], s["group"])
    with pytest.raises(PermissionDenied):
        services.proposal_submit(actor=s["member"], proposal=proposal)


# --- withdraw ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [P.DRAFT, P.SUBMITTED, P.IN_REVIEW])
def test_proposal_withdraw__before_decision(s: dict[str, Any], status: str) -> None:
    proposal = create_proposal(s["call"], group=s["group"], status=status)
    services.proposal_withdraw(actor=s["rep"], proposal=proposal, expected_status=status)
    proposal.refresh_from_db()
    assert proposal.status == P.WITHDRAWN
    entry = AuditLogEntry.objects.get(action="collaboration.proposal.withdrawn")
    assert (entry.data["old"], entry.data["new"]) == (status, "withdrawn")


@pytest.mark.parametrize("status", [P.ADOPTED, P.NOT_ADOPTED, P.WITHDRAWN])
def test_proposal_withdraw__decided__refused(s: dict[str, Any], status: str) -> None:
    proposal = create_proposal(s["call"], group=s["group"], status=status)
    with pytest.raises(ValidationError):
        services.proposal_withdraw(actor=s["rep"], proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == status


def test_proposal_withdraw__stale(s: dict[str, Any]) -> None:
    proposal = create_proposal(s["call"], group=s["group"], status=P.SUBMITTED)
    with pytest.raises(ValidationError) as caught:
        services.proposal_withdraw(actor=s["rep"], proposal=proposal, expected_status="draft")
    assert codes(caught.value) == {"stale"}


def test_proposal_start__without_title__the_theme_stands_in(s: dict[str, Any]) -> None:
    proposal = services.proposal_start(actor=s["rep"], call=s["call"], group=s["group"])
    assert proposal.title == s["call"].title
