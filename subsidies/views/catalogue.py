"""The public catalogue of subsidy programmes (S-01), the outside grants (S-02), the
published results with their open data (S-07), and the staff overview per programme and
year (S-10) and per group (S-15)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from django.views.generic import TemplateView

from groups.models import CommunityGroup
from groups.permissions import member_group_ids
from portal.csv import csv_response
from portal.dates import fiscal_year_label
from portal.downloads import content_disposition
from portal.links import link_items, url_maker
from portal.permissions import RoleRequiredMixin
from subsidies import catalogue
from subsidies.models import Application, ApplicationStatus, Programme
from subsidies.permissions import is_subsidy_staff
from subsidies.services import screening as screening_services

__all__ = [
    "GuideDownloadView",
    "OutsideGrantListView",
    "ProgrammeDetailView",
    "ProgrammeListView",
    "ResultsCsvView",
    "ResultsIndexView",
    "ResultsJsonView",
    "ResultsView",
    "StaffGroupCsvView",
    "StaffGroupView",
    "StaffOverviewCsvView",
    "StaffOverviewView",
    "StaffProgrammeView",
]

LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"


def year_error() -> str:
    return _("Give a fiscal year between %(earliest)d and %(latest)d, written as four digits.") % {
        "earliest": catalogue.EARLIEST_YEAR,
        "latest": catalogue.LATEST_YEAR,
    }


class YearQueryMixin:
    """`?year=` chooses the fiscal year (this one by default). A malformed or
    out-of-range year shows this year's page with a message, answered 400."""

    request: HttpRequest

    def chosen_year(self) -> tuple[int, bool]:
        try:
            year = catalogue.parse_year(self.request.GET.get("year"))
        except ValueError:
            messages.error(self.request, year_error())
            return catalogue.default_year(), False
        return (year if year is not None else catalogue.default_year()), True


def _year_from_path(year: int) -> int:
    """A fiscal year in the address: 404 outside the years a programme can have."""
    if not catalogue.year_in_range(year):
        raise Http404
    return year


# --- Public -------------------------------------------------------------------------------


class ProgrammeListView(YearQueryMixin, TemplateView):
    """The year's programmes, open calls first, with links to past results and to the
    outside grants."""

    template_name = "subsidies/catalogue/programme_list.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year, valid = self.chosen_year()
        this_year = catalogue.default_year()
        result_years = catalogue.years_with_results()
        context = self.get_context_data(
            year=year,
            year_label=fiscal_year_label(year),
            this_year=this_year,
            programmes=catalogue.programme_catalogue(year),
            result_years=result_years,
            previous_year=year - 1 if catalogue.year_in_range(year - 1) else None,
            next_year=year + 1 if year < this_year + 1 and catalogue.year_in_range(year + 1) else None,
        )
        return self.render_to_response(context, status=200 if valid else 400)


def _optional_url(name: str, programme: Programme) -> str | None:
    """The address of a programme page another area provides, None while it does not."""
    try:
        return reverse(name, args=[programme.fiscal_year, programme.slug])
    except NoReverseMatch:
        return None


def screening_url(programme: Programme) -> str | None:
    """The public screening page (公開審査, the screening area's `subsidies:screening`),
    which exists once its schedule or its results are published (a 404 before).
    `programme.committee` should be loaded (select_related)."""
    if not (programme.schedule_published or screening_services.results_visible(programme)):
        return None
    return _optional_url("subsidies:screening", programme)


def apply_url(programme: Programme) -> str | None:
    """The application form's address (the applications area's `subsidies:apply`)."""
    return _optional_url("subsidies:apply", programme)


def own_applications(user: Any, programme: Programme) -> list[Application]:
    """The applications to `programme` of the groups the user belongs to (drafts and
    withdrawn ones included), for the programme page. One query at most."""
    if not getattr(user, "is_authenticated", False):
        return []
    groups = member_group_ids(user)
    if not groups:
        return []
    return list(
        Application.objects.filter(programme=programme, group_id__in=groups)
        .select_related("group")
        .order_by("created_at", "pk")
    )


class ProgrammeMixin:
    kwargs: dict[str, Any]

    def get_programme(self) -> Programme:
        year = _year_from_path(self.kwargs["year"])
        return get_object_or_404(catalogue.programme_detail_queryset(), fiscal_year=year, slug=self.kwargs["slug"])


class ProgrammeDetailView(ProgrammeMixin, TemplateView):
    template_name = "subsidies/catalogue/programme_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = self.get_programme()
        state = programme.call_state(timezone.now())
        own = own_applications(self.request.user, programme)
        active = [a for a in own if a.status != ApplicationStatus.WITHDRAWN]
        context.update(
            programme=programme,
            state=state,
            year_label=fiscal_year_label(programme.fiscal_year),
            categories=list(programme.categories.all()),
            expenses=list(programme.eligible_expenses.all()),
            own_applications=own,
            apply_url=apply_url(programme) if state == "open" and not active else None,
            screening_url=screening_url(programme),
            has_results=programme.decisions_published,
            staff_url=reverse("subsidies:staff-programme", args=[programme.fiscal_year, programme.slug])
            if is_subsidy_staff(self.request.user)
            else None,
        )
        return context


