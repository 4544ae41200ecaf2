"""Topic e-mails (メールマガジン): who subscribed to what, and which weekly digests went out.

A `Subscription` is one e-mail address (with or without an account). It is created
pending by the subscribe form and only becomes confirmed through the signed link of the
confirmation e-mail (double opt-in); nothing but that confirmation is ever sent to a
pending address. Its `token` is the secret of the manage and one-click unsubscribe links
in every digest.

A `DigestDelivery` is claimed (one row per subscription and ISO week, unique) before a
digest is sent, so that a job run twice, or by two workers at once, sends each
subscriber at most one digest a week (see portal.newsletter)."""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import ActivityField, Area, TimeStampedModel
from portal.workflow import Workflow

__all__ = [
    "SUBSCRIPTION_WORKFLOW",
    "DigestDelivery",
    "Subscription",
    "SubscriptionStatus",
]


def new_subscription_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("subscription status", "Waiting for confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("subscription status", "Subscribed")
    UNSUBSCRIBED = "unsubscribed", pgettext_lazy("subscription status", "Unsubscribed")


SUBSCRIPTION_WORKFLOW = Workflow(
    choices=SubscriptionStatus,
    transitions={
        SubscriptionStatus.PENDING: frozenset({SubscriptionStatus.CONFIRMED, SubscriptionStatus.UNSUBSCRIBED}),
        SubscriptionStatus.CONFIRMED: frozenset({SubscriptionStatus.UNSUBSCRIBED}),
        SubscriptionStatus.UNSUBSCRIBED: frozenset({SubscriptionStatus.CONFIRMED}),
    },
    action_prefix="portal.subscription",
    label=pgettext_lazy("workflow", "Topic e-mail subscription"),
)


class Subscription(TimeStampedModel):
    email = models.EmailField(_("e-mail address"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newsletter_subscriptions",
        verbose_name=_("account"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.PENDING,
        db_index=True,
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    fields = models.ManyToManyField(ActivityField, related_name="+", blank=True, verbose_name=_("activity fields"))
    areas = models.ManyToManyField(Area, related_name="+", blank=True, verbose_name=_("areas"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="ja")
    token = models.CharField(
        _("link token"), max_length=64, unique=True, default=new_subscription_token, editable=False
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    digest_since = models.DateTimeField(
        _("next digest covers from"), null=True, blank=True, help_text=_("The end of the last digest's period.")
    )

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": SUBSCRIPTION_WORKFLOW}

    class Meta:
        verbose_name = _("topic e-mail subscription")
        verbose_name_plural = _("topic e-mail subscriptions")
        ordering = ("-created_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="confirmed") | models.Q(confirmed_at__isnull=False),
                name="subscription_confirmed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Topic e-mail subscription')} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("portal:newsletter-manage", args=[self.token])

    @property
    def is_confirmed(self) -> bool:
        return self.status == SubscriptionStatus.CONFIRMED


class DigestDelivery(models.Model):
    """One subscriber's digest of one ISO week ("2026-W48"). Claimed (`claimed_at`, `claim`)
    by the run that sends it; `finished_at` is set once it is sent, or when there was
    nothing new. A failed send releases the claim (the next run retries)."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("subscription")
    )
    period = models.CharField(_("week"), max_length=10)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim = models.CharField(_("claimed by run"), max_length=40, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, db_index=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")
        ordering = ("-period", "pk")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "period"], name="digest_one_per_subscription_week"),
        ]

    def __str__(self) -> str:
        return f"{self.period} #{self.subscription_id}"

    @property
    def was_sent(self) -> bool:
        return self.finished_at is not None and self.item_count > 0
