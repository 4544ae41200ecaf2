"""Pages of the 後援・共催 requests: the group's request, list, page, withdrawal and
実施報告; the window's queue and decision page (check, approve, refuse, revoke)."""

from __future__ import annotations

import hashlib
from http import HTTPStatus
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from collaboration import selectors_endorsements as selectors
from collaboration.forms.endorsements import (
    DecisionForm,
    EndorsementRequestForm,
    EventChoiceForm,
    ReportForm,
    RevokeForm,
    StaffEndorsementFilter,
)
from collaboration.models import EndorsementRequest, EndorsementStatus
from collaboration.permissions import endorsement_policy, is_window_staff
from collaboration.services import endorsements as services
from groups.permissions import editor_group_ids, member_group_ids
from portal.forms import SeenStatusForm, form_errors_from
from portal.listing import FilteredListMixin
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status

E = EndorsementStatus
PAGE_SIZE = 20


# --- The group's pages -------------------------------------------------------------------------


class EndorsementNewView(LoginRequiredMixin, TemplateView):
    """Request 後援 or 共催: choose the group (and optionally one of its upcoming events,
    which prefills the form: ?group=&event=), then fill in the request."""

    template_name = "collaboration/endorsements/new.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not editor_group_ids(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def groups(self) -> QuerySet[Any]:
        return selectors.requesting_groups(self.request.user)

    def chooser(self, data: Any = None) -> EventChoiceForm:
        groups = self.groups()
        events = selectors.upcoming_events(groups.values_list("pk", flat=True))
        return EventChoiceForm(data, groups=groups, events=events)

    def render(self, chooser: EventChoiceForm, form: EndorsementRequestForm, status: int = 200) -> HttpResponse:
        context = self.get_context_data(chooser=chooser, form=form, lead_days=services.LEAD_DAYS)
        return self.render_to_response(context, status=status)

    def prefill(self, chooser: EventChoiceForm) -> dict[str, Any]:
        event = chooser.cleaned_data.get("event")
        if event is None:
            return {}
        return {
            "event_title": event.title,
            "starts_on": timezone.localtime(event.starts_at).date(),
            "ends_on": timezone.localtime(event.ends_at).date(),
            "venue": event.place[:200],
            "organisers": event.group.name[:500],
            "audience": event.audience[:300],
            "content": event.description[:4000],
            "admission_charged": bool(event.fee),
            "fee_amount": event.fee or None,
            "expected_people": event.capacity,
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.chooser(), EndorsementRequestForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        chooser = self.chooser(request.POST)
        if request.POST.get("action") == "prefill":
            # Fill the request in from the chosen event; nothing is written.
            if not chooser.is_valid():
                return self.render(chooser, EndorsementRequestForm(), HTTPStatus.BAD_REQUEST)
            return self.render(chooser, EndorsementRequestForm(initial=self.prefill(chooser)))
        form = EndorsementRequestForm(request.POST)
        chooser_ok, form_ok = chooser.is_valid(), form.is_valid()
        if not (chooser_ok and form_ok):
            return self.render(chooser, form, HTTPStatus.BAD_REQUEST)
        try:
            endorsement = services.endorsement_submit(
                group=chooser.cleaned_data["group"],
                actor=request.user,
                data=form.cleaned_data,
                event=chooser.cleaned_data.get("event"),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "event" in error.error_dict:
                chooser.add_error("event", error.error_dict.pop("event"))
            form_errors_from(error, form)
            return self.render(chooser, form, HTTPStatus.BAD_REQUEST)
        messages.success(
            request,
            _("Your request has been received (receipt number %(number)s).") % {"number": endorsement.receipt_number},
        )
        return HttpResponseRedirect(endorsement.get_absolute_url())


class EndorsementListView(LoginRequiredMixin, ListView):
    """The requests of the user's groups and their states."""

    template_name = "collaboration/endorsements/list.html"
    context_object_name = "endorsements"
    paginate_by = PAGE_SIZE

    def get_queryset(self) -> QuerySet[EndorsementRequest]:
        mine = EndorsementRequest.objects.filter(group_id__in=member_group_ids(self.request.user))
        return selectors.for_list(mine).order_by("-starts_on", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_request=bool(editor_group_ids(self.request.user)),
            editor_groups=editor_group_ids(self.request.user),
            today=timezone.localdate(),
            **kwargs,
        )


class EndorsementObjectMixin(PolicyObjectMixin):
    policy = endorsement_policy
    login_required = True
    request: HttpRequest

    def get_policy_queryset(self) -> QuerySet[EndorsementRequest]:
        return EndorsementRequest.objects.select_related("group", "event", "decided_by")

    @property
    def endorsement(self) -> EndorsementRequest:
        return self.get_policy_object()

    def reload(self) -> None:
        del self._policy_object
        self.get_policy_object()


def _facts(endorsement: EndorsementRequest, user: Any) -> dict[str, Any]:
    today = timezone.localdate()
    can_edit = endorsement_policy.can(user, "edit", endorsement)
    return {
        "endorsement": endorsement,
        "can_edit": can_edit,
        "can_withdraw": can_edit
        and E.WITHDRAWN in endorsement.available_transitions()
        and not (endorsement.status == E.APPROVED and endorsement.starts_on <= today),
        "can_report": can_edit
        and endorsement.status == E.APPROVED
        and endorsement.starts_on <= today
        and endorsement.reported_at is None,
    }


class EndorsementDetailView(EndorsementObjectMixin, TemplateView):
    template_name = "collaboration/endorsements/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            **_facts(self.endorsement, self.request.user), conditions=CONDITIONS_TEMPLATE, **kwargs
        )


class EndorsementWithdrawView(EndorsementObjectMixin, TemplateView):
    policy_action = "edit"
    template_name = "collaboration/endorsements/withdraw.html"

    def render(self, form: SeenStatusForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(form=form, **_facts(self.endorsement, self.request.user)), status=status
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(SeenStatusForm(initial={"seen_status": self.endorsement.status}, choices=E.choices))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SeenStatusForm(request.POST, choices=E.choices)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            services.endorsement_withdraw(
                request=self.endorsement, actor=request.user, expected_status=form.cleaned_data["seen_status"]
            )
        except ValidationError as error:
            form_errors_from(error, form)
            self.reload()
            return self.render(form, error_status(error))
        messages.success(request, _("The request has been withdrawn."))
        return HttpResponseRedirect(self.endorsement.get_absolute_url())


class EndorsementReportView(EndorsementObjectMixin, TemplateView):
    policy_action = "edit"
    template_name = "collaboration/endorsements/report.html"

    def render(self, form: ReportForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(form=form, **_facts(self.endorsement, self.request.user)), status=status
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(ReportForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ReportForm(request.POST)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            services.endorsement_report(
                request=self.endorsement,
                actor=request.user,
                participants=form.cleaned_data["participants"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            form_errors_from(error, form)
            self.reload()
            return self.render(form, error_status(error))
        messages.success(request, _("Thank you: the event report has been filed."))
        return HttpResponseRedirect(self.endorsement.get_absolute_url())


# --- The window's pages --------------------------------------------------------------------------


class WindowOnlyMixin:
    def has_role(self, user: Any) -> bool:
        return is_window_staff(user)


class StaffEndorsementListView(LoginRequiredMixin, FilteredListMixin, ListView):
    """The window's queue: by state and kind, possibly nominal 共催 flagged (C-24), and
    approved requests whose 実施報告 is missing after the event."""

    template_name = "collaboration/endorsements/staff_list.html"
    context_object_name = "endorsements"
    paginate_by = PAGE_SIZE
    filterset_class = StaffEndorsementFilter

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not is_window_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[EndorsementRequest]:
        return selectors.for_list(EndorsementRequest.objects.all())

    def get_queryset(self) -> QuerySet[EndorsementRequest]:
        return super().get_queryset().order_by("starts_on", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        digest = hashlib.sha256(self.request.GET.urlencode().encode()).hexdigest()
        return super().get_context_data(
            counts=selectors.queue_counts(),
            today=timezone.localdate(),
            filter_cache_key=f"collaboration-endorsements-{digest}",
            **kwargs,
        )


class StaffEndorsementView(WindowOnlyMixin, EndorsementObjectMixin, TemplateView):
    """The window's page of a request: the check and the decision, or a revocation."""

    policy_action = "decide"
    template_name = "collaboration/endorsements/staff_detail.html"

    def render(
        self, form: DecisionForm | None = None, revoke_form: RevokeForm | None = None, status: int = 200
    ) -> HttpResponse:
        endorsement = self.endorsement
        initial = {"seen_status": endorsement.status}
        return self.render_to_response(
            self.get_context_data(
                endorsement=endorsement,
                form=form or DecisionForm(initial=initial),
                revoke_form=revoke_form or RevokeForm(initial=initial),
                can_decide=endorsement.status == E.SUBMITTED,
                can_revoke=E.REVOKED in endorsement.available_transitions(),
                history_url=reverse("collaboration:endorsement", args=[endorsement.pk]),
            ),
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("action") == "revoke":
            return self.revoke(request)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render(form=form, status=HTTPStatus.BAD_REQUEST)
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.endorsement_approve(
                    request=self.endorsement,
                    actor=request.user,
                    conditions=data["conditions"],
                    expected_status=data["seen_status"],
                    **form.checks(),
                )
                messages.success(request, _("The request has been approved; the group is told."))
            else:
                services.endorsement_refuse(
                    request=self.endorsement,
                    actor=request.user,
                    reason=data["reason"],
                    expected_status=data["seen_status"],
                    **form.checks(),
                )
                messages.success(request, _("The request has been refused; the group is told why."))
        except ValidationError as error:
            form_errors_from(error, form)
            self.reload()
            return self.render(form=form, status=error_status(error))
        return HttpResponseRedirect(reverse("collaboration:staff-endorsement", args=[self.endorsement.pk]))

    def revoke(self, request: HttpRequest) -> HttpResponse:
        form = RevokeForm(request.POST)
        if not form.is_valid():
            return self.render(revoke_form=form, status=HTTPStatus.BAD_REQUEST)
        try:
            services.endorsement_revoke(
                request=self.endorsement,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_status=form.cleaned_data["seen_status"],
            )
        except ValidationError as error:
            form_errors_from(error, form)
            self.reload()
            return self.render(revoke_form=form, status=error_status(error))
        messages.success(request, _("The approval has been revoked; the group is told why."))
        return HttpResponseRedirect(reverse("collaboration:staff-endorsement", args=[self.endorsement.pk]))


# The conditions every endorsed or co-hosted event accepts (shown on the request form and page).
CONDITIONS_TEMPLATE = "collaboration/endorsements/_conditions.html"
