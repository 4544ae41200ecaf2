"""Pages after review (grants area): the decisions with the budget, their publication,
the grant with its notice (PDF), advances and payments, changes, the report and its
reminders, the final amount with its notice (PDF), and the refund.

Staff pages: city staff only (403 for everyone else, the log-in page for anonymous
users), objects that do not exist 404. Group pages: the application's policy (404 when
not visible, 403 for members without the edit right and for staff). A stale decision
(the state changed since the page was drawn) is answered 409 with the page as it now is.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from portal.dates import wareki
from portal.forms import SeenStatusForm, form_errors_from
from portal.pdf import Notice, city_sender, pdf_response
from portal.permissions import RoleRequiredMixin
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status, is_stale
from subsidies import selectors
from subsidies.forms.grants import (
    AdvanceForm,
    ChangeDecisionForm,
    ChangeRequestForm,
    ConfirmAmountForm,
    DecisionForm,
    GrantForm,
    PaymentDecisionForm,
    PublishForm,
    RefundForm,
    ReportAttachmentForm,
    ReportDecisionForm,
    ReportForm,
    formset_lines,
    line_formsets,
)
from subsidies.models import (
    AmountConfirmation,
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    BudgetLine,
    BudgetSide,
    BudgetStage,
    ChangeRequest,
    ChangeStatus,
    ExpenseCategory,
    Grant,
    Payment,
    PaymentStatus,
    RefundStatus,
    Report,
    ReportStatus,
)
from subsidies.permissions import application_policy, is_subsidy_staff
from subsidies.services import grants as services

__all__ = [
    "AdvanceRequestView",
    "ChangeRequestView",
    "ConfirmationPdfView",
    "GrantPdfView",
    "ReportView",
    "StaffChangeView",
    "StaffConfirmView",
    "StaffDecideView",
    "StaffDecisionsPublishView",
    "StaffDecisionsView",
    "StaffGrantView",
    "StaffPaymentView",
    "StaffRefundedView",
    "StaffReportView",
    "StaffReportsOverdueView",
]

S = ApplicationStatus


def _refused(view: Any, error: ValidationError, bound_form: Any = None, **context: Any) -> HttpResponse:
    """The page again after a service refused: 409 with fresh forms when the state
    changed since the page was drawn, else 400 with the errors on the form."""
    messages.error(view.request, " ".join(error.messages))
    if is_stale(error):
        return view.render_to_response(view.get_context_data(), status=error_status(error))
    if bound_form is not None:
        form_errors_from(error, bound_form)
    return view.render_to_response(view.get_context_data(**context), status=400)


# --- Mixins ---------------------------------------------------------------------------------------


class SubsidyStaffMixin(RoleRequiredMixin):
    def has_role(self, user: Any) -> bool:
        return is_subsidy_staff(user)


class StaffApplicationMixin(PolicyObjectMixin):
    """A staff page about one application (city staff only)."""

    policy = application_policy
    policy_action = "decide"
    login_required = True

    def has_role(self, user: Any) -> bool:
        return is_subsidy_staff(user)

    def get_policy_queryset(self) -> QuerySet[Application]:
        return Application.objects.select_related("programme", "category", "group")

    def get_application(self) -> Application:
        return self.get_policy_object()


class GroupApplicationMixin(PolicyObjectMixin):
    """A group's page about its application: the representative and editors."""

    policy = application_policy
    policy_action = "edit"
    login_required = True

    def get_policy_queryset(self) -> QuerySet[Application]:
        return Application.objects.select_related("programme", "category", "group")

    def get_application(self) -> Application:
        return self.get_policy_object()


class StaffRowMixin(SubsidyStaffMixin):
    """A staff page about a payment, change, report or confirmation (by its id)."""

    model: ClassVar[type[Model]]
    kwargs: dict[str, Any]

    def get_row(self) -> Any:
        if not hasattr(self, "_row"):
            qs = self.model._default_manager.select_related(
                "application__programme", "application__category", "application__group"
            )
            self._row = get_object_or_404(qs, pk=self.kwargs["pk"])
        return self._row


