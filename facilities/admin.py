from django.contrib import admin

from facilities.models import (
    BookingPolicy,
    Closure,
    Facility,
    FacilityStaff,
    FeeRate,
    LotteryRound,
    OpeningHours,
    ReductionRule,
    Resource,
    Surcharge,
    TimeDivision,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class TimeDivisionInline(admin.TabularInline):
    model = TimeDivision
    extra = 0


class SurchargeInline(admin.TabularInline):
    model = Surcharge
    extra = 0


class FacilityStaffInline(admin.TabularInline):
    model = FacilityStaff
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "booking_mode", "is_active")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (OpeningHoursInline, TimeDivisionInline, SurchargeInline, FacilityStaffInline)


class FeeRateInline(admin.TabularInline):
    model = FeeRate
    extra = 0


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ("name", "facility", "kind", "category", "capacity", "stock", "uses_lottery", "is_active")
    list_filter = ("facility", "kind", "category")
    inlines = (FeeRateInline,)


@admin.register(BookingPolicy)
class BookingPolicyAdmin(admin.ModelAdmin):
    list_display = ("name", "group_advance_days", "individual_advance_days", "monthly_cap")


@admin.register(ReductionRule)
class ReductionRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "facility", "percent", "registered_groups_only", "requires_approval", "is_active")


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ("facility", "resource", "starts_on", "ends_on", "reason", "is_emergency")
    list_filter = ("facility",)


@admin.register(LotteryRound)
class LotteryRoundAdmin(admin.ModelAdmin):
    list_display = ("facility", "use_month", "entries_open_at", "entries_close_at", "draw_at", "confirm_by", "status")
    readonly_fields = ("status", "seed", "result_digest", "drawn_at", "drawn_by", "published_at")
    filter_horizontal = ("resources",)
