"""Pages of a project's 協定書 (agreement).

- `agreement-new` and `agreement-edit`: staff who manage the project (the window, the
  department in charge) draft and edit; 404 when the project is not visible, 403 when
  visible but not theirs.
- `agreement`: one version with every version of the project (who confirmed when), the
  partners' confirmation and the staff's buttons; partners and managers only (404 for
  everyone else, a partner of another project included).
- `agreement-pdf`: the version as a PDF with the 和暦 dates, same audience.
A refusal because the state changed since the page was drawn answers 409."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from collaboration.forms.agreements import AgreementForm, ConfirmForm, ReviseForm, StaffActionForm
from collaboration.models import Agreement, AgreementStatus, Project
from collaboration.permissions import partners_acting_for, project_policy
from collaboration.selectors_agreements import agreement_for, agreement_versions, project_partners
from collaboration.services import agreements as services
from portal.dates import wareki
from portal.forms import form_errors_from
from portal.pdf import Notice, city_sender, pdf_response
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status, is_stale

__all__ = ["AgreementEditView", "AgreementNewView", "AgreementPdfView", "AgreementView", "agreement_notice"]

S = AgreementStatus


class _ManageProjectMixin(PolicyObjectMixin):
    policy = project_policy
    policy_action = "manage"
    login_required = True
    lookup_kwarg = "slug"
    lookup_field = "slug"


class _AgreementMixin(AccessMixin):
    """Loads the agreement version for partners and managers (404 for the others)."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.agreement = agreement_for(request.user, kwargs["pk"])
        if self.agreement is None:
            raise Http404
        self.project = self.agreement.project
        self.can_manage = project_policy.can(request.user, "manage", self.project)
        return super().dispatch(request, *args, **kwargs)


def _form_data(form: AgreementForm) -> dict[str, Any]:
    return {name: form.cleaned_data.get(name) for name in services.AGREEMENT_FIELDS}