# --- Decisions ------------------------------------------------------------------------------------


def decision_form(application: Application, data: Any = None) -> DecisionForm:
    return DecisionForm(
        data,
        auto_id=f"id_decide_{application.pk}_%s",
        initial={"seen_status": application.status, "amount": application.requested_amount, "decision": "adopt"},
    )


class StaffDecisionsView(SubsidyStaffMixin, TemplateView):
    """The accepted applications, ranked by the committee's scores (else by receipt
    number), with the budget left and a decision form for each one undecided."""

    template_name = "subsidies/staff/grants/decisions.html"
    paginate_by = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = selectors.programme_or_404(self.kwargs["year"], self.kwargs["slug"])
        rows = selectors.decision_rows(programme)
        page = Paginator(rows, self.paginate_by).get_page(self.request.GET.get("page"))
        page_rows = selectors.load_decision_rows(programme, list(page.object_list))
        undecided, unpublished = selectors.decision_counts(programme)
        for row in page_rows:
            row.form = decision_form(row.application) if row.application.status == S.ACCEPTED else None
            row.undo_form = (
                SeenStatusForm(
                    choices=S.choices,
                    initial={"seen_status": row.application.status},
                    auto_id=f"id_undo_{row.application.pk}_%s",
                )
                if row.application.status in (S.ADOPTED, S.REJECTED) and not row.application.decision_published_at
                else None
            )
        context.update(
            programme=programme,
            rows=page_rows,
            rows_stamp=selectors.decision_rows_stamp(page_rows),
            page_obj=page,
            budget=selectors.programme_budget(programme),
            follow_ups=selectors.programme_follow_ups(programme),
            undecided=undecided,
            unpublished=unpublished,
            has_committee=programme.committee_id is not None,
            pass_mark=programme.committee.pass_mark if programme.committee_id else None,
        )
        return context


class StaffDecideView(StaffApplicationMixin, TemplateView):
    """Decide one application (adopt with an amount, or not), or take a decision back
    before publication. Success returns to the programme's decisions."""

    template_name = "subsidies/staff/grants/decide.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        programme = application.programme
        summary = None
        if programme.committee_id:
            from portal.review_services import ranked_summary

            summary = next(iter(ranked_summary(programme.committee, [application])), None)
        context.update(
            application=application,
            programme=programme,
            budget=selectors.programme_budget(programme),
            summary=summary,
            plan_lines=list(
                BudgetLine.objects.filter(application=application, stage=BudgetStage.PLAN).select_related(
                    "expense_category"
                )
            ),
            form=kwargs.get("form") or decision_form(application),
            undo_form=SeenStatusForm(choices=S.choices, initial={"seen_status": application.status}),
            can_decide=application.status == S.ACCEPTED,
            can_undo=application.status in (S.ADOPTED, S.REJECTED) and not application.decision_published_at,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_application()
        action = request.POST.get("action", "decide")
        form: Any = SeenStatusForm(request.POST, choices=S.choices) if action == "undo" else DecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(**({} if action == "undo" else {"form": form})), status=400
            )
        data = form.cleaned_data
        try:
            if action == "undo":
                services.application_decision_undo(
                    actor=request.user, application=application, expected_status=data["seen_status"]
                )
                messages.success(request, _("The decision has been taken back."))
            else:
                services.application_decide(
                    actor=request.user,
                    application=application,
                    adopt=data["decision"] == "adopt",
                    amount=data["amount"],
                    reason=data["reason"],
                    assessment_reason=data["assessment_reason"],
                    expected_status=data["seen_status"],
                )
                messages.success(request, _("The decision has been saved. It is published with the others."))
        except ValidationError as error:
            return _refused(
                self, error, form if action != "undo" else None, **({"form": form} if action != "undo" else {})
            )
        programme = application.programme
        return HttpResponseRedirect(
            reverse("subsidies:staff-decisions", args=[programme.fiscal_year, programme.slug])
            + f"#app-{application.pk}"
        )


