"""The talent bank (人材バンク): the public list, a helper's registration, a group's
request and the coordinator's queue, bank search and review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from groups import talent_permissions as perms
from groups.forms_talent import (
    AnswerForm,
    BankFilter,
    CloseForm,
    ConfirmStatusForm,
    FeedbackForm,
    ProfileForm,
    ProposeForm,
    QueueFilter,
    RequestForm,
    ReviewForm,
    TalentFilter,
)
from groups.models import (
    CandidacyStatus,
    FeedbackSide,
    ProfileStatus,
    RequestStatus,
    TalentCandidacy,
    TalentProfile,
    TalentRequest,
)
from groups.permissions import editor_group_ids
from groups.services import talent as services
from groups.views.registration import GroupScopedMixin
from portal.dates import fiscal_year, fiscal_year_label, fiscal_year_range
from portal.forms import form_errors_from
from portal.listing import FilteredListMixin
from portal.permissions import RoleRequiredMixin
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status

__all__ = [
    "CandidacyAnswerView",
    "CandidacyIntroduceView",
    "HelperReviewView",
    "MyTalentProfileView",
    "TalentBankView",
    "TalentListView",
    "TalentProfileWithdrawView",
    "TalentQueueView",
    "TalentRequestCancelView",
    "TalentRequestCloseView",
    "TalentRequestCreateView",
    "TalentRequestFeedbackView",
    "TalentRequestProposeView",
    "TalentRequestView",
]


def profiles_for_list() -> Any:
    return TalentProfile.objects.prefetch_related("skills", "areas").order_by("-updated_at", "pk")


def match_counts() -> dict[str, Any]:
    """Introductions made this fiscal year and in total (one query)."""
    year = fiscal_year(timezone.localdate())
    start, end = fiscal_year_range(year)
    counts = TalentCandidacy.objects.filter(status=CandidacyStatus.INTRODUCED).aggregate(
        total=Count("pk"), this_year=Count("pk", filter=Q(introduced_at__date__range=(start, end)))
    )
    return {**counts, "year_label": fiscal_year_label(year)}


class TalentListView(FilteredListMixin, ListView):
    """Public: approved helpers, anonymised (public name, skills, areas, pro bono or fee,
    introduction), never contact details."""

    template_name = "groups/talent/talent_list.html"
    context_object_name = "profiles"
    paginate_by = 20
    filterset_class = TalentFilter

    def get_base_queryset(self) -> Any:
        return profiles_for_list().filter(status=ProfileStatus.APPROVED)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return super().get_context_data(
            counts=match_counts(),
            my_profile=TalentProfile.objects.filter(user=user).first() if user.is_authenticated else None,
            **kwargs,
        )


# --- The helper --------------------------------------------------------------------------------


class MyTalentProfileView(RoleRequiredMixin, TemplateView):
    """Register in the bank, or see and change one's registration."""

    template_name = "groups/talent/profile_form.html"

    def has_role(self, user: Any) -> bool:
        return True

    def get_profile(self) -> TalentProfile | None:
        return TalentProfile.objects.prefetch_related("skills", "areas").filter(user=self.request.user).first()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        profile = self.get_profile()
        kwargs.setdefault("form", ProfileForm(initial=ProfileForm.initial_for(profile)))
        withdraw_form = (
            ConfirmStatusForm(choices=ProfileStatus.choices, initial={"seen_status": profile.status})
            if profile
            else None
        )
        return super().get_context_data(profile=profile, withdraw_form=withdraw_form, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                profile = services.profile_save(user=request.user, data=form.cleaned_data)
            except ValidationError as error:
                form_errors_from(error, form)
            else:
                if profile.status == ProfileStatus.PENDING:
                    messages.success(request, _("Saved. Staff will review your registration before it is published."))
                else:
                    messages.success(request, _("Your registration has been saved."))
                return HttpResponseRedirect(reverse("talent:profile-mine"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TalentProfileWithdrawView(RoleRequiredMixin, TemplateView):
    template_name = "groups/talent/profile_form.html"

    def has_role(self, user: Any) -> bool:
        return TalentProfile.objects.filter(user=user).exists()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse("talent:profile-mine"))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        profile = TalentProfile.objects.get(user=request.user)
        form = ConfirmStatusForm(request.POST, choices=ProfileStatus.choices)
        status = 400
        if form.is_valid():
            try:
                services.profile_withdraw(
                    profile=profile, actor=request.user, expected_status=form.cleaned_data["seen_status"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = error_status(error)
            else:
                messages.success(request, _("You have left the talent bank."))
                return HttpResponseRedirect(reverse("talent:profile-mine"))
        view = MyTalentProfileView(request=request, kwargs={})
        context = view.get_context_data(withdraw_error=form.errors or None)
        return self.render_to_response(context, status=status)


# --- A group's request -----------------------------------------------------------------------------


class TalentRequestCreateView(GroupScopedMixin, TemplateView):
    template_name = "groups/talent/request_form.html"
    login_required = True
    policy_action = "post"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", RequestForm())
        return super().get_context_data(group=self.get_group(), **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                talent_request = services.request_create(
                    group=self.get_group(), actor=request.user, data=form.cleaned_data
                )
            except ValidationError as error:
                form_errors_from(error, form)
            else:
                messages.success(request, _("Your request has been sent to the coordinators."))
                return HttpResponseRedirect(talent_request.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


def request_queryset() -> Any:
    return TalentRequest.objects.select_related("group", "area", "coordinator").prefetch_related("skills")


class RequestScopedMixin(PolicyObjectMixin):
    policy = perms.request_policy
    login_required = True

    def get_policy_queryset(self) -> Any:
        return request_queryset()

    def get_request_object(self) -> TalentRequest:
        return self.get_policy_object()


def request_context(talent_request: TalentRequest, user: Any, **forms: Any) -> dict[str, Any]:
    """What the request page shows to `user`: candidates to coordinators, one's own
    candidacy to a helper, contacts only once introduced."""
    can_match = perms.request_policy.can(user, "match", talent_request)
    can_manage = perms.request_policy.can(user, "manage", talent_request)
    candidacies = list(talent_request.candidacies.select_related("profile__user").prefetch_related("profile__skills"))
    introduced = next((c for c in candidacies if c.status == CandidacyStatus.INTRODUCED), None)
    mine = next((c for c in candidacies if c.profile.user_id == user.pk), None)
    feedback = list(talent_request.feedback.all()) if can_match else []
    my_side = None
    if introduced and talent_request.status in (RequestStatus.INTRODUCED, RequestStatus.COMPLETED):
        if introduced.profile.user_id == user.pk:
            my_side = FeedbackSide.HELPER
        elif talent_request.group_id in editor_group_ids(user):
            my_side = FeedbackSide.GROUP
    recorded = set(talent_request.feedback.values_list("side", flat=True)) if my_side else set()
    seen = {"seen_status": talent_request.status}
    return {
        "talent_request": talent_request,
        "can_match": can_match,
        "can_manage": can_manage and talent_request.is_open,
        "candidacies": candidacies if can_match else [],
        "mine": mine,
        "introduced": introduced,
        "sees_contacts": perms.sees_contacts(user, talent_request, introduced),
        "feedback": feedback,
        "feedback_form": forms.get("feedback_form")
        or (FeedbackForm() if my_side and my_side not in recorded else None),
        "answer_form": forms.get("answer_form")
        or (
            AnswerForm(initial={"seen_status": mine.status})
            if mine and mine.status == CandidacyStatus.PROPOSED
            else None
        ),
        "propose_form": forms.get("propose_form")
        or (ProposeForm(initial=seen) if can_match and talent_request.is_open else None),
        "close_form": forms.get("close_form") or (CloseForm(initial=seen) if can_match else None),
        "cancel_form": forms.get("cancel_form") or ConfirmStatusForm(choices=RequestStatus.choices, initial=seen),
        "introduce_choices": RequestStatus.choices,
        "closable": talent_request.status
        in (RequestStatus.SUBMITTED, RequestStatus.PROPOSED, RequestStatus.INTRODUCED),
    }


class TalentRequestView(RequestScopedMixin, TemplateView):
    template_name = "groups/talent/request_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        forms = {k: kwargs.pop(k) for k in list(kwargs) if k.endswith("_form")}
        context = super().get_context_data(**kwargs)
        context.update(request_context(self.get_request_object(), self.request.user, **forms))
        return context


class RequestActionView(TalentRequestView):
    """POST only: parse `form_class`, call `act`, redirect; a refusal redraws the
    request page with the form's errors (400, or 409 when the state changed)."""

    form_class: type[Any]
    form_name = ""
    success_message = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(self.get_request_object().get_absolute_url())

    def make_form(self) -> Any:
        return self.form_class(self.request.POST)

    def act(self, form: Any) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form()
        status = 400
        if form.is_valid():
            try:
                self.act(form)
            except ValidationError as error:
                form_errors_from(error, form)
                status = error_status(error)
            else:
                messages.success(request, self.success_message)
                return HttpResponseRedirect(self.get_request_object().get_absolute_url())
        return self.render_to_response(self.get_context_data(**{self.form_name: form}), status=status)


class TalentRequestCancelView(RequestActionView):
    policy_action = "manage"
    form_name = "cancel_form"

    def make_form(self) -> Any:
        return ConfirmStatusForm(self.request.POST, choices=RequestStatus.choices)

    def act(self, form: Any) -> None:
        self.success_message = _("The request has been cancelled.")
        services.request_cancel(
            request=self.get_request_object(), actor=self.request.user, expected_status=form.cleaned_data["seen_status"]
        )


class TalentRequestProposeView(RequestActionView):
    policy_action = "match"
    form_class = ProposeForm
    form_name = "propose_form"

    def act(self, form: Any) -> None:
        profile = TalentProfile.objects.filter(pk=form.cleaned_data["profile"]).first()
        if profile is None:
            raise ValidationError({"profile": _("No helper has this number.")})
        self.success_message = _("The helper has been asked.")
        services.candidate_propose(
            request=self.get_request_object(),
            actor=self.request.user,
            profile=profile,
            message=form.cleaned_data["message"],
            expected_status=form.cleaned_data["seen_status"],
        )


class TalentRequestCloseView(RequestActionView):
    policy_action = "match"
    form_class = CloseForm
    form_name = "close_form"

    def act(self, form: Any) -> None:
        self.success_message = _("The request has been closed.")
        services.request_close(
            request=self.get_request_object(),
            actor=self.request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            expected_status=form.cleaned_data["seen_status"],
        )


class TalentRequestFeedbackView(RequestActionView):
    form_class = FeedbackForm
    form_name = "feedback_form"

    def act(self, form: Any) -> None:
        self.success_message = _("Thank you. Your feedback has been recorded.")
        services.feedback_record(
            request=self.get_request_object(),
            actor=self.request.user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )


class CandidacyActionView(PolicyObjectMixin, TemplateView):
    policy = perms.candidacy_policy
    login_required = True
    template_name = "groups/talent/request_detail.html"
    form_name = ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(reverse("talent:request", args=[self.get_policy_object().request_id]))

    def make_form(self) -> Any:
        raise NotImplementedError

    def act(self, form: Any) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        candidacy = self.get_policy_object()
        form = self.make_form()
        status = 400
        if form.is_valid():
            try:
                message = self.act(form)
            except ValidationError as error:
                form_errors_from(error, form)
                status = error_status(error)
            else:
                messages.success(request, message)
                return HttpResponseRedirect(reverse("talent:request", args=[candidacy.request_id]))
        talent_request = request_queryset().get(pk=candidacy.request_id)
        context = request_context(talent_request, request.user, **{self.form_name: form})
        if self.form_name == "introduce_form":
            messages.error(request, " ".join(form.non_field_errors()) or _("The introduction could not be made."))
        return self.render_to_response(self.get_context_data(**context), status=status)


class CandidacyAnswerView(CandidacyActionView):
    policy_action = "answer"
    form_name = "answer_form"

    def make_form(self) -> Any:
        return AnswerForm(self.request.POST)

    def act(self, form: Any) -> str:
        accept = form.cleaned_data["decision"] == "accept"
        services.candidacy_answer(
            candidacy=self.get_policy_object(),
            actor=self.request.user,
            accept=accept,
            note=form.cleaned_data["note"],
            expected_status=form.cleaned_data["seen_status"],
        )
        if accept:
            return _("Thank you. The coordinator will introduce you to the group.")
        return _("Your answer has been sent to the coordinator.")


class CandidacyIntroduceView(CandidacyActionView):
    policy_action = "introduce"
    form_name = "introduce_form"

    def make_form(self) -> Any:
        return ConfirmStatusForm(self.request.POST, choices=CandidacyStatus.choices)

    def act(self, form: Any) -> str:
        services.candidacy_introduce(
            candidacy=self.get_policy_object(),
            actor=self.request.user,
            expected_status=form.cleaned_data["seen_status"],
        )
        return _("Both sides have been sent each other's contact details.")


# --- The coordinator and staff ---------------------------------------------------------------------


class CoordinatorRequiredMixin(RoleRequiredMixin):
    def has_role(self, user: Any) -> bool:
        return perms.can_match(user)


class TalentQueueView(CoordinatorRequiredMixin, FilteredListMixin, ListView):
    """The coordinator's queue of requests, by state."""

    template_name = "groups/talent/queue.html"
    context_object_name = "requests"
    paginate_by = 30
    filterset_class = QueueFilter

    def get_base_queryset(self) -> Any:
        return (
            TalentRequest.objects.select_related("group", "area", "coordinator")
            .prefetch_related("skills")
            .annotate(
                proposed=Count("candidacies", filter=Q(candidacies__status=CandidacyStatus.PROPOSED)),
                accepted=Count("candidacies", filter=Q(candidacies__status=CandidacyStatus.ACCEPTED)),
            )
            .order_by("created_at", "pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        by_state = dict(TalentRequest.objects.values_list("status").annotate(n=Count("pk")).order_by())
        states = [(value, label, by_state.get(value, 0)) for value, label in RequestStatus.choices]
        return super().get_context_data(states=states, counts=match_counts(), **kwargs)


class ReviewerRequiredMixin(RoleRequiredMixin):
    def has_role(self, user: Any) -> bool:
        return perms.can_review_talent(user)


class TalentBankView(ReviewerRequiredMixin, FilteredListMixin, ListView):
    """Staff: every registration (waiting for review first), searchable; coordinators
    use it to find candidates."""

    template_name = "groups/talent/bank.html"
    context_object_name = "profiles"
    paginate_by = 30
    filterset_class = BankFilter

    def get_base_queryset(self) -> Any:
        return (
            TalentProfile.objects.select_related("user")
            .prefetch_related("skills", "areas")
            .order_by("status", "-updated_at", "pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        pending = TalentProfile.objects.filter(status=ProfileStatus.PENDING).count()
        return super().get_context_data(pending=pending, can_match=perms.can_match(self.request.user), **kwargs)


class HelperReviewView(PolicyObjectMixin, TemplateView):
    """Staff: one registration in full, with the review form; coordinators also see the
    contact details and the helper's candidacies."""

    template_name = "groups/talent/helper.html"
    policy = perms.profile_policy
    policy_action = "review"
    login_required = True

    def has_role(self, user: Any) -> bool:
        return perms.can_review_talent(user)

    def get_policy_queryset(self) -> Any:
        return TalentProfile.objects.select_related("user", "reviewed_by").prefetch_related(
            "skills",
            "areas",
            Prefetch("candidacies", queryset=TalentCandidacy.objects.select_related("request__group")),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        profile = self.get_policy_object()
        kwargs.setdefault("form", ReviewForm(initial={"seen_status": profile.status}))
        return super().get_context_data(
            profile=profile, can_contact=perms.profile_policy.can(self.request.user, "contact", profile), **kwargs
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        profile = self.get_policy_object()
        form = ReviewForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.profile_review(
                    profile=profile,
                    actor=request.user,
                    decision=form.cleaned_data["decision"],
                    note=form.cleaned_data["note"],
                    expected_status=form.cleaned_data["seen_status"],
                )
            except ValidationError as error:
                form_errors_from(error, form)
                status = error_status(error)
            else:
                messages.success(request, _("The decision has been recorded."))
                return HttpResponseRedirect(reverse("talent:helper", args=[profile.pk]))
        return self.render_to_response(self.get_context_data(form=form), status=status)
