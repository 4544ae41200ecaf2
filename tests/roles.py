"""The role-matrix harness every app extends.

For each URL and each role, the expected status code. An app's test module lists its
cases and parametrizes over ROLES:

    CASES = [Case("news detail", lambda data: data["news"].get_absolute_url(), expect(200))]

    @pytest.mark.parametrize(("case", "roles"), matrix_params(CASES))
    def test_role_matrix(client, role_users, matrix_data, case, roles):
        check_roles(client, role_users, matrix_data, case, roles)

`role_users` (tests/conftest.py) builds one user per role; staff roles have TOTP set
up, so that the staff two-factor rule does not hide what the matrix checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import URLPattern, URLResolver, get_resolver

from groups.models import MembershipRole
from portal.models import StaffRole, User
from portal.services import staff_assign
from tests.factories.groups import create_group
from tests.factories.portal import DepartmentFactory, UserFactory

ROLES = (
    "anonymous",
    "citizen",
    "member",
    "representative",
    "other_representative",
    "reviewer",
    "centre_staff",
    "coordinator",
    "city_staff",
    "superuser",
)
STAFF_ROLES = ("reviewer", "centre_staff", "coordinator", "city_staff", "superuser")


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected status per role: `default` for every role not named."""
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {unknown}")
    return {role: overrides.get(role, default) for role in ROLES}


def logged_in(default: int, **overrides: int) -> dict[str, int]:
    """Log-in required: anonymous users are redirected (302) to the log-in page."""
    return expect(default, **{"anonymous": 302, **overrides})


@dataclass(frozen=True)
class Case:
    name: str
    url: Callable[[dict[str, Any]], str]
    expected: dict[str, int]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.name


def with_totp(user: User) -> User:
    TOTP.activate(user, generate_totp_secret())
    return user


def build_role_users() -> dict[str, User | None]:
    users: dict[str, User | None] = {"anonymous": None}
    users["citizen"] = UserFactory(email="citizen@test.example.jp")
    users["representative"] = UserFactory(email="rep@test.example.jp")
    users["member"] = UserFactory(email="member@test.example.jp")
    users["other_representative"] = UserFactory(email="other-rep@test.example.jp")
    group = create_group(representative=users["representative"], members=(users["member"],))
    other_group = create_group(representative=users["other_representative"])
    department = DepartmentFactory(code="kyodo")
    users["reviewer"] = with_totp(UserFactory(email="reviewer@test.example.jp"))
    staff_assign(user=users["reviewer"], role=StaffRole.REVIEWER, actor=None)
    users["centre_staff"] = with_totp(UserFactory(email="centre@test.example.jp"))
    staff_assign(user=users["centre_staff"], role=StaffRole.CENTRE_STAFF, actor=None)
    users["coordinator"] = with_totp(UserFactory(email="coordinator@test.example.jp"))
    staff_assign(user=users["coordinator"], role=StaffRole.COORDINATOR, actor=None)
    users["city_staff"] = with_totp(UserFactory(email="city@test.example.jp"))
    staff_assign(user=users["city_staff"], role=StaffRole.CITY_STAFF, department=department, actor=None)
    users["superuser"] = with_totp(UserFactory(email="admin@test.example.jp", is_superuser=True, is_staff=True))
    users["_group"] = group  # type: ignore[assignment]
    users["_other_group"] = other_group  # type: ignore[assignment]
    assert group.memberships.get(user=users["member"]).role == MembershipRole.MEMBER
    return users


def check_case(client: Any, role_users: dict[str, Any], data: dict[str, Any], role: str, case: Case) -> Any:
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    url = case.url(data)
    response = getattr(client, case.method)(url, case.data)
    expected = case.expected[role]
    assert response.status_code == expected, (
        f"{case.name} as {role}: {case.method.upper()} {url} gave {response.status_code}, expected {expected}"
    )
    return response


def matrix_params(cases: list[Case]) -> list[Any]:
    """The parameters of a role-matrix test, `(case, roles)`: a page (GET) is checked for
    every role in one test, on the same data, signed in afresh for each role; a case that
    writes (POST) gets one test per role, each on fresh data."""
    import pytest

    params: list[Any] = []
    for case in cases:
        if case.method == "get":
            params.append(pytest.param(case, ROLES, id=str(case)))
        else:
            params.extend(pytest.param(case, (role,), id=f"{case}-{role}") for role in ROLES)
    return params


def check_roles(
    client: Any, role_users: dict[str, Any], data: dict[str, Any], case: Case, roles: tuple[str, ...]
) -> None:
    """`check_case` for each role, reporting every role that got an unexpected answer."""
    from django.utils import translation

    problems = []
    for role in roles:
        client.logout()
        translation.activate("ja")  # as each test starts (a request in English switches it)
        try:
            check_case(client, role_users, data, role, case)
        except AssertionError as error:
            problems.append(str(error).splitlines()[0])
    assert not problems, "\n".join(problems)


# The Django admin is Django's (its views are checked through a few cases in
# tests/portal/test_role_matrix.py, not one by one); every other URL is the project's.
SKIPPED_NAMESPACES = ("admin",)


def url_names(patterns: list[Any] | None = None, namespace: str = "") -> set[str]:
    """Every named URL pattern of the project (the admin's aside), as `namespace:name`:
    what the role matrix and the hostile-input corpus must each cover."""
    names: set[str] = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"unnamed URL pattern {pattern.pattern}: name it so the tests can list it"
            names.add(f"{namespace}{pattern.name}")
    return names
