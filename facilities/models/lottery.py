"""The monthly lottery (抽選): an application window, a reproducible draw with
priority classes, confirmation of wins by a deadline, then first-come booking."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from facilities.models.bookings import Booking
from facilities.models.catalogue import Facility, Resource, TimeDivision
from portal.models import TimeStampedModel
from portal.workflow import Workflow


class RoundStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("lottery round status", "Taking entries / waiting for the draw")
    DRAWN = "drawn", pgettext_lazy("lottery round status", "Drawn, not yet published")
    PUBLISHED = "published", pgettext_lazy("lottery round status", "Results published")


ROUND_WORKFLOW = Workflow(
    choices=RoundStatus,
    transitions={
        RoundStatus.PLANNED: frozenset({RoundStatus.DRAWN}),
        RoundStatus.DRAWN: frozenset({RoundStatus.PUBLISHED}),
        RoundStatus.PUBLISHED: frozenset(),
    },
    action_prefix="facilities.lottery",
    label=pgettext_lazy("workflow", "Lottery round"),
)


class RoundPhase(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("lottery phase", "Entries open soon")
    ENTRIES = "entries", pgettext_lazy("lottery phase", "Taking entries")
    AWAITING_DRAW = "awaiting_draw", pgettext_lazy("lottery phase", "Waiting for the draw")
    DRAWN = "drawn", pgettext_lazy("lottery phase", "Drawn, results under review")
    CONFIRMING = "confirming", pgettext_lazy("lottery phase", "Winners confirming")
    FIRST_COME = "first_come", pgettext_lazy("lottery phase", "Remaining slots open first-come")


class LotteryRound(TimeStampedModel):
    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="lottery_rounds", verbose_name=_("facility")
    )
    resources = models.ManyToManyField(Resource, related_name="lottery_rounds", verbose_name=_("rooms"))
    use_month = models.DateField(_("month of use"), help_text=_("The first day of the month the round allocates."))
    entries_open_at = models.DateTimeField(_("entries open"))
    entries_close_at = models.DateTimeField(_("entries close"))
    draw_at = models.DateTimeField(_("draw at"))
    confirm_by = models.DateTimeField(_("winners confirm by"))
    entries_per_applicant = models.PositiveSmallIntegerField(
        _("entries per group or person"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    status = models.CharField(_("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.PLANNED)
    seed = models.CharField(_("draw seed"), max_length=64, blank=True)
    result_digest = models.CharField(_("result digest (SHA-256)"), max_length=64, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": ROUND_WORKFLOW}

    class Meta:
        verbose_name = _("lottery round")
        verbose_name_plural = _("lottery rounds")
        ordering = ("-use_month", "facility", "pk")
        constraints = [
            models.UniqueConstraint(fields=("facility", "use_month"), name="lottery_round_unique_month"),
            models.CheckConstraint(
                condition=models.Q(entries_open_at__lt=models.F("entries_close_at"))
                & models.Q(entries_close_at__lte=models.F("draw_at"))
                & models.Q(draw_at__lt=models.F("confirm_by")),
                name="lottery_round_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.use_month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("facilities:lottery", args=[self.pk])

    def clean(self) -> None:
        if self.use_month and self.use_month.day != 1:
            raise ValidationError({"use_month": _("Give the first day of the month.")})
        errors: dict[str, str] = {}
        if self.entries_open_at and self.entries_close_at and self.entries_close_at <= self.entries_open_at:
            errors["entries_close_at"] = _("Entries must close after they open.")
        if self.entries_close_at and self.draw_at and self.draw_at < self.entries_close_at:
            errors["draw_at"] = _("The draw must come after entries close.")
        if self.draw_at and self.confirm_by and self.confirm_by <= self.draw_at:
            errors["confirm_by"] = _("Winners confirm after the draw.")
        if self.confirm_by and self.use_month and timezone.localtime(self.confirm_by).date() >= self.use_month:
            errors["confirm_by"] = _("Winners must confirm before the month of use begins.")
        if errors:
            raise ValidationError(errors)

    def phase(self, now: object = None) -> str:
        now = now or timezone.now()
        if self.status == RoundStatus.PUBLISHED:
            return RoundPhase.CONFIRMING if now < self.confirm_by else RoundPhase.FIRST_COME
        if self.status == RoundStatus.DRAWN:
            return RoundPhase.DRAWN
        if now < self.entries_open_at:
            return RoundPhase.UPCOMING
        if now < self.entries_close_at:
            return RoundPhase.ENTRIES
        return RoundPhase.AWAITING_DRAW

    @property
    def phase_label(self) -> str:
        return str(RoundPhase(self.phase()).label)

    def is_taking_entries(self, now: object = None) -> bool:
        return self.phase(now) == RoundPhase.ENTRIES

    @property
    def month_end(self):  # type: ignore[no-untyped-def]
        import calendar

        last = calendar.monthrange(self.use_month.year, self.use_month.month)[1]
        return self.use_month.replace(day=last)


class EntryStatus(models.TextChoices):
    ENTERED = "entered", pgettext_lazy("lottery entry status", "Entered")
    WON = "won", pgettext_lazy("lottery entry status", "Won: confirm to book")
    LOST = "lost", pgettext_lazy("lottery entry status", "Not drawn")
    CONFIRMED = "confirmed", pgettext_lazy("lottery entry status", "Won and booked")
    LAPSED = "lapsed", pgettext_lazy("lottery entry status", "Won but not confirmed in time")
    WITHDRAWN = "withdrawn", pgettext_lazy("lottery entry status", "Withdrawn")
    DECLINED = "declined", pgettext_lazy("lottery entry status", "Won and declined")


ENTRY_WORKFLOW = Workflow(
    choices=EntryStatus,
    transitions={
        EntryStatus.ENTERED: frozenset({EntryStatus.WON, EntryStatus.LOST, EntryStatus.WITHDRAWN}),
        EntryStatus.WON: frozenset({EntryStatus.CONFIRMED, EntryStatus.DECLINED, EntryStatus.LAPSED}),
        EntryStatus.LOST: frozenset(),
        EntryStatus.CONFIRMED: frozenset(),
        EntryStatus.LAPSED: frozenset(),
        EntryStatus.WITHDRAWN: frozenset(),
        EntryStatus.DECLINED: frozenset(),
    },
    action_prefix="facilities.lottery",  # entry and round states differ: "facilities.lottery.won", ".drawn"
    label=pgettext_lazy("workflow", "Lottery entry"),
)


class PriorityClass(models.IntegerChoices):
    REGISTERED_GROUP = 1, _("Registered group")
    RESIDENT = 2, _("Lives, works or studies in the city")
    OTHER = 3, _("Other")


class LotteryEntry(TimeStampedModel):
    round = models.ForeignKey(LotteryRound, on_delete=models.CASCADE, related_name="entries", verbose_name=_("round"))
    resource = models.ForeignKey(
        Resource, on_delete=models.PROTECT, related_name="lottery_entries", verbose_name=_("room")
    )
    division = models.ForeignKey(
        TimeDivision, on_delete=models.PROTECT, related_name="lottery_entries", verbose_name=_("time division")
    )
    use_date = models.DateField(_("date of use"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lottery_entries", verbose_name=_("applicant")
    )
    group = models.ForeignKey(
        "groups.CommunityGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lottery_entries",
        verbose_name=_("group"),
    )
    priority = models.PositiveSmallIntegerField(_("priority class"), choices=PriorityClass.choices)
    purpose = models.CharField(_("purpose"), max_length=200)
    expected_people = models.PositiveIntegerField(
        _("expected number of people"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    status = models.CharField(_("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.ENTERED)
    rank = models.PositiveIntegerField(_("place in the draw"), null=True, blank=True)
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="lottery_entry"
    )

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": ENTRY_WORKFLOW}

    class Meta:
        verbose_name = _("lottery entry")
        verbose_name_plural = _("lottery entries")
        ordering = ("starts_at", "resource", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("round", "resource", "starts_at", "group"),
                condition=models.Q(group__isnull=False) & ~models.Q(status="withdrawn"),
                name="lottery_entry_one_per_group_slot",
            ),
            models.UniqueConstraint(
                fields=("round", "resource", "starts_at", "user"),
                condition=models.Q(group__isnull=True) & ~models.Q(status="withdrawn"),
                name="lottery_entry_one_per_person_slot",
            ),
        ]
        indexes = [models.Index(fields=("round", "resource", "starts_at"), name="lottery_entry_slot_idx")]

    def __str__(self) -> str:
        return f"{self.round} {self.resource.localized('name')} {timezone.localtime(self.starts_at):%m-%d %H:%M}"

    @property
    def applicant_name(self) -> str:
        return self.group.name if self.group_id else str(self.user)  # type: ignore[union-attr]
