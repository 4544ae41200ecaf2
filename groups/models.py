"""Citizen-activity groups (市民活動団体) and their members.

The foundation defines the group and its membership roles so that every app's
role-matrix tests can build a group member and a representative; the groups issue
adds registration, profiles, events and openings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import KANA_VALIDATOR, TimeStampedModel


class CommunityGroup(TimeStampedModel):
    name = models.CharField(_("group name"), max_length=200)
    name_kana = models.CharField(_("group name (furigana)"), max_length=200, validators=[KANA_VALIDATOR])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("citizen-activity group")
        verbose_name_plural = _("citizen-activity groups")
        ordering = ("name_kana", "pk")

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    REPRESENTATIVE = "representative", pgettext_lazy("group role", "Representative")
    CONTACT = "contact", pgettext_lazy("group role", "Contact person")
    EDITOR = "editor", pgettext_lazy("group role", "Editor")
    MEMBER = "member", pgettext_lazy("group role", "Member")


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    group = models.ForeignKey(
        CommunityGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="membership_unique_user_group"),
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(role="representative"),
                name="membership_one_representative_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} / {self.user} ({self.get_role_display()})"
