"""The hostile-input corpus of the collaboration projects area (tests/test_hostile_input.py
loads it): the project form and its partners' formset, the manage page's three forms,
the partners' log, the registry's filters, the 協働の度合い year, the open data and the
project page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from collaboration.forms.projects import PartnerForm
from tests.factories.collaboration import create_project, partner_rows, project_data, project_post_data
from tests.test_hostile_input import Endpoint, GetTarget, PostTarget, filter_params, in_context, only


def world(world: dict[str, Any]) -> dict[str, Any]:
    project = create_project(groups=(world["group"],), slug="hostile-project", checkin_interval_months=6)
    return {"projects_project": project}


def _slug(name: str) -> Any:
    return lambda w: reverse(name, args=[w["projects_project"].slug])


def _project_body(w: dict[str, Any]) -> dict[str, Any]:
    rows = partner_rows(groups=(w["group"],), departments=(w["department"],))
    return project_post_data(project_data(department=w["department"], slug=None), rows)


class _PartnerFields(forms.Form):
    """The first partner row's fields under the names the formset posts, and the
    management form's, for the corpus to vary one by one."""

    def __init__(self) -> None:
        super().__init__()
        for name, field in PartnerForm().fields.items():
            self.fields[f"partner-0-{name}"] = field
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MAX_NUM_FORMS"):
            self.fields[f"partner-{name}"] = forms.IntegerField()


def _without_slug(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "slug"}


POST_TARGETS = [
    PostTarget(
        "project new",
        "city_staff",
        lambda w: reverse("collaboration:project-new"),
        in_context("form"),
        lambda w: _without_slug(_project_body(w)),
    ),
    PostTarget(
        "project partners",
        "city_staff",
        lambda w: reverse("collaboration:project-new"),
        lambda r, w: _PartnerFields(),
        lambda w: _without_slug(_project_body(w)),
    ),
    PostTarget(
        "project edit",
        "city_staff",
        _slug("collaboration:project-edit"),
        in_context("form"),
        lambda w: _without_slug(_project_body(w)),
    ),
    PostTarget(
        "project status",
        "city_staff",
        _slug("collaboration:project-manage"),
        in_context("status_form"),
        lambda w: {"status": "completed", "reason": "", "seen_status": "active"},
        fixed={"action": "status"},
    ),
    PostTarget(
        "project progress",
        "city_staff",
        _slug("collaboration:project-manage"),
        in_context("progress_form"),
        lambda w: {"progress": "60"},
        fixed={"action": "progress"},
    ),
    PostTarget(
        "project subsidy link",
        "city_staff",
        _slug("collaboration:project-manage"),
        in_context("subsidy_form"),
        lambda w: {"receipt_number": "NO-SUCH-1"},
        fixed={"action": "subsidy"},
    ),
    PostTarget(
        "project log entry",
        "representative",
        _slug("collaboration:project-log"),
        in_context("form"),
        lambda w: {"kind": "meeting", "on": "", "title": "定例会", "body": "", "progress": "", "is_public": "on"},
    ),
]

GET_TARGETS = [
    GetTarget("project registry", "anonymous", lambda w: reverse("collaboration:project-list"), filter_params("page")),
    GetTarget("project domains", "anonymous", lambda w: reverse("collaboration:project-domains"), only("year")),
    GetTarget("staff projects", "city_staff", lambda w: reverse("collaboration:staff-projects"), only("page")),
]

ENDPOINTS = [
    Endpoint(
        "collaboration:project-csv",
        "anonymous",
        lambda w: reverse("collaboration:project-csv"),
        params=("q", "form", "domain", "field", "department", "year", "status"),
        post=False,
    ),
    Endpoint("collaboration:project", "anonymous", _slug("collaboration:project"), post=False),
]

FORM_MODULES: list[str] = ["collaboration.forms.projects"]
FORM_COVERAGE: dict[str, str] = {
    "collaboration.forms.projects.ProjectForm": "project new",
    "collaboration.forms.projects.PartnerForm": "project partners",
    "collaboration.forms.projects.StatusForm": "project status",
    "collaboration.forms.projects.ProgressForm": "project progress",
    "collaboration.forms.projects.SubsidyLinkForm": "project subsidy link",
    "collaboration.forms.projects.EntryForm": "project log entry",
}
