"""Forms of the proposals area: starting a proposal, its content (C-05) and the thread's
message box (messages and 事前相談)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collaboration.models import MAX_YEN, CollaborationForm, Proposal
from collaboration.services.proposals import PROPOSAL_FIELDS
from portal.forms import BoundedDatesMixin

BUSINESS = "business"


def _one_line(form: forms.BaseForm, data: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and ("\n" in value or "\r" in value):
            form.add_error(name, _("Write this on one line."))


class StartForm(forms.Form):
    """Who proposes (one of the user's registered groups, or their business) and the title."""

    proposer = forms.ChoiceField(label=_("Who proposes"), widget=forms.RadioSelect)
    business_name = forms.CharField(
        label=_("Business name"),
        max_length=200,
        required=False,
        help_text=_("When you propose as a business."),
    )
    title = forms.CharField(label=_("Project title"), max_length=200)

    def __init__(self, *args: Any, groups: list[Any], businesses: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(g.pk), g.name) for g in groups]
        if businesses:
            choices.append((BUSINESS, str(_("As a business"))))
        self.fields["proposer"].choices = choices
        self.groups = {str(g.pk): g for g in groups}
        if len(choices) == 1:
            self.fields["proposer"].initial = choices[0][0]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _one_line(self, data, ("business_name", "title"))
        if data.get("proposer") == BUSINESS and not (data.get("business_name") or "").strip():
            self.add_error("business_name", _("Give the business's name."))
        return data

    def group(self) -> Any:
        return self.groups.get(self.cleaned_data["proposer"])


class ProposalForm(BoundedDatesMixin, forms.ModelForm):
    """The proposal's content (C-05): an incomplete draft may be saved."""

    class Meta:
        model = Proposal
        fields = PROPOSAL_FIELDS
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "budget_total": forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = CollaborationForm.objects.filter(is_active=True).order_by("order", "pk")
        self.fields["form"].required = False
        self.fields["budget_total"].required = False
        self.fields["budget_total"].max_value = MAX_YEN
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 4
            if name != "title":
                field.required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _one_line(self, data, ("title", "existing_project", "target"))
        return data

    def _post_clean(self) -> None:
        # The service validates and saves the model; the form only checks the input.
        pass


class MessageForm(forms.Form):
    """A message in the proposal's thread, or the request for 事前相談."""

    body = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