class GuideDownloadView(ProgrammeMixin, View):
    """The guide (募集要項), served through the view with a safe file name."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        programme = self.get_programme()
        if not programme.guide:
            raise Http404
        try:
            handle = programme.guide.open("rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404 from error
        suffix = programme.guide.name.rsplit(".", 1)[-1].lower() if "." in programme.guide.name else "pdf"
        response = FileResponse(handle, as_attachment=True)
        label = _("Guide")
        name = f"{programme.fiscal_year}-{programme.localized('name')}-{label}.{suffix}"
        response["Content-Disposition"] = content_disposition(name, default=f"guide.{suffix}")
        return response


class OutsideGrantListView(TemplateView):
    template_name = "subsidies/catalogue/outside_grants.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        upcoming, past = catalogue.outside_grants()
        context.update(grants=upcoming, past_grants=past)
        return context


class ResultsIndexView(TemplateView):
    template_name = "subsidies/catalogue/results_index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["years"] = [(year, fiscal_year_label(year)) for year in catalogue.years_with_results()]
        return context


class ResultsMixin:
    kwargs: dict[str, Any]

    def results(self) -> tuple[int, list[catalogue.ProgrammeResults]]:
        year = _year_from_path(self.kwargs["year"])
        return year, catalogue.published_results(year)


class ResultsView(ResultsMixin, TemplateView):
    template_name = "subsidies/catalogue/results.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = _year_from_path(self.kwargs["year"])

        def load() -> list[catalogue.ProgrammeResults]:
            results = catalogue.published_results(year)
            for result in results:
                result.screening_url = screening_url(result.programme)
            return results

        context.update(
            year=year,
            year_label=fiscal_year_label(year),
            # Read only when the rendered tables are not in the fragment cache under the
            # results' current version (a year of a thousand projects renders once).
            results=SimpleLazyObject(load),
            results_stamp=catalogue.results_stamp(year),
            licence=LICENSE,
            licence_url=LICENSE_URL,
        )
        return context


CSV_COLUMNS = [
    "年度",
    "補助金制度",
    "受付番号",
    "団体名",
    "事業名",
    "部門",
    "交付決定額（円）",
    "確定額（円）",
    "公開審査の平均点",
    "成果の概要",
]


def _score(value: Any) -> str:
    return "" if value is None else str(value)


class ResultsCsvView(ResultsMixin, View):
    """Open data (CC BY 4.0): one row per adopted project; Excel opens it (UTF-8 with BOM)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year, results = self.results()
        response, writer = csv_response(f"subsidy-results-{year}.csv", public=True)
        writer.writerow(CSV_COLUMNS)
        for result in results:
            programme = result.programme
            for row in result.rows:
                application = row.application
                writer.writerow(
                    [
                        year,
                        programme.name,
                        application.receipt_number,
                        application.group.name,
                        application.title,
                        application.category.name,
                        row.granted_amount,
                        row.confirmed_amount,
                        _score(row.score),
                        row.summary,
                    ]
                )
        return response


