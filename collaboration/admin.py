"""The collaboration admin.

City staff keep the forms of collaboration (協働の形態) and name the departments'
協働推進員 and the 協働リポーター here, every edit audited through
`portal.services.record_save`. Everything with a workflow (calls, proposals, projects,
agreements, evaluations, 後援・共催 requests, cases) is only read here, each narrowed by
its permission policy: its status changes on the staff pages through the services, and
the case library's publishing is an action calling `case_publish`/`case_unpublish`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from collaboration.models import (
    Agreement,
    Call,
    CasePhoto,
    CaseReporter,
    CaseStudy,
    CollaborationForm,
    EndorsementRequest,
    Evaluation,
    EvaluationRound,
    Liaison,
    Project,
    Proposal,
)
from collaboration.permissions import case_policy, endorsement_policy, project_policy, proposal_policy
from collaboration.services import cases as case_services
from portal.admin import AuditedModelAdmin, ReadOnlyAdminMixin, service_action

# --- Kept by staff --------------------------------------------------------------------------


@admin.register(CollaborationForm)
class CollaborationFormAdmin(AuditedModelAdmin):
    list_display = ("name", "name_en", "code", "order", "is_active")
    list_filter = ("is_active",)
    list_editable = ("order", "is_active")
    search_fields = ("code", "name", "name_en")
    ordering = ("order", "pk")
    fields = ("code", "name", "name_en", "description", "description_en", "order", "is_active")
    readonly_fields = ("created_at", "updated_at")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Projects, proposals and cases keep their form (PROTECT): retire a form instead.
        return False


@admin.register(Liaison)
class LiaisonAdmin(AuditedModelAdmin):
    list_display = ("user", "department", "created_at")
    list_filter = ("department",)
    list_select_related = ("user", "department")
    search_fields = ("user__email", "user__full_name", "department__name")
    autocomplete_fields = ("department",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(CaseReporter)
class CaseReporterAdmin(AuditedModelAdmin):
    list_display = ("user", "is_active", "created_at")
    list_filter = ("is_active",)
    list_select_related = ("user",)
    search_fields = ("user__email", "user__full_name")
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "updated_at")


# --- Read only: the workflows -----------------------------------------------------------------


class PolicyScopedAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only rows narrowed to what the user may see (its policy's "view")."""

    policy: Any = None

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request)
        if self.policy is None:
            return queryset
        return self.policy.visible_to(request.user, queryset)


class CasePhotoInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CasePhoto
    extra = 0
    fields = ("alt", "alt_en", "caption", "content_type", "order")
    readonly_fields = fields


@admin.register(CaseStudy)
class CaseStudyAdmin(PolicyScopedAdmin):
    policy = case_policy
    list_display = ("title", "form", "domain", "project", "author", "published_at")
    list_filter = ("form", "domain", ("published_at", admin.EmptyFieldListFilter))
    list_select_related = ("form", "project", "author")
    search_fields = ("title", "title_en", "slug")
    inlines = (CasePhotoInline,)
    actions = (
        service_action(
            name="publish_selected",
            description=_("Publish the selected cases in the case library"),
            question=_("Publish these cases in the public case library?"),
            service=lambda case, actor: case_services.case_publish(case=case, actor=actor),
        ),
        service_action(
            name="unpublish_selected",
            description=_("Take the selected cases off the case library"),
            question=_("Take these cases off the public case library? They become drafts again."),
            service=lambda case, actor: case_services.case_unpublish(case=case, actor=actor),
        ),
    )


@admin.register(Call)
class CallAdmin(PolicyScopedAdmin):
    list_display = ("title", "kind", "fiscal_year", "department", "status", "closes_at")
    list_filter = ("kind", "status", "fiscal_year")
    list_select_related = ("department",)
    search_fields = ("title", "slug")


@admin.register(Proposal)
class ProposalAdmin(PolicyScopedAdmin):
    policy = proposal_policy
    list_display = ("receipt_number", "title", "call", "proposer_kind", "group", "status", "submitted_at")
    list_filter = ("status", "proposer_kind")
    list_select_related = ("call", "group")
    search_fields = ("receipt_number", "title", "group__name", "business_name")


@admin.register(Project)
class ProjectAdmin(PolicyScopedAdmin):
    policy = project_policy
    list_display = ("title", "form", "domain", "department", "fiscal_year", "status", "progress", "is_published")
    list_filter = ("status", "form", "domain", "fiscal_year", "is_published")
    list_select_related = ("form", "department")
    search_fields = ("title", "title_en", "slug")


@admin.register(Agreement)
class AgreementAdmin(PolicyScopedAdmin):
    list_display = ("project", "version", "status", "circulated_at", "in_force_at")
    list_filter = ("status",)
    list_select_related = ("project",)
    search_fields = ("project__title", "title")


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(PolicyScopedAdmin):
    list_display = ("project", "fiscal_year", "is_final", "released_at")
    list_filter = ("fiscal_year", "is_final")
    list_select_related = ("project",)


@admin.register(Evaluation)
class EvaluationAdmin(PolicyScopedAdmin):
    list_display = ("round", "kind", "evaluator", "subject", "submitted_at")
    list_filter = ("kind",)
    list_select_related = ("round__project", "evaluator", "subject")


@admin.register(EndorsementRequest)
class EndorsementRequestAdmin(PolicyScopedAdmin):
    policy = endorsement_policy
    list_display = ("receipt_number", "kind", "event_title", "group", "starts_on", "status")
    list_filter = ("kind", "status")
    list_select_related = ("group",)
    search_fields = ("receipt_number", "event_title", "group__name")
