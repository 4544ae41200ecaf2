from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from groups.models import (
    CommunityGroup,
    GroupAttachment,
    GroupStatus,
    Membership,
    ProfileStatus,
    TalentProfile,
    TalentRequest,
    TalentSkill,
)
from groups.services import group_approve, group_lapse
from groups.services import talent as talent_services
from portal.admin import AuditedModelAdmin, ReadOnlyAdminMixin, service_action


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Read-only: members join by invitation and the representative role changes only
    by hand-over (groups.services), never by editing rows here."""

    model = Membership
    extra = 0
    fields = ("user", "role", "created_at")
    readonly_fields = fields


class AttachmentInline(admin.TabularInline):
    model = GroupAttachment
    extra = 0
    fields = ("kind", "original_name", "content_type", "size", "uploaded_by", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CommunityGroup)
class CommunityGroupAdmin(AuditedModelAdmin):
    """Status changes go through the review pages (services), never through this form."""

    list_display = ("name", "name_kana", "organisation_form", "status", "registered_until", "submitted_at")
    list_filter = ("status", "organisation_form", "fields", "areas")
    search_fields = ("name", "name_kana", "slug", "contact_email")
    readonly_fields = (
        "status",
        "applicant",
        "submitted_at",
        "decided_at",
        "decided_by",
        "review_note",
        "registered_until",
        "renewed_at",
        "declared_at",
        "declares_non_profit",
        "declares_not_religious",
        "declares_not_political",
        "declares_not_electoral",
    )
    filter_horizontal = ("fields", "areas")
    inlines = (MembershipInline, AttachmentInline)
    actions = (
        service_action(
            name="approve_selected",
            description=_("Approve the selected applications"),
            question=_("Register these groups? Each group is told by e-mail."),
            service=lambda group, actor: group_approve(group=group, actor=actor, expected_status=GroupStatus.PENDING),
        ),
        service_action(
            name="lapse_selected",
            description=_("Lapse the selected expired registrations"),
            question=_("Lapse the registrations of these groups? Only registrations past their end date lapse."),
            service=lambda group, actor: group_lapse(group=group, actor=actor),
        ),
    )


# --- Talent bank ---------------------------------------------------------------------------


@admin.register(TalentSkill)
class TalentSkillAdmin(AuditedModelAdmin):
    list_display = ("name", "name_en", "slug", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name", "name_en", "slug")


@admin.register(TalentProfile)
class TalentProfileAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: helpers edit their registration on the site, staff review it there."""

    list_display = ("display_name", "user", "kind", "pro_bono", "status", "updated_at")
    list_filter = ("status", "kind", "pro_bono", "skills")
    list_select_related = ("user",)
    search_fields = ("display_name", "user__email", "user__full_name")
    actions = (
        service_action(
            name="approve_selected",
            description=_("Publish the selected registrations"),
            question=_("Publish these talent-bank registrations?"),
            service=lambda profile, actor: talent_services.profile_review(
                profile=profile, actor=actor, decision="approve", expected_status=ProfileStatus.PENDING
            ),
        ),
    )


@admin.register(TalentRequest)
class TalentRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: requests move through the coordinator's pages (services)."""

    list_display = ("title", "group", "status", "budget", "created_at", "introduced_at")
    list_filter = ("status", "skills")
    list_select_related = ("group",)
    search_fields = ("title", "group__name")
