"""What the site search finds of subsidies: the programmes (each year's call, its
categories and department). Every programme page is public, past years' too (their
results). See portal.search."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from portal import search
from portal.dates import fiscal_year_label
from subsidies.models import Programme, ProgrammeCategory


def programme_document(programme: Programme) -> search.Document:
    categories = list(programme.categories.all())
    department = programme.department
    return search.Document(
        title=f"{fiscal_year_label(programme.fiscal_year)} {programme.name}",
        title_en=f"FY{programme.fiscal_year} {programme.name_en}" if programme.name_en else "",
        summary=programme.purpose,
        summary_en=programme.purpose_en,
        path=programme.get_absolute_url(),
        texts=[
            programme.purpose,
            programme.purpose_en,
            programme.presentation_place,
            department.name if department else "",
            department.name_en if department else "",
            *search.names(categories),
            *(text for category in categories for text in (category.description, category.description_en)),
        ],
        date=programme.call_closes_at,
    )


def programmes_queryset() -> QuerySet[Programme]:
    return Programme.objects.select_related("department").prefetch_related("categories")


def register() -> None:
    search.register(
        search.Kind(
            key="subsidies.programme",
            label=_("Subsidy programmes"),
            model=Programme,
            document=programme_document,
            queryset=programmes_queryset,
            order=50,
        )
    )
    search.register_dependents(ProgrammeCategory, lambda category: [category.programme])
