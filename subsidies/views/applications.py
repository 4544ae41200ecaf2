"""Pages of the subsidies app: applications (the group's and the staff's)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from groups.models import CommunityGroup
from groups.permissions import editor_group_ids
from portal.csv import csv_response
from portal.downloads import content_disposition
from portal.forms import SeenStatusForm, form_errors_from
from portal.links import url_maker
from portal.listing import FilteredListMixin
from portal.models import AuditLogEntry
from portal.permissions import RoleRequiredMixin
from portal.policies import PolicyObjectMixin
from portal.review_services import ensure_can_open_reviewed
from portal.workflow import error_status
from subsidies.forms.applications import (
    ApplicationForm,
    AttachmentForm,
    CheckDecision,
    CounterForm,
    ExpenseFormSet,
    IncomeFormSet,
    StaffApplicationFilter,
    StartForm,
)
from subsidies.models import (
    REVIEWED_STATUSES,
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    BudgetLine,
    BudgetSide,
    BudgetStage,
)
from subsidies.permissions import application_policy, is_subsidy_staff
from subsidies.selectors import programme_or_404
from subsidies.services import applications as services

S = ApplicationStatus


def _plan_queryset() -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(stage=BudgetStage.PLAN).select_related("expense_category")


def _detail_queryset() -> QuerySet[Application]:
    return Application.objects.select_related(
        "programme", "category", "group", "created_by", "entered_by_staff"
    ).prefetch_related(
        Prefetch("budget_lines", queryset=_plan_queryset()),
        Prefetch("attachments", queryset=ApplicationAttachment.objects.order_by("for_report", "kind", "pk")),
    )


def _budget_context(application: Application) -> dict[str, Any]:
    lines = list(application.budget_lines.all())
    return {
        "income_lines": [line for line in lines if line.side == BudgetSide.INCOME],
        "expense_lines": [line for line in lines if line.side == BudgetSide.EXPENSE],
        "amounts": services.application_amounts(application, lines),
    }


# --- Start ------------------------------------------------------------------------------------


class ApplyView(LoginRequiredMixin, TemplateView):
    """Start an application: choose the group (if several) and the category."""

    template_name = "subsidies/applications/start.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.programme = programme_or_404(kwargs["year"], kwargs["slug"])
            self.groups = CommunityGroup.objects.filter(pk__in=editor_group_ids(request.user)).order_by(
                "name_kana", "pk"
            )
        return super().dispatch(request, *args, **kwargs)

    def refusal(self) -> tuple[str, int] | None:
        if not self.groups.exists():
            return _("Only a group's representative or an editor can apply for a subsidy."), HTTPStatus.FORBIDDEN
        if not self.programme.call_is_open():
            return _("The call for applications is not open."), HTTPStatus.BAD_REQUEST
        return None

    def get_form(self) -> StartForm:
        data = self.request.POST if self.request.method == "POST" else None
        return StartForm(data, programme=self.programme, groups=self.groups)

    def render(self, form: StartForm | None, status: int = 200, refusal: str = "") -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(programme=self.programme, form=form, refusal=refusal), status=status
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refusal()
        if refused:
            return self.render(None, refused[1], refused[0])
        return self.render(self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refusal()
        if refused:
            return self.render(None, refused[1], refused[0])
        form = self.get_form()
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        existing = services.live_application(programme=self.programme, group=form.cleaned_data["group"])
        if existing:
            form.add_error(None, _("The group already has an application to this programme."))
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            application = services.application_create(programme=self.programme, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render(form, HTTPStatus.BAD_REQUEST)
        messages.success(request, _("Your draft has been created. Fill in the plan and the budget."))
        return redirect("subsidies:application-edit", application.pk)


# --- The applicant's pages ------------------------------------------------------------------


class ApplicationObjectMixin(PolicyObjectMixin):
    policy = application_policy
    login_required = True

    def get_policy_queryset(self) -> QuerySet[Application]:
        return _detail_queryset()

    @property
    def application(self) -> Application:
        return self.get_policy_object()


class MyApplicationsView(LoginRequiredMixin, ListView):
    template_name = "subsidies/applications/my_applications.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Application]:
        qs = Application.objects.select_related("programme", "category", "group")
        return (
            application_policy.visible_to(self.request.user, qs)
            .filter(group_id__in=self._member_groups())
            .order_by("-programme__fiscal_year", "-created_at", "-pk")
        )

    def _member_groups(self) -> set[int]:
        from groups.permissions import member_group_ids

        return member_group_ids(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        editors = editor_group_ids(self.request.user)
        context["rows"] = [(a, a.group_id in editors) for a in context["applications"]]
        return context


class ApplicationDetailView(ApplicationObjectMixin, TemplateView):
    template_name = "subsidies/applications/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        application = self.application
        return super().get_context_data(
            application=application,
            can=application_policy.permissions_for(self.request.user, application),
            **_budget_context(application),
            **kwargs,
        )


class ApplicationEditView(ApplicationObjectMixin, TemplateView):
    policy_action = "edit"
    template_name = "subsidies/applications/edit.html"

    def not_editable(self) -> HttpResponse | None:
        if not self.application.editable:
            messages.error(self.request, _("This application can no longer be changed."))
            return HttpResponseRedirect(self.application.get_absolute_url())
        return None

    def forms(self, data: Any = None) -> tuple[ApplicationForm, Any, Any]:
        application = self.application
        lines = list(application.budget_lines.all())
        income = [
            {"income_kind": line.income_kind, "description": line.description, "amount": line.amount}
            for line in lines
            if line.side == BudgetSide.INCOME
        ]
        expense = [
            {
                "expense_category": line.expense_category_id,
                "description": line.description,
                "basis": line.basis,
                "amount": line.amount,
            }
            for line in lines
            if line.side == BudgetSide.EXPENSE
        ]
        return (
            ApplicationForm(data, instance=application, programme=application.programme),
            # Bound formsets get no initial: every posted line counts as entered.
            IncomeFormSet(data, initial=None if data is not None else income or None, prefix="income"),
            ExpenseFormSet(data, initial=None if data is not None else expense or None, prefix="expense"),
        )

    def render(self, forms: tuple[Any, Any, Any], status: int = 200) -> HttpResponse:
        form, income_formset, expense_formset = forms
        application = self.application
        return self.render_to_response(
            self.get_context_data(
                application=application,
                form=form,
                income_formset=income_formset,
                expense_formset=expense_formset,
                attachment_form=AttachmentForm(),
                eligible_ids=set(application.programme.eligible_expenses.values_list("pk", flat=True)),
                **_budget_context(application),
            ),
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.not_editable() or self.render(self.forms())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.not_editable()
        if refused:
            return refused
        forms = self.forms(request.POST)
        form, income_formset, expense_formset = forms
        valid = [f.is_valid() for f in forms]
        if not all(valid):
            return self.render(forms, HTTPStatus.BAD_REQUEST)
        try:
            services.application_save(
                application=self.application,
                actor=request.user,
                data=form.cleaned_data,
                income_lines=income_formset.lines(),
                expense_lines=expense_formset.lines(),
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render(forms, HTTPStatus.BAD_REQUEST)
        if request.POST.get("action") == "submit":
            return redirect("subsidies:application-submit", self.application.pk)
        messages.success(request, _("Saved. The amount you may request has been recalculated."))
        return redirect("subsidies:application-edit", self.application.pk)


class ApplicationSubmitView(ApplicationObjectMixin, TemplateView):
    policy_action = "edit"
    template_name = "subsidies/applications/submit.html"

    def render(self, form: SeenStatusForm, status: int = 200) -> HttpResponse:
        application = self.application
        return self.render_to_response(
            self.get_context_data(
                application=application,
                form=form,
                problems=services.submission_problems(application),
                **_budget_context(application),
            ),
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.application.editable:
            return HttpResponseRedirect(self.application.get_absolute_url())
        return self.render(SeenStatusForm(initial={"seen_status": self.application.status}, choices=S.choices))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SeenStatusForm(request.POST, choices=S.choices)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            application = services.application_submit(
                application=self.application, actor=request.user, expected_status=form.cleaned_data["seen_status"]
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self._refresh_and_render(form, error_status(error))
        messages.success(
            request,
            _("Your application has been submitted. Receipt number: %(number)s.")
            % {"number": application.receipt_number},
        )
        return HttpResponseRedirect(application.get_absolute_url())

    def _refresh_and_render(self, form: SeenStatusForm, status: int) -> HttpResponse:
        del self._policy_object
        self.get_policy_object()
        return self.render(form, status)


class ApplicationWithdrawView(ApplicationObjectMixin, TemplateView):
    policy_action = "edit"
    template_name = "subsidies/applications/withdraw.html"

    def render(self, form: SeenStatusForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(
                application=self.application,
                form=form,
                can_withdraw=S.WITHDRAWN in self.application.available_transitions(),
            ),
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(SeenStatusForm(initial={"seen_status": self.application.status}, choices=S.choices))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SeenStatusForm(request.POST, choices=S.choices)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            services.application_withdraw(
                application=self.application, actor=request.user, expected_status=form.cleaned_data["seen_status"]
            )
        except ValidationError as error:
            form_errors_from(error, form)
            del self._policy_object
            self.get_policy_object()
            return self.render(form, error_status(error))
        messages.success(request, _("Your application has been withdrawn."))
        return HttpResponseRedirect(self.application.get_absolute_url())


# --- Attachments ------------------------------------------------------------------------------


class AttachmentAddView(ApplicationObjectMixin, TemplateView):
    policy_action = "edit"
    template_name = "subsidies/applications/attachment_form.html"

    def render(self, form: AttachmentForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(self.get_context_data(application=self.application, form=form), status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(AttachmentForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            services.attachment_add(
                application=self.application,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form_errors_from(error, form)
            else:
                form.add_error("file", error)
            return self.render(form, HTTPStatus.BAD_REQUEST)
        messages.success(request, _("The file has been attached."))
        return redirect("subsidies:application-edit", self.application.pk)


class AttachmentDeleteView(ApplicationObjectMixin, View):
    policy_action = "edit"

    def post(self, request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
        obj = get_object_or_404(ApplicationAttachment, application=self.application, pk=attachment)
        try:
            services.attachment_delete(attachment=obj, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self.application.get_absolute_url(), status=HTTPStatus.SEE_OTHER)
        messages.success(request, _("The file has been removed."))
        return redirect("subsidies:application-edit", self.application.pk)


class AttachmentDownloadView(View):
    """A private file: the group's members and city staff (the application policy), and,
    once the application is before the committee, its members who are not excluded (除斥;
    `ensure_can_open_reviewed`). Everyone else gets 404."""

    def get(self, request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
        application = Application.objects.select_related("programme__committee", "group").filter(pk=pk).first()
        if application is None:
            raise Http404
        user = request.user
        if not application_policy.can(user, "view", application):
            committee = application.programme.committee
            if committee is None or application.status not in REVIEWED_STATUSES or not user.is_authenticated:
                raise Http404
            ensure_can_open_reviewed(user, committee, application)
        obj = get_object_or_404(ApplicationAttachment, application=application, pk=attachment)
        try:
            handle = obj.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=obj.content_type, as_attachment=True)
        response["Content-Disposition"] = content_disposition(obj.original_name)
        response["Cache-Control"] = "private, no-store"
        return response


# --- Staff ------------------------------------------------------------------------------------


class SubsidyStaffMixin(RoleRequiredMixin):
    def has_role(self, user: Any) -> bool:
        return is_subsidy_staff(user)


class StaffApplicationListView(SubsidyStaffMixin, FilteredListMixin, ListView):
    template_name = "subsidies/staff/applications/list.html"
    context_object_name = "applications"
    paginate_by = 50
    filterset_class = StaffApplicationFilter

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and self.has_role(request.user):  # else log-in page or 403 first
            self.programme = programme_or_404(kwargs["year"], kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[Application]:
        qs = Application.objects.filter(programme=self.programme).select_related("category", "group")
        return application_policy.instances_user_has_permission_for(self.request.user, "decide", qs).order_by(
            "receipt_number", "pk"
        )

    def get_queryset(self) -> Any:
        base = self.get_base_queryset()
        self.filterset = self.filterset_class(self.request.GET or None, queryset=base, programme=self.programme)
        if self.filters_invalid:
            return base.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        key = f"subsidies-applications-{self.programme.pk}-{self.request.GET.urlencode()}"
        context = super().get_context_data(programme=self.programme, filter_cache_key=key, **kwargs)
        application_url = url_maker("subsidies:staff-application")
        for application in context["applications"]:  # the page's rows (the template reads the same)
            application.staff_page_url = application_url(application.pk)
        return context


class StaffApplicationCsvView(StaffApplicationListView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rows = self.get_queryset()
        if self.filters_invalid:
            return HttpResponse(
                _("The filters are not valid."), status=HTTPStatus.BAD_REQUEST, content_type="text/plain"
            )
        response, writer = csv_response(f"applications-{self.programme.fiscal_year}-{self.programme.slug}.csv")
        writer.writerow(
            [
                _("Receipt number"),
                _("Status"),
                _("Group"),
                _("Category"),
                _("Project title"),
                _("Eligible cost (yen)"),
                _("Requested amount (yen)"),
                _("Submitted at"),
                _("Channel"),
            ]
        )
        for a in rows:
            writer.writerow(
                [
                    a.receipt_number or "",
                    a.get_status_display(),
                    a.group.name,
                    str(a.category),
                    a.title,
                    a.eligible_cost,
                    a.requested_amount,
                    a.submitted_at.isoformat() if a.submitted_at else "",
                    a.get_channel_display(),
                ]
            )
        return response


class StaffApplicationView(SubsidyStaffMixin, PolicyObjectMixin, TemplateView):
    policy = application_policy
    policy_action = "decide"
    template_name = "subsidies/staff/applications/detail.html"

    def get_policy_queryset(self) -> QuerySet[Application]:
        return _detail_queryset().prefetch_related("versions")

    def render(self, form: CheckDecision, status: int = 200) -> HttpResponse:
        application = self.get_policy_object()
        versions = list(application.versions.all())
        submissions = [v for v in versions if v.kind == v.Kind.SUBMISSION]
        diff = None
        if len(submissions) >= 2:
            diff = services.version_diff(submissions[-2].snapshot, submissions[-1].snapshot)
        history = (
            AuditLogEntry.objects.filter(
                target_type=ContentType.objects.get_for_model(Application), target_id=str(application.pk)
            )
            .select_related("actor")
            .order_by("created_at", "pk")
        )
        return self.render_to_response(
            self.get_context_data(
                application=application,
                form=form,
                versions=versions,
                diff=diff,
                diff_versions=submissions[-2:] if diff is not None else [],
                history=history,
                can_check=application.status == S.SUBMITTED,
                can=application_policy.permissions_for(self.request.user, application),
                **_budget_context(application),
            ),
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(CheckDecision(initial={"seen_status": self.get_policy_object().status}))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CheckDecision(request.POST)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        application = self.get_policy_object()
        expected = form.cleaned_data["seen_status"]
        try:
            if form.cleaned_data["decision"] == "accept":
                services.application_accept(application=application, actor=request.user, expected_status=expected)
                message = _("The application has been accepted for review.")
            else:
                services.application_return(
                    application=application,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    expected_status=expected,
                )
                message = _("The application has been returned to the applicant.")
        except ValidationError as error:
            form_errors_from(error, form)
            del self._policy_object
            return self.render(form, error_status(error))
        messages.success(request, message)
        return redirect("subsidies:staff-application", application.pk)


class StaffCounterView(SubsidyStaffMixin, TemplateView):
    """窓口代行入力: a paper application keyed in for a group."""

    template_name = "subsidies/staff/applications/counter.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and self.has_role(request.user):  # else log-in page or 403 first
            self.programme = programme_or_404(kwargs["year"], kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def render(self, form: CounterForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(self.get_context_data(programme=self.programme, form=form), status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(CounterForm(programme=self.programme))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CounterForm(request.POST, programme=self.programme)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            application = services.application_create(programme=self.programme, actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                raise
            form_errors_from(error, form)
            return self.render(form, HTTPStatus.BAD_REQUEST)
        messages.success(request, _("The paper application has been keyed in as a draft. Enter its plan and budget."))
        return redirect(reverse("subsidies:application-edit", args=[application.pk]))
