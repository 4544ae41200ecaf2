"""The grants-area services: decision within the budget, publication, grant, advances,
changes, report, final amount and refund, with their refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from portal.models import AuditLogEntry
from subsidies.models import (
    AmountConfirmation,
    Application,
    ApplicationStatus,
    ApplicationVersion,
    BudgetLine,
    BudgetSide,
    BudgetStage,
    ChangeStatus,
    Grant,
    Payment,
    PaymentStatus,
    RefundStatus,
    ReportStatus,
)
from subsidies.services import grants as services
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_programme, expense_categories, start_up
from tests.subsidies.grants_flow import (
    accepted,
    actual_lines,
    adopted,
    advance_paid,
    granted,
    report_data,
    reported,
    representative,
    staff,
    today_plus,
)

pytestmark = pytest.mark.django_db


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def _refused(code: str, call: Any, **kwargs: Any) -> None:
    with pytest.raises(ValidationError) as info:
        call(**kwargs)
    assert code in _codes(info.value), info.value


# --- Decision --------------------------------------------------------------------------------


def test_decide__adopt_full_amount__audited_and_hidden_until_published() -> None:
    application = accepted()
    result = services.application_decide(
        actor=staff(), application=application, adopt=True, amount=125_000, reason="公益性が高い。"
    )
    assert result.status == ApplicationStatus.ADOPTED
    assert result.awarded_amount == 125_000
    assert result.decision_published_at is None
    assert AuditLogEntry.objects.filter(action="subsidies.application.adopted", target_id=str(application.pk)).exists()


def test_decide__reduction_needs_an_assessment_reason() -> None:
    application = accepted()
    kwargs = {"actor": staff(), "application": application, "adopt": True, "amount": 100_000, "reason": "採択"}
    _refused("assessment_reason", services.application_decide, **kwargs)
    result = services.application_decide(**kwargs, assessment_reason="印刷費が過大です。")
    assert result.awarded_amount == 100_000
    assert result.assessment_reason == "印刷費が過大です。"


def test_decide__award_above_the_request_refused() -> None:
    application = accepted()
    _refused(
        "above_request",
        services.application_decide,
        actor=staff(),
        application=application,
        adopt=True,
        amount=application.requested_amount + 1000,
        reason="x",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_decide__over_the_budget_refused() -> None:
    programme = create_programme(total_budget=200_000)
    first, second = accepted(programme), accepted(programme)
    services.application_decide(actor=staff(), application=first, adopt=True, amount=125_000, reason="採択")
    _refused(
        "over_budget",
        services.application_decide,
        actor=staff(),
        application=second,
        adopt=True,
        amount=100_000,
        reason="採択",
        assessment_reason="減額",
    )
    # What is left fits.
    services.application_decide(
        actor=staff(), application=second, adopt=True, amount=75_000, reason="採択", assessment_reason="予算の範囲内"
    )
    assert services.budget_left(programme) == 0


def test_decide__reason_required_and_reject_clears_the_amount() -> None:
    application = accepted()
    _refused("required", services.application_decide, actor=staff(), application=application, adopt=False, reason=" ")
    result = services.application_decide(
        actor=staff(), application=application, adopt=False, amount=5000, reason="事業の効果が不明確です。"
    )
    assert result.status == ApplicationStatus.REJECTED
    assert result.awarded_amount is None


def test_decide__stale_and_not_staff() -> None:
    application = accepted()
    _refused(
        "stale",
        services.application_decide,
        actor=staff(),
        application=application,
        adopt=False,
        reason="x",
        expected_status=ApplicationStatus.SUBMITTED,
    )
    with pytest.raises(PermissionDenied):
        services.application_decide(actor=representative(application), application=application, adopt=False, reason="x")


def test_undo__before_publication_only() -> None:
    application = adopted(accepted(), publish=False)
    result = services.application_decision_undo(actor=staff(), application=application)
    assert result.status == ApplicationStatus.ACCEPTED
    assert result.awarded_amount is None
    published = adopted(accepted())
    _refused("published", services.application_decision_undo, actor=staff(), application=published)


# --- Publication -------------------------------------------------------------------------------


def test_publish__refused_while_undecided(mailoutbox: list[Any]) -> None:
    programme = create_programme()
    first = accepted(programme)
    accepted(programme)
    services.application_decide(actor=staff(), application=first, adopt=False, reason="x")
    _refused("undecided", services.decisions_publish, actor=staff(), programme=programme)
    assert not mailoutbox
    assert not Application.objects.filter(decision_published_at__isnull=False).exists()


def test_publish__every_group_told_its_result(mailoutbox: list[Any], django_capture_on_commit_callbacks: Any) -> None:
    programme = create_programme()
    yes, no = accepted(programme), accepted(programme)
    services.application_decide(actor=staff(), application=yes, adopt=True, amount=125_000, reason="地域への波及効果")
    services.application_decide(actor=staff(), application=no, adopt=False, reason="計画が具体的でない")
    with django_capture_on_commit_callbacks(execute=True):
        published = services.decisions_publish(actor=staff(), programme=programme)
    assert {a.pk for a in published} == {yes.pk, no.pk}
    programme.refresh_from_db()
    assert programme.decisions_published_at is not None
    assert Application.objects.filter(decision_published_at__isnull=True, programme=programme).count() == 0
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert any("地域への波及効果" in b for b in bodies.values())
    assert any("計画が具体的でない" in b for b in bodies.values())
    assert AuditLogEntry.objects.filter(action="subsidies.programme.decisions_published").count() == 1
    _refused("nothing", services.decisions_publish, actor=staff(), programme=programme)


# --- Grant ---------------------------------------------------------------------------------------


def test_grant__before_publication_refused() -> None:
    application = adopted(accepted(), publish=False)
    _refused(
        "not_published",
        services.grant_decide,
        actor=staff(),
        application=application,
        document_number="みどり市協第1号",
        decided_on=timezone.localdate(),
    )


def test_grant__amount_default_limit_and_unique_number(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    application = adopted(accepted())
    _refused(
        "above_award",
        services.grant_decide,
        actor=staff(),
        application=application,
        document_number="みどり市協第7号",
        decided_on=timezone.localdate(),
        amount=application.awarded_amount + 1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        grant = services.grant_decide(
            actor=staff(),
            application=application,
            document_number="みどり市協第7号",
            decided_on=timezone.localdate(),
            conditions="事業の内容を変更するときは承認を受けること。",
        )
    assert grant.amount == application.awarded_amount
    application.refresh_from_db()
    assert application.status == ApplicationStatus.GRANTED
    assert any("grant.pdf" in m.body for m in mailoutbox)
    other = adopted(accepted())
    _refused(
        "unique",
        services.grant_decide,
        actor=staff(),
        application=other,
        document_number="みどり市協第7号",
        decided_on=timezone.localdate(),
    )
    assert services.document_number_suggest() != "みどり市協第7号"


# --- Advances ------------------------------------------------------------------------------------


def test_advance__up_to_the_share_less_what_was_requested() -> None:
    application = granted()  # grant 125,000, programme allows 50%: 62,500
    rep = representative(application)
    services.payment_request(actor=rep, application=application, amount=40_000)
    _refused("above_share", services.payment_request, actor=rep, application=application, amount=22_501)
    payment = services.payment_request(actor=rep, application=application, amount=22_500)
    assert payment.status == PaymentStatus.REQUESTED


def test_advance__refused_when_programme_pays_none_or_not_granted() -> None:
    application = granted(programme=create_programme(advance_max_percent=0))
    _refused(
        "no_advances",
        services.payment_request,
        actor=representative(application),
        application=application,
        amount=1000,
    )
    early = adopted(accepted())
    _refused("not_granted", services.payment_request, actor=representative(early), application=early, amount=1000)


def test_advance__member_without_edit_right_refused() -> None:
    application = granted()
    member = UserFactory()
    from groups.services import membership_add

    membership_add(group=application.group, user=member, role="member", actor=None)
    with pytest.raises(PermissionDenied):
        services.payment_request(actor=member, application=application, amount=1000)


def test_payment__pay_refuse_and_stale() -> None:
    application = granted()
    rep = representative(application)
    payment = services.payment_request(actor=rep, application=application, amount=10_000)
    _refused("future", services.payment_pay, actor=staff(), payment=payment, paid_on=today_plus(3))
    paid = services.payment_pay(actor=staff(), payment=payment, paid_on=timezone.localdate())
    assert paid.status == PaymentStatus.PAID
    _refused(
        "stale",
        services.payment_refuse,
        actor=staff(),
        payment=payment,
        note="x",
        expected_status=PaymentStatus.REQUESTED,
    )
    second = services.payment_request(actor=rep, application=application, amount=10_000)
    _refused("required", services.payment_refuse, actor=staff(), payment=second, note="")
    refused = services.payment_refuse(actor=staff(), payment=second, note="予算執行の時期ではありません。")
    assert refused.status == PaymentStatus.REFUSED
    # A refused advance no longer counts against the share.
    limit, used = services.advance_limit(application, application.grant)
    assert (limit, used) == (62_500, 10_000)


# --- Changes -------------------------------------------------------------------------------------


def _plan(application: Application, **changes: int) -> list[services.LineData]:
    """The current plan with some categories' amounts replaced, balanced by own funds."""
    cats = expense_categories()
    amounts = {
        line.expense_category.code: line.amount
        for line in application.budget_lines.filter(stage=BudgetStage.PLAN, side=BudgetSide.EXPENSE).select_related(
            "expense_category"
        )
    }
    amounts.update(changes)
    amounts = {code: amount for code, amount in amounts.items() if amount}
    total = sum(amounts.values())
    lines = [services.LineData(side=BudgetSide.EXPENSE, amount=a, expense_category=cats[c]) for c, a in amounts.items()]
    lines += [
        services.LineData(side=BudgetSide.INCOME, amount=application.grant.amount, income_kind="subsidy"),
        services.LineData(side=BudgetSide.INCOME, amount=total - application.grant.amount, income_kind="own_funds"),
    ]
    return lines


