"""Forms of the facilities app. Views pass in the choices (slots, groups, rules) the
person may use; services check everything again."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from facilities import booking_rules
from facilities.availability import Slot
from facilities.models import (
    BookingChannel,
    BookingPolicy,
    BookingStatus,
    EntryStatus,
    PaymentMethod,
    PaymentStatus,
    ReductionRule,
    Resource,
    Surcharge,
)
from portal.forms import BoundedDatesMixin, ModelMultipleChoiceField, SeenStatusField
from portal.models import Department

SELF = "self"


def booker_choices(groups: Sequence[Any]) -> list[tuple[str, str]]:
    return [(f"group:{group.pk}", group.name) for group in groups] + [(SELF, _("Myself (not as a group)"))]


class BookingForm(forms.Form):
    """Book one day of a resource: which slots (rooms) or how many for how long
    (equipment), for whom, why, and the fee options."""

    booker = forms.ChoiceField(label=_("Book as"), widget=forms.RadioSelect)
    slots = forms.MultipleChoiceField(label=_("Time slots"), widget=forms.CheckboxSelectMultiple, required=False)
    quantity = forms.IntegerField(
        label=_("How many"), min_value=1, max_value=booking_rules.MAX_QUANTITY, initial=1, required=False
    )
    days = forms.IntegerField(
        label=_("For how many days"), min_value=1, max_value=booking_rules.MAX_LOAN_DAYS, initial=1, required=False
    )
    purpose = forms.CharField(label=_("Purpose of use"), max_length=200)
    expected_people = forms.IntegerField(
        label=_("Expected number of people"), min_value=1, max_value=booking_rules.MAX_PEOPLE
    )
    surcharges = ModelMultipleChoiceField(
        label=_("Surcharges that apply"),
        queryset=Surcharge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reduction_rule = forms.ModelChoiceField(
        label=_("Fee reduction or exemption"),
        queryset=ReductionRule.objects.none(),
        required=False,
        empty_label=pgettext_lazy("fee reduction", "None"),
    )
    reduction_reason = forms.CharField(
        label=_("Why the reduction applies"), max_length=300, required=False, widget=forms.TextInput
    )

    def __init__(
        self,
        *args: Any,
        resource: Resource,
        slots: Sequence[Slot],
        free_keys: set[str],
        groups: Sequence[Any] = (),
        surcharges: Any = None,
        reductions: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.resource = resource
        self.fields["booker"].choices = booker_choices(groups)
        if groups:
            self.fields["booker"].initial = f"group:{groups[0].pk}"
        else:
            self.fields["booker"].initial = SELF
        if resource.is_room:
            self.fields["slots"].required = True
            self.fields["slots"].choices = [
                (slot.key, f"{slot.label} {slot.starts_at:%-H:%M}–{slot.ends_at:%-H:%M}")
                for slot in slots
                if slot.key in free_keys
            ]
            del self.fields["quantity"], self.fields["days"]
        else:
            del self.fields["slots"]
        # The resource's bounds (capacity, stock, longest loan), checked by the field
        # itself: a max_value set after the field exists would never be checked.
        for name, (limit, message) in booking_rules.form_bounds(resource).items():
            if name in self.fields:
                field = self.fields[name]
                field.validators = [v for v in field.validators if not isinstance(v, MaxValueValidator)]
                field.validators.append(booking_rules.BoundValidator(limit, message))
                field.max_value = limit
                field.widget.attrs["max"] = limit
        self.fields["surcharges"].queryset = surcharges if surcharges is not None else Surcharge.objects.none()
        self.fields["reduction_rule"].queryset = reductions if reductions is not None else ReductionRule.objects.none()

    def booker_group_id(self) -> int | None:
        value = self.cleaned_data.get("booker", SELF)
        return int(value.split(":", 1)[1]) if value.startswith("group:") else None


class CounterBookingForm(BookingForm):
    """窓口代行入力: staff enter a booking taken at the counter or by telephone."""

    channel = forms.ChoiceField(
        label=_("Request received"),
        choices=[
            (BookingChannel.COUNTER, BookingChannel.COUNTER.label),
            (BookingChannel.PHONE, BookingChannel.PHONE.label),
        ],
    )
    group_name = forms.CharField(
        label=_("Registered group (exact name)"), max_length=200, required=False, widget=forms.TextInput
    )
    person_email = forms.EmailField(label=_("Or: the person's e-mail address"), required=False)
    department = forms.ModelChoiceField(
        label=_("Or: city department"), queryset=Department.objects.filter(is_active=True), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["groups"] = ()
        super().__init__(*args, **kwargs)
        del self.fields["booker"]
        order = ["channel", "group_name", "person_email", "department"]
        self.order_fields(order + [name for name in self.fields if name not in order])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = [bool(data.get("group_name")), bool(data.get("person_email")), bool(data.get("department"))]
        if sum(given) != 1:
            raise forms.ValidationError(_("Give exactly one of: a registered group, a person’s e-mail, a department."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False, widget=forms.TextInput)
    seen_status = SeenStatusField(BookingStatus.choices)


class StaffCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason, sent to the booker"), max_length=300, widget=forms.TextInput)
    seen_status = SeenStatusField(BookingStatus.choices)


class AttendanceForm(forms.Form):
    people = forms.IntegerField(label=_("Number of people who came"), min_value=0, max_value=10_000)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Do not approve"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the applicant (required when not approving)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seen_status = SeenStatusField(BookingStatus.choices)


class PaymentForm(forms.Form):
    method = forms.ChoiceField(label=_("Paid by"), choices=PaymentMethod.choices, widget=forms.RadioSelect)
    seen_status = SeenStatusField(PaymentStatus.choices)


class RefundForm(forms.Form):
    """The refund button: only the payment state the page showed."""

    seen_status = SeenStatusField(PaymentStatus.choices)


class ClosureForm(BoundedDatesMixin, forms.Form):
    resource = forms.ModelChoiceField(
        label=_("Room or item (leave empty for the whole facility)"), queryset=Resource.objects.none(), required=False
    )
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason (e.g. storm warning)"), max_length=200)
    reason_en = forms.CharField(label=_("Reason in English"), max_length=200, required=False)
    is_emergency = forms.BooleanField(label=_("Short-notice closure"), required=False)
    confirm = forms.BooleanField(
        label=_("I understand that every booking in this period will be cancelled and the bookers told."),
        required=True,
    )

    def __init__(self, *args: Any, facility: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = Resource.objects.filter(facility=facility)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The closure must end on or after its first day."))
        if starts and ends and (ends - starts) > datetime.timedelta(days=366):
            self.add_error("ends_on", _("A closure lasts at most a year."))
        return data


class PolicyForm(forms.ModelForm):
    class Meta:
        model = BookingPolicy
        fields = [
            "group_advance_days",
            "individual_advance_days",
            "individuals_may_book",
            "min_slots",
            "max_slots",
            "monthly_cap",
            "cancellation_deadline_days",
            "full_refund_days",
            "late_refund_percent",
        ]


class LotteryEntryForm(BoundedDatesMixin, forms.Form):
    booker = forms.ChoiceField(label=_("Enter as"), widget=forms.RadioSelect)
    resource = forms.ModelChoiceField(label=_("Room"), queryset=Resource.objects.none(), empty_label=None)
    use_date = forms.DateField(label=_("Date of use"), widget=forms.DateInput(attrs={"type": "date"}))
    division = forms.ChoiceField(label=_("Time division"))
    purpose = forms.CharField(label=_("Purpose of use"), max_length=200)
    expected_people = forms.IntegerField(label=_("Expected number of people"), min_value=1, max_value=10_000)

    def __init__(self, *args: Any, round_: Any, groups: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["booker"].choices = booker_choices(groups)
        self.fields["booker"].initial = f"group:{groups[0].pk}" if groups else SELF
        self.fields["resource"].queryset = round_.resources.all()
        self.fields["division"].choices = [
            (division.pk, f"{division.localized('name')} {division.starts:%-H:%M}–{division.ends:%-H:%M}")
            for division in round_.facility.divisions.all()
        ]
        self.fields["use_date"].widget.attrs.update(min=round_.use_month.isoformat(), max=round_.month_end.isoformat())

    def booker_group_id(self) -> int | None:
        value = self.cleaned_data.get("booker", SELF)
        return int(value.split(":", 1)[1]) if value.startswith("group:") else None


class LotteryConfirmForm(forms.Form):
    surcharges = ModelMultipleChoiceField(
        label=_("Surcharges that apply"),
        queryset=Surcharge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reduction_rule = forms.ModelChoiceField(
        label=_("Fee reduction or exemption"),
        queryset=ReductionRule.objects.none(),
        required=False,
        empty_label=pgettext_lazy("fee reduction", "None"),
    )
    reduction_reason = forms.CharField(label=_("Why the reduction applies"), max_length=300, required=False)
    seen_status = SeenStatusField(EntryStatus.choices)

    def __init__(self, *args: Any, surcharges: Any, reductions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["surcharges"].queryset = surcharges
        self.fields["reduction_rule"].queryset = reductions


class OccupancyForm(forms.Form):
    year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    facility = forms.ChoiceField(label=_("Facility"), required=False)

    def __init__(self, *args: Any, facilities: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facility"].choices = [("", _("All facilities"))] + [
            (f.slug, f.localized("name")) for f in facilities
        ]


DATETIME_LOCAL = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_LOCAL,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class LotteryRoundForm(BoundedDatesMixin, forms.Form):
    """A new lottery round; the defaults follow the common cycle: entries from the 1st
    to the 10th two months before use, the draw on the 11th, confirmation by the 20th."""

    use_month = forms.DateField(
        label=_("Month of use"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    entries_open_at = _datetime_field(_("Entries open"))
    entries_close_at = _datetime_field(_("Entries close"))
    draw_at = _datetime_field(_("Draw at"))
    confirm_by = _datetime_field(_("Winners confirm by"))
    entries_per_applicant = forms.IntegerField(
        label=_("Entries per group or person"), min_value=1, max_value=100, initial=10
    )
    resources = ModelMultipleChoiceField(
        label=_("Rooms"), queryset=Resource.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, facility: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resources"].queryset = Resource.objects.filter(
            facility=facility, kind="room", uses_lottery=True, is_active=True
        )

    @staticmethod
    def suggested(today: datetime.date) -> dict[str, Any]:
        from django.utils import timezone

        tz = timezone.get_current_timezone()
        first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)  # next month
        use_month = (first + datetime.timedelta(days=62)).replace(day=1)  # used two months after the window
        return {
            "use_month": use_month,
            "entries_open_at": datetime.datetime.combine(first, datetime.time(9), tzinfo=tz),
            "entries_close_at": datetime.datetime.combine(first.replace(day=10), datetime.time(17), tzinfo=tz),
            "draw_at": datetime.datetime.combine(first.replace(day=11), datetime.time(10), tzinfo=tz),
            "confirm_by": datetime.datetime.combine(first.replace(day=20), datetime.time(17), tzinfo=tz),
            "entries_per_applicant": 10,
        }
