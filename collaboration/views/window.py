"""Staff pages of the window area: the 協働推進課 window's queue, the staff proposal page
(thread, department answers, private notes, routing, review, presentation, decision),
a department's routed proposals, and the publication of a call's decisions."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from collaboration import selectors_window as selectors
from collaboration.forms.window import (
    AnswerForm,
    DecisionForm,
    MessageForm,
    NoteForm,
    PresentationForm,
    PublishDecisionsForm,
    QueueFilter,
    ReviewForm,
    RouteForm,
    UnrouteForm,
)
from collaboration.models import ADOPTED_STATUSES, Call, CallKind, CallStatus, Proposal, ProposalNote, ProposalStatus
from collaboration.permissions import answering_department_ids, is_window_staff, proposal_policy
from collaboration.services import thread
from collaboration.services import window as services
from portal.forms import form_errors_from
from portal.listing import FilteredListMixin
from portal.permissions import RoleRequiredMixin
from portal.workflow import error_status

__all__ = ["CallDecisionsView", "DepartmentView", "QueueView", "StaffProposalView"]

P = ProposalStatus


def _project_url(proposal: Proposal) -> str:
    """The address of the project an adopted proposal became ("" before, or while the
    projects area's pages are not installed)."""
    project = getattr(proposal, "project", None) if proposal.status in ADOPTED_STATUSES else None
    if project is None:
        return ""
    try:
        return project.get_absolute_url()
    except NoReverseMatch:
        return ""


class WindowStaffMixin(RoleRequiredMixin):
    def has_role(self, user: Any) -> bool:
        return is_window_staff(user)


class QueueView(WindowStaffMixin, FilteredListMixin, ListView):
    """The window's queue of proposals, by call and status, with the routing state."""

    template_name = "collaboration/window/queue.html"
    context_object_name = "proposals"
    paginate_by = 50
    filterset_class = QueueFilter

    def get_base_queryset(self) -> QuerySet[Proposal]:
        return selectors.queue_queryset(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            counts=selectors.status_counts(self.get_base_queryset()),
            calls=list(
                Call.objects.filter(
                    Q(status__in=[CallStatus.CLOSED, CallStatus.ANNOUNCED])
                    # An all-year 市民提案型 window publishes its decisions in batches.
                    | Q(status=CallStatus.OPEN, kind=CallKind.CITIZEN, closes_at__isnull=True)
                ).order_by("-fiscal_year", "pk")[:20]
            ),
            filter_cache_key=f"collaboration-window-queue-{self.request.GET.urlencode()}",
        )
        return context


class StaffProposalView(LoginRequiredMixin, TemplateView):
    """One proposal for the window and the routed departments: everything the proposer
    wrote, the thread, the departments' answers, the private notes, and the window's
    decisions."""

    template_name = "collaboration/window/proposal.html"
    done = {
        "message": gettext_lazy("Your message was posted. The proposer is told by e-mail."),
        "answer": gettext_lazy("The department's answer was posted."),
        "note": gettext_lazy("The private note was added."),
        "route": gettext_lazy("The proposal was routed. The department is told by e-mail."),
        "unroute": gettext_lazy("The routing was taken back."),
        "review": gettext_lazy("The proposal was sent to the review committee."),
        "presentation": gettext_lazy("The proposer was invited to the public presentation."),
        "decide": gettext_lazy(
            "The decision was recorded. It is told to the proposer when the call's decisions are published."
        ),
    }

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.proposal = selectors.staff_proposal_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def answer_departments(self, routings: list[Any]) -> list[tuple[int, str]]:
        user = self.request.user
        mine = answering_department_ids(user)
        window = is_window_staff(user)
        return [(r.department_id, str(r.department)) for r in routings if window or r.department_id in mine]

    def make_forms(self, action: str | None = None, data: Any = None) -> dict[str, forms.Form]:
        proposal = self.proposal
        seen = {"seen_status": proposal.status}

        def bound(name: str) -> Any:
            return data if action == name else None

        routed_ids = {r.department_id for r in self.routings}
        return {
            "message": MessageForm(bound("message"), auto_id="message_%s"),
            "answer": AnswerForm(
                bound("answer"), auto_id="answer_%s", departments=self.answer_departments(self.routings)
            ),
            "note": NoteForm(bound("note"), auto_id="note_%s"),
            "route": RouteForm(bound("route"), auto_id="route_%s", exclude_ids=routed_ids),
            "unroute": UnrouteForm(bound("unroute"), auto_id="unroute_%s"),
            "review": ReviewForm(bound("review"), initial=seen, auto_id="review_%s"),
            "presentation": PresentationForm(
                bound("presentation"),
                auto_id="presentation_%s",
                initial={
                    **seen,
                    "presentation_at": proposal.presentation_at,
                    "presentation_place": proposal.presentation_place or proposal.call.presentation_place,
                },
            ),
            "decide": DecisionForm(
                bound("decide"),
                auto_id="decision_%s",
                initial={
                    **seen,
                    "decision": proposal.status if proposal.status in services.DECIDED_STATUSES else None,
                    "reason": proposal.decision_reason,
                    "conditions": proposal.conditions,
                },
            ),
        }

    def render(self, forms_: dict[str, forms.Form], status: int = 200) -> HttpResponse:
        proposal = self.proposal
        can_decide = proposal_policy.can(self.request.user, "decide", proposal)
        published = proposal.decision_published_at is not None or proposal.call.decisions_published_at is not None
        return self.render_to_response(
            self.get_context_data(
                proposal=proposal,
                call=proposal.call,
                routings=self.routings,
                thread=selectors.thread_of(proposal),
                notes=list(ProposalNote.objects.filter(proposal=proposal).select_related("author")),
                **{f"{name}_form": form for name, form in forms_.items()},
                can_decide=can_decide,
                published=published,
                can_route=can_decide and not published and proposal.status != P.WITHDRAWN,
                can_review=can_decide and proposal.status == P.SUBMITTED,
                has_committee=proposal.call.committee_id is not None,
                can_invite=can_decide and proposal.status == P.IN_REVIEW,
                can_decide_now=can_decide
                and not published
                and proposal.status in {P.SUBMITTED, P.IN_REVIEW, *services.DECIDED_STATUSES},
                thread_open=proposal.status != P.WITHDRAWN,
            ),
            status=status,
        )

    @property
    def routings(self) -> list[Any]:
        if not hasattr(self, "_routings"):
            self._routings = selectors.routings_of(self.proposal)
        return self._routings

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.make_forms())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action", "")
        forms_ = self.make_forms(action, request.POST)
        if action not in forms_:
            messages.error(request, _("Unknown action."))
            return self.render(self.make_forms(), HTTPStatus.BAD_REQUEST)
        form = forms_[action]
        if not form.is_valid():
            return self.render(forms_, HTTPStatus.BAD_REQUEST)
        try:
            self.perform(action, form.cleaned_data)
        except PermissionDenied:
            raise
        except ValidationError as error:
            form_errors_from(error, form)
            self.proposal = selectors.staff_proposal_or_404(request.user, self.proposal.pk)
            del self._routings
            fresh = self.make_forms()
            fresh[action] = form
            return self.render(fresh, error_status(error))
        messages.success(request, self.done[action])
        return HttpResponseRedirect(reverse("collaboration:staff-proposal", args=[self.proposal.pk]))

    def perform(self, action: str, data: dict[str, Any]) -> None:
        user = self.request.user
        proposal = self.proposal
        if action == "message":
            thread.message_post(actor=user, proposal=proposal, body=data["body"])
        elif action == "answer":
            thread.message_post(actor=user, proposal=proposal, body=data["body"], department_id=data["department"])
        elif action == "note":
            thread.note_add(actor=user, proposal=proposal, body=data["body"])
        elif action == "route":
            services.proposal_route(
                actor=user, proposal=proposal, department=data["department"], request=data["request"]
            )
        elif action == "unroute":
            services.proposal_unroute(actor=user, proposal=proposal, department=data["department"])
        elif action == "review":
            services.review_send(actor=user, proposal=proposal, expected_status=data["seen_status"])
        elif action == "presentation":
            services.presentation_invite(
                actor=user,
                proposal=proposal,
                at=data["presentation_at"],
                place=data["presentation_place"],
                expected_status=data["seen_status"],
            )
        elif action == "decide":
            services.decision_record(
                actor=user,
                proposal=proposal,
                decision=data["decision"],
                reason=data["reason"],
                conditions=data["conditions"],
                expected_status=data["seen_status"],
            )


