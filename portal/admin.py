from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_log
from portal.models import (
    ActivityField,
    Area,
    AuditLogEntry,
    Department,
    FaqItem,
    InfoPage,
    News,
    SiteConfiguration,
    StaffAssignment,
    User,
)


class AuditedModelAdmin(admin.ModelAdmin):
    """Staff edits of content made in the admin go to the portal's audit log."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        meta = obj._meta
        audit_log(
            actor=request.user,  # type: ignore[arg-type]
            action=f"{meta.app_label}.{meta.model_name}.{'updated' if change else 'created'}",
            target=obj,
            data={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        meta = obj._meta
        audit_log(actor=request.user, action=f"{meta.app_label}.{meta.model_name}.deleted", target=obj)  # type: ignore[arg-type]
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class StaffAssignmentInline(admin.TabularInline):
    model = StaffAssignment
    extra = 0
    autocomplete_fields = ("department",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "full_name_kana", "relationship", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "relationship", "preferred_language")
    search_fields = ("email", "full_name", "full_name_kana")
    readonly_fields = ("last_login", "date_joined", "anonymized_at")
    inlines = (StaffAssignmentInline,)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "full_name_kana", "relationship", "preferred_language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined", "anonymized_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)


@admin.register(Department)
class DepartmentAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "name_en", "email", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name", "name_en")


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "department", "created_at")
    list_filter = ("role", "department")
    list_select_related = ("user", "department")
    search_fields = ("user__email", "user__full_name")
    autocomplete_fields = ("user", "department")


@admin.register(SiteConfiguration)
class SiteConfigurationAdmin(AuditedModelAdmin):
    list_display = ("__str__", "city_name", "site_name", "contact_email")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not SiteConfiguration.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        transaction.on_commit(SiteConfiguration.clear_cache)


class TaxonomyAdmin(AuditedModelAdmin):
    list_display = ("name", "name_en", "slug", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}


admin.site.register(ActivityField, TaxonomyAdmin)
admin.site.register(Area, TaxonomyAdmin)


@admin.register(News)
class NewsAdmin(AuditedModelAdmin):
    list_display = ("title", "publish_at", "unpublish_at", "is_important", "department")
    list_filter = ("is_important", "department", "publish_at")
    list_select_related = ("department",)
    search_fields = ("title", "title_en", "body")
    date_hierarchy = "publish_at"
    autocomplete_fields = ("department",)


@admin.register(InfoPage)
class InfoPageAdmin(AuditedModelAdmin):
    list_display = ("title", "slug", "order", "show_in_nav", "is_published", "updated_at")
    list_filter = ("show_in_nav", "is_published")
    search_fields = ("title", "title_en", "body")


@admin.register(FaqItem)
class FaqItemAdmin(AuditedModelAdmin):
    list_display = ("question", "category", "order", "is_published")
    list_filter = ("category", "is_published")
    search_fields = ("question", "question_en", "answer")


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Read-only: staff can search and filter the log but never change it."""

    list_display = ("created_at", "actor", "action", "target_type", "target_repr")
    list_filter = ("action", "target_type", "created_at")
    list_select_related = ("actor", "target_type")
    search_fields = ("action", "target_repr", "actor__email")
    date_hierarchy = "created_at"
    readonly_fields = ("created_at", "actor", "action", "target_type", "target_id", "target_repr", "data")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
