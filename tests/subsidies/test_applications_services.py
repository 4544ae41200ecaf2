"""Application services: start, save, submit with every eligibility rule, the receipt
number, 形式審査 (accept, return), resubmission with the diff, withdrawal, counter entry."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from groups.models import CommunityGroup
from portal.models import AuditLogEntry
from subsidies.models import (
    ApplicantKind,
    Application,
    ApplicationStatus,
    BudgetLine,
    Channel,
)
from subsidies.services import applications as services
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_application, create_programme, start_up, step_up
from tests.subsidies.applying import balanced_budget, draft, expense, income, submitted

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def codes(error: ValidationError) -> set[str]:
    return (
        {e.code for e in error.error_list}
        if not hasattr(error, "error_dict")
        else {e.code for errors in error.error_dict.values() for e in errors}
    )


def refused_with(code: str, application: Application, actor: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=application, actor=actor)
    assert code in codes(caught.value), caught.value
    application.refresh_from_db()
    assert application.status in (S.DRAFT, S.RETURNED)
    assert application.versions.count() == 0 or application.status == S.RETURNED


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
    }


# --- Start -------------------------------------------------------------------------------------


def test_application_create__editor__draft_online(setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    application = services.application_create(
        programme=programme, category=step_up(programme), group=setup["group"], actor=setup["rep"], title="講座"
    )
    assert application.status == S.DRAFT
    assert application.channel == Channel.ONLINE
    assert application.created_by == setup["rep"]
    assert application.entered_by_staff is None
    assert AuditLogEntry.objects.filter(action="subsidies.application.created").count() == 1


def test_application_create__plain_member__refused(setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    with pytest.raises(PermissionDenied):
        services.application_create(
            programme=programme, category=step_up(programme), group=setup["group"], actor=setup["member"], title="x"
        )
    assert not Application.objects.exists()


def test_application_create__call_closed__refused(setup: dict[str, Any]) -> None:
    now = timezone.now()
    programme = create_programme(
        call_opens_at=now - datetime.timedelta(days=30), call_closes_at=now - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as caught:
        services.application_create(
            programme=programme, category=step_up(programme), group=setup["group"], actor=setup["rep"], title="x"
        )
    assert codes(caught.value) == {"call_closed"}
    assert not Application.objects.exists()


def test_application_create__second_application__refused(setup: dict[str, Any]) -> None:
    draft(setup["programme"], setup["group"], setup["rep"])
    with pytest.raises(ValidationError) as caught:
        draft(setup["programme"], setup["group"], setup["rep"])
    assert codes(caught.value) == {"duplicate"}
    assert Application.objects.count() == 1


def test_application_create__other_programme_category__refused(setup: dict[str, Any]) -> None:
    other = create_programme()
    with pytest.raises(ValidationError):
        services.application_create(
            programme=setup["programme"], category=step_up(other), group=setup["group"], actor=setup["rep"], title="x"
        )


# --- Save ------------------------------------------------------------------------------------


def test_application_save__computes_eligibility_and_amounts(setup: dict[str, Any]) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    assert application.eligible_cost == 250_000
    assert application.requested_amount == 125_000
    food = BudgetLine.objects.get(application=application, expense_category__code="food")
    assert food.eligible is False
    amounts = services.application_amounts(application)
    assert amounts.requestable == 125_000
    assert amounts.balanced


def test_application_save__incomplete_draft__saved(setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    application = services.application_create(
        programme=programme, category=step_up(programme), group=setup["group"], actor=setup["rep"], title="講座"
    )
    services.application_save(application=application, actor=setup["rep"], data={"purpose": "途中"})
    application.refresh_from_db()
    assert application.purpose == "途中"


@pytest.mark.parametrize("amount", [-1, 10**30, "12", 1.5, None])
def test_application_save__bad_amount__nothing_written(setup: dict[str, Any], amount: Any) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    with pytest.raises(ValidationError) as caught:
        services.application_save(
            application=application,
            actor=setup["rep"],
            data={"purpose": "変更"},
            income_lines=[income("subsidy", 1000)],
            expense_lines=[expense("printing", amount)],
        )
    assert codes(caught.value) == {"amount"}
    application.refresh_from_db()
    assert application.purpose != "変更"
    assert application.budget_lines.count() == 5


def test_application_save__period_outside_programme__refused(setup: dict[str, Any]) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    with pytest.raises(ValidationError) as caught:
        services.application_save(
            application=application,
            actor=setup["rep"],
            data={"ends_on": setup["programme"].project_ends_on + datetime.timedelta(days=1)},
        )
    assert codes(caught.value) == {"period"}


def test_application_save__other_group__refused(setup: dict[str, Any]) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    with pytest.raises(PermissionDenied):
        services.application_save(application=application, actor=setup["other_rep"], data={"purpose": "x"})


# --- Submit and the eligibility rules --------------------------------------------------------


def test_application_submit__receipt_number_version_snapshot_and_mail(
    setup: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    programme = setup["programme"]
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted(programme, setup["group"], setup["rep"])
    assert application.status == S.SUBMITTED
    assert application.receipt_number == f"{programme.fiscal_year}-{programme.code}-0001"
    assert application.version == 1
    assert application.submitted_at is not None
    version = application.versions.get()
    assert version.snapshot["fields"]["title"] == application.title
    assert len(version.snapshot["expense"]) == 3
    assert len(mailoutbox) == 1
    assert set(mailoutbox[0].to) == {setup["group"].contact_email, setup["rep"].email}
    assert application.receipt_number in mailoutbox[0].subject
    assert AuditLogEntry.objects.filter(action="subsidies.application.submitted").count() == 1


def test_application_submit__sequential_receipt_numbers(setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    first = submitted(programme, setup["group"], setup["rep"])
    second = submitted(programme, setup["other_group"], setup["other_rep"])
    assert first.receipt_number.endswith("-0001")
    assert second.receipt_number.endswith("-0002")


def test_application_submit__call_closed(setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    application = draft(programme, setup["group"], setup["rep"])
    programme.call_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    programme.call_opens_at = timezone.now() - datetime.timedelta(days=10)
    programme.save()
    refused_with("call_closed", application, setup["rep"])


def test_application_submit__unregistered_group(setup: dict[str, Any]) -> None:
    rep = UserFactory()
    group = create_group(representative=rep, registered=False)
    application = draft(setup["programme"], group, rep)
    refused_with("not_registered", application, rep)


def test_application_submit__registration_lapses_before_the_project_ends(setup: dict[str, Any]) -> None:
    group: CommunityGroup = setup["group"]
    application = draft(setup["programme"], group, setup["rep"])
    CommunityGroup.objects.filter(pk=group.pk).update(
        registered_until=setup["programme"].project_ends_on - datetime.timedelta(days=1)
    )
    application.refresh_from_db()
    refused_with("not_registered", application, setup["rep"])


def test_application_submit__unregistered_group_may_apply_to_an_open_programme(setup: dict[str, Any]) -> None:
    programme = create_programme(applicant_kind=ApplicantKind.ANY_GROUP)
    rep = UserFactory()
    group = create_group(representative=rep, registered=False)
    assert submitted(programme, group, rep).status == S.SUBMITTED


def test_application_submit__area_council_programme__other_groups_refused(setup: dict[str, Any]) -> None:
    programme = create_programme(applicant_kind=ApplicantKind.AREA_COUNCIL)
    refused_with("not_area_council", draft(programme, setup["group"], setup["rep"]), setup["rep"])


def _earlier_award(programme: Any, group: CommunityGroup, years_back: int, status: str = S.GRANTED) -> Application:
    earlier = create_programme(fiscal_year=programme.fiscal_year - years_back, slug=programme.slug)
    return create_application(earlier, group, status=status, awarded_amount=None)


def test_application_submit__first_time_only(setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    _earlier_award(programme, setup["group"], 1)
    application = draft(programme, setup["group"], setup["rep"], category=start_up(programme))
    refused_with("not_first_time", application, setup["rep"])


def test_application_submit__first_time_only__earlier_rejection_does_not_count(setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    _earlier_award(programme, setup["group"], 1, status=S.REJECTED)
    budget = {
        "expense_lines": [expense("printing", 100_000)],
        "income_lines": [income("subsidy", 100_000)],
    }
    application = draft(programme, setup["group"], setup["rep"], category=start_up(programme), budget=budget)
    assert services.application_submit(application=application, actor=setup["rep"]).status == S.SUBMITTED


def test_application_submit__years_limit(setup: dict[str, Any]) -> None:
    programme = setup["programme"]  # max_years 3
    for years_back in (1, 2, 3):
        _earlier_award(programme, setup["group"], years_back)
    refused_with("years_limit", draft(programme, setup["group"], setup["rep"]), setup["rep"])


def test_application_submit__years_limit__two_earlier_years_is_fine(setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    for years_back in (1, 2):
        _earlier_award(programme, setup["group"], years_back)
    assert submitted(programme, setup["group"], setup["rep"]).status == S.SUBMITTED


def test_application_submit__income_differs_from_expenditure(setup: dict[str, Any]) -> None:
    budget = balanced_budget()
    budget["income_lines"][1]["amount"] -= 1
    refused_with("unbalanced", draft(setup["programme"], setup["group"], setup["rep"], budget=budget), setup["rep"])


def test_application_submit__over_the_computed_amount(setup: dict[str, Any]) -> None:
    budget = balanced_budget(requested=126_000)
    refused_with(
        "over_requestable", draft(setup["programme"], setup["group"], setup["rep"], budget=budget), setup["rep"]
    )


def test_application_submit__over_the_ceiling(setup: dict[str, Any]) -> None:
    budget = {
        "expense_lines": [expense("printing", 1_000_000)],
        "income_lines": [income("subsidy", 400_000), income("own_funds", 600_000)],
    }
    refused_with("over_ceiling", draft(setup["programme"], setup["group"], setup["rep"], budget=budget), setup["rep"])


def test_application_submit__below_the_floor(setup: dict[str, Any]) -> None:
    # ステップアップ: floor 50,000; 60,000 eligible at 1/2 gives 30,000.
    budget = {
        "expense_lines": [expense("printing", 60_000)],
        "income_lines": [income("subsidy", 30_000), income("own_funds", 30_000)],
    }
    refused_with("below_floor", draft(setup["programme"], setup["group"], setup["rep"], budget=budget), setup["rep"])


def test_application_submit__no_eligible_expense(setup: dict[str, Any]) -> None:
    budget = {"expense_lines": [expense("food", 60_000)], "income_lines": [income("own_funds", 60_000)]}
    application = draft(setup["programme"], setup["group"], setup["rep"], budget=budget)
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=application, actor=setup["rep"])
    assert {"no_eligible_expense", "no_subsidy"} <= codes(caught.value)


def test_application_submit__required_fields(setup: dict[str, Any]) -> None:
    refused_with("required", draft(setup["programme"], setup["group"], setup["rep"], purpose=""), setup["rep"])


def test_application_submit__second_live_application(setup: dict[str, Any]) -> None:
    """The database allows one live application per group and programme, so the check
    is a guard: an application that is not the group's live one is refused on submit."""
    programme = setup["programme"]
    live = submitted(programme, setup["group"], setup["rep"])
    other = Application.objects.select_related("programme", "category", "group").get(pk=live.pk)
    other.pk = other.pk + 1000
    assert "duplicate" in {e.code for e in services.submission_problems(other)}
    assert "duplicate" not in {e.code for e in services.submission_problems(live)}


