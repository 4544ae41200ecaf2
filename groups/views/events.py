"""Event pages: list and month calendar, detail, sign-up, posting, participants,
CSV export and iCalendar."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from groups import calendar_utils, event_badges, ical, permissions, services
from groups.filters import EventFilter
from groups.forms import DepartmentEventForm, EventCancelForm, EventForm, SignupForm
from groups.models import Event, EventRegistration, RegistrationStatus
from groups.views.registration import GroupScopedMixin
from portal.csv import csv_response
from portal.forms import form_errors_from
from portal.listing import FilteredListMixin
from portal.models import Department
from portal.pagination import IdListPaginator
from portal.permissions import is_city_staff, is_superuser, staff_department_ids
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status, is_stale

__all__ = [
    "DepartmentEventCreateView",
    "EventCancelView",
    "EventDetailView",
    "EventEditView",
    "EventFeedView",
    "EventIcsView",
    "EventListView",
    "EventParticipantsCsvView",
    "EventParticipantsView",
    "EventSignupCancelView",
    "EventSignupView",
    "GroupEventCreateView",
]

FEED_LIMIT = 500


def _filtered_events(request: HttpRequest, queryset: Any) -> tuple[EventFilter, Any]:
    filterset = EventFilter(request.GET or None, queryset=queryset)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, Event.objects.none()
    return filterset, filterset.qs


class EventListView(FilteredListMixin, ListView):
    """Upcoming events as a list, or one month as a calendar (?month=YYYY-MM)."""

    template_name = "groups/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    filterset_class = EventFilter

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.month = calendar_utils.parse_month(request.GET.get("month"))
        month_invalid = bool(request.GET.get("month")) and self.month is None
        if month_invalid:
            messages.error(request, _("Give a month between 2000-01 and 2100-12, written as YYYY-MM."))
        response = super().get(request, *args, **kwargs)
        if month_invalid:
            response.status_code = 400
        return response

    def get_paginator(self, queryset: Any, per_page: int, **kwargs: Any) -> Any:
        if self.request.GET.get("q"):
            return IdListPaginator(queryset, per_page, **kwargs)
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_paginate_by(self, queryset: Any) -> int | None:
        return None if self.month else self.paginate_by

    def get_base_queryset(self) -> Any:
        if self.month:
            start, end = calendar_utils.month_bounds(self.month)
            return Event.objects.published().between(start, end).only("pk", "title", "title_en", "starts_at", "ends_at")
        return Event.objects.upcoming().for_list()

    def get_queryset(self) -> Any:
        return super().get_queryset().order_by("starts_at", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("month", None)
        context.update(
            query_string=query.urlencode(),
            month=self.month,
            hidden_fields=[("month", self.month.strftime("%Y-%m"))] if self.month else [],
        )
        context["feed_url"] = reverse("groups:event-feed") + (f"?{query.urlencode()}" if query else "")
        if self.month:
            # What each day holds, read in three queries however busy the month is.
            context["weeks"] = calendar_utils.month_weeks_from_queryset(self.month, context["events"])
            context["month_has_events"] = any(day["count"] for week in context["weeks"] for day in week)
            context["previous_month"] = calendar_utils.shift_month(self.month, -1)
            context["next_month"] = calendar_utils.shift_month(self.month, 1)
        else:
            context["this_month"] = timezone.localdate().replace(day=1)
        return context


class EventScopedMixin(PolicyObjectMixin):
    policy = permissions.event_policy

    def get_policy_queryset(self) -> Any:
        return Event.objects.select_related("group", "department", "area").prefetch_related("fields")

    def get_event(self) -> Event:
        return self.get_policy_object()


class EventDetailView(EventScopedMixin, DetailView):
    template_name = "groups/event_detail.html"
    context_object_name = "event"

    def get_object(self, queryset: Any = None) -> Event:
        return self.get_event()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        event, user = self.object, self.request.user
        counts = {RegistrationStatus.CONFIRMED: 0, RegistrationStatus.WAITLISTED: 0}
        for status in event.registrations.filter(status__in=list(counts)).values_list("status", flat=True):
            counts[status] += 1
        context.update(
            confirmed_count=counts[RegistrationStatus.CONFIRMED],
            waiting_count=counts[RegistrationStatus.WAITLISTED],
            places_left=None
            if event.capacity is None
            else max(event.capacity - counts[RegistrationStatus.CONFIRMED], 0),
            signup_open=event.signup_is_open(),
            my_registration=event.registrations.filter(user=user, status__in=["confirmed", "waitlisted"]).first()
            if user.is_authenticated
            else None,
            can_manage=permissions.can_manage_event(user, event),
            signup_form=kwargs.get("signup_form") or SignupForm(),
            badges=event_badges.badges_for([event.pk]).get(event.pk, []),
        )
        return context


class EventSignupView(LoginRequiredMixin, EventScopedMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.get_event()
        form = SignupForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Please check your message."))
            registration = services.registration_create(event=event, user=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            view = EventDetailView(request=request, kwargs={"pk": pk})
            view._event = event
            view.object = event
            return view.render_to_response(view.get_context_data(signup_form=form), status=400)
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are signed up."))
        else:
            messages.warning(
                request,
                _("The event is full. You are on the waiting list and will be told by e-mail if a place frees up."),
            )
        return HttpResponseRedirect(event.get_absolute_url())


class EventSignupCancelView(LoginRequiredMixin, EventScopedMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.get_event()
        registration = EventRegistration.objects.filter(
            event=event, user=request.user, status__in=["confirmed", "waitlisted"]
        ).first()
        if registration is None:
            raise Http404
        services.registration_cancel(registration=registration, actor=request.user)
        messages.success(request, _("Your sign-up has been cancelled."))
        return HttpResponseRedirect(event.get_absolute_url())


class EventFormMixin:
    template_name = "groups/event_form.html"
    request: HttpRequest

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)  # type: ignore[attr-defined]


class GroupEventCreateView(GroupScopedMixin, EventFormMixin, FormView):
    form_class = EventForm
    login_required = True
    policy_action = "post"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(organiser=self.get_group().name, **kwargs)

    def form_valid(self, form: EventForm) -> HttpResponse:
        try:
            event = services.event_create(
                actor=self.request.user,
                group=self.get_group(),
                data=form.service_data(),
                fields=form.cleaned_data["fields"],
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(self.request, _("The event has been published."))
        return HttpResponseRedirect(event.get_absolute_url())


class DepartmentEventCreateView(LoginRequiredMixin, EventFormMixin, FormView):
    form_class = DepartmentEventForm

    def departments(self) -> Any:
        if is_superuser(self.request.user):
            return Department.objects.filter(is_active=True)
        return Department.objects.filter(pk__in=staff_department_ids(self.request.user), is_active=True)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_city_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "departments": self.departments()}

    def form_valid(self, form: DepartmentEventForm) -> HttpResponse:
        try:
            event = services.event_create(
                actor=self.request.user,
                department=form.cleaned_data["department"],
                data=form.service_data(),
                fields=form.cleaned_data["fields"],
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(self.request, _("The event has been published."))
        return HttpResponseRedirect(event.get_absolute_url())


class OrganiserRequiredMixin(EventScopedMixin):
    login_required = True
    policy_action = "manage"


class EventEditView(OrganiserRequiredMixin, EventFormMixin, FormView):
    form_class = EventForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Event.objects.get(pk=self.get_event().pk)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        event = self.get_event()
        return super().get_context_data(event=event, organiser=event.organiser_name, **kwargs)

    def form_valid(self, form: EventForm) -> HttpResponse:
        event = self.get_event()
        try:
            services.event_update(
                event=event, actor=self.request.user, data=form.service_data(), fields=form.cleaned_data["fields"]
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(self.request, _("The event has been saved."))
        return HttpResponseRedirect(event.get_absolute_url())


class EventCancelView(OrganiserRequiredMixin, FormView):
    template_name = "groups/event_cancel.html"
    form_class = EventCancelForm

    def get_initial(self) -> dict[str, Any]:
        return {"seen_status": self.get_event().status}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(event=self.get_event(), **kwargs)

    def form_valid(self, form: EventCancelForm) -> HttpResponse:
        event = self.get_event()
        try:
            services.event_cancel(
                event=event, actor=self.request.user, expected_status=form.cleaned_data["seen_status"]
            )
        except ValidationError as error:
            if is_stale(error):  # the page again as it is now, with the message
                messages.error(self.request, " ".join(error.messages))
                fresh = EventCancelForm(initial=self.get_initial())
                return self.render_to_response(self.get_context_data(form=fresh), status=error_status(error))
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("The event has been cancelled and everyone signed up has been told."))
        return HttpResponseRedirect(event.get_absolute_url())


class EventParticipantsView(OrganiserRequiredMixin, TemplateView):
    template_name = "groups/event_participants.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        event = self.get_event()
        registrations = list(
            event.registrations.filter(status__in=["confirmed", "waitlisted"])
            .select_related("user")
            .order_by("created_at", "pk")
        )
        return super().get_context_data(
            event=event,
            confirmed=[r for r in registrations if r.status == RegistrationStatus.CONFIRMED],
            waiting=[r for r in registrations if r.status == RegistrationStatus.WAITLISTED],
            **kwargs,
        )


class EventParticipantsCsvView(OrganiserRequiredMixin, View):
    """The participant list as CSV that Excel opens correctly in Japanese (UTF-8 with
    a byte-order mark, CRLF line ends)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.get_event()
        response, writer = csv_response(f"participants-{event.pk}.csv")
        writer.writerow([_("No."), _("Status"), _("Name"), _("Furigana"), _("E-mail"), _("Signed up at"), _("Message")])
        registrations = (
            event.registrations.filter(status__in=["confirmed", "waitlisted"])
            .select_related("user")
            .order_by("created_at", "pk")
        )
        for number, registration in enumerate(registrations, start=1):
            writer.writerow(
                [
                    number,
                    registration.get_status_display(),
                    registration.user.full_name,
                    registration.user.full_name_kana,
                    registration.user.email,
                    timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                    registration.note,
                ]
            )
        return response


class EventIcsView(EventScopedMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = self.get_event()
        return ical.calendar_response([event], request=request, name=event.title, filename=f"event-{event.pk}.ics")


class EventFeedView(View):
    """A subscribable feed of upcoming events, taking the list's filters."""

    def get(self, request: HttpRequest) -> HttpResponse:
        since = timezone.now() - datetime.timedelta(days=30)
        filterset, queryset = _filtered_events(request, Event.objects.published().filter(ends_at__gte=since).for_list())
        if filterset.is_bound and not filterset.is_valid():
            details = [str(error) for errors in filterset.errors.values() for error in errors]
            text = " ".join([_("Invalid filter."), *details])
            return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
        events = list(queryset.order_by("starts_at", "pk")[:FEED_LIMIT])
        return ical.calendar_response(events, request=request, name=_("Events"), filename="events.ics")
