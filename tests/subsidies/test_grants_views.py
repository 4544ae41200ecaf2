"""The grants-area pages: the whole cycle through the browser's requests (decide →
publish → grant → advance → change → report → accept → confirm → refund), refusals
with a message and nothing written, and stale decisions answered 409."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import AuditLogEntry
from subsidies.models import (
    AmountConfirmation,
    Application,
    ApplicationStatus,
    ChangeRequest,
    ChangeStatus,
    ExpenseCategory,
    Grant,
    Payment,
    PaymentStatus,
    RefundStatus,
    Report,
    ReportStatus,
)
from subsidies.services import grants as services
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_programme
from tests.roles import with_totp
from tests.subsidies.grants_flow import accepted, adopted, advance_paid, granted, reported, representative, staff

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client() -> Client:
    return as_user(with_totp(staff()))


def management(prefix: str, total: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "40",
    }


def lines_post(expenses: dict[str, int], income: dict[str, int]) -> dict[str, str]:
    data = {**management("expense", len(expenses)), **management("income", len(income))}
    for i, (code, amount) in enumerate(expenses.items()):
        data[f"expense-{i}-expense_category"] = str(ExpenseCategory.objects.get(code=code).pk)
        data[f"expense-{i}-description"] = code
        data[f"expense-{i}-amount"] = str(amount)
    for i, (kind, amount) in enumerate(income.items()):
        data[f"income-{i}-income_kind"] = kind
        data[f"income-{i}-amount"] = str(amount)
    return data


def test_decisions_page__ranked_with_budget_and_forms(staff_client: Client) -> None:
    programme = create_programme(total_budget=500_000)
    first, second = accepted(programme), accepted(programme)
    services.application_decide(actor=staff(), application=first, adopt=True, amount=125_000, reason="採択")
    response = staff_client.get(reverse("subsidies:staff-decisions", args=[programme.fiscal_year, programme.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "375,000" in page  # left
    assert second.receipt_number in page
    rows = response.context["rows"]
    assert [r.application.pk for r in rows] == sorted(
        [first.pk, second.pk], key=lambda pk: Application.objects.get(pk=pk).receipt_number
    )
    assert rows[[r.application.pk for r in rows].index(second.pk)].form is not None


def test_decide_publish_and_grant_through_the_pages(
    staff_client: Client, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    programme = create_programme()
    application = accepted(programme)
    url = reverse("subsidies:staff-decide", args=[application.pk])
    assert staff_client.get(url).status_code == 200
    # Over the request: refused with the message on the form, nothing written.
    response = staff_client.post(
        url, {"decision": "adopt", "amount": "999999", "reason": "採択", "seen_status": "accepted"}
    )
    assert response.status_code == 400
    assert "cannot exceed" in response.content.decode() or "超え" in response.content.decode()
    response = staff_client.post(
        url,
        {
            "decision": "adopt",
            "amount": "100000",
            "reason": "採択",
            "assessment_reason": "減額",
            "seen_status": "accepted",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ADOPTED
    # The applicant still sees "under review" only: nothing is published.
    assert application.decision_published_at is None
    publish = reverse("subsidies:staff-decisions-publish", args=[programme.fiscal_year, programme.slug])
    assert staff_client.get(publish).status_code == 200
    assert staff_client.post(publish, {}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(publish, {"confirm": "on"}).status_code == 302
    application.refresh_from_db()
    assert application.decision_published_at is not None
    assert len(mailoutbox) >= 1
    grant_url = reverse("subsidies:staff-grant", args=[application.pk])
    page = staff_client.get(grant_url)
    assert page.status_code == 200
    suggested = page.context["form"].initial["document_number"]
    response = staff_client.post(
        grant_url,
        {
            "document_number": suggested,
            "decided_on": timezone.localdate().isoformat(),
            "amount": "100000",
            "conditions": "変更時は承認を受けること",
            "seen_status": "adopted",
        },
    )
    assert response.status_code == 302
    assert Grant.objects.get(application=application).document_number == suggested


def test_decide__stale_gives_409_and_writes_nothing(staff_client: Client) -> None:
    application = accepted()
    services.application_decide(actor=staff(), application=application, adopt=False, reason="不採択")
    before = AuditLogEntry.objects.count()
    response = staff_client.post(
        reverse("subsidies:staff-decide", args=[application.pk]),
        {"decision": "adopt", "amount": "1000", "reason": "x", "assessment_reason": "y", "seen_status": "accepted"},
    )
    assert response.status_code == 409
    assert AuditLogEntry.objects.count() == before
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED


def test_undo_through_the_page(staff_client: Client) -> None:
    application = adopted(accepted(), publish=False)
    response = staff_client.post(
        reverse("subsidies:staff-decide", args=[application.pk]), {"action": "undo", "seen_status": "adopted"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_grant__stale_409(staff_client: Client) -> None:
    application = granted()
    response = staff_client.post(
        reverse("subsidies:staff-grant", args=[application.pk]),
        {
            "document_number": "別の番号",
            "decided_on": timezone.localdate().isoformat(),
            "amount": "1000",
            "seen_status": "adopted",
        },
    )
    assert response.status_code == 409
    assert Grant.objects.filter(application=application).count() == 1


def test_advance_and_payment_pages(staff_client: Client) -> None:
    application = granted()
    rep = as_user(representative(application))
    url = reverse("subsidies:advance-request", args=[application.pk])
    assert rep.get(url).status_code == 200
    assert rep.post(url, {"amount": "70000"}).status_code == 400  # above 50% of 125,000
    assert rep.post(url, {"amount": "-5"}).status_code == 400
    assert rep.post(url, {"amount": "30000"}).status_code == 302
    payment = Payment.objects.get(application=application)
    staff_url = reverse("subsidies:staff-payment", args=[payment.pk])
    assert staff_client.get(staff_url).status_code == 200
    response = staff_client.post(staff_url, {"decision": "pay", "paid_on": "9999-12-31", "seen_status": "requested"})
    assert response.status_code == 400
    response = staff_client.post(
        staff_url, {"decision": "pay", "paid_on": timezone.localdate().isoformat(), "seen_status": "requested"}
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    response = staff_client.post(staff_url, {"decision": "refuse", "note": "x", "seen_status": "requested"})
    assert response.status_code == 409


def test_change_pages__minor_notified_and_major_approved(staff_client: Client) -> None:
    application = granted()
    rep = as_user(representative(application))
    url = reverse("subsidies:change-request", args=[application.pk])
    page = rep.get(url)
    assert page.status_code == 200
    assert page.context["expense_formset"].initial  # prefilled with the plan
    unbalanced = {"reason": "見直し", **lines_post({"honoraria": 100_000}, {"own_funds": 90_000})}
    assert rep.post(url, unbalanced).status_code == 400
    assert not ChangeRequest.objects.exists()
    minor = {
        "reason": "講師謝礼の見直し",
        **lines_post(
            {"honoraria": 110_000, "printing": 150_000, "food": 20_000}, {"subsidy": 125_000, "own_funds": 155_000}
        ),
    }
    assert rep.post(url, minor).status_code == 302
    assert ChangeRequest.objects.get().status == ChangeStatus.NOTIFIED
    major = {
        "reason": "印刷を増やす",
        **lines_post(
            {"honoraria": 110_000, "printing": 250_000, "food": 20_000}, {"subsidy": 125_000, "own_funds": 255_000}
        ),
    }
    assert rep.post(url, major).status_code == 302
    change = ChangeRequest.objects.get(status=ChangeStatus.REQUESTED)
    staff_url = reverse("subsidies:staff-change", args=[change.pk])
    page = staff_client.get(staff_url)
    assert page.status_code == 200
    assert any(str(row["percent"]) == "66.7" for row in page.context["comparison"])
    assert (
        staff_client.post(staff_url, {"decision": "refuse", "reason": "", "seen_status": "requested"}).status_code
        == 400
    )
    assert staff_client.post(staff_url, {"decision": "approve", "seen_status": "requested"}).status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert (
        staff_client.post(staff_url, {"decision": "refuse", "reason": "x", "seen_status": "requested"}).status_code
        == 409
    )


def test_change_withdraw_page() -> None:
    application = granted()
    rep = as_user(representative(application))
    url = reverse("subsidies:change-request", args=[application.pk])
    major = {
        "reason": "保険",
        **lines_post(
            {"honoraria": 100_000, "printing": 150_000, "food": 20_000, "insurance": 5000},
            {"subsidy": 125_000, "own_funds": 150_000},
        ),
    }
    assert rep.post(url, major).status_code == 302
    assert rep.post(url, {"action": "withdraw", "seen_status": "requested"}).status_code == 302
    assert ChangeRequest.objects.get().status == ChangeStatus.WITHDRAWN
    assert rep.post(url, {"action": "withdraw", "seen_status": "requested"}).status_code == 400


def test_report_pages__draft_submit_upload_and_staff_decision(
    staff_client: Client, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    application = granted()
    rep = as_user(representative(application))
    url = reverse("subsidies:report", args=[application.pk])
    page = rep.get(url)
    assert page.status_code == 200
    body = {
        "what_was_done": "講座を開いた",
        "participants": "40",
        "summary": "講座を開きました。",
        "seen_status": "draft",
        **lines_post({"honoraria": 90_000}, {"subsidy": 60_000, "own_funds": 20_000}),
    }
    response = rep.post(url, {**body, "action": "submit"})
    assert response.status_code == 400  # 80,000 income for 90,000 expenditure
    assert not Report.objects.filter(status=ReportStatus.SUBMITTED).exists()
    assert rep.post(url, {**body, "action": "save"}).status_code == 302
    assert Report.objects.get().status == ReportStatus.DRAFT
    upload = rep.post(
        url,
        {"action": "upload", "kind": "receipt", "file": SimpleUploadedFile("r.pdf", b"%PDF-1.4\n", "application/pdf")},
    )
    assert upload.status_code == 302
    bad = rep.post(
        url, {"action": "upload", "kind": "photo", "file": SimpleUploadedFile("x.txt", b"hello", "text/plain")}
    )
    assert bad.status_code == 400
    body.update(lines_post({"honoraria": 90_000}, {"subsidy": 60_000, "own_funds": 30_000}))
    assert rep.post(url, {**body, "action": "submit"}).status_code == 302
    report = Report.objects.get()
    assert report.status == ReportStatus.SUBMITTED
    assert rep.get(url).status_code == 200  # read-only now
    staff_url = reverse("subsidies:staff-report", args=[report.pk])
    assert "r.pdf" in staff_client.get(staff_url).content.decode()
    assert (
        staff_client.post(staff_url, {"decision": "return", "reason": "", "seen_status": "submitted"}).status_code
        == 400
    )
    assert staff_client.post(staff_url, {"decision": "accept", "seen_status": "submitted"}).status_code == 302
    assert staff_client.post(staff_url, {"decision": "accept", "seen_status": "submitted"}).status_code == 409


def test_confirm_and_refund_pages(staff_client: Client) -> None:
    application = granted()
    advance_paid(application, 60_000)
    reported(application, {"honoraria": 80_000, "printing": 20_000})
    url = reverse("subsidies:staff-confirm", args=[application.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    assert page.context["figures"].refund == 10_000
    number = page.context["form"].initial["document_number"]
    data = {"document_number": number, "confirmed_on": timezone.localdate().isoformat(), "seen_status": "granted"}
    assert staff_client.post(url, data).status_code == 302
    confirmation = AmountConfirmation.objects.get()
    assert confirmation.refund_status == RefundStatus.DUE
    assert staff_client.post(url, data).status_code == 409
    refund_url = reverse("subsidies:staff-refunded", args=[confirmation.pk])
    assert staff_client.get(refund_url).status_code == 200
    assert staff_client.post(refund_url, {"refunded_on": "2026-02-30", "seen_status": "due"}).status_code == 400
    ok = {"refunded_on": timezone.localdate().isoformat(), "seen_status": "due"}
    assert staff_client.post(refund_url, ok).status_code == 302
    assert staff_client.post(refund_url, ok).status_code == 409
    confirmation.refresh_from_db()
    assert confirmation.refund_status == RefundStatus.REFUNDED


def test_overdue_list(staff_client: Client) -> None:
    late = granted(programme=create_programme(report_due_on=timezone.localdate().replace(year=2026, month=4, day=1)))
    granted(programme=create_programme())
    response = staff_client.get(reverse("subsidies:staff-reports-overdue"))
    assert response.status_code == 200
    assert [a.pk for a in response.context["applications"]] == [late.pk]


def test_includes__applicant_sees_under_review_until_published() -> None:
    from django.template.loader import render_to_string

    application = adopted(accepted(), publish=False)
    html = render_to_string("subsidies/includes/application_after_decision.html", {"application": application})
    assert "審査中" in html
    assert "採択" not in html.replace("不採択", "")
    granted_app = granted()
    advance_paid(granted_app, 10_000)
    context = {"application": granted_app, "user": representative(granted_app)}
    html = render_to_string("subsidies/includes/application_after_decision.html", context)
    assert reverse("subsidies:grant-pdf", args=[granted_app.pk]) in html
    assert reverse("subsidies:advance-request", args=[granted_app.pk]) in html
    # A plain member sees the grant, not the links to act for the group.
    from groups.services import membership_add

    member = UserFactory()
    membership_add(group=granted_app.group, user=member, role="member", actor=None)
    html = render_to_string("subsidies/includes/application_after_decision.html", {**context, "user": member})
    assert reverse("subsidies:grant-pdf", args=[granted_app.pk]) in html
    assert reverse("subsidies:advance-request", args=[granted_app.pk]) not in html
    staff_html = render_to_string(
        "subsidies/includes/staff_application_after_decision.html", {"application": granted_app}
    )
    assert reverse("subsidies:staff-payment", args=[Payment.objects.get().pk]) in staff_html


def test_decisions_page__paginated_with_global_ranks(staff_client: Client, monkeypatch: Any) -> None:
    from subsidies.views.grants import StaffDecisionsView

    monkeypatch.setattr(StaffDecisionsView, "paginate_by", 2)
    programme = create_programme()
    apps = [accepted(programme) for _ in range(3)]
    url = reverse("subsidies:staff-decisions", args=[programme.fiscal_year, programme.slug])
    second = staff_client.get(url, {"page": "2"})
    assert second.status_code == 200
    assert [(r.rank, r.application.pk) for r in second.context["rows"]] == [(3, apps[2].pk)]
    assert second.context["undecided"] == 3
    assert staff_client.get(url, {"page": "x"}).status_code == 200


def test_decisions_page__cached_ranking_follows_a_decision(staff_client: Client) -> None:
    """The ranking's rows are cached (per programme, rows and language): a decision
    shows at once, in each language."""
    programme = create_programme(total_budget=5_000_000)
    application = accepted(programme)
    url = reverse("subsidies:staff-decisions", args=[programme.fiscal_year, programme.slug])
    amount = f"{application.requested_amount:,}"
    with translation.override("en"):
        english = f"{ApplicationStatus.ADOPTED.label}: {amount}"
    japanese = f"{ApplicationStatus.ADOPTED.label}: {amount}"
    for _ in range(2):  # the second from the cache
        assert japanese not in staff_client.get(url).content.decode()
        assert english not in staff_client.get("/en" + url).content.decode()
    services.application_decide(
        actor=staff(), application=application, adopt=True, amount=application.requested_amount, reason="採択"
    )
    assert japanese in staff_client.get(url).content.decode()
    assert english in staff_client.get("/en" + url).content.decode()
