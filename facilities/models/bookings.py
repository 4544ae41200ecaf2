"""Bookings (予約) of rooms and loans of equipment."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from facilities.models.catalogue import Resource
from facilities.models.fees import ReductionRule, Surcharge
from facilities.querysets import BookingQuerySet
from portal.dates import storable_date_constraint
from portal.models import Department, TimeStampedModel
from portal.workflow import Workflow, available_transitions


class BookingStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("booking status", "Awaiting approval")
    CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")
    REJECTED = "rejected", pgettext_lazy("booking status", "Not approved")


ACTIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED)

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    BookingStatus.PENDING: frozenset({BookingStatus.CONFIRMED, BookingStatus.REJECTED, BookingStatus.CANCELLED}),
    BookingStatus.CONFIRMED: frozenset({BookingStatus.CANCELLED}),
    BookingStatus.CANCELLED: frozenset(),
    BookingStatus.REJECTED: frozenset(),
}
BOOKING_WORKFLOW = Workflow(
    choices=BookingStatus,
    transitions=ALLOWED_TRANSITIONS,
    action_prefix="facilities.booking",
    label=pgettext_lazy("workflow", "Booking"),
)


class BookingChannel(models.TextChoices):
    ONLINE = "online", pgettext_lazy("booking channel", "Online")
    COUNTER = "counter", pgettext_lazy("booking channel", "At the counter")
    PHONE = "phone", pgettext_lazy("booking channel", "By telephone")
    LOTTERY = "lottery", pgettext_lazy("booking channel", "Lottery")


class CancellationKind(models.TextChoices):
    USER = "user", pgettext_lazy("cancellation kind", "By the user")
    STAFF = "staff", pgettext_lazy("cancellation kind", "By staff")
    CLOSURE = "closure", pgettext_lazy("cancellation kind", "Facility closure")


class PaymentStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", pgettext_lazy("payment status", "No fee")
    UNPAID = "unpaid", pgettext_lazy("payment status", "Unpaid")
    PAID = "paid", pgettext_lazy("payment status", "Paid")
    REFUND_DUE = "refund_due", pgettext_lazy("payment status", "Refund due")
    REFUNDED = "refunded", pgettext_lazy("payment status", "Refunded")
    CANCELLED = "cancelled", pgettext_lazy("payment status", "Nothing to pay")


PAYMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    PaymentStatus.NOT_REQUIRED: frozenset(),
    PaymentStatus.UNPAID: frozenset({PaymentStatus.PAID, PaymentStatus.CANCELLED}),
    PaymentStatus.PAID: frozenset({PaymentStatus.REFUND_DUE}),
    PaymentStatus.REFUND_DUE: frozenset({PaymentStatus.REFUNDED}),
    PaymentStatus.REFUNDED: frozenset(),
    PaymentStatus.CANCELLED: frozenset(),
}
PAYMENT_WORKFLOW = Workflow(
    choices=PaymentStatus,
    transitions=PAYMENT_TRANSITIONS,
    action_prefix="facilities.booking",
    label=pgettext_lazy("workflow", "Payment"),
    # "facilities.booking.paid", ".refunded", ".refund_due"; a cancelled payment is not a cancelled booking.
    events={PaymentStatus.CANCELLED: "payment_cancelled"},
)


# The reduction reason recorded on city use (a department's booking, free of charge):
# stored in both languages, shown by its label in the active one.
CITY_USE = "市の事業による使用 / City use"
CITY_USE_LABEL = pgettext_lazy("fee reduction", "City use")


class PaymentMethod(models.TextChoices):
    COUNTER = "counter", pgettext_lazy("payment method", "Cash at the counter")
    INVOICE = "invoice", pgettext_lazy("payment method", "Payment slip")


class Booking(TimeStampedModel):
    resource = models.ForeignKey(
        Resource, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("resource")
    )
    use_date = models.DateField(_("date of use"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    slot_count = models.PositiveSmallIntegerField(_("slots"), default=1)
    quantity = models.PositiveIntegerField(_("quantity"), default=1, validators=[MinValueValidator(1)])
    # True for rooms: the PostgreSQL exclusion constraint covers these rows only.
    is_exclusive = models.BooleanField(default=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    group = models.ForeignKey(
        "groups.CommunityGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("group"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("city department"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("booked by"),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=BookingChannel.choices, default=BookingChannel.ONLINE
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by staff"),
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    expected_people = models.PositiveIntegerField(
        _("expected number of people"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    actual_people = models.PositiveIntegerField(
        _("number of people who came"), null=True, blank=True, validators=[MaxValueValidator(10_000)]
    )
    is_resident_rate = models.BooleanField(_("city rate"), default=True)
    fee_base = models.PositiveIntegerField(_("base fee"), default=0)
    fee_surcharge = models.PositiveIntegerField(_("surcharges"), default=0)
    fee_reduction = models.PositiveIntegerField(_("reduction"), default=0)
    fee = models.PositiveIntegerField(_("fee"), default=0)
    surcharges = models.ManyToManyField(Surcharge, blank=True, related_name="bookings", verbose_name=_("surcharges"))
    reduction_rule = models.ForeignKey(
        ReductionRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("fee reduction"),
    )
    reduction_reason = models.CharField(_("reason for the reduction"), max_length=300, blank=True)
    payment_status = models.CharField(
        _("payment"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.NOT_REQUIRED
    )
    payment_method = models.CharField(_("payment method"), max_length=20, choices=PaymentMethod.choices, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    refund_amount = models.PositiveIntegerField(_("refund"), default=0)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note to the applicant"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_kind = models.CharField(_("cancelled"), max_length=20, choices=CancellationKind.choices, blank=True)
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    objects = BookingQuerySet.as_manager()

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": BOOKING_WORKFLOW, "payment_status": PAYMENT_WORKFLOW}

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ("starts_at", "pk")
        constraints = [
            storable_date_constraint("booking_dates_in_range", "use_date", "starts_at", "ends_at"),
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")), name="booking_starts_before_end"
            ),
            models.CheckConstraint(
                condition=models.Q(fee=models.F("fee_base") + models.F("fee_surcharge") - models.F("fee_reduction")),
                name="booking_fee_adds_up",
            ),
        ]
        indexes = [
            models.Index(fields=("resource", "starts_at"), name="booking_resource_start_idx"),
            models.Index(fields=("use_date", "resource"), name="booking_date_resource_idx"),
            models.Index(fields=("group", "use_date"), name="booking_group_date_idx"),
            models.Index(fields=("user", "use_date"), name="booking_user_date_idx"),
            models.Index(fields=("status", "resource"), name="booking_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("facilities:booking", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def reduction_reason_display(self) -> str:
        """The recorded reason; city use by its label in the active language."""
        return str(CITY_USE_LABEL) if self.reduction_reason == CITY_USE else self.reduction_reason

    @property
    def booker_name(self) -> str:
        if self.group_id:
            return self.group.name  # type: ignore[union-attr]
        if self.department_id:
            return str(self.department)
        return str(self.user) if self.user_id else "—"

    def available_transitions(self, field: str = "status") -> frozenset[str]:
        return available_transitions(self, field)


class BookingFeedToken(TimeStampedModel):
    """The secret in a person's bookings calendar (iCalendar) address; calendar apps
    cannot log in. Resetting it revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_feed", verbose_name=_("user")
    )
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True)

    class Meta:
        verbose_name = _("bookings calendar address")
        verbose_name_plural = _("bookings calendar addresses")

    def __str__(self) -> str:
        return str(self.user)
