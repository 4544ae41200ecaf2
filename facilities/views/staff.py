"""Staff pages: centre staff manage only their facility, city staff every facility.
Approvals, counter bookings, closures, payments and refunds, attendance, booking
rules, lottery draws, and the occupancy report (page and CSV)."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import slug_unicode_re
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from facilities import reports, services
from facilities.forms import (
    AttendanceForm,
    ClosureForm,
    DecisionForm,
    LotteryRoundForm,
    OccupancyForm,
    PaymentForm,
    PolicyForm,
    RefundForm,
    StaffCancelForm,
)
from facilities.models import (
    Booking,
    BookingStatus,
    CancellationKind,
    Closure,
    Facility,
    LotteryRound,
    PaymentStatus,
    Resource,
    RoundStatus,
)
from facilities.permissions import (
    booking_policy,
    facility_policy,
    is_facility_staff,
    managed_facility_ids,
    round_policy,
)
from facilities.services.lottery import round_verify
from portal.csv import csv_response
from portal.dates import fiscal_year, fiscal_year_label
from portal.filters import PortalFilterSet
from portal.forms import SeenStatusForm, form_errors_from
from portal.listing import FilteredListMixin
from portal.pagination import IdListPaginator
from portal.permissions import RoleRequiredMixin
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status, is_stale

__all__ = [
    "ClosureView",
    "LotteryRoundCreateView",
    "OccupancyCsvView",
    "OccupancyView",
    "PolicyEditView",
    "StaffBookingListView",
    "StaffBookingView",
    "StaffFacilitiesView",
    "StaffLotteryView",
]


def managed_facilities(user: Any) -> Any:
    ids = managed_facility_ids(user)
    qs = Facility.objects.filter(is_active=True).select_related("policy").order_by("order", "pk")
    return qs if ids is None else qs.filter(pk__in=ids)


class FacilityStaffRequiredMixin(RoleRequiredMixin):
    def has_role(self, user: Any) -> bool:
        return is_facility_staff(user)


class FacilityStaffObjectMixin(PolicyObjectMixin):
    """Staff-area pages about one object: facility staff only (403 for everyone else),
    then the object from the policy (404 when not visible, 403 when not managed)."""

    login_required = True
    policy_action = "manage"

    def has_role(self, user: Any) -> bool:
        return is_facility_staff(user)


class ManagedFacilityMixin(FacilityStaffObjectMixin):
    """The facility of the URL; 403 unless the user manages it."""

    policy = facility_policy
    lookup_kwarg = lookup_field = "slug"

    def get_policy_queryset(self) -> Any:
        return Facility.objects.select_related("policy")

    def get_facility(self) -> Facility:
        return self.get_policy_object()


class StaffFacilitiesView(FacilityStaffRequiredMixin, TemplateView):
    template_name = "facilities/staff/facilities.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        # Counted per facility on the (status, resource) index: a join of every booking
        # grouped by facility read the whole bookings table (135 ms at city scale).
        pending = (
            Booking.objects.filter(resource__facility=OuterRef("pk"), status=BookingStatus.PENDING)
            .order_by()
            .values("resource__facility")
            .annotate(n=Count("pk"))
            .values("n")
        )
        facilities = list(managed_facilities(self.request.user).annotate(pending=Coalesce(Subquery(pending), 0)))
        context.update(
            facilities=facilities,
            today_bookings=Booking.objects.active()
            .filter(use_date=today, resource__facility__in=facilities)
            .for_list()
            .order_by("starts_at", "pk")[:100],
            rounds=LotteryRound.objects.filter(facility__in=facilities, use_month__gte=today.replace(day=1))
            .select_related("facility")
            .order_by("use_month", "pk"),
            fiscal_year=fiscal_year(today),
        )
        return context


class StaffBookingFilter(PortalFilterSet):
    start = django_filters.DateFilter(label=gettext_lazy("From"), field_name="use_date", lookup_expr="gte")
    end = django_filters.DateFilter(label=gettext_lazy("Until"), field_name="use_date", lookup_expr="lte")
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=BookingStatus.choices)
    payment = django_filters.ChoiceFilter(
        label=gettext_lazy("Payment"), field_name="payment_status", choices=PaymentStatus.choices
    )
    resource = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Room or item"), to_field_name="slug", queryset=Resource.objects.none()
    )

    class Meta:
        model = Booking
        fields: list[str] = []

    def __init__(self, *args: Any, facility: Facility, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["resource"].queryset = Resource.objects.filter(facility=facility)


class StaffBookingListView(ManagedFacilityMixin, FilteredListMixin, ListView):
    template_name = "facilities/staff/booking_list.html"
    context_object_name = "bookings"
    paginate_by = 50
    filterset_class = StaffBookingFilter
    # The ordered ids of every match, then the page's rows with what they show: sorting
    # the joined rows of a busy facility's months took 8 of 10 ms at city scale.
    paginator_class = IdListPaginator

    def get_queryset(self) -> Any:
        base = self.get_base_queryset()
        self.filterset = StaffBookingFilter(self.request.GET or None, queryset=base, facility=self.get_facility())
        if self.filters_invalid:
            return base.none()
        return self.filterset.qs.order_by("starts_at", "pk")

    def get_base_queryset(self) -> Any:
        qs = Booking.objects.filter(resource__facility=self.get_facility()).for_list()
        if not self.request.GET:
            qs = qs.filter(use_date__gte=timezone.localdate())
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        facility = self.get_facility()
        context.update(
            facility=facility,
            resources=Resource.objects.filter(facility=facility, is_active=True),
            pending=Booking.objects.filter(resource__facility=facility, status=BookingStatus.PENDING)
            .for_list()
            .order_by("starts_at")[:50],
        )
        return context


class StaffBookingView(FacilityStaffObjectMixin, TemplateView):
    """One booking for staff: approve or reject, record payment, refund and attendance,
    cancel (the booker is told). A booking of a facility the user does not manage is a
    404, as on the booking's own page."""

    template_name = "facilities/staff/booking_detail.html"
    actions = ("decide", "pay", "refund", "attendance", "cancel")
    policy = booking_policy
    # The context name of each action's form (the template renders these).
    form_names = {
        "decide": "decision_form",
        "pay": "payment_form",
        "refund": "refund_form",
        "attendance": "attendance_form",
        "cancel": "cancel_form",
    }

    def get_policy_queryset(self) -> Any:
        return Booking.objects.for_detail()

    def get_booking(self) -> Booking:
        return self.get_policy_object()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        booking, now = self.get_booking(), timezone.now()
        context.update(
            booking=booking,
            surcharges=list(booking.surcharges.all()),
            decision_form=kwargs.get("decision_form") or DecisionForm(initial={"seen_status": booking.status}),
            payment_form=kwargs.get("payment_form") or PaymentForm(initial={"seen_status": booking.payment_status}),
            refund_form=kwargs.get("refund_form") or RefundForm(initial={"seen_status": booking.payment_status}),
            attendance_form=kwargs.get("attendance_form")
            or AttendanceForm(initial={"people": booking.actual_people or booking.expected_people}),
            cancel_form=kwargs.get("cancel_form") or StaffCancelForm(initial={"seen_status": booking.status}),
            refund_if_cancelled=services.refund_for(booking, CancellationKind.STAFF, timezone.localdate()),
            has_begun=booking.starts_at <= now,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        booking = self.get_booking()
        action = request.POST.get("action")
        if action not in self.actions:
            messages.error(request, _("Unknown action."))
            return self.render_to_response(self.get_context_data(), status=400)
        form_class = {
            "decide": DecisionForm,
            "pay": PaymentForm,
            "refund": RefundForm,
            "attendance": AttendanceForm,
            "cancel": StaffCancelForm,
        }[action]
        form = form_class(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Please check the form."))
            data = form.cleaned_data
            seen = data.get("seen_status")
            if action == "decide":
                services.booking_decide(
                    booking=booking,
                    actor=request.user,
                    approve=data["decision"] == "approve",
                    note=data["note"],
                    expected_status=seen,
                )
            elif action == "pay":
                services.booking_record_payment(
                    booking=booking, actor=request.user, method=data["method"], expected_payment_status=seen
                )
            elif action == "refund":
                services.booking_record_refund(booking=booking, actor=request.user, expected_payment_status=seen)
            elif action == "attendance":
                services.booking_record_attendance(booking=booking, actor=request.user, people=data["people"])
            else:
                services.booking_cancel(
                    booking=booking,
                    actor=request.user,
                    kind=CancellationKind.STAFF,
                    reason=data["reason"],
                    expected_status=seen,
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if is_stale(error):  # the page again as it is now, with fresh forms
                return self.render_to_response(self.get_context_data(), status=error_status(error))
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(**{self.form_names[action]: form}), status=400)
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(reverse("facilities:staff-booking", args=[booking.pk]))


class ClosureView(ManagedFacilityMixin, TemplateView):
    """Closures of a facility; declaring one cancels the bookings it covers and tells
    every affected booker."""

    template_name = "facilities/staff/closures.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        facility = self.get_facility()
        context.update(
            facility=facility,
            closures=Closure.objects.filter(
                facility=facility, ends_on__gte=timezone.localdate() - datetime.timedelta(days=90)
            )
            .select_related("resource")
            .order_by("starts_on"),
            form=kwargs.get("form") or ClosureForm(facility=facility),
        )
        return context

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        facility = self.get_facility()
        form = ClosureForm(request.POST, facility=facility)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            _closure, cancelled = services.closure_create(
                facility=facility,
                actor=request.user,
                resource=data["resource"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                reason=data["reason"],
                reason_en=data["reason_en"],
                is_emergency=data["is_emergency"],
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            request,
            _("The closure has been declared. %(count)s bookings were cancelled and their bookers told.")
            % {"count": len(cancelled)},
        )
        return HttpResponseRedirect(reverse("facilities:staff-closures", args=[facility.slug]))


class PolicyEditView(ManagedFacilityMixin, TemplateView):
    """The facility's booking rules, or (?resource=<slug>) one resource's own rules."""

    template_name = "facilities/staff/policy.html"

    def get_resource(self) -> Resource | None:
        slug = self.request.GET.get("resource") or self.request.POST.get("resource")
        if not slug:
            return None
        if not slug_unicode_re.match(slug):  # e.g. a NUL byte, which PostgreSQL refuses outright
            raise Http404(_("There is no such room or item."))
        return get_object_or_404(Resource.objects.select_related("policy"), facility=self.get_facility(), slug=slug)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        facility, resource = self.get_facility(), self.get_resource()
        instance = (resource.policy if resource else None) or facility.policy
        context.update(
            facility=facility,
            resource=resource,
            resources=Resource.objects.filter(facility=facility).order_by("kind", "order", "pk"),
            form=kwargs.get("form") or PolicyForm(instance=instance),
        )
        return context

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        facility, resource = self.get_facility(), self.get_resource()
        target = reverse("facilities:staff-policy", args=[facility.slug])
        if resource is not None and request.POST.get("action") == "clear":
            services.policy_clear(resource=resource, actor=request.user)
            messages.success(request, _("The resource follows the facility's rules again."))
            return HttpResponseRedirect(target)
        form = PolicyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.policy_update(facility=facility, actor=request.user, data=form.cleaned_data, resource=resource)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("The booking rules have been saved."))
        return HttpResponseRedirect(target + (f"?resource={resource.slug}" if resource else ""))


class LotteryRoundCreateView(ManagedFacilityMixin, TemplateView):
    """Set up a lottery round for the facility's lottery rooms."""

    template_name = "facilities/staff/lottery_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        facility = self.get_facility()
        form = kwargs.get("form") or LotteryRoundForm(
            facility=facility, initial=LotteryRoundForm.suggested(timezone.localdate())
        )
        context.update(facility=facility, form=form)
        return context

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        facility = self.get_facility()
        form = LotteryRoundForm(request.POST, facility=facility)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            round_ = services.round_create(facility=facility, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("The lottery has been set up."))
        return HttpResponseRedirect(reverse("facilities:staff-lottery", args=[round_.pk]))


class StaffLotteryView(FacilityStaffObjectMixin, TemplateView):
    """Run, review (recompute from the seed) and publish a lottery draw."""

    template_name = "facilities/staff/lottery.html"
    policy = round_policy

    def get_policy_queryset(self) -> Any:
        return LotteryRound.objects.select_related("facility")

    def get_round(self) -> LotteryRound:
        return self.get_policy_object()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        round_ = self.get_round()
        entries = list(
            round_.entries.select_related("resource", "division", "group", "user").order_by(
                "starts_at", "resource_id", "rank", "pk"
            )
        )
        context.update(
            round=round_,
            entries=entries,
            phase=round_.phase(),
            verified=kwargs.get("verified"),
            can_draw=round_.status == RoundStatus.PLANNED and timezone.now() >= round_.draw_at,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        round_ = self.get_round()
        action = request.POST.get("action")
        form = SeenStatusForm(request.POST, choices=RoundStatus.choices)
        try:
            if not form.is_valid():
                raise ValidationError(_("Please check the form."))
            seen = form.cleaned_data["seen_status"]
            if action == "draw":
                services.round_draw(round_=round_, actor=request.user, expected_status=seen)
                messages.success(request, _("The lottery has been drawn. Review the results, then publish them."))
            elif action == "publish":
                services.round_publish(round_=round_, actor=request.user, expected_status=seen)
                messages.success(request, _("The results have been published and every applicant told by e-mail."))
            elif action == "verify":
                return self.render_to_response(self.get_context_data(verified=round_verify(round_)))
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(), status=error_status(error))
        return HttpResponseRedirect(reverse("facilities:staff-lottery", args=[round_.pk]))


class OccupancyMixin(FacilityStaffRequiredMixin):
    request: HttpRequest

    def report(self) -> tuple[OccupancyForm, list[reports.FacilityReport] | None, int]:
        facilities = list(managed_facilities(self.request.user).prefetch_related("opening_hours", "divisions"))
        data = self.request.GET.copy()
        data.setdefault("year", str(fiscal_year(timezone.localdate())))
        form = OccupancyForm(data, facilities=facilities)
        if not form.is_valid():
            return form, None, 0
        chosen = [f for f in facilities if not form.cleaned_data["facility"] or f.slug == form.cleaned_data["facility"]]
        year = form.cleaned_data["year"]
        return form, reports.occupancy(year, chosen), year


class OccupancyView(OccupancyMixin, TemplateView):
    template_name = "facilities/staff/occupancy.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, result, year = self.report()
        context = self.get_context_data(
            form=form,
            reports=result,
            year=year,
            year_label=fiscal_year_label(year) if result is not None else "",
            query=request.GET.urlencode(),
        )
        return self.render_to_response(context, status=200 if result is not None else 400)


class OccupancyCsvView(OccupancyMixin, TemplateView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, result, year = self.report()
        if result is None:
            return HttpResponse(" ".join(str(e) for e in form.errors.values()), status=400, content_type="text/plain")
        response, writer = csv_response(f"occupancy-{year}.csv")
        writer.writerow(
            [
                _("Fiscal year"),
                _("Facility"),
                _("Room"),
                _("Month"),
                _("Days"),
                _("Available slots"),
                _("Booked slots"),
                _("Occupancy (%)"),
                _("Bookings"),
                _("People who came"),
            ]
        )
        for facility_report in result:
            for item in facility_report.resources:
                for (month, weekend), tally in sorted(item.rows.items()):
                    writer.writerow(
                        [
                            year,
                            facility_report.facility.name,
                            item.resource.name,
                            month.strftime("%Y-%m"),
                            _("Weekends and holidays") if weekend else _("Weekdays"),
                            tally.available,
                            tally.booked,
                            "" if tally.rate is None else tally.rate,
                            tally.bookings,
                            tally.people,
                        ]
                    )
        return response