def test_change__within_threshold_is_notified_and_applied_at_once() -> None:
    application = granted()  # honoraria 100,000, printing 150,000, food 20,000; threshold 20%
    change = services.change_request(
        actor=representative(application),
        application=application,
        reason="講師謝礼の見直し",
        lines=_plan(application, honoraria=120_000),  # +20%: not beyond the threshold
    )
    assert change.status == ChangeStatus.NOTIFIED
    assert change.largest_change_percent == 20
    plan = BudgetLine.objects.filter(
        application=application, stage=BudgetStage.PLAN, expense_category__code="honoraria"
    )
    assert plan.get().amount == 120_000
    version = ApplicationVersion.objects.get(application=application, kind=ApplicationVersion.Kind.CHANGE)
    assert version.snapshot["change_request"] == change.pk
    application.refresh_from_db()
    assert application.eligible_cost == 270_000
    assert Grant.objects.get(application=application).amount == 125_000  # the grant stays


def test_change__beyond_threshold_needs_approval() -> None:
    application = granted()
    change = services.change_request(
        actor=representative(application),
        application=application,
        reason="印刷物を増やす",
        lines=_plan(application, printing=181_000),  # +20.7%
    )
    assert change.status == ChangeStatus.REQUESTED
    assert change.largest_change_percent == 21
    plan = BudgetLine.objects.get(application=application, stage=BudgetStage.PLAN, expense_category__code="printing")
    assert plan.amount == 150_000  # not yet
    _refused(
        "pending_change",
        services.change_request,
        actor=representative(application),
        application=application,
        reason="x",
        lines=_plan(application),
    )
    services.change_approve(actor=staff(), change=change)
    plan = BudgetLine.objects.get(application=application, stage=BudgetStage.PLAN, expense_category__code="printing")
    assert plan.amount == 181_000
    assert ApplicationVersion.objects.filter(application=application, kind="change").count() == 1


