"""The case library (協働事例集, story C-17): the public list and case pages, and the
pages where window staff and 協働リポーター write cases, add photos and publish them."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from django.views.generic import ListView, TemplateView

from collaboration.forms.cases import CaseFilter, CaseForm, PhotoForm, PublishForm
from collaboration.models import CasePhoto, CaseStudy, Domain
from collaboration.permissions import case_policy
from collaboration.selectors_cases import (
    case_detail_queryset,
    case_list_queryset,
    case_manage_queryset,
    project_url,
)
from collaboration.services import cases as services
from portal.forms import form_errors_from
from portal.listing import FilteredListMixin
from portal.permissions import RoleRequiredMixin
from portal.policies import PolicyObjectMixin
from portal.workflow import error_status

__all__ = [
    "CaseCreateView",
    "CaseDetailView",
    "CaseEditView",
    "CaseListView",
    "CaseManageView",
    "CasePhotoAddView",
    "CasePhotoDeleteView",
    "CasePhotoView",
    "CasePublishView",
    "CaseUnpublishView",
]

PHOTO_CACHE = "public, max-age=2592000"  # 30 days


def section_list(case: CaseStudy) -> list[tuple[str, str]]:
    """The seeds' fixed fields as (heading, text), in the language of the page."""
    headings = {
        "content": pgettext("case section", "What was done"),
        "effects": pgettext("case section", "Effects"),
        "went_well": pgettext("case section", "What went well"),
        "difficulties": pgettext("case section", "Difficulties"),
        "improvements": pgettext("case section", "Improvements"),
    }
    return [(headings[name], case.localized(name)) for name in services.CASE_TEXT_FIELDS]


# --- Public -------------------------------------------------------------------------------


class CaseListView(FilteredListMixin, ListView):
    template_name = "collaboration/cases/case_list.html"
    context_object_name = "cases"
    paginate_by = 20
    filterset_class = CaseFilter

    def get_base_queryset(self) -> Any:
        return case_list_queryset()

    def get_queryset(self) -> Any:
        return super().get_queryset().distinct().order_by("-published_at", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_write"] = services.can_write_cases(self.request.user)
        return context


class CaseObjectMixin(PolicyObjectMixin):
    policy = case_policy
    lookup_kwarg = "slug"
    lookup_field = "slug"

    def get_policy_queryset(self) -> Any:
        return case_detail_queryset()

    @property
    def case(self) -> CaseStudy:
        return self.get_policy_object()


class CaseDetailView(CaseObjectMixin, TemplateView):
    template_name = "collaboration/cases/case_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case = self.case
        context.update(
            case=case,
            sections=section_list(case),
            photos=list(case.photos.all()),
            fields=list(case.fields.all()),
            domain_label=Domain(case.domain).label,
            project_url=project_url(case.project),
            can_edit=case_policy.can(self.request.user, "edit", case),
        )
        return context


class CasePhotoView(CaseObjectMixin, View):
    """A photo, served through the view: a published case's photos to everyone (cached
    long), a draft's only to those who may see the draft (its editors)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        case = self.case
        photo = next((p for p in case.photos.all() if p.pk == _int(kwargs["pk"])), None)
        if photo is None:
            raise Http404
        try:
            handle = photo.image.open("rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=photo.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Disposition"] = "inline"
        response["Cache-Control"] = PHOTO_CACHE if case.published_at else "private, no-store"
        return response


def _int(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


# --- Writing cases --------------------------------------------------------------------------


class CaseWriterMixin(RoleRequiredMixin):
    def has_role(self, user: Any) -> bool:
        return services.can_write_cases(user)


class CaseManageView(CaseWriterMixin, ListView):
    """The cases the user may edit (their own for a reporter, all for the window),
    drafts first."""

    template_name = "collaboration/cases/case_manage.html"
    context_object_name = "cases"
    paginate_by = 30

    def get_queryset(self) -> Any:
        return case_manage_queryset(self.request.user)


class CaseCreateView(CaseWriterMixin, TemplateView):
    template_name = "collaboration/cases/case_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CaseForm(user=self.request.user))
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CaseForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                case = services.case_create(
                    actor=request.user, data=form.service_data(), fields=form.cleaned_data["fields"]
                )
            except ValidationError as error:
                form_errors_from(error, form)
            else:
                messages.success(request, _("The case has been saved as a draft. Add photos, then publish it."))
                return redirect("collaboration:case-edit", case.slug)
        return self.render_to_response(self.get_context_data(form=form), status=HTTPStatus.BAD_REQUEST)


class CaseEditMixin(CaseObjectMixin):
    policy_action = "edit"
    login_required = True

    def render_edit(self, status: int = 200, **overrides: Any) -> HttpResponse:
        case = self.case
        photos = list(case.photos.all())
        context = {
            "case": case,
            "form": overrides.get("form") or CaseForm(instance=case, user=self.request.user),
            "photo_form": overrides.get("photo_form") or PhotoForm(),
            "publish_form": PublishForm(initial={"seen_status": services.case_state(case)}),
            "state": services.case_state(case),
            "photos": photos,
            "can_add_photo": len(photos) < services.MAX_PHOTOS,
            "max_photos": services.MAX_PHOTOS,
        }
        return TemplateResponse(self.request, "collaboration/cases/case_edit.html", context, status=status)


class CaseEditView(CaseEditMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_edit()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        case = self.case
        form = CaseForm(request.POST, instance=case, user=request.user)
        if form.is_valid():
            try:
                services.case_update(
                    case=case, actor=request.user, data=form.service_data(), fields=form.cleaned_data["fields"]
                )
            except ValidationError as error:
                form_errors_from(error, form)
            else:
                messages.success(request, _("The case has been saved."))
                return redirect("collaboration:case-edit", case.slug)
        case.refresh_from_db()
        return self.render_edit(HTTPStatus.BAD_REQUEST, form=form)


class CaseStateView(CaseEditMixin, View):
    service: Any
    done_message: str

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = PublishForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The request was not understood; try again from this page."))
            return self.render_edit(HTTPStatus.BAD_REQUEST)
        try:
            type(self).service(case=self.case, actor=request.user, expected_state=form.cleaned_data["seen_status"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            self._policy_object = case_detail_queryset().get(pk=self.case.pk)
            return self.render_edit(error_status(error))
        messages.success(request, self.get_done_message())
        return redirect("collaboration:case-edit", self.case.slug)

    def get_done_message(self) -> str:
        raise NotImplementedError


class CasePublishView(CaseStateView):
    service = services.case_publish

    def get_done_message(self) -> str:
        return _("The case is now published in the case library.")


class CaseUnpublishView(CaseStateView):
    service = services.case_unpublish

    def get_done_message(self) -> str:
        return _("The case has been taken off the case library; it is a draft again.")


class CasePhotoAddView(CaseEditMixin, View):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = PhotoForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.photo_add(
                    case=self.case,
                    actor=request.user,
                    upload=data["image"],
                    alt=data["alt"],
                    alt_en=data["alt_en"],
                    caption=data["caption"],
                )
            except ValidationError as error:
                form_errors_from(error, form)
            else:
                messages.success(request, _("The photo has been added."))
                return redirect("collaboration:case-edit", self.case.slug)
        return self.render_edit(HTTPStatus.BAD_REQUEST, photo_form=form)


class CasePhotoDeleteView(CaseEditMixin, View):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        photo = get_object_or_404(CasePhoto, case=self.case, pk=_int(kwargs["pk"]) or 0)
        services.photo_delete(photo=photo, actor=request.user)
        messages.success(request, _("The photo has been removed."))
        return redirect("collaboration:case-edit", self.case.slug)
