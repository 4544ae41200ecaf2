from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groups.models import CommunityGroup, GroupStatus
from portal import search
from portal.models import ActivityField, Area
from tests.factories.groups import apply_for_group, create_group, default_taxonomy, registration_data
from tests.factories.portal import UserFactory
from tests.pagecache import commit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"


def _form_data(**overrides: Any) -> dict[str, Any]:
    fields, areas = default_taxonomy()
    data = registration_data(**overrides)
    data = {k: ("on" if v is True else v) for k, v in data.items() if v not in (None, False)}
    data["fields"] = [f.pk for f in fields]
    data["areas"] = [a.pk for a in areas]
    return data


def test_register__creates_application_with_private_attachment(client: Any) -> None:
    user = UserFactory()
    client.force_login(user)
    data = _form_data(name="みどり点訳の会", name_kana="ミドリテンヤクノカイ")
    data["rules_file"] = SimpleUploadedFile("規約.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("groups:register"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    group = CommunityGroup.objects.get(name="みどり点訳の会")
    assert group.status == GroupStatus.PENDING
    assert group.attachments.get().original_name == "規約.pdf"
    assert response["Location"] == reverse("groups:manage", args=[group.slug])


@pytest.mark.parametrize(
    "overrides",
    [
        {"declares_not_religious": False},
        {"name": ""},
        {"name_kana": "Midori"},
        {"corporate_number": "8000012050002"},
        {"member_count": 0},
        {"member_count": 5, "member_count_local": 9},
        {"contact_email": "not-an-email"},
        {"contact_phone": "call me"},
        {"website": "javascript:alert(1)"},
        {"disclosed_fields": ["password"]},
        {"founded_on": "2026-02-30"},
    ],
)
def test_register__bad_input_is_400_and_writes_nothing(client: Any, overrides: dict[str, Any]) -> None:
    client.force_login(UserFactory())
    data = _form_data()
    for key, value in overrides.items():
        if value is False:
            data.pop(key, None)
        else:
            data[key] = value
    response = client.post(reverse("groups:register"), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not CommunityGroup.objects.exists()


def test_register__unknown_field_choice_is_400(client: Any) -> None:
    client.force_login(UserFactory())
    data = _form_data()
    data["fields"] = [999999]
    assert client.post(reverse("groups:register"), data).status_code == 400
    assert not CommunityGroup.objects.exists()


def test_register__bad_attachment_is_400(client: Any) -> None:
    client.force_login(UserFactory())
    data = _form_data()
    data["members_file"] = SimpleUploadedFile("list.exe", b"MZ\x90", content_type="application/pdf")
    response = client.post(reverse("groups:register"), data)
    assert response.status_code == 400
    assert not CommunityGroup.objects.exists()


def test_directory__registered_groups_only_gojuon_order(client: Any) -> None:
    create_group(name="わかば合唱団", name_kana="ワカバガッショウダン")
    create_group(name="あおぞら会", name_kana="アオゾラカイ")
    apply_for_group(name="審査中の会", name_kana="シンサチュウノカイ")
    html = client.get(reverse("groups:list")).content.decode()
    assert html.index("あおぞら会") < html.index("わかば合唱団")
    assert "審査中の会" not in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("福祉", True),  # two characters
        ("祉", True),  # one character
        ("ふくし", True),  # hiragana finds katakana furigana
        ("フクシ", True),
        ("ﾌｸｼ", True),  # half-width katakana
        ("ＮＰＯ", True),  # full-width latin
        ("npo", True),
        ("福祉 食堂", True),  # every term must match
        ("福祉 野球", False),
        ("野球", False),
    ],
)
def test_directory__japanese_aware_search(client: Any, query: str, found: bool) -> None:
    create_group(
        name="NPO福祉ネット", name_kana="フクシネット", purpose="子ども食堂を運営します。", activities="毎月開催"
    )
    sports = ActivityField.objects.create(slug="sports", name="スポーツ", name_en="Sports")
    # Field and area names are searchable text too: the other group is in another field.
    create_group(
        name="少年サッカー", name_kana="ショウネンサッカー", purpose="サッカー", activities="練習", fields=[sports]
    )
    search.rebuild(["groups.group"])
    response = client.get(reverse("groups:list"), {"q": query})
    assert response.status_code == 200
    names = [g.name for g in response.context["groups"]]
    assert ("NPO福祉ネット" in names) is found
    assert "少年サッカー" not in names


