"""The visitor's IP address, for every rate limit in the portal (allauth's included).

Without a proxy it is REMOTE_ADDR. Behind the TLS-terminating proxy the README
recommends (`DJANGO_BEHIND_PROXY=1`), REMOTE_ADDR is the proxy for every visitor, so the
address comes from the header the proxy sets (`DJANGO_CLIENT_IP_HEADER`):

- ``X-Forwarded-For`` (default): the RIGHTMOST entry, the one the trusted proxy appended
  (nginx ``proxy_add_x_forwarded_for``, Caddy and Traefik by default). Entries to its left
  come from the client and can be forged, so they are never used.
- ``X-Real-IP``: the whole header, which the proxy must overwrite (nginx
  ``proxy_set_header X-Real-IP $remote_addr``).

Only turn DJANGO_BEHIND_PROXY on when the app server is reachable through the proxy
alone; otherwise anyone could choose their own address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address as a string (possibly empty if nothing usable was sent)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    header = getattr(settings, "CLIENT_IP_HEADER", "X-Forwarded-For")
    value = request.headers.get(header, "")
    if header.lower() == "x-forwarded-for":
        value = value.rsplit(",", 1)[-1]
    return _valid(value) or remote
