"""Forms of the generic committee-review pages (`portal.review_views`): the score sheet,
a conflict-of-interest declaration, adding a member, and the admin's committee and
score-sheet forms. They check the shape of the input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BoundedDatesMixin
from portal.models import User
from portal.models_review import CommitteeMemberKind, Criterion, ReviewCommittee

__all__ = [
    "CommitteeCreateForm",
    "ConflictForm",
    "CriterionForm",
    "MemberAddForm",
    "ScoreForm",
    "ScoreSheetForm",
]


class ScoreForm(forms.Form):
    """One member's score sheet: a score (0 … the criterion's maximum) and a comment per
    criterion, and an overall comment. Fields `score_<id>` and `comment_<id>`."""

    overall_comment = forms.CharField(
        label=_("Overall comment"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        overall = self.fields.pop("overall_comment")
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.localized("name"),
                min_value=0,
                max_value=criterion.max_points,
                help_text=_("From 0 to %(max)s points.") % {"max": criterion.max_points},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.localized("name")},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["overall_comment"] = overall

    def rows(self) -> list[tuple[Criterion, Any, Any]]:
        """(criterion, score field, comment field) for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the conflict of interest"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: I advise the applying group."),
    )


class MemberAddForm(BoundedDatesMixin, forms.Form):
    date_ranges = {"access_ends_on": "DEADLINE"}

    email = forms.EmailField(label=_("E-mail address of the member"), max_length=254)
    kind = forms.ChoiceField(label=_("Kind of member"), choices=CommitteeMemberKind.choices)
    access_ends_on = forms.DateField(
        label=_("Access ends on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("After this date the member sees nothing of the committee."),
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody with this e-mail address has an account."), code="unknown")
        return user


class CommitteeCreateForm(forms.ModelForm):
    """The admin's form for a new committee (saved through `committee_create`)."""

    class Meta:
        model = ReviewCommittee
        fields = ("name", "name_en", "fiscal_year", "chair", "anonymised", "pass_mark")


class ScoreSheetForm(forms.Form):
    name = forms.CharField(label=_("Name of the score sheet"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    name_en = forms.CharField(label=_("Criterion (English)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100)
    max_points = forms.IntegerField(label=_("Maximum points"), min_value=1, max_value=100)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=3, max_num=30, validate_max=True, can_delete=True)
