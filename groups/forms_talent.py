"""Forms of the talent bank: they parse; the services in groups.services.talent decide."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.models import (
    BUDGET_LIMIT,
    CandidacyStatus,
    HelperKind,
    ProfileStatus,
    RequestStatus,
    TalentProfile,
    TalentRequest,
    TalentSkill,
)
from portal import search
from portal.filters import PortalFilterSet
from portal.forms import BoundedDatesMixin, ModelMultipleChoiceField, SeenStatusField
from portal.models import Area

CHECKBOXES = forms.CheckboxSelectMultiple


def _skills() -> ModelMultipleChoiceField:
    return ModelMultipleChoiceField(label=_("Skills"), queryset=TalentSkill.objects.active(), widget=CHECKBOXES)


class ProfileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Registering as"), choices=HelperKind.choices, widget=forms.RadioSelect)
    display_name = forms.CharField(
        label=_("Public name or nickname"),
        max_length=60,
        help_text=_(
            "Shown on the public talent bank instead of your name, e.g. “Tax accountant K” or “Tanaka, web design”."
        ),
    )
    skills = _skills()
    areas = ModelMultipleChoiceField(
        label=_("Areas where you can help"), queryset=Area.objects.active(), widget=CHECKBOXES
    )
    experience = forms.CharField(
        label=_("Experience and qualifications"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Seen by staff and coordinators only."),
    )
    introduction = forms.CharField(
        label=_("Public introduction"), max_length=1500, widget=forms.Textarea(attrs={"rows": 5})
    )
    weekdays = forms.BooleanField(label=_("Weekday daytime"), required=False)
    evenings = forms.BooleanField(label=_("Weekday evenings"), required=False)
    weekends = forms.BooleanField(label=_("Weekends and holidays"), required=False)
    availability_note = forms.CharField(label=_("Availability, in your words"), max_length=200, required=False)
    pro_bono = forms.BooleanField(label=_("I help for free (pro bono)"), required=False)
    fee_note = forms.CharField(
        label=pgettext_lazy("talent bank", "Fee"),
        max_length=200,
        required=False,
        help_text=_("e.g. “3,000 yen an hour, travel extra”."),
    )
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=20,
        required=False,
        help_text=_("Seen by coordinators only, and by a group once you are introduced to it."),
    )

    @classmethod
    def initial_for(cls, profile: TalentProfile | None) -> dict[str, Any]:
        if profile is None:
            return {"kind": HelperKind.PERSON, "pro_bono": True}
        initial = {name: getattr(profile, name) for name in cls.base_fields if name not in ("skills", "areas")}
        return {**initial, "skills": list(profile.skills.all()), "areas": list(profile.areas.all())}


class ConfirmStatusForm(forms.Form):
    """A confirmed button on a workflow object, with the state the person saw."""

    confirm = forms.BooleanField(label=_("I confirm."), required=True)
    seen_status = SeenStatusField(choices=())

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_status"].choices = choices


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", pgettext_lazy("talent review decision", "Publish")),
            ("return", pgettext_lazy("talent review decision", "Return for changes")),
            ("suspend", pgettext_lazy("talent review decision", "Suspend")),
        ],
    )
    note = forms.CharField(
        label=_("Reason (required to return or suspend)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seen_status = SeenStatusField(ProfileStatus.choices)


class RequestForm(BoundedDatesMixin, forms.Form):
    title = forms.CharField(
        label=_("What help is needed"),
        max_length=120,
        help_text=_("e.g. setting up accounting software and the year-end accounts"),
    )
    skills = _skills()
    description = forms.CharField(
        label=_("Details"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you need, what you have tried, how many meetings. Do not write personal data here."),
    )
    period_start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    budget = forms.IntegerField(
        label=_("Budget (yen)"),
        min_value=0,
        max_value=BUDGET_LIMIT,
        initial=0,
        help_text=_("0 means you are looking for pro bono help."),
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.active(), required=False)


class ProposeForm(forms.Form):
    profile = forms.IntegerField(label=_("Helper (registration number)"), min_value=1, max_value=2**31 - 1)
    message = forms.CharField(
        label=_("Message to the helper"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    seen_status = SeenStatusField(RequestStatus.choices)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How the request ends"),
        widget=forms.RadioSelect,
        choices=[
            (RequestStatus.COMPLETED, pgettext_lazy("talent request close", "Done")),
            (RequestStatus.UNMATCHED, pgettext_lazy("talent request close", "No helper found")),
        ],
    )
    note = forms.CharField(
        label=_("Note to the group"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    seen_status = SeenStatusField(RequestStatus.choices)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Can you help?"),
        widget=forms.RadioSelect,
        choices=[
            ("accept", pgettext_lazy("talent candidacy answer", "Yes, I can help")),
            ("decline", pgettext_lazy("talent candidacy answer", "No, not this time")),
        ],
    )
    note = forms.CharField(
        label=_("Note to the coordinator"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    seen_status = SeenStatusField(CandidacyStatus.choices)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How did it go?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (5, _("5 — very well")),
            (4, _("4 — well")),
            (3, _("3 — so-so")),
            (2, _("2 — not well")),
            (1, _("1 — badly")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment (read by staff and coordinators only)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- Filters ---------------------------------------------------------------------------------


class TalentFilter(PortalFilterSet):
    """The public bank: approved registrations by skill, area, pro bono and keyword."""

    q = django_filters.CharFilter(label=_("Keyword"), method="filter_q", max_length=100)
    skill = django_filters.ModelChoiceFilter(
        label=_("Skill"), field_name="skills", to_field_name="slug", queryset=TalentSkill.objects.active()
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), field_name="areas", to_field_name="slug", queryset=Area.objects.active()
    )
    pro_bono = django_filters.BooleanFilter(
        label=_("Pro bono only"), method="filter_pro_bono", widget=forms.CheckboxInput
    )

    class Meta:
        model = TalentProfile
        fields: list[str] = []

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        return search.filter_queryset(queryset, value, kind="groups.talent")

    def filter_pro_bono(self, queryset: Any, name: str, value: bool) -> Any:
        return queryset.filter(pro_bono=True) if value else queryset


class BankFilter(TalentFilter):
    """The coordinator's search of the whole bank (any state, private text too)."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProfileStatus.choices)

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        for term in value.split()[:8]:
            queryset = queryset.filter(
                Q(display_name__icontains=term)
                | Q(introduction__icontains=term)
                | Q(experience__icontains=term)
                | Q(user__full_name__icontains=term)
            )
        return queryset


class QueueFilter(PortalFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    skill = django_filters.ModelChoiceFilter(
        label=_("Skill"), field_name="skills", to_field_name="slug", queryset=TalentSkill.objects.active()
    )

    class Meta:
        model = TalentRequest
        fields: list[str] = []
