"""The application pages: start, edit with the budget formsets and the computed amount,
submit, withdraw, attachments, the staff queue, the completeness check and counter entry."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.review_services import committee_create, committee_member_add, conflict_declare
from subsidies.models import Application, ApplicationAttachment, ApplicationStatus, Channel
from subsidies.services import applications as services
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_programme, expense_categories, step_up
from tests.subsidies.applying import PLAN, draft, pdf, submitted

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def setup(role_users: dict[str, Any]) -> dict[str, Any]:
    return {
        "programme": create_programme(),
        "group": role_users["_group"],
        "rep": role_users["representative"],
        "member": role_users["member"],
        "staff": role_users["city_staff"],
        "other_rep": role_users["other_representative"],
        "other_group": role_users["_other_group"],
        "reviewer": role_users["reviewer"],
        "citizen": role_users["citizen"],
    }


def edit_post(programme: Any, **overrides: Any) -> dict[str, Any]:
    cats = expense_categories()
    data = {
        **PLAN,
        "starts_on": programme.project_starts_on.isoformat(),
        "ends_on": programme.project_ends_on.isoformat(),
        "schedule": "",
        "group_record": "",
        "income-TOTAL_FORMS": "2",
        "income-INITIAL_FORMS": "0",
        "income-MIN_NUM_FORMS": "0",
        "income-MAX_NUM_FORMS": "30",
        "income-0-income_kind": "subsidy",
        "income-0-amount": "125000",
        "income-1-income_kind": "own_funds",
        "income-1-amount": "145000",
        "expense-TOTAL_FORMS": "3",
        "expense-INITIAL_FORMS": "0",
        "expense-MIN_NUM_FORMS": "0",
        "expense-MAX_NUM_FORMS": "30",
        "expense-0-expense_category": cats["honoraria"].pk,
        "expense-0-amount": "100000",
        "expense-1-expense_category": cats["printing"].pk,
        "expense-1-basis": "チラシ 3,000部",
        "expense-1-amount": "150000",
        "expense-2-expense_category": cats["food"].pk,
        "expense-2-amount": "20000",
        "action": "save",
    }
    data.update(overrides)
    return data


def test_apply__creates_a_draft_and_opens_the_edit_page(client: Any, setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    client.force_login(setup["rep"])
    url = reverse("subsidies:apply", args=[programme.fiscal_year, programme.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"group": setup["group"].pk, "category": step_up(programme).pk, "title": "講座"})
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("subsidies:application-edit", args=[application.pk])
    assert application.channel == Channel.ONLINE
    assert application.created_by == setup["rep"]


def test_apply__second_application__400_nothing_written(client: Any, setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    draft(programme, setup["group"], setup["rep"])
    client.force_login(setup["rep"])
    url = reverse("subsidies:apply", args=[programme.fiscal_year, programme.slug])
    response = client.post(url, {"group": setup["group"].pk, "category": step_up(programme).pk, "title": "講座"})
    assert response.status_code == 400
    assert "すでにこの制度に申請しています" in response.content.decode()
    assert Application.objects.count() == 1


def test_apply__closed_call_or_no_group__refused(client: Any, setup: dict[str, Any]) -> None:
    now = timezone.now()
    closed = create_programme(call_opens_at=now - datetime.timedelta(days=9), call_closes_at=now)
    client.force_login(setup["rep"])
    url = reverse("subsidies:apply", args=[closed.fiscal_year, closed.slug])
    data = {"group": setup["group"].pk, "category": step_up(closed).pk, "title": "講座"}
    assert client.post(url, data).status_code == 400
    client.force_login(setup["member"])
    url = reverse("subsidies:apply", args=[setup["programme"].fiscal_year, setup["programme"].slug])
    assert client.post(url, {**data, "category": step_up(setup["programme"]).pk}).status_code == 403
    assert not Application.objects.exists()


def test_edit__saves_budget_and_shows_the_computed_amount(client: Any, setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    application = services.application_create(
        programme=programme, category=step_up(programme), group=setup["group"], actor=setup["rep"], title="講座"
    )
    client.force_login(setup["rep"])
    url = reverse("subsidies:application-edit", args=[application.pk])
    response = client.post(url, edit_post(programme))
    assert response.status_code == 302, response.content.decode()[:3000]
    application.refresh_from_db()
    assert application.eligible_cost == 250_000
    assert application.requested_amount == 125_000
    page = client.get(url).content.decode()
    assert 'id="requestable-amount">125,000' in page
    assert "申請できる額" in page or "Amount you may request" in page


@pytest.mark.parametrize("amount", ["-1", "abc", str(10**30), "1.5"])
def test_edit__bad_amount__400_nothing_written(client: Any, setup: dict[str, Any], amount: str) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    client.force_login(setup["rep"])
    url = reverse("subsidies:application-edit", args=[application.pk])
    response = client.post(url, edit_post(setup["programme"], **{"expense-0-amount": amount, "place": "変更"}))
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.place == PLAN["place"]
    assert application.budget_lines.get(expense_category__code="honoraria").amount == 100_000


def test_edit__bad_management_form__400(client: Any, setup: dict[str, Any]) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    client.force_login(setup["rep"])
    url = reverse("subsidies:application-edit", args=[application.pk])
    assert client.post(url, edit_post(setup["programme"], **{"income-TOTAL_FORMS": "-1"})).status_code == 400
    assert client.post(url, edit_post(setup["programme"], **{"expense-TOTAL_FORMS": "x"})).status_code == 400


def test_submit__confirmation_then_receipt_number(
    client: Any, setup: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    client.force_login(setup["rep"])
    url = reverse("subsidies:application-submit", args=[application.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["problems"] == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"seen_status": "draft"}, follow=True)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.receipt_number in response.content.decode()
    assert len(mailoutbox) == 1


def test_submit__problems_listed_and_refused(client: Any, setup: dict[str, Any]) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"], purpose="")
    client.force_login(setup["rep"])
    url = reverse("subsidies:application-submit", args=[application.pk])
    assert [p.code for p in client.get(url).context["problems"]] == ["required"]
    assert client.post(url, {"seen_status": "draft"}).status_code == 400
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert application.receipt_number is None


def test_submit__stale__409(client: Any, setup: dict[str, Any]) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    services.application_return(application=application, actor=setup["staff"], reason="不備")
    client.force_login(setup["rep"])
    url = reverse("subsidies:application-submit", args=[application.pk])
    assert client.post(url, {"seen_status": "draft"}).status_code == 409


def test_withdraw__confirm_and_stale(client: Any, setup: dict[str, Any]) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    client.force_login(setup["rep"])
    url = reverse("subsidies:application-withdraw", args=[application.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"seen_status": "draft"}).status_code == 409
    assert client.post(url, {"seen_status": "submitted"}).status_code == 302
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_staff__return_then_resubmit__diff_shown(
    client: Any, setup: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    client.force_login(setup["staff"])
    url = reverse("subsidies:staff-application", args=[application.pk])
    assert client.post(url, {"decision": "return", "reason": "", "seen_status": "submitted"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"decision": "return", "reason": "見積書を添付してください。", "seen_status": "submitted"}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.RETURNED
    assert any("見積書を添付してください。" in m.body for m in mailoutbox)
    client.force_login(setup["rep"])
    edit = reverse("subsidies:application-edit", args=[application.pk])
    assert client.post(edit, edit_post(setup["programme"], place="市民会館")).status_code == 302
    submit = reverse("subsidies:application-submit", args=[application.pk])
    resubmit = client.post(submit, {"seen_status": "returned"})
    assert resubmit.status_code == 302, resubmit.context["form"].errors
    client.force_login(setup["staff"])
    page = client.get(url)
    assert page.status_code == 200
    diff = page.context["diff"]
    assert any(old == "中央公民館" and new == "市民会館" for _label, old, new in diff.fields)
    assert "市民会館" in page.content.decode()
    # Stale: accepted meanwhile.
    services.application_accept(application=application, actor=setup["staff"])
    assert client.post(url, {"decision": "return", "reason": "x", "seen_status": "submitted"}).status_code == 409


def test_staff__accept(client: Any, setup: dict[str, Any]) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    client.force_login(setup["staff"])
    url = reverse("subsidies:staff-application", args=[application.pk])
    assert client.post(url, {"decision": "accept", "seen_status": "submitted"}).status_code == 302
    application.refresh_from_db()
    assert application.status == S.ACCEPTED


def test_staff_queue__filters_and_csv(client: Any, setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    first = submitted(programme, setup["group"], setup["rep"])
    draft(programme, setup["other_group"], setup["other_rep"])
    client.force_login(setup["staff"])
    url = reverse("subsidies:staff-applications", args=[programme.fiscal_year, programme.slug])
    assert len(client.get(url).context["applications"]) == 2
    assert list(client.get(url, {"status": "submitted"}).context["applications"]) == [first]
    assert list(client.get(url, {"receipt_number": first.receipt_number}).context["applications"]) == [first]
    assert client.get(url, {"requested_min": "-5"}).status_code == 400
    csv = client.get(reverse("subsidies:staff-applications-csv", args=[programme.fiscal_year, programme.slug]))
    text = csv.content.decode("utf-8-sig")
    assert first.receipt_number in text
    assert csv["Content-Type"].startswith("text/csv")


def test_counter_entry__draft_recorded_as_keyed_in(client: Any, setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    client.force_login(setup["staff"])
    url = reverse("subsidies:staff-counter", args=[programme.fiscal_year, programme.slug])
    response = client.post(
        url, {"group": setup["group"].pk, "category": step_up(programme).pk, "channel": "post", "title": "郵送の申請"}
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.entered_by_staff == setup["staff"]
    assert application.channel == Channel.POST
    edit = reverse("subsidies:application-edit", args=[application.pk])
    assert client.post(edit, edit_post(programme)).status_code == 302
    assert client.get(reverse("subsidies:application", args=[application.pk])).status_code == 200


def test_attachments__upload_download_and_access(client: Any, setup: dict[str, Any]) -> None:
    staff = setup["staff"]
    committee = committee_create(actor=staff, name="審査会", fiscal_year=2026, chair=staff)
    ends = timezone.localdate() + datetime.timedelta(days=100)
    committee_member_add(actor=staff, committee=committee, user=setup["reviewer"], kind="expert", access_ends_on=ends)
    excluded_user = UserFactory()
    committee_member_add(actor=staff, committee=committee, user=excluded_user, kind="citizen", access_ends_on=ends)
    other_member = UserFactory()
    other_committee = committee_create(actor=staff, name="別", fiscal_year=2026, chair=staff)
    committee_member_add(actor=staff, committee=other_committee, user=other_member, kind="citizen", access_ends_on=ends)
    programme = create_programme(committee=committee)
    application = draft(programme, setup["group"], setup["rep"])
    client.force_login(setup["rep"])
    add = reverse("subsidies:attachment-add", args=[application.pk])
    bad = client.post(add, {"kind": "estimate", "file": pdf("x.exe").__class__("x.exe", b"MZ...", "application/pdf")})
    assert bad.status_code == 400
    assert client.post(add, {"kind": "estimate", "file": pdf()}).status_code == 302
    attachment = ApplicationAttachment.objects.get()
    url = attachment.get_absolute_url()
    assert client.get(url).status_code == 200
    services.application_submit(application=application, actor=setup["rep"])
    services.application_accept(application=application, actor=staff)
    conflict_declare(actor=excluded_user, committee=committee, obj=application, reason="親族")
    expected = {
        setup["member"]: 200,
        staff: 200,
        setup["reviewer"]: 200,
        setup["other_rep"]: 404,
        excluded_user: 404,
        other_member: 404,
        setup["citizen"]: 404,
    }
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.logout()
    assert client.get(url).status_code == 404


def test_attachments__delete_while_editable(client: Any, setup: dict[str, Any]) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    attachment = services.attachment_add(application=application, actor=setup["rep"], kind="rules", upload=pdf())
    client.force_login(setup["rep"])
    url = reverse("subsidies:attachment-delete", args=[application.pk, attachment.pk])
    assert client.post(url).status_code == 302
    assert not ApplicationAttachment.objects.exists()


def test_detail__decision_only_once_published(client: Any, setup: dict[str, Any]) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    Application.objects.filter(pk=application.pk).update(decision_reason="地域への波及効果が高い。")
    client.force_login(setup["rep"])
    url = application.get_absolute_url()
    assert "地域への波及効果が高い。" not in client.get(url).content.decode()
    Application.objects.filter(pk=application.pk).update(decision_published_at=timezone.now())
    assert "地域への波及効果が高い。" in client.get(url).content.decode()


def test_my_applications__the_groups_applications_only(client: Any, setup: dict[str, Any]) -> None:
    mine = draft(setup["programme"], setup["group"], setup["rep"])
    draft(setup["programme"], setup["other_group"], setup["other_rep"])
    client.force_login(setup["member"])
    assert list(client.get(reverse("subsidies:my-applications")).context["applications"]) == [mine]


def test_edit__resaving_the_rendered_lines_keeps_them_and_deletes_marked_ones(
    client: Any, setup: dict[str, Any]
) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    client.force_login(setup["rep"])
    url = reverse("subsidies:application-edit", args=[application.pk])
    page = client.get(url)
    assert page.context["expense_formset"].initial_form_count() == 3
    data = edit_post(
        setup["programme"],
        **{
            "income-INITIAL_FORMS": "2",
            "income-TOTAL_FORMS": "4",
            "expense-INITIAL_FORMS": "3",
            "expense-TOTAL_FORMS": "6",
            "expense-2-DELETE": "on",
            "income-1-amount": "125000",
        },
    )
    assert client.post(url, data).status_code == 302
    lines = application.budget_lines.all()
    assert lines.filter(side="income").count() == 2
    assert lines.filter(side="expense").count() == 2
    assert not lines.filter(expense_category__code="food").exists()


def test_edit__untouched_extra_income_lines_are_left_empty(client: Any, setup: dict[str, Any]) -> None:
    """An extra income line's kind starts blank: a browser posts it empty, so an untouched
    line is ignored instead of blocking the save for want of an amount."""
    application = draft(setup["programme"], setup["group"], setup["rep"])
    client.force_login(setup["rep"])
    url = reverse("subsidies:application-edit", args=[application.pk])
    extra = client.get(url).context["income_formset"].forms[2]
    assert '<option value="" selected>' in str(extra["income_kind"])
    data = edit_post(
        setup["programme"],
        **{"income-TOTAL_FORMS": "4", "income-2-income_kind": "", "income-2-amount": "", "income-3-income_kind": ""},
    )
    assert client.post(url, data).status_code == 302
    assert application.budget_lines.filter(side="income").count() == 2
