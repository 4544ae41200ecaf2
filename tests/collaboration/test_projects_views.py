"""The projects area's pages: what they show and hide, and what their forms do."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import (
    CollaborationForm,
    Domain,
    EntryKind,
    PartnerKind,
    Project,
    ProjectEntry,
    ProjectStatus,
)
from portal import search
from portal.models import ActivityField
from tests.factories.collaboration import (
    create_project,
    create_proposal,
    partner_rows,
    project_data,
    project_post_data,
    window_department,
)
from tests.factories.subsidies import create_application, create_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client: Any, role_users: dict[str, Any]) -> Any:
    client.force_login(role_users["city_staff"])
    return role_users["city_staff"]


# --- The registry --------------------------------------------------------------------------


def test_registry__published_only_with_row_contents(client: Any, role_users: dict[str, Any]) -> None:
    shown = create_project(groups=(role_users["_group"],), title="花のみちの花壇管理", progress=42)
    create_project(title="非公開の事業", is_published=False)
    response = client.get(reverse("collaboration:project-list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["projects"]) == [shown]
    assert "花のみちの花壇管理" in body
    assert "非公開の事業" not in body
    assert role_users["_group"].name in body
    assert "42%" in body  # the text percentage next to the bar
    assert 'value="42"' in body


def test_registry__filters(client: Any) -> None:
    adopt = CollaborationForm.objects.get(code="adopt")
    field = ActivityField.objects.create(slug="env-test", name="環境テスト")
    a = create_project(title="アドプト事業", form=adopt, domain=Domain.CITIZEN)
    a.fields.add(field)
    b = create_project(title="協働委託事業", domain=Domain.CITY, fiscal_year=2024)
    search.rebuild(["collaboration.project"])
    url = reverse("collaboration:project-list")
    assert list(client.get(url + "?form=adopt").context["projects"]) == [a]
    assert list(client.get(url + "?domain=5").context["projects"]) == [b]
    assert list(client.get(url + "?year=2024").context["projects"]) == [b]
    assert list(client.get(url + f"?field={field.slug}").context["projects"]) == [a]
    assert list(client.get(url + "?q=委託").context["projects"]) == [b]
    assert list(client.get(url + "?q=いたくじぎょう").context["projects"]) == [b]
    assert client.get(url + "?status=active").context["paginator"].count == 2
    assert client.get(url + "?status=completed").context["paginator"].count == 0
    assert client.get(url + "?department=kyodo").context["paginator"].count == 2


def test_registry__bad_filter_is_400(client: Any) -> None:
    assert client.get(reverse("collaboration:project-list") + "?year=99999").status_code == 400
    assert client.get(reverse("collaboration:project-list") + "?domain=9").status_code == 400


def test_registry__paginated(client: Any) -> None:
    for n in range(22):
        create_project(title=f"事業{n:02d}")
    response = client.get(reverse("collaboration:project-list") + "?page=2")
    assert response.status_code == 200
    assert len(response.context["projects"]) == 2


def test_csv__same_filters_and_formulas_neutralised(client: Any) -> None:
    create_project(title="=HYPERLINK(1)", domain=Domain.CITIZEN)
    create_project(title="別の事業", domain=Domain.CITY)
    create_project(title="非公開", is_published=False, domain=Domain.CITIZEN)
    response = client.get(reverse("collaboration:project-csv") + "?domain=1")
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "'=HYPERLINK(1)" in text
    assert "別の事業" not in text
    assert "非公開" not in text
    assert client.get(reverse("collaboration:project-csv") + "?domain=x").status_code == 400


# --- 協働の度合い ----------------------------------------------------------------------------------


def test_domains__counts_by_form_and_domain_with_links(client: Any) -> None:
    year = 2025
    adopt = CollaborationForm.objects.get(code="adopt")
    for _ in range(2):
        create_project(form=adopt, domain=Domain.CITIZEN_LEAD, fiscal_year=year)
    create_project(form=adopt, domain=Domain.CITIZEN_LEAD, fiscal_year=year, is_published=False)
    create_project(form=adopt, domain=Domain.CITY, fiscal_year=year - 1)
    response = client.get(reverse("collaboration:project-domains") + f"?year={year}")
    assert response.status_code == 200
    table = response.context["table"]
    row = next(r for r in table["rows"] if r["form"] == adopt)
    assert {d.value: n for d, n in row["cells"]} == {1: 0, 2: 2, 3: 0, 4: 0, 5: 0}
    assert table["total"] == 2
    body = response.content.decode()
    assert f"?form=adopt&amp;domain=2&amp;year={year}" in body
    assert "<caption>" in body
    assert 'scope="col"' in body
    assert 'scope="row"' in body


def test_domains__bad_year_is_400(client: Any) -> None:
    assert client.get(reverse("collaboration:project-domains") + "?year=abcd").status_code == 400


# --- The project page ------------------------------------------------------------------------------


def test_project_page__sections(client: Any, role_users: dict[str, Any]) -> None:
    group = role_users["_group"]
    proposal = create_proposal(group=group, status="adopted")
    project = create_project(groups=(group,), proposal=proposal, cost_sharing="市が会場費を負担")
    ProjectEntry.objects.create(
        project=project, kind=EntryKind.PROGRESS, on=timezone.localdate(), title="公開の報告", is_public=True
    )
    ProjectEntry.objects.create(
        project=project,
        kind=EntryKind.MILESTONE,
        on=timezone.localdate() - datetime.timedelta(days=9),
        title="古い報告",
        is_public=True,
    )
    ProjectEntry.objects.create(project=project, kind=EntryKind.MEETING, on=timezone.localdate(), title="内部の打合せ")
    published = create_application(create_programme(), group, status="adopted", receipt_number="S-1")
    published.__class__.objects.filter(pk=published.pk).update(
        collaboration_project_id=project.pk, decision_published_at=timezone.now(), awarded_amount=50_000
    )
    unpublished = create_application(
        create_programme(slug="other-programme"), group, status="adopted", receipt_number="S-2"
    )
    unpublished.__class__.objects.filter(pk=unpublished.pk).update(collaboration_project_id=project.pk)
    response = client.get(project.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert group.name in body
    assert "市が会場費を負担" in body
    assert body.index("公開の報告") < body.index("古い報告")  # newest first
    assert "内部の打合せ" not in body
    assert [a.pk for a in response.context["subsidies"]] == [published.pk]
    assert "50,000" in body
    assert proposal.title in body
    assert str(Domain.JOINT.label) in body


def test_project_page__links_for_partners_and_managers(client: Any, role_users: dict[str, Any]) -> None:
    project = create_project(groups=(role_users["_group"],))
    log_url = reverse("collaboration:project-log", args=[project.slug])
    manage_url = reverse("collaboration:project-manage", args=[project.slug])
    assert log_url not in client.get(project.get_absolute_url()).content.decode()
    client.force_login(role_users["representative"])
    body = client.get(project.get_absolute_url()).content.decode()
    assert log_url in body
    assert manage_url not in body
    client.force_login(role_users["city_staff"])
    assert manage_url in client.get(project.get_absolute_url()).content.decode()


# --- New and edit ----------------------------------------------------------------------------------


def test_new__creates_with_partners(client: Any, staff: Any, role_users: dict[str, Any]) -> None:
    rows = [
        *partner_rows(groups=(role_users["_group"],), departments=(window_department(),)),
        {"kind": PartnerKind.BUSINESS, "name": "みどり建設株式会社", "contact_email": role_users["citizen"].email},
    ]
    response = client.post(reverse("collaboration:project-new"), project_post_data(project_data(), rows))
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get()
    assert project.partners.count() == 3
    assert project.partners.get(kind=PartnerKind.BUSINESS).contact == role_users["citizen"]
    assert project.next_checkin_on is not None
    assert response["Location"] == reverse("collaboration:project-manage", args=[project.slug])


def test_new__one_partner_is_refused_and_nothing_written(client: Any, staff: Any, role_users: dict[str, Any]) -> None:
    rows = partner_rows(groups=(role_users["_group"],))
    response = client.post(reverse("collaboration:project-new"), project_post_data(project_data(), rows))
    assert response.status_code == 400
    assert "two or more partners" in response.content.decode() or "2者以上" in response.content.decode()
    assert not Project.objects.exists()


def test_new__unknown_contact_email_is_refused(client: Any, staff: Any, role_users: dict[str, Any]) -> None:
    rows = [
        *partner_rows(groups=(role_users["_group"],)),
        {"kind": PartnerKind.SCHOOL, "name": "第一小学校", "contact_email": "nobody@example.jp"},
    ]
    response = client.post(reverse("collaboration:project-new"), project_post_data(project_data(), rows))
    assert response.status_code == 400
    assert not Project.objects.exists()


def test_edit__saves_and_changes_partners(client: Any, staff: Any, role_users: dict[str, Any]) -> None:
    project = create_project(groups=(role_users["_group"],))
    rows = partner_rows(groups=(role_users["_group"], role_users["_other_group"]), departments=(window_department(),))
    data = project_data(title="新しい名前", starts_on=project.starts_on)
    response = client.post(reverse("collaboration:project-edit", args=[project.slug]), project_post_data(data, rows))
    assert response.status_code == 302, response.content.decode()[:3000]
    project.refresh_from_db()
    assert project.title == "新しい名前"
    assert project.partners.count() == 3


# --- Manage ----------------------------------------------------------------------------------------


def test_manage__status_progress_and_subsidy(client: Any, staff: Any, role_users: dict[str, Any]) -> None:
    project = create_project(groups=(role_users["_group"],), status=ProjectStatus.PLANNED)
    url = reverse("collaboration:project-manage", args=[project.slug])
    assert client.post(url, {"action": "status", "status": "active", "seen_status": "planned"}).status_code == 302
    assert client.post(url, {"action": "progress", "progress": "70"}).status_code == 302
    create_application(create_programme(), role_users["_group"], status="submitted", receipt_number="R-77")
    assert client.post(url, {"action": "subsidy", "receipt_number": "R-77"}).status_code == 302
    project.refresh_from_db()
    assert (project.status, project.progress) == ("active", 70)
    assert client.post(url, {"action": "subsidy", "receipt_number": "R-404"}).status_code == 400


def test_manage__stale_status_is_409(client: Any, staff: Any) -> None:
    project = create_project(status=ProjectStatus.ACTIVE)
    url = reverse("collaboration:project-manage", args=[project.slug])
    response = client.post(url, {"action": "status", "status": "completed", "seen_status": "planned"})
    assert response.status_code == 409
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE


def test_manage__discontinue_without_reason_is_400(client: Any, staff: Any) -> None:
    project = create_project(status=ProjectStatus.ACTIVE)
    url = reverse("collaboration:project-manage", args=[project.slug])
    assert client.post(url, {"action": "status", "status": "discontinued", "seen_status": "active"}).status_code == 400
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE


def test_manage__lists_the_partners_log(client: Any, staff: Any) -> None:
    project = create_project()
    ProjectEntry.objects.create(project=project, kind=EntryKind.MEETING, on=timezone.localdate(), title="内部の打合せ")
    assert "内部の打合せ" in client.get(reverse("collaboration:project-manage", args=[project.slug])).content.decode()


# --- The partners' log -------------------------------------------------------------------------------


def test_log__a_partner_adds_a_public_checkin(client: Any, role_users: dict[str, Any]) -> None:
    project = create_project(groups=(role_users["_group"],), checkin_interval_months=6)
    client.force_login(role_users["representative"])
    url = reverse("collaboration:project-log", args=[project.slug])
    today = timezone.localdate()
    response = client.post(
        url,
        {"kind": "checkin", "on": today.isoformat(), "title": "中間ふりかえり", "progress": "50", "is_public": "on"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.progress == 50
    assert project.next_checkin_on > today
    assert "中間ふりかえり" in client.get(project.get_absolute_url()).content.decode()


def test_log__bad_input_is_400_and_writes_nothing(client: Any, role_users: dict[str, Any]) -> None:
    project = create_project(groups=(role_users["_group"],))
    client.force_login(role_users["representative"])
    url = reverse("collaboration:project-log", args=[project.slug])
    for data in (
        {"kind": "meeting", "on": "0001-01-01", "title": "x"},
        {"kind": "meeting", "on": timezone.localdate().isoformat(), "title": "a\nb"},
        {"kind": "meeting", "on": timezone.localdate().isoformat(), "title": "x", "progress": "101"},
    ):
        assert client.post(url, data).status_code == 400
    assert not project.entries.exists()


def test_staff_list__due_checks_highlighted(client: Any, staff: Any) -> None:
    due = create_project(title="期限の事業", next_checkin_on=timezone.localdate() + datetime.timedelta(days=2))
    create_project(title="ふつうの事業", is_published=False)
    response = client.get(reverse("collaboration:staff-projects"))
    projects = list(response.context["projects"])
    assert projects[0] == due
    assert len(projects) == 2
    assert "text-danger" in response.content.decode()


def _rendered_form_data(response: Any) -> dict[str, Any]:
    """What a browser sends back for the project form and its formset, as rendered."""
    data: dict[str, Any] = {}
    forms_ = [response.context["form"], response.context["formset"].management_form, *response.context["formset"]]
    for form in forms_:
        for bound in form:
            value = bound.value()
            if bound.widget_type == "checkbox":
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = "" if value is None else bound.field.widget.format_value(value) or ""
    return data


def test_edit__posting_the_page_back_unchanged_keeps_the_partners(
    client: Any, staff: Any, role_users: dict[str, Any]
) -> None:
    project = create_project(groups=(role_users["_group"],), title="そのままの事業")
    url = reverse("collaboration:project-edit", args=[project.slug])
    data = _rendered_form_data(client.get(url))
    assert data["partner-TOTAL_FORMS"] == "4"  # two partners and two empty rows
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert project.partners.count() == 2


def test_new__empty_rows_are_skipped_but_a_row_without_kind_is_refused(
    client: Any, staff: Any, role_users: dict[str, Any]
) -> None:
    rows = partner_rows(groups=(role_users["_group"],), departments=(window_department(),))
    body = project_post_data(project_data(), rows)
    body.update({"partner-TOTAL_FORMS": "3", "partner-2-kind": "", "partner-2-name": ""})
    assert client.post(reverse("collaboration:project-new"), body).status_code == 302
    body.update({"partner-2-name": "名前だけ", "title": "二つめ"})
    assert client.post(reverse("collaboration:project-new"), body).status_code == 400
    assert Project.objects.count() == 1
