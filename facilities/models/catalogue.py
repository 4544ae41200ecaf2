"""The catalogue: facilities (sites), their resources (rooms and lendable equipment),
opening hours, time divisions (区分), closures and booking rules."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.dates import storable_date_constraint
from portal.models import KANA_VALIDATOR, BilingualMixin, TimeStampedModel


class FacilityKind(models.TextChoices):
    CENTRE = "centre", pgettext_lazy("facility kind", "Civic activity centre")
    DISTRICT = "district", pgettext_lazy("facility kind", "District centre")
    COMMUNITY = "community", pgettext_lazy("facility kind", "Other public facility")


class BookingMode(models.TextChoices):
    DIVISIONS = "divisions", pgettext_lazy("booking mode", "Time divisions")
    HOURLY = "hourly", pgettext_lazy("booking mode", "Hourly slots")


class HolidayPolicy(models.TextChoices):
    OPEN = "open", pgettext_lazy("holiday policy", "Open on public holidays")
    CLOSED = "closed", pgettext_lazy("holiday policy", "Closed on public holidays")
    NEXT_DAY = (
        "next_day",
        pgettext_lazy("holiday policy", "Open on public holidays, closed on the next weekday instead"),
    )


class BookingPolicy(TimeStampedModel):
    """Booking rules. Every facility has one; a resource may have its own instead."""

    name = models.CharField(_("name"), max_length=100)
    group_advance_days = models.PositiveIntegerField(
        _("registered groups book up to (days ahead)"), default=90, validators=[MaxValueValidator(730)]
    )
    individual_advance_days = models.PositiveIntegerField(
        _("other users book up to (days ahead)"), default=30, validators=[MaxValueValidator(730)]
    )
    individuals_may_book = models.BooleanField(_("individuals may book"), default=True)
    min_slots = models.PositiveSmallIntegerField(
        _("minimum length (slots)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    max_slots = models.PositiveSmallIntegerField(
        _("maximum length (slots)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    monthly_cap = models.PositiveIntegerField(
        _("slots per group per month"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("How many slots one group (or one person) may hold in a calendar month."),
    )
    cancellation_deadline_days = models.PositiveIntegerField(
        _("cancel online until (days before use)"), default=3, validators=[MaxValueValidator(365)]
    )
    full_refund_days = models.PositiveIntegerField(
        _("full refund when cancelled (days before use)"), default=7, validators=[MaxValueValidator(365)]
    )
    late_refund_percent = models.PositiveSmallIntegerField(
        _("refund for later cancellations (%)"), default=50, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("booking rules")
        verbose_name_plural = _("booking rules")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.min_slots > self.max_slots:
            raise ValidationError({"max_slots": _("The maximum length must not be shorter than the minimum.")})
        if self.full_refund_days < self.cancellation_deadline_days:
            raise ValidationError(
                {"full_refund_days": _("The full-refund period must not end after the cancellation deadline.")}
            )


class Facility(BilingualMixin, TimeStampedModel):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_kana = models.CharField(_("name (furigana)"), max_length=100, blank=True, validators=[KANA_VALIDATOR])
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices, default=FacilityKind.CENTRE)
    address = models.CharField(_("address"), max_length=200)
    address_en = models.CharField(_("address (English)"), max_length=200, blank=True)
    access = models.TextField(_("access"), max_length=1000, blank=True)
    access_en = models.TextField(_("access (English)"), max_length=1000, blank=True)
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=3000, blank=True)
    services = models.TextField(
        _("services"), max_length=2000, blank=True, help_text=_("Consultation, information, networking and so on.")
    )
    services_en = models.TextField(_("services (English)"), max_length=2000, blank=True)
    booking_mode = models.CharField(
        _("booking unit"), max_length=20, choices=BookingMode.choices, default=BookingMode.DIVISIONS
    )
    holiday_policy = models.CharField(
        _("public holidays"), max_length=20, choices=HolidayPolicy.choices, default=HolidayPolicy.OPEN
    )
    year_end_closure = models.BooleanField(_("closed 29 December – 3 January"), default=True)
    policy = models.ForeignKey(
        BookingPolicy, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("booking rules")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.localized("name")

    def get_absolute_url(self) -> str:
        return reverse("facilities:facility", args=[self.slug])


class FacilityStaff(TimeStampedModel):
    """Centre staff (指定管理者) of one facility: they manage only that facility."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="staff", verbose_name=_("facility"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facility_roles", verbose_name=_("user")
    )

    class Meta:
        verbose_name = _("facility staff")
        verbose_name_plural = _("facility staff")
        constraints = [models.UniqueConstraint(fields=("facility", "user"), name="facility_staff_unique")]

    def __str__(self) -> str:
        return f"{self.facility} / {self.user}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    """Hours for one weekday; no opening time means a regular closed day (定期休館日)."""

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("facility")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ("facility", "weekday")
        constraints = [
            models.UniqueConstraint(fields=("facility", "weekday"), name="opening_hours_unique_weekday"),
            models.CheckConstraint(
                condition=models.Q(opens__isnull=True, closes__isnull=True) | models.Q(opens__lt=models.F("closes")),
                name="opening_hours_open_before_close",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.get_weekday_display()}"

    @property
    def is_closed(self) -> bool:
        return self.opens is None


class TimeDivision(BilingualMixin, models.Model):
    """A 区分 such as 午前 9:00–12:00."""

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="divisions", verbose_name=_("facility")
    )
    name = models.CharField(_("name"), max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=40, blank=True)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))

    class Meta:
        verbose_name = _("time division")
        verbose_name_plural = _("time divisions")
        ordering = ("facility", "starts")
        constraints = [
            models.CheckConstraint(condition=models.Q(starts__lt=models.F("ends")), name="division_starts_before_end"),
            models.UniqueConstraint(fields=("facility", "starts"), name="division_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.localized('name')} {self.starts:%H:%M}–{self.ends:%H:%M}"


class ResourceKind(models.TextChoices):
    ROOM = "room", pgettext_lazy("resource kind", "Room")
    EQUIPMENT = "equipment", pgettext_lazy("resource kind", "Equipment")


class ResourceCategory(models.TextChoices):
    MEETING_ROOM = "meeting_room", pgettext_lazy("resource category", "Meeting room")
    WORKSPACE = "workspace", pgettext_lazy("resource category", "Work space")
    JAPANESE_ROOM = "japanese_room", pgettext_lazy("resource category", "Japanese-style room")
    HALL = "hall", pgettext_lazy("resource category", "Hall")
    FREE_SPACE = "free_space", pgettext_lazy("resource category", "Free space")
    KITCHEN = "kitchen", pgettext_lazy("resource category", "Cooking room")
    PROJECTOR = "projector", pgettext_lazy("resource category", "Projector")
    PRINTER = "printer", pgettext_lazy("resource category", "Printing machine")
    SOUND = "sound", pgettext_lazy("resource category", "Sound equipment")
    GARDEN_TOOLS = "garden_tools", pgettext_lazy("resource category", "Grass cutter and garden tools")
    VEHICLE = "vehicle", pgettext_lazy("resource category", "Official vehicle")
    OTHER_EQUIPMENT = "other_equipment", pgettext_lazy("resource category", "Other equipment")


ROOM_CATEGORIES = frozenset({"meeting_room", "workspace", "japanese_room", "hall", "free_space", "kitchen"})


class ResourceQuerySet(models.QuerySet):
    def active(self) -> ResourceQuerySet:
        return self.filter(is_active=True, facility__is_active=True)

    def rooms(self) -> ResourceQuerySet:
        return self.filter(kind=ResourceKind.ROOM)


class Resource(BilingualMixin, TimeStampedModel):
    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="resources", verbose_name=_("facility")
    )
    slug = models.SlugField(_("slug"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices, default=ResourceKind.ROOM)
    category = models.CharField(_("category"), max_length=30, choices=ResourceCategory.choices)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity (people)"), null=True, blank=True, validators=[MaxValueValidator(10_000)]
    )
    floor_area = models.DecimalField(_("floor area (m²)"), max_digits=7, decimal_places=1, null=True, blank=True)
    equipment = models.CharField(_("fittings"), max_length=300, blank=True)
    equipment_en = models.CharField(_("fittings (English)"), max_length=300, blank=True)
    barrier_free = models.BooleanField(_("barrier-free access"), default=False)
    kids_space = models.BooleanField(_("kids' space"), default=False)
    stock = models.PositiveIntegerField(
        _("stock"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("How many of this item can be lent at once (rooms: 1)."),
    )
    loan_max_days = models.PositiveSmallIntegerField(
        _("longest loan (days)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    requires_approval = models.BooleanField(_("bookings need staff approval"), default=False)
    uses_lottery = models.BooleanField(_("allocated by lottery"), default=False)
    policy = models.ForeignKey(
        BookingPolicy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("own booking rules"),
        help_text=_("Leave empty to use the facility's rules."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ("facility__order", "facility_id", "kind", "order", "pk")
        constraints = [
            models.UniqueConstraint(fields=("facility", "slug"), name="resource_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(kind="equipment") | models.Q(stock=1), name="resource_room_stock_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility.localized('name')} {self.localized('name')}"

    def get_absolute_url(self) -> str:
        return reverse("facilities:resource", args=[self.facility.slug, self.slug])

    @property
    def is_room(self) -> bool:
        return self.kind == ResourceKind.ROOM

    @property
    def effective_policy(self) -> BookingPolicy:
        return self.policy or self.facility.policy

    def clean(self) -> None:
        room = self.category in ROOM_CATEGORIES
        if room != (self.kind == ResourceKind.ROOM):
            raise ValidationError({"category": _("The category does not match the kind of resource.")})
        if self.kind == ResourceKind.ROOM and self.stock != 1:
            raise ValidationError({"stock": _("A room has a stock of one.")})


class Closure(BilingualMixin, TimeStampedModel):
    """A one-off closure (臨時休館) of a facility, or of one resource, for whole days."""

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="closures", verbose_name=_("facility")
    )
    resource = models.ForeignKey(
        Resource,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closures",
        verbose_name=_("resource"),
        help_text=_("Leave empty to close the whole facility."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)
    reason_en = models.CharField(_("reason (English)"), max_length=200, blank=True)
    is_emergency = models.BooleanField(_("short-notice closure"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ("starts_on", "pk")
        constraints = [
            storable_date_constraint("closure_dates_in_range", "starts_on", "ends_on"),
            models.CheckConstraint(condition=models.Q(starts_on__lte=models.F("ends_on")), name="closure_dates_order"),
        ]
        indexes = [models.Index(fields=("facility", "ends_on"), name="closure_facility_end_idx")]

    def __str__(self) -> str:
        return f"{self.facility} {self.starts_on}–{self.ends_on} {self.reason}"
