"""Demo subscribers of the topic e-mails: confirmed ones in Japanese and English (one
linked to the demo citizen's account), some still waiting for confirmation, one who
unsubscribed, and this week's digest already delivered to the demo citizen.
Idempotent: an address already there is left as it is; the digest is claimed per week."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from portal import newsletter
from portal.models import ActivityField, Area, Subscription

SUBSCRIBERS: list[dict[str, Any]] = [
    {"email": "citizen@example.jp", "topics": ["events", "openings", "subsidies", "news"], "language": "ja"},
    {"email": "yamada.kazuko@example.jp", "topics": ["events", "openings"], "fields": ["welfare"], "language": "ja"},
    {"email": "kobayashi.sho@example.jp", "topics": ["subsidies", "news"], "areas": ["sakuragawa"], "language": "ja"},
    {
        "email": "emily.brown@example.com",
        "topics": ["events", "news"],
        "fields": ["international"],
        "language": "en",
    },
    {"email": "suzuki.ken@example.jp", "topics": ["openings"], "language": "ja", "confirm": False},
    {"email": "li.wei@example.com", "topics": ["events"], "language": "en", "confirm": False},
    {"email": "tanaka.minoru@example.jp", "topics": ["news"], "language": "ja", "unsubscribe": True},
]


def seed_newsletter(ctx: Any) -> None:
    citizen = ctx.accounts.get("citizen")
    for row in SUBSCRIBERS:
        if Subscription.objects.filter(email=row["email"]).exists():
            continue
        fields = list(ActivityField.objects.filter(slug__in=row.get("fields", [])).values_list("pk", flat=True))
        areas = list(Area.objects.filter(slug__in=row.get("areas", [])).values_list("pk", flat=True))
        user = citizen if citizen is not None and citizen.email == row["email"] else None
        newsletter.subscription_request(
            email=row["email"], topics=row["topics"], fields=fields, areas=areas, language=row["language"], user=user
        )
        if not row.get("confirm", True):
            continue
        choices = newsletter.Choices(topics=row["topics"], fields=fields, areas=areas, language=row["language"])
        token = newsletter.confirmation_token(email=row["email"], choices=choices, user_id=user.pk if user else None)
        subscription = newsletter.subscription_confirm(token=token, actor=user)
        if row.get("unsubscribe"):
            newsletter.subscription_unsubscribe(subscription=subscription)
    # The demo citizen subscribed ten days ago: this week's digest (the recent news) is sent.
    subscription = Subscription.objects.get(email="citizen@example.jp")
    if not subscription.deliveries.exists():
        only = Subscription.objects.filter(pk=subscription.pk)
        only.update(digest_since=timezone.now() - datetime.timedelta(days=10))
        newsletter.send_weekly_digests(subscriptions=only)
    ctx.log(f"newsletter: {Subscription.objects.count()} subscribers")
