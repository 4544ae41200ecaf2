"""The subsidies admin: city staff keep the programmes (with their categories), the
expense categories and the outside grants here, every edit audited through
`portal.services.record_save`. Applications and everything after them are handled on
the staff pages, through the workflow services, and are not registered here."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.admin import AuditedModelAdmin
from subsidies.models import ExpenseCategory, OutsideGrant, Programme, ProgrammeCategory


class ProgrammeCategoryInline(admin.StackedInline):
    model = ProgrammeCategory
    extra = 0
    fields = (
        ("name", "name_en"),
        ("rate_numerator", "rate_denominator"),
        ("ceiling", "floor", "rounding_unit"),
        "first_time_only",
        "order",
        "description",
        "description_en",
    )


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    list_display = (
        "name",
        "fiscal_year",
        "code",
        "applicant_kind",
        "total_budget",
        "call_opens_at",
        "call_closes_at",
        "public_screening",
        "decisions_published_at",
    )
    list_filter = ("fiscal_year", "applicant_kind", "public_screening", "department")
    list_select_related = ("department", "committee")
    search_fields = ("name", "name_en", "slug", "code")
    autocomplete_fields = ("department",)
    filter_horizontal = ("eligible_expenses",)
    readonly_fields = (
        "next_receipt_seq",
        "schedule_published_at",
        "screening_results_published_at",
        "decisions_published_at",
    )
    inlines = (ProgrammeCategoryInline,)
    fieldsets = (
        (None, {"fields": ("fiscal_year", "slug", "code", "name", "name_en", "purpose", "purpose_en", "department")}),
        (
            _("Eligibility and limits"),
            {"fields": ("applicant_kind", "max_years", "eligible_expenses", "ineligible_note", "ineligible_note_en")},
        ),
        (
            _("Budget and amounts"),
            {"fields": ("total_budget", "confirmation_rule", "advance_max_percent", "change_threshold_percent")},
        ),
        (
            _("Dates"),
            {
                "fields": (
                    "call_opens_at",
                    "call_closes_at",
                    "project_starts_on",
                    "project_ends_on",
                    "presentation_on",
                    "presentation_place",
                    "presentation_place_en",
                    "decision_on",
                    "report_due_on",
                )
            },
        ),
        (_("Review"), {"fields": ("committee", "public_screening")}),
        (_("Guide"), {"fields": ("guide",)}),
        (
            _("Set by the workflow"),
            {
                "fields": (
                    "next_receipt_seq",
                    "schedule_published_at",
                    "screening_results_published_at",
                    "decisions_published_at",
                )
            },
        ),
    )


@admin.register(ExpenseCategory)
class ExpenseCategoryAdmin(AuditedModelAdmin):
    list_display = ("name", "name_en", "code", "order")
    search_fields = ("name", "name_en", "code")
    ordering = ("order", "pk")


@admin.register(OutsideGrant)
class OutsideGrantAdmin(AuditedModelAdmin):
    list_display = ("name", "provider", "amount", "deadline", "published")
    list_filter = ("published",)
    search_fields = ("name", "name_en", "provider", "provider_en")
    date_hierarchy = "deadline"
