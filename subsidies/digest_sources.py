"""What the topic e-mails (portal.newsletter) take from subsidies: calls that opened,
or were announced, in the period and are not closed. Registered from SubsidiesConfig.ready.
Programmes have no activity field or area: every subscriber of the topic gets them."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import newsletter
from subsidies.models import Programme


def call_items(
    since: datetime.datetime,
    until: datetime.datetime,
    fields: Collection[int] | None,
    areas: Collection[int] | None,
    language: str,
) -> list[newsletter.DigestItem]:
    programmes = Programme.objects.filter(
        Q(created_at__gt=since, created_at__lte=until) | Q(call_opens_at__gt=since, call_opens_at__lte=until),
        call_closes_at__gt=until,
    ).order_by("call_closes_at", "pk")[:100]
    items = []
    for programme in programmes:
        opened = programme.call_opens_at if programme.call_opens_at <= until else None
        items.append(
            newsletter.DigestItem(
                title=programme.localized("name"),
                path=programme.get_absolute_url(),
                published_at=max(programme.created_at, opened) if opened else programme.created_at,
                when=_("Call: %(opens)s – %(closes)s")
                % {
                    "opens": formats.date_format(timezone.localtime(programme.call_opens_at), "DATE_FORMAT"),
                    "closes": formats.date_format(timezone.localtime(programme.call_closes_at), "DATE_FORMAT"),
                },
            )
        )
    return items


def register() -> None:
    newsletter.register(
        newsletter.DigestSource(
            key="subsidies",
            label=gettext_lazy("Subsidy calls"),
            items=call_items,
            order=30,
            list_url="subsidies:list",
        )
    )
