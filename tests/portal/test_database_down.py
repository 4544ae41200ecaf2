"""PostgreSQL (or SQLite) cannot be reached: every page answers 503 with a short static
notice and Retry-After, never a 500, writes nothing, and the next request after the
database is back answers as usual."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.urls import reverse

from groups.models import EventRegistration
from tests.factories.events import create_event
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def database_down(error: type[Exception] = OperationalError) -> Iterator[None]:
    """Every new cursor fails as it does when the server refuses the connection."""
    refused = error('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        yield


def _assert_notice(response: Any) -> None:
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "ただいまご利用いただけません" in text
    assert "Temporarily unavailable" in text


@pytest.mark.parametrize("url", ["/", "/events/", "/groups/?q=福祉", "/facilities/", "/en/news/", "/search/?q=ふくし"])
def test_page__database_down__503_notice_then_200_when_back(client: Any, url: str) -> None:
    with database_down():
        _assert_notice(client.get(url))
    assert client.get(url).status_code == 200


def test_page__interface_error__503(client: Any) -> None:
    with database_down(InterfaceError):
        _assert_notice(client.get("/events/"))


def test_signed_in__session_unreachable__503_not_500(client: Any) -> None:
    # The session and the user are loaded by middleware below the 503 middleware: Django
    # has turned the error into a 500 before it comes back up.
    client.force_login(UserFactory())
    client.raise_request_exception = False
    with database_down():
        _assert_notice(client.get("/my/"))
        _assert_notice(client.get("/"))
    assert client.get("/my/").status_code == 200


def test_post__database_down__503_and_nothing_written(client: Any) -> None:
    event = create_event(capacity=5, requires_signup=True)
    client.force_login(UserFactory())
    client.raise_request_exception = False
    url = reverse("groups:event-signup", args=[event.pk])
    with database_down():
        _assert_notice(client.post(url))
    assert not EventRegistration.objects.exists()
    assert client.post(url).status_code == 302  # back: the same request goes through
    assert EventRegistration.objects.count() == 1


def test_healthz__database_down__503(client: Any) -> None:
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert client.get("/healthz").content == b"ok"


def test_other_errors__still_500(client: Any) -> None:
    client.raise_request_exception = False
    with mock.patch("portal.views.HomeView.get", side_effect=RuntimeError("a bug")):
        assert client.get("/").status_code == 500


def test_page_cache__cached_page_still_served_while_database_down(client: Any, page_cache: Any) -> None:
    # The cached copy and the table versions are in the shared cache, not the database.
    assert client.get("/news/").status_code == 200
    with database_down():
        cached = client.get("/news/")
        assert cached.status_code == 200
        assert cached["X-Page-Cache"] == "hit"
        _assert_notice(client.get("/news/?page=1"))  # not cached: rendered, so 503
