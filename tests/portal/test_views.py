from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from portal.models import AuditLogEntry, User
from portal.services import user_update_profile
from tests.factories.groups import create_group
from tests.factories.portal import TEST_PASSWORD, FaqItemFactory, InfoPageFactory, NewsFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home__japanese_shell_with_city_name_and_accessibility_landmarks(client: Any) -> None:
    NewsFactory(title="センター休館のお知らせ")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja">' in html
    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert "みどり市" in html
    assert "センター休館のお知らせ" in html
    assert "ウェブアクセシビリティ方針" in html
    assert "プライバシーポリシー" in html


def test_home__english_under_en_prefix(client: Any) -> None:
    NewsFactory(title="センター休館のお知らせ", title_en="Centre closed")
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Midori City" in html
    assert "Centre closed" in html
    assert "Web accessibility policy" in html


def test_language_switch__posts_and_redirects_to_english_url(client: Any) -> None:
    page = InfoPageFactory(slug="collaboration")
    response = client.post("/i18n/setlang/", {"language": "en", "next": page.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == "/en/pages/collaboration/"
    client.cookies.clear()  # arriving at an English page by a link, without the cookie
    response = client.post("/en/i18n/setlang/", {"language": "ja", "next": "/en/pages/collaboration/"})
    assert response["Location"] == "/pages/collaboration/"


def test_every_page__csp_without_inline_and_no_third_party_assets(client: Any) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"(https?:)?//", html)
    assert "style=" not in html
    assert "<script>" not in html


def test_news__publication_window(client: Any) -> None:
    NewsFactory(title="公開中")
    NewsFactory.create_scheduled(title="予約投稿")
    NewsFactory.create_expired(title="掲載終了")
    html = client.get(reverse("portal:news-list")).content.decode()
    assert "公開中" in html
    assert "予約投稿" not in html
    assert "掲載終了" not in html


def test_news__pagination(client: Any) -> None:
    NewsFactory.create_batch(25)
    response = client.get(reverse("portal:news-list") + "?page=2")
    assert response.status_code == 200
    assert len(response.context["news_list"]) == 5
    assert client.get(reverse("portal:news-list") + "?page=99").status_code == 404
    assert client.get(reverse("portal:news-list") + "?page=abc").status_code == 404


def test_info_page__renders_richtext_and_breadcrumbs(client: Any) -> None:
    page = InfoPageFactory(slug="civic-activity", title="市民活動とは")
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<h1>市民活動とは</h1>" in html
    assert "<h2>見出し</h2>" in html
    assert 'aria-label="パンくずリスト"' in html


def test_faq__grouped_by_category(client: Any) -> None:
    FaqItemFactory(category="account", question="アカウントは必要ですか？")
    FaqItemFactory(category="site", question="英語のページはありますか？")
    FaqItemFactory(category="site", question="非公開の質問", is_published=False)
    html = client.get(reverse("portal:faq")).content.decode()
    assert html.index("アカウントは必要ですか？") < html.index("英語のページはありますか？")
    assert "非公開の質問" not in html


def test_account__profile_update(client: Any) -> None:
    user = UserFactory(full_name="緑 花子")
    client.force_login(user)
    response = client.post(
        reverse("portal:account"),
        {
            "full_name": "緑 はなこ",
            "full_name_kana": "ミドリ ハナコ",
            "relationship": "worker",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.relationship, user.preferred_language) == ("緑 はなこ", "worker", "en")


@pytest.mark.parametrize(
    "data",
    [
        {"full_name": "", "full_name_kana": "ミドリ", "relationship": "resident", "preferred_language": "ja"},
        {"full_name": "緑", "full_name_kana": "midori", "relationship": "resident", "preferred_language": "ja"},
        {"full_name": "緑", "full_name_kana": "ミドリ", "relationship": "alien", "preferred_language": "ja"},
        {"full_name": "緑", "full_name_kana": "ミドリ", "relationship": "resident", "preferred_language": "xx"},
        {"full_name": "緑" * 151, "full_name_kana": "ミドリ", "relationship": "resident", "preferred_language": "ja"},
    ],
)
def test_account__bad_profile_input_is_400_and_writes_nothing(client: Any, data: dict[str, str]) -> None:
    user = UserFactory(full_name="元の名前", full_name_kana="モトノナマエ")
    client.force_login(user)
    response = client.post(reverse("portal:account"), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    user.refresh_from_db()
    assert (user.full_name, user.full_name_kana) == ("元の名前", "モトノナマエ")
    assert not AuditLogEntry.objects.exists()


def test_account_export__json_download_of_own_data(client: Any) -> None:
    user = UserFactory(email="me@example.jp", full_name="自分 太郎")
    UserFactory(email="someone-else@example.jp")
    client.force_login(user)
    response = client.get(reverse("portal:account-export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["full_name"] == "自分 太郎"
    assert "someone-else@example.jp" not in response.content.decode()


def test_account_delete__wrong_password_is_400_and_keeps_account(client: Any) -> None:
    user = UserFactory(full_name="残る 人")
    client.force_login(user)
    response = client.post(reverse("portal:account-delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.is_active
    assert user.full_name == "残る 人"


def test_account_delete__unconfirmed_is_400(client: Any) -> None:
    user = UserFactory()
    client.force_login(user)
    assert client.post(reverse("portal:account-delete"), {"password": TEST_PASSWORD}).status_code == 400
    user.refresh_from_db()
    assert user.is_active


def test_account_delete__anonymises_and_logs_out(client: Any) -> None:
    user = UserFactory(email="bye@example.jp")
    client.force_login(user)
    user_update_profile(user=user, data={"full_name": "去る 人"})
    response = client.post(reverse("portal:account-delete"), {"password": TEST_PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert user.full_name == ""
    assert client.get(reverse("portal:account")).status_code == 302  # logged out
    assert not User.objects.filter(email="bye@example.jp").exists()


def test_account_delete__representative_gets_message_not_500(client: Any) -> None:
    rep = UserFactory()
    create_group(representative=rep)
    client.force_login(rep)
    response = client.post(reverse("portal:account-delete"), {"password": TEST_PASSWORD, "confirm": "on"})
    assert response.status_code == 400
    assert "代表者" in response.content.decode()
    rep.refresh_from_db()
    assert rep.is_active


def test_audit_log_view__filters_and_rejects_bad_dates(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["city_staff"])
    url = reverse("portal:staff-auditlog")
    all_entries = client.get(url).context["entries"]
    assert any(e.action == "groups.communitygroup.approved" for e in all_entries)
    filtered = client.get(url, {"action": "portal.staffassignment"}).context["entries"]
    assert filtered
    assert all(e.action.startswith("portal.staffassignment") for e in filtered)
    assert client.get(url, {"since": "2026-13-45"}).status_code == 400


def test_404__in_portal_look(client: Any) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


@override_settings(ALLOWED_HOSTS=["portal.example.jp"], SECURE_SSL_REDIRECT=True)
def test_healthz(client: Any) -> None:
    assert client.get("/healthz").content == b"ok"
    client.raise_request_exception = False
    response = client.get("/", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 400
    assert "不正なリクエスト" in response.content.decode() or "リクエスト" in response.content.decode()
    # Before host validation and the HTTPS redirect: a health check asks by IP over HTTP.
    assert client.get("/healthz", HTTP_HOST="10.0.0.5:8000").status_code == 200
