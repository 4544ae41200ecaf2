"""Subsidies (補助金): programmes per fiscal year (年度), applications with budgets, the
decision, the grant (交付決定), advances (概算払), changes (変更承認), the report
(実績報告) and the final amount (額の確定).

Every status field has its transition map here (`WORKFLOWS`); the services in
`subsidies.services` are the only writers. Amounts are whole yen. The arithmetic lives in
`subsidies.amounts` (rates are exact fractions, amounts rounded down to the unit).

Committee review is `portal`'s (`portal.models_review`): a programme names its
`ReviewCommittee`; accepted applications are the objects the committee reviews
(adapter in `subsidies.review`).
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.dates import fiscal_year, storable_date_constraint
from portal.model_fields import MAX_YEN, SLUG_VALIDATOR, YEN_VALIDATORS, period_order, yen_field, yen_range  # noqa: F401
from portal.models import BilingualMixin, TimeStampedModel
from portal.workflow import Workflow, available_transitions
from subsidies.amounts import ConfirmationRule, Limits

# --- Programmes ---------------------------------------------------------------------------


class ApplicantKind(models.TextChoices):
    """Who may apply (申請資格)."""

    REGISTERED = "registered", pgettext_lazy("applicant kind", "Registered civic-activity groups only")
    ANY_GROUP = "any_group", pgettext_lazy("applicant kind", "Registered and unregistered groups")
    AREA_COUNCIL = "area_council", pgettext_lazy("applicant kind", "Area community-building councils only")


class ExpenseCategory(BilingualMixin, TimeStampedModel):
    """費目 (報償費, 旅費, 消耗品費, …), staff-kept. A programme lists the ones it pays for."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("expense category")
        verbose_name_plural = _("expense categories")
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.localized("name")


