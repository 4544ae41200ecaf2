"""Forms of the grants area: the decision, publication, grant, advance and payment,
change request (with budget-line formsets), report, confirmation and refund."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.forms import BoundedDatesMixin, SeenStatusField
from subsidies.models import (
    MAX_YEN,
    ApplicationStatus,
    BudgetSide,
    ChangeStatus,
    ExpenseCategory,
    IncomeKind,
    PaymentStatus,
    RefundStatus,
    ReportStatus,
)
from subsidies.services.grants import REPORT_ATTACHMENT_KINDS, LineData

__all__ = [
    "AdvanceForm",
    "ChangeDecisionForm",
    "ChangeRequestForm",
    "ConfirmAmountForm",
    "DecisionForm",
    "ExpenseLineForm",
    "GrantForm",
    "IncomeLineForm",
    "PaymentDecisionForm",
    "PublishForm",
    "RefundForm",
    "ReportAttachmentForm",
    "ReportDecisionForm",
    "ReportForm",
    "line_formsets",
]


def yen(label: Any, *, required: bool = True, minimum: int = 1) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=minimum,
        max_value=MAX_YEN,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def text(label: Any, *, max_length: int = 2000, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("adopt", pgettext_lazy("subsidy decision", "Adopt")),
            ("reject", pgettext_lazy("subsidy decision", "Do not adopt")),
        ],
        widget=forms.RadioSelect,
    )
    amount = yen(_("Amount awarded (yen)"), required=False)
    reason = text(_("Reason (the applicant is told)"))
    assessment_reason = text(_("Reason for awarding less than requested (assessment)"), required=False)
    seen_status = SeenStatusField(choices=ApplicationStatus.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "adopt" and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter the amount awarded."))
        return data


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked every decision; publish them and e-mail every group its result."), required=True
    )


class GrantForm(BoundedDatesMixin, forms.Form):
    document_number = forms.CharField(label=_("Document number"), max_length=60)
    decided_on = forms.DateField(label=_("Date of the decision"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = yen(_("Amount granted (yen)"))
    conditions = text(_("Conditions of the grant"), max_length=4000, required=False, rows=5)
    seen_status = SeenStatusField(choices=ApplicationStatus.choices)


class AdvanceForm(forms.Form):
    amount = yen(_("Amount requested (yen)"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class PaymentDecisionForm(BoundedDatesMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("pay", pgettext_lazy("advance payment decision", "Paid")),
            ("refuse", pgettext_lazy("advance payment decision", "Refuse")),
        ],
        widget=forms.RadioSelect,
    )
    paid_on = forms.DateField(label=_("Paid on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note (the reason, when refusing)"), max_length=500, required=False)
    seen_status = SeenStatusField(choices=PaymentStatus.choices)


# --- Budget lines -----------------------------------------------------------------------------


class _LineInputs:
    """A row of a budget table: the inputs carry Bootstrap's classes themselves (the
    table renders them without crispy)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class ExpenseLineForm(_LineInputs, forms.Form):
    expense_category = forms.ModelChoiceField(
        label=_("Expense category"), queryset=ExpenseCategory.objects.all(), required=False
    )
    description = forms.CharField(label=_("Item"), max_length=200, required=False)
    basis = forms.CharField(label=_("Basis of calculation"), max_length=300, required=False)
    amount = yen(_("Amount (yen)"), required=False, minimum=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("amount") is not None and data.get("expense_category") is None and not self.errors:
            self.add_error("expense_category", _("Choose the expense category."))
        if data.get("expense_category") is not None and data.get("amount") is None and not self.errors:
            self.add_error("amount", _("Enter the amount."))
        return data

    def line(self) -> LineData | None:
        data = getattr(self, "cleaned_data", {})
        if data.get("expense_category") is None or data.get("amount") is None:
            return None
        return LineData(
            side=BudgetSide.EXPENSE,
            amount=data["amount"],
            expense_category=data["expense_category"],
            description=data.get("description", ""),
            basis=data.get("basis", ""),
        )


class IncomeLineForm(_LineInputs, forms.Form):
    income_kind = forms.ChoiceField(label=_("Income"), choices=[("", "---------"), *IncomeKind.choices], required=False)
    description = forms.CharField(label=_("Item"), max_length=200, required=False)
    amount = yen(_("Amount (yen)"), required=False, minimum=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("amount") is not None and not data.get("income_kind") and not self.errors:
            self.add_error("income_kind", _("Choose the kind of income."))
        if data.get("income_kind") and data.get("amount") is None and not self.errors:
            self.add_error("amount", _("Enter the amount."))
        return data

    def line(self) -> LineData | None:
        data = getattr(self, "cleaned_data", {})
        if not data.get("income_kind") or data.get("amount") is None:
            return None
        return LineData(
            side=BudgetSide.INCOME,
            amount=data["amount"],
            income_kind=data["income_kind"],
            description=data.get("description", ""),
        )


ExpenseFormSet = forms.formset_factory(ExpenseLineForm, extra=3, max_num=40, validate_max=True, absolute_max=40)
IncomeFormSet = forms.formset_factory(IncomeLineForm, extra=2, max_num=20, validate_max=True, absolute_max=20)


def line_formsets(data: Any = None, lines: list[Any] = ()) -> tuple[Any, Any]:
    """The expense and income formsets, filled from budget lines (`BudgetLine` rows or
    proposed-budget dicts) when not bound."""

    def get(line: Any, name: str) -> Any:
        return (
            line.get(name)
            if isinstance(line, dict)
            else getattr(line, name if name != "expense_category" else "expense_category_id")
        )

    expenses = [
        {
            "expense_category": get(line, "expense_category"),
            "description": get(line, "description"),
            "basis": get(line, "basis"),
            "amount": get(line, "amount"),
        }
        for line in lines
        if get(line, "side") == BudgetSide.EXPENSE
    ]
    incomes = [
        {
            "income_kind": get(line, "income_kind"),
            "description": get(line, "description"),
            "amount": get(line, "amount"),
        }
        for line in lines
        if get(line, "side") == BudgetSide.INCOME
    ]
    if data is not None:
        return ExpenseFormSet(data, prefix="expense"), IncomeFormSet(data, prefix="income")
    return ExpenseFormSet(prefix="expense", initial=expenses), IncomeFormSet(prefix="income", initial=incomes)


def formset_lines(*formsets: Any) -> list[LineData]:
    return [line for formset in formsets for form in formset.forms if (line := form.line()) is not None]


class ChangeRequestForm(forms.Form):
    reason = text(_("Reason for the change"), max_length=4000)
    content_change = text(_("Change to the content of the project"), max_length=4000, required=False, rows=5)


class ChangeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", pgettext_lazy("change decision", "Approve")),
            ("refuse", pgettext_lazy("change decision", "Refuse")),
        ],
        widget=forms.RadioSelect,
    )
    reason = text(_("Reason (required when refusing)"), required=False)
    seen_status = SeenStatusField(choices=ChangeStatus.choices)