def test_directory__filters_by_field_area_and_type(client: Any) -> None:
    sports = ActivityField.objects.create(slug="sports", name="スポーツ")
    north = Area.objects.create(slug="hokubu", name="北部地区")
    create_group(name="北部野球クラブ", fields=[sports], areas=[north], organisation_form="voluntary")
    create_group(name="中央福祉会", organisation_form="npo")
    names = lambda **q: [g.name for g in client.get(reverse("groups:list"), q).context["groups"]]  # noqa: E731
    assert names(field="sports") == ["北部野球クラブ"]
    assert names(area="hokubu") == ["北部野球クラブ"]
    assert names(type="npo") == ["中央福祉会"]
    assert client.get(reverse("groups:list"), {"field": "no-such-field"}).status_code == 400
    assert client.get(reverse("groups:list"), {"type": "cult"}).status_code == 400


def test_profile__shows_only_disclosed_fields(client: Any) -> None:
    group = create_group(
        contact_email="secret@example.jp", contact_phone="0000-99-8888", disclosed_fields=["member_counts"]
    )
    html = client.get(group.get_absolute_url()).content.decode()
    assert group.name in html
    assert "secret@example.jp" not in html
    assert "0000-99-8888" not in html
    assert group.representative_name not in html
    group.disclosed_fields = ["contact_email"]
    group.save(update_fields=["disclosed_fields"])
    commit()  # as production commits: the cached profile is made again
    assert "secret@example.jp" in client.get(group.get_absolute_url()).content.decode()


def test_profile__pending_group_is_404_for_public_visible_to_applicant(client: Any) -> None:
    applicant = UserFactory()
    group = apply_for_group(applicant=applicant)
    assert client.get(group.get_absolute_url()).status_code == 404
    client.force_login(applicant)
    assert client.get(group.get_absolute_url()).status_code == 200


def test_review__staff_approve_from_queue(client: Any, role_users: dict[str, Any]) -> None:
    group = apply_for_group(name="審査される会")
    client.force_login(role_users["city_staff"])
    assert "審査される会" in client.get(reverse("groups:review-queue")).content.decode()
    response = client.post(
        reverse("groups:review", args=[group.slug]), {"decision": "approve", "seen_status": "pending"}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == GroupStatus.REGISTERED


def test_review__return_without_reason_is_400(client: Any, role_users: dict[str, Any]) -> None:
    group = apply_for_group()
    client.force_login(role_users["city_staff"])
    response = client.post(
        reverse("groups:review", args=[group.slug]), {"decision": "return", "reason": "", "seen_status": "pending"}
    )
    assert response.status_code == 400
    group.refresh_from_db()
    assert group.status == GroupStatus.PENDING


def test_review__stale_decision_is_409_and_keeps_state(client: Any, role_users: dict[str, Any]) -> None:
    group = apply_for_group()
    client.force_login(role_users["city_staff"])
    client.post(
        reverse("groups:review", args=[group.slug]),
        {"decision": "reject", "reason": "営利目的", "seen_status": "pending"},
    )
    response = client.post(
        reverse("groups:review", args=[group.slug]), {"decision": "approve", "seen_status": "pending"}
    )
    assert response.status_code == 409
    group.refresh_from_db()
    assert group.status == GroupStatus.REJECTED


def test_attachment__private_to_group_and_staff(client: Any, role_users: dict[str, Any]) -> None:
    from groups.services import attachment_add

    rep = UserFactory()
    group = create_group(representative=rep)
    attachment = attachment_add(
        group=group, actor=rep, kind="members", upload=SimpleUploadedFile("名簿.pdf", PDF, "application/pdf")
    )
    url = reverse("groups:attachment", args=[group.slug, attachment.pk])
    client.force_login(rep)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    client.force_login(role_users["citizen"])
    assert client.get(url).status_code == 403
    client.force_login(role_users["city_staff"])
    assert client.get(url).status_code == 200


def test_edit__editor_saves_member_forbidden(client: Any) -> None:
    rep, member = UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(member,))
    client.force_login(member)
    assert client.get(reverse("groups:edit", args=[group.slug])).status_code == 403
    client.force_login(rep)
    data = _form_data(name="新しい名前の会", name_kana="アタラシイナマエノカイ")
    for key in ("declares_non_profit", "declares_not_religious", "declares_not_political", "declares_not_electoral"):
        data.pop(key)
    response = client.post(reverse("groups:edit", args=[group.slug]), data)
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "新しい名前の会"


@pytest.mark.parametrize("query", ["%", "_", "\\"])
def test_directory__like_wildcards_are_literal(client: Any, query: str) -> None:
    create_group(name="普通の会")
    response = client.get(reverse("groups:list"), {"q": query})
    assert response.status_code == 200
    assert list(response.context["groups"]) == []


def test_directory__filters_offer_all_not_dashes(client: Any) -> None:
    html = client.get(reverse("groups:list")).content.decode()
    assert "---------" not in html
    assert '<option value="" selected>すべて</option>' in html
