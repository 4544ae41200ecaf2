"""Fees (使用料) per division or hour, surcharges, and reduction rules (減免)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from facilities.models.catalogue import Facility, Resource, TimeDivision
from portal.models import BilingualMixin, TimeStampedModel


class FeeRate(TimeStampedModel):
    """The fee for one slot of a resource: per division (or, without a division, per
    hour in hourly facilities and per day for equipment), for residents (市内) and
    others (市外)."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="fee_rates", verbose_name=_("resource")
    )
    division = models.ForeignKey(
        TimeDivision,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="fee_rates",
        verbose_name=_("time division"),
    )
    resident_fee = models.PositiveIntegerField(_("fee in the city (yen)"), validators=[MaxValueValidator(1_000_000)])
    non_resident_fee = models.PositiveIntegerField(
        _("fee from outside the city (yen)"), validators=[MaxValueValidator(1_000_000)]
    )

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        ordering = ("resource", "division__starts")
        constraints = [
            models.UniqueConstraint(
                fields=("resource", "division"), condition=models.Q(division__isnull=False), name="fee_rate_unique"
            ),
            models.UniqueConstraint(
                fields=("resource",), condition=models.Q(division__isnull=True), name="fee_rate_unique_default"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.division or ''} {self.resident_fee}/{self.non_resident_fee}"


class Surcharge(BilingualMixin, TimeStampedModel):
    """An addition chosen when booking: admission charged, air conditioning, …"""

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="surcharges", verbose_name=_("facility")
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    percent = models.PositiveSmallIntegerField(
        _("percentage of the fee"), default=0, validators=[MaxValueValidator(500)]
    )
    amount_per_slot = models.PositiveIntegerField(
        _("amount per slot (yen)"), default=0, validators=[MaxValueValidator(100_000)]
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("surcharge")
        verbose_name_plural = _("surcharges")
        ordering = ("facility", "order", "pk")

    def __str__(self) -> str:
        return self.localized("name")

    def clean(self) -> None:
        if not self.percent and not self.amount_per_slot:
            raise ValidationError(_("Enter a percentage or an amount."))


class ReductionEvidence(models.TextChoices):
    """What proves that a reduction applies: the booker's stated reason, which staff
    approve, or evidence another app registers (facilities.reduction_evidence)."""

    STATED = "", _("The booker states the reason; staff approve")
    COHOSTING = "cohosting", _("The city’s approved co-hosting of an event on the day of use")


class ReductionRule(BilingualMixin, TimeStampedModel):
    """A reduction or exemption (減免) staff have defined, e.g. full exemption for a
    registered group's public-interest use, half for events the city co-hosts. A rule
    with `evidence` needs no stated reason: the registered check finds the evidence (and
    the booking needs no approval), or the booking is refused."""

    facility = models.ForeignKey(
        Facility,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reduction_rules",
        verbose_name=_("facility"),
        help_text=_("Leave empty to apply at every facility."),
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.CharField(_("who qualifies"), max_length=300, blank=True)
    description_en = models.CharField(_("who qualifies (English)"), max_length=300, blank=True)
    percent = models.PositiveSmallIntegerField(
        _("reduction (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    registered_groups_only = models.BooleanField(_("registered groups only"), default=True)
    requires_approval = models.BooleanField(
        _("staff approve each use"), default=True, help_text=_("Bookings with this reduction wait for approval.")
    )
    evidence = models.CharField(
        _("evidence"),
        max_length=20,
        choices=ReductionEvidence.choices,
        default=ReductionEvidence.STATED,
        blank=True,
        help_text=_("What proves the reduction applies."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("fee reduction rule")
        verbose_name_plural = _("fee reduction rules")
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.localized("name")