def guide_path(instance: Programme, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "pdf"
    return f"public/subsidies/{instance.fiscal_year}/{instance.slug}-guide.{suffix}"


class Programme(BilingualMixin, TimeStampedModel):
    """補助金制度 for one fiscal year: the call, its categories (部門), the budget and dates."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    slug = models.SlugField(_("slug"), max_length=60, validators=[SLUG_VALIDATOR])
    code = models.CharField(
        _("receipt-number code"),
        max_length=10,
        validators=[RegexValidator(r"^[A-Z0-9]+$", _("Use capital letters and digits."))],
        help_text=_("Used in receipt numbers, e.g. OEN → 2026-OEN-0001."),
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    purpose = models.TextField(_("purpose"), max_length=4000)
    purpose_en = models.TextField(_("purpose (English)"), max_length=4000, blank=True)
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subsidy_programmes",
        verbose_name=_("department in charge"),
    )
    applicant_kind = models.CharField(
        _("who may apply"), max_length=20, choices=ApplicantKind.choices, default=ApplicantKind.REGISTERED
    )
    total_budget = yen_field(_("total budget (yen)"))
    eligible_expenses = models.ManyToManyField(
        ExpenseCategory, related_name="programmes", blank=True, verbose_name=_("eligible expense categories")
    )
    ineligible_note = models.CharField(
        _("ineligible expenses"),
        max_length=500,
        blank=True,
        help_text=_("For example: food and drink, the group's running costs."),
    )
    ineligible_note_en = models.CharField(_("ineligible expenses (English)"), max_length=500, blank=True)
    max_years = models.PositiveSmallIntegerField(
        _("most years for the same group"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Counted over this programme's earlier years (same slug). Empty: no limit."),
    )
    confirmation_rule = models.CharField(
        _("rule for the final amount"),
        max_length=20,
        choices=[
            (ConfirmationRule.RATE.value, _("The rate applied to the actual eligible cost")),
            (ConfirmationRule.PROPORTIONAL.value, _("The award scaled by actual ÷ planned eligible cost")),
        ],
        default=ConfirmationRule.RATE.value,
    )
    advance_max_percent = models.PositiveSmallIntegerField(
        _("advance payment, at most (% of the award)"), default=0, validators=[MaxValueValidator(100)]
    )
    change_threshold_percent = models.PositiveSmallIntegerField(
        _("change needing approval (% of an expense category)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    call_opens_at = models.DateTimeField(_("call opens at"))
    call_closes_at = models.DateTimeField(_("call closes at"))
    project_starts_on = models.DateField(_("projects start on or after"))
    project_ends_on = models.DateField(_("projects end on or before"))
    presentation_on = models.DateField(_("presentation date"), null=True, blank=True)
    presentation_place = models.CharField(_("presentation place"), max_length=200, blank=True)
    presentation_place_en = models.CharField(_("presentation place (English)"), max_length=200, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)
    report_due_on = models.DateField(_("report deadline"))
    guide = models.FileField(_("guide"), upload_to=guide_path, blank=True)
    committee = models.ForeignKey(
        "portal.ReviewCommittee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subsidy_programmes",
        verbose_name=_("review committee"),
    )
    public_screening = models.BooleanField(
        _("public screening"),
        default=False,
        help_text=_("Presentations are public and the results are published with their scores."),
    )
    schedule_published_at = models.DateTimeField(_("presentation schedule published at"), null=True, blank=True)
    decisions_published_at = models.DateTimeField(_("decisions published at"), null=True, blank=True)
    screening_results_published_at = models.DateTimeField(
        _("public screening results published at"), null=True, blank=True
    )
    next_receipt_seq = models.PositiveIntegerField(_("next receipt number"), default=1, editable=False)

    class Meta:
        verbose_name = _("subsidy programme")
        verbose_name_plural = _("subsidy programmes")
        ordering = ("-fiscal_year", "call_closes_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "slug"], name="programme_unique_slug_per_year"),
            models.UniqueConstraint(fields=["fiscal_year", "code"], name="programme_unique_code_per_year"),
            models.CheckConstraint(
                condition=models.Q(call_closes_at__gt=models.F("call_opens_at")), name="programme_call_order"
            ),
            models.CheckConstraint(
                condition=models.Q(project_ends_on__gte=models.F("project_starts_on")), name="programme_project_order"
            ),
            models.CheckConstraint(condition=models.Q(advance_max_percent__lte=100), name="programme_advance_range"),
            yen_range("total_budget", "programme_budget_range"),
            storable_date_constraint(
                "programme_dates_storable",
                "project_starts_on",
                "project_ends_on",
                "report_due_on",
                "presentation_on",
                "decision_on",
                "call_opens_at",
                "call_closes_at",
            ),
        ]
        indexes = [models.Index(fields=["fiscal_year", "call_opens_at"], name="programme_year_idx")]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.localized('name')}"

    def get_absolute_url(self) -> str:
        return reverse("subsidies:programme", args=[self.fiscal_year, self.slug])

    def call_is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.call_opens_at <= now < self.call_closes_at

    def call_state(self, now: datetime.datetime | None = None) -> str:
        """ "upcoming", "open" or "closed"."""
        now = now or timezone.now()
        if now < self.call_opens_at:
            return "upcoming"
        return "open" if now < self.call_closes_at else "closed"

    @property
    def decisions_published(self) -> bool:
        return self.decisions_published_at is not None

    @property
    def schedule_published(self) -> bool:
        return self.schedule_published_at is not None

    @property
    def screening_results_published(self) -> bool:
        return self.screening_results_published_at is not None


class ProgrammeCategory(BilingualMixin, models.Model):
    """部門: a programme's category with its rate (補助率), ceiling (上限), floor (下限),
    rounding unit, and whether only first-time applicants may use it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="categories", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    rate_numerator = models.PositiveSmallIntegerField(
        _("rate numerator"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    rate_denominator = models.PositiveSmallIntegerField(
        _("rate denominator"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    ceiling = yen_field(_("ceiling (yen)"))
    floor = yen_field(_("floor (yen)"), default=0)
    rounding_unit = models.PositiveIntegerField(
        _("rounding unit (yen)"),
        default=1000,
        validators=[MinValueValidator(1), MaxValueValidator(1_000_000)],
        help_text=_("1000: amounts below a thousand yen are cut off."),
    )
    first_time_only = models.BooleanField(
        _("first-time applicants only"),
        default=False,
        help_text=_("Only groups that have not received this programme's subsidy before."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("programme category")
        verbose_name_plural = _("programme categories")
        ordering = ("programme", "order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate_numerator__gte=1, rate_numerator__lte=models.F("rate_denominator")),
                name="category_rate_range",
            ),
            models.CheckConstraint(
                condition=models.Q(floor__lte=models.F("ceiling")), name="category_floor_le_ceiling"
            ),
            yen_range("ceiling", "category_ceiling_range"),
            models.CheckConstraint(condition=models.Q(rounding_unit__gte=1), name="category_unit_positive"),
        ]

    def __str__(self) -> str:
        return self.localized("name")

    @property
    def rate(self) -> Fraction:
        return Fraction(self.rate_numerator, self.rate_denominator)

    @property
    def rate_label(self) -> str:
        return f"{self.rate_numerator}/{self.rate_denominator}"

    @property
    def limits(self) -> Limits:
        return Limits(rate=self.rate, ceiling=self.ceiling, floor=self.floor, unit=self.rounding_unit)


class OutsideGrant(BilingualMixin, TimeStampedModel):
    """A grant from outside the city (foundation, company), kept by staff (S-02)."""

    provider = models.CharField(_("provider"), max_length=200)
    provider_en = models.CharField(_("provider (English)"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    amount = models.CharField(_("amount"), max_length=100, help_text=_("For example: up to 500,000 yen per project."))
    amount_en = models.CharField(_("amount (English)"), max_length=100, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("outside grant")
        verbose_name_plural = _("outside grants")
        ordering = ("deadline", "pk")
        constraints = [storable_date_constraint("outsidegrant_deadline_storable", "deadline")]

    def __str__(self) -> str:
        return self.localized("name")


# --- Applications ---------------------------------------------------------------------------


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("subsidy application status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("subsidy application status", "Submitted")
    RETURNED = "returned", pgettext_lazy("subsidy application status", "Returned for correction")
    ACCEPTED = "accepted", pgettext_lazy("subsidy application status", "Under review")
    ADOPTED = "adopted", pgettext_lazy("subsidy application status", "Adopted")
    REJECTED = "rejected", pgettext_lazy("subsidy application status", "Not adopted")
    GRANTED = "granted", pgettext_lazy("subsidy application status", "Grant decided")
    CONFIRMED = "confirmed", pgettext_lazy("subsidy application status", "Amount confirmed")
    WITHDRAWN = "withdrawn", pgettext_lazy("subsidy application status", "Withdrawn")


S = ApplicationStatus
APPLICATION_WORKFLOW = Workflow(
    choices=ApplicationStatus,
    transitions={
        S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
        S.SUBMITTED: frozenset({S.ACCEPTED, S.RETURNED, S.WITHDRAWN}),
        S.RETURNED: frozenset({S.SUBMITTED, S.WITHDRAWN}),
        # A decision may be taken back while the decisions are not yet published.
        S.ACCEPTED: frozenset({S.ADOPTED, S.REJECTED, S.WITHDRAWN}),
        S.ADOPTED: frozenset({S.ACCEPTED, S.GRANTED, S.WITHDRAWN}),
        S.REJECTED: frozenset({S.ACCEPTED}),
        S.GRANTED: frozenset({S.CONFIRMED}),
        S.CONFIRMED: frozenset(),
        S.WITHDRAWN: frozenset(),
    },
    action_prefix="subsidies.application",
    label=pgettext_lazy("workflow label", "Subsidy application"),
    events={
        S.SUBMITTED: "submitted",
        S.RETURNED: "returned",
        S.ACCEPTED: "accepted",
        S.ADOPTED: "adopted",
        S.REJECTED: "rejected",
        S.GRANTED: "granted",
        S.CONFIRMED: "confirmed",
        S.WITHDRAWN: "withdrawn",
    },
)

# Applications the applicant may still edit.
EDITABLE_STATUSES = frozenset({S.DRAFT, S.RETURNED})
# Applications that count as an award against the programme's budget.
AWARDED_STATUSES = frozenset({S.ADOPTED, S.GRANTED, S.CONFIRMED})
# Applications that hold the group's one place in a programme.
LIVE_STATUSES = frozenset(set(S.values) - {S.WITHDRAWN})
# Applications the committee reviews (accepted at the completeness check, and later).
REVIEWED_STATUSES = frozenset({S.ACCEPTED, S.ADOPTED, S.REJECTED, S.GRANTED, S.CONFIRMED})


class Channel(models.TextChoices):
    ONLINE = "online", pgettext_lazy("application channel", "Online")
    COUNTER = "counter", pgettext_lazy("application channel", "Paper, keyed in at the counter")
    POST = "post", pgettext_lazy("application channel", "Paper, by post, keyed in by staff")


class Application(TimeStampedModel):
    """補助金交付申請: one group's application to one programme category."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("programme")
    )
    category = models.ForeignKey(
        ProgrammeCategory, on_delete=models.PROTECT, related_name="applications", verbose_name=_("category")
    )
    group = models.ForeignKey(
        "groups.CommunityGroup",
        on_delete=models.PROTECT,
        related_name="subsidy_applications",
        verbose_name=_("group"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=S.DRAFT, db_index=True
    )
    receipt_number = models.CharField(_("receipt number"), max_length=30, null=True, blank=True, unique=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    entered_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("keyed in by (staff)"),
    )
    # The project (事業計画)
    title = models.CharField(_("project title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=4000, blank=True)
    content = models.TextField(_("content"), max_length=8000, blank=True)
    target = models.CharField(_("target people"), max_length=500, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_on = models.DateField(_("project starts on"), null=True, blank=True)
    ends_on = models.DateField(_("project ends on"), null=True, blank=True)
    schedule = models.TextField(_("schedule"), max_length=4000, blank=True)
    expected_effect = models.TextField(_("expected effect"), max_length=4000, blank=True)
    group_record = models.TextField(_("the group's record"), max_length=4000, blank=True)
    # Amounts, computed by the services (subsidies.amounts) when the budget is saved
    eligible_cost = yen_field(_("planned eligible cost (yen)"), default=0)
    requested_amount = yen_field(_("requested amount (yen)"), default=0)
    # Completeness check (形式審査)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=0)
    return_reason = models.TextField(_("reason for returning"), max_length=2000, blank=True)
    # Decision (採否)
    awarded_amount = yen_field(_("awarded amount (yen)"), null=True, blank=True)
    assessment_reason = models.TextField(_("reason for the reduction (assessment)"), max_length=2000, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_published_at = models.DateTimeField(_("decision published at"), null=True, blank=True)
    # Public result summary (after the report), shown on the results page
    result_summary = models.TextField(_("result summary (public)"), max_length=2000, blank=True)
    collaboration_project_id = models.PositiveBigIntegerField(
        _("collaboration project"),
        null=True,
        blank=True,
        help_text=_("The collaboration project this subsidy belongs to (S-13)."),
    )

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": APPLICATION_WORKFLOW}

    class Meta:
        verbose_name = _("subsidy application")
        verbose_name_plural = _("subsidy applications")
        ordering = ("programme", "receipt_number", "pk")
        constraints = [
            # One live application per group and programme (a withdrawn one frees the place).
            models.UniqueConstraint(
                fields=["programme", "group"],
                condition=~models.Q(status="withdrawn"),
                name="application_one_per_group_and_programme",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="application_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(awarded_amount__isnull=True)
                | models.Q(awarded_amount__lte=models.F("requested_amount")),
                name="application_award_le_request",
            ),
            yen_range("requested_amount", "application_request_range"),
            storable_date_constraint("application_dates_storable", "starts_on", "ends_on"),
        ]
        indexes = [
            models.Index(fields=["programme", "status"], name="application_programme_idx"),
            models.Index(fields=["group", "status"], name="application_group_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number or _('(draft)')} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("subsidies:application", args=[self.pk])

    def available_transitions(self) -> frozenset[str]:
        return available_transitions(self)

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def decision_visible(self) -> bool:
        """Whether the applicant (and the public, for adoptions) may see the decision."""
        return self.decision_published_at is not None


class BudgetStage(models.TextChoices):
    PLAN = "plan", pgettext_lazy("budget stage", "Plan")
    ACTUAL = "actual", pgettext_lazy("budget stage", "Actual")


class BudgetSide(models.TextChoices):
    INCOME = "income", pgettext_lazy("budget side", "Income")
    EXPENSE = "expense", pgettext_lazy("budget side", "Expenditure")


class IncomeKind(models.TextChoices):
    SUBSIDY = "subsidy", pgettext_lazy("income kind", "This subsidy")
    OWN_FUNDS = "own_funds", pgettext_lazy("income kind", "Own funds")
    MEMBERSHIP_FEES = "membership_fees", pgettext_lazy("income kind", "Membership fees")
    PARTICIPATION_FEES = "participation_fees", pgettext_lazy("income kind", "Participation fees")
    DONATIONS = "donations", pgettext_lazy("income kind", "Donations")
    OTHER_GRANTS = "other_grants", pgettext_lazy("income kind", "Other grants")
    OTHER = "other", pgettext_lazy("income kind", "Other income")


class BudgetLine(models.Model):
    """One line of an application's budget (収支予算) or of its report (収支決算)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("application")
    )
    stage = models.CharField(_("stage"), max_length=10, choices=BudgetStage.choices, default=BudgetStage.PLAN)
    side = models.CharField(_("side"), max_length=10, choices=BudgetSide.choices)
    income_kind = models.CharField(_("income kind"), max_length=30, choices=IncomeKind.choices, blank=True)
    expense_category = models.ForeignKey(
        ExpenseCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("expense category"),
    )
    description = models.CharField(_("item"), max_length=200, blank=True)
    basis = models.CharField(_("basis of calculation"), max_length=300, blank=True)
    amount = yen_field(_("amount (yen)"))
    eligible = models.BooleanField(_("eligible for the subsidy"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ("application", "stage", "side", "order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(side="income") & ~models.Q(income_kind="") & models.Q(expense_category__isnull=True)
                )
                | (models.Q(side="expense") & models.Q(income_kind="") & models.Q(expense_category__isnull=False)),
                name="budgetline_side_matches_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(side="expense") | models.Q(eligible=False), name="budgetline_income_not_eligible"
            ),
            yen_range("amount", "budgetline_amount_range"),
        ]
        indexes = [models.Index(fields=["application", "stage"], name="budgetline_application_idx")]

    def __str__(self) -> str:
        label = self.get_income_kind_display() if self.side == BudgetSide.INCOME else str(self.expense_category)
        return f"{label}: {self.amount:,}"


class ApplicationVersion(models.Model):
    """What the application said at each submission or approved change: the fields and
    the budget as JSON, so that staff see what changed between versions."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", pgettext_lazy("application version kind", "Submission")
        CHANGE = "change", pgettext_lazy("application version kind", "Approved change")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="versions", verbose_name=_("application")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUBMISSION)
    snapshot = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        ordering = ("application", "number")
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="applicationversion_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} v{self.number}"


class AttachmentKind(models.TextChoices):
    ESTIMATE = "estimate", pgettext_lazy("subsidy attachment kind", "Quotation")
    RULES = "rules", pgettext_lazy("subsidy attachment kind", "Group rules")
    BUDGET = "budget", pgettext_lazy("subsidy attachment kind", "Group budget or accounts")
    RECEIPT = "receipt", pgettext_lazy("subsidy attachment kind", "Receipt")
    PHOTO = "photo", pgettext_lazy("subsidy attachment kind", "Photo of the activity")
    OUTPUT = "output", pgettext_lazy("subsidy attachment kind", "Leaflet or other output")
    OTHER = "other", pgettext_lazy("subsidy attachment kind", "Other document")


def application_attachment_path(instance: ApplicationAttachment, filename: str) -> str:
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/subsidies/{instance.application_id}/{stamp}.{suffix}"


class ApplicationAttachment(TimeStampedModel):
    """A private file of an application or its report: the group, city staff and the
    committee members not excluded from it see it, through a permission-checked view."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("application")
    )
    for_report = models.BooleanField(_("part of the report"), default=False)
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=application_attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )

    class Meta:
        verbose_name = _("application attachment")
        verbose_name_plural = _("application attachments")
        ordering = ("application", "for_report", "kind", "pk")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("subsidies:attachment", args=[self.application_id, self.pk])


class PresentationSlot(models.Model):
    """公開審査・プレゼンテーション: when and where an applicant presents."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="presentation", verbose_name=_("application")
    )
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=10, validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    place = models.CharField(_("place"), max_length=200)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("presentation slot")
        verbose_name_plural = _("presentation slots")
        ordering = ("starts_at", "pk")

    def __str__(self) -> str:
        return f"{self.application} {self.starts_at:%Y-%m-%d %H:%M}"


# --- Grant, payments, changes, report, final amount ----------------------------------------


class Grant(TimeStampedModel):
    """交付決定: the numbered decision (文書番号) with its date, amount and conditions."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="grant", verbose_name=_("application")
    )
    document_number = models.CharField(_("document number"), max_length=60, unique=True)
    decided_on = models.DateField(_("date of decision"))
    amount = yen_field(_("amount granted (yen)"))
    conditions = models.TextField(_("conditions"), max_length=4000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("decided by")
    )

    class Meta:
        verbose_name = _("grant decision")
        verbose_name_plural = _("grant decisions")
        ordering = ("-decided_on", "pk")
        constraints = [
            yen_range("amount", "grant_amount_range"),
            storable_date_constraint("grant_decided_on_storable", "decided_on"),
        ]

    def __str__(self) -> str:
        return self.document_number


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", pgettext_lazy("subsidy payment kind", "Advance payment")
    SETTLEMENT = "settlement", pgettext_lazy("subsidy payment kind", "Settlement")


class PaymentStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("subsidy payment status", "Requested")
    PAID = "paid", pgettext_lazy("subsidy payment status", "Paid")
    REFUSED = "refused", pgettext_lazy("subsidy payment status", "Refused")


PAYMENT_WORKFLOW = Workflow(
    choices=PaymentStatus,
    transitions={
        PaymentStatus.REQUESTED: frozenset({PaymentStatus.PAID, PaymentStatus.REFUSED}),
        PaymentStatus.PAID: frozenset(),
        PaymentStatus.REFUSED: frozenset(),
    },
    action_prefix="subsidies.payment",
    label=pgettext_lazy("workflow label", "Subsidy payment"),
)


class Payment(TimeStampedModel):
    """A payment of the subsidy: an advance the group requests (概算払) or the settlement."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="payments", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PaymentKind.choices)
    amount = yen_field(_("amount (yen)"))
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.REQUESTED, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("requested by")
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": PAYMENT_WORKFLOW}

    class Meta:
        verbose_name = _("subsidy payment")
        verbose_name_plural = _("subsidy payments")
        ordering = ("application", "created_at", "pk")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=1), name="payment_amount_positive"),
            yen_range("amount", "payment_amount_range"),
            storable_date_constraint("payment_paid_on_storable", "paid_on"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount:,}"


class ChangeStatus(models.TextChoices):
    NOTIFIED = "notified", pgettext_lazy("subsidy change status", "Notified (minor change)")
    REQUESTED = "requested", pgettext_lazy("subsidy change status", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("subsidy change status", "Approved")
    REFUSED = "refused", pgettext_lazy("subsidy change status", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("subsidy change status", "Withdrawn")


CHANGE_WORKFLOW = Workflow(
    choices=ChangeStatus,
    transitions={
        ChangeStatus.NOTIFIED: frozenset(),
        ChangeStatus.REQUESTED: frozenset({ChangeStatus.APPROVED, ChangeStatus.REFUSED, ChangeStatus.WITHDRAWN}),
        ChangeStatus.APPROVED: frozenset(),
        ChangeStatus.REFUSED: frozenset(),
        ChangeStatus.WITHDRAWN: frozenset(),
    },
    action_prefix="subsidies.change",
    label=pgettext_lazy("workflow label", "Change request"),
)


class ChangeRequest(TimeStampedModel):
    """変更承認申請 (or 軽微変更届): what changes and why, with the proposed budget. A
    change beyond the programme's threshold in any expense category needs approval;
    smaller ones are only notified. An approved or notified change becomes a new
    version of the plan."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="changes", verbose_name=_("application")
    )
    status = models.CharField(_("status"), max_length=20, choices=ChangeStatus.choices, db_index=True)
    reason = models.TextField(_("reason for the change"), max_length=4000)
    content_change = models.TextField(_("change to the content"), max_length=4000, blank=True)
    proposed_budget = models.JSONField(_("proposed budget"), default=list)
    largest_change_percent = models.PositiveIntegerField(_("largest change in a category (%)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("requested by")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), max_length=2000, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": CHANGE_WORKFLOW}

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ("application", "created_at", "pk")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.get_status_display()}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("subsidy report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("subsidy report status", "Submitted")
    RETURNED = "returned", pgettext_lazy("subsidy report status", "Returned for correction")
    ACCEPTED = "accepted", pgettext_lazy("subsidy report status", "Accepted")


REPORT_WORKFLOW = Workflow(
    choices=ReportStatus,
    transitions={
        ReportStatus.DRAFT: frozenset({ReportStatus.SUBMITTED}),
        ReportStatus.SUBMITTED: frozenset({ReportStatus.ACCEPTED, ReportStatus.RETURNED}),
        ReportStatus.RETURNED: frozenset({ReportStatus.SUBMITTED}),
        ReportStatus.ACCEPTED: frozenset(),
    },
    action_prefix="subsidies.report",
    label=pgettext_lazy("workflow label", "Report"),
)


class Report(TimeStampedModel):
    """実績報告: what was done, with the actual income and expense lines
    (`BudgetLine` with stage "actual") and receipts and photos (attachments for_report)."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="report", verbose_name=_("application")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    what_was_done = models.TextField(_("what was done"), max_length=8000)
    participants = models.PositiveIntegerField(_("participants"), default=0, validators=[MaxValueValidator(10_000_000)])
    outcomes = models.TextField(_("outcomes"), max_length=4000, blank=True)
    self_evaluation = models.TextField(_("self-evaluation"), max_length=4000, blank=True)
    summary = models.TextField(
        _("summary for the public"), max_length=2000, blank=True, help_text=_("Shown on the results page.")
    )
    actual_eligible_cost = yen_field(_("actual eligible cost (yen)"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), max_length=2000, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": REPORT_WORKFLOW}

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ("application", "pk")
        constraints = [
            models.CheckConstraint(condition=models.Q(participants__lte=10_000_000), name="report_participants_range")
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_status_display()}"


class RefundStatus(models.TextChoices):
    NONE = "none", pgettext_lazy("refund status", "No refund")
    DUE = "due", pgettext_lazy("refund status", "Refund due")
    REFUNDED = "refunded", pgettext_lazy("refund status", "Refunded")


REFUND_WORKFLOW = Workflow(
    choices=RefundStatus,
    transitions={
        RefundStatus.NONE: frozenset(),
        RefundStatus.DUE: frozenset({RefundStatus.REFUNDED}),
        RefundStatus.REFUNDED: frozenset(),
    },
    action_prefix="subsidies.confirmation",
    label=pgettext_lazy("workflow label", "Refund"),
    events={RefundStatus.REFUNDED: "refunded"},
)


class AmountConfirmation(TimeStampedModel):
    """額の確定: the final amount by the programme's rule, what was paid and the refund due."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="confirmation", verbose_name=_("application")
    )
    document_number = models.CharField(_("document number"), max_length=60, unique=True)
    confirmed_on = models.DateField(_("date of confirmation"))
    planned_eligible_cost = yen_field(_("planned eligible cost (yen)"))
    actual_eligible_cost = yen_field(_("actual eligible cost (yen)"))
    amount = yen_field(_("confirmed amount (yen)"))
    paid_before = yen_field(_("paid in advance (yen)"), default=0)
    refund_due = yen_field(_("refund due (yen)"), default=0)
    refund_status = models.CharField(
        _("refund status"), max_length=20, choices=RefundStatus.choices, default=RefundStatus.NONE
    )
    refunded_on = models.DateField(_("refunded on"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("confirmed by")
    )

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"refund_status": REFUND_WORKFLOW}

    class Meta:
        verbose_name = _("amount confirmation")
        verbose_name_plural = _("amount confirmations")
        ordering = ("-confirmed_on", "pk")
        constraints = [
            yen_range("amount", "confirmation_amount_range"),
            models.CheckConstraint(
                condition=models.Q(refund_due__lte=models.F("paid_before")), name="confirmation_refund_le_paid"
            ),
            storable_date_constraint("confirmation_confirmed_on_storable", "confirmed_on"),
        ]

    def __str__(self) -> str:
        return self.document_number


def current_fiscal_year() -> int:
    return fiscal_year(timezone.localdate())
