"""The consultation desk in the admin: read only (the desk works on its staff pages);
closing slots is an action calling `slot_close`."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consultations import services
from consultations.models import Consultation, ConsultationMessage, DeskSlot
from portal.admin import ReadOnlyAdminMixin, service_action


@admin.register(DeskSlot)
class DeskSlotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("starts_at", "minutes", "offers_in_person", "offers_phone", "offers_online", "place", "is_closed")
    list_filter = ("is_closed", "offers_in_person", "offers_phone", "offers_online")
    search_fields = ("place",)
    date_hierarchy = "starts_at"
    readonly_fields = ("is_closed", "created_by", "created_at", "updated_at")
    actions = (
        service_action(
            name="close_selected",
            description=_("Close the selected slots"),
            question=_("Close these slots? They will no longer be offered."),
            service=lambda slot, actor: services.slot_close(slot=slot, actor=actor),
        ),
    )


class ConsultationMessageInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ConsultationMessage
    fields = ("created_at", "from_desk", "author", "body")
    readonly_fields = fields
    extra = 0


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("receipt_number", "kind", "topic", "mode", "status", "happens_at", "asker", "group")
    list_filter = ("kind", "status", "topic", "mode")
    list_select_related = ("asker", "group")
    search_fields = ("receipt_number", "asker__email", "asker__full_name", "group__name")
    date_hierarchy = "happens_at"
    readonly_fields = ("status", "recorded_by", "recorded_at", "created_at", "updated_at")
    inlines = (ConsultationMessageInline,)
