"""Volunteer openings, applications, and the contact relay on group profiles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from groups import permissions, services
from groups.filters import OpeningFilter
from groups.forms import ApplyForm, ConfirmForm, ContactForm, DecisionForm, OpeningForm
from groups.models import ApplicationStatus, VolunteerApplication, VolunteerOpening
from groups.views.registration import GroupScopedMixin
from portal.client_ip import client_ip
from portal.forms import form_errors_from
from portal.listing import FilteredListMixin
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status

__all__ = [
    "GroupContactView",
    "OpeningApplicationsView",
    "OpeningApplyView",
    "OpeningCloseView",
    "OpeningCreateView",
    "OpeningDetailView",
    "OpeningEditView",
    "OpeningListView",
    "VolunteerApplicationWithdrawView",
]

CONTACT_LIMIT = 5  # messages per sender address (IP) per hour
CONTACT_WINDOW = 60 * 60


class OpeningListView(FilteredListMixin, ListView):
    template_name = "groups/opening_list.html"
    context_object_name = "openings"
    paginate_by = 20
    filterset_class = OpeningFilter

    def get_base_queryset(self) -> Any:
        return VolunteerOpening.objects.open().for_list()

    def get_queryset(self) -> Any:
        return super().get_queryset().order_by("deadline", "pk")


class OpeningScopedMixin(PolicyObjectMixin):
    """Openings of currently registered groups for everyone; the group's own members
    (and city staff) see the others too (`OpeningPolicy`)."""

    policy = permissions.opening_policy

    def get_policy_queryset(self) -> Any:
        return VolunteerOpening.objects.select_related("group")

    def get_opening(self) -> VolunteerOpening:
        return self.get_policy_object()


class OpeningDetailView(OpeningScopedMixin, DetailView):
    template_name = "groups/opening_detail.html"
    context_object_name = "opening"

    def get_object(self, queryset: Any = None) -> VolunteerOpening:
        return self.get_opening()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        opening = self.object
        context.update(
            can_edit=permissions.opening_policy.can(user, "edit", opening),
            my_application=opening.applications.filter(user=user).exclude(status="withdrawn").first()
            if user.is_authenticated
            else None,
            apply_form=kwargs.get("apply_form") or ApplyForm(),
        )
        return context


class OpeningApplyView(LoginRequiredMixin, OpeningScopedMixin, FormView):
    form_class = ApplyForm
    template_name = "groups/opening_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(self.get_opening().get_absolute_url())

    def form_valid(self, form: ApplyForm) -> HttpResponse:
        opening = self.get_opening()
        try:
            services.application_create(opening=opening, user=self.request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(self.request, _("Your application has been sent to the group."))
        return HttpResponseRedirect(opening.get_absolute_url())

    def form_invalid(self, form: ApplyForm) -> HttpResponse:
        view = OpeningDetailView(request=self.request, kwargs=self.kwargs)
        view._opening = self.get_opening()
        view.object = view._opening
        return view.render_to_response(view.get_context_data(apply_form=form), status=400)


class OpeningCreateView(GroupScopedMixin, FormView):
    template_name = "groups/opening_form.html"
    form_class = OpeningForm
    login_required = True
    policy_action = "post"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(group=self.get_group(), **kwargs)

    def form_valid(self, form: OpeningForm) -> HttpResponse:
        try:
            opening = services.opening_create(group=self.get_group(), actor=self.request.user, data=form.cleaned_data)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(self.request, _("The volunteer opening has been published."))
        return HttpResponseRedirect(opening.get_absolute_url())

    def form_invalid(self, form: OpeningForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OpeningEditorMixin(OpeningScopedMixin):
    login_required = True
    policy_action = "edit"


class OpeningEditView(OpeningEditorMixin, FormView):
    template_name = "groups/opening_form.html"
    form_class = OpeningForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": VolunteerOpening.objects.get(pk=self.get_opening().pk)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        opening = self.get_opening()
        return super().get_context_data(group=opening.group, opening=opening, **kwargs)

    def form_valid(self, form: OpeningForm) -> HttpResponse:
        opening = self.get_opening()
        try:
            services.opening_update(opening=opening, actor=self.request.user, data=form.cleaned_data)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(self.request, _("The volunteer opening has been saved."))
        return HttpResponseRedirect(opening.get_absolute_url())

    def form_invalid(self, form: OpeningForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OpeningCloseView(OpeningEditorMixin, FormView):
    template_name = "groups/group_confirm.html"
    form_class = ConfirmForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        opening = self.get_opening()
        return super().get_context_data(
            group=opening.group,
            title=_("Close the opening"),
            explanation=_("No more applications will be accepted."),
            button=_("Close the opening"),
            **kwargs,
        )

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        opening = services.opening_close(opening=self.get_opening(), actor=self.request.user)
        messages.success(self.request, _("The opening has been closed."))
        return HttpResponseRedirect(opening.get_absolute_url())


class OpeningApplicationsView(OpeningEditorMixin, TemplateView):
    """The group sees who applied and answers each application."""

    template_name = "groups/opening_applications.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        opening = self.get_opening()
        return super().get_context_data(
            opening=opening,
            applications=opening.applications.exclude(status=ApplicationStatus.WITHDRAWN).select_related("user"),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        opening = self.get_opening()
        form = DecisionForm(request.POST)
        application = (
            VolunteerApplication.objects.filter(opening=opening, pk=form.data.get("application")).first()
            if form.is_valid()
            else None
        )
        if application is None:
            messages.error(request, _("Choose an application and an answer."))
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            services.application_decide(
                application=application,
                actor=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reply=form.cleaned_data["reply"],
                expected_status=form.cleaned_data["seen_status"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(), status=error_status(error))
        messages.success(request, _("Your answer has been sent to the applicant."))
        return HttpResponseRedirect(reverse("groups:opening-applications", args=[opening.pk]))


class GroupContactView(GroupScopedMixin, FormView):
    """Send a message to a registered group without seeing its address."""

    template_name = "groups/group_contact.html"
    form_class = ContactForm

    def get_initial(self) -> dict[str, Any]:
        user = self.request.user
        if user.is_authenticated:
            return {"name": user.full_name, "email": user.email}
        return {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(group=self.get_group(), **kwargs)

    def form_invalid(self, form: ContactForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: ContactForm) -> HttpResponse:
        group = self.get_group()
        key = f"groups:contact:{client_ip(self.request)}"
        sent = cache.get(key, 0)
        if sent >= CONTACT_LIMIT:
            form.add_error(None, _("Too many messages were sent from here. Please try again later."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        try:
            services.contact_message_send(
                group=group,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                sender=self.request.user if self.request.user.is_authenticated else None,
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        cache.set(key, sent + 1, CONTACT_WINDOW)
        messages.success(self.request, _("Your message has been sent to the group."))
        return HttpResponseRedirect(group.get_absolute_url())


class VolunteerApplicationWithdrawView(PolicyObjectMixin, View):
    """POST: the applicant withdraws their volunteer application (from /my/); back to /my/."""

    policy = permissions.application_policy
    policy_action = "withdraw"
    login_required = True

    def get_policy_queryset(self) -> Any:
        return VolunteerApplication.objects.select_related("opening")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_policy_object()
        try:
            services.application_withdraw(application=application, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("portal:my"))
        messages.success(
            request, _("Your application to “%(opening)s” has been withdrawn.") % {"opening": application.opening.title}
        )
        return HttpResponseRedirect(reverse("portal:my"))
