"""Committee review (審査会), written once for any app that has things to review.

The reviewed thing is any model instance, held by a generic relation (content type +
object id; integer primary keys). Nothing here knows what is reviewed: the app that
uses it registers a small adapter (`portal.review_services.register_review_adapter`)
that says who the applicants are (for automatic 除斥) and how the applicant is named
(hidden when the committee reviews anonymously).

Weights: the criteria of a score sheet must have weights summing to exactly 100 (checked
when scoring opens, `ScoreSheet.weight_errors`), so a member's weighted total is
Σ score / max × weight, out of 100, with no hidden normalisation.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import BilingualMixin, TimeStampedModel
from portal.workflow import Workflow

__all__ = [
    "SCORING_WORKFLOW",
    "CommitteeMember",
    "CommitteeMemberKind",
    "ConflictDeclaration",
    "Criterion",
    "CriterionScore",
    "Review",
    "ReviewCommittee",
    "ScoreSheet",
    "ScoringStatus",
]


class ScoringStatus(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("scoring status", "Preparing")
    SCORING = "scoring", pgettext_lazy("scoring status", "Scoring open")
    CLOSED = "closed", pgettext_lazy("scoring status", "Scoring closed")


SCORING_WORKFLOW = Workflow(
    choices=ScoringStatus,
    transitions={
        ScoringStatus.PREPARING: frozenset({ScoringStatus.SCORING}),
        ScoringStatus.SCORING: frozenset({ScoringStatus.CLOSED}),
        ScoringStatus.CLOSED: frozenset(),
    },
    action_prefix="portal.reviewcommittee",
    label=pgettext_lazy("workflow label", "Review committee"),
    events={ScoringStatus.SCORING: "scoring_opened", ScoringStatus.CLOSED: "scoring_closed"},
)


class ReviewCommittee(BilingualMixin, TimeStampedModel):
    """審査会: a chair, members and one score sheet; scores are given while scoring is open."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chaired_committees", verbose_name=_("chair")
    )
    anonymised = models.BooleanField(
        _("anonymised review"), default=False, help_text=_("Members do not see the applicant's name.")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark"), default=60, validators=[MaxValueValidator(100)], help_text=_("Out of 100.")
    )
    scoring_status = models.CharField(
        _("scoring status"),
        max_length=20,
        choices=ScoringStatus.choices,
        default=ScoringStatus.PREPARING,
        db_index=True,
    )

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"scoring_status": SCORING_WORKFLOW}

    class Meta:
        verbose_name = _("review committee")
        verbose_name_plural = _("review committees")
        ordering = ("-fiscal_year", "name")
        constraints = [
            models.CheckConstraint(condition=models.Q(pass_mark__lte=100), name="reviewcommittee_pass_mark_range"),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.localized('name')}"

    @property
    def scoring_open(self) -> bool:
        return self.scoring_status == ScoringStatus.SCORING

    @property
    def scoring_closed(self) -> bool:
        return self.scoring_status == ScoringStatus.CLOSED


class CommitteeMemberKind(models.TextChoices):
    CITY_STAFF = "city_staff", pgettext_lazy("committee member kind", "City staff")
    EXPERT = "expert", pgettext_lazy("committee member kind", "Academic expert")
    CITIZEN = "citizen", pgettext_lazy("committee member kind", "Citizen member")


class CommitteeMember(TimeStampedModel):
    """審査委員. After `access_ends_on` the member sees nothing of the committee."""

    committee = models.ForeignKey(
        ReviewCommittee, on_delete=models.CASCADE, related_name="members", verbose_name=_("review committee")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="committee_memberships",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CommitteeMemberKind.choices)
    access_ends_on = models.DateField(_("access ends on"))

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ("committee", "pk")
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="committeemember_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.committee} / {self.user}"


class ScoreSheet(BilingualMixin, TimeStampedModel):
    """評価シート: the criteria a committee scores by."""

    committee = models.OneToOneField(
        ReviewCommittee, on_delete=models.CASCADE, related_name="score_sheet", verbose_name=_("review committee")
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self) -> str:
        return self.localized("name")

    @staticmethod
    def weight_errors(criteria: list[Criterion]) -> list[str]:
        """Why these criteria cannot be scored by: none, or weights not summing to 100."""
        if not criteria:
            return [str(_("The score sheet has no criteria."))]
        total = sum(c.weight for c in criteria)
        if total != 100:
            return [str(_("The criteria's weights add up to %(total)s; they must add up to 100.") % {"total": total})]
        return []


class Criterion(BilingualMixin, models.Model):
    """評価項目 with its weight (配点 in the total out of 100) and the most points a member may give."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("score sheet")
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Share of the total of 100."),
    )
    max_points = models.PositiveSmallIntegerField(
        _("maximum points"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ("sheet", "order", "pk")
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=1, weight__lte=100), name="criterion_weight_range"),
            models.CheckConstraint(
                condition=models.Q(max_points__gte=1, max_points__lte=100), name="criterion_max_points_range"
            ),
        ]

    def __str__(self) -> str:
        return self.localized("name")


class ReviewedObjectMixin(models.Model):
    """The generic relation to the reviewed thing (integer primary keys)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("type"))
    object_id = models.PositiveBigIntegerField(_("object ID"))
    reviewed = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class Review(ReviewedObjectMixin, TimeStampedModel):
    """One member's score sheet for one reviewed object (one per member and object)."""

    committee = models.ForeignKey(
        ReviewCommittee, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("review committee")
    )
    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("committee member")
    )
    overall_comment = models.TextField(_("overall comment"), blank=True)
    # Σ score / max × weight over the criteria, out of 100: written with the scores by
    # `review_save`, so that a ranked summary of thousands of objects reads one number
    # per review instead of every criterion's score.
    total = models.DecimalField(_("weighted total"), max_digits=5, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ("committee", "content_type", "object_id", "member")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "content_type", "object_id"], name="review_one_per_member_and_object"
            ),
        ]
        indexes = [models.Index(fields=["committee", "content_type", "object_id"], name="review_object_idx")]

    def __str__(self) -> str:
        return f"{self.member} / {self.content_type_id}:{self.object_id}"


class CriterionScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review"))
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ("review", "criterion__order", "criterion_id")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="criterionscore_one_per_criterion"),
            # The criterion's own maximum is checked by clean(); the database keeps the
            # score within the widest possible range.
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=100), name="criterionscore_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"

    def clean(self) -> None:
        criterion = self.criterion
        if isinstance(self.score, int) and not 0 <= self.score <= criterion.max_points:
            raise ValidationError(
                {
                    "score": _("%(criterion)s: give between 0 and %(max)s points.")
                    % {"criterion": criterion.localized("name"), "max": criterion.max_points}
                },
                code="score_range",
            )


class ConflictDeclaration(ReviewedObjectMixin, TimeStampedModel):
    """除斥: the member takes no part in reviewing the object — automatically (they belong
    to the applicant group) or declared by themselves with a reason."""

    member = models.ForeignKey(
        CommitteeMember, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("committee member")
    )
    reason = models.TextField(_("reason"))
    automatic = models.BooleanField(_("detected automatically"), default=False)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ("member", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "content_type", "object_id"], name="conflict_one_per_member_and_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} / {self.content_type_id}:{self.object_id}"


def object_key(obj: models.Model | Any) -> tuple[int, int]:
    """(content type id, object id) of a reviewed object."""
    return ContentType.objects.get_for_model(obj).pk, int(obj.pk)
