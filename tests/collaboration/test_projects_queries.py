"""Query counts of the registry, the 協働の度合い table, the open data and the project
page do not grow with the data."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collaboration.models import CollaborationForm, Domain, EntryKind, PartnerKind, ProjectEntry, ProjectPartner
from portal.models import ActivityField
from tests.factories.collaboration import create_project
from tests.factories.groups import create_group

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _grow(n: int, groups: list[Any]) -> None:
    forms = list(CollaborationForm.objects.all())
    field = ActivityField.objects.get_or_create(slug="q-field", defaults={"name": "テスト分野"})[0]
    for i in range(n):
        project = create_project(groups=(groups[i % len(groups)],), form=forms[i % len(forms)], domain=1 + i % 5)
        project.fields.add(field)
        ProjectPartner.objects.create(project=project, kind=PartnerKind.BUSINESS, name=f"商店{i}", order=5)
        ProjectEntry.objects.create(
            project=project, kind=EntryKind.PROGRESS, on=timezone.localdate(), title="報告", is_public=True
        )


@pytest.fixture
def groups(role_users: dict[str, Any]) -> list[Any]:
    return [role_users["_group"], role_users["_other_group"], create_group()]


URLS = [
    lambda: reverse("collaboration:project-list"),
    lambda: reverse("collaboration:project-list") + "?domain=3",
    lambda: reverse("collaboration:project-list") + "?form=kyosai&field=q-field&q=協働",
    lambda: reverse("collaboration:project-domains"),
    lambda: reverse("collaboration:project-csv"),
]


@pytest.mark.parametrize("url", URLS, ids=["registry", "by domain", "filtered", "domains", "csv"])
def test_public_lists__constant_queries(client: Any, groups: list[Any], url: Any) -> None:
    _grow(3, groups)
    small = _count(client, url())
    _grow(12, groups)
    assert _count(client, url()) == small


def test_staff_list__constant_queries(client: Any, role_users: dict[str, Any], groups: list[Any]) -> None:
    client.force_login(role_users["city_staff"])
    url = reverse("collaboration:staff-projects")
    _grow(3, groups)
    small = _count(client, url)
    _grow(12, groups)
    assert _count(client, url) == small


def test_project_page__constant_queries(client: Any, groups: list[Any]) -> None:
    project = create_project(groups=(groups[0],))
    small = _count(client, project.get_absolute_url())
    for i in range(10):
        ProjectEntry.objects.create(
            project=project,
            kind=EntryKind.MILESTONE,
            on=timezone.localdate() - datetime.timedelta(days=i),
            title=f"報告{i}",
            is_public=True,
        )
    for group in groups[1:]:
        ProjectPartner.objects.create(project=project, kind=PartnerKind.GROUP, group=group, order=3)
    ProjectPartner.objects.create(project=project, kind=PartnerKind.SCHOOL, name="第一小学校", order=9)
    project.fields.add(*ActivityField.objects.all()[:3])
    assert _count(client, project.get_absolute_url()) == small


def test_domains__year_with_every_domain(client: Any, groups: list[Any]) -> None:
    adopt = CollaborationForm.objects.get(code="adopt")
    for domain in Domain:
        create_project(form=adopt, domain=domain)
    assert _count(client, reverse("collaboration:project-domains")) <= 12
