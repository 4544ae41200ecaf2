"""The page cache on the consultation desk's public page (issue 12), the only public GET
of the app (its free slots, with the topic and mode filters): after each write through
consultations.services, committed, no page the cache serves differs from a fresh
render; every page is warmed (a hit) before each write, so a page the write leaves
stale fails the test."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Mode
from tests.factories.consultations import book, create_slot
from tests.factories.portal import UserFactory
from tests.pagecache import check_writes
from tests.roles import with_totp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def test_desk_page__no_stale_page(client: Any) -> None:
    from portal.models import StaffRole
    from portal.services import staff_assign

    desk = with_totp(UserFactory())
    staff_assign(user=desk, role=StaffRole.CENTRE_STAFF, actor=None)
    citizen = UserFactory()
    slot = create_slot(days=2)
    other = create_slot(days=3, modes=(Mode.PHONE,))
    booking = book(citizen, create_slot(days=4))
    index = reverse("consultations:index")
    pages = [
        index,
        index + "?topic=subsidy",
        index + "?mode=phone",
        index + "?topic=start&mode=in_person",
        "/en" + index,
    ]
    day = timezone.localdate() + datetime.timedelta(days=5)

    check_writes(
        client,
        pages,
        [
            ("a slot booked", lambda: book(citizen, slot)),
            (
                "a booking cancelled (its slot free again)",
                lambda: services.consultation_cancel(actor=citizen, consultation=booking),
            ),
            ("a slot closed", lambda: services.slot_close(actor=desk, slot=other)),
            (
                "slots opened",
                lambda: services.slots_open(
                    actor=desk,
                    first_day=day,
                    last_day=day,
                    weekdays=range(7),
                    start_time=datetime.time(13, 0),
                    minutes=60,
                    per_day=2,
                    modes=[Mode.IN_PERSON, Mode.PHONE],
                    place="市民活動センター 相談室",
                ),
            ),
        ],
    )
