"""Pages of the calls area: the collaboration portal's front, the public calls (with the
score sheet and, once published, the results), and the window's call management."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from collaboration import selectors_calls as selectors
from collaboration.forms.calls import CallForm
from collaboration.models import Call, CallStatus
from collaboration.permissions import is_window_staff
from collaboration.services import calls as services
from portal.forms import SeenStatusForm, form_errors_from
from portal.permissions import RoleRequiredMixin
from portal.workflow import error_status

# --- Public pages ---------------------------------------------------------------------------


class IndexView(TemplateView):
    """The collaboration portal's front: the open themes, the 市民提案型 window, and the
    other parts of the portal."""

    template_name = "collaboration/calls/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        themes, windows = selectors.open_calls()
        return super().get_context_data(themes=themes, windows=windows, links=selectors.portal_links(), **kwargs)


class CallListView(ListView):
    """Every published call, by fiscal year, open ones first."""

    template_name = "collaboration/calls/list.html"
    context_object_name = "calls"
    paginate_by = 30

    def get_queryset(self) -> QuerySet[Call]:
        return selectors.public_calls()


class CallDetailView(TemplateView):
    template_name = "collaboration/calls/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        call = selectors.call_for_page(kwargs["slug"], self.request.user)
        return super().get_context_data(
            call=call,
            criteria=selectors.score_criteria(call),
            results=selectors.published_results(call),
            accepting=call.accepts_proposals(),
            is_window=is_window_staff(self.request.user),
            **kwargs,
        )


# --- The window's pages ---------------------------------------------------------------------


class WindowRequiredMixin(RoleRequiredMixin):
    def has_role(self, user: Any) -> bool:
        return is_window_staff(user)


class StaffCallListView(WindowRequiredMixin, ListView):
    template_name = "collaboration/calls/staff_list.html"
    context_object_name = "calls"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Call]:
        return Call.objects.select_related("department", "committee").order_by("-fiscal_year", "status", "pk")


class StaffCallFormView(WindowRequiredMixin, TemplateView):
    """New call (no pk) or edit a call."""

    template_name = "collaboration/calls/staff_form.html"
    call: Call | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "pk" in kwargs and request.user.is_authenticated and is_window_staff(request.user):
            self.call = Call.objects.select_related("department", "committee").filter(pk=kwargs["pk"]).first()
            if self.call is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render(self, form: CallForm, status: int = 200) -> HttpResponse:
        status_form = None
        if self.call is not None:
            status_form = SeenStatusForm(initial={"seen_status": self.call.status}, choices=CallStatus.choices)
        return self.render_to_response(
            self.get_context_data(call=self.call, form=form, status_form=status_form), status=status
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(CallForm(instance=self.call))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CallForm(request.POST, instance=self.call or Call())
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        data = {name: form.cleaned_data[name] for name in services.CALL_FIELDS if name in form.cleaned_data}
        try:
            if self.call is None:
                call = services.call_create(actor=request.user, data=data)
            else:
                call = services.call_update(actor=request.user, call=self.call, data=data)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render(form, HTTPStatus.BAD_REQUEST)
        messages.success(request, _("The call was saved."))
        return redirect("collaboration:staff-call-edit", call.pk)


class StaffCallStatusView(WindowRequiredMixin, TemplateView):
    """Publish, close or reopen a call (the page shows what can be done)."""

    template_name = "collaboration/calls/staff_status.html"
    actions = {
        "publish": (services.call_publish, gettext_lazy("The call is published.")),
        "close": (services.call_close, gettext_lazy("The call is closed: no more proposals are accepted.")),
        "reopen": (services.call_reopen, gettext_lazy("The call is open again.")),
    }

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and is_window_staff(request.user):
            self.call = Call.objects.select_related("department").filter(pk=kwargs["pk"]).first()
            if self.call is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render(self, form: SeenStatusForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(self.get_context_data(call=self.call, form=form), status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(SeenStatusForm(initial={"seen_status": self.call.status}, choices=CallStatus.choices))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SeenStatusForm(request.POST, choices=CallStatus.choices)
        action = request.POST.get("action")
        if action not in self.actions:
            form.is_valid()
            form.add_error(None, _("Choose what to do."))
            return self.render(form, HTTPStatus.BAD_REQUEST)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        service, done = self.actions[action]
        try:
            service(actor=request.user, call=self.call, expected_status=form.cleaned_data["seen_status"])
        except ValidationError as error:
            form_errors_from(error, form)
            self.call.refresh_from_db()
            return self.render(form, error_status(error))
        messages.success(request, done)
        return HttpResponseRedirect(self.request.path)
