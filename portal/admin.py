from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.models import (
    ActivityField,
    Area,
    AuditLogEntry,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    Department,
    FaqItem,
    InfoPage,
    MailFailure,
    News,
    ReviewCommittee,
    ScoreSheet,
    SiteConfiguration,
    StaffAssignment,
    User,
)
from portal.models_newsletter import DigestDelivery, Subscription
from portal.models_review import ScoringStatus
from portal.newsletter import subscription_unsubscribe
from portal.permissions import is_city_staff
from portal.review_forms import CommitteeCreateForm, CriterionFormSet, ScoreSheetForm
from portal.review_services import can_manage_committee, committee_create, score_sheet_set, scoring_close, scoring_open
from portal.services import record_delete, record_save


class AuditedAdminMixin:
    """Staff edits of plain records made in the admin (and in its inlines) go through
    `portal.services.record_save`/`record_delete`, which write the audit log."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        record_save(instance=obj, actor=request.user, fields=form.changed_data, created=not change)  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record_delete(instance=obj, actor=request.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        actor = request.user
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_delete(instance=obj, actor=actor)  # type: ignore[arg-type]
        changed_by_form = {id(f.instance): f.changed_data for f in formset.forms}
        for obj in formset.new_objects:
            record_save(instance=obj, actor=actor, fields=changed_by_form.get(id(obj), ()), created=True)  # type: ignore[arg-type]
        for obj, fields in formset.changed_objects:
            record_save(instance=obj, actor=actor, fields=fields, created=False)  # type: ignore[arg-type]
        formset.save_m2m()


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyAdminMixin:
    """Rows are only read here: writes go through services (admin actions, staff
    pages). Works for model admins and inlines."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def service_action(
    *, name: str, description: Any, question: Any, service: Callable[[Any, Any], object]
) -> Callable[..., TemplateResponse | None]:
    """An admin action that, after a confirmation page, calls `service(obj, actor)`
    for each selected row (STYLE §4.13). A refusal (ValidationError, PermissionDenied)
    is reported per row; the other rows still go through."""

    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: Any) -> TemplateResponse | None:
        if request.POST.get("confirmed") != "yes":
            context = {
                **modeladmin.admin_site.each_context(request),
                "title": description,
                "question": question,
                "opts": modeladmin.model._meta,
                "queryset": queryset,
                "action": name,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/portal/confirm_action.html", context)
        done = 0
        for obj in queryset:
            try:
                service(obj, request.user)
            except ValidationError as error:
                modeladmin.message_user(
                    request,
                    gettext("%(object)s: %(reason)s") % {"object": obj, "reason": " ".join(error.messages)},
                    messages.ERROR,
                )
            except PermissionDenied:
                modeladmin.message_user(
                    request, gettext("%(object)s: you may not do this.") % {"object": obj}, messages.ERROR
                )
            else:
                done += 1
        if done:
            modeladmin.message_user(
                request,
                ngettext("%(count)d record was changed.", "%(count)d records were changed.", done) % {"count": done},
                messages.SUCCESS,
            )
        return None

    action.__name__ = name
    return admin.action(description=description)(action)


class StaffAssignmentInline(admin.TabularInline):
    model = StaffAssignment
    extra = 0
    autocomplete_fields = ("department",)


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):  # type: ignore[misc]
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
class StaffAssignmentAdmin(AuditedModelAdmin):
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
class AuditLogEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: staff can search and filter the log but never change it."""

    list_display = ("created_at", "actor", "action", "target_type", "target_repr")
    list_filter = ("action", "target_type", "created_at")
    list_select_related = ("actor", "target_type")
    search_fields = ("action", "target_repr", "actor__email")
    date_hierarchy = "created_at"
    readonly_fields = ("created_at", "actor", "action", "target_type", "target_id", "target_repr", "data")


@admin.register(MailFailure)
class MailFailureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """E-mails that could not be sent (portal.mail): city staff read them here, so that
    the person can be told another way. Nothing is added, changed or deleted."""

    list_display = ("created_at", "kind", "recipients", "subject", "error")
    list_filter = ("kind", "created_at")
    search_fields = ("recipients", "subject", "kind", "error")
    date_hierarchy = "created_at"
    readonly_fields = ("created_at", "kind", "recipients", "subject", "error")


# --- Committee review: read-only here (writes go through portal.review_services) ----------


class CommitteeMemberInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CommitteeMember
    extra = 0
    fields = ("user", "kind", "access_ends_on")


@admin.register(ReviewCommittee)
class ReviewCommitteeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Committees are created here through `committee_create`; the score sheet is written
    on its own page through `score_sheet_set`; scoring opens and closes by actions
    (`scoring_open`, `scoring_close`), so `scoring_status` is never edited. Members are
    added on the committee's manage page (portal:review-manage)."""

    list_display = ("name", "fiscal_year", "chair", "scoring_status", "pass_mark", "anonymised")
    list_filter = ("fiscal_year", "scoring_status")
    list_select_related = ("chair",)
    search_fields = ("name", "name_en")
    inlines = (CommitteeMemberInline,)
    readonly_fields = ("scoring_status", "score_sheet_link", "review_pages_link")
    actions = (
        service_action(
            name="open_scoring",
            description=_("Open scoring for the selected committees"),
            question=_("Open scoring? Members can then give their scores; the score sheet can no longer change."),
            service=lambda committee, actor: scoring_open(
                actor=actor, committee=committee, expected_status=ScoringStatus.PREPARING
            ),
        ),
        service_action(
            name="close_scoring",
            description=_("Close scoring for the selected committees"),
            question=_("Close scoring? Scores become final and members see each other's scores."),
            service=lambda committee, actor: scoring_close(
                actor=actor, committee=committee, expected_status=ScoringStatus.SCORING
            ),
        ),
    )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_city_staff(request.user)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = CommitteeCreateForm
            kwargs["fields"] = CommitteeCreateForm._meta.fields
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return CommitteeCreateForm._meta.fields
        return (*CommitteeCreateForm._meta.fields, *self.readonly_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.inlines

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:  # pragma: no cover - the change form is read-only
            raise PermissionDenied
        data = form.cleaned_data
        created = committee_create(
            actor=request.user, **{name: data[name] for name in CommitteeCreateForm._meta.fields}
        )
        obj.pk = created.pk
        obj._state.adding = False

    @admin.display(description=_("Score sheet"))
    def score_sheet_link(self, obj: ReviewCommittee) -> str:
        url = reverse("admin:portal_reviewcommittee_score_sheet", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Edit the score sheet"))

    @admin.display(description=_("Review pages"))
    def review_pages_link(self, obj: ReviewCommittee) -> str:
        url = reverse("portal:review-manage", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Members, conflicts and scoring"))

    def get_urls(self) -> list[Any]:
        urls = [
            path(
                "<int:pk>/score-sheet/",
                self.admin_site.admin_view(self.score_sheet_view),
                name="portal_reviewcommittee_score_sheet",
            )
        ]
        return urls + super().get_urls()

    def score_sheet_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The score sheet (name and criteria), written with `score_sheet_set` while
        scoring has not opened."""
        if not 0 < pk < 2**63:
            raise Http404
        committee = ReviewCommittee.objects.filter(pk=pk).first()
        if committee is None or not self.has_view_permission(request, committee):
            raise Http404
        if not can_manage_committee(request.user, committee):
            raise PermissionDenied
        sheet = ScoreSheet.objects.filter(committee=committee).first()
        criteria = list(sheet.criteria.all()) if sheet else []
        status = 200
        if request.method == "POST":
            form = ScoreSheetForm(request.POST)
            formset = CriterionFormSet(request.POST, prefix="criteria")
            if form.is_valid() and formset.is_valid():
                rows = [
                    {key: f.cleaned_data[key] for key in ("name", "name_en", "description", "weight", "max_points")}
                    for f in formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")
                ]
                try:
                    score_sheet_set(
                        actor=request.user,
                        committee=committee,
                        name=form.cleaned_data["name"],
                        name_en=form.cleaned_data["name_en"],
                        criteria=rows,
                    )
                except ValidationError as error:
                    form.add_error(None, error.messages)
                else:
                    self.message_user(request, gettext("The score sheet was saved."), messages.SUCCESS)
                    return HttpResponseRedirect(reverse("admin:portal_reviewcommittee_change", args=[committee.pk]))
            status = 400
        else:
            form = ScoreSheetForm(initial={"name": sheet.name, "name_en": sheet.name_en} if sheet else {})
            formset = CriterionFormSet(
                prefix="criteria",
                initial=[
                    {
                        "name": c.name,
                        "name_en": c.name_en,
                        "description": c.description,
                        "weight": c.weight,
                        "max_points": c.max_points,
                    }
                    for c in criteria
                ],
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Score sheet of %(committee)s") % {"committee": committee},
            "opts": self.model._meta,
            "committee": committee,
            "form": form,
            "formset": formset,
            "editable": committee.scoring_status == ScoringStatus.PREPARING,
        }
        return TemplateResponse(request, "admin/portal/score_sheet_form.html", context, status=status)


class CriterionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("order", "name", "name_en", "weight", "max_points")


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "committee")
    list_select_related = ("committee",)
    inlines = (CriterionInline,)


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("member", "content_type", "object_id", "automatic", "created_at")
    list_filter = ("automatic",)
    list_select_related = ("member__committee", "member__user", "content_type")


# --- Topic e-mails: read-only here (writes go through portal.newsletter) -------------------


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who gets the topic e-mails. The address is shown to city staff only; status moves
    through the service (unsubscribe action)."""

    list_display = ("__str__", "email", "status", "language", "topics", "confirmed_at", "created_at")
    list_filter = ("status", "language")
    list_select_related = ("user",)
    readonly_fields = (
        "email",
        "user",
        "status",
        "topics",
        "fields",
        "areas",
        "language",
        "confirmed_at",
        "unsubscribed_at",
        "digest_since",
        "created_at",
        "updated_at",
    )
    actions = (
        service_action(
            name="unsubscribe",
            description=_("Unsubscribe the selected addresses"),
            question=_("Unsubscribe these addresses? No more topic e-mails are sent to them."),
            service=lambda subscription, actor: subscription_unsubscribe(subscription=subscription, actor=actor),
        ),
    )

    @staticmethod
    def _private(request: HttpRequest) -> tuple[str, ...]:
        return () if is_city_staff(request.user) else ("email", "user")

    def get_list_display(self, request: HttpRequest) -> Any:
        return [name for name in self.list_display if name not in self._private(request)]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [name for name in self.readonly_fields if name not in self._private(request)]

    def get_search_fields(self, request: HttpRequest) -> Any:
        return ("email",) if is_city_staff(request.user) else ()


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("period", "subscription", "finished_at", "item_count", "attempts", "error")
    list_filter = ("period",)
    list_select_related = ("subscription",)
    readonly_fields = ("subscription", "period", "claimed_at", "finished_at", "item_count", "attempts", "error")
    fields = readonly_fields
