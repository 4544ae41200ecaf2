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
