from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from groups import permissions, services
from groups.filters import GroupFilter
from groups.forms import (
    INVITABLE_ROLES,
    ConfirmForm,
    GroupProfileForm,
    GroupRegistrationForm,
    GroupReviewForm,
    InviteForm,
    MemberForm,
    MemberRoleForm,
    ReviewDecision,
)
from groups.models import (
    AttachmentKind,
    CommunityGroup,
    GroupAttachment,
    GroupStatus,
    Membership,
    MembershipInvitation,
    MembershipRole,
)
from portal import taxonomy
from portal.forms import form_errors_from
from portal.listing import FilteredListMixin
from portal.pagination import IdListPaginator
from portal.permissions import CityStaffRequiredMixin
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status, is_stale


class GroupDirectoryView(FilteredListMixin, ListView):
    template_name = "groups/group_list.html"
    context_object_name = "groups"
    paginate_by = 24
    filterset_class = GroupFilter

    def get_base_queryset(self) -> Any:
        return CommunityGroup.objects.registered().for_list()

    def get_queryset(self) -> Any:
        return super().get_queryset().order_by("name_kana", "pk")

    def get_paginator(self, queryset: Any, per_page: int, **kwargs: Any) -> Any:
        if self.request.GET.get("q"):
            return IdListPaginator(queryset, per_page, **kwargs)
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The cards' fields and areas (field_list, area_list): one query of id pairs each.
        groups = taxonomy.attach(context["groups"], "fields", "field_list")
        context["groups"] = taxonomy.attach(groups, "areas", "area_list")
        return context


class GroupScopedMixin(PolicyObjectMixin):
    """Loads the group from `GroupPolicy.visible_to(user)`: a group the user may not see
    is a 404; then `policy_action` must be allowed (403)."""

    policy = permissions.group_policy
    lookup_kwarg = lookup_field = "slug"

    def get_policy_queryset(self) -> Any:
        return CommunityGroup.objects.prefetch_related("fields", "areas")

    def get_group(self) -> CommunityGroup:
        return self.get_policy_object()


class GroupDetailView(GroupScopedMixin, DetailView):
    template_name = "groups/group_detail.html"
    context_object_name = "group"

    def get_object(self, queryset: Any = None) -> CommunityGroup:
        return self.get_group()

    def get_policy_queryset(self) -> Any:
        # The fields and areas are read by the profile's cached fragment when it is
        # made again, not on every visit.
        return CommunityGroup.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        group = self.object
        context["can_edit"] = permissions.can_edit(self.request.user, group)
        context["is_member"] = permissions.is_group_member(self.request.user, group)
        context["events"] = group.events.upcoming().for_list()[:10]
        context["openings"] = group.openings.open().for_list()[:10]
        return context


class GroupRegisterView(LoginRequiredMixin, FormView):
    template_name = "groups/group_register.html"
    form_class = GroupRegistrationForm

    def form_valid(self, form: GroupRegistrationForm) -> HttpResponse:
        data = form.service_data()
        uploads = {"rules_file": AttachmentKind.RULES, "members_file": AttachmentKind.MEMBER_LIST}
        attachments = [(kind, upload) for name, kind in uploads.items() if (upload := data.pop(name, None))]
        try:
            group = services.group_apply(
                applicant=self.request.user,
                data=data,
                fields=form.cleaned_data["fields"],
                areas=form.cleaned_data["areas"],
                attachments=attachments,
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your application has been sent. The city will review it and tell you by e-mail.")
        )
        return HttpResponseRedirect(reverse("groups:manage", args=[group.slug]))


class MyGroupsView(LoginRequiredMixin, ListView):
    template_name = "groups/my_groups.html"
    context_object_name = "memberships"

    def get_queryset(self) -> Any:
        return Membership.objects.filter(user=self.request.user).select_related("group").order_by("group__name_kana")


class MemberRequiredMixin(GroupScopedMixin):
    """The group's own members and city staff (`view_private`); others get 404 or 403."""

    login_required = True
    policy_action = "view_private"


