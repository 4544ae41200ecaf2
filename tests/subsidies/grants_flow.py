"""Helpers for the grants-area tests: an application taken through the services from
the decision to the final amount (decide → publish → grant → advance → report →
accept → confirm)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from groups.models import CommunityGroup
from portal.models import User
from subsidies.models import Application, ApplicationStatus, BudgetSide, Payment, Programme, Report
from subsidies.services import grants as services
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_application, create_programme, expense_categories


def staff() -> User:
    return reviewing_staff()


def accepted(programme: Programme | None = None, group: CommunityGroup | None = None, **kwargs: Any) -> Application:
    programme = programme or create_programme()
    group = group or create_group(representative=UserFactory())
    return create_application(programme, group, status=ApplicationStatus.ACCEPTED, **kwargs)


def representative(application: Application) -> User:
    return application.group.memberships.get(role="representative").user


def adopted(application: Application, amount: int | None = None, *, publish: bool = True) -> Application:
    actor = staff()
    amount = application.requested_amount if amount is None else amount
    application = services.application_decide(
        actor=actor,
        application=application,
        adopt=True,
        amount=amount,
        reason="公益性が高い事業です。",
        assessment_reason="" if amount == application.requested_amount else "印刷費を減額しました。",
    )
    if publish:
        others = Application.objects.filter(programme=application.programme, status=ApplicationStatus.ACCEPTED)
        for other in others:
            services.application_decide(actor=actor, application=other, adopt=False, reason="予算の都合です。")
        services.decisions_publish(actor=actor, programme=application.programme)
        application.refresh_from_db()
    return application


def granted(application: Application | None = None, **kwargs: Any) -> Application:
    application = adopted(application or accepted(**kwargs))
    services.grant_decide(
        actor=staff(),
        application=application,
        document_number=services.document_number_suggest(),
        decided_on=timezone.localdate(),
    )
    application.refresh_from_db()
    return application


def advance_paid(application: Application, amount: int) -> Payment:
    payment = services.payment_request(actor=representative(application), application=application, amount=amount)
    return services.payment_pay(actor=staff(), payment=payment, paid_on=timezone.localdate())


def actual_lines(expenses: dict[str, int], income: dict[str, int] | None = None) -> list[services.LineData]:
    cats = expense_categories()
    lines = [
        services.LineData(side=BudgetSide.EXPENSE, amount=amount, expense_category=cats[code], description=code)
        for code, amount in expenses.items()
    ]
    total = sum(expenses.values())
    income = income or {"own_funds": total}
    lines += [
        services.LineData(side=BudgetSide.INCOME, amount=amount, income_kind=kind) for kind, amount in income.items()
    ]
    return lines


def report_data(**overrides: Any) -> dict[str, Any]:
    return {
        "what_was_done": "講座を3回開き、チラシを1,000部配りました。",
        "participants": 85,
        "outcomes": "子育て世帯の参加が増えました。",
        "self_evaluation": "おおむね計画どおりでした。",
        "summary": "子ども食堂の広報講座を3回開催しました。",
        **overrides,
    }


def reported(application: Application, expenses: dict[str, int], *, accept: bool = True) -> Report:
    report = services.report_save(
        actor=representative(application),
        application=application,
        data=report_data(),
        lines=actual_lines(expenses),
        submit=True,
    )
    if accept:
        report = services.report_accept(actor=staff(), report=report)
    return report


def today_plus(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def build_grants_world(role_users: dict[str, Any]) -> dict[str, Any]:
    """Applications of the role users' group (and one of the other group) in every state
    the grants pages act on: accepted, adopted and published, granted (with an advance
    requested and a change awaiting approval), reported, confirmed with a refund due."""
    group, other_group = role_users["_group"], role_users["_other_group"]
    decide = accepted(create_programme(), group)
    to_grant = adopted(accepted(create_programme(), group))
    active = granted(accepted(create_programme(), group))
    payment = services.payment_request(actor=representative(active), application=active, amount=10_000)
    cats = expense_categories()
    change = services.change_request(
        actor=representative(active),
        application=active,
        reason="保険に入る",
        lines=[
            services.LineData(side=BudgetSide.EXPENSE, amount=100_000, expense_category=cats["honoraria"]),
            services.LineData(side=BudgetSide.EXPENSE, amount=150_000, expense_category=cats["printing"]),
            services.LineData(side=BudgetSide.EXPENSE, amount=20_000, expense_category=cats["insurance"]),
            services.LineData(side=BudgetSide.INCOME, amount=270_000, income_kind="own_funds"),
        ],
    )
    reported_app = granted(accepted(create_programme(), group))
    report = reported(reported_app, {"honoraria": 90_000}, accept=False)
    confirmed = granted(accepted(create_programme(), group))
    advance_paid(confirmed, 62_500)
    reported(confirmed, {"honoraria": 80_000, "printing": 20_000})
    confirmation = services.amount_confirm(
        actor=staff(),
        application=confirmed,
        document_number=services.document_number_suggest(),
        confirmed_on=timezone.localdate(),
    )
    other = granted(accepted(create_programme(), other_group))
    return {
        "decide_app": decide,
        "grant_app": to_grant,
        "granted_app": active,
        "payment": payment,
        "change": change,
        "reported_app": reported_app,
        "report": report,
        "confirmed_app": confirmed,
        "confirmation": confirmation,
        "other_granted_app": other,
        "other_payment": services.payment_request(actor=representative(other), application=other, amount=1000),
    }
