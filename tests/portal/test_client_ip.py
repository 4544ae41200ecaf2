"""The client address behind a trusted proxy, for every rate limit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import reverse

from portal.client_ip import client_ip
from tests.factories.groups import create_group

PROXY = "10.0.0.2"


def _request(**headers: str) -> Any:
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)


def test_without_proxy__remote_addr_and_headers_ignored(settings: Any) -> None:
    settings.BEHIND_PROXY = False
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="198.51.100.1")) == PROXY


def test_behind_proxy__rightmost_forwarded_for_entry(settings: Any) -> None:
    settings.BEHIND_PROXY, settings.CLIENT_IP_HEADER = True, "X-Forwarded-For"
    # The client forged "1.2.3.4"; the proxy appended the real address last.
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")) == "198.51.100.1"
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="2001:db8::1")) == "2001:db8::1"
    assert client_ip(_request(HTTP_X_FORWARDED_FOR="not-an-ip")) == PROXY
    assert client_ip(_request()) == PROXY


def test_behind_proxy__x_real_ip(settings: Any) -> None:
    settings.BEHIND_PROXY, settings.CLIENT_IP_HEADER = True, "X-Real-IP"
    assert client_ip(_request(HTTP_X_REAL_IP="198.51.100.9", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "198.51.100.9"


@pytest.mark.django_db
def test_behind_proxy__visitors_do_not_share_the_contact_limit(client: Any, settings: Any) -> None:
    """Rate limits count per visitor, not per proxy."""
    settings.BEHIND_PROXY, settings.CLIENT_IP_HEADER = True, "X-Forwarded-For"
    group = create_group()
    url = reverse("groups:contact", args=[group.slug])
    data = {"name": "市民 太郎", "email": "taro@example.jp", "message": "見学できますか。"}
    statuses = [
        client.post(url, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code for _ in range(12)
    ]
    assert 429 in statuses
    other = client.post(url, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302


@pytest.mark.django_db
def test_behind_proxy__login_limit_per_visitor(client: Any, settings: Any) -> None:
    from tests.factories.portal import TEST_PASSWORD, UserFactory

    settings.BEHIND_PROXY, settings.CLIENT_IP_HEADER = True, "X-Forwarded-For"
    owner = UserFactory(email="owner@example.jp")
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": owner.email, "password": "x"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1")
    response = client.post(
        url, {"login": owner.email, "password": TEST_PASSWORD}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="8.8.8.8"
    )
    assert response.status_code == 302
