"""Every projects URL of the collaboration app for every role: the registry, its open
data, the 協働の度合い table and published project pages for everyone; an unpublished
project for its partners and the staff who manage it (404 for the others); the manage
and edit pages for the window and the department in charge (403 when the project is
visible, 404 when not); the partners' log for partners and managers (404 for the
others); the staff list for city staff. The city_staff role is the window's (kyodo)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from portal.models import StaffRole
from portal.services import staff_assign
from tests.factories.collaboration import create_project
from tests.factories.groups import create_group
from tests.factories.portal import DepartmentFactory, UserFactory
from tests.roles import Case, check_roles, expect, logged_in, matrix_params, with_totp

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    group = role_users["_group"]
    published = create_project(groups=(group,), slug="matrix-published")
    hidden = create_project(groups=(group,), slug="matrix-hidden", is_published=False)
    return {"published": published, "hidden": hidden}


def _slug(name: str, key: str) -> Any:
    return lambda d: reverse(name, args=[d[key].slug])


EVERYONE = expect(200)
MANAGERS = {"city_staff": 200, "superuser": 200}
PARTNERS_AND_MANAGERS = {"representative": 200, **MANAGERS}

CASES = [
    Case("registry", lambda d: reverse("collaboration:project-list"), EVERYONE),
    Case("registry, filtered", lambda d: reverse("collaboration:project-list") + "?domain=3&year=2026", EVERYONE),
    Case("registry csv", lambda d: reverse("collaboration:project-csv"), EVERYONE),
    Case("domains", lambda d: reverse("collaboration:project-domains"), EVERYONE),
    Case("project page", _slug("collaboration:project", "published"), EVERYONE),
    Case("unpublished project page", _slug("collaboration:project", "hidden"), expect(404, **PARTNERS_AND_MANAGERS)),
    Case("unknown project page", lambda d: reverse("collaboration:project", args=["nowhere"]), expect(404)),
    Case("staff projects", lambda d: reverse("collaboration:staff-projects"), logged_in(403, **MANAGERS)),
    Case("new project", lambda d: reverse("collaboration:project-new"), logged_in(403, **MANAGERS)),
    Case("edit project", _slug("collaboration:project-edit", "published"), logged_in(403, **MANAGERS)),
    Case(
        "edit unpublished project",
        _slug("collaboration:project-edit", "hidden"),
        logged_in(404, representative=403, **MANAGERS),
    ),
    Case("manage project", _slug("collaboration:project-manage", "published"), logged_in(403, **MANAGERS)),
    Case(
        "manage unpublished project",
        _slug("collaboration:project-manage", "hidden"),
        logged_in(404, representative=403, **MANAGERS),
    ),
    Case("partners' log", _slug("collaboration:project-log", "published"), logged_in(404, **PARTNERS_AND_MANAGERS)),
    Case(
        "partners' log, unpublished",
        _slug("collaboration:project-log", "hidden"),
        logged_in(404, **PARTNERS_AND_MANAGERS),
    ),
]


@pytest.fixture
def matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    return build_matrix_data(role_users)


@pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
def test_role_matrix(
    client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    check_roles(client, role_users, matrix_data, case, roles)


def test_partner_of_another_project__404_on_log_and_manage(client: Any, role_users: dict[str, Any]) -> None:
    """A group's representative who is a partner of another project sees neither the
    log nor the manage page of this (unpublished) one, and not the log of a published one."""
    stranger = UserFactory()
    their_group = create_group(representative=stranger)
    create_project(groups=(their_group,), slug="theirs")
    hidden = create_project(groups=(role_users["_group"],), slug="not-theirs", is_published=False)
    published = create_project(groups=(role_users["_group"],), slug="public-not-theirs")
    client.force_login(stranger)
    assert client.get(reverse("collaboration:project-log", args=["theirs"])).status_code == 200
    assert client.get(reverse("collaboration:project-log", args=[hidden.slug])).status_code == 404
    assert client.post(reverse("collaboration:project-log", args=[hidden.slug]), {}).status_code == 404
    assert client.get(reverse("collaboration:project-manage", args=[hidden.slug])).status_code == 404
    assert client.get(reverse("collaboration:project", args=[hidden.slug])).status_code == 404
    assert client.get(reverse("collaboration:project-log", args=[published.slug])).status_code == 404
    assert client.get(reverse("collaboration:project-manage", args=[published.slug])).status_code == 403


def test_staff_of_the_department_in_charge__may_manage(client: Any, role_users: dict[str, Any]) -> None:
    fukushi = DepartmentFactory(code="fukushi")
    kankyo = DepartmentFactory(code="kankyo")
    staff = with_totp(UserFactory())
    staff_assign(user=staff, role=StaffRole.CITY_STAFF, department=fukushi, actor=None)
    ours = create_project(groups=(role_users["_group"],), department=fukushi, is_published=False, slug="ours")
    others = create_project(groups=(role_users["_group"],), department=kankyo, is_published=False, slug="others")
    client.force_login(staff)
    assert client.get(reverse("collaboration:project-manage", args=[ours.slug])).status_code == 200
    assert client.get(reverse("collaboration:project-edit", args=[ours.slug])).status_code == 200
    assert client.get(reverse("collaboration:project-log", args=[ours.slug])).status_code == 200
    assert client.get(reverse("collaboration:project", args=[ours.slug])).status_code == 200
    assert client.get(reverse("collaboration:project-manage", args=[others.slug])).status_code == 404
    staff_list = client.get(reverse("collaboration:staff-projects"))
    assert staff_list.status_code == 200
    assert list(staff_list.context["projects"]) == [ours]
    # Only the window enters new projects.
    assert client.get(reverse("collaboration:project-new")).status_code == 403


def test_a_member_who_is_not_an_editor_is_not_a_partner(client: Any, role_users: dict[str, Any]) -> None:
    hidden = create_project(groups=(role_users["_group"],), slug="members-hidden", is_published=False)
    client.force_login(role_users["member"])
    assert client.get(reverse("collaboration:project-log", args=[hidden.slug])).status_code == 404
