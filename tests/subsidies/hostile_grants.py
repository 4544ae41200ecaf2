"""The hostile-input corpus of the grants area (tests/test_hostile_input.py): every form
and URL of the decision, grant, advances, changes, report, final amount and refund."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from subsidies.forms.grants import (
    AdvanceForm,
    ChangeDecisionForm,
    ConfirmAmountForm,
    ExpenseLineForm,
    IncomeLineForm,
    PaymentDecisionForm,
    ReportAttachmentForm,
    ReportDecisionForm,
)
from subsidies.models import ExpenseCategory
from tests.subsidies.grants_flow import build_grants_world
from tests.test_hostile_input import Endpoint, GetTarget, PostTarget, in_context, only

KEYS = (
    "decide_app",
    "grant_app",
    "granted_app",
    "payment",
    "change",
    "reported_app",
    "report",
    "confirmed_app",
    "confirmation",
    "other_granted_app",
    "other_payment",
)


def world(data: dict[str, Any]) -> dict[str, Any]:
    """The grants objects, under keys prefixed "grants_" (the world is shared by every
    target of the corpus): built on first use, so that the other apps' targets do not
    pay for them."""
    built = SimpleLazyObject(lambda: build_grants_world(data))
    return {f"grants_{key}": SimpleLazyObject(lambda key=key: built[key]) for key in KEYS}


def _pk(name: str, key: str) -> Any:
    return lambda w: reverse(name, args=[w[f"grants_{key}"].pk])


def _programme(name: str) -> Any:
    def url(w: dict[str, Any]) -> str:
        programme = w["grants_decide_app"].programme
        return reverse(name, args=[programme.fiscal_year, programme.slug])

    return url


def _today() -> str:
    return timezone.localdate().isoformat()


def _management(prefix: str, total: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "40",
    }


def lines(w: dict[str, Any]) -> dict[str, str]:
    """One balanced expense and income line, with the formsets' management forms."""
    honoraria = ExpenseCategory.objects.get(code="honoraria")
    return {
        **_management("expense", 1),
        **_management("income", 1),
        "expense-0-expense_category": str(honoraria.pk),
        "expense-0-description": "講師謝礼",
        "expense-0-basis": "10,000円×9回",
        "expense-0-amount": "90000",
        "income-0-income_kind": "own_funds",
        "income-0-description": "",
        "income-0-amount": "90000",
    }


class _Prefixed(forms.Form):
    """A line form's fields under the names the formset posts ("expense-0-amount"), for
    the corpus to vary one by one; the management form's fields too."""

    def __init__(self, form: forms.Form, prefix: str) -> None:
        super().__init__()
        for name, field in form.fields.items():
            self.fields[f"{prefix}-0-{name}"] = field
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MAX_NUM_FORMS"):
            self.fields[f"{prefix}-{name}"] = forms.IntegerField()


def line_form(kind: type[forms.Form], prefix: str) -> Any:
    return lambda response, w: _Prefixed(kind(), prefix)


REPORT_BASE = {
    "what_was_done": "講座を3回開きました。",
    "participants": "40",
    "outcomes": "",
    "self_evaluation": "",
    "summary": "講座を開きました。",
    "seen_status": "draft",
}

