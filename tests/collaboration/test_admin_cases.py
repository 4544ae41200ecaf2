"""The collaboration admin: city staff keep the forms of collaboration and name
協働推進員 and 協働リポーター (every edit audited); the workflow models are read only,
narrowed by their policies, with no status editing; cases are published and taken off
the library by actions calling the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from collaboration.models import (
    Agreement,
    Call,
    CaseReporter,
    CaseStudy,
    CollaborationForm,
    EndorsementRequest,
    Evaluation,
    EvaluationRound,
    Liaison,
    Project,
    Proposal,
)
from collaboration.permissions import is_case_reporter
from portal.models import AuditLogEntry
from tests.admin_forms import admin_form_data
from tests.factories.collaboration import case_reporter, create_case, create_project
from tests.factories.portal import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(client: Any, role_users: dict[str, Any]) -> Any:
    client.force_login(role_users["city_staff"])
    return role_users["city_staff"]


def test_form__city_staff_add_and_change__audited(client: Any, city: Any) -> None:
    url = reverse("admin:collaboration_collaborationform_add")
    page = client.get(url)
    assert page.status_code == 200
    data = admin_form_data(page, code="machizukuri", name="まちづくり協議", name_en="Town council", order="200")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    form = CollaborationForm.objects.get(code="machizukuri")
    assert AuditLogEntry.objects.filter(action="collaboration.collaborationform.created", actor=city).count() == 1
    change = reverse("admin:collaboration_collaborationform_change", args=[form.pk])
    data = admin_form_data(client.get(change), is_active="")
    data.pop("is_active", None)
    assert client.post(change, data).status_code == 302
    form.refresh_from_db()
    assert not form.is_active
    entry = AuditLogEntry.objects.get(action="collaboration.collaborationform.updated")
    assert entry.data["fields"] == ["is_active"]


def test_form__bad_code__refused(client: Any, city: Any) -> None:
    url = reverse("admin:collaboration_collaborationform_add")
    data = admin_form_data(client.get(url), code="Bad Code!", name="誤り")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "code" in response.context["adminform"].form.errors
    assert not CollaborationForm.objects.filter(name="誤り").exists()


def test_form__not_deletable(client: Any, city: Any) -> None:
    form = CollaborationForm.objects.get(code="adopt")
    assert client.get(reverse("admin:collaboration_collaborationform_delete", args=[form.pk])).status_code == 403


def test_liaison__named_by_city_staff__audited(client: Any, city: Any) -> None:
    department = DepartmentFactory(code="fukushi")
    user = UserFactory(email="liaison@test.example.jp")
    url = reverse("admin:collaboration_liaison_add")
    data = admin_form_data(client.get(url), department=str(department.pk), user=str(user.pk))
    assert client.post(url, data).status_code == 302
    assert Liaison.objects.filter(department=department, user=user).exists()
    assert AuditLogEntry.objects.filter(action="collaboration.liaison.created", actor=city).count() == 1


def test_reporter__named_by_city_staff_then_writes(client: Any, city: Any) -> None:
    user = UserFactory(email="new-reporter@test.example.jp")
    assert not is_case_reporter(user)
    url = reverse("admin:collaboration_casereporter_add")
    data = admin_form_data(client.get(url), user=str(user.pk), is_active="on")
    assert client.post(url, data).status_code == 302
    assert CaseReporter.objects.get(user=user).is_active
    assert AuditLogEntry.objects.filter(action="collaboration.casereporter.created", actor=city).count() == 1
    client.force_login(user)
    assert client.get(reverse("collaboration:case-new")).status_code == 200


def test_workflow_models__registered_read_only() -> None:
    for model in (Call, Proposal, Project, Agreement, EvaluationRound, Evaluation, EndorsementRequest, CaseStudy):
        model_admin = admin.site._registry[model]
        request = type("R", (), {"user": None})()
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)


def test_case__city_staff_read_only_no_status_editing(client: Any, city: Any) -> None:
    case = create_case(author=case_reporter(), published=False)
    url = reverse("admin:collaboration_casestudy_change", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert not page.context["adminform"].form.fields  # every field read only
    assert client.post(url, {"title": "変更", "published_at": "2020-01-01"}).status_code == 403
    case.refresh_from_db()
    assert case.published_at is None
    assert case.title != "変更"
    assert client.get(reverse("admin:collaboration_casestudy_add")).status_code == 403


def test_case__drafts_hidden_from_staff_outside_the_window(client: Any, role_users: dict[str, Any]) -> None:
    from portal.models import StaffRole
    from portal.services import staff_assign
    from tests.roles import with_totp

    draft = create_case(author=case_reporter(), published=False, title="下書き")
    published = create_case(title="公開")
    other = with_totp(UserFactory(email="other-dept@test.example.jp"))
    staff_assign(user=other, role=StaffRole.CITY_STAFF, department=DepartmentFactory(code="fukushi"), actor=None)
    client.force_login(other)
    listed = client.get(reverse("admin:collaboration_casestudy_changelist")).context["cl"].result_list
    assert list(listed) == [published]
    assert client.get(reverse("admin:collaboration_casestudy_change", args=[draft.pk])).status_code == 302


def _act(client: Any, action: str, pks: list[int], *, confirmed: bool) -> Any:
    data: dict[str, Any] = {"action": action, ACTION_CHECKBOX_NAME: [str(pk) for pk in pks]}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(reverse("admin:collaboration_casestudy_changelist"), data, follow=confirmed)


def test_case_actions__confirm_then_call_the_services(client: Any, city: Any) -> None:
    draft = create_case(author=case_reporter(), published=False)
    published = create_case()
    response = _act(client, "publish_selected", [draft.pk], confirmed=False)
    assert "admin/portal/confirm_action.html" in [t.name for t in response.templates]
    draft.refresh_from_db()
    assert draft.published_at is None
    _act(client, "publish_selected", [draft.pk, published.pk], confirmed=True)
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert AuditLogEntry.objects.filter(action="collaboration.case.published", actor=city).count() == 1
    _act(client, "unpublish_selected", [published.pk], confirmed=True)
    published.refresh_from_db()
    assert published.published_at is None
    assert AuditLogEntry.objects.get(action="collaboration.case.unpublished").data == {
        "old": "published",
        "new": "draft",
    }


def test_other_workflows__superuser_reads_city_staff_refused(client: Any, role_users: dict[str, Any]) -> None:
    project = create_project()
    client.force_login(role_users["city_staff"])
    assert client.get(reverse("admin:collaboration_project_changelist")).status_code == 403
    assert client.get(reverse("admin:collaboration_proposal_changelist")).status_code == 403
    client.force_login(role_users["superuser"])
    for name in ("call", "proposal", "project", "agreement", "evaluationround", "evaluation", "endorsementrequest"):
        assert client.get(reverse(f"admin:collaboration_{name}_changelist")).status_code == 200, name
    page = client.get(reverse("admin:collaboration_project_change", args=[project.pk]))
    assert page.status_code == 200
    assert "status" not in page.context["adminform"].form.fields
    response = client.post(reverse("admin:collaboration_project_change", args=[project.pk]), {"status": "completed"})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == "active"


def test_admin__others_refused(client: Any, role_users: dict[str, Any]) -> None:
    for role in ("citizen", "centre_staff", "reviewer"):
        client.force_login(role_users[role])
        assert client.get(reverse("admin:collaboration_collaborationform_changelist")).status_code in (302, 403)
    client.force_login(case_reporter())
    assert client.get(reverse("admin:collaboration_casestudy_changelist")).status_code in (302, 403)
