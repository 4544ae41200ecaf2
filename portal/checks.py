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
