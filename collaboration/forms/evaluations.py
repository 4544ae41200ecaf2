"""Forms of the evaluations area: opening a round, a partner's evaluation (itself or
another partner), the committee's third-party evaluation, and the release."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collaboration.models import EVALUATION_QUESTIONS, ProjectPartner
from portal.forms import BoundedDatesMixin

__all__ = ["EvaluationForm", "ReleaseForm", "RoundOpenForm", "ThirdPartyForm"]

SCORES = [(str(n), str(n)) for n in range(1, 6)]


class RoundOpenForm(BoundedDatesMixin, forms.Form):
    date_ranges = {"due_on": "SCHEDULE"}

    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    is_final = forms.TypedChoiceField(
        label=_("Kind of round"),
        choices=[("1", _("Final (after the project ended)")), ("0", _("Yearly (long projects)"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    due_on = forms.DateField(
        label=_("Evaluations due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The partners are reminded 14 and 3 days before."),
    )


class _ScoresForm(forms.Form):
    """The four questions, each scored 1–5 with a comment, and an overall comment."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question, label in EVALUATION_QUESTIONS:
            self.fields[f"{question}_score"] = forms.TypedChoiceField(
                label=label,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = not at all, 5 = fully"),
            )
            self.fields[f"{question}_comment"] = forms.CharField(
                label=_("Comment: %(question)s") % {"question": label},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["overall"] = forms.CharField(
            label=_("Overall comment"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
        )

    def scores(self) -> dict[str, Any]:
        names = [n for q, _label in EVALUATION_QUESTIONS for n in (f"{q}_score", f"{q}_comment")]
        return {name: self.cleaned_data[name] for name in [*names, "overall"]}


class EvaluationForm(_ScoresForm):
    """A partner's evaluation: of itself (self-evaluation) or of another partner."""

    evaluator = forms.TypedChoiceField(label=_("Evaluating as"), coerce=int, choices=())
    subject = forms.TypedChoiceField(
        label=_("Evaluation of"),
        coerce=int,
        empty_value=None,
        choices=(),
        required=False,
    )

    def __init__(
        self, *args: Any, evaluators: list[ProjectPartner], partners: list[ProjectPartner], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["evaluator", "subject"])
        self.fields["evaluator"].choices = [(p.pk, p.display_name) for p in evaluators]
        self.fields["subject"].choices = [
            ("", _("Ourselves (self-evaluation)")),
            *((p.pk, p.display_name) for p in partners),
        ]


class ThirdPartyForm(_ScoresForm):
    """The committee's third-party evaluation, entered by the window."""

    committee = forms.ModelChoiceField(label=_("Committee"), queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, committees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["committee"])
        self.fields["committee"].queryset = committees


class ReleaseForm(forms.Form):
    confirm = forms.BooleanField(label=_("Publish the evaluations of this round on the project page"))