class GroupManageView(MemberRequiredMixin, TemplateView):
    template_name = "groups/group_manage.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        group = self.get_group()
        user = self.request.user
        today = timezone.localdate()
        is_rep = permissions.is_representative(user, group)
        context.update(
            group=group,
            role=permissions.group_role(user, group),
            role_label=MembershipRole(role).label if (role := permissions.group_role(user, group)) else "",
            can_edit=permissions.can_edit(user, group) and group.status not in ("rejected", "withdrawn"),
            can_resubmit=is_rep and GroupStatus.PENDING in group.available_transitions(),
            can_renew=is_rep and group.status == GroupStatus.REGISTERED and services.renewal_window(today),
            can_withdraw=is_rep and GroupStatus.WITHDRAWN in group.available_transitions(),
            attachments=group.attachments.all(),
            can_post_event=permissions.can_post_for_group(user, group),
            events=group.events.filter(ends_at__gte=timezone.now()).for_list()[:20],
            openings=group.openings.filter(deadline__gte=timezone.localdate()).for_list()[:20],
            members=group.memberships.select_related("user").order_by("role", "user__full_name_kana"),
        )
        return context


class GroupEditView(MemberRequiredMixin, FormView):
    template_name = "groups/group_edit.html"
    form_class = GroupProfileForm

    policy_action = "edit"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        group = self.get_group()
        # Validate on a copy; the service compares with and writes the stored group.
        kwargs["instance"] = CommunityGroup.objects.get(pk=group.pk)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(group=self.get_group(), **kwargs)

    def form_valid(self, form: GroupProfileForm) -> HttpResponse:
        group = self.get_group()
        try:
            services.group_update(
                group=group,
                actor=self.request.user,
                data=form.service_data(),
                fields=form.cleaned_data["fields"],
                areas=form.cleaned_data["areas"],
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(self.request, _("The group's data has been saved."))
        return HttpResponseRedirect(reverse("groups:manage", args=[group.slug]))


class GroupActionView(MemberRequiredMixin, FormView):
    """A confirmed POST that calls one service (resubmit, renew, withdraw)."""

    template_name = "groups/group_confirm.html"
    form_class = ConfirmForm
    title = ""
    explanation = ""
    button = ""

    policy_action = "represent"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            group=self.get_group(), title=self.title, explanation=self.explanation, button=self.button, **kwargs
        )

    def run(self, group: CommunityGroup) -> str:
        raise NotImplementedError

    def form_valid(self, form: ConfirmForm) -> HttpResponse:
        group = self.get_group()
        try:
            message = self.run(group)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return HttpResponseRedirect(reverse("groups:manage", args=[group.slug]))


class GroupResubmitView(GroupActionView):
    title = _("Submit the application again")
    explanation = _("The city will review the corrected application.")
    button = _("Submit again")

    def run(self, group: CommunityGroup) -> str:
        services.group_resubmit(group=group, actor=self.request.user)
        return _("Your application has been sent again.")


class GroupRenewView(GroupActionView):
    title = _("Renew the registration")
    explanation = _(
        "Please check the group's data (edit it first if anything has changed). "
        "Renewing keeps the registration valid until the end of the next fiscal year."
    )
    button = _("Renew")

    def run(self, group: CommunityGroup) -> str:
        renewed = services.group_renew(group=group, actor=self.request.user)
        return _("The registration has been renewed until %(date)s.") % {"date": renewed.registered_until}


class GroupWithdrawView(GroupActionView):
    title = _("Withdraw the group")
    explanation = _(
        "The group leaves the directory and loses the privileges of a registered group. "
        "Its records are kept. This cannot be undone."
    )
    button = _("Withdraw the group")

    def run(self, group: CommunityGroup) -> str:
        services.group_withdraw(group=group, actor=self.request.user)
        return _("The group has been withdrawn.")


class AttachmentDownloadView(MemberRequiredMixin, View):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        attachment = get_object_or_404(GroupAttachment, group=self.get_group(), pk=pk)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=attachment.content_type, as_attachment=True)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(attachment.original_name)}"
        response["Cache-Control"] = "private, no-store"
        return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


# --- Staff review --------------------------------------------------------------------


class ReviewQueueView(CityStaffRequiredMixin, ListView):
    template_name = "groups/staff/review_queue.html"
    context_object_name = "groups"
    paginate_by = 50

    def get_queryset(self) -> Any:
        return CommunityGroup.objects.pending_review().select_related("applicant")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["returned"] = CommunityGroup.objects.filter(status=GroupStatus.RETURNED).order_by("-decided_at")[:20]
        return context


