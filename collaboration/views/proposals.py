"""Pages of the proposals area, the proposer's side: my proposals, starting a proposal,
the proposal's page with its thread, editing, submitting, withdrawing, and writing in
the thread (messages and 事前相談, through `collaboration.services.thread`)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from collaboration import selectors_calls as selectors
from collaboration.forms.proposals import BUSINESS, MessageForm, ProposalForm, StartForm
from collaboration.models import MessageKind, Proposal, ProposalMessage, ProposalStatus
from collaboration.permissions import proposal_policy
from collaboration.services import proposals as services
from collaboration.services import thread
from groups.models import CommunityGroup
from groups.permissions import editor_group_ids
from portal.forms import SeenStatusForm, form_errors_from
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status

P = ProposalStatus


class MyProposalsView(LoginRequiredMixin, ListView):
    template_name = "collaboration/proposals/mine.html"
    context_object_name = "proposals"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Proposal]:
        return selectors.my_proposals(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        editors = editor_group_ids(self.request.user)
        user_pk = self.request.user.pk
        context["rows"] = [
            (p, (p.group_id in editors) if p.group_id else p.created_by_id == user_pk) for p in context["proposals"]
        ]
        return context


class ProposalStartView(LoginRequiredMixin, TemplateView):
    """Start a proposal to a call: as one of the user's registered groups (representative
    or editor) or, when the call allows it, as a business."""

    template_name = "collaboration/proposals/start.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.call = selectors.call_for_page(kwargs["slug"], request.user)
            today = timezone.localdate()
            self.groups = [
                g
                for g in CommunityGroup.objects.filter(pk__in=editor_group_ids(request.user)).order_by(
                    "name_kana", "pk"
                )
                if g.is_registered_on(today)
            ]
        return super().dispatch(request, *args, **kwargs)

    def refusal(self) -> tuple[str, int] | None:
        if not self.call.accepts_proposals():
            return _("This call is not accepting proposals."), HTTPStatus.BAD_REQUEST
        if not self.groups and not self.call.businesses_may_propose:
            return (
                _("Only the representative or an editor of a registered group can propose to this call."),
                HTTPStatus.FORBIDDEN,
            )
        return None

    def get_form(self) -> StartForm:
        data = self.request.POST if self.request.method == "POST" else None
        return StartForm(data, groups=self.groups, businesses=self.call.businesses_may_propose)

    def render(self, form: StartForm | None, status: int = 200, refusal: str = "") -> HttpResponse:
        return self.render_to_response(self.get_context_data(call=self.call, form=form, refusal=refusal), status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refusal()
        if refused:
            return self.render(None, refused[1], refused[0])
        return self.render(self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.refusal()
        if refused:
            return self.render(None, refused[1], refused[0])
        form = self.get_form()
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        group = form.group()
        try:
            proposal = services.proposal_start(
                actor=request.user,
                call=self.call,
                title=form.cleaned_data["title"],
                group=group,
                business_name=form.cleaned_data["business_name"] if form.cleaned_data["proposer"] == BUSINESS else "",
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render(form, HTTPStatus.BAD_REQUEST)
        messages.success(request, _("Your draft proposal has been created. Fill in the proposal."))
        return redirect("collaboration:proposal-edit", proposal.pk)


# --- The proposer's pages of one proposal -------------------------------------------------------


class ProposalObjectMixin(PolicyObjectMixin):
    policy = proposal_policy
    login_required = True

    def get_policy_queryset(self) -> QuerySet[Proposal]:
        return Proposal.objects.select_related("call", "call__department", "group", "form", "created_by")

    @property
    def proposal(self) -> Proposal:
        return self.get_policy_object()

    def reload(self) -> None:
        del self._policy_object
        self.get_policy_object()


def _thread(proposal: Proposal) -> list[ProposalMessage]:
    return list(
        ProposalMessage.objects.filter(proposal=proposal)
        .select_related("author", "department")
        .order_by("created_at", "pk")
    )


class ProposalDetailView(ProposalObjectMixin, TemplateView):
    template_name = "collaboration/proposals/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        proposal = self.proposal
        can = proposal_policy.permissions_for(self.request.user, proposal)
        thread_messages = _thread(proposal)
        return super().get_context_data(
            proposal=proposal,
            can=can,
            thread_messages=thread_messages,
            answers=[m for m in thread_messages if m.kind == MessageKind.DEPARTMENT],
            message_form=kwargs.pop("message_form", None) or MessageForm(),
            consultation_form=kwargs.pop("consultation_form", None) or MessageForm(prefix="consultation"),
            can_withdraw=can["edit"] and proposal.status in services.WITHDRAWABLE,
            **kwargs,
        )


class ProposalEditView(ProposalObjectMixin, TemplateView):
    policy_action = "edit"
    template_name = "collaboration/proposals/edit.html"

    def not_editable(self) -> HttpResponse | None:
        if not self.proposal.editable:
            messages.error(self.request, _("This proposal is submitted: it can no longer be changed."))
            return HttpResponseRedirect(self.proposal.get_absolute_url())
        return None

    def render(self, form: ProposalForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(self.get_context_data(proposal=self.proposal, form=form), status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.not_editable() or self.render(ProposalForm(instance=self.proposal))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = self.not_editable()
        if refused:
            return refused
        form = ProposalForm(request.POST, instance=self.proposal)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            services.proposal_update(actor=request.user, proposal=self.proposal, data=form.cleaned_data)
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render(form, error_status(error))
        if request.POST.get("action") == "submit":
            return redirect("collaboration:proposal-submit", self.proposal.pk)
        messages.success(request, _("The proposal was saved."))
        return redirect("collaboration:proposal-edit", self.proposal.pk)


class ProposalSubmitView(ProposalObjectMixin, TemplateView):
    policy_action = "edit"
    template_name = "collaboration/proposals/submit.html"

    def render(self, form: SeenStatusForm, status: int = 200) -> HttpResponse:
        proposal = self.proposal
        problems = services.submission_problems(proposal) if proposal.editable else []
        return self.render_to_response(
            self.get_context_data(proposal=proposal, form=form, problems=problems), status=status
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.proposal.editable:
            return HttpResponseRedirect(self.proposal.get_absolute_url())
        return self.render(SeenStatusForm(initial={"seen_status": self.proposal.status}, choices=P.choices))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SeenStatusForm(request.POST, choices=P.choices)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            proposal = services.proposal_submit(
                actor=request.user, proposal=self.proposal, expected_status=form.cleaned_data["seen_status"]
            )
        except ValidationError as error:
            form_errors_from(error, form)
            self.reload()
            return self.render(form, error_status(error))
        messages.success(
            request,
            _("Your proposal has been submitted. Receipt number: %(number)s.") % {"number": proposal.receipt_number},
        )
        return HttpResponseRedirect(proposal.get_absolute_url())


class ProposalWithdrawView(ProposalObjectMixin, TemplateView):
    policy_action = "edit"
    template_name = "collaboration/proposals/withdraw.html"

    def render(self, form: SeenStatusForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(
                proposal=self.proposal, form=form, can_withdraw=self.proposal.status in services.WITHDRAWABLE
            ),
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(SeenStatusForm(initial={"seen_status": self.proposal.status}, choices=P.choices))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SeenStatusForm(request.POST, choices=P.choices)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            services.proposal_withdraw(
                actor=request.user, proposal=self.proposal, expected_status=form.cleaned_data["seen_status"]
            )
        except ValidationError as error:
            form_errors_from(error, form)
            self.reload()
            return self.render(form, error_status(error))
        messages.success(request, _("Your proposal has been withdrawn."))
        return HttpResponseRedirect(self.proposal.get_absolute_url())


class ProposalMessageView(ProposalObjectMixin, TemplateView):
    """Write in the proposal's thread (GET: the form alone, for a page without the thread)."""

    policy_action = "edit"
    template_name = "collaboration/proposals/message.html"
    prefix: str | None = None
    consultation = False

    def render(self, form: MessageForm, status: int = 200) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(proposal=self.proposal, form=form, consultation=self.consultation), status=status
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(MessageForm(prefix=self.prefix))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = MessageForm(request.POST, prefix=self.prefix)
        if not form.is_valid():
            return self.render(form, HTTPStatus.BAD_REQUEST)
        try:
            self.send(form.cleaned_data["body"])
        except ValidationError as error:
            form_errors_from(error, form)
            return self.render(form, HTTPStatus.BAD_REQUEST)
        return HttpResponseRedirect(self.proposal.get_absolute_url() + "#thread")

    def send(self, body: str) -> None:
        thread.message_post(actor=self.request.user, proposal=self.proposal, body=body)
        messages.success(self.request, _("Your message was sent."))


class ProposalConsultationView(ProposalMessageView):
    """Ask the 協働推進課 window for 事前相談 (drafts only)."""

    prefix = "consultation"
    consultation = True

    def send(self, body: str) -> None:
        thread.consultation_request(actor=self.request.user, proposal=self.proposal, body=body)
        messages.success(self.request, _("Your request for prior consultation was sent to the collaboration window."))


__all__ = [
    "MyProposalsView",
    "ProposalConsultationView",
    "ProposalDetailView",
    "ProposalEditView",
    "ProposalMessageView",
    "ProposalStartView",
    "ProposalSubmitView",
    "ProposalWithdrawView",
]
