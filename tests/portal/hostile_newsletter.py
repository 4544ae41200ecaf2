"""The hostile-input corpus of the topic e-mails (tests/test_hostile_input.py loads it):
the subscribe and manage forms, the confirmation link (tokens altered, expired or huge),
the unsubscribe address (GET and the one-click POST) and the staff counts."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.factories.newsletter import confirm_link_token, subscribe
from tests.test_hostile_input import Endpoint, PostTarget, in_context


def world(world: dict[str, Any]) -> dict[str, Any]:
    subscription = subscribe("hostile-reader@example.jp", topics=["news"], fields=[world["field"]])
    return {
        "newsletter_subscription": subscription,
        "newsletter_confirm_token": confirm_link_token("hostile-reader@example.jp", topics=["events"]),
    }


def _choices(w: dict[str, Any]) -> dict[str, Any]:
    return {"topics": ["events", "news"], "fields": [w["field"].pk], "areas": [w["area"].pk], "language": "ja"}


POST_TARGETS: list[Any] = [
    PostTarget(
        "newsletter subscribe",
        "anonymous",
        lambda w: reverse("portal:newsletter-subscribe"),
        in_context("form"),
        base=lambda w: {"email": "new-reader@example.jp", **_choices(w)},
    ),
    PostTarget(
        "newsletter manage",
        "anonymous",
        lambda w: reverse("portal:newsletter-manage", args=[w["newsletter_subscription"].token]),
        in_context("form"),
        base=_choices,
    ),
]

GET_TARGETS: list[Any] = []

ENDPOINTS: list[Any] = [
    Endpoint(
        "portal:newsletter-confirm",
        "anonymous",
        lambda w: reverse("portal:newsletter-confirm", args=[w["newsletter_confirm_token"]]),
    ),
    Endpoint(
        "portal:newsletter-unsubscribe",
        "anonymous",
        lambda w: reverse("portal:newsletter-unsubscribe", args=[w["newsletter_subscription"].token]),
        fields=("List-Unsubscribe",),
    ),
    Endpoint("portal:newsletter-staff", "city_staff", lambda w: reverse("portal:newsletter-staff")),
]

FORM_MODULES: list[str] = ["portal.newsletter_forms"]
FORM_COVERAGE: dict[str, str] = {
    "portal.newsletter_forms.ChoicesForm": "newsletter manage",
    "portal.newsletter_forms.SubscribeForm": "newsletter subscribe",
}
