"""Collaboration (協働): calls and proposals, projects, agreements, progress,
evaluations, 後援・共催 requests and the case library.

- A `Call` invites proposals: a department's theme (行政提案型, `CallKind.THEME`) or a
  window for citizens' own proposals (市民提案型, `CallKind.CITIZEN`, open all year when
  it has no closing time). A call names the third-party `ReviewCommittee` (portal's
  committee review; adapter in `collaboration.review`) and its decisions are published
  together (Decidim's "publish answers").
- A `Proposal` comes from a registered group or a business. Before submitting, the
  proposer may ask for 事前相談 in the proposal's thread (`ProposalMessage`). The
  協働推進課 window (`is_window_staff`) routes it to departments (`ProposalRouting`);
  each department's 協働推進員 (`Liaison`) answers its part. Staff keep private notes
  (`ProposalNote`). The decision always has a reason; it reaches the proposer when the
  call's decisions are published, and an adopted proposal becomes a `Project`.
- A `Project` (協働事業) has a staff-editable form (`CollaborationForm`), a domain ①–⑤,
  two or more partners (`ProjectPartner`), an agreement (`Agreement`, versioned, each
  party confirming online), dated entries (`ProjectEntry`: meetings and progress for the
  partners, public ones make the results timeline), evaluations (`Evaluation`) released
  per round (`EvaluationRound`), and cases (`CaseStudy`).
- An `EndorsementRequest` asks for the city's 後援 or 共催 of an event.

Every status field has its transition map here (`WORKFLOWS`); the services in
`collaboration.services` are the only writers.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.dates import fiscal_year, storable_date_constraint
from portal.model_fields import MAX_YEN, SLUG_VALIDATOR, YEN_VALIDATORS, period_order, yen_field, yen_range  # noqa: F401
from portal.models import BilingualMixin, TimeStampedModel
from portal.workflow import Workflow, available_transitions

# --- Taxonomy -------------------------------------------------------------------------------


class CollaborationForm(BilingualMixin, TimeStampedModel):
    """A form of collaboration (協働の形態): 共催, 後援, 協定, 協働委託… Staff keep the list
    (the 13 forms of the seeds are created by migration 0002)."""

    code = models.SlugField(_("code"), max_length=40, unique=True, validators=[SLUG_VALIDATOR])
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("form of collaboration")
        verbose_name_plural = _("forms of collaboration")
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.localized("name")


class Domain(models.IntegerChoices):
    """The collaboration domains ①–⑤ on the axis from 市民主体 to 行政主体 (seed [002]
    第2章3, [003] 第3章1(3))."""

    CITIZEN = 1, _("① Citizen-led (citizens act on their own)")
    CITIZEN_LEAD = 2, _("② Citizens lead, the city supports")
    JOINT = 3, _("③ Citizens and the city plan and carry out together")
    CITY_LEAD = 4, _("④ The city leads, citizens take part")
    CITY = 5, _("⑤ City-led (the city acts on its own)")


def domain_short_label(value: int) -> str:
    return str(DOMAIN_SHORT.get(value, value))


DOMAIN_SHORT = {
    1: pgettext_lazy("collaboration domain", "① Citizen-led"),
    2: pgettext_lazy("collaboration domain", "② Citizens lead"),
    3: pgettext_lazy("collaboration domain", "③ Together"),
    4: pgettext_lazy("collaboration domain", "④ City leads"),
    5: pgettext_lazy("collaboration domain", "⑤ City-led"),
}


class Liaison(TimeStampedModel):
    """A department's 協働推進員: answers for the department on proposals routed to it."""

    department = models.ForeignKey(
        "portal.Department", on_delete=models.CASCADE, related_name="liaisons", verbose_name=_("department")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="collaboration_liaisons",
        verbose_name=_("collaboration liaison"),
    )

    class Meta:
        verbose_name = _("collaboration liaison")
        verbose_name_plural = _("collaboration liaisons")
        constraints = [models.UniqueConstraint(fields=["department", "user"], name="liaison_unique")]

    def __str__(self) -> str:
        return f"{self.department} / {self.user}"


# --- Calls and proposals ----------------------------------------------------------------------


class CallKind(models.TextChoices):
    THEME = "theme", _("City-proposed theme")
    CITIZEN = "citizen", _("Citizen proposals")


class CallStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("call status", "Draft")
    OPEN = "open", pgettext_lazy("call status", "Published")
    CLOSED = "closed", pgettext_lazy("call status", "Closed")
    ANNOUNCED = "announced", pgettext_lazy("call status", "Decisions published")


