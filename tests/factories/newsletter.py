"""Topic e-mail subscriptions reached through the services (request, then the link)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.test import TestCase

from portal import newsletter
from portal.models import Subscription

ALL_TOPICS = ("events", "openings", "subsidies", "news")


def confirm_link_token(
    email: str,
    *,
    topics: Iterable[str] = ALL_TOPICS,
    fields: Iterable[Any] = (),
    areas: Iterable[Any] = (),
    language: str = "ja",
    user_id: int | None = None,
) -> str:
    choices = newsletter.Choices(
        topics=list(topics),
        fields=[getattr(f, "pk", f) for f in fields],
        areas=[getattr(a, "pk", a) for a in areas],
        language=language,
    )
    return newsletter.confirmation_token(email=email, choices=choices, user_id=user_id)


def subscribe(email: str, *, confirm: bool = True, **choices: Any) -> Subscription:
    """A subscription as the form and the confirmation link make it (the confirmation
    e-mail is sent, as after a commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        newsletter.subscription_request(
            email=email,
            topics=choices.get("topics", ALL_TOPICS),
            fields=choices.get("fields", ()),
            areas=choices.get("areas", ()),
            language=choices.get("language", "ja"),
        )
    if confirm:
        newsletter.subscription_confirm(token=confirm_link_token(email, **choices))
    return Subscription.objects.get(email=email.lower())