def test_change__category_added_needs_approval_and_refusal_keeps_plan() -> None:
    application = granted()
    change = services.change_request(
        actor=representative(application),
        application=application,
        reason="保険に入る",
        lines=_plan(application, insurance=5000),
    )
    assert change.status == ChangeStatus.REQUESTED
    _refused("required", services.change_refuse, actor=staff(), change=change, reason="")
    services.change_refuse(actor=staff(), change=change, reason="必要性が説明されていません。")
    assert not BudgetLine.objects.filter(application=application, expense_category__code="insurance").exists()


def test_change__unbalanced_and_after_report_refused() -> None:
    application = granted()
    rep = representative(application)
    lines = _plan(application)[:-1]  # own funds missing
    _refused("unbalanced", services.change_request, actor=rep, application=application, reason="x", lines=lines)
    reported(application, {"honoraria": 100_000}, accept=False)
    _refused(
        "reported", services.change_request, actor=rep, application=application, reason="x", lines=_plan(application)
    )


def test_change__withdraw() -> None:
    application = granted()
    change = services.change_request(
        actor=representative(application),
        application=application,
        reason="x",
        lines=_plan(application, printing=10_000),
    )
    services.change_withdraw(actor=representative(application), change=change)
    change.refresh_from_db()
    assert change.status == ChangeStatus.WITHDRAWN


