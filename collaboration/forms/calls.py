"""Forms of the calls area: the window's call form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collaboration.models import Call
from collaboration.services.calls import CALL_FIELDS
from portal.forms import BoundedDatesMixin
from portal.models import Department, ReviewCommittee

SINGLE_LINE_FIELDS = ("slug", "title", "title_en", "presentation_place")


class CallForm(BoundedDatesMixin, forms.ModelForm):
    """A call's theme, texts (Japanese and English), budget, period, acceptance window,
    committee and presentation."""

    class Meta:
        model = Call
        fields = CALL_FIELDS
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "presentation_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "kind": forms.RadioSelect,
            "budget_min": forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
            "budget_max": forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True).order_by("code")
        self.fields["committee"].queryset = ReviewCommittee.objects.order_by("-fiscal_year", "name", "pk")
        self.fields["committee"].required = False
        for name in ("background", "background_en", "city_contribution", "city_contribution_en"):
            self.fields[name].widget.attrs["rows"] = 4
        for name in ("participation_criteria", "participation_criteria_en"):
            self.fields[name].widget.attrs["rows"] = 4

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in SINGLE_LINE_FIELDS:
            value = data.get(name)
            if isinstance(value, str) and ("\n" in value or "\r" in value):
                self.add_error(name, _("Write this on one line."))
        return data
