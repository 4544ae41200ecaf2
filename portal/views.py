from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from portal import my_activity, search, services, whats_on
from portal.filters import AuditLogFilter
from portal.forms import AccountDeleteForm, ProfileForm, SiteSearchForm
from portal.listing import FilteredListMixin
from portal.models import AuditLogEntry, FaqCategory, FaqItem, InfoPage, MailFailure, News, User
from portal.permissions import CityStaffRequiredMixin, PortalStaffRequiredMixin, can_use_admin
from portal.text import search_terms


class HomeView(TemplateView):
    """The search box, then what is on (portal.whats_on: each app's sections, cached
    fragments), then the guides."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["home_sections"] = whats_on.rendered_sections()
        context["intro_pages"] = InfoPage.objects.published().filter(show_in_nav=True)
        return context


class MyActivityView(LoginRequiredMixin, TemplateView):
    """/my/: what the signed-in person has with each part of the portal (portal.my_activity)."""

    template_name = "portal/my_activity.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["blocks"] = my_activity.blocks(self.request.user)
        return context


class SearchView(TemplateView):
    """The site search (portal.search): results grouped by kind in registry order, each
    with its count and first few entries, or one kind's results page by page; filters
    by activity field and area. Bad parameters: the form's errors and a 400."""

    template_name = "portal/search.html"
    per_kind = 3
    paginate_by = 20

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SiteSearchForm(request.GET or None)
        invalid = form.is_bound and not form.is_valid()
        context = self.get_context_data(form=form, kinds=search.kinds(), **({} if invalid else self.results(form)))
        response = self.render_to_response(context)
        if invalid:
            response.status_code = 400
        return response

    def results(self, form: SiteSearchForm) -> dict[str, Any]:
        data = form.cleaned_data if form.is_bound else {}
        query = data.get("q", "")
        if not (search_terms(query) or data.get("field") or data.get("area")):
            return {}
        field = data["field"].pk if data.get("field") else None
        area = data["area"].pk if data.get("area") else None
        found = search.results(query, field=field, area=area, per_kind=self.per_kind)
        chosen = data.get("kind") or ""
        params = self.request.GET.copy()
        params.pop("page", None)
        params.pop("kind", None)
        groups = []
        for kind in search.kinds():
            params["kind"] = kind.key
            group = found.group(kind.key)
            groups.append(
                {
                    "kind": kind,
                    "count": group.count if group else 0,
                    "entries": group.entries if group else [],
                    "all_url": "?" + params.urlencode(),
                    "list_url": reverse(kind.list_url) + "?" + urlencode({"q": query}) if kind.list_url else "",
                }
            )
        params.pop("kind")
        by_key = {group["kind"].key: group for group in groups}
        context: dict[str, Any] = {
            "searched": True,
            "query": query,
            "total": found.total,
            "capped": found.capped,
            "cap": search.SCAN_CAP,
            "groups": groups,
            "everything_url": "?" + params.urlencode(),
            "chosen": chosen,
        }
        if chosen:
            ids = search.kind_entries(query, kind=chosen, field=field, area=area)
            page_obj = Paginator(ids, self.paginate_by).get_page(self.request.GET.get("page"))
            loaded = search.load(list(page_obj.object_list))
            page_obj.object_list = [loaded[pk] for pk in page_obj.object_list if pk in loaded]
            params["kind"] = chosen
            by_key[chosen]["count"] = len(ids)
            context.update(page_obj=page_obj, chosen_group=by_key[chosen], query_string=params.urlencode())
        return context


class NewsListView(ListView):
    template_name = "portal/news_list.html"
    context_object_name = "news_list"
    paginate_by = 20

    def get_queryset(self) -> Any:
        return News.objects.published()


class NewsDetailView(DetailView):
    template_name = "portal/news_detail.html"
    context_object_name = "news"

    def get_queryset(self) -> Any:
        return News.objects.visible_to(self.request.user)


class InfoPageView(DetailView):
    template_name = "portal/infopage_detail.html"
    context_object_name = "page"

    def get_queryset(self) -> Any:
        return InfoPage.objects.visible_to(self.request.user)


class FaqView(TemplateView):
    template_name = "portal/faq.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        items = list(FaqItem.objects.published())
        labels = dict(FaqCategory.choices)
        sections = []
        for value, _label in FaqCategory.choices:
            in_section = [item for item in items if item.category == value]
            if in_section:
                sections.append({"slug": value, "label": labels[value], "items": in_section})
        context["sections"] = sections
        return context


# --- My account ------------------------------------------------------------------------


class AccountView(LoginRequiredMixin, FormView):
    template_name = "portal/account.html"
    form_class = ProfileForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        # The form validates on a copy; the service compares with and writes the user.
        kwargs["instance"] = User.objects.get(pk=self.request.user.pk)
        return kwargs

    def form_valid(self, form: ProfileForm) -> HttpResponse:
        services.user_update_profile(user=self.request.user, data=form.cleaned_data)
        messages.success(self.request, _("Your profile has been saved."))
        return HttpResponseRedirect(reverse("portal:account"))

    def form_invalid(self, form: ProfileForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AccountDataExportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        data = services.user_export_data(user=request.user)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
        return response


class AccountDeleteView(LoginRequiredMixin, FormView):
    template_name = "portal/account_delete.html"
    form_class = AccountDeleteForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form: AccountDeleteForm) -> HttpResponse:
        try:
            services.user_delete(user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        logout(self.request)
        messages.success(self.request, _("Your account has been deleted."))
        return HttpResponseRedirect(reverse("portal:home"))

    def form_invalid(self, form: AccountDeleteForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- Staff -----------------------------------------------------------------------------


class StaffDashboardView(PortalStaffRequiredMixin, TemplateView):
    template_name = "staff/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["recent_entries"] = AuditLogEntry.objects.for_list()[:10]
        context["can_use_admin"] = can_use_admin(self.request.user)
        return context


class MailFailureListView(CityStaffRequiredMixin, ListView):
    """E-mails the portal could not send (portal.mail), newest first."""

    template_name = "staff/mailfailure_list.html"
    context_object_name = "failures"
    paginate_by = 50

    def get_queryset(self) -> Any:
        return MailFailure.objects.all()


class AuditLogListView(CityStaffRequiredMixin, FilteredListMixin, ListView):
    template_name = "staff/auditlog_list.html"
    context_object_name = "entries"
    paginate_by = 50
    filterset_class = AuditLogFilter

    def get_base_queryset(self) -> Any:
        return AuditLogEntry.objects.for_list()
