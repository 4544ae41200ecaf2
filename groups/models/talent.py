"""The talent bank (人材バンク): helpers (協働サポーター) who register their skills, groups'
requests for help, the coordinator's candidates and introductions, and how it went.

Contact details (the helper's account e-mail and telephone, the group's contact) are
never public: coordinators see them, and each side sees the other's only once the
coordinator has introduced them (`TalentCandidacy.status == introduced`)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.models.registration import PHONE_VALIDATOR
from portal.dates import storable_date_constraint
from portal.models import Taxonomy, TimeStampedModel
from portal.workflow import Workflow

BUDGET_LIMIT = 100_000_000  # yen; a request's budget above this is a typing mistake


class TalentSkill(Taxonomy):
    """A skill helpers offer and groups ask for (会計, 税務, 労務…), edited by staff."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("talent-bank skill")
        verbose_name_plural = _("talent-bank skills")


class HelperKind(models.TextChoices):
    PERSON = "person", pgettext_lazy("talent helper kind", "Individual")
    BUSINESS = "business", pgettext_lazy("talent helper kind", "Business or organisation")


class ProfileStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("talent profile status", "Waiting for review")
    APPROVED = "approved", pgettext_lazy("talent profile status", "Published")
    RETURNED = "returned", pgettext_lazy("talent profile status", "Returned for changes")
    SUSPENDED = "suspended", pgettext_lazy("talent profile status", "Suspended")
    WITHDRAWN = "withdrawn", pgettext_lazy("talent profile status", "Withdrawn")


PROFILE_WORKFLOW = Workflow(
    choices=ProfileStatus,
    transitions={
        ProfileStatus.PENDING: frozenset({ProfileStatus.APPROVED, ProfileStatus.RETURNED, ProfileStatus.WITHDRAWN}),
        # An approved helper's change to public text goes back to review ("pending").
        ProfileStatus.APPROVED: frozenset({ProfileStatus.PENDING, ProfileStatus.SUSPENDED, ProfileStatus.WITHDRAWN}),
        ProfileStatus.RETURNED: frozenset({ProfileStatus.PENDING, ProfileStatus.WITHDRAWN}),
        ProfileStatus.SUSPENDED: frozenset({ProfileStatus.APPROVED, ProfileStatus.WITHDRAWN}),
        # Registering again after withdrawing starts a new review.
        ProfileStatus.WITHDRAWN: frozenset({ProfileStatus.PENDING}),
    },
    action_prefix="groups.talentprofile",
    label=pgettext_lazy("workflow", "Talent-bank registration"),
    events={ProfileStatus.PENDING: "submitted"},
)

# Fields the public sees: a change to these sends an approved profile back to review.
PUBLIC_TEXT_FIELDS = ("display_name", "introduction", "fee_note")


