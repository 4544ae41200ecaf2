"""Badges on an event's page (「みどり市後援」「みどり市共催」…) that other apps give.

The groups app does not depend on the apps that award them: each registers a provider
when it is ready. A provider takes event ids and returns `{event_id: [label, ...]}`
for the events it has something to say about, in one query."""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = ["BADGE_PROVIDERS", "BadgeProvider", "badges_for", "register_badge_provider"]

BadgeProvider = Callable[[list[int]], dict[int, list[str]]]

BADGE_PROVIDERS: list[BadgeProvider] = []


def register_badge_provider(provider: BadgeProvider) -> None:
    if provider not in BADGE_PROVIDERS:
        BADGE_PROVIDERS.append(provider)


def badges_for(event_ids: Iterable[int]) -> dict[int, list[str]]:
    """Every provider's badges for the events, merged."""
    ids = list(event_ids)
    found: dict[int, list[str]] = {}
    if not ids:
        return found
    for provider in BADGE_PROVIDERS:
        for event_id, labels in provider(ids).items():
            found.setdefault(event_id, []).extend(labels)
    return found