CALL_WORKFLOW = Workflow(
    choices=CallStatus,
    transitions={
        CallStatus.DRAFT: frozenset({CallStatus.OPEN}),
        CallStatus.OPEN: frozenset({CallStatus.CLOSED}),
        CallStatus.CLOSED: frozenset({CallStatus.OPEN, CallStatus.ANNOUNCED}),
        CallStatus.ANNOUNCED: frozenset(),
    },
    action_prefix="collaboration.call",
    label=_("Call for proposals"),
    events={CallStatus.OPEN: "published", CallStatus.ANNOUNCED: "decisions_published"},
)


class Call(BilingualMixin, TimeStampedModel):
    """A call for collaboration proposals: a department's theme (行政提案型) or the window
    for citizens' proposals (市民提案型)."""

    kind = models.CharField(_("kind"), max_length=10, choices=CallKind.choices, default=CallKind.THEME)
    slug = models.SlugField(_("address"), max_length=60, unique=True, validators=[SLUG_VALIDATOR])
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    department = models.ForeignKey(
        "portal.Department", on_delete=models.PROTECT, related_name="collaboration_calls", verbose_name=_("department")
    )
    title = models.CharField(_("theme"), max_length=200)
    title_en = models.CharField(_("theme (English)"), max_length=200, blank=True)
    background = models.TextField(_("background and issue"), max_length=4000, blank=True)
    background_en = models.TextField(_("background and issue (English)"), max_length=4000, blank=True)
    city_contribution = models.TextField(_("what the city contributes"), max_length=2000, blank=True)
    city_contribution_en = models.TextField(_("what the city contributes (English)"), max_length=2000, blank=True)
    participation_criteria = models.TextField(_("participation criteria"), max_length=4000, blank=True)
    participation_criteria_en = models.TextField(_("participation criteria (English)"), max_length=4000, blank=True)
    budget_min = yen_field(_("budget from (yen)"), default=0)
    budget_max = yen_field(_("budget up to (yen)"), default=0)
    starts_on = models.DateField(_("project period from"), null=True, blank=True)
    ends_on = models.DateField(_("project period to"), null=True, blank=True)
    opens_at = models.DateTimeField(_("proposals accepted from"), null=True, blank=True)
    closes_at = models.DateTimeField(
        _("deadline"), null=True, blank=True, help_text=_("Leave empty to accept proposals all year.")
    )
    businesses_may_propose = models.BooleanField(_("businesses may propose"), default=True)
    presentation_on = models.DateField(_("public presentation on"), null=True, blank=True)
    presentation_place = models.CharField(_("presentation place"), max_length=200, blank=True)
    committee = models.ForeignKey(
        "portal.ReviewCommittee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collaboration_calls",
        verbose_name=_("review committee (third party)"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    decisions_published_at = models.DateTimeField(_("decisions published at"), null=True, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": CALL_WORKFLOW}

    class Meta:
        verbose_name = _("call for collaboration proposals")
        verbose_name_plural = _("calls for collaboration proposals")
        ordering = ("-fiscal_year", "kind", "closes_at", "pk")
        constraints = [
            period_order("call_period_order"),
            models.CheckConstraint(
                condition=models.Q(budget_max__gte=models.F("budget_min")), name="call_budget_order"
            ),
            yen_range("budget_max", "call_budget_range"),
            storable_date_constraint("call_dates_storable", "starts_on", "ends_on", "presentation_on"),
        ]

    def __str__(self) -> str:
        return self.localized("title")

    def get_absolute_url(self) -> str:
        return reverse("collaboration:call", args=[self.slug])

    def available_transitions(self) -> frozenset[str]:
        return available_transitions(self)

    @property
    def is_rolling(self) -> bool:
        """A 市民提案型 window open all year: its decisions are published in batches
        (after each committee meeting) while it stays open."""
        return self.kind == CallKind.CITIZEN and self.closes_at is None

    def accepts_proposals(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status != CallStatus.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("proposal status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("proposal status", "Submitted")
    IN_REVIEW = "in_review", pgettext_lazy("proposal status", "Under review")
    ADOPTED = "adopted", pgettext_lazy("proposal status", "Adopted")
    CONDITIONAL = "conditional", pgettext_lazy("proposal status", "Adopted with conditions")
    NOT_ADOPTED = "not_adopted", pgettext_lazy("proposal status", "Not adopted")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")


P = ProposalStatus
DECIDED_STATUSES = frozenset({P.ADOPTED, P.CONDITIONAL, P.NOT_ADOPTED})
ADOPTED_STATUSES = frozenset({P.ADOPTED, P.CONDITIONAL})
REVIEWED_PROPOSAL_STATUSES = frozenset({P.IN_REVIEW, *DECIDED_STATUSES})

PROPOSAL_WORKFLOW = Workflow(
    choices=ProposalStatus,
    transitions={
        P.DRAFT: frozenset({P.SUBMITTED, P.WITHDRAWN}),
        P.SUBMITTED: frozenset({P.IN_REVIEW, P.NOT_ADOPTED, P.WITHDRAWN}),
        # A decision may be corrected until the call's decisions are published (the
        # services refuse it afterwards).
        P.IN_REVIEW: frozenset({P.ADOPTED, P.CONDITIONAL, P.NOT_ADOPTED, P.WITHDRAWN}),
        P.ADOPTED: frozenset({P.CONDITIONAL, P.NOT_ADOPTED}),
        P.CONDITIONAL: frozenset({P.ADOPTED, P.NOT_ADOPTED}),
        P.NOT_ADOPTED: frozenset({P.ADOPTED, P.CONDITIONAL}),
        P.WITHDRAWN: frozenset(),
    },
    action_prefix="collaboration.proposal",
    label=_("Proposal"),
)


class ProposerKind(models.TextChoices):
    GROUP = "group", _("Registered citizen-activity group")
    BUSINESS = "business", _("Business")


class Proposal(TimeStampedModel):
    """A collaboration proposal (協働事業提案) answering a call."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("call"))
    proposer_kind = models.CharField(
        _("proposer"), max_length=10, choices=ProposerKind.choices, default=ProposerKind.GROUP
    )
    group = models.ForeignKey(
        "groups.CommunityGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collaboration_proposals",
        verbose_name=_("group"),
    )
    business_name = models.CharField(_("business name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="collaboration_proposals",
        verbose_name=_("proposed by"),
    )
    receipt_number = models.CharField(_("receipt number"), max_length=30, null=True, blank=True, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices, default=P.DRAFT, db_index=True
    )
    # The proposal (C-05)
    title = models.CharField(_("project title"), max_length=200)
    existing_project = models.CharField(
        _("existing city project it builds on"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for a new issue."),
    )
    issue = models.TextField(_("issue and purpose"), max_length=4000, blank=True)
    content = models.TextField(_("content"), max_length=8000, blank=True)
    target = models.CharField(_("target people"), max_length=500, blank=True)
    roles = models.TextField(_("proposed roles of each party"), max_length=4000, blank=True)
    budget_total = yen_field(_("total budget (yen)"), default=0)
    cost_sharing = models.TextField(_("cost sharing"), max_length=2000, blank=True)
    starts_on = models.DateField(_("project starts on"), null=True, blank=True)
    ends_on = models.DateField(_("project ends on"), null=True, blank=True)
    schedule = models.TextField(_("schedule"), max_length=4000, blank=True)
    capability = models.TextField(_("capability and record"), max_length=4000, blank=True)
    partners = models.TextField(_("partners (other groups, businesses, schools)"), max_length=2000, blank=True)
    form = models.ForeignKey(
        CollaborationForm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed form of collaboration"),
    )
    # 事前相談 and the thread
    consultation_requested_at = models.DateTimeField(_("prior consultation requested at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # 公開プレゼンテーション
    presentation_at = models.DateTimeField(_("presentation at"), null=True, blank=True)
    presentation_place = models.CharField(_("presentation place"), max_length=200, blank=True)
    # Decision: recorded by staff, told to the proposer when the call's decisions are published.
    decision_reason = models.TextField(_("reason for the decision"), max_length=4000, blank=True)
    conditions = models.TextField(_("conditions"), max_length=4000, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_published_at = models.DateTimeField(_("decision published at"), null=True, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": PROPOSAL_WORKFLOW}

    class Meta:
        verbose_name = _("collaboration proposal")
        verbose_name_plural = _("collaboration proposals")
        ordering = ("call", "receipt_number", "pk")
        constraints = [
            period_order("proposal_period_order"),
            yen_range("budget_total", "proposal_budget_range"),
            storable_date_constraint("proposal_dates_storable", "starts_on", "ends_on"),
            models.CheckConstraint(
                condition=models.Q(proposer_kind="group", group__isnull=False)
                | models.Q(proposer_kind="business", group__isnull=True),
                name="proposal_proposer_consistent",
            ),
        ]
        indexes = [models.Index(fields=["call", "status"], name="proposal_call_idx")]

    def __str__(self) -> str:
        return f"{self.receipt_number or _('(draft)')} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:proposal", args=[self.pk])

    def available_transitions(self) -> frozenset[str]:
        return available_transitions(self)

    @property
    def proposer_name(self) -> str:
        return self.group.name if self.group_id else self.business_name

    @property
    def editable(self) -> bool:
        return self.status == P.DRAFT

    @property
    def decision_visible(self) -> bool:
        return self.decision_published_at is not None


class ProposalRouting(TimeStampedModel):
    """The window's routing of a proposal to a department (担当課協議), with the answer of
    the department's 協働推進員."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="routings")
    department = models.ForeignKey("portal.Department", on_delete=models.PROTECT, related_name="+")
    routed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    request = models.TextField(_("what the department is asked"), max_length=2000, blank=True)
    answer = models.TextField(_("the department's answer"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("routing to a department")
        verbose_name_plural = _("routings to departments")
        ordering = ("proposal", "pk")
        constraints = [models.UniqueConstraint(fields=["proposal", "department"], name="routing_unique")]


class MessageKind(models.TextChoices):
    MESSAGE = "message", pgettext_lazy("proposal message", "Message")
    CONSULTATION = "consultation", pgettext_lazy("proposal message", "Prior consultation")
    DEPARTMENT = "department", pgettext_lazy("proposal message", "Department's answer")


class ProposalMessage(models.Model):
    """A message in a proposal's thread, seen by the proposer and the staff concerned."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=12, choices=MessageKind.choices, default=MessageKind.MESSAGE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Set when staff write for a department.",
    )
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("proposal", "created_at", "pk")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.body[:40]}"


class ProposalNote(models.Model):
    """A private staff note on a proposal: never shown to the proposer."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("proposal", "created_at", "pk")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.body[:40]}"


# --- Projects ---------------------------------------------------------------------------------


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("project status", "Preparing")
    ACTIVE = "active", pgettext_lazy("project status", "Under way")
    COMPLETED = "completed", pgettext_lazy("project status", "Completed")
    DISCONTINUED = "discontinued", pgettext_lazy("project status", "Discontinued")


PROJECT_WORKFLOW = Workflow(
    choices=ProjectStatus,
    transitions={
        ProjectStatus.PLANNED: frozenset({ProjectStatus.ACTIVE, ProjectStatus.DISCONTINUED}),
        ProjectStatus.ACTIVE: frozenset({ProjectStatus.COMPLETED, ProjectStatus.DISCONTINUED}),
        ProjectStatus.COMPLETED: frozenset({ProjectStatus.ACTIVE}),
        ProjectStatus.DISCONTINUED: frozenset(),
    },
    action_prefix="collaboration.project",
    label=_("Collaboration project"),
)


class Project(BilingualMixin, TimeStampedModel):
    """A collaboration project (協働事業): from an adopted proposal or entered by staff."""

    slug = models.SlugField(_("address"), max_length=80, unique=True, validators=[SLUG_VALIDATOR])
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=2000, blank=True)
    form = models.ForeignKey(
        CollaborationForm, on_delete=models.PROTECT, related_name="projects", verbose_name=_("form of collaboration")
    )
    domain = models.PositiveSmallIntegerField(_("domain"), choices=Domain.choices, db_index=True)
    fields = models.ManyToManyField(
        "portal.ActivityField", blank=True, related_name="collaboration_projects", verbose_name=_("fields")
    )
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.PROTECT,
        related_name="collaboration_projects",
        verbose_name=_("department in charge"),
    )
    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="project", verbose_name=_("proposal")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year it started"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], db_index=True
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    budget_total = yen_field(_("budget (yen)"), default=0)
    cost_sharing = models.TextField(_("who pays what"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    is_published = models.BooleanField(_("shown in the public registry"), default=True)
    # 中間ふりかえり (periodic check) and the review of a continuing partnership (C-16)
    checkin_interval_months = models.PositiveSmallIntegerField(
        _("periodic check every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    next_checkin_on = models.DateField(_("next periodic check"), null=True, blank=True)
    partnership_since = models.DateField(
        _("same partner since"), null=True, blank=True, help_text=_("For projects continuing with the same partner.")
    )
    review_interval_years = models.PositiveSmallIntegerField(
        _("review the partnership every (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    next_review_on = models.DateField(_("next partnership review"), null=True, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": PROJECT_WORKFLOW}

    class Meta:
        verbose_name = _("collaboration project")
        verbose_name_plural = _("collaboration projects")
        ordering = ("-fiscal_year", "title", "pk")
        constraints = [
            period_order("project_period_order"),
            yen_range("budget_total", "project_budget_range"),
            models.CheckConstraint(condition=models.Q(domain__gte=1, domain__lte=5), name="project_domain_range"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="project_progress_range"),
            storable_date_constraint(
                "project_dates_storable", "starts_on", "ends_on", "next_checkin_on", "next_review_on"
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "fiscal_year"], name="project_public_idx"),
            # The public registry's first page: newest year, then by title.
            models.Index(
                fields=["-fiscal_year", "title", "id"],
                condition=models.Q(is_published=True),
                name="project_registry_idx",
            ),
            models.Index(fields=["form", "domain"], name="project_form_domain_idx"),
        ]

    def __str__(self) -> str:
        return self.localized("title")

    def get_absolute_url(self) -> str:
        return reverse("collaboration:project", args=[self.slug])

    def available_transitions(self) -> frozenset[str]:
        return available_transitions(self)

    @property
    def is_long(self) -> bool:
        """A project of more than a year (yearly evaluation, periodic checks)."""
        return self.ends_on is None or (self.ends_on - self.starts_on).days > 366

    def domain_short(self) -> str:
        return domain_short_label(self.domain)

    @staticmethod
    def fiscal_year_of(day: datetime.date) -> int:
        return fiscal_year(day)


class PartnerKind(models.TextChoices):
    GROUP = "group", pgettext_lazy("partner kind", "Citizen-activity group")
    DEPARTMENT = "department", pgettext_lazy("partner kind", "City department")
    BUSINESS = "business", pgettext_lazy("partner kind", "Business")
    SCHOOL = "school", pgettext_lazy("partner kind", "School")
    COMMUNITY = "community", pgettext_lazy("partner kind", "Neighbourhood association")
    OTHER = "other", pgettext_lazy("partner kind", "Other")


class ProjectPartner(models.Model):
    """A party to a project (協働主体). A group's representative and editors act for a
    group partner; the department's city staff for a department partner; other partners
    (businesses, schools) act through a named contact user when they have an account."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    kind = models.CharField(_("kind"), max_length=12, choices=PartnerKind.choices)
    group = models.ForeignKey(
        "groups.CommunityGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collaboration_partnerships",
        verbose_name=_("group"),
    )
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collaboration_partnerships",
        verbose_name=_("department"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("For businesses, schools and others."))
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="collaboration_partnerships",
        verbose_name=_("contact person (account)"),
    )
    role = models.TextField(_("role"), max_length=2000, blank=True)
    cost_share = models.CharField(_("cost it bears"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ("project", "order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="group", group__isnull=False, department__isnull=True))
                | (models.Q(kind="department", department__isnull=False, group__isnull=True))
                | (
                    ~models.Q(kind__in=["group", "department"])
                    & models.Q(group__isnull=True, department__isnull=True)
                    & ~models.Q(name="")
                ),
                name="partner_kind_consistent",
            ),
            models.UniqueConstraint(
                fields=["project", "group"], condition=models.Q(group__isnull=False), name="partner_group_once"
            ),
            models.UniqueConstraint(
                fields=["project", "department"],
                condition=models.Q(department__isnull=False),
                name="partner_department_once",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.group_id:
            return self.group.name
        if self.department_id:
            return str(self.department)
        return self.name


class EntryKind(models.TextChoices):
    MEETING = "meeting", pgettext_lazy("project entry", "Meeting")
    PROGRESS = "progress", pgettext_lazy("project entry", "Progress")
    CHECKIN = "checkin", pgettext_lazy("project entry", "Periodic check")
    MILESTONE = "milestone", pgettext_lazy("project entry", "Milestone")


class ProjectEntry(models.Model):
    """A dated entry of a project: the partners' log of meetings and progress; entries
    marked public make the project's results timeline (Decidim's timeline entries)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices, default=EntryKind.PROGRESS)
    on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body = models.TextField(_("details"), max_length=4000, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    is_public = models.BooleanField(_("show on the public timeline"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("project entry")
        verbose_name_plural = _("project entries")
        ordering = ("project", "-on", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__isnull=True) | models.Q(progress__lte=100), name="entry_progress_range"
            ),
            storable_date_constraint("entry_date_storable", "on"),
        ]
        indexes = [models.Index(fields=["project", "is_public", "on"], name="entry_timeline_idx")]

    def __str__(self) -> str:
        return f"{self.on} {self.title}"

    def localized_title(self) -> str:
        return BilingualMixin.localized(self, "title")  # type: ignore[arg-type]


# --- Agreements (協定書) ----------------------------------------------------------------------


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("agreement status", "Draft")
    CIRCULATING = "circulating", pgettext_lazy("agreement status", "Awaiting confirmation")
    IN_FORCE = "in_force", pgettext_lazy("agreement status", "In force")
    SUPERSEDED = "superseded", pgettext_lazy("agreement status", "Superseded")


AGREEMENT_WORKFLOW = Workflow(
    choices=AgreementStatus,
    transitions={
        AgreementStatus.DRAFT: frozenset({AgreementStatus.CIRCULATING}),
        AgreementStatus.CIRCULATING: frozenset({AgreementStatus.DRAFT, AgreementStatus.IN_FORCE}),
        AgreementStatus.IN_FORCE: frozenset({AgreementStatus.SUPERSEDED}),
        AgreementStatus.SUPERSEDED: frozenset(),
    },
    action_prefix="collaboration.agreement",
    label=_("Agreement"),
    events={AgreementStatus.DRAFT: "withdrawn"},
)


class Agreement(TimeStampedModel):
    """One version of a project's 協定書. Staff draft it and send it for confirmation;
    it is in force when every party has confirmed; a change makes a new version that
    supersedes it when confirmed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=4000)
    cost_sharing = models.TextField(_("cost sharing"), max_length=4000, blank=True)
    risks = models.TextField(_("risks and who bears them"), max_length=4000, blank=True)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"), null=True, blank=True)
    disputes = models.TextField(_("how disputes are settled"), max_length=2000, blank=True)
    other_terms = models.TextField(_("other terms"), max_length=4000, blank=True)
    change_reason = models.TextField(_("what changed and why"), max_length=2000, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    circulated_at = models.DateTimeField(_("sent for confirmation at"), null=True, blank=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": AGREEMENT_WORKFLOW}

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ("project", "-version")
        constraints = [
            models.UniqueConstraint(fields=["project", "version"], name="agreement_version_unique"),
            period_order("agreement_period_order"),
            storable_date_constraint("agreement_dates_storable", "starts_on", "ends_on"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:agreement", args=[self.pk])

    def available_transitions(self) -> frozenset[str]:
        return available_transitions(self)


class AgreementParty(models.Model):
    """A party's roles and responsibilities in one agreement version, and its online
    confirmation (who and when)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    partner = models.ForeignKey(ProjectPartner, on_delete=models.PROTECT, related_name="agreement_parts")
    roles = models.TextField(_("roles and responsibilities"), max_length=4000)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("agreement", "partner__order", "partner_id")
        constraints = [models.UniqueConstraint(fields=["agreement", "partner"], name="agreement_party_unique")]

    def __str__(self) -> str:
        return f"{self.agreement_id} / {self.partner_id}"


# --- Evaluation ---------------------------------------------------------------------------------


class EvaluationKind(models.TextChoices):
    SELF = "self", pgettext_lazy("evaluation kind", "Self-evaluation")
    MUTUAL = "mutual", pgettext_lazy("evaluation kind", "Mutual evaluation")
    THIRD_PARTY = "third_party", pgettext_lazy("evaluation kind", "Third-party evaluation")


# The seeds' questions ([002] 第3章4(3), [003] 第3章3(6)); each is scored 1–5 and commented.
EVALUATION_QUESTIONS = (
    ("goal", _("Was the goal achieved?")),
    ("principles", _("Were the principles of collaboration kept?")),
    ("form_partner", _("Were the form of collaboration and the partner right?")),
    ("relationship", _("How did the relationship between the partners work?")),
)
SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class EvaluationRound(TimeStampedModel):
    """One evaluation of a project: after it ends (final) or yearly for long projects.
    Published on the project page once every party has submitted and staff release it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evaluation_rounds")
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    is_final = models.BooleanField(_("after the project ended"), default=False)
    released_at = models.DateTimeField(_("published at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The partners are reminded 14 and 3 days before `due_on` (collaboration_daily);
    # `reminded_days_before` is the last reminder sent (14, then 3), so each goes once.
    due_on = models.DateField(_("evaluations due on"), null=True, blank=True)
    reminded_days_before = models.PositiveSmallIntegerField(_("last reminder (days before)"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ("project", "-fiscal_year", "pk")
        constraints = [
            models.UniqueConstraint(fields=["project", "fiscal_year", "is_final"], name="evaluation_round_unique"),
            storable_date_constraint("evaluation_round_due_storable", "due_on"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.fiscal_year}{' final' if self.is_final else ''}"

    @property
    def is_released(self) -> bool:
        return self.released_at is not None

    def get_absolute_url(self) -> str:
        return reverse("collaboration:evaluation-round", args=[self.pk])


class Evaluation(TimeStampedModel):
    """One party's evaluation in a round: its self-evaluation, its evaluation of another
    partner (mutual), or the committee's (third-party, no partner)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(_("kind"), max_length=12, choices=EvaluationKind.choices)
    evaluator = models.ForeignKey(
        ProjectPartner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations_given",
        verbose_name=_("evaluating partner"),
    )
    subject = models.ForeignKey(
        ProjectPartner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations_received",
        verbose_name=_("partner evaluated"),
    )
    committee = models.ForeignKey(
        "portal.ReviewCommittee", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goal_score = models.PositiveSmallIntegerField(_("goal achieved"), validators=SCORE_VALIDATORS)
    goal_comment = models.TextField(_("comment"), max_length=2000, blank=True)
    principles_score = models.PositiveSmallIntegerField(_("principles kept"), validators=SCORE_VALIDATORS)
    principles_comment = models.TextField(_("comment"), max_length=2000, blank=True)
    form_partner_score = models.PositiveSmallIntegerField(_("form and partner right"), validators=SCORE_VALIDATORS)
    form_partner_comment = models.TextField(_("comment"), max_length=2000, blank=True)
    relationship_score = models.PositiveSmallIntegerField(_("relationship"), validators=SCORE_VALIDATORS)
    relationship_comment = models.TextField(_("comment"), max_length=2000, blank=True)
    overall = models.TextField(_("overall comment"), max_length=4000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ("round", "kind", "evaluator_id", "subject_id")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="self", evaluator__isnull=False, subject__isnull=True))
                | (models.Q(kind="mutual", evaluator__isnull=False, subject__isnull=False))
                | (models.Q(kind="third_party", evaluator__isnull=True, subject__isnull=True)),
                name="evaluation_kind_consistent",
            ),
            models.UniqueConstraint(
                fields=["round", "evaluator"], condition=models.Q(kind="self"), name="evaluation_self_once"
            ),
            models.UniqueConstraint(
                fields=["round", "evaluator", "subject"],
                condition=models.Q(kind="mutual"),
                name="evaluation_mutual_once",
            ),
            models.UniqueConstraint(
                fields=["round"], condition=models.Q(kind="third_party"), name="evaluation_third_party_once"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{q}_score__gte": 1, f"{q}_score__lte": 5}), name=f"evaluation_{q}_range"
                )
                for q, _label in EVALUATION_QUESTIONS
            ),
        ]


# --- 後援・共催 requests ----------------------------------------------------------------------------


class EndorsementKind(models.TextChoices):
    ENDORSEMENT = "endorsement", _("Endorsement")
    COHOSTING = "cohosting", _("Co-hosting")


class MainBenefit(models.TextChoices):
    """What the applicant mainly expects (C-24: a 共催 sought mainly for a fee reduction
    or a subsidy is flagged to staff)."""

    TRUST = "trust", _("Public trust in the event")
    JOINT = "joint", _("Planning and running it with the city")
    PUBLICITY = "publicity", _("The city's help with publicity")
    FEE_REDUCTION = "fee_reduction", _("A reduction of room fees")
    SUBSIDY = "subsidy", _("A subsidy")


NOMINAL_BENEFITS = frozenset({MainBenefit.FEE_REDUCTION, MainBenefit.SUBSIDY})


class EndorsementStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("endorsement status", "Submitted")
    APPROVED = "approved", pgettext_lazy("endorsement status", "Approved")
    REFUSED = "refused", pgettext_lazy("endorsement status", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("endorsement status", "Withdrawn")
    REVOKED = "revoked", pgettext_lazy("endorsement status", "Revoked")


E = EndorsementStatus
ENDORSEMENT_WORKFLOW = Workflow(
    choices=EndorsementStatus,
    transitions={
        E.SUBMITTED: frozenset({E.APPROVED, E.REFUSED, E.WITHDRAWN}),
        E.APPROVED: frozenset({E.REVOKED, E.WITHDRAWN}),
        E.REFUSED: frozenset(),
        E.WITHDRAWN: frozenset(),
        E.REVOKED: frozenset(),
    },
    action_prefix="collaboration.endorsement",
    label=_("Endorsement or co-hosting request"),
)


class EndorsementRequest(TimeStampedModel):
    """A group's request for the city's 後援 (name endorsement) or 共催 (co-hosting)."""

    kind = models.CharField(_("kind"), max_length=12, choices=EndorsementKind.choices)
    group = models.ForeignKey(
        "groups.CommunityGroup", on_delete=models.PROTECT, related_name="endorsement_requests", verbose_name=_("group")
    )
    event = models.ForeignKey(
        "groups.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="endorsement_requests",
        verbose_name=_("event on the portal"),
    )
    receipt_number = models.CharField(_("receipt number"), max_length=30, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=EndorsementStatus.choices, default=E.SUBMITTED, db_index=True
    )
    event_title = models.CharField(_("event"), max_length=200)
    starts_on = models.DateField(_("held from"))
    ends_on = models.DateField(_("held until"))
    venue = models.CharField(_("venue"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=4000)
    content = models.TextField(_("content"), max_length=4000, blank=True)
    organisers = models.CharField(_("organisers"), max_length=500)
    audience = models.CharField(_("audience"), max_length=300)
    expected_people = models.PositiveIntegerField(
        _("expected participants"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )
    admission_charged = models.BooleanField(_("admission is charged"), default=False)
    fee_amount = yen_field(_("fee per participant (yen)"), default=0)
    past_endorsements = models.TextField(_("past endorsements"), max_length=2000, blank=True)
    main_benefit = models.CharField(_("what you mainly expect"), max_length=16, choices=MainBenefit.choices)
    accepts_conditions = models.BooleanField(_("accepts the conditions"), default=False)
    # Staff check (公共性・公益性) and decision
    purpose_ok = models.BooleanField(_("purpose is appropriate"), null=True, blank=True)
    public_nature_ok = models.BooleanField(_("public nature"), null=True, blank=True)
    public_interest_ok = models.BooleanField(_("public interest"), null=True, blank=True)
    conditions = models.TextField(_("conditions of approval"), max_length=2000, blank=True)
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # 実施報告 after the event
    report_participants = models.PositiveIntegerField(
        _("participants"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    report_summary = models.TextField(_("how it went"), max_length=4000, blank=True)
    reported_at = models.DateTimeField(_("report filed at"), null=True, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": ENDORSEMENT_WORKFLOW}

    class Meta:
        verbose_name = _("endorsement or co-hosting request")
        verbose_name_plural = _("endorsement and co-hosting requests")
        ordering = ("-starts_on", "pk")
        constraints = [
            period_order("endorsement_period_order"),
            yen_range("fee_amount", "endorsement_fee_range"),
            storable_date_constraint("endorsement_dates_storable", "starts_on", "ends_on"),
        ]
        indexes = [models.Index(fields=["group", "status", "starts_on"], name="endorsement_group_idx")]

    def __str__(self) -> str:
        return f"{self.receipt_number} {self.event_title}"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:endorsement", args=[self.pk])

    def available_transitions(self) -> frozenset[str]:
        return available_transitions(self)

    @property
    def looks_nominal(self) -> bool:
        """C-24: a 共催 sought mainly for a fee reduction or a subsidy."""
        return self.kind == EndorsementKind.COHOSTING and self.main_benefit in NOMINAL_BENEFITS

    @property
    def report_due(self) -> bool:
        return self.status == E.APPROVED and self.reported_at is None and self.ends_on < timezone.localdate()


# --- Case library (協働事例集) -----------------------------------------------------------------------


class CaseStudy(BilingualMixin, TimeStampedModel):
    """A case in the 協働事例集, with the seeds' fixed fields ([003] Ⅱ-(2)-④)."""

    slug = models.SlugField(_("address"), max_length=80, unique=True, validators=[SLUG_VALIDATOR])
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    content = models.TextField(_("what the project did"), max_length=4000)
    content_en = models.TextField(_("what was done (English)"), max_length=4000, blank=True)
    effects = models.TextField(_("effects"), max_length=4000)
    effects_en = models.TextField(_("effects (English)"), max_length=4000, blank=True)
    went_well = models.TextField(_("what went well"), max_length=4000)
    went_well_en = models.TextField(_("what went well (English)"), max_length=4000, blank=True)
    difficulties = models.TextField(_("difficulties"), max_length=4000)
    difficulties_en = models.TextField(_("difficulties (English)"), max_length=4000, blank=True)
    improvements = models.TextField(_("improvements"), max_length=4000)
    improvements_en = models.TextField(_("improvements (English)"), max_length=4000, blank=True)
    form = models.ForeignKey(
        CollaborationForm, on_delete=models.PROTECT, related_name="cases", verbose_name=_("form of collaboration")
    )
    domain = models.PositiveSmallIntegerField(_("domain"), choices=Domain.choices)
    fields = models.ManyToManyField("portal.ActivityField", blank=True, related_name="+", verbose_name=_("fields"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("collaboration case")
        verbose_name_plural = _("collaboration cases")
        ordering = ("-published_at", "pk")
        constraints = [
            models.CheckConstraint(condition=models.Q(domain__gte=1, domain__lte=5), name="case_domain_range")
        ]

    def __str__(self) -> str:
        return self.localized("title")

    def get_absolute_url(self) -> str:
        return reverse("collaboration:case", args=[self.slug])


class CaseReporter(TimeStampedModel):
    """A 協働リポーター: a citizen staff have named to write cases for the library."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_reporter", verbose_name=_("user")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("collaboration reporter")
        verbose_name_plural = _("collaboration reporters")

    def __str__(self) -> str:
        return str(self.user)


def case_photo_path(instance: CasePhoto, filename: str) -> str:
    return f"collaboration/cases/{instance.case_id}/{timezone.now():%Y%m%d%H%M%S%f}.img"


class CasePhoto(models.Model):
    """A photo of a case; the alternative text is required (JIS X 8341-3)."""

    case = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=case_photo_path)
    content_type = models.CharField(max_length=40, default="image/jpeg")
    alt = models.CharField(_("alternative text"), max_length=200)
    alt_en = models.CharField(_("alternative text (English)"), max_length=200, blank=True)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ("case", "order", "pk")
        constraints = [models.CheckConstraint(condition=~models.Q(alt=""), name="case_photo_alt_required")]

    def __str__(self) -> str:
        return self.alt

    def localized_alt(self) -> str:
        return BilingualMixin.localized(self, "alt")  # type: ignore[arg-type]
