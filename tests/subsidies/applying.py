"""Helpers for the application tests: drafts and submissions made through the services."""

from __future__ import annotations

from typing import Any

from groups.models import CommunityGroup
from subsidies.models import Application, ExpenseCategory, Programme, ProgrammeCategory
from subsidies.services import applications as services
from tests.factories.subsidies import expense_categories, step_up

PLAN = {
    "title": "子ども食堂の広報事業",
    "purpose": "地域の子どもたちの居場所を広く知らせます。",
    "content": "チラシを作り、講師を招いて講座を開きます。",
    "target": "市内の子育て世帯",
    "place": "中央公民館",
    "expected_effect": "参加者が増えます。",
}


def expense(code: str, amount: int, **extra: Any) -> dict[str, Any]:
    category: ExpenseCategory = expense_categories()[code]
    return {"expense_category": category, "description": category.name, "basis": "", "amount": amount, **extra}


def income(kind: str, amount: int, description: str = "") -> dict[str, Any]:
    return {"income_kind": kind, "description": description, "amount": amount}


def balanced_budget(requested: int = 125_000) -> dict[str, list[dict[str, Any]]]:
    """250,000 yen eligible (+20,000 food): 125,000 requestable at 1/2."""
    expenses = [expense("honoraria", 100_000), expense("printing", 150_000), expense("food", 20_000)]
    total = sum(line["amount"] for line in expenses)
    return {
        "expense_lines": expenses,
        "income_lines": [income("subsidy", requested), income("own_funds", total - requested)],
    }


def draft(
    programme: Programme,
    group: CommunityGroup,
    actor: Any,
    *,
    category: ProgrammeCategory | None = None,
    budget: dict[str, Any] | None = None,
    **data: Any,
) -> Application:
    """A draft with the whole plan and a balanced budget (ready to submit)."""
    application = services.application_create(
        programme=programme, category=category or step_up(programme), group=group, actor=actor, title=PLAN["title"]
    )
    plan = {
        **PLAN,
        "starts_on": programme.project_starts_on,
        "ends_on": programme.project_ends_on,
        **data,
    }
    return services.application_save(
        application=application, actor=actor, data=plan, **(balanced_budget() if budget is None else budget)
    )


def submitted(programme: Programme, group: CommunityGroup, actor: Any, **kwargs: Any) -> Application:
    return services.application_submit(application=draft(programme, group, actor, **kwargs), actor=actor)


def representative(group: CommunityGroup) -> Any:
    return group.memberships.get(role="representative").user


def pdf(name: str = "見積書.pdf") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n", "application/pdf")


def applications_world(role_users: dict[str, Any]) -> dict[str, Any]:
    """A programme under a committee (chair: city staff; the reviewer a member), with:
    `draft`: the test group's draft (with an attachment); `accepted`: the other group's
    application accepted for review (with an attachment; the reviewer may open it);
    `excluded`: a third group's accepted application the reviewer declared a conflict on;
    `elsewhere`: an accepted application of a programme under another committee;
    `counter`: a paper application keyed in by staff for the other group."""
    import datetime

    from django.utils import timezone

    from portal.review_services import committee_create, committee_member_add, conflict_declare
    from subsidies.models import Channel
    from tests.factories.groups import create_group
    from tests.factories.portal import UserFactory
    from tests.factories.subsidies import create_programme

    staff, reviewer = role_users["city_staff"], role_users["reviewer"]
    ends = timezone.localdate() + datetime.timedelta(days=200)
    committee = committee_create(actor=staff, name="審査会", fiscal_year=2026, chair=staff)
    committee_member_add(actor=staff, committee=committee, user=reviewer, kind="expert", access_ends_on=ends)
    other_committee = committee_create(actor=staff, name="別の審査会", fiscal_year=2026, chair=staff)
    programme = create_programme(committee=committee)
    elsewhere_programme = create_programme(committee=other_committee)
    rep, other_rep = role_users["representative"], role_users["other_representative"]
    draft_application = draft(programme, role_users["_group"], rep)
    draft_attachment = services.attachment_add(application=draft_application, actor=rep, kind="estimate", upload=pdf())
    accepted = draft(programme, role_users["_other_group"], other_rep)
    accepted_attachment = services.attachment_add(application=accepted, actor=other_rep, kind="estimate", upload=pdf())
    services.application_submit(application=accepted, actor=other_rep)
    services.application_accept(application=accepted, actor=staff)
    third_rep = UserFactory()
    excluded = draft(programme, create_group(representative=third_rep), third_rep)
    excluded_attachment = services.attachment_add(application=excluded, actor=third_rep, kind="rules", upload=pdf())
    services.application_submit(application=excluded, actor=third_rep)
    services.application_accept(application=excluded, actor=staff)
    conflict_declare(actor=reviewer, committee=committee, obj=excluded, reason="知人が代表です。")
    fourth_rep = UserFactory()
    elsewhere = draft(elsewhere_programme, create_group(representative=fourth_rep), fourth_rep)
    elsewhere_attachment = services.attachment_add(application=elsewhere, actor=fourth_rep, kind="rules", upload=pdf())
    services.application_submit(application=elsewhere, actor=fourth_rep)
    services.application_accept(application=elsewhere, actor=staff)
    counter = services.application_create(
        programme=elsewhere_programme,
        category=elsewhere_programme.categories.first(),
        group=role_users["_other_group"],
        actor=staff,
        title="紙の申請",
        channel=Channel.COUNTER,
    )
    return {
        "committee": committee,
        "programme": programme,
        "elsewhere_programme": elsewhere_programme,
        "draft": draft_application,
        "draft_attachment": draft_attachment,
        "accepted": accepted,
        "accepted_attachment": accepted_attachment,
        "excluded": excluded,
        "excluded_attachment": excluded_attachment,
        "elsewhere": elsewhere,
        "elsewhere_attachment": elsewhere_attachment,
        "counter": counter,
    }
