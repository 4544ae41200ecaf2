"""Subsidy programmes and applications in the states a test needs.

`create_programme` builds this fiscal year's 市民活動応援補助金 with an open call and two
categories (スタートアップ: first-time only, ¥100,000 at 10/10; ステップアップ: ¥300,000 at
1/2). `create_application` writes an application and its planned budget straight to
the database in the status asked for (tests of the services build theirs through them).
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from groups.models import CommunityGroup
from portal.dates import fiscal_year, fiscal_year_range
from subsidies.amounts import round_down
from subsidies.demo import EXPENSE_CATEGORIES
from subsidies.demo import expense_categories as demo_expense_categories
from subsidies.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    BudgetSide,
    BudgetStage,
    ExpenseCategory,
    IncomeKind,
    Programme,
    ProgrammeCategory,
)

_counter = itertools.count(1)

EXPENSES = EXPENSE_CATEGORIES  # (code, name, English name, paid for by the programmes)


def expense_categories() -> dict[str, ExpenseCategory]:
    return demo_expense_categories()


def create_programme(**overrides: Any) -> Programme:
    """An open programme of this fiscal year with スタートアップ and ステップアップ部門."""
    n = next(_counter)
    now = timezone.now()
    year = overrides.pop("fiscal_year", fiscal_year(timezone.localdate()))
    start, end = fiscal_year_range(year)
    data: dict[str, Any] = {
        "fiscal_year": year,
        "slug": f"oen-{n}",
        "code": f"OEN{n}",
        "name": "市民活動応援補助金",
        "name_en": "Civic Activity Support Subsidy",
        "purpose": "市民活動団体が新たに取り組む公益的な事業を応援します。",
        "total_budget": 1_000_000,
        "call_opens_at": now - datetime.timedelta(days=7),
        "call_closes_at": now + datetime.timedelta(days=21),
        "project_starts_on": start,
        "project_ends_on": end,
        "report_due_on": end + datetime.timedelta(days=30),
        "max_years": 3,
        "advance_max_percent": 50,
        "ineligible_note": "飲食費、団体の運営費",
    }
    data.update(overrides)
    programme = Programme.objects.create(**data)
    expenses = expense_categories()
    programme.eligible_expenses.set([expenses[code] for code, *_rest, eligible in EXPENSES if eligible])
    ProgrammeCategory.objects.create(
        programme=programme,
        name="スタートアップ部門",
        name_en="Start-up",
        rate_numerator=1,
        rate_denominator=1,
        ceiling=100_000,
        first_time_only=True,
        order=0,
    )
    ProgrammeCategory.objects.create(
        programme=programme,
        name="ステップアップ部門",
        name_en="Step-up",
        rate_numerator=1,
        rate_denominator=2,
        ceiling=300_000,
        floor=50_000,
        order=1,
    )
    return programme


def step_up(programme: Programme) -> ProgrammeCategory:
    return programme.categories.get(first_time_only=False)


def start_up(programme: Programme) -> ProgrammeCategory:
    return programme.categories.get(first_time_only=True)


def create_application(
    programme: Programme,
    group: CommunityGroup,
    *,
    status: str = ApplicationStatus.DRAFT,
    category: ProgrammeCategory | None = None,
    expenses: tuple[tuple[str, int], ...] = (("honoraria", 100_000), ("printing", 150_000), ("food", 20_000)),
    **overrides: Any,
) -> Application:
    """An application with a balanced planned budget: the listed expense lines, the
    requested amount (rate × eligible cost, capped, rounded down) as subsidy income and
    the rest as own funds."""
    category = category or step_up(programme)
    cats = expense_categories()
    eligible_ids = set(programme.eligible_expenses.values_list("pk", flat=True))
    eligible_cost = sum(amount for code, amount in expenses if cats[code].pk in eligible_ids)
    requested = min(round_down(eligible_cost * category.rate, category.rounding_unit), category.ceiling)
    total = sum(amount for _code, amount in expenses)
    data: dict[str, Any] = {
        "programme": programme,
        "category": category,
        "group": group,
        "status": status,
        "title": f"子ども食堂の広報事業{next(_counter)}",
        "purpose": "地域の子どもたちの居場所を広く知らせます。",
        "content": "チラシを作り、講師を招いて講座を開きます。",
        "target": "市内の子育て世帯",
        "place": "中央公民館",
        "starts_on": programme.project_starts_on,
        "ends_on": programme.project_ends_on,
        "eligible_cost": eligible_cost,
        "requested_amount": requested,
    }
    if status != ApplicationStatus.DRAFT:
        data.setdefault("submitted_at", timezone.now())
        data.setdefault("version", 1)
        data.setdefault(
            "receipt_number", f"{programme.fiscal_year}-{programme.code}-{programme.pk:03d}{next(_counter):04d}"
        )
    data.update(overrides)
    application = Application.objects.create(**data)
    lines = [
        BudgetLine(
            application=application,
            stage=BudgetStage.PLAN,
            side=BudgetSide.EXPENSE,
            expense_category=cats[code],
            description=cats[code].name,
            amount=amount,
            eligible=cats[code].pk in eligible_ids,
            order=i,
        )
        for i, (code, amount) in enumerate(expenses)
    ]
    lines.append(
        BudgetLine(
            application=application,
            stage=BudgetStage.PLAN,
            side=BudgetSide.INCOME,
            income_kind=IncomeKind.SUBSIDY,
            amount=requested,
            order=0,
        )
    )
    if total - requested:
        lines.append(
            BudgetLine(
                application=application,
                stage=BudgetStage.PLAN,
                side=BudgetSide.INCOME,
                income_kind=IncomeKind.OWN_FUNDS,
                amount=total - requested,
                order=1,
            )
        )
    BudgetLine.objects.bulk_create(lines)
    return application