# --- Report --------------------------------------------------------------------------------------


def test_report__draft_then_submit_and_eligible_cost() -> None:
    application = granted()
    rep = representative(application)
    report = services.report_save(
        actor=rep,
        application=application,
        data=report_data(what_was_done=""),
        lines=actual_lines({"honoraria": 90_000, "food": 10_000}),
    )
    assert report.status == ReportStatus.DRAFT
    assert report.actual_eligible_cost == 90_000  # food is not eligible
    actual = BudgetLine.objects.filter(application=application, stage=BudgetStage.ACTUAL)
    assert actual.filter(side=BudgetSide.EXPENSE).count() == 2
    _refused("required", services.report_submit, actor=rep, report=report)
    report = services.report_save(
        actor=rep, application=application, data=report_data(), lines=actual_lines({"honoraria": 90_000}), submit=True
    )
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_at is not None
    _refused("not_editable", services.report_save, actor=rep, application=application, data=report_data(), lines=[])


def test_report__income_must_equal_expense() -> None:
    application = granted()
    _refused(
        "unbalanced",
        services.report_save,
        actor=representative(application),
        application=application,
        data=report_data(),
        lines=actual_lines({"honoraria": 90_000}, income={"own_funds": 80_000}),
        submit=True,
    )
    assert not BudgetLine.objects.filter(application=application, stage=BudgetStage.ACTUAL).exists()


def test_report__return_and_resubmit_then_accept(django_capture_on_commit_callbacks: Any) -> None:
    application = granted()
    report = reported(application, {"honoraria": 90_000}, accept=False)
    _refused("required", services.report_return, actor=staff(), report=report, reason="")
    services.report_return(actor=staff(), report=report, reason="領収書が足りません。")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    report = services.report_save(
        actor=representative(application),
        application=application,
        data=report_data(),
        lines=actual_lines({"honoraria": 90_000}),
        submit=True,
        expected_status=ReportStatus.RETURNED,
    )
    services.report_accept(actor=staff(), report=report)
    application.refresh_from_db()
    assert application.result_summary == report.summary


