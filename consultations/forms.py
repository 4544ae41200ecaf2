"""Forms of the consultation desk: they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.models import SLOT_MODES, ConsultationStatus, Mode, Topic
from portal.forms import BoundedDatesMixin, SeenStatusField

WEEKDAYS = [
    (0, pgettext_lazy("weekday", "Monday")),
    (1, pgettext_lazy("weekday", "Tuesday")),
    (2, pgettext_lazy("weekday", "Wednesday")),
    (3, pgettext_lazy("weekday", "Thursday")),
    (4, pgettext_lazy("weekday", "Friday")),
    (5, pgettext_lazy("weekday", "Saturday")),
    (6, pgettext_lazy("weekday", "Sunday")),
]


def _group_field() -> forms.ModelChoiceField:
    from groups.models import CommunityGroup

    return forms.ModelChoiceField(
        label=_("On behalf of a group (optional)"),
        queryset=CommunityGroup.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )


class _AskerForm(forms.Form):
    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class BookForm(_AskerForm):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, widget=forms.RadioSelect)
    mode = forms.ChoiceField(label=_("How"), choices=(), widget=forms.RadioSelect)
    contact_phone = forms.CharField(
        label=_("Telephone number to call (for a consultation by phone)"), max_length=20, required=False
    )
    group = _group_field()
    message = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few lines help the desk prepare: your situation and your questions."),
    )

    def __init__(self, *args: Any, modes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = [(m, Mode(m).label) for m in modes]
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0]


class AskForm(_AskerForm):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, widget=forms.RadioSelect)
    group = _group_field()
    message = forms.CharField(
        label=_("Your question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The desk answers on this site and tells you by e-mail."),
    )


class MessageForm(forms.Form):
    """An answer (the desk) or the asker's one reply."""

    seen_status = SeenStatusField(choices=ConsultationStatus.choices)
    body = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))


class SlotBatchForm(BoundedDatesMixin, forms.Form):
    first_day = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    start_time = forms.TimeField(label=_("First slot starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=_("Length of a slot (minutes)"), min_value=10, max_value=240, initial=60)
    per_day = forms.IntegerField(label=_("Slots a day (one after another)"), min_value=1, max_value=12, initial=1)
    modes = forms.MultipleChoiceField(
        label=_("Ways offered"),
        choices=[(m.value, m.label) for m in SLOT_MODES],
        widget=forms.CheckboxSelectMultiple,
    )
    place = forms.CharField(
        label=_("Where or how"),
        max_length=200,
        help_text=_("E.g. the centre's consultation room, or how to join online."),
    )


class RecordForm(BoundedDatesMixin, forms.Form):
    record_topic = forms.ChoiceField(label=_("Topic as discussed"), choices=Topic.choices)
    outcome = forms.CharField(
        label=_("Outcome"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    follow_up_needed = forms.BooleanField(label=_("Follow-up needed"), required=False)
    follow_up_by = forms.DateField(
        label=_("Follow up by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class LinkForm(forms.Form):
    group = forms.CharField(
        label=_("Group (its address name)"),
        max_length=100,
        required=False,
        help_text=_("The last part of the group's page address, e.g. sakuragawa-kodomo."),
    )
    application = forms.CharField(label=_("Subsidy application (receipt number)"), max_length=100, required=False)
    proposal = forms.CharField(label=_("Collaboration proposal (receipt number)"), max_length=100, required=False)


class FinishForm(forms.Form):
    seen_status = SeenStatusField(choices=ConsultationStatus.choices)
    outcome_status = forms.ChoiceField(
        label=_("Was the consultation held?"),
        choices=[
            (ConsultationStatus.DONE.value, pgettext_lazy("consultation outcome", "Held")),
            (ConsultationStatus.NO_SHOW.value, pgettext_lazy("consultation outcome", "The person did not come")),
        ],
        widget=forms.RadioSelect,
    )


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100, required=False)