class TalentProfile(TimeStampedModel):
    """One helper's registration (an account: a person or a business)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent_profile", verbose_name=_("account")
    )
    kind = models.CharField(_("registering as"), max_length=20, choices=HelperKind.choices, default=HelperKind.PERSON)
    display_name = models.CharField(
        _("public name or nickname"),
        max_length=60,
        help_text=_(
            "Shown on the public talent bank instead of your name, e.g. “Tax accountant K” or “Tanaka, web design”."
        ),
    )
    skills = models.ManyToManyField(TalentSkill, related_name="profiles", verbose_name=_("skills"))
    areas = models.ManyToManyField("portal.Area", related_name="talent_profiles", verbose_name=_("areas"))
    experience = models.TextField(
        _("experience and qualifications"),
        max_length=3000,
        help_text=_("Seen by staff and coordinators only."),
    )
    introduction = models.TextField(_("public introduction"), max_length=1500)
    weekdays = models.BooleanField(_("weekday daytime"), default=False)
    evenings = models.BooleanField(_("weekday evenings"), default=False)
    weekends = models.BooleanField(_("weekends and holidays"), default=False)
    availability_note = models.CharField(_("availability, in your words"), max_length=200, blank=True)
    pro_bono = models.BooleanField(
        _("I help for free (pro bono)"), default=True, help_text=_("Untick if you help for a fee.")
    )
    fee_note = models.CharField(
        pgettext_lazy("talent bank", "fee"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “3,000 yen an hour, travel extra”."),
    )
    phone = models.CharField(
        _("telephone"),
        max_length=20,
        blank=True,
        validators=[PHONE_VALIDATOR],
        help_text=_("Seen by coordinators only, and by a group once you are introduced to it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProfileStatus.choices, default=ProfileStatus.PENDING, db_index=True
    )
    review_note = models.TextField(_("reason given by the reviewer"), max_length=2000, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": PROFILE_WORKFLOW}

    class Meta:
        verbose_name = _("talent-bank registration")
        verbose_name_plural = _("talent-bank registrations")
        ordering = ("-created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pro_bono=True) | ~models.Q(fee_note=""),
                name="talentprofile_fee_note_when_paid",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("talent:helper", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == ProfileStatus.APPROVED


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("talent request status", "Waiting for a coordinator")
    PROPOSED = "proposed", pgettext_lazy("talent request status", "Candidates proposed")
    INTRODUCED = "introduced", pgettext_lazy("talent request status", "Introduced")
    COMPLETED = "completed", pgettext_lazy("talent request status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("talent request status", "Cancelled by the group")
    UNMATCHED = "unmatched", pgettext_lazy("talent request status", "Closed without a match")


OPEN_REQUEST_STATES = (RequestStatus.SUBMITTED, RequestStatus.PROPOSED)

REQUEST_WORKFLOW = Workflow(
    choices=RequestStatus,
    transitions={
        RequestStatus.SUBMITTED: frozenset({RequestStatus.PROPOSED, RequestStatus.CANCELLED, RequestStatus.UNMATCHED}),
        RequestStatus.PROPOSED: frozenset({RequestStatus.INTRODUCED, RequestStatus.CANCELLED, RequestStatus.UNMATCHED}),
        RequestStatus.INTRODUCED: frozenset({RequestStatus.COMPLETED}),
        RequestStatus.COMPLETED: frozenset(),
        RequestStatus.CANCELLED: frozenset(),
        RequestStatus.UNMATCHED: frozenset(),
    },
    action_prefix="groups.talentrequest",
    label=pgettext_lazy("workflow", "Request for help"),
)


class TalentRequest(TimeStampedModel):
    """A group's request (依頼) for a helper."""

    group = models.ForeignKey(
        "groups.CommunityGroup", on_delete=models.CASCADE, related_name="talent_requests", verbose_name=_("group")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("asked by")
    )
    title = models.CharField(_("what help is needed"), max_length=120)
    skills = models.ManyToManyField(TalentSkill, related_name="requests", verbose_name=_("skills needed"))
    description = models.TextField(_("details"), max_length=3000)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(pgettext_lazy("talent bank", "until"))
    budget = models.PositiveIntegerField(
        _("budget (yen)"),
        default=0,
        validators=[MaxValueValidator(BUDGET_LIMIT)],
        help_text=_("0 means you are looking for pro bono help."),
    )
    area = models.ForeignKey(
        "portal.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("area")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED, db_index=True
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    introduced_at = models.DateTimeField(_("introduced at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_note = models.TextField(_("note on closing"), max_length=2000, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": REQUEST_WORKFLOW}

    class Meta:
        verbose_name = _("request for help")
        verbose_name_plural = _("requests for help")
        ordering = ("-created_at", "pk")
        constraints = [
            storable_date_constraint("talentrequest_period_in_range", "period_start", "period_end"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="talentrequest_period_order"
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["introduced", "completed"]) | models.Q(introduced_at__isnull=False),
                name="talentrequest_introduced_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("talent:request", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATES

    @property
    def is_pro_bono(self) -> bool:
        return self.budget == 0


class CandidacyStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("talent candidacy status", "Waiting for the helper's answer")
    ACCEPTED = "accepted", pgettext_lazy("talent candidacy status", "Accepted by the helper")
    DECLINED = "declined", pgettext_lazy("talent candidacy status", "Declined by the helper")
    INTRODUCED = "introduced", pgettext_lazy("talent candidacy status", "Introduced")
    WITHDRAWN = "withdrawn", pgettext_lazy("talent candidacy status", "No longer needed")


CANDIDACY_WORKFLOW = Workflow(
    choices=CandidacyStatus,
    transitions={
        CandidacyStatus.PROPOSED: frozenset(
            {CandidacyStatus.ACCEPTED, CandidacyStatus.DECLINED, CandidacyStatus.WITHDRAWN}
        ),
        CandidacyStatus.ACCEPTED: frozenset({CandidacyStatus.INTRODUCED, CandidacyStatus.WITHDRAWN}),
        CandidacyStatus.DECLINED: frozenset(),
        CandidacyStatus.INTRODUCED: frozenset(),
        CandidacyStatus.WITHDRAWN: frozenset(),
    },
    action_prefix="groups.talentcandidacy",
    label=pgettext_lazy("workflow", "Candidate helper"),
)


class TalentCandidacy(TimeStampedModel):
    """A helper the coordinator proposed for a request."""

    request = models.ForeignKey(
        TalentRequest, on_delete=models.CASCADE, related_name="candidacies", verbose_name=_("request for help")
    )
    profile = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="candidacies", verbose_name=_("helper")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("proposed by")
    )
    message = models.TextField(_("message to the helper"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CandidacyStatus.choices, default=CandidacyStatus.PROPOSED, db_index=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_note = models.TextField(_("helper's note"), max_length=2000, blank=True)
    introduced_at = models.DateTimeField(_("introduced at"), null=True, blank=True, db_index=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": CANDIDACY_WORKFLOW}

    class Meta:
        verbose_name = _("candidate helper")
        verbose_name_plural = _("candidate helpers")
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=["request", "profile"], name="talentcandidacy_once_per_request"),
            models.UniqueConstraint(
                fields=["request"], condition=models.Q(status="introduced"), name="talentcandidacy_one_introduction"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="introduced") | models.Q(introduced_at__isnull=False),
                name="talentcandidacy_introduced_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} / {self.profile}"


class FeedbackSide(models.TextChoices):
    GROUP = "group", pgettext_lazy("talent feedback side", "Group")
    HELPER = "helper", pgettext_lazy("talent feedback side", "Helper")


class TalentFeedback(TimeStampedModel):
    """How it went, recorded by each side after an introduction: private to staff and
    coordinators."""

    request = models.ForeignKey(
        TalentRequest, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("request for help")
    )
    side = models.CharField(pgettext_lazy("talent bank", "side"), max_length=10, choices=FeedbackSide.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("written by")
    )
    rating = models.PositiveSmallIntegerField(
        _("how it went (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("matching feedback")
        verbose_name_plural = _("matching feedback")
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=["request", "side"], name="talentfeedback_once_per_side"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="talentfeedback_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.request} / {self.get_side_display()}"