class ReportForm(forms.Form):
    what_was_done = text(_("What was done"), max_length=8000, required=False, rows=6)
    participants = forms.IntegerField(label=_("Participants"), min_value=0, max_value=10_000_000, required=False)
    outcomes = text(_("Outcomes"), max_length=4000, required=False)
    self_evaluation = text(_("Self-evaluation"), max_length=4000, required=False)
    summary = text(_("Summary for the public (shown on the results page)"), max_length=2000, required=False)
    seen_status = SeenStatusField(choices=ReportStatus.choices)


class ReportAttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.value, k.label) for k in REPORT_ATTACHMENT_KINDS])
    file = forms.FileField(label=_("File (PDF, JPEG, PNG, Word or Excel, up to 5 MB)"))


class ReportDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", pgettext_lazy("report decision", "Accept")),
            ("return", pgettext_lazy("report decision", "Return for correction")),
        ],
        widget=forms.RadioSelect,
    )
    reason = text(_("Reason (required when returning)"), required=False)
    seen_status = SeenStatusField(choices=ReportStatus.choices)


class ConfirmAmountForm(BoundedDatesMixin, forms.Form):
    document_number = forms.CharField(label=_("Document number"), max_length=60)
    confirmed_on = forms.DateField(label=_("Date of the confirmation"), widget=forms.DateInput(attrs={"type": "date"}))
    seen_status = SeenStatusField(choices=ApplicationStatus.choices)


class RefundForm(BoundedDatesMixin, forms.Form):
    refunded_on = forms.DateField(label=_("Refund received on"), widget=forms.DateInput(attrs={"type": "date"}))
    seen_status = SeenStatusField(choices=RefundStatus.choices)
