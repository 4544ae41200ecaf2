"""公開審査: staff set and publish the presentation schedule (each group told its slot),
publish the results after scoring closes; the public screening page before and after."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditLogEntry
from subsidies.models import PresentationSlot, Programme
from subsidies.services.screening import (
    SlotInput,
    presentation_slots_save,
    schedule_publish,
    screening_results_publish,
)
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_application
from tests.subsidies.screening_setup import (
    close_scoring,
    create_committee,
    create_reviewed_programme,
    open_scoring,
    score,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_staff_mfa(settings: Any) -> None:
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def world() -> dict[str, Any]:
    m1, m2 = UserFactory(full_name="委員 一郎"), UserFactory(full_name="委員 二郎")
    rep = UserFactory(email="rep-a@example.jp")
    group_a = create_group(name="みどり子ども食堂の会", representative=rep, contact_email="contact-a@example.jp")
    group_b = create_group(name="里山を守る会")
    committee = create_committee(chair=UserFactory(), members=[m1, m2])
    programme, (a, b) = create_reviewed_programme(
        committee, [group_a, group_b], presentation_place="市民活動センター 会議室"
    )
    return {
        "m1": m1,
        "m2": m2,
        "staff": reviewing_staff(),
        "committee": committee,
        "programme": programme,
        "a": a,
        "b": b,
    }


def _local(day: datetime.date, hour: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:00"


def _staff_url(programme: Programme) -> str:
    return reverse("subsidies:staff-presentations", args=[programme.fiscal_year, programme.slug])


def _public_url(programme: Programme) -> str:
    return reverse("subsidies:screening", args=[programme.fiscal_year, programme.slug])


def _schedule(world: dict[str, Any], client: Any) -> Any:
    day = timezone.localdate() + datetime.timedelta(days=20)
    a, b = world["a"], world["b"]
    data = {
        "action": "save",
        f"starts_at_{a.pk}": _local(day, 10),
        f"minutes_{a.pk}": "15",
        f"place_{a.pk}": "市民活動センター 会議室",
        f"starts_at_{b.pk}": _local(day, 11),
        f"minutes_{b.pk}": "15",
        f"place_{b.pk}": "市民活動センター 会議室",
    }
    client.force_login(world["staff"])
    return client.post(_staff_url(world["programme"]), data)


def test_schedule__save_publish_and_mail(
    client: Any, world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    programme = world["programme"]
    client.force_login(world["staff"])
    assert client.get(_staff_url(programme)).status_code == 200
    # Publishing before every application has a slot is refused.
    assert client.post(_staff_url(programme), {"action": "publish"}).status_code == 400
    assert _schedule(world, client).status_code == 302
    assert PresentationSlot.objects.count() == 2
    assert AuditLogEntry.objects.filter(action="subsidies.programme.presentations_saved").exists()
    with django_capture_on_commit_callbacks(execute=True):
        with_commit = client.post(_staff_url(programme), {"action": "publish"})
    assert with_commit.status_code == 302
    programme.refresh_from_db()
    assert programme.schedule_published_at is not None
    assert AuditLogEntry.objects.filter(action="subsidies.programme.schedule_published").exists()
    assert len(mailoutbox) == 2
    to_a = next(m for m in mailoutbox if "rep-a@example.jp" in m.to)
    assert "contact-a@example.jp" in to_a.to
    assert world["a"].title in to_a.body
    assert "10:00" in to_a.body
    # Unpublish.
    assert client.post(_staff_url(programme), {"action": "unpublish"}).status_code == 302
    programme.refresh_from_db()
    assert programme.schedule_published_at is None


def test_schedule__bad_input_400_nothing_written(client: Any, world: dict[str, Any]) -> None:
    a = world["a"]
    client.force_login(world["staff"])
    url = _staff_url(world["programme"])
    for bad in (
        {f"starts_at_{a.pk}": "0001-01-01T00:00", f"minutes_{a.pk}": "10", f"place_{a.pk}": "会議室"},
        {f"starts_at_{a.pk}": "2026-02-30T10:00", f"minutes_{a.pk}": "10", f"place_{a.pk}": "会議室"},
        {f"starts_at_{a.pk}": _local(timezone.localdate(), 10), f"minutes_{a.pk}": "0", f"place_{a.pk}": "会議室"},
        {f"starts_at_{a.pk}": _local(timezone.localdate(), 10), f"minutes_{a.pk}": "10", f"place_{a.pk}": ""},
    ):
        assert client.post(url, {"action": "save", **bad}).status_code == 400, bad
    assert not PresentationSlot.objects.exists()
    assert client.post(url, {"action": "nonsense"}).status_code == 400


def test_schedule__only_city_staff(client: Any, world: dict[str, Any]) -> None:
    url = _staff_url(world["programme"])
    client.force_login(world["m1"])
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    with pytest.raises(PermissionDenied):
        schedule_publish(actor=world["m1"], programme=world["programme"])


def test_public_page__404_until_published_then_schedule(client: Any, world: dict[str, Any]) -> None:
    programme = world["programme"]
    assert client.get(_public_url(programme)).status_code == 404
    _schedule(world, client)
    client.logout()
    assert client.get(_public_url(programme)).status_code == 404  # saved, not published
    schedule_publish(actor=world["staff"], programme=programme)
    response = client.get(_public_url(programme))
    assert response.status_code == 200
    body = response.content.decode()
    assert "みどり子ども食堂の会" in body
    assert world["a"].title in body
    assert "市民活動センター 会議室" in body
    assert "10:00" in body
    assert "Results" not in body
    assert "平均" not in body


def test_results__after_close_and_publish_never_per_member(client: Any, world: dict[str, Any]) -> None:
    programme, committee, a, b = world["programme"], world["committee"], world["a"], world["b"]
    open_scoring(committee)
    score(world["m1"], committee, a, 5, "一郎の講評")
    score(world["m2"], committee, a, 3, "二郎の講評")
    score(world["m1"], committee, b, 2)
    with pytest.raises(ValidationError):
        screening_results_publish(actor=world["staff"], programme=programme)  # still scoring
    close_scoring(committee)
    client.force_login(world["staff"])
    assert client.post(_staff_url(programme), {"action": "results_publish"}).status_code == 302
    client.logout()
    response = client.get(_public_url(programme))
    assert response.status_code == 200
    results = response.context["results"]
    assert [r.application.pk for r in results] == [a.pk, b.pk]
    top = results[0]
    assert str(top.average) == "80.00"
    assert top.count == 2
    assert (str(top.lowest), str(top.highest)) == ("60.00", "100.00")
    assert [str(avg) for _c, avg in top.criteria] == ["4.00"] * 6
    body = response.content.decode()
    assert "80.00" in body
    for secret in ("委員 一郎", "委員 二郎", "一郎の講評", "二郎の講評"):
        assert secret not in body


def test_results__not_for_a_programme_without_public_screening(world: dict[str, Any]) -> None:
    programme = world["programme"]
    Programme.objects.filter(pk=programme.pk).update(public_screening=False)
    programme.refresh_from_db()
    open_scoring(world["committee"])
    close_scoring(world["committee"])
    with pytest.raises(ValidationError):
        screening_results_publish(actor=world["staff"], programme=programme)


def test_slots_save__refuses_an_application_that_does_not_present(world: dict[str, Any]) -> None:
    draft = create_application(world["programme"], create_group())
    with pytest.raises(ValidationError):
        presentation_slots_save(
            actor=world["staff"],
            programme=world["programme"],
            slots={draft.pk: SlotInput(starts_at=timezone.now(), minutes=10, place="会議室")},
        )
    assert not PresentationSlot.objects.exists()


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_pages__constant_queries(client: Any, world: dict[str, Any]) -> None:
    programme, committee = world["programme"], world["committee"]
    open_scoring(committee)

    def grow(n: int, *, scored: bool = False) -> None:
        for _i in range(n):
            app = create_application(programme, create_group(), status="accepted")
            PresentationSlot.objects.create(application=app, starts_at=timezone.now(), minutes=10, place="会議室")
            if scored:
                score(world["m1"], committee, app, 3)
        for app in (world["a"], world["b"]):
            PresentationSlot.objects.get_or_create(
                application=app, defaults={"starts_at": timezone.now(), "minutes": 10, "place": "会議室"}
            )

    grow(2, scored=True)
    close_scoring(committee)
    schedule_publish(actor=world["staff"], programme=programme)
    screening_results_publish(actor=world["staff"], programme=programme)
    counts = []
    for size in (0, 3):
        grow(size)
        client.logout()
        public = _count(client, _public_url(programme))
        client.force_login(world["staff"])
        staff = _count(client, _staff_url(programme))
        counts.append((public, staff))
    assert counts[0] == counts[1]
