"""Forms of the topic e-mails (portal.newsletter): they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal import newsletter
from portal.forms import ModelMultipleChoiceField
from portal.models import ActivityField, Area


class ChoicesForm(forms.Form):
    """Topics, activity fields, areas and language (shared by subscribe and manage)."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    fields = ModelMultipleChoiceField(
        label=_("Activity fields"),
        queryset=ActivityField.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get every field."),
    )
    areas = ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get every area."),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = newsletter.topic_choices()
        self.fields["fields"].queryset = ActivityField.objects.filter(is_active=True).order_by("order", "pk")
        self.fields["areas"].queryset = Area.objects.filter(is_active=True).order_by("order", "pk")


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=newsletter.EMAIL_MAX_LENGTH)
    field_order = ("email", "topics", "fields", "areas", "language")
