"""Forms of the subsidies app: applications (start, edit with the budget formsets,
attachments, staff completeness check, counter entry, the staff queue's filters)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.models import CommunityGroup
from portal.filters import PortalFilterSet
from portal.forms import BoundedDatesMixin, SeenStatusField
from subsidies.models import (
    MAX_YEN,
    Application,
    ApplicationStatus,
    AttachmentKind,
    Channel,
    ExpenseCategory,
    IncomeKind,
    Programme,
    ProgrammeCategory,
)

MAX_LINES = 30


def yen_form_field(label: Any, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_YEN,
        required=required,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )


class StartForm(forms.Form):
    """Which group applies (if the user edits several), in which category (部門)."""

    group = forms.ModelChoiceField(label=_("Applying group"), queryset=CommunityGroup.objects.none())
    category = forms.ModelChoiceField(
        label=pgettext_lazy("subsidy programme", "Category"),
        queryset=ProgrammeCategory.objects.none(),
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Project title"), max_length=200)

    def __init__(self, *args: Any, programme: Programme, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["category"].queryset = programme.categories.all()
        choices = list(groups[:2])
        if len(choices) == 1:
            self.fields["group"].initial = choices[0].pk


class CounterForm(StartForm):
    """窓口代行入力: staff key in a paper application for any group."""

    channel = forms.ChoiceField(
        label=_("How the application arrived"),
        choices=[(Channel.COUNTER.value, Channel.COUNTER.label), (Channel.POST.value, Channel.POST.label)],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        groups = CommunityGroup.objects.order_by("name_kana", "pk")
        super().__init__(*args, programme=programme, groups=groups, **kwargs)


class ApplicationForm(BoundedDatesMixin, forms.ModelForm):
    """The project (事業計画). Nothing is required to save a draft but the title; the
    submit step checks completeness."""

    class Meta:
        model = Application
        fields = (
            "title",
            "purpose",
            "content",
            "target",
            "place",
            "starts_on",
            "ends_on",
            "schedule",
            "expected_effect",
            "group_record",
        )
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 5}),
            "schedule": forms.Textarea(attrs={"rows": 3}),
            "expected_effect": forms.Textarea(attrs={"rows": 3}),
            "group_record": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on"):
            self.fields[name].widget.attrs["min"] = programme.project_starts_on.isoformat()
            self.fields[name].widget.attrs["max"] = programme.project_ends_on.isoformat()
            self.fields[name].help_text = _("Between %(start)s and %(end)s.") % {
                "start": programme.project_starts_on.isoformat(),
                "end": programme.project_ends_on.isoformat(),
            }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return data

    def _post_clean(self) -> None:
        """No model validation here: the service validates (the instance is not touched)."""


class IncomeLineForm(forms.Form):
    # The blank choice keeps an untouched extra line empty: without it a browser posts the
    # first kind, the line counts as changed and its missing amount blocks the save.
    income_kind = forms.ChoiceField(label=_("Income"), choices=[("", "---------"), *IncomeKind.choices])
    description = forms.CharField(label=_("Details"), max_length=200, required=False)
    amount = yen_form_field(_("Amount (yen)"))


class ExpenseLineForm(forms.Form):
    expense_category = forms.ModelChoiceField(label=_("Expense category"), queryset=ExpenseCategory.objects.all())
    description = forms.CharField(label=_("Item"), max_length=200, required=False)
    basis = forms.CharField(label=_("Basis of calculation"), max_length=300, required=False)
    amount = yen_form_field(_("Amount (yen)"))


class _LineFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        counts = self.management_form.cleaned_data
        if any(counts.get(name, 0) < 0 for name in ("TOTAL_FORMS", "INITIAL_FORMS")):
            raise forms.ValidationError(_("The form was damaged. Please reload the page."), code="management")

    def lines(self) -> list[dict[str, Any]]:
        """The filled, not deleted lines."""
        rows = []
        for form in self.forms:
            if not form.has_changed() or not form.cleaned_data or self._should_delete_form(form):
                continue
            rows.append({k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
        return rows


IncomeFormSet = forms.formset_factory(
    IncomeLineForm,
    formset=_LineFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_LINES,
    validate_max=True,
    absolute_max=MAX_LINES,
)
ExpenseFormSet = forms.formset_factory(
    ExpenseLineForm,
    formset=_LineFormSet,
    extra=3,
    can_delete=True,
    max_num=MAX_LINES,
    validate_max=True,
    absolute_max=MAX_LINES,
)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG, PNG, Word (.docx) or Excel (.xlsx), up to 5 MB."))


class CheckDecision(forms.Form):
    """形式審査: accept for review, or return for correction with a reason."""

    decision = forms.ChoiceField(
        label=_("Completeness check"),
        choices=[
            ("accept", pgettext_lazy("completeness check", "Accept for review")),
            ("return", pgettext_lazy("completeness check", "Return for correction")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for returning (sent to the applicant)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    seen_status = SeenStatusField(choices=ApplicationStatus.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for returning the application."))
        return data


class StaffApplicationFilter(PortalFilterSet):
    """The staff queue of one programme's applications."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=ApplicationStatus.choices)
    receipt_number = django_filters.CharFilter(label=_("Receipt number"), lookup_expr="icontains", max_length=30)
    group = django_filters.CharFilter(
        label=_("Group"), field_name="group__name", lookup_expr="icontains", max_length=100
    )
    category = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("subsidy programme", "Category"), queryset=ProgrammeCategory.objects.none()
    )
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    requested_min = django_filters.NumberFilter(
        label=_("Requested at least (yen)"),
        field_name="requested_amount",
        lookup_expr="gte",
        min_value=0,
        max_value=MAX_YEN,
    )
    requested_max = django_filters.NumberFilter(
        label=_("Requested at most (yen)"),
        field_name="requested_amount",
        lookup_expr="lte",
        min_value=0,
        max_value=MAX_YEN,
    )
    submitted_since = django_filters.DateFilter(
        label=_("Submitted from"), field_name="submitted_at", lookup_expr="date__gte"
    )
    submitted_until = django_filters.DateFilter(
        label=_("Submitted until"), field_name="submitted_at", lookup_expr="date__lte"
    )

    class Meta:
        model = Application
        fields: list[str] = []

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["category"].queryset = programme.categories.all()
