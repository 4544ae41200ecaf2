"""Events (イベント) posted by groups and city departments, with sign-up and waiting lists."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.querysets import EventQuerySet
from portal.dates import storable_date_constraint
from portal.models import KANA_VALIDATOR, ActivityField, Area, BilingualMixin, Department, TimeStampedModel
from portal.workflow import Workflow


class EventStatus(models.TextChoices):
    PUBLISHED = "published", pgettext_lazy("event status", "Published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


EVENT_WORKFLOW = Workflow(
    choices=EventStatus,
    transitions={EventStatus.PUBLISHED: frozenset({EventStatus.CANCELLED}), EventStatus.CANCELLED: frozenset()},
    action_prefix="groups.event",
    label=pgettext_lazy("workflow", "Event"),
)


class Event(BilingualMixin, TimeStampedModel):
    group = models.ForeignKey(
        "groups.CommunityGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organising group"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organising department"),
    )
    title = models.CharField(_("title"), max_length=200)
    title_kana = models.CharField(_("title (furigana)"), max_length=200, blank=True, validators=[KANA_VALIDATOR])
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    address = models.CharField(_("address of the place"), max_length=200, blank=True)
    fields = models.ManyToManyField(ActivityField, related_name="events", blank=True, verbose_name=_("activity fields"))
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("area")
    )
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    fee = models.PositiveIntegerField(_("fee (yen)"), default=0, validators=[MaxValueValidator(1_000_000)])
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Leave empty for no limit."),
    )
    requires_signup = models.BooleanField(_("sign-up required"), default=False)
    signup_opens_at = models.DateTimeField(_("sign-up opens"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(_("sign-up closes"), null=True, blank=True)
    accessibility = models.TextField(_("accessibility notes"), blank=True, max_length=1000)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.PUBLISHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )

    objects = EventQuerySet.as_manager()

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": EVENT_WORKFLOW}

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ("starts_at", "pk")
        indexes = [
            # Covering ends_at too: "upcoming" and month queries filter on ends_at while
            # reading in starts_at order, without a table lookup per skipped event.
            models.Index(fields=["status", "starts_at", "ends_at"], name="event_upcoming_idx"),
            # With starts_at and id in it, the month calendar's per-day counts and its
            # window of each day's first events are index-only scans.
            models.Index(fields=["status", "ends_at", "starts_at", "id"], name="event_status_end_idx"),
            models.Index(fields=["group", "starts_at"], name="event_group_start_idx"),
        ]
        constraints = [
            storable_date_constraint(
                "event_dates_in_range", "starts_at", "ends_at", "signup_opens_at", "signup_closes_at"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(group__isnull=False, department__isnull=True)
                | models.Q(group__isnull=True, department__isnull=False),
                name="event_one_organiser",
            ),
            models.CheckConstraint(
                condition=models.Q(signup_closes_at__isnull=True)
                | models.Q(signup_opens_at__isnull=True)
                | models.Q(signup_closes_at__gt=models.F("signup_opens_at")),
                name="event_signup_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("groups:event-detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.signup_opens_at and self.signup_closes_at and self.signup_closes_at <= self.signup_opens_at:
            errors["signup_closes_at"] = _("Sign-up must close after it opens.")
        if self.signup_closes_at and self.ends_at and self.signup_closes_at > self.ends_at:
            errors["signup_closes_at"] = _("Sign-up must close before the event ends.")
        if errors:
            raise ValidationError(errors)

    def signup_is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.requires_signup
            and self.status == EventStatus.PUBLISHED
            and (self.signup_opens_at is None or self.signup_opens_at <= now)
            and (self.signup_closes_at is None or now < self.signup_closes_at)
            and now < self.starts_at
        )

    @property
    def organiser_name(self) -> str:
        """Needs group/department selected (for_list does)."""
        if self.group_id:
            return self.group.name  # type: ignore[union-attr]
        return self.department.localized("name")  # type: ignore[union-attr]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("event registration status", "Confirmed")
    WAITLISTED = "waitlisted", pgettext_lazy("event registration status", "On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("event registration status", "Cancelled")


ACTIVE_REGISTRATION = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

REGISTRATION_WORKFLOW = Workflow(
    choices=RegistrationStatus,
    transitions={
        RegistrationStatus.CONFIRMED: frozenset({RegistrationStatus.CANCELLED}),
        RegistrationStatus.WAITLISTED: frozenset({RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED}),
        RegistrationStatus.CANCELLED: frozenset(),
    },
    action_prefix="groups.eventregistration",
    label=pgettext_lazy("workflow", "Event sign-up"),
)


class EventRegistration(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations", verbose_name=_("user")
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True)
    note = models.CharField(_("message to the organiser"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list at"), null=True, blank=True)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": REGISTRATION_WORKFLOW}

    class Meta:
        verbose_name = _("event sign-up")
        verbose_name_plural = _("event sign-ups")
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(status__in=["confirmed", "waitlisted"]),
                name="eventregistration_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} / {self.user} ({self.get_status_display()})"
