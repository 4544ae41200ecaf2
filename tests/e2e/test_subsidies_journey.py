"""Subsidies in a real browser, with axe-core on every new page (signed in and not): a
group applies and sees the computed amount before submitting; staff return it, the group
corrects and resubmits, staff see the diff and accept it; three committee members score
(one excluded: he belongs to the group); the chair closes scoring and reads the ranked
summary; staff award within the budget and publish; the grant is decided, the group
downloads its 交付決定通知書, asks for an advance that staff pay, files its 実績報告 below
the plan; staff accept it and confirm an amount below the award with a refund due; the
result is on the public results page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from portal.models import User
from subsidies.models import Application, ApplicationStatus, Payment, RefundStatus, ReportStatus
from subsidies.services import applications as application_services
from tests.e2e.conftest import check_accessibility, login_as
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_programme, expense_categories, step_up
from tests.subsidies.applying import submitted
from tests.subsidies.screening_setup import create_committee

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def ja(message: str, context: str = "") -> str:
    """The Japanese the pages show for `message` (the catalogue is the source of truth)."""
    with translation.override("ja"):
        return pgettext(context, message) if context else gettext(message)


def with_totp(user: User) -> User:
    """Staff must use two factors (STAFF_MFA_REQUIRED is on in the tests)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())
    return User.objects.get(pk=user.pk)


def visit(page: Any, live_server: Any, path: str) -> Any:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None, path
    assert response.status == 200, (path, response.status)
    check_accessibility(page)
    return response


def fill_budget(page: Any, *, income: list[tuple[str, int]], expense: list[tuple[str, int]]) -> None:
    """The application's budget formsets (prefixes income / expense)."""
    cats = expense_categories()
    for i, (kind, amount) in enumerate(income):
        page.locator(f"[name=income-{i}-income_kind]").select_option(kind)
        page.locator(f"[name=income-{i}-amount]").fill(str(amount))
    for i, (code, amount) in enumerate(expense):
        page.locator(f"[name=expense-{i}-expense_category]").select_option(str(cats[code].pk))
        page.locator(f"[name=expense-{i}-description]").fill(cats[code].name)
        page.locator(f"[name=expense-{i}-amount]").fill(str(amount))


def score_all(page: Any, points: int, comment: str) -> None:
    for field in page.locator("input[name^=score_]").all():
        field.fill(str(points))
    for field in page.locator("[name^=comment_]").all():
        field.fill(comment)
    page.locator("[name=overall_comment]").fill(comment)
    page.get_by_role("button", name=ja("Save my scores")).click()
    page.locator(".alert-success").first.wait_for()