POST_TARGETS = [
    PostTarget(
        "grants decide",
        "city_staff",
        _pk("subsidies:staff-decide", "decide_app"),
        in_context("form"),
        lambda w: {
            "decision": "adopt",
            "amount": str(w["grants_decide_app"].requested_amount),
            "reason": "公益性が高い",
            "assessment_reason": "",
            "seen_status": "accepted",
        },
        fixed={"action": "decide"},
    ),
    PostTarget(
        "grants publish",
        "city_staff",
        _programme("subsidies:staff-decisions-publish"),
        in_context("form"),
        lambda w: {"confirm": "on"},
    ),
    PostTarget(
        "grants grant",
        "city_staff",
        _pk("subsidies:staff-grant", "grant_app"),
        in_context("form"),
        lambda w: {
            "document_number": "みどり市協第777号",
            "decided_on": _today(),
            "amount": str(w["grants_grant_app"].awarded_amount),
            "conditions": "",
            "seen_status": "adopted",
        },
    ),
    PostTarget(
        "grants advance",
        "representative",
        _pk("subsidies:advance-request", "granted_app"),
        lambda r, w: AdvanceForm(),
        lambda w: {"amount": "1000", "note": ""},
    ),
    PostTarget(
        "grants payment",
        "city_staff",
        _pk("subsidies:staff-payment", "payment"),
        lambda r, w: PaymentDecisionForm(),
        lambda w: {"decision": "pay", "paid_on": _today(), "note": "", "seen_status": "requested"},
    ),
    PostTarget(
        "grants change request",
        "representative",
        _pk("subsidies:change-request", "granted_app"),
        in_context("form"),
        lambda w: {"reason": "見直し", "content_change": "", **lines(w)},
    ),
    PostTarget(
        "grants change expense line",
        "representative",
        _pk("subsidies:change-request", "granted_app"),
        line_form(ExpenseLineForm, "expense"),
        lambda w: {"reason": "見直し", **lines(w)},
    ),
    PostTarget(
        "grants change income line",
        "representative",
        _pk("subsidies:change-request", "granted_app"),
        line_form(IncomeLineForm, "income"),
        lambda w: {"reason": "見直し", **lines(w)},
    ),
    PostTarget(
        "grants staff change",
        "city_staff",
        _pk("subsidies:staff-change", "change"),
        lambda r, w: ChangeDecisionForm(),
        lambda w: {"decision": "refuse", "reason": "必要性が不明", "seen_status": "requested"},
    ),
    PostTarget(
        "grants report",
        "representative",
        _pk("subsidies:report", "granted_app"),
        in_context("form"),
        lambda w: {**REPORT_BASE, **lines(w)},
        fixed={"action": "save"},
    ),
    PostTarget(
        "grants report lines",
        "representative",
        _pk("subsidies:report", "granted_app"),
        line_form(ExpenseLineForm, "expense"),
        lambda w: {**REPORT_BASE, **lines(w)},
        fixed={"action": "submit"},
    ),
    PostTarget(
        "grants report upload",
        "representative",
        _pk("subsidies:report", "granted_app"),
        lambda r, w: ReportAttachmentForm(),
        lambda w: {"kind": "receipt"},
        fixed={"action": "upload"},
    ),
    PostTarget(
        "grants staff report",
        "city_staff",
        _pk("subsidies:staff-report", "report"),
        lambda r, w: ReportDecisionForm(),
        lambda w: {"decision": "return", "reason": "領収書が足りない", "seen_status": "submitted"},
    ),
    PostTarget(
        "grants confirm",
        "city_staff",
        _pk("subsidies:staff-confirm", "reported_app"),
        lambda r, w: ConfirmAmountForm(),
        lambda w: {"document_number": "みどり市協第778号", "confirmed_on": _today(), "seen_status": "granted"},
    ),
    PostTarget(
        "grants refund",
        "city_staff",
        _pk("subsidies:staff-refunded", "confirmation"),
        in_context("form"),
        lambda w: {"refunded_on": _today(), "seen_status": "due"},
    ),
]

GET_TARGETS = [
    GetTarget("grants decisions", "city_staff", _programme("subsidies:staff-decisions"), only("page")),
    GetTarget(
        "grants overdue reports", "city_staff", lambda w: reverse("subsidies:staff-reports-overdue"), only("page")
    ),
]

ENDPOINTS = [
    Endpoint(
        "subsidies:staff-decide",
        "city_staff",
        _pk("subsidies:staff-decide", "decide_app"),
        fields=("action", "seen_status"),
        fixed={"action": "undo"},
        label="(undo)",
    ),
    Endpoint(
        "subsidies:change-request",
        "representative",
        _pk("subsidies:change-request", "granted_app"),
        fields=("action", "seen_status"),
        fixed={"action": "withdraw"},
        label="(withdraw)",
    ),
    Endpoint("subsidies:grant-pdf", "representative", _pk("subsidies:grant-pdf", "granted_app"), post=False),
    Endpoint(
        "subsidies:confirmation-pdf", "representative", _pk("subsidies:confirmation-pdf", "confirmed_app"), post=False
    ),
]

FORM_MODULES = ["subsidies.forms.grants"]

FORM_COVERAGE = {
    "subsidies.forms.grants.DecisionForm": "grants decide",
    "subsidies.forms.grants.PublishForm": "grants publish",
    "subsidies.forms.grants.GrantForm": "grants grant",
    "subsidies.forms.grants.AdvanceForm": "grants advance",
    "subsidies.forms.grants.PaymentDecisionForm": "grants payment",
    "subsidies.forms.grants.ChangeRequestForm": "grants change request",
    "subsidies.forms.grants.ExpenseLineForm": "grants change expense line",
    "subsidies.forms.grants.IncomeLineForm": "grants change income line",
    "subsidies.forms.grants.ChangeDecisionForm": "grants staff change",
    "subsidies.forms.grants.ReportForm": "grants report",
    "subsidies.forms.grants.ReportAttachmentForm": "grants report upload",
    "subsidies.forms.grants.ReportDecisionForm": "grants staff report",
    "subsidies.forms.grants.ConfirmAmountForm": "grants confirm",
    "subsidies.forms.grants.RefundForm": "grants refund",
}
