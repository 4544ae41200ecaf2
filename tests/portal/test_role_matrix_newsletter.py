"""Role matrix of the topic e-mails (portal.newsletter_views): the public pages answer
everyone alike (the manage and unsubscribe pages are reached by the token in the e-mail,
not by an account); the staff counts need a staff role."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.factories.newsletter import confirm_link_token, subscribe
from tests.roles import Case, check_roles, expect, logged_in, matrix_params

pytestmark = pytest.mark.django_db


def build_matrix_data(role_users: dict[str, Any]) -> dict[str, Any]:
    subscription = subscribe("matrix@example.jp", topics=["news"])
    return {"subscription": subscription, "confirm_token": confirm_link_token("matrix@example.jp")}


def _token(route: str, key: str = "subscription") -> Any:
    return lambda d: reverse(route, args=[d[key].token if key == "subscription" else d[key]])


SUBSCRIBE_DATA = {"email": "new-reader@example.jp", "topics": ["events"], "language": "ja"}

CASES: list[Case] = [
    Case("subscribe page", lambda d: reverse("portal:newsletter-subscribe"), expect(200)),
    Case("subscribe", lambda d: reverse("portal:newsletter-subscribe"), expect(200), "post", SUBSCRIBE_DATA),
    Case("confirm page", _token("portal:newsletter-confirm", "confirm_token"), expect(200)),
    Case("confirm", _token("portal:newsletter-confirm", "confirm_token"), expect(302), "post"),
    Case("confirm bad token", lambda d: reverse("portal:newsletter-confirm", args=["x"]), expect(400)),
    Case("manage page", _token("portal:newsletter-manage"), expect(200)),
    Case(
        "manage",
        _token("portal:newsletter-manage"),
        expect(302),
        "post",
        {"topics": ["events", "news"], "language": "en"},
    ),
    Case("manage unknown token", lambda d: reverse("portal:newsletter-manage", args=["nope"]), expect(404)),
    Case("unsubscribe page", _token("portal:newsletter-unsubscribe"), expect(200)),
    Case("unsubscribe", _token("portal:newsletter-unsubscribe"), expect(200), "post"),
    Case(
        "unsubscribe unknown token",
        lambda d: reverse("portal:newsletter-unsubscribe", args=["nope"]),
        expect(404),
        "post",
    ),
    Case(
        "staff counts",
        lambda d: reverse("portal:newsletter-staff"),
        logged_in(403, centre_staff=200, city_staff=200, superuser=200),
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
