"""Forms of the projects area: the project (with its partners' formset), status and
progress, an entry of the partners' log, and the link to a subsidy application."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from collaboration.models import (
    MAX_YEN,
    CollaborationForm,
    Domain,
    EntryKind,
    PartnerKind,
    Project,
    ProjectStatus,
)
from collaboration.services.projects import PROJECT_DATES
from groups.models import CommunityGroup
from portal.forms import BoundedDatesMixin, ModelMultipleChoiceField, SeenStatusField
from portal.models import ActivityField, Department, User

MAX_PARTNERS = 12


class OneLineCharField(forms.CharField):
    """A single-line text: no line breaks, no NUL."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and ("\n" in value or "\r" in value):
            raise forms.ValidationError(_("Write this on one line."), code="one_line")


class ProjectForm(forms.ModelForm):
    """A project's description, period, budget, checks and reviews (the window)."""

    fields = ModelMultipleChoiceField(
        label=_("Fields"), queryset=ActivityField.objects.active(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Project
        fields = (
            "title",
            "title_en",
            "summary",
            "summary_en",
            "form",
            "domain",
            "fields",
            "department",
            "starts_on",
            "ends_on",
            "budget_total",
            "cost_sharing",
            "is_published",
            "checkin_interval_months",
            "partnership_since",
            "review_interval_years",
        )
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "partnership_since": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "cost_sharing": forms.Textarea(attrs={"rows": 3}),
            "domain": forms.RadioSelect,
        }
        field_classes = {"title": OneLineCharField, "title_en": OneLineCharField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = CollaborationForm.objects.filter(is_active=True) | (
            CollaborationForm.objects.filter(pk=self.instance.form_id)
            if self.instance.form_id
            else CollaborationForm.objects.none()
        )
        self.fields["domain"].choices = Domain.choices
        self.fields["department"].queryset = Department.objects.all()
        # The model's validators run only in model validation, which the service replaces.
        for name, (low, high) in {
            "budget_total": (0, MAX_YEN),
            "checkin_interval_months": (1, 24),
            "review_interval_years": (1, 10),
        }.items():
            field = self.fields[name]
            field.min_value, field.max_value = low, high
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update(min=low, max=high)
        for name in ("starts_on", "ends_on", "partnership_since"):
            self.fields[name].validators.append(PROJECT_DATES_VALIDATOR)
            earliest, latest = PROJECT_DATES.bounds()
            self.fields[name].widget.attrs.update(min=earliest.isoformat(), max=latest.isoformat())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return data

    def _post_clean(self) -> None:
        # The service writes; no model validation against the instance here (it would
        # change self.instance before the service checks the row).
        pass


def PROJECT_DATES_VALIDATOR(value: Any) -> None:  # noqa: N802 - a validator, named like a constant
    errors = PROJECT_DATES.errors(value)
    if errors:
        raise forms.ValidationError(errors[0], code="date_out_of_range")


class PartnerForm(forms.Form):
    """One partner: a registered group, a city department, or a named business, school
    or other party (with the e-mail of its contact's account, optional)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "---------"), *PartnerKind.choices], required=False)
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=CommunityGroup.objects.registered().order_by("name_kana", "pk"), required=False
    )
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all(), required=False)
    name = OneLineCharField(label=_("Name"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Contact person's e-mail (an account on the portal)"), max_length=254, required=False
    )
    role = forms.CharField(label=_("Role"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    cost_share = OneLineCharField(label=_("Cost it bears"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        others = ("group", "department", "name", "contact_email", "role", "cost_share")
        if not data.get("kind") and any(data.get(name) for name in others):
            self.add_error("kind", _("Choose the kind of this partner."))
        email = data.get("contact_email")
        data["contact"] = None
        if email:
            contact = User.objects.filter(email__iexact=email, is_active=True).first()
            if contact is None:
                self.add_error("contact_email", _("No account has this e-mail address."))
            data["contact"] = contact
        return data

    def row(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "group": data.get("group"),
            "department": data.get("department"),
            "name": data.get("name") or "",
            "contact": data.get("contact"),
            "role": data.get("role") or "",
            "cost_share": data.get("cost_share") or "",
        }


PartnerFormSet = forms.formset_factory(
    PartnerForm, extra=2, max_num=MAX_PARTNERS, validate_max=True, absolute_max=MAX_PARTNERS, can_delete=True
)


def partner_formset(data: Any = None, project: Project | None = None) -> Any:
    initial = []
    if project is not None and data is None:
        initial = [
            {
                "kind": p.kind,
                "group": p.group_id,
                "department": p.department_id,
                "name": p.name,
                "contact_email": p.contact.email if p.contact_id and p.contact else "",
                "role": p.role,
                "cost_share": p.cost_share,
            }
            for p in project.partners.select_related("contact")
        ]
    return PartnerFormSet(data, initial=initial or None, prefix="partner")


def partner_rows(formset: Any) -> list[dict[str, Any]]:
    """The rows of a valid formset that name a partner and are not deleted (rows left
    empty are skipped)."""
    return [
        form.row() for form in formset.forms if form.cleaned_data.get("kind") and not form.cleaned_data.get("DELETE")
    ]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ProjectStatus.choices)
    reason = forms.CharField(
        label=_("Reason (required to discontinue)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    seen_status = SeenStatusField(choices=ProjectStatus.choices)


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )


class SubsidyLinkForm(forms.Form):
    receipt_number = OneLineCharField(label=_("Receipt number of the subsidy application"), max_length=30)


class EntryForm(BoundedDatesMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EntryKind.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = OneLineCharField(label=_("Title"), max_length=200)
    title_en = OneLineCharField(label=_("Title (English)"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Details"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Optional: the project's progress after this entry."),
    )
    is_public = forms.BooleanField(label=_("Show on the public timeline"), required=False)
