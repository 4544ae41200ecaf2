"""Citizen-activity groups (市民活動団体): registration (団体登録), renewal, members."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.querysets import CommunityGroupQuerySet
from portal.dates import STORABLE_EARLIEST, storable_date_constraint
from portal.models import KANA_VALIDATOR, ActivityField, Area, TimeStampedModel
from portal.workflow import Workflow, available_transitions


def validate_corporate_number(value: str) -> None:
    """法人番号: 13 digits whose first digit is a check digit over the other twelve
    (National Tax Agency: 9 - (Σ Pn × Qn mod 9), Qn = 1 for odd n, 2 for even n,
    n counted from the lowest digit)."""
    if not value.isdigit() or len(value) != 13:
        raise ValidationError(_("A corporate number has 13 digits."), code="corporate_number_length")
    base = value[1:]
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(base), start=1))
    if int(value[0]) != 9 - total % 9:
        raise ValidationError(
            _("This corporate number is not valid (check digit). Please check it."),
            code="corporate_number_check_digit",
        )


PHONE_VALIDATOR = RegexValidator(r"^[0-9０-９\-‐－() +]{6,20}$", _("Enter a telephone number."))


class OrganisationForm(models.TextChoices):
    VOLUNTARY = "voluntary", pgettext_lazy("organisation form", "Voluntary association")
    NPO = "npo", pgettext_lazy("organisation form", "Specified non-profit corporation (NPO)")
    GENERAL_INCORPORATED = "general", pgettext_lazy("organisation form", "General incorporated association")
    NEIGHBOURHOOD = "neighbourhood", pgettext_lazy("organisation form", "Neighbourhood association")
    AREA_COUNCIL = "area_council", pgettext_lazy("organisation form", "Area community-building council")
    BUSINESS = "business", pgettext_lazy("organisation form", "Business")
    INTERMEDIARY = "intermediary", pgettext_lazy("organisation form", "Intermediate support organisation")
    OTHER = "other", pgettext_lazy("organisation form", "Other")


class GroupStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("group status", "Awaiting review")
    RETURNED = "returned", pgettext_lazy("group status", "Returned for correction")
    REGISTERED = "registered", pgettext_lazy("group status", "Registered")
    REJECTED = "rejected", pgettext_lazy("group status", "Rejected")
    LAPSED = "lapsed", pgettext_lazy("group status", "Lapsed")
    WITHDRAWN = "withdrawn", pgettext_lazy("group status", "Withdrawn")


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    GroupStatus.PENDING: frozenset({GroupStatus.REGISTERED, GroupStatus.RETURNED, GroupStatus.REJECTED}),
    GroupStatus.RETURNED: frozenset({GroupStatus.PENDING, GroupStatus.WITHDRAWN}),
    GroupStatus.REGISTERED: frozenset({GroupStatus.LAPSED, GroupStatus.WITHDRAWN}),
    GroupStatus.LAPSED: frozenset({GroupStatus.PENDING, GroupStatus.WITHDRAWN}),
    GroupStatus.REJECTED: frozenset(),
    GroupStatus.WITHDRAWN: frozenset(),
}
GROUP_WORKFLOW = Workflow(
    choices=GroupStatus,
    transitions=ALLOWED_TRANSITIONS,
    action_prefix="groups.communitygroup",
    label=pgettext_lazy("workflow", "Group registration"),
)

# Public profile fields a group may choose to show or hide (情報開示). Personal contact
# details are hidden unless the group chooses to show them.
DISCLOSABLE_FIELDS: dict[str, Any] = {
    "representative_name": _("Representative's name"),
    "contact_name": _("Contact person's name"),
    "contact_email": _("Contact e-mail address"),
    "contact_phone": _("Contact telephone number"),
    "address": _("Address"),
    "member_counts": _("Number of members"),
    "founded_on": _("Founding date"),
    "meeting": _("Where and when the group meets"),
    "website": _("Website and social media"),
}
DEFAULT_DISCLOSED = ["member_counts", "founded_on", "meeting", "website"]


def default_disclosed() -> list[str]:
    return list(DEFAULT_DISCLOSED)


class CommunityGroup(TimeStampedModel):
    # Identity
    name = models.CharField(_("group name"), max_length=200)
    name_kana = models.CharField(_("group name (furigana)"), max_length=200, validators=[KANA_VALIDATOR])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    organisation_form = models.CharField(
        _("organisational form"), max_length=20, choices=OrganisationForm.choices, default=OrganisationForm.VOLUNTARY
    )
    corporate_number = models.CharField(
        _("corporate number"), max_length=13, blank=True, validators=[validate_corporate_number]
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    fields = models.ManyToManyField(ActivityField, related_name="groups", verbose_name=_("activity fields"))
    areas = models.ManyToManyField(Area, related_name="groups", verbose_name=_("areas"))
    # What the group does
    purpose = models.TextField(_("purpose"), max_length=2000, default="")
    activities = models.TextField(_("activities"), max_length=4000, default="")
    meeting_place = models.CharField(_("where the group meets"), max_length=200, blank=True)
    meeting_schedule = models.CharField(_("when the group meets"), max_length=200, blank=True)
    member_count = models.PositiveIntegerField(_("number of members"), validators=[MinValueValidator(1)], default=1)
    member_count_local = models.PositiveIntegerField(_("members living, working or studying in the city"), default=0)
    # People and contact
    representative_name = models.CharField(_("representative's name"), max_length=100, default="")
    representative_kana = models.CharField(
        _("representative's name (furigana)"), max_length=100, validators=[KANA_VALIDATOR], default=""
    )
    contact_name = models.CharField(_("contact person's name"), max_length=100, default="")
    contact_kana = models.CharField(
        _("contact person's name (furigana)"), max_length=100, validators=[KANA_VALIDATOR], default=""
    )
    contact_email = models.EmailField(_("contact e-mail address"), default="")
    contact_phone = models.CharField(
        _("contact telephone number"), max_length=20, validators=[PHONE_VALIDATOR], default=""
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    sns = models.URLField(_("social media"), blank=True)
    disclosed_fields = models.JSONField(_("fields shown to the public"), default=default_disclosed, blank=True)
    # Eligibility declarations (each one separately, stored with the application)
    declares_non_profit = models.BooleanField(_("non-profit, public-interest activity"), default=False)
    declares_not_religious = models.BooleanField(_("not mainly religious"), default=False)
    declares_not_political = models.BooleanField(_("not mainly political"), default=False)
    declares_not_electoral = models.BooleanField(
        _("not for or against any candidate, office-holder or party"), default=False
    )
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    # Registration workflow
    status = models.CharField(
        _("status"), max_length=20, choices=GroupStatus.choices, default=GroupStatus.PENDING, db_index=True
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applicant"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    review_note = models.TextField(_("reason given to the group"), blank=True)
    registered_until = models.DateField(_("registered until"), null=True, blank=True, db_index=True)
    renewed_at = models.DateTimeField(_("last renewed at"), null=True, blank=True)

    objects = CommunityGroupQuerySet.as_manager()

    WORKFLOWS: ClassVar[dict[str, Workflow]] = {"status": GROUP_WORKFLOW}

    class Meta:
        verbose_name = _("citizen-activity group")
        verbose_name_plural = _("citizen-activity groups")
        ordering = ("name_kana", "pk")
        indexes = [
            # With id in it, the directory's count and a searched directory's ordered
            # ids (portal.pagination.IdListPaginator) are index-only scans.
            models.Index(fields=["status", "registered_until", "name_kana", "id"], name="group_directory_idx"),
            # The directory's 五十音順 order, read in index order for registered groups.
            models.Index(
                fields=["name_kana", "id"], condition=models.Q(status="registered"), name="group_registered_kana_idx"
            ),
        ]
        constraints = [
            storable_date_constraint("group_founded_in_range", "founded_on", earliest=STORABLE_EARLIEST),
            models.CheckConstraint(
                condition=~models.Q(status="registered") | models.Q(registered_until__isnull=False),
                name="group_registered_has_end_date",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending", declared_at__isnull=True, submitted_at__isnull=True)
                | models.Q(declared_at__isnull=False),
                name="group_submitted_has_declarations",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", args=[self.slug])

    def available_transitions(self) -> frozenset[str]:
        return available_transitions(self)

    def is_registered_on(self, day: datetime.date) -> bool:
        """Registered-group privileges need a registration valid on that day."""
        return (
            self.status == GroupStatus.REGISTERED and self.registered_until is not None and day <= self.registered_until
        )

    @property
    def is_currently_registered(self) -> bool:
        return self.is_registered_on(timezone.localdate())

    def shows(self, field: str) -> bool:
        return field in (self.disclosed_fields or [])


class MembershipRole(models.TextChoices):
    REPRESENTATIVE = "representative", pgettext_lazy("group role", "Representative")
    CONTACT = "contact", pgettext_lazy("group role", "Contact person")
    EDITOR = "editor", pgettext_lazy("group role", "Editor")
    MEMBER = "member", pgettext_lazy("group role", "Member")


# Roles that may change the group's profile.
EDITING_ROLES = frozenset({MembershipRole.REPRESENTATIVE, MembershipRole.EDITOR})


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


class AttachmentKind(models.TextChoices):
    RULES = "rules", pgettext_lazy("attachment kind", "Rules")
    MEMBER_LIST = "members", pgettext_lazy("attachment kind", "List of members")
    OTHER = "other", pgettext_lazy("attachment kind", "Other document")


def attachment_path(instance: GroupAttachment, filename: str) -> str:
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/groups/{instance.group_id}/{stamp}.{suffix}"


class GroupAttachment(TimeStampedModel):
    """A private document of a registration (規約, 名簿): visible only to the group's
    members and to city staff, served through a permission-checked view."""

    group = models.ForeignKey(
        CommunityGroup, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("group")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("kind", "pk")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("groups:attachment", args=[self.group.slug, self.pk])


def invitation_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=14)


class MembershipInvitation(TimeStampedModel):
    """An invitation by e-mail to join a group in a role; accepted by the person who
    logs in with that e-mail address."""

    group = models.ForeignKey(
        CommunityGroup, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("group")
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    token = models.UUIDField(_("token"), unique=True, default=uuid.uuid4, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    expires_at = models.DateTimeField(_("expires at"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(condition=~models.Q(role="representative"), name="invitation_not_representative"),
        ]

    def __str__(self) -> str:
        return f"{self.group} / {self.email}"

    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
