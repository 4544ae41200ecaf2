"""Every cases URL of the collaboration app for every role.

The library and published cases (and their photos) are public; drafts are seen only by
their editors (the author, a 協働リポーター, and the 協働推進課 window: city staff of
"kyodo" here, and the superuser), 404 to everyone else. Writing pages need a log-in and
the window or a reporter's role; someone else's published case is visible but not
editable (403). The reporter's own rights are tested below the matrix."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collaboration.models import CaseStudy
from collaboration.services import cases as services
from tests.factories.collaboration import case_reporter, create_case, photo_upload
from tests.roles import Case, check_roles, expect, logged_in, matrix_params

pytestmark = pytest.mark.django_db

WINDOW = {"city_staff": 200, "superuser": 200}
WINDOW_REDIRECT = {"city_staff": 302, "superuser": 302}


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    """The objects the cases below visit (also built by tests/test_role_matrix_coverage.py)."""
    reporter = case_reporter(email="matrix-reporter@test.example.jp")
    published = create_case(author=reporter, slug="matrix-published", title="公開事例")
    draft = create_case(author=reporter, slug="matrix-draft", title="下書き事例", published=False)
    return {
        "reporter": reporter,
        "published": published,
        "draft": draft,
        "published_photo": services.photo_add(case=published, actor=reporter, upload=photo_upload(), alt="公開写真"),
        "draft_photo": services.photo_add(case=draft, actor=reporter, upload=photo_upload(), alt="下書き写真"),
    }


def _url(name: str, key: str) -> Any:
    return lambda d: reverse(name, args=[d[key].slug])


def _photo(name: str, key: str) -> Any:
    return lambda d: reverse(name, args=[d[key].slug, d[f"{key}_photo"].pk])


CASES = [
    Case("case list", lambda d: reverse("collaboration:case-list"), expect(200)),
    Case(
        "case list, filtered", lambda d: reverse("collaboration:case-list") + "?form=kyodo-itaku&domain=3", expect(200)
    ),
    Case("case list, bad domain", lambda d: reverse("collaboration:case-list") + "?domain=7", expect(400)),
    Case("case list (English)", lambda d: "/en" + reverse("collaboration:case-list"), expect(200)),
    Case("published case", _url("collaboration:case", "published"), expect(200)),
    Case("draft case", _url("collaboration:case", "draft"), expect(404, **WINDOW)),
    Case("missing case", lambda d: reverse("collaboration:case", args=["nothing"]), expect(404)),
    Case("published photo", _photo("collaboration:case-photo", "published"), expect(200)),
    Case("draft photo", _photo("collaboration:case-photo", "draft"), expect(404, **WINDOW)),
    Case(
        "photo of another case",
        lambda d: reverse("collaboration:case-photo", args=[d["published"].slug, d["draft_photo"].pk]),
        expect(404),
    ),
    Case("manage cases", lambda d: reverse("collaboration:case-manage"), logged_in(403, **WINDOW)),
    Case("new case", lambda d: reverse("collaboration:case-new"), logged_in(403, **WINDOW)),
    Case(
        "new case, empty POST",
        lambda d: reverse("collaboration:case-new"),
        logged_in(403, city_staff=400, superuser=400),
        method="post",
    ),
    Case("edit published case", _url("collaboration:case-edit", "published"), logged_in(403, **WINDOW)),
    Case("edit draft case", _url("collaboration:case-edit", "draft"), logged_in(404, **WINDOW)),
    Case(
        "publish draft",
        _url("collaboration:case-publish", "draft"),
        logged_in(404, **WINDOW_REDIRECT),
        method="post",
        data={"seen_status": "draft"},
    ),
    Case(
        "publish published case (stale)",
        _url("collaboration:case-publish", "published"),
        logged_in(403, city_staff=409, superuser=409),
        method="post",
        data={"seen_status": "draft"},
    ),
    Case(
        "unpublish published case",
        _url("collaboration:case-unpublish", "published"),
        logged_in(403, **WINDOW_REDIRECT),
        method="post",
        data={"seen_status": "published"},
    ),
    Case(
        "add photo without a file",
        _url("collaboration:case-photo-add", "published"),
        logged_in(403, city_staff=400, superuser=400),
        method="post",
        data={"alt": "写真"},
    ),
    Case(
        "delete photo of published case",
        _photo("collaboration:case-photo-delete", "published"),
        logged_in(403, **WINDOW_REDIRECT),
        method="post",
    ),
    Case(
        "delete photo of draft",
        _photo("collaboration:case-photo-delete", "draft"),
        logged_in(404, **WINDOW_REDIRECT),
        method="post",
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


# --- 協働リポーター: their own cases, not others' ------------------------------------------------


def _form_data() -> dict[str, Any]:
    from collaboration.models import CollaborationForm

    return {
        "title": "リポーターの事例",
        "form": str(CollaborationForm.objects.get(code="adopt").pk),
        "domain": "2",
        "content": "内容",
        "effects": "効果",
        "went_well": "よかった点",
        "difficulties": "苦労",
        "improvements": "改善",
    }


def test_reporter__own_cases(client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any]) -> None:
    reporter = matrix_data["reporter"]
    client.force_login(reporter)
    assert client.get(reverse("collaboration:case-manage")).status_code == 200
    assert client.get(reverse("collaboration:case-new")).status_code == 200
    assert client.post(reverse("collaboration:case-new"), _form_data()).status_code == 302
    for key in ("published", "draft"):
        assert client.get(reverse("collaboration:case-edit", args=[matrix_data[key].slug])).status_code == 200
        assert client.get(matrix_data[key].get_absolute_url()).status_code == 200
        assert (
            client.get(
                reverse("collaboration:case-photo", args=[matrix_data[key].slug, matrix_data[f"{key}_photo"].pk])
            ).status_code
            == 200
        )
    response = client.post(reverse("collaboration:case-publish", args=["matrix-draft"]), {"seen_status": "draft"})
    assert response.status_code == 302
    assert CaseStudy.objects.get(slug="matrix-draft").published_at is not None


def test_reporter__someone_elses_cases(client: Any, role_users: dict[str, Any], matrix_data: dict[str, Any]) -> None:
    client.force_login(case_reporter(email="other-reporter@test.example.jp"))
    published, draft = matrix_data["published"], matrix_data["draft"]
    assert client.get(reverse("collaboration:case-edit", args=[published.slug])).status_code == 403
    assert client.get(reverse("collaboration:case-edit", args=[draft.slug])).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("collaboration:case-publish", args=[draft.slug]), {"seen_status": "draft"}).status_code
        == 404
    )
    assert client.post(reverse("collaboration:case-unpublish", args=[published.slug])).status_code == 403
    photo = matrix_data["published_photo"]
    assert client.post(reverse("collaboration:case-photo-delete", args=[published.slug, photo.pk])).status_code == 403
    assert CaseStudy.objects.get(slug="matrix-draft").published_at is None
    assert CaseStudy.objects.get(slug="matrix-published").published_at is not None


def test_reporter__inactive__refused(client: Any, matrix_data: dict[str, Any]) -> None:
    from collaboration.models import CaseReporter

    reporter = matrix_data["reporter"]
    CaseReporter.objects.filter(user=reporter).update(is_active=False)
    client.force_login(reporter)
    assert client.get(reverse("collaboration:case-new")).status_code == 403
    assert client.get(reverse("collaboration:case-edit", args=["matrix-published"])).status_code == 403


def test_city_staff_of_another_department__reads_only(client: Any, matrix_data: dict[str, Any]) -> None:
    """City staff outside the 協働推進課 window (and a 協働推進員) neither write nor see drafts."""
    from collaboration.models import Liaison
    from portal.models import StaffRole
    from portal.services import staff_assign
    from tests.factories.portal import DepartmentFactory, UserFactory
    from tests.roles import with_totp

    department = DepartmentFactory(code="fukushi")
    user = with_totp(UserFactory(email="fukushi@test.example.jp"))
    staff_assign(user=user, role=StaffRole.CITY_STAFF, department=department, actor=None)
    Liaison.objects.create(department=department, user=user)
    client.force_login(user)
    assert client.get(reverse("collaboration:case-new")).status_code == 403
    assert client.get(reverse("collaboration:case-manage")).status_code == 403
    assert client.get(reverse("collaboration:case-edit", args=["matrix-published"])).status_code == 403
    assert client.get(matrix_data["draft"].get_absolute_url()).status_code == 404
    assert client.get(matrix_data["published"].get_absolute_url()).status_code == 200
