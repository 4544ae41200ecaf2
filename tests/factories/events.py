from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from groups.models import CommunityGroup, Event
from groups.services import event_create
from portal.models import User
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

_counter = itertools.count(1)


def event_data(**overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    # A week ahead, on one day, between 09:00 and 19:00 local time: never across
    # midnight, whatever the time of day the tests run at.
    morning = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    start = morning + datetime.timedelta(days=7, minutes=n % 600)
    data = {
        "title": f"テストイベント{n}",
        "title_kana": "テストイベント",
        "title_en": f"Test event {n}",
        "description": "どなたでも参加できます。",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "place": "市民活動センター 会議室A",
        "address": "",
        "area": None,
        "audience": "どなたでも",
        "fee": 0,
        "capacity": None,
        "requires_signup": False,
        "signup_opens_at": None,
        "signup_closes_at": None,
        "accessibility": "",
        "contact": "",
    }
    data.update(overrides)
    return data


def create_event(
    *,
    group: CommunityGroup | None = None,
    organiser: User | None = None,
    fields: list[Any] | None = None,
    **overrides: Any,
) -> Event:
    """An event posted through the service by the group's representative."""
    if group is None:
        organiser = organiser or UserFactory()
        group = create_group(representative=organiser)
    elif organiser is None:
        organiser = group.memberships.get(role="representative").user
    return event_create(actor=organiser, group=group, data=event_data(**overrides), fields=fields or [])
