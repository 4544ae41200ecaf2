"""The collaboration links of the staff area, by who is signed in."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.factories.collaboration import create_liaison
from tests.factories.portal import DepartmentFactory
from tests.roles import with_totp

pytestmark = pytest.mark.django_db


def _links(client: Any, user: Any) -> str:
    client.force_login(user)
    response = client.get(reverse("portal:staff-dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_window_sees_every_collaboration_page(client: Any, role_users: dict[str, Any]) -> None:
    html = _links(client, role_users["city_staff"])
    for name in ("staff-calls", "staff-proposals", "staff-endorsements", "staff-department", "case-manage"):
        assert reverse(f"collaboration:{name}") in html


def test_liaison_sees_the_department_pages_only(client: Any) -> None:
    from portal.models import StaffRole
    from portal.services import staff_assign

    department = DepartmentFactory(code="fukushi")
    liaison = with_totp(create_liaison(department))
    staff_assign(user=liaison, role=StaffRole.CITY_STAFF, department=department, actor=None)
    html = _links(client, liaison)
    assert reverse("collaboration:staff-department") in html
    assert reverse("collaboration:staff-proposals") not in html
    assert reverse("collaboration:case-manage") not in html


def test_centre_staff_see_no_collaboration_page(client: Any, role_users: dict[str, Any]) -> None:
    html = _links(client, role_users["centre_staff"])
    assert "/collaboration/staff/" not in html
    assert reverse("collaboration:case-manage") not in html
