"""The hostile-input corpus of the subsidy applications (tests/test_hostile_input.py):
every form, including the budget formsets (their management form fields too), the
staff queue's filters, and every other address of the area."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from subsidies.services import applications as services
from tests.factories.subsidies import create_programme, step_up
from tests.subsidies.applying import PLAN, applications_world, draft
from tests.test_hostile_input import Endpoint, GetTarget, PostTarget, filter_params, in_context


def world(world: dict[str, Any]) -> dict[str, Any]:
    role_users = {k: v for k, v in world.items() if k in ("representative", "other_representative", "city_staff")}
    role_users |= {"reviewer": world["reviewer"], "_group": world["group"], "_other_group": world["_other_group"]}
    data = {f"subsidy_{key}": value for key, value in applications_world(role_users).items()}
    fresh = create_programme()
    data["subsidy_fresh"] = fresh
    data["subsidy_submitted"] = services.application_submit(
        application=draft(fresh, world["_other_group"], world["other_representative"]),
        actor=world["other_representative"],
    )
    data["subsidy_apply_programme"] = create_programme()
    return data


def _programme(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[w[key].fiscal_year, w[key].slug])


def _app(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[w[key].pk])


def edit_page_form(response: Any, world: dict[str, Any]) -> forms.BaseForm:
    """The edit page's form and both formsets (management form and one line each) as one
    form whose field names are the names posted."""
    context = response.context
    fields: dict[str, forms.Field] = {}
    main = context["form"]
    fields |= {main.add_prefix(name): field for name, field in main.fields.items()}
    for formset in (context["income_formset"], context["expense_formset"]):
        management = formset.management_form
        fields |= {management.add_prefix(name): field for name, field in management.fields.items()}
        line = formset.forms[0]
        fields |= {line.add_prefix(name): field for name, field in line.fields.items()}
    page = forms.Form()
    page.fields = fields
    return page


def edit_data(world: dict[str, Any]) -> dict[str, Any]:
    programme = world["subsidy_programme"]
    return {
        **PLAN,
        "starts_on": programme.project_starts_on.isoformat(),
        "ends_on": programme.project_ends_on.isoformat(),
        "schedule": "",
        "group_record": "",
        "income-TOTAL_FORMS": "1",
        "income-INITIAL_FORMS": "0",
        "income-MIN_NUM_FORMS": "0",
        "income-MAX_NUM_FORMS": "30",
        "income-0-income_kind": "subsidy",
        "income-0-description": "",
        "income-0-amount": "100000",
        "expense-TOTAL_FORMS": "1",
        "expense-INITIAL_FORMS": "0",
        "expense-MIN_NUM_FORMS": "0",
        "expense-MAX_NUM_FORMS": "30",
        "expense-0-expense_category": world["subsidy_draft"]
        .budget_lines.filter(side="expense")
        .first()
        .expense_category_id,
        "expense-0-description": "講師謝礼",
        "expense-0-basis": "10,000円×10回",
        "expense-0-amount": "200000",
    }


POST_TARGETS = [
    PostTarget(
        "subsidy apply",
        "representative",
        _programme("subsidies:apply", "subsidy_apply_programme"),
        in_context("form"),
        lambda w: {
            "group": w["group"].pk,
            "category": step_up(w["subsidy_apply_programme"]).pk,
            "title": "講座の開催",
        },
    ),
    PostTarget(
        "subsidy application edit",
        "representative",
        _app("subsidies:application-edit", "subsidy_draft"),
        edit_page_form,
        edit_data,
        fixed={"action": "save"},
    ),
    PostTarget(
        "subsidy application submit",
        "representative",
        _app("subsidies:application-submit", "subsidy_draft"),
        in_context("form"),
        lambda w: {"seen_status": "draft"},
    ),
    PostTarget(
        "subsidy application withdraw",
        "other_representative",
        _app("subsidies:application-withdraw", "subsidy_submitted"),
        in_context("form"),
        lambda w: {"seen_status": "submitted"},
    ),
    PostTarget(
        "subsidy attachment add",
        "representative",
        _app("subsidies:attachment-add", "subsidy_draft"),
        in_context("form"),
        lambda w: {"kind": "estimate"},
    ),
    PostTarget(
        "subsidy completeness check",
        "city_staff",
        _app("subsidies:staff-application", "subsidy_submitted"),
        in_context("form"),
        lambda w: {"decision": "return", "reason": "見積書がありません。", "seen_status": "submitted"},
    ),
    PostTarget(
        "subsidy counter entry",
        "city_staff",
        _programme("subsidies:staff-counter", "subsidy_apply_programme"),
        in_context("form"),
        lambda w: {
            "group": w["_other_group"].pk,
            "category": step_up(w["subsidy_apply_programme"]).pk,
            "channel": "counter",
            "title": "紙の申請",
        },
    ),
]

GET_TARGETS = [
    GetTarget(
        "subsidy staff queue",
        "city_staff",
        _programme("subsidies:staff-applications", "subsidy_programme"),
        filter_params("page"),
    ),
    GetTarget(
        "subsidy staff queue csv",
        "city_staff",
        _programme("subsidies:staff-applications-csv", "subsidy_programme"),
        lambda response: dict.fromkeys(
            (
                "status",
                "receipt_number",
                "group",
                "category",
                "channel",
                "requested_min",
                "requested_max",
                "submitted_since",
                "submitted_until",
            )
        ),
    ),
    GetTarget(
        "my subsidy applications",
        "representative",
        lambda w: reverse("subsidies:my-applications"),
        lambda r: {"page": None},
    ),
]

ENDPOINTS = [
    Endpoint("subsidies:application", "representative", _app("subsidies:application", "subsidy_draft")),
    Endpoint(
        "subsidies:attachment",
        "representative",
        lambda w: reverse("subsidies:attachment", args=[w["subsidy_draft"].pk, w["subsidy_draft_attachment"].pk]),
    ),
    Endpoint(
        "subsidies:attachment-delete",
        "representative",
        lambda w: reverse(
            "subsidies:attachment-delete", args=[w["subsidy_draft"].pk, w["subsidy_draft_attachment"].pk]
        ),
    ),
]

FORM_MODULES = ["subsidies.forms.applications"]

FORM_COVERAGE = {
    "subsidies.forms.applications.StartForm": "subsidy apply",
    "subsidies.forms.applications.CounterForm": "subsidy counter entry",
    "subsidies.forms.applications.ApplicationForm": "subsidy application edit",
    "subsidies.forms.applications.IncomeLineForm": "subsidy application edit",
    "subsidies.forms.applications.ExpenseLineForm": "subsidy application edit",
    "subsidies.forms.applications.AttachmentForm": "subsidy attachment add",
    "subsidies.forms.applications.CheckDecision": "subsidy completeness check",
}
