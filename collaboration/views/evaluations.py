"""Pages of a project's evaluation rounds.

- `evaluation-rounds` (`/collaboration/projects/<slug>/evaluations/`): the project's
  rounds for its partners and managers (404 for everyone else); managers open a round
  there.
- `evaluation-round` (`/collaboration/evaluation-rounds/<pk>/`): what each partner has
  submitted and what is missing; a partner's evaluation form (itself, or another
  partner), the window's third-party form and the release. Partners and managers only
  (404 for everyone else).
The published results are on the public project page (`{% project_evaluations %}`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from collaboration.forms.evaluations import EvaluationForm, ReleaseForm, RoundOpenForm, ThirdPartyForm
from collaboration.models import EvaluationKind, EvaluationRound
from collaboration.permissions import is_window_staff, partners_acting_for, project_policy
from collaboration.selectors_agreements import insider_projects, project_partners
from collaboration.selectors_evaluations import EVALUATION_QUERYSET, round_for, summarise
from collaboration.services import evaluations as services
from portal.dates import fiscal_year
from portal.forms import form_errors_from
from portal.models_review import ReviewCommittee
from portal.workflow import error_status

__all__ = ["EvaluationRoundView", "EvaluationRoundsView"]

K = EvaluationKind


class EvaluationRoundsView(AccessMixin, TemplateView):
    template_name = "collaboration/evaluations/rounds.html"

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.project = insider_projects(request.user).filter(slug=kwargs["slug"]).first()
        if self.project is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_policy_object(self) -> Any:
        return self.project

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        project = self.get_policy_object()
        can_manage = project_policy.can(self.request.user, "manage", project)
        rounds = list(
            EvaluationRound.objects.filter(project=project).prefetch_related(
                Prefetch("evaluations", queryset=EVALUATION_QUERYSET)
            )
        )
        partners = project_partners(project)
        for round_ in rounds:
            round_.missing_count = len(services.missing_evaluations(round_, partners, list(round_.evaluations.all())))
        today = timezone.localdate()
        context.update(
            project=project,
            rounds=rounds,
            can_manage=can_manage,
            form=kwargs.get("form")
            or (
                RoundOpenForm(
                    initial={
                        "fiscal_year": fiscal_year(today),
                        "is_final": "1" if project.ends_on and project.ends_on <= today else "0",
                    }
                )
                if can_manage
                else None
            ),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        project = self.get_policy_object()
        if not project_policy.can(request.user, "manage", project):
            raise PermissionDenied
        form = RoundOpenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            round_ = services.round_open(
                actor=request.user,
                project=project,
                fiscal_year=form.cleaned_data["fiscal_year"],
                is_final=form.cleaned_data["is_final"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(form=form), status=error_status(error))
        messages.success(request, _("The evaluation round is open and the partners have been told."))
        return HttpResponseRedirect(round_.get_absolute_url())


class EvaluationRoundView(AccessMixin, TemplateView):
    template_name = "collaboration/evaluations/round.html"

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.round = round_for(request.user, kwargs["pk"])
        if self.round is None:
            raise Http404
        self.project = self.round.project
        self.can_manage = project_policy.can(request.user, "manage", self.project)
        self.is_window = is_window_staff(request.user)
        return super().dispatch(request, *args, **kwargs)

    def _evaluation_form(self, data: Any = None) -> EvaluationForm | None:
        acting = partners_acting_for(self.request.user, self.project)
        if not acting:
            return None
        return EvaluationForm(data, evaluators=acting, partners=self.partners)

    def _third_party_form(self, data: Any = None) -> ThirdPartyForm | None:
        if not self.is_window:
            return None
        return ThirdPartyForm(data, committees=ReviewCommittee.objects.all())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        evaluations = list(EVALUATION_QUERYSET.filter(round=self.round))
        missing = services.missing_evaluations(self.round, self.partners, evaluations)
        acting = {p.pk for p in partners_acting_for(self.request.user, self.project)}
        open_round = self.round.released_at is None
        has_third = any(e.kind == K.THIRD_PARTY for e in evaluations)
        my_missing = [m for m in missing if m[0].pk in acting]
        shown = evaluations
        if open_round and not self.can_manage:
            # before release each party sees only what it submitted itself
            shown = [e for e in evaluations if e.evaluator_id in acting]
        context.update(
            project=self.project,
            round=self.round,
            label=services.round_label(self.round),
            summary=summarise(self.round, shown),
            partners=self.partners,
            missing=services.describe_missing(missing),
            my_missing=services.describe_missing(my_missing),
            can_manage=self.can_manage,
            evaluation_form=kwargs.get("evaluation_form")
            or (self._evaluation_form() if open_round and my_missing else None),
            third_party_form=kwargs.get("third_party_form")
            or (self._third_party_form() if open_round and not has_third else None),
            release_form=kwargs.get("release_form") or (ReleaseForm() if open_round and self.can_manage else None),
        )
        return context

    @property
    def partners(self) -> list[Any]:
        if not hasattr(self, "_partners"):
            self._partners = project_partners(self.project)
        return self._partners

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        if action == "evaluate":
            form = self._evaluation_form(request.POST)
            if form is None:
                raise PermissionDenied
            key, service_call = "evaluation_form", self._submit_partner
        elif action == "third_party":
            form = self._third_party_form(request.POST)
            if form is None:
                raise PermissionDenied
            key, service_call = "third_party_form", self._submit_third_party
        elif action == "release":
            if not self.can_manage:
                raise PermissionDenied
            form = ReleaseForm(request.POST)
            key, service_call = "release_form", self._release
        else:
            return self.render_to_response(self.get_context_data(), status=400)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**{key: form}), status=400)
        try:
            service_call(form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(**{key: form}), status=error_status(error))
        return HttpResponseRedirect(self.round.get_absolute_url())

    def _submit_partner(self, form: EvaluationForm) -> None:
        by_pk = {p.pk: p for p in self.partners}
        evaluator = by_pk[form.cleaned_data["evaluator"]]
        subject = by_pk.get(form.cleaned_data["subject"]) if form.cleaned_data["subject"] is not None else None
        kind = K.SELF if subject is None else K.MUTUAL
        services.evaluation_submit(self.request.user, self.round, kind, evaluator, subject, form.scores())
        messages.success(self.request, _("Your evaluation has been submitted."))

    def _submit_third_party(self, form: ThirdPartyForm) -> None:
        data = {**form.scores(), "committee": form.cleaned_data["committee"]}
        services.evaluation_submit(self.request.user, self.round, K.THIRD_PARTY, None, None, data)
        messages.success(self.request, _("The third-party evaluation has been recorded."))

    def _release(self, form: ReleaseForm) -> None:
        services.round_release(actor=self.request.user, round=self.round)
        messages.success(self.request, _("The evaluations are published on the project page."))