class GroupReviewView(GroupScopedMixin, FormView):
    template_name = "groups/staff/review.html"
    form_class = GroupReviewForm
    login_required = True
    policy_action = "review"

    def has_role(self, user: Any) -> bool:
        return permissions.can_review(user)

    def get_policy_queryset(self) -> Any:
        return CommunityGroup.objects.select_related("applicant", "decided_by").prefetch_related(
            "fields", "areas", Prefetch("attachments")
        )

    def get_initial(self) -> dict[str, Any]:
        return {"seen_status": self.get_group().status}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(group=self.get_group(), **kwargs)

    def form_valid(self, form: GroupReviewForm) -> HttpResponse:
        group = self.get_group()
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        expected = form.cleaned_data["seen_status"]
        try:
            if decision == ReviewDecision.APPROVE:
                services.group_approve(group=group, actor=self.request.user, expected_status=expected)
                message = _("%(name)s is now registered.")
            elif decision == ReviewDecision.RETURN:
                services.group_return(group=group, actor=self.request.user, reason=reason, expected_status=expected)
                message = _("%(name)s was returned for correction.")
            else:
                services.group_reject(group=group, actor=self.request.user, reason=reason, expected_status=expected)
                message = _("%(name)s was rejected.")
        except ValidationError as error:
            if is_stale(error):  # the page again as it is now, with the message
                messages.error(self.request, " ".join(error.messages))
                fresh = self.get_form_class()(initial=self.get_initial())
                return self.render_to_response(self.get_context_data(form=fresh), status=error_status(error))
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(self.request, message % {"name": group.name})
        return HttpResponseRedirect(reverse("groups:review-queue"))


# --- Members ----------------------------------------------------------------------------


class GroupMembersView(MemberRequiredMixin, TemplateView):
    """Members and their roles; the representative invites, changes roles, hands the
    role over and removes members; anyone may leave."""

    template_name = "groups/group_members.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        group = self.get_group()
        context.update(
            group=group,
            is_representative=permissions.is_representative(self.request.user, group),
            members=group.memberships.select_related("user").order_by("role", "user__full_name_kana"),
            invitations=group.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()),
            role_choices=INVITABLE_ROLES,
        )
        context.setdefault("invite_form", InviteForm())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        group = self.get_group()
        action = request.POST.get("action")
        handlers = {
            "invite": self._invite,
            "role": self._role,
            "handover": self._handover,
            "remove": self._remove,
        }
        if action not in handlers:
            return self._error(_("Unknown action."))
        try:
            return handlers[action](group)
        except ValidationError as error:
            return self._error(" ".join(error.messages))

    def _error(self, message: str, **context: Any) -> HttpResponse:
        messages.error(self.request, message)
        return self.render_to_response(self.get_context_data(**context), status=400)

    def _done(self, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return HttpResponseRedirect(reverse("groups:members", args=[self.get_group().slug]))

    def _membership(self, group: CommunityGroup) -> Membership:
        form = MemberForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose a member."))
        membership = Membership.objects.filter(group=group, pk=form.cleaned_data["membership"]).first()
        if membership is None:
            raise ValidationError(_("Choose a member."))
        return membership

    def _invite(self, group: CommunityGroup) -> HttpResponse:
        form = InviteForm(self.request.POST)
        if not form.is_valid():
            return self._error(_("Please correct the invitation."), invite_form=form)
        services.membership_invite(group=group, actor=self.request.user, **form.cleaned_data)
        return self._done(_("The invitation has been sent to %(email)s.") % {"email": form.cleaned_data["email"]})

    def _role(self, group: CommunityGroup) -> HttpResponse:
        form = MemberRoleForm(self.request.POST)
        if not form.is_valid():
            return self._error(_("Choose a role."))
        services.membership_change_role(
            membership=self._membership(group), actor=self.request.user, role=form.cleaned_data["role"]
        )
        return self._done(_("The role has been changed."))

    def _handover(self, group: CommunityGroup) -> HttpResponse:
        services.membership_handover(group=group, actor=self.request.user, to=self._membership(group))
        return self._done(_("The representative role has been handed over."))

    def _remove(self, group: CommunityGroup) -> HttpResponse:
        membership = self._membership(group)
        leaving = membership.user_id == self.request.user.pk
        services.membership_remove(membership=membership, actor=self.request.user)
        if leaving:
            messages.success(self.request, _("You have left the group."))
            return HttpResponseRedirect(reverse("groups:mine"))
        return self._done(_("The member has been removed."))


class InvitationView(LoginRequiredMixin, TemplateView):
    template_name = "groups/invitation.html"

    def get_invitation(self) -> MembershipInvitation:
        return get_object_or_404(MembershipInvitation.objects.select_related("group"), token=self.kwargs["token"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        invitation = self.get_invitation()
        return super().get_context_data(
            invitation=invitation,
            email_matches=invitation.email.lower() == self.request.user.email.lower(),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        invitation = self.get_invitation()
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(), status=400)
        messages.success(request, _("You have joined %(group)s.") % {"group": invitation.group.name})
        return HttpResponseRedirect(reverse("groups:manage", args=[invitation.group.slug]))
