from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from groups.models import CommunityGroup, VolunteerOpening
from groups.services import opening_create
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory


def opening_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "子ども食堂の調理補助",
        "description": "毎月第2土曜日の子ども食堂で、調理と配膳を手伝ってください。",
        "when": "毎月第2土曜日 10:00〜14:00",
        "place": "中央公民館 調理室",
        "skills": "特になし",
        "welcome_students": True,
        "people_needed": 3,
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
    }
    data.update(overrides)
    return data


def create_opening(*, group: CommunityGroup | None = None, **overrides: Any) -> VolunteerOpening:
    if group is None:
        group = create_group(representative=UserFactory())
    rep = group.memberships.get(role="representative").user
    return opening_create(group=group, actor=rep, data=opening_data(**overrides))
