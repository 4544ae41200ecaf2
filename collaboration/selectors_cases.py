"""Reads of the case library (協働事例集) for its pages."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse

from collaboration.models import CasePhoto, CaseStudy, Project
from collaboration.permissions import case_policy, is_window_staff

__all__ = ["case_detail_queryset", "case_list_queryset", "case_manage_queryset", "project_url"]


def _photos() -> Prefetch:
    return Prefetch("photos", queryset=CasePhoto.objects.order_by("order", "pk"))


def case_list_queryset() -> models.QuerySet[CaseStudy]:
    """Published cases, newest first, with what a list row shows (form, photos)."""
    return (
        CaseStudy.objects.filter(published_at__isnull=False)
        .select_related("form")
        .prefetch_related(_photos())
        .order_by("-published_at", "pk")
    )


def case_detail_queryset() -> models.QuerySet[CaseStudy]:
    return CaseStudy.objects.select_related("form", "project", "author").prefetch_related("fields", _photos())


def case_manage_queryset(user: Any) -> models.QuerySet[CaseStudy]:
    """The cases the user may edit: all for the window, their own for a reporter;
    drafts first."""
    queryset = case_policy.instances_user_has_permission_for(user, "edit", CaseStudy.objects.select_related("form"))
    if is_window_staff(user):
        queryset = queryset.select_related("author")
    return queryset.order_by(models.F("published_at").desc(nulls_first=True), "-updated_at", "pk")


def project_url(project: Project | None) -> str | None:
    """The project's page (built by the projects area), or None while it does not exist."""
    if project is None:
        return None
    try:
        return reverse("collaboration:project", args=[project.slug])
    except NoReverseMatch:
        return None
