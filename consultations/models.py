"""The consultation desk (相談窓口): the slots the desk publishes, and consultations,
either booked at a slot (in person, by phone or online) or asked in writing.

A consultation's private record (the topic as actually discussed, the outcome, the
follow-up) and its links to a group, a subsidy application or a collaboration proposal
are the desk's: the asker never sees them."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.dates import storable_date_constraint
from portal.models import TimeStampedModel
from portal.workflow import Workflow


class Topic(models.TextChoices):
    START = "start", pgettext_lazy("consultation topic", "Starting an activity")
    RUNNING = "running", pgettext_lazy("consultation topic", "Running a group")
    FUNDING = "funding", pgettext_lazy("consultation topic", "Finding funds and grants")
    SUBSIDY = "subsidy", pgettext_lazy("consultation topic", "Applying for a subsidy")
    COLLABORATION = "collaboration", pgettext_lazy("consultation topic", "Proposing a collaboration")
    OTHER = "other", pgettext_lazy("consultation topic", "Other")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", pgettext_lazy("consultation mode", "In person")
    PHONE = "phone", pgettext_lazy("consultation mode", "By phone")
    ONLINE = "online", pgettext_lazy("consultation mode", "Online")
    WRITTEN = "written", pgettext_lazy("consultation mode", "In writing")


SLOT_MODES = (Mode.IN_PERSON, Mode.PHONE, Mode.ONLINE)


class Kind(models.TextChoices):
    BOOKING = "booking", pgettext_lazy("consultation kind", "Booked consultation")
    QUESTION = "question", pgettext_lazy("consultation kind", "Written question")


class ConsultationStatus(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("consultation status", "Booked")
    ASKED = "asked", pgettext_lazy("consultation status", "Waiting for an answer")
    ANSWERED = "answered", pgettext_lazy("consultation status", "Answered")
    REPLIED = "replied", pgettext_lazy("consultation status", "Reply waiting for an answer")
    DONE = "done", pgettext_lazy("consultation status", "Held")
    NO_SHOW = "no_show", pgettext_lazy("consultation status", "Did not come")
    RESOLVED = "resolved", pgettext_lazy("consultation status", "Resolved")
    CANCELLED = "cancelled", pgettext_lazy("consultation status", "Cancelled")


S = ConsultationStatus
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.BOOKED: frozenset({S.CANCELLED, S.DONE, S.NO_SHOW}),
    S.ASKED: frozenset({S.ANSWERED, S.CANCELLED}),
    S.ANSWERED: frozenset({S.REPLIED, S.RESOLVED}),
    S.REPLIED: frozenset({S.ANSWERED, S.RESOLVED}),
    S.DONE: frozenset(),
    S.NO_SHOW: frozenset(),
    S.RESOLVED: frozenset(),
    S.CANCELLED: frozenset(),
}
CONSULTATION_WORKFLOW = Workflow(
    choices=ConsultationStatus,
    transitions=ALLOWED_TRANSITIONS,
    action_prefix="consultations.consultation",
    label=pgettext_lazy("workflow label", "Consultation"),
)
# States that hold a slot (a cancelled booking frees it).
HOLDING_STATUSES = (S.BOOKED, S.DONE, S.NO_SHOW)
# Waiting for the desk: shown first in the queue.
WAITING_STATUSES = (S.BOOKED, S.ASKED, S.REPLIED)
# Consultations the desk gave, counted in the report.
COUNTED_STATUSES = (S.DONE, S.ANSWERED, S.REPLIED, S.RESOLVED)


class DeskSlot(TimeStampedModel):
    """A time at which the desk takes one consultation."""

    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    offers_in_person = models.BooleanField(_("in person"), default=True)
    offers_phone = models.BooleanField(_("by phone"), default=False)
    offers_online = models.BooleanField(_("online"), default=False)
    place = models.CharField(
        _("where or how"), max_length=200, help_text=_("E.g. the centre's consultation room, or how to join online.")
    )
    is_closed = models.BooleanField(_("closed"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("starts_at", "pk")
        verbose_name = _("consultation slot")
        verbose_name_plural = _("consultation slots")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=10, minutes__lte=240), name="consultations_slot_minutes_range"
            ),
            models.CheckConstraint(
                condition=models.Q(offers_in_person=True) | models.Q(offers_phone=True) | models.Q(offers_online=True),
                name="consultations_slot_has_a_mode",
            ),
            storable_date_constraint("consultations_slot_starts_at_storable", "starts_at"),
        ]

    def __str__(self) -> str:
        return timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.minutes)

    def modes(self) -> list[str]:
        """The modes offered, in the order of `Mode`."""
        flags = {Mode.IN_PERSON: self.offers_in_person, Mode.PHONE: self.offers_phone, Mode.ONLINE: self.offers_online}
        return [mode.value for mode in SLOT_MODES if flags[mode]]

    def mode_labels(self) -> list[str]:
        return [str(Mode(mode).label) for mode in self.modes()]


class Consultation(TimeStampedModel):
    """One consultation: booked at a slot, or asked in writing."""

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": CONSULTATION_WORKFLOW}

    receipt_number = models.CharField(_("receipt number"), max_length=30, unique=True, null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=ConsultationStatus.choices, db_index=True)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("asked by")
    )
    group = models.ForeignKey(
        "groups.CommunityGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("on behalf of the group"),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    slot = models.ForeignKey(
        DeskSlot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("slot"),
    )
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices)
    contact_phone = models.CharField(_("telephone number to call"), max_length=20, blank=True)
    message = models.TextField(_("what you want to talk about"), max_length=4000)
    # When it takes place: the slot's start for a booking, the time of asking for a question.
    happens_at = models.DateTimeField(_("when"), db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    # The desk's private record: never shown to the asker.
    record_topic = models.CharField(_("topic as discussed"), max_length=20, choices=Topic.choices, blank=True)
    outcome = models.TextField(_("outcome"), max_length=4000, blank=True)
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    follow_up_by = models.DateField(_("follow-up by"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    linked_group = models.ForeignKey(
        "groups.CommunityGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked group"),
    )
    linked_application = models.ForeignKey(
        "subsidies.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked subsidy application"),
    )
    linked_proposal = models.ForeignKey(
        "collaboration.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked collaboration proposal"),
    )

    class Meta:
        ordering = ("happens_at", "pk")
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints: ClassVar = [
            # One consultation per slot: a cancelled booking frees it.
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(status__in=["booked", "done", "no_show"]),
                name="consultations_one_booking_per_slot",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="booking", slot__isnull=False) & ~models.Q(mode="written"))
                | models.Q(kind="question", slot__isnull=True, mode="written"),
                name="consultations_booking_has_a_slot",
            ),
            storable_date_constraint("consultations_dates_storable", "happens_at", "follow_up_by"),
        ]
        indexes: ClassVar = [models.Index(fields=["asker", "-happens_at"], name="consultations_asker_idx")]

    def __str__(self) -> str:
        return f"{self.receipt_number or ''} {self.get_topic_display()}".strip()

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", args=[self.pk])

    def get_staff_url(self) -> str:
        return reverse("consultations:staff-detail", args=[self.pk])

    @property
    def is_booking(self) -> bool:
        return self.kind == Kind.BOOKING

    def is_waiting(self) -> bool:
        return self.status in WAITING_STATUSES


class ConsultationMessage(models.Model):
    """An answer of the desk, or the asker's reply, on a written question."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_desk = models.BooleanField(_("from the desk"), default=False)
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        verbose_name = _("consultation message")
        verbose_name_plural = _("consultation messages")

    def __str__(self) -> str:
        return self.body[:40]