class AgreementNewView(_ManageProjectMixin, TemplateView):
    """Draft version 1 of the project's agreement."""

    template_name = "collaboration/agreements/edit.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        project = self.get_policy_object()
        existing = project.agreements.order_by("-version").first()
        if existing is not None:
            messages.info(request, _("This project already has an agreement."))
            return HttpResponseRedirect(existing.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form(self, data: Any = None) -> AgreementForm:
        project: Project = self.get_policy_object()
        partners = project_partners(project)
        initial = {
            "title": _("Agreement on “%(project)s”") % {"project": project.title},
            "purpose": project.summary,
            "cost_sharing": project.cost_sharing,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            **{f"party_{p.pk}": p.role for p in partners},
        }
        return AgreementForm(data, partners=partners, initial=initial)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["project"] = self.get_policy_object()
        context["agreement"] = None
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        project = self.get_policy_object()
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            agreement = services.agreement_create(
                actor=request.user, project=project, data=_form_data(form), roles=form.roles()
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(form=form), status=error_status(error))
        messages.success(request, _("The draft agreement has been saved."))
        return HttpResponseRedirect(agreement.get_absolute_url())


class AgreementEditView(_AgreementMixin, TemplateView):
    """Edit a draft version (managers only)."""

    template_name = "collaboration/agreements/edit.html"

    def _check(self) -> None:
        if not self.can_manage:
            raise PermissionDenied

    def get_form(self, data: Any = None) -> AgreementForm:
        agreement = self.agreement
        parties = {p.partner_id: p.roles for p in agreement.parties.all()}
        partners = project_partners(self.project)
        initial = {
            **{name: getattr(agreement, name) for name in services.AGREEMENT_FIELDS},
            "change_reason": agreement.change_reason,
            "seen_status": agreement.status,
            **{f"party_{p.pk}": parties.get(p.pk, p.role) for p in partners},
        }
        return AgreementForm(data, partners=partners, initial=initial, with_reason=agreement.version > 1)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._check()
        if self.agreement.status != S.DRAFT:
            messages.info(request, _("Only a draft agreement can be edited."))
            return HttpResponseRedirect(self.agreement.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["project"] = self.project
        context["agreement"] = self.agreement
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._check()
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.agreement_update(
                actor=request.user,
                agreement=self.agreement,
                data=_form_data(form),
                roles=form.roles(),
                change_reason=form.cleaned_data.get("change_reason") if self.agreement.version > 1 else None,
                expected_status=form.cleaned_data.get("seen_status"),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if is_stale(error):
                self.agreement.refresh_from_db()
                return self.render_to_response(self.get_context_data(form=self.get_form()), status=error_status(error))
            form_errors_from(error, form)
            return self.render_to_response(self.get_context_data(form=form), status=error_status(error))
        messages.success(request, _("The draft agreement has been saved."))
        return HttpResponseRedirect(self.agreement.get_absolute_url())


class AgreementView(_AgreementMixin, TemplateView):
    """One version, every version of the project, confirmations and the actions."""

    template_name = "collaboration/agreements/detail.html"

    def confirmable(self) -> list[Any]:
        if self.agreement.status != S.CIRCULATING:
            return []
        waiting = {p.partner_id for p in self.agreement.parties.all() if p.confirmed_at is None}
        return [p for p in partners_acting_for(self.request.user, self.project) if p.pk in waiting]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agreement = self.agreement
        versions = agreement_versions(self.project)
        current = next((v for v in versions if v.pk == agreement.pk), agreement)
        confirmable = self.confirmable()
        has_open = any(v.status in (S.DRAFT, S.CIRCULATING) for v in versions)
        context.update(
            project=self.project,
            agreement=current,
            versions=versions,
            can_manage=self.can_manage,
            confirm_form=kwargs.get("confirm_form")
            or (ConfirmForm(partners=confirmable, initial={"seen_status": agreement.status}) if confirmable else None),
            action_form=StaffActionForm(initial={"seen_status": agreement.status}),
            revise_form=kwargs.get("revise_form")
            or (ReviseForm() if self.can_manage and agreement.status == S.IN_FORCE and not has_open else None),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        try:
            if action == "confirm":
                acting = partners_acting_for(request.user, self.project)
                if not acting:
                    raise PermissionDenied
                form = ConfirmForm(request.POST, partners=acting)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(confirm_form=form), status=400)
                partner = next(p for p in self.project.partners.all() if p.pk == form.cleaned_data["partner"])
                services.agreement_confirm(request.user, self.agreement, partner, form.cleaned_data.get("seen_status"))
                messages.success(request, _("Your confirmation has been recorded."))
            elif action in ("circulate", "withdraw"):
                if not self.can_manage:
                    raise PermissionDenied
                form = StaffActionForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(), status=400)
                service = services.agreement_circulate if action == "circulate" else services.agreement_withdraw
                service(actor=request.user, agreement=self.agreement, expected_status=form.cleaned_data["seen_status"])
                messages.success(
                    request,
                    _("The agreement has been sent to the parties for confirmation.")
                    if action == "circulate"
                    else _("The agreement is a draft again; the confirmations were cleared."),
                )
            elif action == "revise":
                if not self.can_manage:
                    raise PermissionDenied
                form = ReviseForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(revise_form=form), status=400)
                new = services.agreement_revise(
                    actor=request.user, agreement=self.agreement, change_reason=form.cleaned_data["change_reason"]
                )
                messages.success(request, _("Version %(version)d has been drafted.") % {"version": new.version})
                return HttpResponseRedirect(new.get_absolute_url())
            else:
                return self.render_to_response(self.get_context_data(), status=400)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            self.agreement.refresh_from_db()
            return self.render_to_response(self.get_context_data(), status=error_status(error))
        return HttpResponseRedirect(self.agreement.get_absolute_url())


def agreement_notice(agreement: Agreement) -> Notice:
    """The 協定書 as an official document: the terms, the parties with their roles and
    confirmation dates, and the version."""
    project = agreement.project
    parties = list(agreement.parties.select_related("partner", "partner__group", "partner__department"))
    period = wareki(agreement.starts_on)
    if agreement.ends_on:
        period += f"から{wareki(agreement.ends_on)}まで"
    else:
        period += "から"
    rows: list[tuple[str, str]] = [
        ("協働事業", project.title),
        ("目的", agreement.purpose),
    ]
    for party in parties:
        rows.append((f"{party.partner.display_name}の役割と責任", party.roles))
    rows += [
        ("費用分担", agreement.cost_sharing or "なし"),
        ("リスクと負担者", agreement.risks or "なし"),
        ("期間", period),
        ("紛争の解決", agreement.disputes or "協議により解決する"),
        ("その他", agreement.other_terms or "なし"),
    ]
    if agreement.version > 1 and agreement.change_reason:
        rows.append(("変更の内容と理由", agreement.change_reason))
    for party in parties:
        confirmed = f"{wareki(timezone.localtime(party.confirmed_at).date())} 確認" if party.confirmed_at else "未確認"
        rows.append((f"確認（{party.partner.display_name}）", confirmed))
    draft = agreement.status in (S.DRAFT, S.CIRCULATING)
    date = timezone.localtime(agreement.in_force_at).date() if agreement.in_force_at else timezone.localdate()
    status_line = {
        S.DRAFT: "（案）",
        S.CIRCULATING: "（案・確認中）",
        S.IN_FORCE: "",
        S.SUPERSEDED: "（新しい版により失効）",
    }[S(agreement.status)]
    return Notice(
        title=f"{agreement.title}{'（案）' if draft else ''}",
        number=f"第{agreement.version}版{status_line}",
        date=date,
        addressee="、".join(p.partner.display_name for p in parties),
        sender=city_sender(),
        body=["各当事者は、次のとおり協働事業の実施について協定する。"],
        rows=rows,
        closing=[f"この協定は、全ての当事者の確認をもって効力を生じる。（第{agreement.version}版）"],
    )


class AgreementPdfView(_AgreementMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        agreement = self.agreement
        return pdf_response(f"協定書-{self.project.slug}-第{agreement.version}版.pdf", agreement_notice(agreement))