def test_apply_review_award_grant_report_confirm_publish(page: Any, live_server: Any) -> None:
    today = timezone.localdate()
    rep = UserFactory(email="rep@example.jp", full_name="代表 花子", relationship="resident")
    m1 = UserFactory(email="m1@example.jp", full_name="委員 一郎")
    m2 = UserFactory(email="m2@example.jp", full_name="委員 二郎")
    m3 = UserFactory(email="m3@example.jp", full_name="委員 三郎")
    group = create_group(
        representative=rep, members=(m3,), name="みどり子ども食堂の会", name_kana="ミドリコドモショクドウノカイ"
    )
    staff = with_totp(reviewing_staff())
    committee = create_committee(chair=staff, members=[m1, m2, m3])
    programme = create_programme(committee=committee, public_screening=True, total_budget=200_000)
    year, slug = programme.fiscal_year, programme.slug
    # Another group's application, accepted for review (built through the services).
    other_rep = UserFactory(email="other@example.jp")
    other_group = create_group(representative=other_rep, name="里山を守る会", name_kana="サトヤマヲマモルカイ")
    other = submitted(programme, other_group, other_rep, title="里山の散策会")
    application_services.application_accept(application=other, actor=staff)

    # Anyone finds the programme.
    visit(page, live_server, "/subsidies/")
    page.get_by_role("link", name=programme.name).first.click()
    page.wait_for_url(f"**/subsidies/{year}/{slug}/")
    check_accessibility(page)
    visit(page, live_server, "/subsidies/outside-grants/")

    # 1. The representative applies, sees the amount he may request, and submits.
    login_as(page, live_server, rep)
    visit(page, live_server, "/subsidies/")
    visit(page, live_server, f"/subsidies/{year}/{slug}/")
    page.locator(f'main a[href$="/subsidies/{year}/{slug}/apply/"]').first.click()
    check_accessibility(page)
    page.get_by_label(step_up(programme).name).check()
    page.locator("[name=title]").fill("子ども食堂の広報事業")
    page.get_by_role("button", name=ja("Start the application")).click()
    page.wait_for_url("**/edit/")
    check_accessibility(page)
    application = Application.objects.get(group=group)
    page.locator("[name=purpose]").fill("地域の子どもたちの居場所を広く知らせます。")
    page.locator("[name=content]").fill("チラシを作り、講師を招いて講座を開きます。")
    page.locator("[name=target]").fill("市内の子育て世帯")
    page.locator("[name=place]").fill("中央公民館")
    page.locator("[name=starts_on]").fill(programme.project_starts_on.isoformat())
    page.locator("[name=ends_on]").fill(programme.project_ends_on.isoformat())
    page.locator("[name=expected_effect]").fill("参加者が増えます。")
    fill_budget(
        page,
        income=[("subsidy", 125_000), ("own_funds", 145_000)],
        expense=[("honoraria", 100_000), ("printing", 150_000), ("food", 20_000)],
    )
    page.get_by_role("button", name=ja("Save and recalculate")).click()
    page.locator(".alert-success").first.wait_for()
    # 250,000 yen eligible (food is not) at 1/2: 125,000 yen may be requested.
    assert page.locator("#requestable-amount").inner_text().startswith("125,000")
    assert page.locator("#requested-amount").inner_text().startswith("125,000")
    check_accessibility(page)
    page.get_by_role("button", name=ja("Save and go to submission")).click()
    page.wait_for_url("**/submit/")
    check_accessibility(page)
    assert page.locator("#submission-problems").count() == 0
    assert page.locator("#requestable-amount").inner_text().startswith("125,000")
    page.get_by_role("button", name=ja("Submit the application")).click()
    page.wait_for_url(f"**/subsidies/applications/{application.pk}/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.receipt_number
    assert application.receipt_number in page.locator(".alert-success").first.inner_text()
    check_accessibility(page)
    visit(page, live_server, "/subsidies/applications/")
    assert page.get_by_role("link", name=application.title).count() == 1

    # 2. Staff return it with a reason; the group corrects and resubmits; staff see the
    # difference and accept it.
    login_as(page, live_server, staff)
    visit(page, live_server, f"/staff/subsidies/{year}/{slug}/applications/")
    page.get_by_role("link", name=application.title).first.click()
    page.wait_for_url(f"**/staff/subsidies/applications/{application.pk}/")
    check_accessibility(page)
    page.get_by_label(ja("Return for correction", "completeness check"), exact=True).check()
    page.locator("[name=reason]").fill("印刷製本費の見積書と金額が合いません。")
    page.get_by_role("button", name=ja("Record the result")).click()
    page.locator(".alert-success").first.wait_for()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RETURNED

    login_as(page, live_server, rep)
    visit(page, live_server, f"/subsidies/applications/{application.pk}/")
    assert "印刷製本費の見積書と金額が合いません。" in page.locator("main").inner_text()
    visit(page, live_server, f"/subsidies/applications/{application.pk}/edit/")
    page.locator("[name=expense-1-amount]").fill("160000")
    page.locator("[name=income-1-amount]").fill("155000")
    page.get_by_role("button", name=ja("Save and go to submission")).click()
    page.wait_for_url("**/submit/")
    page.get_by_role("button", name=ja("Submit the application")).click()
    page.wait_for_url(f"**/subsidies/applications/{application.pk}/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    login_as(page, live_server, staff)
    visit(page, live_server, f"/staff/subsidies/applications/{application.pk}/")
    diff = page.locator("#version-diff").inner_text()
    assert "150,000" in diff
    assert "160,000" in diff
    page.get_by_label(ja("Accept for review", "completeness check"), exact=True).check()
    page.get_by_role("button", name=ja("Record the result")).click()
    page.locator(".alert-success").first.wait_for()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED

    # 3. The chair opens scoring; two members score both applications, the third is
    # excluded from his own group's; the chair closes scoring and reads the summary.
    visit(page, live_server, "/review/")
    visit(page, live_server, f"/review/{committee.pk}/manage/")
    page.get_by_role("button", name=ja("Open scoring")).click()
    page.get_by_role("button", name=ja("Close scoring")).wait_for()
    ours = reverse("portal:review-committee", args=[committee.pk])
    for member, points in ((m1, 5), (m2, 4), (m3, 3)):
        login_as(page, live_server, member)
        visit(page, live_server, "/review/")
        page.get_by_role("link", name=committee.name).click()
        page.wait_for_url(f"**{ours}")
        check_accessibility(page)
        mine = page.get_by_role("link", name=application.title)
        if member == m3:
            assert mine.count() == 0
            object_url = reverse(
                "portal:review-object", args=[committee.pk, _content_type(application), application.pk]
            )
            response = page.goto(f"{live_server.url}{object_url}")
            assert response is not None
            assert response.status == 404
        else:
            mine.click()
            check_accessibility(page)
            score_all(page, points, "よい事業です。")
            check_accessibility(page)
        page.goto(f"{live_server.url}{ours}")
        page.get_by_role("link", name=other.title).click()
        score_all(page, 2, "計画が曖昧です。")

    login_as(page, live_server, staff)
    visit(page, live_server, f"/review/{committee.pk}/")
    visit(page, live_server, f"/review/{committee.pk}/manage/")
    page.get_by_role("button", name=ja("Close scoring")).click()
    page.get_by_text(ja("Scoring is closed.")).wait_for()
    check_accessibility(page)
    visit(page, live_server, f"/review/{committee.pk}/summary/")
    rows = page.locator("main table tbody tr")
    assert application.title in rows.first.inner_text()
    # 公開審査: staff publish the scores on the public screening page.
    visit(page, live_server, f"/staff/subsidies/{year}/{slug}/presentations/")
    page.get_by_role("button", name=ja("Publish the results"), exact=True).click()
    page.get_by_text(ja("The results are published.")).wait_for()
    check_accessibility(page)

    # 4. Staff decide within the budget and publish the decisions together.
    visit(page, live_server, f"/staff/subsidies/{year}/{slug}/decisions/")
    ours_form = page.locator(f"section[aria-labelledby=decide-{application.pk}]")
    ours_form.get_by_label(ja("Adopt", "subsidy decision"), exact=True).check()
    ours_form.locator("[name=amount]").fill("125000")
    ours_form.locator("[name=reason]").fill("公益性が高く、計画が具体的です。")
    ours_form.get_by_role("button", name=ja("Save the decision")).click()
    page.locator(".alert-success").first.wait_for()
    # 75,000 yen are left: the other group's 125,000 yen do not fit.
    page.goto(f"{live_server.url}/staff/subsidies/{year}/{slug}/decisions/")
    theirs = page.locator(f"section[aria-labelledby=decide-{other.pk}]")
    theirs.get_by_label(ja("Adopt", "subsidy decision"), exact=True).check()
    theirs.locator("[name=amount]").fill("125000")
    theirs.locator("[name=reason]").fill("公益性があります。")
    theirs.get_by_role("button", name=ja("Save the decision")).click()
    over = ja("This award would exceed the programme's budget: %(left)s yen is left of %(total)s yen.")
    page.get_by_text(over % {"left": "75,000", "total": "200,000"}).first.wait_for()
    check_accessibility(page)
    other.refresh_from_db()
    assert other.status == ApplicationStatus.ACCEPTED
    page.goto(f"{live_server.url}/staff/subsidies/{year}/{slug}/decisions/")
    theirs = page.locator(f"section[aria-labelledby=decide-{other.pk}]")
    theirs.get_by_label(ja("Do not adopt", "subsidy decision"), exact=True).check()
    theirs.locator("[name=reason]").fill("予算の範囲で、評価の高い事業を採択しました。")
    theirs.get_by_role("button", name=ja("Save the decision")).click()
    page.locator(".alert-success").first.wait_for()
    check_accessibility(page)
    page.get_by_role("link", name=ja("Publish the decisions")).click()
    check_accessibility(page)
    page.locator("[name=confirm]").check()
    page.get_by_role("button", name=ja("Publish"), exact=True).click()
    page.locator(".alert-success").first.wait_for()
    application.refresh_from_db()
    other.refresh_from_db()
    assert application.decision_published_at
    assert other.decision_published_at
    assert (application.status, application.awarded_amount, other.status) == ("adopted", 125_000, "rejected")

    # The grant (交付決定).
    page.get_by_role("link", name=f"{ja('Decide the grant')} {application.receipt_number}").click()
    page.wait_for_url("**/grant/")
    check_accessibility(page)
    if not page.locator("[name=document_number]").input_value():
        page.locator("[name=document_number]").fill("み市協第1号")
    page.locator("[name=decided_on]").fill(today.isoformat())
    page.get_by_role("button", name=ja("Decide the grant")).click()
    page.locator(".alert-success").first.wait_for()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.GRANTED

    # The group downloads its notice and asks for an advance.
    login_as(page, live_server, rep)
    visit(page, live_server, f"/subsidies/applications/{application.pk}/")
    notice = page.get_by_role("link", name=ja("Notice of the grant decision (PDF)"))
    pdf = page.request.get(f"{live_server.url}{notice.get_attribute('href')}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    page.get_by_role("link", name=ja("Request an advance")).click()
    check_accessibility(page)
    page.locator("[name=amount]").fill("60000")
    page.get_by_role("button", name=ja("Send the request")).click()
    page.locator(".alert-success").first.wait_for()
    payment = Payment.objects.get(application=application)

    login_as(page, live_server, staff)
    visit(page, live_server, f"/staff/subsidies/payments/{payment.pk}/")
    page.get_by_label(ja("Paid", "advance payment decision"), exact=True).check()
    page.locator("[name=paid_on]").fill(today.isoformat())
    page.get_by_role("button", name=ja("Save"), exact=True).click()
    page.locator(".alert-success").first.wait_for()
    payment.refresh_from_db()
    assert payment.status == "paid"

    # The group files its report (実績報告): less was spent than planned.
    login_as(page, live_server, rep)
    visit(page, live_server, f"/subsidies/applications/{application.pk}/report/")
    page.locator("[name=what_was_done]").fill("講座を2回開き、チラシを500部配りました。")
    page.locator("[name=participants]").fill("40")
    page.locator("[name=outcomes]").fill("子育て世帯の参加が増えました。")
    page.locator("[name=self_evaluation]").fill("講座を1回減らしました。")
    page.locator("[name=summary]").fill("子ども食堂の広報講座を2回開催しました。")
    # 110,000 yen eligible at 1/2: 55,000 yen, below the 125,000 awarded.
    fill_budget(
        page,
        income=[("subsidy", 55_000), ("own_funds", 65_000)],
        expense=[("honoraria", 60_000), ("printing", 50_000), ("food", 10_000)],
    )
    page.get_by_role("button", name=ja("Submit the report")).click()
    page.locator(".alert-success").first.wait_for()
    check_accessibility(page)
    report = application.report
    assert report.status == ReportStatus.SUBMITTED

    # Staff accept it and confirm the amount: 55,000 yen, 5,000 yen to return.
    login_as(page, live_server, staff)
    visit(page, live_server, f"/staff/subsidies/reports/{report.pk}/")
    page.get_by_label(ja("Accept", "report decision"), exact=True).check()
    page.get_by_role("button", name=ja("Save the decision")).click()
    page.locator(".alert-success").first.wait_for()
    page.get_by_role("link", name=ja("Confirm the final amount")).first.click()
    page.wait_for_url("**/confirm/")
    check_accessibility(page)
    if not page.locator("[name=document_number]").input_value():
        page.locator("[name=document_number]").fill("み市協第2号")
    page.locator("[name=confirmed_on]").fill(today.isoformat())
    page.get_by_role("button", name=ja("Confirm the amount")).click()
    page.locator(".alert-success").first.wait_for()
    check_accessibility(page)
    application.refresh_from_db()
    confirmation = application.confirmation
    assert (application.status, confirmation.amount) == (ApplicationStatus.CONFIRMED, 55_000)
    assert (confirmation.refund_due, confirmation.refund_status) == (5_000, RefundStatus.DUE)

    # The group sees the refund due; the result is public.
    login_as(page, live_server, rep)
    visit(page, live_server, f"/subsidies/applications/{application.pk}/")
    assert "5,000" in page.locator(".alert-warning").last.inner_text()
    notice = page.get_by_role("link", name=ja("Notice of the confirmed amount (PDF)"))
    pdf = page.request.get(f"{live_server.url}{notice.get_attribute('href')}")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    visit(page, live_server, f"/subsidies/results/{year}/")
    visit(page, live_server, "/subsidies/outside-grants/")
    page.context.clear_cookies()
    visit(page, live_server, f"/subsidies/results/{year}/")
    results = page.locator("main").inner_text()
    assert group.name in results
    assert application.title in results
    assert "55,000" in results
    assert other_group.name not in results
    visit(page, live_server, f"/subsidies/{year}/{slug}/screening/")
    visit(page, live_server, "/subsidies/")
    visit(page, live_server, f"/subsidies/{year}/{slug}/")


def _content_type(obj: Any) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk
