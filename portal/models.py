"""Site-wide models: people and roles, policy settings, taxonomies, content, audit."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import BaseUserManager as DjangoBaseUserManager
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.querysets import AuditLogQuerySet, FaqQuerySet, InfoPageQuerySet, NewsQuerySet, TaxonomyQuerySet

KANA_VALIDATOR = RegexValidator(
    r"^[\u30a0-\u30ff\u3040-\u309f\u3000\s・ー]*$",
    _("Enter the reading in katakana."),
)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field) -> Any:  # noqa: N802 (Django's name)
        """`get_<field>_display()` as Django gives it, translating only the label it
        returns: Django's makes a dict of every choice first, which translates each lazy
        label to hash it (a status of nine choices, nine translations per row of a list)."""
        value = getattr(self, field.attname)
        wanted, found = make_hashable(value), value
        for choice, label in field.flatchoices:
            if make_hashable(choice) == wanted:
                found = label  # the last one, as in a dict of the choices
        return force_str(found, strings_only=True)


def localized_value(japanese: str, english: str | None) -> str:
    """The English variant when browsing in English and it is filled in, else the
    Japanese one. For values read without their model (values_list, annotations)."""
    if english and get_language() == "en":
        return english
    return japanese


class BilingualMixin:
    """Picks the Japanese or English variant of a field for the active language."""

    def localized(self, field: str) -> str:
        return localized_value(getattr(self, field), getattr(self, f"{field}_en", ""))


# --- People ---------------------------------------------------------------------------


class UserManager(DjangoBaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class Relationship(models.TextChoices):
    """How a person relates to the city (市民 covers all four)."""

    RESIDENT = "resident", pgettext_lazy("relationship to the city", "Live in the city")
    WORKER = "worker", pgettext_lazy("relationship to the city", "Work in the city")
    STUDENT = "student", pgettext_lazy("relationship to the city", "Study in the city")
    OTHER = "other", pgettext_lazy("relationship to the city", "Other involvement")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    full_name_kana = models.CharField(
        _("full name (furigana)"), max_length=150, blank=True, validators=[KANA_VALIDATOR]
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=[("ja", "日本語"), ("en", "English")], default="ja"
    )
    relationship = models.CharField(
        _("relationship to the city"), max_length=16, choices=Relationship.choices, blank=True
    )
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Can log in to the administration site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    anonymized_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("full_name_kana", "email")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name or self.email


class Department(BilingualMixin, TimeStampedModel):
    """A city department (担当課)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.localized("name")


class StaffRole(models.TextChoices):
    CITY_STAFF = "city_staff", pgettext_lazy("staff role", "City staff")
    CENTRE_STAFF = "centre_staff", pgettext_lazy("staff role", "Centre staff")
    REVIEWER = "reviewer", pgettext_lazy("staff role", "Review committee member")
    # The centre's or an intermediate support organisation's coordinator (コーディネーター):
    # matches talent-bank helpers with groups' requests.
    COORDINATOR = "coordinator", pgettext_lazy("staff role", "Coordinator")


class StaffAssignment(TimeStampedModel):
    """A role a person holds for the city: city staff of a department, centre staff
    (the facilities app adds the facility), review-committee member or coordinator."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_assignments", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices, db_index=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_assignments",
        verbose_name=_("department"),
    )

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="city_staff") | models.Q(department__isnull=False),
                name="staffassignment_city_staff_has_department",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "department"],
                condition=models.Q(department__isnull=False),
                name="staffassignment_unique_role_department",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(department__isnull=True),
                name="staffassignment_unique_role_without_department",
            ),
        ]

    def __str__(self) -> str:
        if self.department_id:
            return f"{self.user} / {self.get_role_display()} / {self.department}"
        return f"{self.user} / {self.get_role_display()}"


# --- Policy ---------------------------------------------------------------------------


class SiteConfiguration(TimeStampedModel):
    """Portal policy editable by staff (one row)."""

    CACHE_KEY = "portal:siteconfiguration"

    city_name = models.CharField(_("city name"), max_length=50, default="みどり市")
    city_name_en = models.CharField(_("city name (English)"), max_length=50, default="Midori City")
    site_name = models.CharField(_("site name"), max_length=80, default="市民活動・協働ポータル")
    site_name_en = models.CharField(
        _("site name (English)"), max_length=80, default="Civic Activity and Collaboration Portal"
    )
    contact_department = models.CharField(_("contact department"), max_length=100, default="市民協働推進課")
    contact_department_en = models.CharField(
        _("contact department (English)"), max_length=100, default="Civic Collaboration Division"
    )
    contact_email = models.EmailField(_("contact e-mail"), default="kyodo@example.jp")
    contact_phone = models.CharField(_("contact telephone"), max_length=30, default="0000-00-0000")
    prefecture_name = models.CharField(_("prefecture"), max_length=10, blank=True)
    mayor_name = models.CharField(
        _("mayor's name"),
        max_length=50,
        blank=True,
        help_text=_("The mayor's full name, printed after the city's name as the sender of official notices."),
    )
    local_government_code = models.CharField(
        _("local government code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{6}$", _("Six digits (the national local government code)."))],
        help_text=_("The six-digit code used in open data."),
    )
    group_renewal_opens_month = models.PositiveSmallIntegerField(
        _("group renewal opens (month)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Registered groups confirm their data from the first day of this month."),
    )
    group_renewal_closes_month = models.PositiveSmallIntegerField(
        _("group renewal closes (month)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("…until the last day of this month. Unrenewed groups lapse on 1 April."),
    )

    class Meta:
        verbose_name = _("site configuration")
        verbose_name_plural = _("site configuration")

    def __str__(self) -> str:
        return str(_("Site configuration"))

    @classmethod
    def get_solo(cls) -> SiteConfiguration:
        from portal import pagecache

        # A copy per process, checked against the shared table versions like every
        # cached fragment: no round trip to the shared cache on every page.
        return pagecache.get_or_set(cls.CACHE_KEY, cls._load, 300, using=settings.FRAGMENT_CACHE_ALIAS)

    @classmethod
    def _load(cls) -> SiteConfiguration:
        return cls.objects.order_by("pk").first() or cls.objects.create()

    @classmethod
    def clear_cache(cls) -> None:
        caches[settings.FRAGMENT_CACHE_ALIAS].delete(cls.CACHE_KEY)

    def localized_city_name(self) -> str:
        return localized_value(self.city_name, self.city_name_en)

    def localized_site_name(self) -> str:
        return localized_value(self.site_name, self.site_name_en)

    def localized_contact_department(self) -> str:
        return localized_value(self.contact_department, self.contact_department_en)


# --- Taxonomies -----------------------------------------------------------------------


class Taxonomy(BilingualMixin, TimeStampedModel):
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ("order", "slug")

    def __str__(self) -> str:
        return self.localized("name")


class ActivityField(Taxonomy):
    """An activity field (分野)."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("activity field")
        verbose_name_plural = _("activity fields")


class Area(Taxonomy):
    """A district of the city (地区)."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")


# --- Content --------------------------------------------------------------------------


class News(BilingualMixin, TimeStampedModel):
    """An announcement (お知らせ), public between its publish and unpublish dates."""

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    body_en = models.TextField(_("body (English)"), blank=True)
    is_important = models.BooleanField(_("important"), default=False)
    publish_at = models.DateTimeField(_("publish from"), default=timezone.now, db_index=True)
    unpublish_at = models.DateTimeField(_("publish until"), null=True, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("department")
    )

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ("-publish_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=models.F("publish_at")),
                name="news_unpublish_after_publish",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:news-detail", args=[self.pk])

    def clean(self) -> None:
        if self.unpublish_at and self.publish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError({"unpublish_at": _("The end of publication must be after its start.")})

    def is_published(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.publish_at <= now and (self.unpublish_at is None or self.unpublish_at > now)


class InfoPage(BilingualMixin, TimeStampedModel):
    """A staff-edited information page (市民活動とは, 協働とは, policies…)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    body = models.TextField(
        _("body"),
        help_text=_('Plain text. A blank line starts a paragraph, "## " a heading and "- " a list item.'),
    )
    body_en = models.TextField(_("body (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    show_in_nav = models.BooleanField(_("show in main navigation"), default=False)
    is_published = models.BooleanField(_("published"), default=True)

    objects = InfoPageQuerySet.as_manager()

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ("order", "slug")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:page", args=[self.slug])


class FaqCategory(models.TextChoices):
    ACCOUNT = "account", pgettext_lazy("faq category", "Accounts")
    GROUPS = "groups", pgettext_lazy("faq category", "Groups")
    FACILITIES = "facilities", pgettext_lazy("faq category", "Facilities")
    SUBSIDIES = "subsidies", pgettext_lazy("faq category", "Subsidies")
    COLLABORATION = "collaboration", pgettext_lazy("faq category", "Collaboration")
    SITE = "site", pgettext_lazy("faq category", "This website")


class FaqItem(BilingualMixin, TimeStampedModel):
    """A question and answer (よくある質問)."""

    category = models.CharField(_("category"), max_length=20, choices=FaqCategory.choices)
    question = models.CharField(_("question"), max_length=300)
    question_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    answer = models.TextField(_("answer"))
    answer_en = models.TextField(_("answer (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    objects = FaqQuerySet.as_manager()

    class Meta:
        verbose_name = _("FAQ item")
        verbose_name_plural = _("FAQ")
        ordering = ("category", "order", "pk")

    def __str__(self) -> str:
        return self.question


# --- Audit ----------------------------------------------------------------------------


class AuditLogEntry(models.Model):
    """Append-only record of who did what to which object, and when.

    Rows are never updated or deleted: the model refuses, the admin is read-only, and
    on PostgreSQL a trigger rejects UPDATE and DELETE outright.
    """

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("object type")
    )
    target_id = models.CharField(_("object ID"), max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["target_type", "target_id"], name="auditlog_target_idx")]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError("Audit log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("Audit log entries cannot be deleted.")


# --- E-mail ---------------------------------------------------------------------------


class MailFailure(models.Model):
    """An e-mail the portal could not send (portal.mail): shown to city staff, so that a
    lost message is noticed and the person can be told another way."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("e-mail"), max_length=120, blank=True)
    recipients = models.TextField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    error = models.TextField(_("error"))

    class Meta:
        verbose_name = _("e-mail that could not be sent")
        verbose_name_plural = _("e-mails that could not be sent")
        ordering = ("-created_at", "-pk")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} {self.recipients}: {self.subject}"


# --- Committee review (re-exported; defined in portal.models_review) -------------------

from portal.models_newsletter import (  # noqa: E402, F401
    DigestDelivery,
    Subscription,
    SubscriptionStatus,
)
from portal.models_review import (  # noqa: E402, F401
    CommitteeMember,
    CommitteeMemberKind,
    ConflictDeclaration,
    Criterion,
    CriterionScore,
    Review,
    ReviewCommittee,
    ScoreSheet,
    ScoringStatus,
)
from portal.models_search import SearchEntry  # noqa: E402, F401