class StaffDecisionsPublishView(SubsidyStaffMixin, TemplateView):
    """一括公開: confirm, then publish every decision of the programme at once."""

    template_name = "subsidies/staff/grants/publish.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = selectors.programme_or_404(self.kwargs["year"], self.kwargs["slug"])
        counts = dict(
            Application.objects.filter(programme=programme, decision_published_at__isnull=True)
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        context.update(
            programme=programme,
            budget=selectors.programme_budget(programme),
            adopted=counts.get(S.ADOPTED, 0),
            rejected=counts.get(S.REJECTED, 0),
            undecided=counts.get(S.ACCEPTED, 0),
            form=kwargs.get("form") or PublishForm(),
        )
        return context

    def post(self, request: HttpRequest, year: int, slug: str) -> HttpResponse:
        programme = selectors.programme_or_404(year, slug)
        form = PublishForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            published = services.decisions_publish(actor=request.user, programme=programme)
        except ValidationError as error:
            return _refused(self, error, form, form=form)
        messages.success(
            request,
            _("%(count)s decisions have been published and every group told by e-mail.") % {"count": len(published)},
        )
        return HttpResponseRedirect(reverse("subsidies:staff-decisions", args=[year, slug]))


# --- Grant (交付決定) ------------------------------------------------------------------------------


class StaffGrantView(StaffApplicationMixin, TemplateView):
    template_name = "subsidies/staff/grants/grant.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        grant = Grant.objects.filter(application=application).first()
        can_grant = application.status == S.ADOPTED and application.decision_published_at is not None
        form = kwargs.get("form")
        if form is None and can_grant:
            form = GrantForm(
                initial={
                    "document_number": services.document_number_suggest(),
                    "decided_on": timezone.localdate(),
                    "amount": application.awarded_amount,
                    "seen_status": application.status,
                }
            )
        context.update(application=application, grant=grant, can_grant=can_grant, form=form)
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_application()
        form = GrantForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            services.grant_decide(
                actor=request.user,
                application=application,
                document_number=data["document_number"],
                decided_on=data["decided_on"],
                amount=data["amount"],
                conditions=data["conditions"],
                expected_status=data["seen_status"],
            )
        except ValidationError as error:
            return _refused(self, error, form, form=form)
        messages.success(request, _("The grant has been decided and the group told by e-mail."))
        return HttpResponseRedirect(reverse("subsidies:staff-grant", args=[application.pk]))


def _addressee(application: Application) -> str:
    group = application.group
    name = group.name
    if group.representative_name:
        name += f" 代表 {group.representative_name}"
    return f"{name} 様"


def grant_notice(application: Application, grant: Grant) -> Notice:
    """交付決定通知書."""
    programme = application.programme
    submitted = timezone.localtime(application.submitted_at).date() if application.submitted_at else None
    applied = f"{wareki(submitted)}付けで" if submitted else ""
    return Notice(
        title=f"{programme.name}交付決定通知書",
        number=grant.document_number,
        date=grant.decided_on,
        addressee=_addressee(application),
        sender=city_sender(),
        body=[
            f"{applied}申請のあった{programme.name}については、次のとおり交付することに決定したので通知します。",
        ],
        rows=[
            ("補助金の名称", programme.name),
            ("部門", application.category.name),
            ("受付番号", application.receipt_number or ""),
            ("補助事業者", application.group.name),
            ("代表者", application.group.representative_name),
            ("補助事業名", application.title),
            ("交付決定額", f"金{grant.amount:,}円"),
            ("実績報告の期限", wareki(programme.report_due_on)),
            ("交付の条件", grant.conditions or "補助金交付要綱に定めるとおり"),
        ],
        closing=[
            "補助事業の内容又は経費の配分を変更しようとするときは、あらかじめ変更承認申請をしてください。",
            "補助事業が完了したときは、期限までに実績報告書を提出してください。",
        ],
    )


def confirmation_notice(application: Application, confirmation: AmountConfirmation, grant: Grant) -> Notice:
    """額の確定通知書."""
    programme = application.programme
    rows = [
        ("補助金の名称", programme.name),
        ("補助事業者", application.group.name),
        ("代表者", application.group.representative_name),
        ("補助事業名", application.title),
        ("交付決定額", f"金{grant.amount:,}円（{grant.document_number}）"),
        ("確定額", f"金{confirmation.amount:,}円"),
        ("概算払済額", f"金{confirmation.paid_before:,}円"),
        ("返還額", f"金{confirmation.refund_due:,}円"),
    ]
    unpaid = max(confirmation.amount - confirmation.paid_before, 0)
    if unpaid:
        rows.append(("今後の支払額", f"金{unpaid:,}円"))
    closing = []
    if confirmation.refund_due:
        closing.append("返還額については、別途送付する納入通知書により期限までに納付してください。")
    return Notice(
        title=f"{programme.name}額の確定通知書",
        number=confirmation.document_number,
        date=confirmation.confirmed_on,
        addressee=_addressee(application),
        sender=city_sender(),
        body=[
            f"{wareki(grant.decided_on)}付け{grant.document_number}で交付決定した{programme.name}について、"
            "実績報告書を審査した結果、次のとおり交付すべき額を確定したので通知します。"
        ],
        rows=rows,
        closing=closing,
    )


class GrantPdfView(PolicyObjectMixin, View):
    """The 交付決定通知書 (PDF): the group's members and city staff, once granted."""

    policy = application_policy
    login_required = True

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_policy_object()
        grant = Grant.objects.filter(application=application).first()
        if grant is None or application.status not in (S.GRANTED, S.CONFIRMED):
            raise Http404
        return pdf_response(f"交付決定通知書-{grant.document_number}.pdf", grant_notice(application, grant))


class ConfirmationPdfView(PolicyObjectMixin, View):
    """The 額の確定通知書 (PDF): the group's members and city staff, once confirmed."""

    policy = application_policy
    login_required = True

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_policy_object()
        confirmation = AmountConfirmation.objects.filter(application=application).first()
        grant = Grant.objects.filter(application=application).first()
        if confirmation is None or grant is None or application.status != S.CONFIRMED:
            raise Http404
        notice = confirmation_notice(application, confirmation, grant)
        return pdf_response(f"額の確定通知書-{confirmation.document_number}.pdf", notice)


# --- Advances (概算払) ------------------------------------------------------------------------------


class AdvanceRequestView(GroupApplicationMixin, TemplateView):
    template_name = "subsidies/grants/advance.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        grant = Grant.objects.filter(application=application).first()
        limit = used = 0
        if grant is not None:
            limit, used = services.advance_limit(application, grant)
        allowed = (
            grant is not None and application.status == S.GRANTED and application.programme.advance_max_percent > 0
        )
        context.update(
            application=application,
            grant=grant,
            limit=limit,
            used=used,
            left=max(limit - used, 0),
            allowed=allowed,
            payments=list(Payment.objects.filter(application=application).order_by("created_at", "pk")),
            form=kwargs.get("form") or AdvanceForm(),
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_application()
        form = AdvanceForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.payment_request(
                actor=request.user,
                application=application,
                amount=form.cleaned_data["amount"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            return _refused(self, error, form, form=form)
        messages.success(request, _("Your request for an advance payment has been sent to the city."))
        return HttpResponseRedirect(reverse("subsidies:advance-request", args=[application.pk]))


class StaffPaymentView(StaffRowMixin, TemplateView):
    template_name = "subsidies/staff/grants/payment.html"
    model = Payment

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        payment = self.get_row()
        application = payment.application
        grant = Grant.objects.filter(application=application).first()
        context.update(
            payment=payment,
            application=application,
            grant=grant,
            others=list(Payment.objects.filter(application=application).exclude(pk=payment.pk).order_by("pk")),
            form=kwargs.get("form")
            or PaymentDecisionForm(initial={"seen_status": payment.status, "paid_on": timezone.localdate()}),
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        payment = self.get_row()
        form = PaymentDecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            if data["decision"] == "pay":
                services.payment_pay(
                    actor=request.user,
                    payment=payment,
                    paid_on=data["paid_on"],
                    note=data["note"],
                    expected_status=data["seen_status"],
                )
            else:
                services.payment_refuse(
                    actor=request.user, payment=payment, note=data["note"], expected_status=data["seen_status"]
                )
        except ValidationError as error:
            return _refused(self, error, form, form=form)
        messages.success(request, _("Saved. The group has been told by e-mail."))
        return HttpResponseRedirect(reverse("subsidies:staff-payment", args=[payment.pk]))


# --- Change requests ------------------------------------------------------------------------


def _category_names(ids: set[int]) -> dict[int, str]:
    return {c.pk: str(c) for c in ExpenseCategory.objects.filter(pk__in=ids)}


def change_comparison(application: Application, change: ChangeRequest) -> list[dict[str, Any]]:
    """Per expense category: the plan, the proposal and the change in percent."""
    current: dict[int, int] = {}
    for line in BudgetLine.objects.filter(application=application, stage=BudgetStage.PLAN, side=BudgetSide.EXPENSE):
        current[line.expense_category_id] = current.get(line.expense_category_id, 0) + line.amount
    proposed: dict[int, int] = {}
    for row in change.proposed_budget:
        if row.get("side") == BudgetSide.EXPENSE and row.get("expense_category"):
            proposed[row["expense_category"]] = proposed.get(row["expense_category"], 0) + row["amount"]
    names = _category_names(set(current) | set(proposed))
    rows = []
    for pk in sorted(set(current) | set(proposed), key=lambda k: names.get(k, "")):
        old, new = current.get(pk, 0), proposed.get(pk, 0)
        percent = None
        if old:
            percent = (Decimal(abs(new - old) * 100) / old).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        rows.append({"name": names.get(pk, "?"), "current": old, "proposed": new, "percent": percent})
    return rows


class ChangeRequestView(GroupApplicationMixin, TemplateView):
    """変更承認申請: the new plan (reason, content, budget lines); or withdraw one
    awaiting approval."""

    template_name = "subsidies/grants/change.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        plan = list(
            BudgetLine.objects.filter(application=application, stage=BudgetStage.PLAN).select_related(
                "expense_category"
            )
        )
        changes = list(ChangeRequest.objects.filter(application=application).order_by("-created_at", "-pk"))
        expense_formset, income_formset = kwargs.get("formsets") or line_formsets(lines=plan)
        report = Report.objects.filter(application=application).first()
        allowed = application.status == S.GRANTED and (report is None or report.status == ReportStatus.DRAFT)
        pending = next((c for c in changes if c.status == ChangeStatus.REQUESTED), None)
        context.update(
            application=application,
            plan=plan,
            changes=changes,
            pending=pending,
            allowed=allowed and pending is None,
            threshold=application.programme.change_threshold_percent,
            form=kwargs.get("form") or ChangeRequestForm(),
            expense_formset=expense_formset,
            income_formset=income_formset,
            withdraw_form=SeenStatusForm(choices=ChangeStatus.choices, initial={"seen_status": pending.status})
            if pending
            else None,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_application()
        if request.POST.get("action") == "withdraw":
            return self.withdraw(request, application)
        form = ChangeRequestForm(request.POST)
        formsets = line_formsets(request.POST)
        if not (form.is_valid() and all(f.is_valid() for f in formsets)):
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets), status=400)
        try:
            change = services.change_request(
                actor=request.user,
                application=application,
                reason=form.cleaned_data["reason"],
                content_change=form.cleaned_data["content_change"],
                lines=formset_lines(*formsets),
            )
        except ValidationError as error:
            return _refused(self, error, form, form=form, formsets=formsets)
        if change.status == ChangeStatus.NOTIFIED:
            messages.success(request, _("The change is minor: it has been notified and applies now."))
        else:
            messages.success(request, _("The change needs the city's approval. You will be told by e-mail."))
        return HttpResponseRedirect(reverse("subsidies:change-request", args=[application.pk]))

    def withdraw(self, request: HttpRequest, application: Application) -> HttpResponse:
        change = ChangeRequest.objects.filter(application=application, status=ChangeStatus.REQUESTED).first()
        form = SeenStatusForm(request.POST, choices=ChangeStatus.choices)
        if change is None or not form.is_valid():
            messages.error(request, _("There is no change awaiting approval to withdraw."))
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            services.change_withdraw(
                actor=request.user, change=change, expected_status=form.cleaned_data["seen_status"]
            )
        except ValidationError as error:
            return _refused(self, error)
        messages.success(request, _("The change request has been withdrawn."))
        return HttpResponseRedirect(reverse("subsidies:change-request", args=[application.pk]))


class StaffChangeView(StaffRowMixin, TemplateView):
    template_name = "subsidies/staff/grants/change.html"
    model = ChangeRequest

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        change = self.get_row()
        context.update(
            change=change,
            application=change.application,
            comparison=change_comparison(change.application, change),
            form=kwargs.get("form") or ChangeDecisionForm(initial={"seen_status": change.status}),
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        change = self.get_row()
        form = ChangeDecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.change_approve(
                    actor=request.user, change=change, reason=data["reason"], expected_status=data["seen_status"]
                )
            else:
                services.change_refuse(
                    actor=request.user, change=change, reason=data["reason"], expected_status=data["seen_status"]
                )
        except ValidationError as error:
            return _refused(self, error, form, form=form)
        messages.success(request, _("Saved. The group has been told by e-mail."))
        return HttpResponseRedirect(reverse("subsidies:staff-change", args=[change.pk]))


# --- Report ----------------------------------------------------------------------------


class ReportView(GroupApplicationMixin, TemplateView):
    """The report: save a draft, submit it, attach receipts and photos."""

    template_name = "subsidies/grants/report.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        report = Report.objects.filter(application=application).first()
        editable = application.status == S.GRANTED and (
            report is None or report.status in services.REPORT_EDITABLE_STATUSES
        )
        lines = list(
            BudgetLine.objects.filter(application=application, stage=BudgetStage.ACTUAL).select_related(
                "expense_category"
            )
        )
        if not lines and report is None:  # start from the plan
            lines = list(
                BudgetLine.objects.filter(application=application, stage=BudgetStage.PLAN).select_related(
                    "expense_category"
                )
            )
        initial = {name: getattr(report, name) for name in services.REPORT_FIELDS} if report else {}
        initial["seen_status"] = report.status if report else ReportStatus.DRAFT
        expense_formset, income_formset = kwargs.get("formsets") or line_formsets(lines=lines)
        context.update(
            application=application,
            report=report,
            editable=editable,
            form=kwargs.get("form") or ReportForm(initial=initial),
            expense_formset=expense_formset,
            income_formset=income_formset,
            attachment_form=kwargs.get("attachment_form") or ReportAttachmentForm(),
            attachments=list(
                ApplicationAttachment.objects.filter(application=application, for_report=True).order_by("pk")
            ),
            actual_lines=[line for line in lines if line.stage == BudgetStage.ACTUAL],
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_application()
        action = request.POST.get("action", "save")
        if action == "upload":
            return self.upload(request, application)
        form = ReportForm(request.POST)
        formsets = line_formsets(request.POST)
        if not (form.is_valid() and all(f.is_valid() for f in formsets)):
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets), status=400)
        data = form.cleaned_data
        try:
            services.report_save(
                actor=request.user,
                application=application,
                data={name: data[name] for name in services.REPORT_FIELDS},
                lines=formset_lines(*formsets),
                submit=action == "submit",
                expected_status=data["seen_status"],
            )
        except ValidationError as error:
            return _refused(self, error, form, form=form, formsets=formsets)
        if action == "submit":
            messages.success(request, _("Your report has been submitted. The city will check it."))
        else:
            messages.success(request, _("Your report has been saved as a draft."))
        return HttpResponseRedirect(reverse("subsidies:report", args=[application.pk]))

    def upload(self, request: HttpRequest, application: Application) -> HttpResponse:
        form = ReportAttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(attachment_form=form), status=400)
        try:
            services.report_attachment_add(
                actor=request.user,
                application=application,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            return _refused(self, error, form, attachment_form=form)
        messages.success(request, _("The file has been attached to your report."))
        return HttpResponseRedirect(reverse("subsidies:report", args=[application.pk]))


class StaffReportView(StaffRowMixin, TemplateView):
    template_name = "subsidies/staff/grants/report.html"
    model = Report

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.get_row()
        application = report.application
        context.update(
            report=report,
            application=application,
            lines=list(
                BudgetLine.objects.filter(application=application, stage=BudgetStage.ACTUAL).select_related(
                    "expense_category"
                )
            ),
            attachments=list(
                ApplicationAttachment.objects.filter(application=application, for_report=True).order_by("pk")
            ),
            form=kwargs.get("form") or ReportDecisionForm(initial={"seen_status": report.status}),
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.get_row()
        form = ReportDecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                services.report_accept(actor=request.user, report=report, expected_status=data["seen_status"])
            else:
                services.report_return(
                    actor=request.user, report=report, reason=data["reason"], expected_status=data["seen_status"]
                )
        except ValidationError as error:
            return _refused(self, error, form, form=form)
        messages.success(request, _("Saved. The group has been told by e-mail."))
        return HttpResponseRedirect(reverse("subsidies:staff-report", args=[report.pk]))


class StaffReportsOverdueView(SubsidyStaffMixin, ListView):
    """Granted subsidies whose report is past its deadline and not submitted."""

    template_name = "subsidies/staff/grants/reports_overdue.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Application]:
        return selectors.reports_overdue()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


# --- Final amount (額の確定) and refund --------------------------------------------------------------


class StaffConfirmView(StaffApplicationMixin, TemplateView):
    template_name = "subsidies/staff/grants/confirm.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application = self.get_application()
        report = Report.objects.filter(application=application).first()
        grant = Grant.objects.filter(application=application).first()
        confirmation = AmountConfirmation.objects.filter(application=application).first()
        can_confirm = (
            application.status == S.GRANTED
            and grant is not None
            and report is not None
            and report.status == ReportStatus.ACCEPTED
        )
        figures = services.confirmation_figures(application) if can_confirm else None
        form = kwargs.get("form")
        if form is None and can_confirm:
            form = ConfirmAmountForm(
                initial={
                    "document_number": services.document_number_suggest(),
                    "confirmed_on": timezone.localdate(),
                    "seen_status": application.status,
                }
            )
        context.update(
            application=application,
            grant=grant,
            report=report,
            confirmation=confirmation,
            figures=figures,
            can_confirm=can_confirm,
            open_payments=Payment.objects.filter(application=application, status=PaymentStatus.REQUESTED).count(),
            form=form,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self.get_application()
        form = ConfirmAmountForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.amount_confirm(
                actor=request.user,
                application=application,
                document_number=form.cleaned_data["document_number"],
                confirmed_on=form.cleaned_data["confirmed_on"],
                expected_status=form.cleaned_data["seen_status"],
            )
        except ValidationError as error:
            return _refused(self, error, form, form=form)
        messages.success(request, _("The amount has been confirmed and the group told by e-mail."))
        return HttpResponseRedirect(reverse("subsidies:staff-confirm", args=[application.pk]))


class StaffRefundedView(StaffRowMixin, TemplateView):
    template_name = "subsidies/staff/grants/refunded.html"
    model = AmountConfirmation

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        confirmation = self.get_row()
        context.update(
            confirmation=confirmation,
            application=confirmation.application,
            form=kwargs.get("form")
            or RefundForm(initial={"seen_status": confirmation.refund_status, "refunded_on": timezone.localdate()}),
            can_record=confirmation.refund_status == RefundStatus.DUE,
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        confirmation = self.get_row()
        form = RefundForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.refund_record(
                actor=request.user,
                confirmation=confirmation,
                refunded_on=form.cleaned_data["refunded_on"],
                expected_status=form.cleaned_data["seen_status"],
            )
        except ValidationError as error:
            return _refused(self, error, form, form=form)
        messages.success(request, _("The refund has been recorded."))
        return HttpResponseRedirect(reverse("subsidies:staff-refunded", args=[confirmation.pk]))
