"""What the site search finds of collaboration: published calls (themes and the
citizens' proposal window), projects in the public registry and published cases.
See portal.search."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from collaboration.models import Call, CaseStudy, Project, ProjectPartner
from collaboration.selectors_calls import PUBLIC_STATUSES
from portal import search


def call_document(call: Call) -> search.Document | None:
    if call.status not in PUBLIC_STATUSES:
        return None
    department = call.department
    return search.Document(
        title=call.title,
        title_en=call.title_en,
        summary=call.background,
        summary_en=call.background_en,
        path=call.get_absolute_url(),
        texts=[
            department.name,
            department.name_en,
            call.background,
            call.background_en,
            call.city_contribution,
            call.city_contribution_en,
            call.participation_criteria,
            call.presentation_place,
        ],
        date=call.closes_at or call.published_at,
    )


def calls_queryset() -> QuerySet[Call]:
    return Call.objects.filter(status__in=PUBLIC_STATUSES).select_related("department")


def project_document(project: Project) -> search.Document | None:
    if not project.is_published:
        return None
    fields = list(project.fields.all())
    partners = [
        partner.group.name if partner.group else partner.department.name if partner.department else partner.name
        for partner in project.partners.all()
    ]
    return search.Document(
        title=project.title,
        title_en=project.title_en,
        summary=project.summary,
        summary_en=project.summary_en,
        path=project.get_absolute_url(),
        texts=[
            project.summary,
            project.summary_en,
            project.department.name,
            project.department.name_en,
            project.form.name,
            project.form.name_en,
            *partners,
            *search.names(fields),
        ],
        field_ids=[f.pk for f in fields],
    )


def projects_queryset() -> QuerySet[Project]:
    return (
        Project.objects.filter(is_published=True)
        .select_related("department", "form")
        .prefetch_related("fields", "partners__group", "partners__department")
    )


def case_document(case: CaseStudy) -> search.Document | None:
    if case.published_at is None:
        return None
    fields = list(case.fields.all())
    return search.Document(
        title=case.title,
        title_en=case.title_en,
        summary=case.content,
        summary_en=case.content_en,
        path=case.get_absolute_url(),
        texts=[
            case.content,
            case.content_en,
            case.effects,
            case.effects_en,
            case.went_well,
            case.form.name,
            case.form.name_en,
            *search.names(fields),
        ],
        date=case.published_at,
        field_ids=[f.pk for f in fields],
    )


def cases_queryset() -> QuerySet[CaseStudy]:
    return CaseStudy.objects.filter(published_at__isnull=False).select_related("form").prefetch_related("fields")


def register() -> None:
    search.register(
        search.Kind(
            key="collaboration.call",
            label=_("Collaboration calls and themes"),
            model=Call,
            document=call_document,
            queryset=calls_queryset,
            order=60,
        ),
        search.Kind(
            key="collaboration.project",
            label=_("Collaboration projects"),
            model=Project,
            document=project_document,
            queryset=projects_queryset,
            order=65,
            list_url="collaboration:project-list",
        ),
        search.Kind(
            key="collaboration.case",
            label=_("Collaboration cases"),
            model=CaseStudy,
            document=case_document,
            queryset=cases_queryset,
            order=70,
            list_url="collaboration:case-list",
        ),
    )
    # A project's partners are written after the project is saved (their names are its text).
    search.register_dependents(ProjectPartner, lambda partner: [partner.project])