def test_report__attachment_checked(tmp_path: Any, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    application = granted()
    rep = representative(application)
    attachment = services.report_attachment_add(
        actor=rep,
        application=application,
        kind="receipt",
        upload=SimpleUploadedFile("receipt.pdf", b"%PDF-1.4\n", "application/pdf"),
    )
    assert attachment.for_report
    _refused(
        "attachment_type",
        services.report_attachment_add,
        actor=rep,
        application=application,
        kind="photo",
        upload=SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream"),
    )
    _refused(
        "kind",
        services.report_attachment_add,
        actor=rep,
        application=application,
        kind="rules",
        upload=SimpleUploadedFile("r.pdf", b"%PDF-1.4\n", "application/pdf"),
    )


# --- Final amount --------------------------------------------------------------------------------


def test_confirm__rate_rule_with_refund(mailoutbox: list[Any], django_capture_on_commit_callbacks: Any) -> None:
    application = granted()  # 1/2 of 250,000 eligible: grant 125,000
    advance_paid(application, 60_000)
    reported(application, {"honoraria": 80_000, "printing": 20_000, "food": 5_000})  # eligible 100,000
    figures = services.confirmation_figures(application)
    assert (figures.planned_eligible, figures.actual_eligible) == (250_000, 100_000)
    assert figures.amount == 50_000  # 1/2 × 100,000
    assert figures.refund == 10_000
    with django_capture_on_commit_callbacks(execute=True):
        confirmation = services.amount_confirm(
            actor=staff(),
            application=application,
            document_number="みどり市協第900号",
            confirmed_on=timezone.localdate(),
        )
    assert confirmation.amount == 50_000
    assert confirmation.paid_before == 60_000
    assert confirmation.refund_due == 10_000
    assert confirmation.refund_status == RefundStatus.DUE
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONFIRMED
    assert any("confirmation.pdf" in m.body for m in mailoutbox)
    refunded = services.refund_record(actor=staff(), confirmation=confirmation, refunded_on=timezone.localdate())
    assert refunded.refund_status == RefundStatus.REFUNDED
    assert AuditLogEntry.objects.filter(action="subsidies.confirmation.refunded").exists()


def test_confirm__proportional_rule_never_above_the_grant() -> None:
    programme = create_programme(confirmation_rule="proportional")
    application = granted(accepted(programme))  # grant 125,000 on 250,000 planned eligible
    advance_paid(application, 62_500)
    reported(application, {"honoraria": 100_000, "printing": 100_000})  # 200,000 of 250,000
    figures = services.confirmation_figures(application)
    assert figures.amount == 100_000  # 125,000 × 200/250
    assert figures.refund == 0
    assert figures.unpaid == 37_500
    confirmation = services.amount_confirm(
        actor=staff(), application=application, document_number="みどり市協第901号", confirmed_on=timezone.localdate()
    )
    assert confirmation.refund_status == RefundStatus.NONE
    _refused(
        "invalid_transition",
        services.refund_record,
        actor=staff(),
        confirmation=confirmation,
        refunded_on=timezone.localdate(),
    )
    more = granted(accepted(programme, create_group()))
    reported(more, {"honoraria": 300_000, "printing": 150_000})  # above the plan: still the grant
    assert services.confirmation_figures(more).amount == 125_000


def test_confirm__proportional_with_refund() -> None:
    programme = create_programme(confirmation_rule="proportional", advance_max_percent=100)
    application = granted(accepted(programme))
    advance_paid(application, 125_000)
    reported(application, {"honoraria": 50_000, "printing": 50_000})  # 100,000 of 250,000
    confirmation = services.amount_confirm(
        actor=staff(), application=application, document_number="第3号", confirmed_on=timezone.localdate()
    )
    assert (confirmation.amount, confirmation.refund_due) == (50_000, 75_000)


def test_confirm__needs_accepted_report_and_no_open_advance() -> None:
    application = granted()
    kwargs = {
        "actor": staff(),
        "application": application,
        "document_number": "第5号",
        "confirmed_on": timezone.localdate(),
    }
    _refused("report_not_accepted", services.amount_confirm, **kwargs)
    services.payment_request(actor=representative(application), application=application, amount=1000)
    reported(application, {"honoraria": 100_000})
    _refused("open_payment", services.amount_confirm, **kwargs)
    assert not AmountConfirmation.objects.exists()


def test_confirm__startup_category_rate_ten_tenths() -> None:
    programme = create_programme()
    application = granted(accepted(programme, category=start_up(programme), expenses=(("honoraria", 80_000),)))
    reported(application, {"honoraria": 70_500})
    assert services.confirmation_figures(application).amount == 70_000  # 千円未満切捨て


# --- Reminders -----------------------------------------------------------------------------------


def test_reminders__14_and_3_days_before_not_after_submission(
    mailoutbox: list[Any],
) -> None:
    soon = granted(programme=create_programme(report_due_on=today_plus(14)))
    later = granted(programme=create_programme(report_due_on=today_plus(3)))
    granted(programme=create_programme(report_due_on=today_plus(10)))
    done = granted(programme=create_programme(report_due_on=today_plus(3)))
    reported(done, {"honoraria": 1000}, accept=False)
    reminded = services.report_reminders_send()
    assert {a.pk for a in reminded} == {soon.pk, later.pk}
    assert mailoutbox
    assert Payment.objects.count() == 0
