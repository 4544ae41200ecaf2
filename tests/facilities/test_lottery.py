"""The lottery: entries in the window, capped; a reproducible draw with priority
classes; publication with e-mails; confirmation by the deadline; then first-come."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from facilities import services
from facilities.models import Booking, EntryStatus, LotteryEntry, LotteryRound, PriorityClass, RoundStatus
from tests.factories.facilities import create_facility, create_lottery_round, create_room, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def make_round(facility: Any, rooms: list[Any], **overrides: Any) -> LotteryRound:
    now = timezone.now()
    fields = {"draw_at": now + 25 * HOUR, "confirm_by": now + 100 * HOUR, "entries_per_applicant": 2}
    return create_lottery_round(facility, rooms, **{**fields, **overrides})


@pytest.fixture
def lot() -> dict[str, Any]:
    facility = create_facility()
    hall = create_room(facility, slug="hall", uses_lottery=True, capacity=100)
    round_ = make_round(facility, [hall])
    users = [UserFactory(relationship="resident") for _ in range(3)]
    groups = [create_group(members=(user,)) for user in users]
    return {
        "facility": facility,
        "hall": hall,
        "round": round_,
        "users": users,
        "groups": groups,
        "staff": facility_staff(facility, UserFactory()),
        "day": round_.use_month + datetime.timedelta(days=9),
        "evening": facility.divisions.get(name="夜間"),
    }


def enter(lot: dict[str, Any], i: int, *, group: bool = True, **overrides: Any) -> LotteryEntry:
    kwargs = {
        "actor": lot["users"][i],
        "round_": lot["round"],
        "resource": lot["hall"],
        "use_date": lot["day"],
        "division": lot["evening"],
        "purpose": "発表会",
        "expected_people": 50,
        "group": lot["groups"][i] if group else None,
    }
    kwargs.update(overrides)
    return services.entry_create(**kwargs)


def draw(lot: dict[str, Any], seed: str = "fixed-seed") -> LotteryRound:
    return services.round_draw(round_=lot["round"], actor=lot["staff"], seed=seed, now=lot["round"].draw_at)


def test_first_come_is_closed_while_the_lottery_holds_the_month(lot: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as info:
        services.booking_create(
            actor=lot["users"][0],
            resource=lot["hall"],
            use_date=lot["day"],
            slot_keys=["18:00"],
            purpose="x",
            expected_people=5,
            group=lot["groups"][0],
        )
    assert "lottery" in str(info.value.error_dict["use_date"][0].code)


def test_entries__capped_unique_and_only_in_the_window(lot: dict[str, Any]) -> None:
    enter(lot, 0)
    with pytest.raises(ValidationError):
        enter(lot, 0)  # same slot twice
    enter(lot, 0, division=lot["facility"].divisions.get(name="午後"))
    with pytest.raises(ValidationError) as info:
        enter(lot, 0, use_date=lot["day"] + datetime.timedelta(days=1))
    assert info.value.code == "entry_cap"
    with pytest.raises(ValidationError):
        enter(lot, 1, use_date=lot["round"].use_month - datetime.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        enter(lot, 1, actor=lot["users"][2])  # not a member of that group
    lot["round"].entries_close_at = timezone.now() - datetime.timedelta(minutes=1)
    lot["round"].entries_open_at = timezone.now() - 2 * HOUR
    lot["round"].save()
    with pytest.raises(ValidationError):
        enter(lot, 2)
    assert LotteryEntry.objects.count() == 2


def test_draw__registered_groups_first_and_reproducible(lot: dict[str, Any]) -> None:
    individual = enter(lot, 0, group=False)
    assert individual.priority == PriorityClass.RESIDENT
    group_entries = [enter(lot, 1), enter(lot, 2)]
    with pytest.raises(ValidationError):
        services.round_draw(round_=lot["round"], actor=lot["staff"], now=timezone.now())  # too early
    with pytest.raises(PermissionDenied):
        services.round_draw(round_=lot["round"], actor=lot["users"][0], now=lot["round"].draw_at)
    round_ = draw(lot)
    assert round_.status == RoundStatus.DRAWN
    assert round_.seed == "fixed-seed"
    assert len(round_.result_digest) == 64
    individual.refresh_from_db()
    assert individual.status == EntryStatus.LOST
    assert individual.rank == 3
    ranks = sorted(LotteryEntry.objects.filter(pk__in=[e.pk for e in group_entries]).values_list("rank", flat=True))
    assert ranks == [1, 2]
    assert services.round_verify(round_)
    LotteryEntry.objects.filter(rank=1).update(rank=2)
    assert not services.round_verify(round_)
    with pytest.raises(ValidationError):
        draw(lot)  # never twice


def test_draw_order__depends_only_on_seed_and_entries(lot: dict[str, Any]) -> None:
    entries = [enter(lot, i) for i in range(3)]
    first = services.draw_order("abc", entries)
    assert services.draw_order("abc", list(reversed(entries))) == first
    orders = {tuple(sorted(services.draw_order(str(seed), entries).items())) for seed in range(30)}
    assert len(orders) > 1  # the seed matters: different seeds give different winners


def test_publish_confirm_and_first_come(lot: dict[str, Any]) -> None:
    for i in range(3):
        enter(lot, i)
    round_ = draw(lot)
    first = LotteryEntry.objects.select_related("user").get(rank=1)
    with pytest.raises(ValidationError):
        services.entry_confirm(entry=first, actor=first.user)  # not published yet
    mail.outbox.clear()
    services.round_publish(round_=round_, actor=lot["staff"], now=round_.draw_at + HOUR)
    assert len(mail.outbox) == 3
    assert all("抽選" in m.subject or "Lottery" in m.subject for m in mail.outbox)
    winner = LotteryEntry.objects.select_related("user").get(rank=1)
    loser = LotteryEntry.objects.get(rank=2)
    with pytest.raises(PermissionDenied):
        services.entry_confirm(entry=winner, actor=loser.user, now=round_.draw_at + 2 * HOUR)
    booking = services.entry_confirm(entry=winner, actor=winner.user, now=round_.draw_at + 2 * HOUR)
    assert booking.channel == "lottery"
    assert booking.group == winner.group
    assert booking.fee == 800
    winner.refresh_from_db()
    assert winner.status == EntryStatus.CONFIRMED
    assert winner.booking == booking
    # The hall's month stays closed to first-come until the confirmation deadline...
    other_day = lot["day"] + datetime.timedelta(days=1)
    kwargs = {
        "actor": loser.user,
        "resource": lot["hall"],
        "use_date": other_day,
        "slot_keys": ["18:00"],
        "purpose": "x",
        "expected_people": 5,
        "group": loser.group,
    }
    with pytest.raises(ValidationError):
        services.booking_create(**kwargs, now=round_.confirm_by - HOUR)
    # ...then opens; the won slot stays taken.
    assert services.booking_create(**kwargs, now=round_.confirm_by + HOUR).status == "confirmed"
    with pytest.raises(ValidationError):
        services.booking_create(**{**kwargs, "use_date": lot["day"]}, now=round_.confirm_by + HOUR)


def test_unconfirmed_wins_lapse(lot: dict[str, Any]) -> None:
    enter(lot, 0)
    round_ = draw(lot)
    services.round_publish(round_=round_, actor=lot["staff"])
    winner = LotteryEntry.objects.get(rank=1)
    assert services.lapse_unconfirmed(now=round_.confirm_by - HOUR) == 0
    assert services.lapse_unconfirmed(now=round_.confirm_by + HOUR) == 1
    winner.refresh_from_db()
    assert winner.status == EntryStatus.LAPSED
    with pytest.raises(ValidationError):
        services.entry_confirm(entry=winner, actor=winner.user, now=round_.confirm_by + HOUR)
    assert not Booking.objects.exists()


def test_due_draws_run_by_the_daily_command(lot: dict[str, Any]) -> None:
    enter(lot, 0)
    assert services.run_due_draws(now=lot["round"].draw_at - HOUR) == []
    drawn = services.run_due_draws(now=lot["round"].draw_at + HOUR)
    assert [r.pk for r in drawn] == [lot["round"].pk]
    assert drawn[0].seed
    assert services.round_verify(drawn[0])


def test_withdraw_and_decline(lot: dict[str, Any]) -> None:
    entry = enter(lot, 0)
    with pytest.raises(PermissionDenied):
        services.entry_withdraw(entry=entry, actor=lot["users"][1])
    services.entry_withdraw(entry=entry, actor=lot["users"][0])
    entry = enter(lot, 0)  # may enter again after withdrawing
    round_ = draw(lot)
    services.round_publish(round_=round_, actor=lot["staff"])
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WON
    assert services.entry_decline(entry=entry, actor=lot["users"][0]).status == EntryStatus.DECLINED


def test_daily_command(lot: dict[str, Any]) -> None:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("facilities_daily", stdout=out)
    assert "0 lotteries drawn, 0 unconfirmed wins lapsed" in out.getvalue()


def test_staff_set_up_a_round(client: Any, lot: dict[str, Any]) -> None:
    from django.urls import reverse

    url = reverse("facilities:staff-lottery-create", args=[lot["facility"].slug])
    client.force_login(lot["staff"])
    page = client.get(url)
    assert page.status_code == 200
    month = (lot["round"].use_month + datetime.timedelta(days=32)).replace(day=1)
    opens = timezone.localtime() + datetime.timedelta(days=1)
    data = {
        "use_month": month.strftime("%Y-%m"),
        "entries_open_at": opens.strftime("%Y-%m-%dT%H:%M"),
        "entries_close_at": (opens + datetime.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
        "draw_at": (opens + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "confirm_by": (opens + datetime.timedelta(days=19)).strftime("%Y-%m-%dT%H:%M"),
        "entries_per_applicant": "5",
        "resources": [lot["hall"].pk],
    }
    bad = [
        {"draw_at": (opens + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")},  # before entries close
        {"use_month": lot["round"].use_month.strftime("%Y-%m")},  # that month has a round
        {"resources": []},
        {"use_month": "2026-13"},
        {"confirm_by": (month + datetime.timedelta(days=3)).strftime("%Y-%m-%dT09:00")},  # inside the month
    ]
    for change in bad:
        assert client.post(url, {**data, **change}).status_code == 400, change
    assert LotteryRound.objects.count() == 1
    response = client.post(url, data)
    round_ = LotteryRound.objects.get(use_month=month)
    assert response.status_code == 302
    assert list(round_.resources.all()) == [lot["hall"]]
    assert round_.entries_per_applicant == 5
    client.force_login(lot["users"][0])
    assert client.get(url).status_code == 403
