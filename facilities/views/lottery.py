"""Lottery pages: open rounds, a round with the entry form and its results, and a
winner's confirm / decline; withdrawing an entry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from facilities import booking_rules, services
from facilities.forms import LotteryConfirmForm, LotteryEntryForm
from facilities.models import EntryStatus, LotteryEntry, LotteryRound, RoundPhase, RoundStatus, Surcharge, TimeDivision
from facilities.permissions import entry_policy, round_policy
from facilities.views.bookings import reductions_for
from groups.permissions import bookable_groups
from portal.forms import SeenStatusForm, form_errors_from
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status, is_stale

__all__ = ["EntryConfirmView", "EntryDeclineView", "EntryWithdrawView", "LotteryDetailView", "LotteryListView"]


class LotteryListView(ListView):
    template_name = "facilities/lottery_list.html"
    context_object_name = "rounds"

    def get_queryset(self) -> Any:
        return (
            LotteryRound.objects.filter(use_month__gte=timezone.localdate().replace(day=1))
            .select_related("facility")
            .prefetch_related("resources")
            .order_by("use_month", "facility__order", "pk")
        )


def _my_groups(user: Any) -> list[Any]:
    return list(bookable_groups(user))


class LotteryDetailView(PolicyObjectMixin, TemplateView):
    template_name = "facilities/lottery_detail.html"
    policy = round_policy

    def get_policy_queryset(self) -> Any:
        return LotteryRound.objects.select_related("facility").prefetch_related("resources", "facility__divisions")

    def get_round(self) -> LotteryRound:
        return self.get_policy_object()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        round_, user = self.get_round(), self.request.user
        phase = round_.phase()
        groups = _my_groups(user)
        mine = list(
            entry_policy.visible_to(user, round_.entries.all())
            .exclude(status=EntryStatus.WITHDRAWN)
            .select_related("resource", "division", "group")
            .order_by("starts_at", "pk")
        )
        summary = []
        if round_.status == RoundStatus.PUBLISHED:
            summary = list(
                round_.entries.exclude(status=EntryStatus.WITHDRAWN)
                .values("resource__name", "use_date", "division__name")
                .annotate(entries=Count("id"))
                .order_by("use_date", "division__name", "resource__name")[:500]
            )
        form = kwargs.get("form")
        if form is None and phase == RoundPhase.ENTRIES and user.is_authenticated:
            form = LotteryEntryForm(round_=round_, groups=groups)
        context.update(
            round=round_,
            phase=phase,
            phases=RoundPhase,
            my_entries=mine,
            summary=summary,
            form=form,
            taking_entries=phase == RoundPhase.ENTRIES,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"{reverse('account_login')}?next={request.path}")
        round_ = self.get_round()
        groups = _my_groups(request.user)
        form = LotteryEntryForm(request.POST, round_=round_, groups=groups)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        group_id = form.booker_group_id()
        group = next((g for g in groups if g.pk == group_id), None)
        try:
            if group_id is not None and group is None:
                raise ValidationError({"booker": _("Choose one of your registered groups.")})
            services.entry_create(
                actor=request.user,
                round_=round_,
                resource=data["resource"],
                use_date=data["use_date"],
                division=get_object_or_404(TimeDivision, pk=data["division"], facility=round_.facility),
                purpose=data["purpose"],
                expected_people=data["expected_people"],
                group=group,
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Your entry has been received."))
        return HttpResponseRedirect(round_.get_absolute_url())


class EntryScopedMixin(PolicyObjectMixin):
    """A lottery entry of the user (or of one of their groups): 404 for anyone else."""

    policy = entry_policy
    policy_action = "act"
    login_required = True

    def get_policy_queryset(self) -> Any:
        return LotteryEntry.objects.select_related("round__facility", "resource__facility", "division", "group")

    def get_entry(self) -> LotteryEntry:
        return self.get_policy_object()


class EntryWithdrawView(EntryScopedMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = self.get_entry()
        try:
            services.entry_withdraw(entry=entry, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(entry.round.get_absolute_url(), status=303)
        messages.success(request, _("Your entry has been withdrawn."))
        return HttpResponseRedirect(entry.round.get_absolute_url())


class EntryDeclineView(EntryScopedMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = self.get_entry()
        form = SeenStatusForm(request.POST, choices=EntryStatus.choices)
        try:
            if not form.is_valid():
                raise ValidationError(_("Please check the form."))
            services.entry_decline(entry=entry, actor=request.user, expected_status=form.cleaned_data["seen_status"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if is_stale(error):  # the entry's page as it is now (EntryConfirmView's)
                view = EntryConfirmView(request=request, args=self.args, kwargs=self.kwargs)
                view._policy_object = entry
                return view.render_to_response(view.get_context_data(), status=error_status(error))
            return HttpResponseRedirect(reverse("facilities:my-bookings"), status=303)
        messages.success(request, _("You have declined the slot. It will open to others."))
        return HttpResponseRedirect(reverse("facilities:my-bookings"))


class EntryConfirmView(EntryScopedMixin, TemplateView):
    """当選確認: the winner sees the fee and books the slot they won."""

    template_name = "facilities/lottery_confirm.html"

    def build_form(self, data: Any = None) -> LotteryConfirmForm:
        facility = self.get_entry().round.facility
        return LotteryConfirmForm(
            data,
            surcharges=Surcharge.objects.filter(facility=facility, is_active=True),
            reductions=reductions_for(facility),
            initial={"seen_status": self.get_entry().status},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entry = self.get_entry()
        form = kwargs.get("form") or self.build_form()
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        can_confirm = entry.status == EntryStatus.WON and entry.round.phase() == RoundPhase.CONFIRMING
        decision = booking_rules.decide(
            booking_rules.entry_request(
                entry,
                surcharges=list(data.get("surcharges", [])),
                reduction_rule=data.get("reduction_rule"),
                reduction_reason=data.get("reduction_reason", ""),
            )
        )
        problems: list[str] = []
        if can_confirm and not decision.ok:
            if form.is_bound and not form.errors:
                form_errors_from(decision.error, form)
            elif not form.is_bound:
                problems = decision.error.messages
        context.update(
            entry=entry,
            form=form,
            can_confirm=can_confirm,
            rules_ok=decision.ok,
            problems=problems,
            quote=decision.quote,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = self.get_entry()
        form = self.build_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if request.POST.get("action") != "confirm":
            context = self.get_context_data(form=form)
            return self.render_to_response(context, status=200 if context["rules_ok"] else 400)
        data = form.cleaned_data
        try:
            booking = services.entry_confirm(
                entry=entry,
                actor=request.user,
                surcharges=data["surcharges"],
                reduction_rule=data["reduction_rule"],
                reduction_reason=data["reduction_reason"],
                expected_status=data["seen_status"],
            )
        except ValidationError as error:
            if is_stale(error):  # the page again as it is now, with the message
                messages.error(request, " ".join(error.messages))
                return self.render_to_response(self.get_context_data(), status=error_status(error))
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("You have confirmed your win. The booking is made."))
        return HttpResponseRedirect(booking.get_absolute_url())
