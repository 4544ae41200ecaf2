"""The collaboration pages measured by `make bench` (registered by each area's hook)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from collaboration.models import CollaborationForm, Project

PER_PAGE = 20  # collaboration.views.projects.ProjectListView.paginate_by


def project_pages() -> list[tuple[str, ...]]:
    """The project registry (plain, filtered by form, by domain, page 2), the
    協働の度合い table and a project page."""
    registry = reverse("collaboration:project-list")
    pages: list[tuple[str, ...]] = [
        ("collaboration project registry", registry),
        ("collaboration project registry by domain", registry + "?domain=3"),
        ("collaboration domains (協働の度合い)", reverse("collaboration:project-domains")),
    ]
    if Project.objects.filter(is_published=True).count() > PER_PAGE:
        pages.append(("collaboration project registry page 2", registry + "?page=2"))
    form = CollaborationForm.objects.annotate(n=Count("projects")).filter(n__gt=0).order_by("-n", "pk").first()
    if form is not None:
        pages.append(("collaboration project registry by form", registry + f"?form={form.code}"))
    project = Project.objects.filter(is_published=True).annotate(n=Count("entries")).order_by("-n", "pk").first()
    if project is not None:
        pages.append(("collaboration project page", project.get_absolute_url()))
    return pages
