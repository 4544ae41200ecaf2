from __future__ import annotations

import pytest

from facilities.availability import FacilityCalendar
from facilities.fees import quote
from tests.factories.facilities import create_facility, create_reduction, create_room, create_surcharges, days_ahead

pytestmark = pytest.mark.django_db


def test_quote__rates_surcharges_and_reduction_rounded_in_the_users_favour() -> None:
    facility = create_facility()
    room = create_room(facility, fee=333)  # 午前 333, 午後 433, 夜間 533
    admission, heating = create_surcharges(facility)
    day = days_ahead(5)
    slots = FacilityCalendar(facility, day, day).day(day).slots
    assert quote(room, slots, resident=True).total == 333 + 433 + 533
    assert quote(room, slots[:1], resident=False).total == 666
    q = quote(room, slots[:2], resident=True, surcharges=[admission, heating], reduction=create_reduction(percent=30))
    assert (q.base, q.surcharge) == (766, 766 + 400)
    # 70% of 1,932 is 1,352.4: the user pays 1,352.
    assert (q.reduction, q.total) == (580, 1352)
    assert q.lines[-1][1] == -580
