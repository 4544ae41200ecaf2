"""Forms of the window area: the staff queue's filters and the staff proposal page's
forms (message, department answer, private note, routing, review, presentation,
decision) and the publication of a call's decisions."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from collaboration.models import Call, CallStatus, ProposalStatus
from portal.filters import PortalFilterSet
from portal.forms import BoundedDatesMixin, SeenStatusField
from portal.models import Department

P = ProposalStatus
BODY_LIMIT = 4000


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise forms.ValidationError(_("Write this on one line."), code="line_break")
    return value


class QueueFilter(PortalFilterSet):
    """The window's queue: by call, status and routing state."""

    call = django_filters.ModelChoiceFilter(label=_("Call"), queryset=Call.objects.order_by("-fiscal_year", "pk"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProposalStatus.choices)
    routing = django_filters.ChoiceFilter(
        label=_("Routing"),
        choices=[
            ("none", _("Not routed")),
            ("waiting", _("Waiting for a department's answer")),
            ("answered", _("Every department answered")),
        ],
        method="filter_routing",
    )
    consultation = django_filters.BooleanFilter(
        label=_("Asked for prior consultation"),
        field_name="consultation_requested_at",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.CheckboxInput,
    )
    q = django_filters.CharFilter(label=_("Title or proposer"), method="filter_q", max_length=100)

    def filter_routing(self, queryset: Any, name: str, value: str) -> Any:
        if value == "none":
            return queryset.filter(routing_count=0)
        if value == "waiting":
            return queryset.filter(routing_count__gt=0, answered_count__lt=F("routing_count"))
        if value == "answered":
            return queryset.filter(routing_count__gt=0, answered_count=F("routing_count"))
        return queryset

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(group__name__icontains=value)
            | Q(business_name__icontains=value)
            | Q(receipt_number__icontains=value)
        )


class MessageForm(forms.Form):
    """A message in the proposal's thread (the proposer reads it)."""

    body = forms.CharField(
        label=_("Message to the proposer"), max_length=BODY_LIMIT, widget=forms.Textarea(attrs={"rows": 4})
    )


class AnswerForm(forms.Form):
    """A routed department's answer (担当課協議), posted in the thread."""

    department = forms.TypedChoiceField(label=pgettext_lazy("answer", "For the department"), coerce=int)
    body = forms.CharField(
        label=_("The department's answer"), max_length=BODY_LIMIT, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, departments: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = departments


class NoteForm(forms.Form):
    """A private staff note: never shown to the proposer."""

    body = forms.CharField(
        label=_("Private note (not shown to the proposer)"),
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RouteForm(forms.Form):
    """Route the proposal to a department with what it is asked."""

    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    request = forms.CharField(
        label=_("What the department is asked"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, exclude_ids: set[int] = frozenset(), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.exclude(pk__in=exclude_ids).order_by("pk")


class UnrouteForm(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.all(), widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    """Send to the call's committee (a button)."""

    seen_status = SeenStatusField(choices=ProposalStatus.choices)


class PresentationForm(BoundedDatesMixin, forms.Form):
    """The invitation to the 公開プレゼンテーション."""

    presentation_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    presentation_place = forms.CharField(label=_("Place"), max_length=200, validators=[_single_line])
    seen_status = SeenStatusField(choices=ProposalStatus.choices)


class DecisionForm(forms.Form):
    """The decision with its reason (always) and conditions (for an adoption with conditions)."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s.value, s.label) for s in (P.ADOPTED, P.CONDITIONAL, P.NOT_ADOPTED)],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (told to the proposer; for a proposal not adopted, why it cannot be adopted)"),
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    conditions = forms.CharField(
        label=_("Conditions (for an adoption with conditions)"),
        max_length=BODY_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seen_status = SeenStatusField(choices=ProposalStatus.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == P.CONDITIONAL and not (data.get("conditions") or "").strip():
            self.add_error("conditions", _("Give the conditions of the adoption."))
        return data


class PublishDecisionsForm(forms.Form):
    """Publish every decision of the call together (a button)."""

    seen_status = SeenStatusField(choices=CallStatus.choices)
