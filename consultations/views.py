"""Pages of the consultation desk: the public desk page with its free slots, booking,
asking in writing, the asker's own consultations, and the desk's queue, slots, pages
and report."""

from __future__ import annotations

import hashlib
from http import HTTPStatus
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView, View

from consultations import selectors, services
from consultations.filters import ConsultationQueueFilter, SlotFilter
from consultations.forms import (
    AskForm,
    BookForm,
    FinishForm,
    LinkForm,
    MessageForm,
    RecordForm,
    ReportForm,
    SlotBatchForm,
)
from consultations.models import Consultation, ConsultationStatus, DeskSlot, Mode, Topic
from consultations.permissions import DeskRequiredMixin, consultation_policy
from portal.csv import csv_response
from portal.dates import fiscal_year, fiscal_year_label
from portal.forms import form_errors_from
from portal.listing import FilteredListMixin
from portal.policies import PolicyObjectMixin
from portal.workflow import available_transitions, error_status

PAGE_SIZE = 30


def _member_groups(user: Any) -> QuerySet[Any]:
    from groups.models import CommunityGroup
    from groups.permissions import member_group_ids

    return CommunityGroup.objects.filter(pk__in=sorted(member_group_ids(user))).order_by("name")


def _cache_key(request: HttpRequest, prefix: str) -> str:
    return f"{prefix}-{hashlib.sha256(request.GET.urlencode().encode()).hexdigest()}"


# --- Public pages ----------------------------------------------------------------------------


