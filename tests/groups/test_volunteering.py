from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import VolunteerApplication
from groups.views.opendata import EVENT_COLUMNS
from portal import search
from portal.models import SiteConfiguration
from tests.factories.events import create_event
from tests.factories.groups import apply_for_group, create_group
from tests.factories.portal import UserFactory
from tests.factories.volunteering import create_opening, opening_data

pytestmark = pytest.mark.django_db


def test_opening__registered_groups_editors_only() -> None:
    rep, member = UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(member,))
    with pytest.raises(PermissionDenied):
        services.opening_create(group=group, actor=member, data=opening_data())
    with pytest.raises(ValidationError):
        services.opening_create(
            group=group, actor=rep, data=opening_data(deadline=timezone.localdate() - datetime.timedelta(days=1))
        )
    with pytest.raises(ValidationError):
        services.opening_create(group=group, actor=rep, data=opening_data(people_needed=0))
    assert services.opening_create(group=group, actor=rep, data=opening_data()).group == group


def test_apply_and_decide__both_sides_told(django_capture_on_commit_callbacks: Any) -> None:
    opening = create_opening()
    volunteer = UserFactory(preferred_language="en", full_name="大学 一年")
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_create(opening=opening, user=volunteer, message="土曜日なら参加できます。")
    assert mail.outbox[-1].to == [opening.group.contact_email]
    assert "大学 一年" in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        services.application_create(opening=opening, user=volunteer, message="もう一度")
    rep = opening.group.memberships.get(role="representative").user
    with pytest.raises(PermissionDenied):
        services.application_decide(application=application, actor=volunteer, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(application=application, actor=rep, accept=True, reply="当日お待ちしています。")
    assert mail.outbox[-1].to == [volunteer.email]
    assert "accepted" in mail.outbox[-1].subject
    assert "当日お待ちしています。" in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        services.application_decide(application=application, actor=rep, accept=False)


def test_apply__closed_or_past_deadline_refused() -> None:
    opening = create_opening()
    rep = opening.group.memberships.get(role="representative").user
    services.opening_close(opening=opening, actor=rep)
    with pytest.raises(ValidationError):
        services.application_create(opening=opening, user=UserFactory(), message="参加したいです")
    assert not VolunteerApplication.objects.exists()


def test_openings_page__filters_and_students(client: Any) -> None:
    create_opening(title="清掃ボランティア", welcome_students=False)
    create_opening(title="学習支援ボランティア", welcome_students=True)
    search.rebuild(["groups.opening"])
    titles = lambda **q: [o.title for o in client.get(reverse("groups:opening-list"), q).context["openings"]]  # noqa: E731
    assert set(titles()) == {"清掃ボランティア", "学習支援ボランティア"}
    assert titles(students="on") == ["学習支援ボランティア"]
    assert titles(q="清掃") == ["清掃ボランティア"]
    assert titles(q="せいそう") == ["清掃ボランティア"]


def test_apply_view__bad_input_400_and_nothing_written(client: Any) -> None:
    opening = create_opening()
    client.force_login(UserFactory())
    assert client.post(reverse("groups:opening-apply", args=[opening.pk]), {"message": ""}).status_code == 400
    assert client.post(reverse("groups:opening-apply", args=[opening.pk]), {"message": "x" * 3000}).status_code == 400
    assert not VolunteerApplication.objects.exists()
    assert client.post(reverse("groups:opening-apply", args=[opening.pk]), {"message": "参加します"}).status_code == 302


def test_directory__recruiting_filter(client: Any) -> None:
    recruiting = create_group(name="募集中の会")
    create_group(name="募集していない会")
    create_opening(group=recruiting)
    names = [g.name for g in client.get(reverse("groups:list"), {"recruiting": "1"}).context["groups"]]
    assert names == ["募集中の会"]


def test_contact__relays_without_revealing_group_address(client: Any) -> None:
    group = create_group(contact_email="hidden@example.jp", disclosed_fields=[])
    url = reverse("groups:contact", args=[group.slug])
    page = client.get(url).content.decode()
    assert "hidden@example.jp" not in page
    response = client.post(url, {"name": "問合 太郎", "email": "asker@example.jp", "message": "見学できますか？"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["hidden@example.jp"]
    assert mail.outbox[-1].reply_to == ["asker@example.jp"]
    assert "見学できますか？" in mail.outbox[-1].body


def test_contact__spam_trap_and_rate_limit(client: Any) -> None:
    group = create_group()
    url = reverse("groups:contact", args=[group.slug])
    data = {"name": "名前", "email": "a@example.jp", "message": "こんにちは"}
    assert client.post(url, {**data, "homepage": "http://spam.example"}).status_code == 400
    assert not mail.outbox
    for _ in range(5):
        assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 429
    assert len(mail.outbox) == 5


def test_contact__pending_group_is_404(client: Any) -> None:
    group = apply_for_group()
    assert client.get(reverse("groups:contact", args=[group.slug])).status_code == 404


def test_opendata__groups_public_fields_only(client: Any) -> None:
    create_group(name="公開の会", contact_email="private@example.jp", disclosed_fields=["member_counts"])
    apply_for_group(name="審査中の会")
    body = client.get(reverse("groups:opendata-groups-csv")).content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert "公開の会" in body
    assert "審査中の会" not in body
    assert "private@example.jp" not in body
    data = json.loads(client.get(reverse("groups:opendata-groups-json")).content)
    assert data["licence"] == "CC BY 4.0"
    assert [g["name"] for g in data["groups"]] == ["公開の会"]
    assert data["groups"][0]["contact_email"] == ""
    assert data["groups"][0]["member_count"] == 12
    assert "CC BY 4.0" in client.get(reverse("groups:opendata")).content.decode()


def test_opendata__events_in_standard_columns(client: Any) -> None:
    config = SiteConfiguration.get_solo()
    config.local_government_code, config.prefecture_name = "999999", "みどり県"
    config.save()
    SiteConfiguration.clear_cache()
    event = create_event(title="市民活動フェア", title_kana="シミンカツドウフェア", fee=300)
    body = client.get(reverse("groups:opendata-events-csv")).content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0].keys()) == EVENT_COLUMNS
    row = rows[0]
    assert row["都道府県コード又は市区町村コード"] == "999999"
    assert row["市区町村名"] == "みどり市"
    assert row["イベント名"] == "市民活動フェア"
    assert row["イベント名_カナ"] == "シミンカツドウフェア"
    assert row["開始日"] == timezone.localtime(event.starts_at).strftime("%Y-%m-%d")
    assert row["開始時間"] == timezone.localtime(event.starts_at).strftime("%H:%M")
    assert row["料金(基本)"] == "300円"
    assert row["URL"].endswith(event.get_absolute_url())


def test_opening_not_visible_when_group_lapsed(client: Any) -> None:
    opening = create_opening()
    opening.group.status = "lapsed"
    opening.group.save(update_fields=["status"])
    assert client.get(opening.get_absolute_url()).status_code == 404
    assert not client.get(reverse("groups:opening-list")).context["openings"]