class DepartmentView(RoleRequiredMixin, ListView):
    """The proposals routed to the user's departments (as 協働推進員 or city staff),
    unanswered first."""

    template_name = "collaboration/window/department.html"
    context_object_name = "routings"
    paginate_by = 50

    def has_role(self, user: Any) -> bool:
        return bool(answering_department_ids(user)) or is_window_staff(user)

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.department_routings(self.request.user)


class CallDecisionsView(WindowStaffMixin, TemplateView):
    """A call's proposals with their decisions and the committee's ranked summary, and
    the publication of every decision together."""

    template_name = "collaboration/window/decisions.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and is_window_staff(request.user):
            self.call = selectors.call_or_404(kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def render(self, form: PublishDecisionsForm, status: int = 200) -> HttpResponse:
        call = self.call
        rows = selectors.call_decision_rows(call)
        for row in rows:
            row.project_url = _project_url(row)
        summary = []
        if call.committee_id:
            from portal.review_services import ranked_summary

            summary = ranked_summary(call.committee, selectors.reviewed(rows))
        return self.render_to_response(
            self.get_context_data(
                call=call,
                rows=rows,
                summary=summary,
                form=form,
                blockers=services.decisions_blockers(call),
            ),
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(PublishDecisionsForm(initial={"seen_status": self.call.status}))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = PublishDecisionsForm(request.POST)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            projects = services.decisions_publish(
                actor=request.user, call=self.call, expected_status=form.cleaned_data["seen_status"]
            )
        except ValidationError as error:
            form_errors_from(error, form)
            self.call = selectors.call_or_404(self.call.slug)
            return self.render(form, error_status(error))
        messages.success(
            request,
            _("The decisions are published and every proposer was told by e-mail. Projects created: %(count)d.")
            % {"count": len(projects)},
        )
        return HttpResponseRedirect(reverse("collaboration:staff-call-decisions", args=[self.call.slug]))
