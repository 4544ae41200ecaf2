from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.models import (
    DISCLOSABLE_FIELDS,
    ApplicationStatus,
    CommunityGroup,
    Event,
    EventStatus,
    GroupStatus,
    MembershipRole,
    VolunteerOpening,
)
from portal.forms import BoundedDatesMixin, ModelMultipleChoiceField, SeenStatusField
from portal.models import ActivityField, Area

PROFILE_FORM_FIELDS = [
    "name",
    "name_kana",
    "organisation_form",
    "corporate_number",
    "founded_on",
    "fields",
    "areas",
    "purpose",
    "activities",
    "meeting_place",
    "meeting_schedule",
    "member_count",
    "member_count_local",
    "representative_name",
    "representative_kana",
    "contact_name",
    "contact_kana",
    "contact_email",
    "contact_phone",
    "address",
    "website",
    "sns",
]


class GroupProfileForm(BoundedDatesMixin, forms.ModelForm):
    """The group's data (registration, correction, profile edits, renewal)."""

    date_ranges = {"founded_on": "FOUNDING"}

    fields = ModelMultipleChoiceField(
        label=_("Activity fields"),
        queryset=ActivityField.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every field the group is active in."),
    )
    areas = ModelMultipleChoiceField(
        label=_("Areas"), queryset=Area.objects.active(), widget=forms.CheckboxSelectMultiple
    )
    disclosed_fields = forms.MultipleChoiceField(
        label=_("Information shown to the public"),
        choices=list(DISCLOSABLE_FIELDS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "The name, purpose, activities, fields and areas are always public. Tick what else the directory may "
            "show. Personal contact details stay private unless you tick them."
        ),
    )

    class Meta:
        model = CommunityGroup
        fields = [*PROFILE_FORM_FIELDS, "disclosed_fields"]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "activities": forms.Textarea(attrs={"rows": 6}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "corporate_number": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "13"}),
        }
        help_texts = {
            "corporate_number": _("13 digits, only if the group is incorporated."),
            "name_kana": _("In katakana."),
            "member_count_local": _("Of all members, those who live, work or study in the city."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        total, local = data.get("member_count"), data.get("member_count_local")
        if total is not None and local is not None and local > total:
            self.add_error("member_count_local", _("This cannot be more than the number of members."))
        return data

    def service_data(self) -> dict[str, Any]:
        """The cleaned values for the service, without the many-to-many fields."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("fields", "areas")}


class GroupRegistrationForm(GroupProfileForm):
    declares_non_profit = forms.BooleanField(
        label=_("The activity is non-profit and serves the public interest."), required=True
    )
    declares_not_religious = forms.BooleanField(
        label=_("Its main purpose is not to spread a religious teaching, hold religious rites or educate believers."),
        required=True,
    )
    declares_not_political = forms.BooleanField(
        label=_("Its main purpose is not to promote, support or oppose a political principle."), required=True
    )
    declares_not_electoral = forms.BooleanField(
        label=_(
            "It does not recommend, support or oppose any candidate for public office, holder of public office "
            "or political party."
        ),
        required=True,
    )
    rules_file = forms.FileField(
        label=_("Rules of the group"),
        required=False,
        help_text=_("PDF, JPEG, PNG, Word or Excel, at most 5 MB. Seen only by the group and city staff."),
    )
    members_file = forms.FileField(
        label=_("List of members"),
        required=False,
        help_text=_("PDF, JPEG, PNG, Word or Excel, at most 5 MB. Seen only by the group and city staff."),
    )


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", pgettext_lazy("review decision", "Approve (register)")
    RETURN = "return", pgettext_lazy("review decision", "Return for correction")
    REJECT = "reject", pgettext_lazy("review decision", "Reject")


class GroupReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ReviewDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when returning or rejecting."),
    )
    seen_status = SeenStatusField(GroupStatus.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("decision") in (ReviewDecision.RETURN, ReviewDecision.REJECT)
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", _("Give the reason: the applicant will read it."))
        return data


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("I confirm."), required=True)


class EventCancelForm(ConfirmForm):
    seen_status = SeenStatusField(EventStatus.choices)


INVITABLE_ROLES = [(value, label) for value, label in MembershipRole.choices if value != MembershipRole.REPRESENTATIVE]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(label=_("Role"), choices=INVITABLE_ROLES, initial=MembershipRole.MEMBER)


class MemberRoleForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=INVITABLE_ROLES)


class MemberForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)


DATETIME_LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class EventForm(BoundedDatesMixin, forms.ModelForm):
    fields = ModelMultipleChoiceField(
        label=_("Activity fields"),
        queryset=ActivityField.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "title_kana",
            "title_en",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "address",
            "fields",
            "area",
            "audience",
            "fee",
            "capacity",
            "requires_signup",
            "signup_opens_at",
            "signup_closes_at",
            "accessibility",
            "contact",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            **{name: DateTimeLocalInput() for name in ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at")},
        }
        help_texts = {
            "title_kana": _("In katakana (for reading aids and open data)."),
            "accessibility": _("Wheelchair access, sign-language interpretation, childcare, etc."),
            "signup_closes_at": _("Leave empty to accept sign-ups until the event starts."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at"):
            self.fields[name].input_formats = DATETIME_LOCAL_FORMATS
        self.fields["area"].queryset = Area.objects.active()

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "fields"}


class DepartmentEventForm(EventForm):
    department = forms.ModelChoiceField(label=_("Organising department"), queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.order_fields(["department"])

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data.pop("department", None)
        return data


class SignupForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the organiser (optional)"), required=False, max_length=500, widget=forms.TextInput
    )


class OpeningForm(BoundedDatesMixin, forms.ModelForm):
    date_ranges = {"deadline": "DEADLINE"}

    class Meta:
        model = VolunteerOpening
        fields = ["title", "description", "when", "place", "skills", "welcome_students", "people_needed", "deadline"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the group"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Introduce yourself and say when you can help. The group will see your name and e-mail address."),
    )


class DecisionForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[
            ("accept", pgettext_lazy("volunteer decision", "Accept")),
            ("decline", pgettext_lazy("volunteer decision", "Decline")),
        ]
    )
    reply = forms.CharField(label=_("Message to the applicant"), required=False, max_length=2000)
    seen_status = SeenStatusField(ApplicationStatus.choices)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Your e-mail address"), help_text=_("The group replies to this address."))
    message = forms.CharField(label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}))
    # A field people never see; bots fill it in.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_homepage(self) -> str:
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(_("This message looks like spam and was not sent."))
        return ""