class IndexView(FilteredListMixin, ListView):
    """The desk: what it helps with, the free slots, and asking in writing."""

    template_name = "consultations/index.html"
    context_object_name = "slots"
    paginate_by = PAGE_SIZE
    filterset_class = SlotFilter

    def get_base_queryset(self) -> QuerySet[DeskSlot]:
        return selectors.free_slots().order_by("starts_at", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        topic = self.request.GET.get("topic")
        return super().get_context_data(
            topics=Topic.choices,
            topic=topic if topic in Topic.values else "",
            hidden=[("topic", topic)] if topic in Topic.values else [],
            filter_cache_key=_cache_key(self.request, "consultation-slots"),
            **kwargs,
        )


class BookView(LoginRequiredMixin, TemplateView):
    """Book a free slot."""

    template_name = "consultations/book.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.slot = selectors.free_slots().filter(pk=kwargs["pk"]).first()
            if self.slot is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def form(self, data: Any = None) -> BookForm:
        initial = {"topic": self.request.GET.get("topic")} if self.request.GET.get("topic") in Topic.values else {}
        return BookForm(data, initial=initial, modes=self.slot.modes(), groups=_member_groups(self.request.user))

    def render(self, form: BookForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(self.get_context_data(slot=self.slot, form=form), status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            consultation = services.consultation_book(actor=request.user, slot=self.slot, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render(form, HTTPStatus.BAD_REQUEST)
        messages.success(request, _("Your consultation is booked. A confirmation was sent by e-mail."))
        return redirect(consultation.get_absolute_url())


class AskView(LoginRequiredMixin, TemplateView):
    """Ask the desk in writing."""

    template_name = "consultations/ask.html"

    def form(self, data: Any = None) -> AskForm:
        initial = {"topic": self.request.GET.get("topic")} if self.request.GET.get("topic") in Topic.values else {}
        return AskForm(data, initial=initial, groups=_member_groups(self.request.user))

    def render(self, form: AskForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            consultation = services.consultation_ask(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render(form, HTTPStatus.BAD_REQUEST)
        messages.success(
            request, _("Your question was sent to the desk. We will tell you by e-mail when it is answered.")
        )
        return redirect(consultation.get_absolute_url())


class MineView(LoginRequiredMixin, ListView):
    """The person's own consultations and questions."""

    template_name = "consultations/mine.html"
    context_object_name = "consultations"
    paginate_by = PAGE_SIZE

    def get_queryset(self) -> QuerySet[Consultation]:
        return selectors.my_consultations(self.request.user)


class DetailView(PolicyObjectMixin, TemplateView):
    """The asker's page of a consultation: the receipt, the answers, and what can be done
    next (cancel, reply once, mark resolved). Never the desk's private record."""

    policy = consultation_policy
    login_required = True
    template_name = "consultations/detail.html"
    actions = {
        "cancel": (services.consultation_cancel, gettext_lazy("The consultation was cancelled.")),
        "resolve": (services.consultation_resolve, gettext_lazy("Thank you: the question is marked resolved.")),
    }

    def render(self, reply_form: MessageForm | None = None, status: int = 200, error: str = "") -> HttpResponse:
        consultation = self.get_policy_object()
        can_act = consultation_policy.can(self.request.user, "act", consultation)
        moves = available_transitions(consultation)
        has_replied = any(not m.from_desk for m in consultation.messages.all())
        return self.render_to_response(
            self.get_context_data(
                consultation=consultation,
                thread=list(consultation.messages.all()),
                can_cancel=can_act
                and ConsultationStatus.CANCELLED in moves
                and (not consultation.is_booking or consultation.happens_at > timezone.now()),
                can_reply=can_act and ConsultationStatus.REPLIED in moves and not has_replied,
                can_resolve=can_act and ConsultationStatus.RESOLVED in moves,
                reply_form=reply_form or MessageForm(initial={"seen_status": consultation.status}),
                error=error,
            ),
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        consultation = self.get_policy_object()
        consultation_policy.ensure(request.user, "act", consultation, fresh=False)
        action = request.POST.get("action")
        form = MessageForm(request.POST)
        if action == "reply":
            if not form.is_valid():
                return self.render(form, HTTPStatus.BAD_REQUEST)
            call, done = services.consultation_reply, _("Your reply was sent to the desk.")
            kwargs = {"body": form.cleaned_data["body"], "expected_status": form.cleaned_data["seen_status"]}
        elif action in self.actions:
            form.is_valid()
            if "seen_status" in form.errors:
                return self.render(status=HTTPStatus.BAD_REQUEST, error=_("Please reload the page and try again."))
            call, done = self.actions[action]
            kwargs = {"expected_status": form.cleaned_data.get("seen_status")}
        else:
            return self.render(status=HTTPStatus.BAD_REQUEST, error=_("Choose what to do."))
        try:
            call(actor=request.user, consultation=consultation, **kwargs)
        except ValidationError as error:
            consultation.refresh_from_db()
            if action == "reply":
                form_errors_from(error, form)
                return self.render(form, error_status(error))
            return self.render(status=error_status(error), error=" ".join(error.messages))
        messages.success(request, str(done))
        return HttpResponseRedirect(request.path)


# --- The desk's pages -------------------------------------------------------------------------


class StaffQueueView(DeskRequiredMixin, FilteredListMixin, ListView):
    """The queue: upcoming bookings and unanswered questions first."""

    template_name = "consultations/staff_queue.html"
    context_object_name = "consultations"
    paginate_by = PAGE_SIZE
    filterset_class = ConsultationQueueFilter

    def get_base_queryset(self) -> QuerySet[Consultation]:
        return selectors.queue()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            counts=selectors.queue_counts(),
            filter_cache_key=_cache_key(self.request, "consultation-queue"),
            **kwargs,
        )


class StaffSlotsView(DeskRequiredMixin, ListView):
    """The slots from today on, and opening a batch of slots."""

    template_name = "consultations/staff_slots.html"
    context_object_name = "slots"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[DeskSlot]:
        return selectors.staff_slots().order_by("starts_at", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", SlotBatchForm(initial={"modes": [Mode.IN_PERSON.value], "minutes": 60, "per_day": 1}))
        return super().get_context_data(**kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SlotBatchForm(request.POST)
        self.object_list = self.get_queryset()
        if form.is_valid():
            try:
                slots = services.slots_open(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_errors_from(error, form)
            else:
                messages.success(request, _("%(count)d slots were opened.") % {"count": len(slots)})
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form), status=HTTPStatus.BAD_REQUEST)


class StaffSlotCloseView(DeskRequiredMixin, View):
    """Close a free slot (POST)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        slot = DeskSlot.objects.filter(pk=kwargs["pk"]).first()
        if slot is None:
            raise Http404
        try:
            services.slot_close(actor=request.user, slot=slot)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("consultations:staff-slots")
        messages.success(request, _("The slot was closed."))
        return redirect("consultations:staff-slots")


class StaffDetailView(DeskRequiredMixin, PolicyObjectMixin, TemplateView):
    """The desk's page of a consultation: the request, the answers, the outcome, the
    private record and the links."""

    policy = consultation_policy
    policy_action = "handle"
    template_name = "consultations/staff_detail.html"

    def get_policy_queryset(self) -> QuerySet[Consultation]:
        return Consultation.objects.select_related(
            "slot", "group", "asker", "linked_group", "linked_application", "linked_proposal", "recorded_by"
        )

    def forms(self, **bound: Any) -> dict[str, Any]:
        c = self.get_policy_object()
        forms = {
            "answer_form": MessageForm(initial={"seen_status": c.status}),
            "finish_form": FinishForm(initial={"seen_status": c.status}),
            "record_form": RecordForm(
                initial={
                    "record_topic": c.record_topic or c.topic,
                    "outcome": c.outcome,
                    "follow_up_needed": c.follow_up_needed,
                    "follow_up_by": c.follow_up_by,
                }
            ),
            "link_form": LinkForm(
                initial={
                    "group": c.linked_group.slug if c.linked_group else "",
                    "application": c.linked_application.receipt_number if c.linked_application else "",
                    "proposal": c.linked_proposal.receipt_number if c.linked_proposal else "",
                }
            ),
        }
        forms.update(bound)
        return forms

    def render(self, status: int = 200, **bound: Any) -> HttpResponse:
        c = self.get_policy_object()
        moves = available_transitions(c)
        return self.render_to_response(
            self.get_context_data(
                consultation=c,
                thread=list(c.messages.select_related("author")),
                can_answer=ConsultationStatus.ANSWERED in moves,
                can_finish=ConsultationStatus.DONE in moves and c.happens_at <= timezone.now(),
                can_resolve=ConsultationStatus.RESOLVED in moves,
                can_record=c.status != ConsultationStatus.CANCELLED,
                **self.forms(**bound),
            ),
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        c = self.get_policy_object()
        action = request.POST.get("action")
        handlers = {
            "answer": ("answer_form", MessageForm, self._answer, _("The answer was sent.")),
            "finish": ("finish_form", FinishForm, self._finish, _("The outcome was saved.")),
            "record": ("record_form", RecordForm, self._record, _("The record was saved.")),
            "link": ("link_form", LinkForm, self._link, _("The links were saved.")),
            "resolve": ("finish_form", FinishForm, self._resolve, _("The question is marked resolved.")),
        }
        if action not in handlers:
            return self.render(HTTPStatus.BAD_REQUEST, error=_("Choose what to do."))
        name, form_class, handler, done = handlers[action]
        form = form_class(request.POST)
        if action != "resolve" and not form.is_valid():
            return self.render(HTTPStatus.BAD_REQUEST, **{name: form})
        try:
            handler(c, form)
        except ValidationError as error:
            form_errors_from(error, form)
            c.refresh_from_db()
            return self.render(error_status(error), **{name: form})
        messages.success(request, done)
        return HttpResponseRedirect(request.path)

    def _answer(self, c: Consultation, form: MessageForm) -> None:
        services.consultation_answer(
            actor=self.request.user,
            consultation=c,
            body=form.cleaned_data["body"],
            expected_status=form.cleaned_data["seen_status"],
        )

    def _finish(self, c: Consultation, form: FinishForm) -> None:
        services.consultation_finish(
            actor=self.request.user,
            consultation=c,
            status=form.cleaned_data["outcome_status"],
            expected_status=form.cleaned_data["seen_status"],
        )

    def _resolve(self, c: Consultation, form: FinishForm) -> None:
        seen = self.request.POST.get("seen_status")
        services.consultation_resolve(
            actor=self.request.user,
            consultation=c,
            expected_status=seen if seen in ConsultationStatus.values else None,
        )

    def _record(self, c: Consultation, form: RecordForm) -> None:
        services.consultation_record(actor=self.request.user, consultation=c, **form.cleaned_data)

    def _link(self, c: Consultation, form: LinkForm) -> None:
        services.consultation_link(actor=self.request.user, consultation=c, **form.cleaned_data)


class _ReportMixin(DeskRequiredMixin):
    request: HttpRequest

    def year(self) -> tuple[int, ReportForm]:
        form = ReportForm(self.request.GET or None)
        year = fiscal_year(timezone.localdate())
        if form.is_bound and form.is_valid() and form.cleaned_data["year"]:
            year = form.cleaned_data["year"]
        return year, form


class StaffReportView(_ReportMixin, TemplateView):
    """Consultations given per month of a fiscal year, by topic and by mode."""

    template_name = "consultations/staff_report.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year, form = self.year()
        report = selectors.report(year)
        context = self.get_context_data(
            year=year,
            year_label=fiscal_year_label(year),
            form=form,
            report=report,
            tables=[(report["by_topic"], _("By topic")), (report["by_mode"], _("By mode"))],
            previous=year - 1 if year > 2000 else None,
            following=year + 1 if year < 2100 else None,
        )
        status = HTTPStatus.BAD_REQUEST if form.is_bound and not form.is_valid() else HTTPStatus.OK
        return self.render_to_response(context, status=status)


class StaffReportCsvView(_ReportMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year, form = self.year()
        if form.is_bound and not form.is_valid():
            return HttpResponse(_("Give a fiscal year between 2000 and 2100."), status=HTTPStatus.BAD_REQUEST)
        data = selectors.report(year)
        response, writer = csv_response(f"consultations-{year}.csv")
        header = [_("Table"), _("Row"), *(month.strftime("%Y-%m") for month in data["months"]), _("Total")]
        writer.writerow(header)
        for table, title in (("by_topic", _("By topic")), ("by_mode", _("By mode"))):
            for line in data[table]:
                label = _("Total") if line.get("is_total") else str(line["label"])
                writer.writerow([title, label, *line["counts"], line["total"]])
        return response
