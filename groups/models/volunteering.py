"""Volunteer openings (ボランティア募集) and applications to them."""

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

from groups.querysets import VolunteerOpeningQuerySet
from portal.dates import storable_date_constraint
from portal.models import TimeStampedModel
from portal.workflow import Workflow


class VolunteerOpening(TimeStampedModel):
    group = models.ForeignKey(
        "groups.CommunityGroup", on_delete=models.CASCADE, related_name="openings", verbose_name=_("group")
    )
    title = models.CharField(_("what help is needed"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    when = models.CharField(
        _("when"), max_length=200, help_text=_("e.g. every Saturday morning, or 12 December 10:00–15:00")
    )
    place = models.CharField(_("where"), max_length=200)
    skills = models.CharField(_("skills and experience"), max_length=500, blank=True)
    welcome_students = models.BooleanField(_("students and young people welcome"), default=False)
    people_needed = models.PositiveIntegerField(
        _("how many people"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    deadline = models.DateField(_("application deadline"), db_index=True)
    is_closed = models.BooleanField(_("closed early"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )

    objects = VolunteerOpeningQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer opening")
        verbose_name_plural = _("volunteer openings")
        ordering = ("deadline", "pk")
        constraints = [storable_date_constraint("opening_deadline_in_range", "deadline")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("groups:opening-detail", args=[self.pk])

    def is_open(self, today: datetime.date | None = None) -> bool:
        return not self.is_closed and self.deadline >= (today or timezone.localdate())


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("volunteer application status", "Waiting for the group's answer")
    ACCEPTED = "accepted", pgettext_lazy("volunteer application status", "Accepted")
    DECLINED = "declined", pgettext_lazy("volunteer application status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("volunteer application status", "Withdrawn")


APPLICATION_WORKFLOW = Workflow(
    choices=ApplicationStatus,
    transitions={
        ApplicationStatus.PENDING: frozenset(
            {ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN}
        ),
        ApplicationStatus.ACCEPTED: frozenset({ApplicationStatus.WITHDRAWN}),
        ApplicationStatus.DECLINED: frozenset(),
        ApplicationStatus.WITHDRAWN: frozenset(),
    },
    action_prefix="groups.volunteerapplication",
    label=pgettext_lazy("workflow", "Volunteer application"),
)


class VolunteerApplication(TimeStampedModel):
    opening = models.ForeignKey(
        VolunteerOpening, on_delete=models.CASCADE, related_name="applications", verbose_name=_("volunteer opening")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_applications",
        verbose_name=_("user"),
    )
    message = models.TextField(_("message to the group"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reply = models.TextField(_("reply from the group"), blank=True, max_length=2000)

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": APPLICATION_WORKFLOW}

    class Meta:
        verbose_name = _("volunteer application")
        verbose_name_plural = _("volunteer applications")
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["opening", "user"],
                condition=~models.Q(status="withdrawn"),
                name="volunteerapplication_one_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.opening} / {self.user}"
