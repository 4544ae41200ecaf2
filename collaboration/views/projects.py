"""Pages of the projects area: the public registry (and its open data), the 協働の度合い
table, the project page, the staff list, the project form, the manage page and the
partners' log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from collaboration import selectors_projects as selectors
from collaboration.filters import ProjectFilter
from collaboration.forms.projects import (
    EntryForm,
    ProgressForm,
    ProjectForm,
    StatusForm,
    SubsidyLinkForm,
    partner_formset,
    partner_rows,
)
from collaboration.models import DOMAIN_SHORT, Domain, Project, ProjectStatus
from collaboration.permissions import is_collaboration_staff, is_window_staff, project_policy
from collaboration.services import projects as services
from portal.csv import csv_response
from portal.dates import fiscal_year, fiscal_year_label
from portal.forms import form_errors_from
from portal.listing import FilteredListMixin
from portal.permissions import RoleRequiredMixin
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status, is_stale

__all__ = [
    "ProjectCsvView",
    "ProjectDetailView",
    "ProjectDomainsView",
    "ProjectEditView",
    "ProjectListView",
    "ProjectLogView",
    "ProjectManageView",
    "ProjectNewView",
    "StaffProjectListView",
]

CSV_COLUMNS = [
    "fiscal_year",
    "title",
    "form",
    "domain",
    "department",
    "partners",
    "starts_on",
    "ends_on",
    "budget_total",
    "status",
    "progress",
    "url",
]


# --- Public ---------------------------------------------------------------------------------


class ProjectListView(FilteredListMixin, ListView):
    """The public registry of collaboration projects (C-01)."""

    template_name = "collaboration/projects/project_list.html"
    context_object_name = "projects"
    paginate_by = 20
    filterset_class = ProjectFilter

    def get_base_queryset(self) -> QuerySet[Project]:
        return selectors.public_projects()

    def get_queryset(self) -> QuerySet[Project]:
        return super().get_queryset().order_by("-fiscal_year", "title", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["csv_url"] = reverse("collaboration:project-csv") + (
            f"?{context['query_string']}" if context["query_string"] else ""
        )
        return context


class ProjectCsvView(View):
    """Open data: the registry with the same filters, one row per project."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filterset = ProjectFilter(request.GET or None, queryset=selectors.public_projects())
        if filterset.is_bound and not filterset.is_valid():
            return HttpResponse(
                " ".join(str(e) for errors in filterset.errors.values() for e in errors),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        response, writer = csv_response("collaboration-projects.csv", public=True)
        writer.writerow(CSV_COLUMNS)
        for project in filterset.qs.order_by("-fiscal_year", "title", "pk"):
            writer.writerow(
                [
                    project.fiscal_year,
                    project.title,
                    project.form.name,
                    project.domain,
                    project.department.name,
                    " / ".join(p.display_name for p in project.partners.all()),
                    project.starts_on.isoformat(),
                    project.ends_on.isoformat() if project.ends_on else "",
                    project.budget_total,
                    project.status,
                    project.progress,
                    request.build_absolute_uri(project.get_absolute_url()),
                ]
            )
        return response


class ProjectDomainsView(TemplateView):
    """協働の度合い: the year's published projects by form and domain ①–⑤."""

    template_name = "collaboration/projects/domains.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        years = selectors.project_years()
        this_year = fiscal_year(timezone.localdate())
        raw = request.GET.get("year")
        valid = True
        year = this_year
        if raw:
            if raw.isascii() and raw.isdigit() and len(raw) == 4 and 2000 <= int(raw) <= 2100:
                year = int(raw)
            else:
                valid = False
                messages.error(request, _("Give a fiscal year between 2000 and 2100, written as four digits."))
        context = self.get_context_data(
            year=year,
            year_label=fiscal_year_label(year),
            years=[(y, fiscal_year_label(y)) for y in years],
            table=selectors.domain_table(year),
            domain_labels=[(d, DOMAIN_SHORT[d.value], d.label) for d in Domain],
            explanations=selectors.domain_explanations(),
            registry_url=reverse("collaboration:project-list"),
        )
        return self.render_to_response(context, status=200 if valid else 400)


def proposal_url(project: Project) -> str | None:
    """The call page of the proposal the project came from (the calls area's
    `collaboration:call`), None while that page does not exist."""
    if not project.proposal_id:
        return None
    try:
        return reverse("collaboration:call", args=[project.proposal.call.slug])
    except NoReverseMatch:
        return None


class ProjectMixin(PolicyObjectMixin):
    policy = project_policy
    lookup_kwarg = lookup_field = "slug"

    def get_policy_queryset(self) -> QuerySet[Project]:
        return Project.objects.select_related("form", "department", "proposal", "proposal__call")

    def get_project(self) -> Project:
        return self.get_policy_object()


class ProjectDetailView(ProjectMixin, TemplateView):
    """The project page: what, who, when, how much, the results timeline, subsidies,
    the agreement and the published evaluations."""

    template_name = "collaboration/projects/project_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        project = self.get_project()
        user = self.request.user
        context.update(
            project=project,
            summary=project.localized("summary"),
            partners=list(project.partners.select_related("group", "department")),
            fields=list(project.fields.all()),
            timeline=selectors.public_timeline(project),
            subsidies=selectors.linked_subsidies(project),
            proposal=project.proposal,
            proposal_url=proposal_url(project),
            can_manage=project_policy.can(user, "manage", project),
            can_log=project_policy.can(user, "partner", project) or project_policy.can(user, "manage", project),
        )
        return context


# --- Staff and partners -------------------------------------------------------------------------


class StaffProjectListView(RoleRequiredMixin, ListView):
    """The projects the user manages, unpublished ones included, with the periodic
    checks and partnership reviews that are due first."""

    template_name = "collaboration/projects/staff_list.html"
    context_object_name = "projects"
    paginate_by = 50

    def has_role(self, user: Any) -> bool:
        return is_window_staff(user) or is_collaboration_staff(user)

    def get_queryset(self) -> QuerySet[Project]:
        return selectors.staff_projects(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = is_window_staff(self.request.user)
        context["query_string"] = ""
        return context


class ProjectFormMixin:
    request: HttpRequest
    template_name = "collaboration/projects/project_form.html"

    def render_form(self, form: Any, formset: Any, status: int = 200, **extra: Any) -> HttpResponse:
        context = self.get_context_data(form=form, formset=formset, **extra)  # type: ignore[attr-defined]
        return self.render_to_response(context, status=status)  # type: ignore[attr-defined]

    def refused(self, error: ValidationError, form: Any, formset: Any, **extra: Any) -> HttpResponse:
        form_errors_from(error, form)
        messages.error(self.request, " ".join(error.messages))
        return self.render_form(form, formset, status=400, **extra)


class ProjectNewView(ProjectFormMixin, RoleRequiredMixin, TemplateView):
    """A new project entered by the window (an existing one, or a new one)."""

    def has_role(self, user: Any) -> bool:
        return is_window_staff(user)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_form(ProjectForm(), partner_formset())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ProjectForm(request.POST)
        formset = partner_formset(request.POST)
        if not (form.is_valid() and formset.is_valid()):
            return self.render_form(form, formset, status=400)
        data = dict(form.cleaned_data)
        fields = data.pop("fields", [])
        try:
            project = services.project_create(
                actor=request.user, data=data, fields=fields, partners=partner_rows(formset)
            )
        except ValidationError as error:
            return self.refused(error, form, formset)
        messages.success(request, _("The project has been added to the registry."))
        return HttpResponseRedirect(reverse("collaboration:project-manage", args=[project.slug]))


class ProjectEditView(ProjectFormMixin, ProjectMixin, TemplateView):
    policy_action = "manage"
    login_required = True

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        project = self.get_project()
        form = ProjectForm(instance=project, initial={"fields": list(project.fields.all())})
        return self.render_form(form, partner_formset(project=project), project=project)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        project = self.get_project()
        form = ProjectForm(request.POST, instance=Project.objects.get(pk=project.pk))
        formset = partner_formset(request.POST)
        if not (form.is_valid() and formset.is_valid()):
            return self.render_form(form, formset, status=400, project=project)
        data = dict(form.cleaned_data)
        fields = data.pop("fields", [])
        try:
            services.project_update(
                actor=request.user, project=project, data=data, fields=fields, partners=partner_rows(formset)
            )
        except ValidationError as error:
            return self.refused(error, form, formset, project=project)
        messages.success(request, _("The project has been saved."))
        return HttpResponseRedirect(reverse("collaboration:project-manage", args=[project.slug]))


class ProjectManageView(ProjectMixin, TemplateView):
    """Staff actions on one project: status, progress, link a subsidy; the partners' log."""

    template_name = "collaboration/projects/manage.html"
    policy_action = "manage"
    login_required = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        project = self.get_project()
        transitions = [
            (s, ProjectStatus(s).label) for s in ProjectStatus.values if s in project.available_transitions()
        ]
        status_form = kwargs.get("status_form") or StatusForm(initial={"seen_status": project.status})
        status_form.fields["status"].choices = transitions
        context.update(
            project=project,
            partners=list(project.partners.select_related("group", "department", "contact")),
            entries=selectors.partners_log(project),
            subsidies=selectors.linked_subsidies(project),
            transitions=transitions,
            status_form=status_form,
            progress_form=kwargs.get("progress_form") or ProgressForm(initial={"progress": project.progress}),
            subsidy_form=kwargs.get("subsidy_form") or SubsidyLinkForm(),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        project = self.get_project()
        action = request.POST.get("action")
        forms_by_action = {"status": StatusForm, "progress": ProgressForm, "subsidy": SubsidyLinkForm}
        if action not in forms_by_action:
            messages.error(request, _("Choose what to do."))
            return self.render_to_response(self.get_context_data(), status=400)
        form = forms_by_action[action](request.POST)
        key = f"{action}_form"
        if action == "status":
            form.fields["status"].choices = [
                (s, ProjectStatus(s).label) for s in ProjectStatus.values if s in project.available_transitions()
            ]
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**{key: form}), status=400)
        data = form.cleaned_data
        try:
            if action == "status":
                services.project_status_change(
                    actor=request.user,
                    project=project,
                    status=data["status"],
                    reason=data["reason"],
                    expected_status=data["seen_status"],
                )
                messages.success(request, _("The status has been changed."))
            elif action == "progress":
                services.project_progress_set(actor=request.user, project=project, progress=data["progress"])
                messages.success(request, _("The progress has been saved."))
            else:
                services.subsidy_link(request.user, project, data["receipt_number"])
                messages.success(request, _("The subsidy application is now linked to the project."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if is_stale(error):
                return self.render_to_response(self.get_context_data(), status=error_status(error))
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(**{key: form}), status=400)
        return HttpResponseRedirect(reverse("collaboration:project-manage", args=[project.slug]))


class ProjectLogView(ProjectMixin, TemplateView):
    """The partners' log: partners and staff add meetings, progress and periodic checks."""

    template_name = "collaboration/projects/log.html"
    login_required = True

    def get_policy_object(self) -> Project:
        if not hasattr(self, "_policy_object"):
            user = self.request.user
            base = self.get_policy_queryset()
            allowed = project_policy.instances_user_has_permission_for(
                user, "partner", base
            ) | project_policy.instances_user_has_permission_for(user, "manage", base)
            project = allowed.filter(slug=self.kwargs["slug"]).first()
            if project is None:
                raise Http404
            self._policy_object = project
        return self._policy_object

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        project = self.get_project()
        context.update(
            project=project,
            entries=selectors.partners_log(project),
            form=kwargs.get("form") or EntryForm(initial={"on": timezone.localdate()}),
            can_manage=project_policy.can(self.request.user, "manage", project),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        project = self.get_project()
        form = EntryForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.entry_add(actor=request.user, project=project, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("The entry has been added to the log."))
        return HttpResponseRedirect(reverse("collaboration:project-log", args=[project.slug]))
