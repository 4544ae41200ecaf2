"""The facilities admin: the catalogue (facilities, rooms, fees, rules) for city staff,
every edit audited through `portal.services.record_save`. Closures and lottery rounds
are made on the staff pages, whose services cancel, refund, notify and check dates;
here they can be read, and rounds drawn or published through those services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from facilities.models import (
    Booking,
    BookingPolicy,
    BookingStatus,
    CancellationKind,
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
from facilities.services import booking_cancel, booking_decide, closure_delete, round_draw, round_publish
from portal.admin import AuditedModelAdmin, ReadOnlyAdminMixin, service_action


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
class FacilityAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "booking_mode", "is_active")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = (OpeningHoursInline, TimeDivisionInline, SurchargeInline, FacilityStaffInline)


class FeeRateInline(admin.TabularInline):
    model = FeeRate
    extra = 0


@admin.register(Resource)
class ResourceAdmin(AuditedModelAdmin):
    list_display = ("name", "facility", "kind", "category", "capacity", "stock", "uses_lottery", "is_active")
    list_filter = ("facility", "kind", "category")
    list_select_related = ("facility",)
    inlines = (FeeRateInline,)


@admin.register(BookingPolicy)
class BookingPolicyAdmin(AuditedModelAdmin):
    list_display = ("name", "group_advance_days", "individual_advance_days", "monthly_cap")


@admin.register(ReductionRule)
class ReductionRuleAdmin(AuditedModelAdmin):
    list_display = ("name", "facility", "percent", "registered_groups_only", "requires_approval", "is_active")
    list_select_related = ("facility",)


class MadeOnStaffPagesAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only here: made on the staff pages (linked from the list), through the
    services that do the rest of the work."""

    change_list_template = "admin/facilities/made_on_staff_pages_change_list.html"


@admin.register(Closure)
class ClosureAdmin(MadeOnStaffPagesAdmin):
    """Declaring a closure cancels, refunds and notifies (`closure_create`): that is
    done on the facility's staff page. Deleting one here goes through `closure_delete`."""

    list_display = ("facility", "resource", "starts_on", "ends_on", "reason", "is_emergency")
    list_filter = ("facility",)
    list_select_related = ("facility", "resource")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin.ModelAdmin.has_delete_permission(self, request, obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        closure_delete(closure=obj, actor=request.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset.select_related("facility"):
            self.delete_model(request, obj)


@admin.register(LotteryRound)
class LotteryRoundAdmin(MadeOnStaffPagesAdmin):
    """Rounds are set up on the staff page (`round_create` checks rooms, mode and
    dates); the draw and the publication are actions calling their services."""

    list_display = ("facility", "use_month", "entries_open_at", "entries_close_at", "draw_at", "confirm_by", "status")
    list_filter = ("status", "facility")
    list_select_related = ("facility",)
    readonly_fields = ("status", "seed", "result_digest", "drawn_at", "drawn_by", "published_at")
    actions = (
        service_action(
            name="draw_selected",
            description=_("Draw the selected lottery rounds"),
            question=_("Draw these lottery rounds now? Only rounds whose draw time has come are drawn."),
            service=lambda round_, actor: round_draw(round_=round_, actor=actor),
        ),
        service_action(
            name="publish_selected",
            description=_("Publish the results of the selected lottery rounds"),
            question=_("Publish the results of these lottery rounds? Every applicant is told by e-mail."),
            service=lambda round_, actor: round_publish(round_=round_, actor=actor),
        ),
    )


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Bookings are read here; approving and cancelling are actions calling the
    booking services (fees, refunds, notices, audit). Refusals that need a reason
    are given on the staff booking page."""

    list_display = ("resource", "starts_at", "status", "payment_status", "fee", "channel")
    list_filter = ("status", "payment_status", "channel", "resource__facility")
    list_select_related = ("resource__facility", "group", "department", "user")
    search_fields = ("purpose", "group__name", "user__email")
    date_hierarchy = "use_date"
    actions = (
        service_action(
            name="approve_selected",
            description=_("Approve the selected bookings"),
            question=_("Approve these bookings? Each booker is told by e-mail."),
            service=lambda booking, actor: booking_decide(
                booking=booking, actor=actor, approve=True, expected_status=BookingStatus.PENDING
            ),
        ),
        service_action(
            name="cancel_selected",
            description=_("Cancel the selected bookings (by staff)"),
            question=_("Cancel these bookings? What was paid is refunded in full and each booker is told by e-mail."),
            service=lambda booking, actor: booking_cancel(booking=booking, actor=actor, kind=CancellationKind.STAFF),
        ),
    )
