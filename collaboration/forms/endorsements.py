"""Forms of the 後援・共催 requests: the group's request and 実施報告, the window's check
and decision, and the staff queue's filters."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from collaboration.models import (
    MAX_YEN,
    NOMINAL_BENEFITS,
    EndorsementKind,
    EndorsementRequest,
    EndorsementStatus,
    MainBenefit,
)
from collaboration.selectors_endorsements import report_due_q
from collaboration.services.endorsements import LEAD_DAYS, MAX_PEOPLE, SINGLE_LINE
from groups.models import CommunityGroup, Event
from portal.filters import PortalFilterSet
from portal.forms import BoundedDatesMixin, SeenStatusField

YES_NO = [("yes", pgettext_lazy("check", "Met")), ("no", pgettext_lazy("check", "Not met"))]


class EventChoiceForm(forms.Form):
    """Step one: which group asks (if the user edits several) and, optionally, which of
    its upcoming events on the portal (its title, dates and place fill the request)."""

    group = forms.ModelChoiceField(label=_("Requesting group"), queryset=CommunityGroup.objects.none())
    event = forms.ModelChoiceField(
        label=_("Event on the portal (optional)"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("Not on the portal"),
    )

    def __init__(self, *args: Any, groups: QuerySet[CommunityGroup], events: QuerySet[Event], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["event"].queryset = events
        choices = list(groups[:2])
        if len(choices) == 1:
            self.fields["group"].initial = choices[0].pk

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        group, event = data.get("group"), data.get("event")
        if group and event and event.group_id != group.pk:
            self.add_error("event", _("Choose one of this group’s events."))
        return data


class EndorsementRequestForm(BoundedDatesMixin, forms.ModelForm):
    """The request itself (後援・共催申請)."""

    accepts_conditions = forms.BooleanField(label=_("We accept the conditions above."), required=True)
    fee_amount = forms.IntegerField(
        label=_("Admission fee per participant (yen)"),
        min_value=0,
        max_value=MAX_YEN,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )
    expected_people = forms.IntegerField(label=_("Expected participants"), min_value=1, max_value=MAX_PEOPLE)

    class Meta:
        model = EndorsementRequest
        fields = (
            "kind",
            "event_title",
            "starts_on",
            "ends_on",
            "venue",
            "purpose",
            "content",
            "organisers",
            "audience",
            "expected_people",
            "admission_charged",
            "fee_amount",
            "past_endorsements",
            "main_benefit",
            "accepts_conditions",
        )
        widgets = {
            "kind": forms.RadioSelect,
            "main_benefit": forms.RadioSelect,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "past_endorsements": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"event_title": _("Title of the event")}
        help_texts = {
            "organisers": _("The organising group and any co-organisers."),
            "past_endorsements": _(
                "Earlier endorsement or co-hosting of this event by the city or others, with the year."
            ),
            "main_benefit": _("What you mainly expect from the city’s endorsement or co-hosting."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = EndorsementKind.choices
        self.fields["main_benefit"].choices = MainBenefit.choices
        earliest = timezone.localdate() + datetime.timedelta(days=LEAD_DAYS)
        self.fields["starts_on"].widget.attrs["min"] = earliest.isoformat()
        self.fields["starts_on"].help_text = _("On or after %(date)s: requests come at least %(days)s days ahead.") % {
            "date": earliest.isoformat(),
            "days": LEAD_DAYS,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in SINGLE_LINE:
            value = data.get(name)
            if value and ("\n" in value or "\r" in value):
                self.add_error(name, _("Write this on one line."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The event cannot end before it starts."))
        return data

    def _post_clean(self) -> None:
        """No model validation here: the service validates (the instance is not touched)."""


class ReportForm(forms.Form):
    """実施報告 after the event."""

    participants = forms.IntegerField(label=_("Participants"), min_value=0, max_value=MAX_PEOPLE)
    summary = forms.CharField(
        label=_("How it went"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done, what went well, and anything the city should know."),
    )


class DecisionForm(forms.Form):
    """The window's check (purpose, 公共性, 公益性) and decision."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", pgettext_lazy("endorsement decision", "Approve")),
            ("refuse", pgettext_lazy("endorsement decision", "Refuse")),
        ],
        widget=forms.RadioSelect,
    )
    purpose_ok = forms.ChoiceField(
        label=_("The purpose is appropriate"), choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    public_nature_ok = forms.ChoiceField(
        label=_("Public nature"), choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    public_interest_ok = forms.ChoiceField(
        label=_("Public interest"), choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    conditions = forms.CharField(
        label=_("Conditions of approval (sent to the group)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Reason for refusing (sent to the group)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seen_status = SeenStatusField(choices=EndorsementStatus.choices)

    def checks(self) -> dict[str, bool | None]:
        data = self.cleaned_data
        return {
            name: {"yes": True, "no": False}.get(data.get(name) or "")
            for name in ("purpose_ok", "public_nature_ok", "public_interest_ok")
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for refusing: the group is told why."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking (sent to the group)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    seen_status = SeenStatusField(choices=EndorsementStatus.choices)


class StaffEndorsementFilter(PortalFilterSet):
    """The window's queue: by state and kind, the C-24 flags, and missing 実施報告."""

    VIEWS = [
        ("nominal", _("Possibly nominal co-hosting")),
        ("report_due", _("Event report missing")),
    ]

    status = django_filters.ChoiceFilter(label=_("Status"), choices=EndorsementStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EndorsementKind.choices)
    view = django_filters.ChoiceFilter(label=_("Show"), choices=VIEWS, method="filter_view")

    class Meta:
        model = EndorsementRequest
        fields = ("status", "kind")

    def filter_view(self, queryset: QuerySet[EndorsementRequest], name: str, value: str) -> Any:
        if value == "nominal":
            return queryset.filter(kind=EndorsementKind.COHOSTING, main_benefit__in=list(NOMINAL_BENEFITS))
        if value == "report_due":
            return queryset.filter(report_due_q())
        return queryset
