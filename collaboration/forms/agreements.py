"""Forms of the agreements area: the draft (terms and each party's roles), the change
(a new version), the confirmation of a party, and the staff's buttons."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collaboration.models import AgreementStatus, ProjectPartner
from portal.forms import BoundedDatesMixin, SeenStatusField

__all__ = ["AgreementForm", "ConfirmForm", "ReviseForm", "StaffActionForm"]


def _text(
    label: Any, *, max_length: int, required: bool = False, rows: int = 4, help_text: Any = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class AgreementForm(BoundedDatesMixin, forms.Form):
    """The terms of a draft, and one "roles and responsibilities" field per partner
    (`party_<partner id>`)."""

    date_ranges = {"starts_on": "QUERY", "ends_on": "QUERY"}

    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = _text(_("Purpose"), max_length=4000, required=True)
    cost_sharing = _text(_("Cost sharing"), max_length=4000)
    risks = _text(_("Risks and who bears them"), max_length=4000)
    starts_on = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Period to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    disputes = _text(_("How disputes are settled"), max_length=2000)
    other_terms = _text(_("Other terms"), max_length=4000)
    seen_status = SeenStatusField(choices=AgreementStatus.choices)

    def __init__(self, *args: Any, partners: list[ProjectPartner], with_reason: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partners = partners
        if with_reason:
            self.fields["change_reason"] = _text(_("What changed and why"), max_length=2000, required=True)
        for partner in partners:
            self.fields[f"party_{partner.pk}"] = _text(
                _("Roles and responsibilities of %(party)s") % {"party": partner.display_name},
                max_length=4000,
                required=True,
            )

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        if "\n" in title or "\r" in title:
            raise forms.ValidationError(_("Write this on one line."), code="line_break")
        return title

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The period must end on or after its start."))
        return data

    def roles(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"party_{p.pk}"] for p in self.partners}


class ReviseForm(forms.Form):
    """Change the agreement in force: a new version, with what changed and why."""

    change_reason = _text(_("What changed and why"), max_length=2000, required=True, rows=3)


class ConfirmForm(forms.Form):
    """A party confirms the agreement (the parties the user acts for, not yet confirmed)."""

    partner = forms.TypedChoiceField(label=_("Confirm for"), coerce=int, choices=())
    seen_status = SeenStatusField(choices=AgreementStatus.choices)

    def __init__(self, *args: Any, partners: list[ProjectPartner] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(p.pk, p.display_name) for p in partners]


class StaffActionForm(forms.Form):
    """Send for confirmation, or take back to draft (a button with the state seen)."""

    seen_status = SeenStatusField(choices=AgreementStatus.choices)
