"""PostgreSQL (or SQLite) cannot be reached: every page answers 503 with a short static
notice and Retry-After, never a 500, writes nothing, and the next request after the
database is back answers as usual."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection, connections
from django.urls import reverse

from groups.models import EventRegistration
from portal.middleware import DATABASE_DOWN_ERRORS
from tests.factories.events import create_event
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends


def unreachable_error() -> Exception:
    """What Django really raises when the database's address answers nothing: the
    connection's settings pointed at a closed port (PostgreSQL) or a file that cannot
    be opened (SQLite)."""
    settings_dict = {**connection.settings_dict}
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-directory/portal.sqlite3"
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    broken = connections.create_connection("default").__class__(settings_dict, alias="unreachable")
    try:
        broken.ensure_connection()
    except Exception as error:
        return error
    finally:
        broken.close()
    raise AssertionError("the database at a closed port answered")


@contextlib.contextmanager
def database_down(error: Exception | None = None) -> Iterator[None]:
    """Every new cursor fails as it does when the database cannot be reached (the test's
    connection itself stays open, inside the test's transaction)."""
    with mock.patch.object(connection, "ensure_connection", side_effect=error or unreachable_error()):
        yield


def test_unreachable_database__raises_what_the_middleware_catches() -> None:
    assert isinstance(unreachable_error(), DATABASE_DOWN_ERRORS)
    assert isinstance(unreachable_error(), OperationalError)


@pytest.mark.postgres
def test_postgres__health_checks_on_so_a_dead_connection_is_replaced() -> None:
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


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
    with database_down(InterfaceError("connection already closed")):
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
