"""Forms of the case library (協働事例集): the case itself, a photo, publishing, and the
list's filters."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from collaboration.models import CaseStudy, CollaborationForm, Domain, Project
from collaboration.permissions import project_policy
from portal import search
from portal.filters import PortalFilterSet
from portal.forms import ModelMultipleChoiceField, SeenStatusField
from portal.models import ActivityField

CASE_STATES = (
    ("draft", pgettext_lazy("case state", "Draft")),
    ("published", pgettext_lazy("case state", "Published")),
)

TEXTAREA = {"rows": 5}


class CaseForm(forms.ModelForm):
    """A case's text (Japanese required, English optional), form, domain, fields and
    project. The service checks everything again and writes."""

    fields = ModelMultipleChoiceField(
        label=_("Fields"),
        queryset=ActivityField.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CaseStudy
        fields = (
            "title",
            "title_en",
            "project",
            "form",
            "domain",
            "fields",
            "content",
            "content_en",
            "effects",
            "effects_en",
            "went_well",
            "went_well_en",
            "difficulties",
            "difficulties_en",
            "improvements",
            "improvements_en",
        )
        widgets: dict[str, Any] = {
            name: forms.Textarea(attrs=TEXTAREA)
            for name in (
                "content",
                "content_en",
                "effects",
                "effects_en",
                "went_well",
                "went_well_en",
                "difficulties",
                "difficulties_en",
                "improvements",
                "improvements_en",
            )
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = CollaborationForm.objects.filter(is_active=True)
        self.fields["fields"].queryset = ActivityField.objects.active()
        project = self.fields["project"]
        project.queryset = project_policy.visible_to(user, Project.objects.only("pk", "title", "title_en")).order_by(
            "title", "pk"
        )
        project.required = False
        project.help_text = _("The collaboration project this case reports on, if any.")
        for name in ("title", "content", "effects", "went_well", "difficulties", "improvements"):
            self.fields[name].required = True
        self.fields["domain"].choices = Domain.choices
        self.fields["domain"].widget = forms.RadioSelect(choices=Domain.choices)

    def _post_clean(self) -> None:
        # The service validates and writes; the model is not built here.
        pass

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                if "\x00" in value:
                    self.add_error(name, _("Remove the null characters."))
                elif name in ("title", "title_en") and ("\n" in value or "\r" in value):
                    self.add_error(name, _("Write the title on one line."))
        return cleaned

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("fields", None)
        return data


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("A JPEG or PNG file of at most 5 MB and 6000 × 6000 pixels."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    alt = forms.CharField(
        label=_("Alternative text"),
        max_length=200,
        help_text=_("What the photo shows, for people who cannot see it. Required."),
    )
    alt_en = forms.CharField(label=_("Alternative text (English)"), max_length=200, required=False)
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("alt", "alt_en", "caption"):
            value = cleaned.get(name)
            if isinstance(value, str) and ("\x00" in value or "\n" in value or "\r" in value):
                self.add_error(name, _("Write this on one line."))
        return cleaned


class PublishForm(forms.Form):
    seen_status = SeenStatusField(choices=CASE_STATES)


class CaseFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Keyword"), method="filter_q", max_length=100)
    form = django_filters.ModelChoiceFilter(
        label=_("Form of collaboration"),
        field_name="form",
        to_field_name="code",
        queryset=CollaborationForm.objects.filter(is_active=True),
    )
    domain = django_filters.TypedChoiceFilter(label=_("Domain"), choices=Domain.choices, coerce=int)
    field = django_filters.ModelChoiceFilter(
        label=_("Activity field"), field_name="fields", to_field_name="slug", queryset=ActivityField.objects.active()
    )

    class Meta:
        model = CaseStudy
        fields: list[str] = []

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        if "\x00" in value:
            return queryset.none()
        return search.filter_queryset(queryset, value)