class ResultsJsonView(ResultsMixin, View):
    """Open data (CC BY 4.0) as JSON, with the licence and the source page."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year, results = self.results()
        programmes = []
        for result in results:
            programme = result.programme
            projects = []
            for row in result.rows:
                application = row.application
                projects.append(
                    {
                        "receipt_number": application.receipt_number,
                        "group": application.group.name,
                        "title": application.title,
                        "category": application.category.name,
                        "granted_amount": row.granted_amount,
                        "confirmed_amount": row.confirmed_amount,
                        "average_score": _score(row.score) or None,
                        "result_summary": row.summary,
                    }
                )
            programmes.append(
                {
                    "name": programme.name,
                    "name_en": programme.name_en,
                    "slug": programme.slug,
                    "url": request.build_absolute_uri(programme.get_absolute_url()),
                    "public_screening": programme.public_screening,
                    "decisions_published_at": programme.decisions_published_at.isoformat()
                    if programme.decisions_published_at
                    else None,
                    "projects": projects,
                }
            )
        response = JsonResponse(
            {
                "fiscal_year": year,
                "license": LICENSE,
                "license_url": LICENSE_URL,
                "source": request.build_absolute_uri(reverse("subsidies:results", args=[year])),
                "programmes": programmes,
            },
            json_dumps_params={"ensure_ascii": False},
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response


# --- Staff --------------------------------------------------------------------------------


class SubsidyStaffRequiredMixin(RoleRequiredMixin):
    def has_role(self, user: Any) -> bool:
        return is_subsidy_staff(user)


class StaffOverviewView(SubsidyStaffRequiredMixin, YearQueryMixin, TemplateView):
    template_name = "subsidies/staff/catalogue/overview.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year, valid = self.chosen_year()
        rows = catalogue.staff_overview(year)
        group_url = url_maker("subsidies:staff-group")
        context = self.get_context_data(
            year=year,
            year_label=fiscal_year_label(year),
            rows=rows,
            # A thousand groups at city scale: their links made without the template engine.
            groups=link_items(
                (group_url(pk), name) for pk, name in catalogue.groups_applying(year).values_list("pk", "name")
            ),
            previous_year=year - 1 if catalogue.year_in_range(year - 1) else None,
            next_year=year + 1 if catalogue.year_in_range(year + 1) else None,
        )
        return self.render_to_response(context, status=200 if valid else 400)


class StaffProgrammeView(SubsidyStaffRequiredMixin, TemplateView):
    """One programme's hub for city staff: its figures and every staff, committee and
    public page of the programme."""

    template_name = "subsidies/staff/catalogue/programme.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = _year_from_path(self.kwargs["year"])
        programme = catalogue.staff_programme(year, self.kwargs["slug"])
        if programme is None:
            raise Http404
        figures = catalogue.programme_figures(programme)
        context.update(
            programme=programme,
            year_label=fiscal_year_label(programme.fiscal_year),
            figures=figures,
            committee=programme.committee,
            overview_url=f"{reverse('subsidies:staff')}?year={programme.fiscal_year}",
            screening_url=screening_url(programme),
        )
        return context


def overview_header() -> list[str]:
    return [
        _("Fiscal year"),
        _("Programme"),
        pgettext("subsidy applications count", "Applications"),
        _("Accepted for review"),
        _("Adopted"),
        _("Total budget (yen)"),
        _("Awarded (yen)"),
        _("Paid (yen)"),
        _("Budget left (yen)"),
    ]


def overview_cells(programme: Programme) -> list[Any]:
    return [
        programme.fiscal_year,
        programme.name,
        programme.applications_count,
        programme.accepted_count,
        programme.adopted_count,
        programme.total_budget,
        programme.awarded,
        programme.paid,
        programme.budget_left,
    ]


class StaffOverviewCsvView(SubsidyStaffRequiredMixin, View):
    """The overview of the chosen year, then the same programmes' earlier years."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            year = catalogue.parse_year(request.GET.get("year")) or catalogue.default_year()
        except ValueError:
            return HttpResponse(year_error(), status=400, content_type="text/plain; charset=utf-8")
        rows = catalogue.staff_overview(year)
        response, writer = csv_response(f"subsidies-overview-{year}.csv")
        writer.writerow(overview_header())
        for row in rows:
            writer.writerow(overview_cells(row.programme))
        earlier = sorted((p for row in rows for p in row.trend), key=lambda p: (p.fiscal_year, p.call_opens_at, p.pk))
        for programme in earlier:
            writer.writerow(overview_cells(programme))
        return response


class StaffGroupMixin(SubsidyStaffRequiredMixin):
    kwargs: dict[str, Any]

    def get_group(self) -> CommunityGroup:
        return get_object_or_404(CommunityGroup, pk=self.kwargs["pk"])


class StaffGroupView(StaffGroupMixin, TemplateView):
    """Every subsidy a group has applied for and had, across programmes and years (S-15)."""

    template_name = "subsidies/staff/catalogue/group.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        group = self.get_group()
        rows = catalogue.group_history(group.pk)
        context.update(
            group=group,
            rows=rows,
            total_granted=sum(row.granted_amount or 0 for row in rows),
            total_confirmed=sum(row.confirmed_amount or 0 for row in rows),
            total_paid=sum(row.paid for row in rows),
            total_refund=sum(row.refund_due for row in rows),
        )
        return context


class StaffGroupCsvView(StaffGroupMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        group = self.get_group()
        response, writer = csv_response(f"subsidies-{group.name}.csv", public=False)
        writer.writerow(
            [
                _("Fiscal year"),
                _("Programme"),
                _("Category"),
                _("Receipt number"),
                _("Project title"),
                _("Status"),
                _("Requested (yen)"),
                _("Awarded (yen)"),
                _("Paid (yen)"),
                _("Confirmed (yen)"),
                _("Refund due (yen)"),
                _("Refund"),
            ]
        )
        for row in catalogue.group_history(group.pk):
            application = row.application
            writer.writerow(
                [
                    application.programme.fiscal_year,
                    application.programme.name,
                    application.category.name,
                    application.receipt_number,
                    application.title,
                    application.get_status_display(),
                    application.requested_amount,
                    row.granted_amount,
                    row.paid,
                    row.confirmed_amount,
                    row.refund_due,
                    row.refund_status,
                ]
            )
        return response
