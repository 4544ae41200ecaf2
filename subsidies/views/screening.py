"""公開審査 pages: staff set and publish the presentation schedule of a programme and
publish the results; the public screening page shows the schedule and, once published,
the results per application (never per named member)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.permissions import RoleRequiredMixin
from subsidies.forms.screening import PresentationScheduleForm
from subsidies.permissions import is_subsidy_staff
from subsidies.selectors import programme_or_404
from subsidies.services import screening as services

__all__ = ["ScreeningView", "StaffPresentationsView"]


class StaffPresentationsView(RoleRequiredMixin, TemplateView):
    """City staff: the presentation schedule (a slot per presenting application), its
    publication (each group is told its slot) and the publication of the results."""

    template_name = "subsidies/staff/screening/presentations.html"
    messages_done = {
        "publish": gettext_lazy("The schedule is published and every group was told its slot by e-mail."),
        "unpublish": gettext_lazy("The schedule is no longer published."),
        "results_publish": gettext_lazy("The results of the public screening are published."),
        "results_unpublish": gettext_lazy("The results of the public screening are no longer published."),
    }

    def has_role(self, user: Any) -> bool:
        return is_subsidy_staff(user)

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated and is_subsidy_staff(request.user):
            self.programme = programme_or_404(kwargs["year"], kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, data: Any = None) -> PresentationScheduleForm:
        applications = list(services.presentation_applications(self.programme))
        return PresentationScheduleForm(
            data, applications=applications, default_place=self.programme.presentation_place
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            programme=self.programme,
            form=kwargs.get("form") or self.make_form(),
            results_blockers=services.screening_results_blockers(self.programme),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        actions = {
            "publish": services.schedule_publish,
            "unpublish": services.schedule_unpublish,
            "results_publish": services.screening_results_publish,
            "results_unpublish": services.screening_results_unpublish,
        }
        if action == "save":
            return self.save(request)
        if action not in actions:
            messages.error(request, _("Unknown action."))
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            actions[action](actor=request.user, programme=self.programme)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(), status=400)
        messages.success(request, self.messages_done[action])
        return HttpResponseRedirect(self.request.path)

    def save(self, request: HttpRequest) -> HttpResponse:
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.presentation_slots_save(actor=request.user, programme=self.programme, slots=form.slots())
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("The presentation schedule was saved."))
        return HttpResponseRedirect(self.request.path)


class ScreeningView(TemplateView):
    """The public screening page: the schedule once published; the results once the
    committee has closed scoring and staff published them. 404 before either."""

    template_name = "subsidies/screening/screening.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = programme_or_404(kwargs["year"], kwargs["slug"])
        show_results = services.results_visible(programme)
        if programme.schedule_published_at is None and not show_results:
            raise Http404
        applications = list(services.presentation_applications(programme))
        slots = sorted(
            (a for a in applications if hasattr(a, "presentation")), key=lambda a: (a.presentation.starts_at, a.pk)
        )
        context.update(
            programme=programme,
            slots=slots if programme.schedule_published_at else [],
            results=services.public_results(programme, applications) if show_results else [],
            show_results=show_results,
        )
        return context
