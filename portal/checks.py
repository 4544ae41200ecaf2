"""System checks for the portal's own production rules."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_staff_mfa(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    if not settings.STAFF_MFA_REQUIRED:
        return [
            checks.Warning(
                "STAFF_MFA_REQUIRED is off: staff can use the portal without two-factor authentication.",
                hint="Only the local demo may turn it off. Unset STAFF_MFA_REQUIRED in production.",
                id="portal.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_csp(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    policy = getattr(settings, "SECURE_CSP", {}) or {}
    flat = " ".join(" ".join(values) for values in policy.values())
    if not policy or "unsafe-inline" in flat or "unsafe-eval" in flat:
        return [
            checks.Warning(
                "The Content-Security-Policy is missing or allows inline code.",
                id="portal.W002",
            )
        ]
    return []


PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """Rate limits and cache invalidation only work across worker processes with a
    shared cache: a per-process cache multiplies every limit by the number of workers."""
    errors: list[checks.CheckMessage] = []
    for alias, config in settings.CACHES.items():
        if alias == settings.FRAGMENT_CACHE_ALIAS:
            continue  # version-keyed rendered fragments: per process by design (settings.py)
        if config.get("BACKEND") in PER_PROCESS_CACHES:
            errors.append(
                checks.Error(
                    f"The cache {alias!r} ({config['BACKEND']}) is per process, not shared between workers.",
                    hint="Unset CACHE_URL for the database cache, or set it to redis://host:6379/0.",
                    id="portal.E001",
                )
            )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_base_url(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every link in every e-mail is built on PORTAL_BASE_URL (portal.mail)."""
    from urllib.parse import urlsplit

    bits = urlsplit(settings.PORTAL_BASE_URL or "")
    if bits.scheme != "https" or not bits.netloc:
        return [
            checks.Error(
                "PORTAL_BASE_URL must be the portal's public https:// address: links in e-mails are built on it.",
                hint="Set PORTAL_BASE_URL=https://portal.example.jp (no path).",
                id="portal.E002",
            )
        ]
    return []
