"""Forms of the subsidies app: screening (the presentation schedule of 公開審査)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedDatesMixin
from subsidies.models import Application
from subsidies.services.screening import SlotInput

__all__ = ["PresentationScheduleForm"]


class _SlotFields:
    """Adds, for each presenting application, `starts_at_<id>`, `minutes_<id>` and
    `place_<id>` (before BoundedDatesMixin bounds the date-times: it comes first in the
    form's bases)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, applications: list[Application], default_place: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.applications = applications
        for application in applications:
            slot = getattr(application, "presentation", None)
            label = application.title
            self.fields[f"starts_at_{application.pk}"] = forms.DateTimeField(
                label=_("%(title)s: starts at") % {"title": label},
                required=False,
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"
                ),
                initial=slot.starts_at if slot else None,
                help_text=_("Leave empty for no slot."),
            )
            self.fields[f"minutes_{application.pk}"] = forms.IntegerField(
                label=_("%(title)s: minutes") % {"title": label},
                min_value=1,
                max_value=240,
                widget=forms.NumberInput(attrs={"class": "form-control"}),
                initial=slot.minutes if slot else 10,
            )
            self.fields[f"place_{application.pk}"] = forms.CharField(
                label=_("%(title)s: place") % {"title": label},
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control"}),
                initial=slot.place if slot else default_place,
            )


class PresentationScheduleForm(BoundedDatesMixin, _SlotFields, forms.Form):
    """The presentation schedule: one row (start, minutes, place) per presenting application."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for application in self.applications:
            starts_at = data.get(f"starts_at_{application.pk}")
            if starts_at and not (data.get(f"place_{application.pk}") or "").strip():
                self.add_error(f"place_{application.pk}", _("Give the place of the presentation."))
        return data

    def rows(self) -> list[tuple[Application, Any, Any, Any]]:
        return [
            (a, self[f"starts_at_{a.pk}"], self[f"minutes_{a.pk}"], self[f"place_{a.pk}"]) for a in self.applications
        ]

    def slots(self) -> dict[int, SlotInput]:
        data = self.cleaned_data
        return {
            a.pk: SlotInput(
                starts_at=data[f"starts_at_{a.pk}"], minutes=data[f"minutes_{a.pk}"], place=data[f"place_{a.pk}"]
            )
            for a in self.applications
        }
