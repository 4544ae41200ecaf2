"""A person's booking pages: book a resource (with a fee preview), my bookings, one
booking, cancel, attendance, and the bookings calendar (iCalendar)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView
from icalendar import Event as ICalEvent

from facilities import booking_rules, services
from facilities.availability import FacilityCalendar
from facilities.forms import AttendanceForm, BookingForm, CancelForm, CounterBookingForm
from facilities.models import (
    Booking,
    BookingFeedToken,
    BookingStatus,
    EntryStatus,
    ReductionRule,
    Resource,
    Surcharge,
)
from facilities.permissions import booking_policy, can_manage_facility, entry_policy
from facilities.views.public import get_resource_or_404
from portal import ical
from portal.dates import SCHEDULE, parse_query_date, wareki
from portal.forms import form_errors_from
from portal.models import SiteConfiguration
from portal.pdf import Notice, pdf_response
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status, is_stale

__all__ = [
    "BookingAttendanceView",
    "BookingCancelView",
    "BookingCreateView",
    "BookingDetailView",
    "BookingFeedView",
    "BookingPermitPdfView",
    "BookingPermitView",
    "FeedTokenResetView",
    "MyBookingsView",
    "free_slot_keys",
    "reductions_for",
]


def reductions_for(facility: Any) -> Any:
    from django.db.models import Q

    return ReductionRule.objects.filter(Q(facility__isnull=True) | Q(facility=facility), is_active=True)


def free_slot_keys(resource: Resource, slots: list[Any], now: datetime.datetime) -> set[str]:
    if not slots:
        return set()
    taken = list(
        Booking.objects.active()
        .filter(resource=resource)
        .overlapping(slots[0].starts_at, slots[-1].ends_at)
        .values_list("starts_at", "ends_at", "quantity")
    )
    free = set()
    for slot in slots:
        if resource.is_room and slot.starts_at <= now:
            continue
        used = sum(q for s, e, q in taken if s < slot.ends_at and e > slot.starts_at)
        if used + 1 <= resource.stock:
            free.add(slot.key)
    return free


class ResourceScopedMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_resource(self) -> Resource:
        if not hasattr(self, "_resource"):
            self._resource = get_resource_or_404(self.kwargs["slug"], self.kwargs["resource"])
        return self._resource


class BookingCreateView(LoginRequiredMixin, ResourceScopedMixin, TemplateView):
    """Book one day of a resource (?date=YYYY-MM-DD&slot=HH:MM). The first submit
    shows the fee (action=preview); the second books (action=confirm)."""

    template_name = "facilities/booking_form.html"
    form_class: type[BookingForm] = BookingForm
    staff_entry = False

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.staff_entry and not can_manage_facility(request.user, self.get_resource().facility):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def use_date(self) -> datetime.date | None:
        return parse_query_date(self.request.POST.get("date") or self.request.GET.get("date"), SCHEDULE)

    def groups(self) -> list[Any]:
        from groups.permissions import bookable_groups

        return list(bookable_groups(self.request.user))

    def build_form(self, day: Any, data: Any = None) -> BookingForm:
        resource = self.get_resource()
        initial = {"slots": [self.request.GET.get("slot", "")]}
        kwargs: dict[str, Any] = {
            "resource": resource,
            "slots": day.slots,
            "free_keys": free_slot_keys(resource, day.slots, timezone.now()),
            "surcharges": Surcharge.objects.filter(facility=resource.facility, is_active=True),
            "reductions": reductions_for(resource.facility),
            "initial": initial,
        }
        if not self.staff_entry:
            kwargs["groups"] = self.groups()
        return self.form_class(data, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        use_date = self.use_date()
        if use_date is None:
            return self.render_to_response(self.get_context_data(date_error=True), status=400)
        day = FacilityCalendar(self.get_resource().facility, use_date, use_date, resource=self.get_resource()).day(
            use_date
        )
        return self.render_to_response(self.get_context_data(day=day, form=self.build_form(day)))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        use_date = self.use_date()
        if use_date is None:
            return self.render_to_response(self.get_context_data(date_error=True), status=400)
        resource = self.get_resource()
        day = FacilityCalendar(resource.facility, use_date, use_date, resource=resource).day(use_date)
        form = self.build_form(day, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(day=day, form=form), status=400)
        try:
            target = self.booker(form)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(day=day, form=form), status=400)
        if request.POST.get("action") != "confirm":
            # The same rules the booking service applies under its lock: the preview
            # shows their errors, and a fee with a confirm button only when none.
            decision = booking_rules.decide(self.rule_request(form, use_date, target))
            if not decision.ok:
                form_errors_from(decision.error, form)
                return self.render_to_response(self.get_context_data(day=day, form=form), status=400)
            context = self.get_context_data(day=day, form=form, quote=decision.quote, preview=True)
            return self.render_to_response(context)
        data = form.cleaned_data
        try:
            booking = services.booking_create(
                actor=request.user,
                resource=resource,
                use_date=use_date,
                slot_keys=data.get("slots") or [],
                purpose=data["purpose"],
                expected_people=data["expected_people"],
                surcharges=data["surcharges"],
                reduction_rule=data["reduction_rule"],
                reduction_reason=data["reduction_reason"],
                quantity=data.get("quantity") or 1,
                days=data.get("days") or 1,
                **target,
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(day=day, form=form), status=400)
        if booking.status == BookingStatus.PENDING:
            messages.warning(request, _("Your booking has been received and awaits approval by the staff."))
        else:
            messages.success(request, _("Your booking is confirmed."))
        return HttpResponseRedirect(self.success_url(booking))

    def success_url(self, booking: Booking) -> str:
        return booking.get_absolute_url()

    def booker(self, form: BookingForm) -> dict[str, Any]:
        """The service's group/person/department arguments for the chosen booker."""
        group_id = form.booker_group_id()
        if group_id is None:
            return {}
        group = next((g for g in self.groups() if g.pk == group_id), None)
        if group is None:
            raise ValidationError({"booker": _("Choose one of your registered groups.")})
        return {"group": group}

    def rule_request(
        self, form: BookingForm, use_date: datetime.date, target: dict[str, Any]
    ) -> booking_rules.BookingRequest:
        """The booking the form asks for, as the rules module sees it."""
        data = form.cleaned_data
        group, department = target.get("group"), target.get("department")
        person = None if (group or department) else (target.get("person") or self.request.user)
        return booking_rules.BookingRequest(
            resource=self.get_resource(),
            use_date=use_date,
            booker=booking_rules.Booker(group=group, department=department, person=person),
            slot_keys=data.get("slots") or [],
            expected_people=data["expected_people"],
            quantity=data.get("quantity") or 1,
            days=data.get("days") or 1,
            surcharges=list(data["surcharges"]),
            reduction_rule=data["reduction_rule"],
            reduction_reason=data["reduction_reason"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        resource = self.get_resource()
        context.update(
            resource=resource,
            facility=resource.facility,
            use_date=self.use_date(),
            staff_entry=self.staff_entry,
            policy=resource.effective_policy,
        )
        return context


class CounterBookingView(BookingCreateView):
    """窓口代行入力: staff of the facility enter a booking for a group, a person or a
    city department, received at the counter or by telephone."""

    form_class = CounterBookingForm
    staff_entry = True

    def booker(self, form: BookingForm) -> dict[str, Any]:
        from groups.models import CommunityGroup
        from portal.models import User

        data = form.cleaned_data
        target: dict[str, Any] = {"channel": data["channel"]}
        if data.get("group_name"):
            name = data["group_name"].strip()
            group = CommunityGroup.objects.registered().filter(name=name).first()
            if group is None:
                raise ValidationError({"group_name": _("No registered group has exactly this name.")})
            target["group"] = group
        elif data.get("person_email"):
            person = User.objects.filter(email__iexact=data["person_email"].strip(), is_active=True).first()
            if person is None:
                raise ValidationError({"person_email": _("No account has this e-mail address.")})
            target["person"] = person
        else:
            target["department"] = data["department"]
        return target

    def success_url(self, booking: Booking) -> str:
        return reverse("facilities:staff-booking", args=[booking.pk])


class MyBookingsView(LoginRequiredMixin, ListView):
    """/bookings/: the person's and their groups' bookings (upcoming, or ?show=past),
    lottery entries, and the calendar address."""

    template_name = "facilities/my_bookings.html"
    context_object_name = "bookings"
    paginate_by = 30

    def get_queryset(self) -> Any:
        today = timezone.localdate()
        qs = Booking.objects.of_user(self.request.user).for_list()
        if self.request.GET.get("show") == "past":
            return qs.filter(use_date__lt=today).order_by("-starts_at", "-pk")
        return qs.filter(use_date__gte=today).order_by("starts_at", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        token = BookingFeedToken.objects.filter(user=user).first()
        entries = (
            entry_policy.visible_to(user)
            .exclude(status=EntryStatus.WITHDRAWN)
            .filter(use_date__gte=timezone.localdate())
            .select_related("round", "resource__facility", "division", "group")
            .order_by("starts_at", "pk")[:100]
        )
        context.update(
            show_past=self.request.GET.get("show") == "past",
            entries=entries,
            feed_url=self.request.build_absolute_uri(reverse("facilities:feed", args=[token.token])) if token else "",
            now=timezone.now(),
        )
        return context


class BookingScopedMixin(PolicyObjectMixin):
    """The booking from `BookingPolicy.visible_to(user)` (its party and the facility's
    staff): 404 otherwise; 403 when visible but `policy_action` is not allowed."""

    policy = booking_policy
    login_required = True

    def get_policy_queryset(self) -> Any:
        return Booking.objects.for_detail()

    def get_booking(self) -> Booking:
        return self.get_policy_object()


class BookingDetailView(BookingScopedMixin, TemplateView):
    template_name = "facilities/booking_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        booking, user, now = self.get_booking(), self.request.user, timezone.now()
        can = booking_policy.permissions_for(user, booking)
        party = can["act"]
        deadline = services.cancellation_deadline(booking)
        context.update(
            booking=booking,
            surcharges=list(booking.surcharges.all()),
            is_party=party,
            deadline=deadline,
            can_cancel=party and booking.is_active and booking.starts_at > now and timezone.localdate() <= deadline,
            can_record_attendance=can["attend"]
            and booking.status == BookingStatus.CONFIRMED
            and booking.starts_at <= now,
            cancel_form=kwargs.get("cancel_form") or CancelForm(initial={"seen_status": booking.status}),
            attendance_form=kwargs.get("attendance_form")
            or AttendanceForm(initial={"people": booking.actual_people or booking.expected_people}),
            refund_if_cancelled=services.refund_for(booking, "user", timezone.localdate()),
        )
        return context


class BookingPermitView(BookingScopedMixin, TemplateView):
    """使用許可書: a printable permit for a confirmed booking (the booker shows it at the
    counter; staff print it for counter bookings)."""

    template_name = "facilities/permit.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        booking = self.get_booking()
        if booking.status != BookingStatus.CONFIRMED:
            raise Http404
        context.update(
            booking=booking,
            surcharges=list(booking.surcharges.all()),
            number=f"{booking.use_date:%Y}-{booking.pk:06d}",
            issued=timezone.localdate(),
            site_config=SiteConfiguration.get_solo(),
            deadline=services.cancellation_deadline(booking),
            policy=booking.resource.effective_policy,
        )
        return context


WEEKDAYS_JA = "月火水木金土日"


def permit_notice(booking: Booking, issued: datetime.date) -> Notice:
    """The 使用許可書 of a confirmed booking as an official notice (the same facts as
    the printable page), issued by the facility in the city's name."""
    facility, config = booking.resource.facility, SiteConfiguration.get_solo()
    starts, ends = timezone.localtime(booking.starts_at), timezone.localtime(booking.ends_at)
    when = f"{wareki(starts.date())}（{WEEKDAYS_JA[starts.weekday()]}） {starts:%H:%M}～"
    when += f"{ends:%H:%M}" if ends.date() == starts.date() else f"{wareki(ends.date())} {ends:%H:%M}"
    room = booking.resource.name + (f" × {booking.quantity}" if booking.quantity > 1 else "")
    with translation.override("ja"):
        fee = f"{booking.fee:,}円（{booking.get_payment_status_display()}）"
        if booking.fee_reduction:
            fee += f"\n減免 −{booking.fee_reduction:,}円"
            if booking.reduction_rule:
                fee += f"：{booking.reduction_rule.name}"
        for surcharge in booking.surcharges.all():
            fee += f"\n＋ {surcharge.name}"
    deadline = services.cancellation_deadline(booking)
    return Notice(
        title="使用許可書",
        number=f"第{booking.use_date:%Y}-{booking.pk:06d}号",
        date=issued,
        addressee=f"{booking.booker_name} 様",
        sender=[config.city_name, facility.name, *([f"電話 {facility.phone}"] if facility.phone else [])],
        body=[f"{facility.name}の使用を次のとおり許可します。"],
        rows=[
            ("施設", facility.name),
            ("使用する部屋等", room),
            ("使用日時", when),
            ("使用目的", booking.purpose),
            ("利用予定人数", f"{booking.expected_people}人"),
            ("使用料", fee),
        ],
        closing=[
            "（許可の条件）",
            "1 来館時に、この許可書を窓口に提示してください。",
            f"2 {wareki(deadline)}までは、オンラインで取り消すことができます。以後は施設に連絡してください。",
            "3 申請した目的以外の使用や、施設を閉める必要があるとき（暴風警報など）は、許可を取り消すことがあります。",
        ],
    )


class BookingPermitPdfView(BookingScopedMixin, View):
    """The 使用許可書 as a PDF download (same rule as the printable page)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        booking = self.get_booking()
        if booking.status != BookingStatus.CONFIRMED:
            raise Http404
        notice = permit_notice(booking, timezone.localdate())
        return pdf_response(f"使用許可書-{booking.use_date:%Y}-{booking.pk:06d}.pdf", notice)


class BookingCancelView(BookingDetailView):
    policy_action = "act"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        booking = self.get_booking()
        form = CancelForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Please check the reason."))
            services.booking_cancel(
                booking=booking,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_status=form.cleaned_data["seen_status"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if is_stale(error):  # the page again as it is now
                return self.render_to_response(self.get_context_data(), status=error_status(error))
            return self.render_to_response(self.get_context_data(cancel_form=form), status=400)
        messages.success(request, _("The booking has been cancelled."))
        return HttpResponseRedirect(booking.get_absolute_url())


class BookingAttendanceView(BookingDetailView):
    policy_action = "attend"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        booking = self.get_booking()
        form = AttendanceForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Enter the number of people who came."))
            services.booking_record_attendance(booking=booking, actor=request.user, people=form.cleaned_data["people"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(attendance_form=form), status=400)
        messages.success(request, _("Attendance recorded. Thank you."))
        return HttpResponseRedirect(booking.get_absolute_url())


class FeedTokenResetView(LoginRequiredMixin, View):
    """Create (or replace, revoking the old one) the address of the bookings calendar."""

    def post(self, request: HttpRequest) -> HttpResponse:
        import uuid

        BookingFeedToken.objects.update_or_create(user=request.user, defaults={"token": uuid.uuid4()})
        messages.success(request, _("Your calendar address has been created. Any earlier address no longer works."))
        return HttpResponseRedirect(reverse("facilities:my-bookings"))


class BookingFeedView(View):
    """The person's bookings as iCalendar, for calendar apps (address holds a secret)."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        feed = get_object_or_404(BookingFeedToken.objects.select_related("user"), token=token)
        if not feed.user.is_active:
            raise Http404
        since = timezone.localdate() - datetime.timedelta(days=90)
        bookings = (
            Booking.objects.of_user(feed.user)
            .filter(use_date__gte=since)
            .exclude(status=BookingStatus.REJECTED)
            .select_related("resource__facility")
            .order_by("starts_at")[:1000]
        )
        calendar = ical.calendar_new(name=_("Bookings"), key=f"bookings/{feed.user_id}")
        host = request.get_host().split(":")[0]
        for booking in bookings:
            item = ICalEvent.new(
                uid=f"booking-{booking.pk}@{host}",
                summary=f"{booking.resource.facility.localized('name')} {booking.resource.localized('name')}",
                description=booking.purpose,
                start=timezone.localtime(booking.starts_at),
                end=timezone.localtime(booking.ends_at),
                location=booking.resource.facility.address,
                url=request.build_absolute_uri(booking.get_absolute_url()),
                stamp=booking.updated_at,  # the same data, the same document
                last_modified=booking.updated_at,
            )
            item.add("status", "CANCELLED" if booking.status == BookingStatus.CANCELLED else "CONFIRMED")
            calendar.add_component(item)
        return ical.calendar_response(calendar, filename="bookings.ics")