def test_application_submit__stale(setup: dict[str, Any]) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=application, actor=setup["rep"], expected_status=S.DRAFT)
    assert codes(caught.value) == {"stale"}


# --- 形式審査, resubmission and the diff -----------------------------------------------------


def test_return_then_resubmit__same_receipt_number_and_diff(
    setup: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    number = application.receipt_number
    with django_capture_on_commit_callbacks(execute=True):
        services.application_return(
            application=application, actor=setup["staff"], reason="見積書がありません。", expected_status=S.SUBMITTED
        )
    application.refresh_from_db()
    assert application.status == S.RETURNED
    assert application.return_reason == "見積書がありません。"
    assert "見積書がありません。" in mailoutbox[-1].body
    budget = balanced_budget(requested=120_000)
    budget["expense_lines"][1]["amount"] = 140_000
    budget["income_lines"][1]["amount"] = 270_000 - 10_000 - 120_000
    budget["expense_lines"].append(expense("travel", 0))
    services.application_save(application=application, actor=setup["rep"], data={"place": "市民会館"}, **budget)
    application = services.application_submit(application=application, actor=setup["rep"], expected_status=S.RETURNED)
    assert application.receipt_number == number
    assert application.version == 2
    assert application.return_reason == ""
    old, new = (v.snapshot for v in application.versions.order_by("number"))
    diff = services.version_diff(old, new)
    assert ("場所", "中央公民館", "市民会館") in diff.fields or any(
        f[1:] == ("中央公民館", "市民会館") for f in diff.fields
    )
    changed = {line: (before, after) for line, before, after in diff.changed}
    assert any(before == "150,000" and after == "140,000" for before, after in changed.values())
    assert any("0" in line for line in diff.added)
    assert not diff.removed


def test_return__reason_required(setup: dict[str, Any]) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    with pytest.raises(ValidationError):
        services.application_return(application=application, actor=setup["staff"], reason="  ")
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_accept__by_staff_only_and_stale(setup: dict[str, Any]) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    with pytest.raises(PermissionDenied):
        services.application_accept(application=application, actor=setup["rep"])
    services.application_accept(application=application, actor=setup["staff"], expected_status=S.SUBMITTED)
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    with pytest.raises(ValidationError) as caught:
        services.application_return(
            application=application, actor=setup["staff"], reason="x", expected_status=S.SUBMITTED
        )
    assert codes(caught.value) == {"stale"}


def test_accept__records_automatic_exclusions(setup: dict[str, Any], role_users: dict[str, Any]) -> None:
    from portal.models_review import ConflictDeclaration
    from portal.review_services import committee_create, committee_member_add

    staff = setup["staff"]
    committee = committee_create(actor=staff, name="審査会", fiscal_year=2026, chair=staff)
    ends = timezone.localdate() + datetime.timedelta(days=100)
    committee_member_add(actor=staff, committee=committee, user=setup["member"], kind="citizen", access_ends_on=ends)
    programme = create_programme(committee=committee)
    application = submitted(programme, setup["group"], setup["rep"])
    services.application_accept(application=application, actor=staff)
    assert ConflictDeclaration.objects.filter(member__user=setup["member"]).count() == 1


# --- Withdrawal ----------------------------------------------------------------------------


def test_withdraw__frees_the_place(setup: dict[str, Any]) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    services.application_withdraw(application=application, actor=setup["rep"], expected_status=S.SUBMITTED)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert draft(setup["programme"], setup["group"], setup["rep"]).status == S.DRAFT


def test_withdraw__stale_and_member_refused(setup: dict[str, Any]) -> None:
    application = submitted(setup["programme"], setup["group"], setup["rep"])
    with pytest.raises(PermissionDenied):
        services.application_withdraw(application=application, actor=setup["member"])
    with pytest.raises(ValidationError) as caught:
        services.application_withdraw(application=application, actor=setup["rep"], expected_status=S.DRAFT)
    assert codes(caught.value) == {"stale"}


# --- 窓口代行入力 --------------------------------------------------------------------------


def test_counter_entry__recorded_edited_and_submitted_by_staff(
    setup: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    programme, staff = setup["programme"], setup["staff"]
    application = services.application_create(
        programme=programme,
        category=step_up(programme),
        group=setup["other_group"],
        actor=staff,
        title="紙の申請",
        channel=Channel.COUNTER,
    )
    assert application.entered_by_staff == staff
    assert AuditLogEntry.objects.filter(action="subsidies.application.keyed_in").count() == 1
    plan = {"purpose": "p", "content": "c", "target": "t", "place": "p", "expected_effect": "e"}
    plan |= {"starts_on": programme.project_starts_on, "ends_on": programme.project_ends_on}
    services.application_save(application=application, actor=staff, data=plan, **balanced_budget())
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, actor=staff)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert setup["other_group"].contact_email in mailoutbox[0].to


def test_counter_entry__staff_cannot_edit_online_applications(setup: dict[str, Any]) -> None:
    application = draft(setup["programme"], setup["group"], setup["rep"])
    with pytest.raises(PermissionDenied):
        services.application_save(application=application, actor=setup["staff"], data={"purpose": "x"})


def test_counter_entry__not_staff__refused(setup: dict[str, Any]) -> None:
    programme = setup["programme"]
    with pytest.raises(PermissionDenied):
        services.application_create(
            programme=programme,
            category=step_up(programme),
            group=setup["group"],
            actor=setup["rep"],
            title="x",
            channel=Channel.COUNTER,
        )
