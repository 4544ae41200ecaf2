from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.dates import DateRangeValidator
from portal.models import KANA_VALIDATOR, ActivityField, Area, Relationship, User


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses primary keys outside the database's integer range before querying: a
    31-digit number made SQLite raise OverflowError (a 500) instead of "not a choice"."""

    def _check_values(self, value: Any) -> Any:
        if self.to_field_name is None and not isinstance(value, str):
            for key in value:
                text = str(key).strip()
                if text.lstrip("-").isdigit() and not -(2**63) <= int(text) < 2**63:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": text[:20]}
                    )
        return super()._check_values(value)


class SeenStatusField(forms.ChoiceField):
    """The state the person saw when the page was drawn, sent back in a hidden input so
    that the service refuses a decision on a state that has changed since
    (`expected_status=` → portal.workflow `expected`). Optional: a POST without it (a
    page drawn before this field existed, a script) acts on the current state, and the
    transition map still refuses a move it does not allow; a value that is not a state
    is bad input. Cleans to the state or None."""

    widget = forms.HiddenInput

    def __init__(self, choices: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(choices=choices, **kwargs)

    def clean(self, value: Any) -> str | None:
        return super().clean(value) or None


class SeenStatusForm(forms.Form):
    """Only the state the person saw, for a decision that has no other input (a
    button): `SeenStatusForm(request.POST, choices=RoundStatus.choices)`."""

    seen_status = SeenStatusField(choices=())

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_status"].choices = choices


class BoundedDatesMixin:
    """Bounds every date and datetime field of a form to a plausible range (portal.dates):
    `date_ranges` names the range of each field by its name in portal.dates; the others
    get SCHEDULE. Date inputs also get min/max attributes for the browser."""

    date_ranges: dict[str, str] = {}
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.DateField | forms.DateTimeField):
                continue
            validator = DateRangeValidator(self.date_ranges.get(name, "SCHEDULE"))
            field.validators.append(validator)
            earliest, latest = validator.date_range.bounds()
            if field.widget.input_type == "date":
                field.widget.attrs.setdefault("min", earliest.isoformat())
                field.widget.attrs.setdefault("max", latest.isoformat())
            elif field.widget.input_type == "datetime-local":
                field.widget.attrs.setdefault("min", f"{earliest.isoformat()}T00:00")
                field.widget.attrs.setdefault("max", f"{latest.isoformat()}T23:59")


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    full_name_kana = forms.CharField(
        label=_("Full name (furigana)"),
        max_length=150,
        validators=[KANA_VALIDATOR],
        help_text=_("In katakana, e.g. ミドリ ハナコ."),
    )
    relationship = forms.ChoiceField(
        label=_("Relationship to the city"), choices=Relationship.choices, widget=forms.RadioSelect
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=User._meta.get_field("preferred_language").choices
    )
    agree_terms = forms.BooleanField(label=_("I agree to the terms of use and the privacy policy."), required=True)

    field_order = [
        "email",
        "password1",
        "password2",
        "full_name",
        "full_name_kana",
        "relationship",
        "preferred_language",
        "agree_terms",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agree_terms"].help_text = format_html(
            '<a href="{}">{}</a> / <a href="{}">{}</a>',
            reverse("portal:page", args=["terms"]),
            _("Terms of use"),
            reverse("portal:page", args=["privacy"]),
            _("Privacy policy"),
        )

    def signup(self, request: Any, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"]
        user.full_name_kana = self.cleaned_data["full_name_kana"]
        user.relationship = self.cleaned_data["relationship"]
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save(update_fields=["full_name", "full_name_kana", "relationship", "preferred_language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("full_name", "full_name_kana", "relationship", "preferred_language")
        widgets = {"relationship": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["relationship"].required = True


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be deleted and cannot be restored."),
        required=True,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


def form_errors_from(error: ValidationError, form: Any) -> None:
    """Put a service's ValidationError on the form (field errors where they belong, the
    rest on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SiteSearchForm(forms.Form):
    """The site search's query (portal.search): words, and optionally an activity
    field, an area and one kind of result."""

    q = forms.CharField(label=_("Words to search for"), max_length=100, required=False)
    field = forms.ModelChoiceField(
        label=_("Activity field"), queryset=ActivityField.objects.active(), to_field_name="slug", required=False
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.active(), to_field_name="slug", required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from portal import search

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Everything")), *((k.key, k.label) for k in search.kinds())]
        self.fields["field"].empty_label = _("Any field")
        self.fields["area"].empty_label = _("Any area")
