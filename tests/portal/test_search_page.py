"""The site search page (/search/): results grouped by kind with counts, one kind's
results page by page, the field and area filters, advice when nothing matches, bad
parameters refused, a constant number of queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal import search
from portal.models import ActivityField, Area, News, User
from tests.factories.events import create_event
from tests.factories.groups import create_group
from tests.pagecache import commit

pytestmark = pytest.mark.django_db

URL = reverse("portal:search")


@pytest.fixture
def world() -> dict[str, Any]:
    sakuragawa = Area.objects.create(slug="sakuragawa", name="桜川地区", name_en="Sakuragawa")
    sports = ActivityField.objects.create(slug="sports", name="スポーツ", name_en="Sports")
    welfare_group = create_group(name="ひだまり福祉会", purpose="子育て支援と見守り", areas=[sakuragawa])
    sports_group = create_group(name="少年野球クラブ", purpose="野球の練習", fields=[sports])
    create_event(group=welfare_group, title="介護の基礎講座", title_en="Care basics")
    create_event(group=sports_group, title="野球教室")
    News.objects.create(title="福祉のお知らせ", body="本文", publish_at=timezone.now() - datetime.timedelta(days=1))
    search.rebuild()
    return {"area": sakuragawa, "sports": sports, "welfare_group": welfare_group}


def _groups(response: Any) -> dict[str, dict[str, Any]]:
    return {group["kind"].key: group for group in response.context["groups"]}


def test_empty_query__shows_the_box_and_the_kinds(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html
    assert 'for="search-q"' in html
    assert not response.context.get("searched")
    assert [kind.key for kind in response.context["kinds"]][:3] == ["groups.group", "groups.event", "groups.opening"]


def test_kana_query__results_grouped_by_kind_with_counts(client: Any, world: dict[str, Any]) -> None:
    response = client.get(URL, {"q": "ふくし"})
    assert response.status_code == 200
    groups = _groups(response)
    assert groups["groups.group"]["count"] == 1
    assert [e.title for e in groups["groups.group"]["entries"]] == ["ひだまり福祉会"]
    assert groups["groups.event"]["count"] == 1  # the organising group's name
    assert groups["portal.news"]["count"] == 1
    assert response.context["total"] == 3
    html = response.content.decode()
    assert "ひだまり福祉会" in html
    assert reverse("groups:list") + "?q=%E3%81%B5%E3%81%8F%E3%81%97" in html  # the kind's own list, same q
    # Kinds appear in registry order.
    keys = [g["kind"].key for g in response.context["groups"]]
    assert keys.index("groups.group") < keys.index("groups.event") < keys.index("portal.news")


def test_one_kind__paginated_with_all_results(client: Any, world: dict[str, Any]) -> None:
    response = client.get(URL, {"q": "講", "kind": "groups.event"})
    assert response.status_code == 200
    assert [e.title for e in response.context["page_obj"].object_list] == ["介護の基礎講座"]
    assert response.context["chosen_group"]["count"] == 1


def test_field_and_area_filters(client: Any, world: dict[str, Any]) -> None:
    by_area = _groups(client.get(URL, {"area": "sakuragawa"}))
    assert [e.title for e in by_area["groups.group"]["entries"]] == ["ひだまり福祉会"]
    assert by_area["groups.event"]["count"] == 1  # the event takes its group's areas
    by_field = _groups(client.get(URL, {"field": "sports", "q": "やきゅう"}))
    assert by_field["groups.group"]["count"] == 1
    assert by_field["groups.event"]["count"] == 1
    assert _groups(client.get(URL, {"field": "sports", "q": "ふくし"}))["groups.group"]["count"] == 0


def test_no_match__advice(client: Any, world: dict[str, Any]) -> None:
    response = client.get(URL, {"q": "ぬゐゑ"})
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert "見つかりませんでした" in response.content.decode()


def test_english_page__english_titles(client: Any, world: dict[str, Any]) -> None:
    response = client.get("/en" + URL, {"q": "かいご"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Care basics" in html
    assert 'href="/en/events/' in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "福祉\x00"},
        {"q": "x" * 101},
        {"kind": "nope"},
        {"field": "no-such-field"},
        {"area": "../etc"},
    ],
)
def test_bad_parameters__400_with_the_form(client: Any, world: dict[str, Any], params: dict[str, str]) -> None:
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not response.context.get("searched")


def test_bad_page__first_or_last_page(client: Any, world: dict[str, Any]) -> None:
    for page in ("abc", "-1", "99999999999999999999"):
        response = client.get(URL, {"q": "講", "kind": "groups.event", "page": page})
        assert response.status_code == 200


def test_header__search_box_on_every_page(client: Any) -> None:
    html = client.get(reverse("portal:home")).content.decode()
    assert f'action="{URL}"' in html
    assert 'for="site-search-q"' in html


def _count(client: Any, url: str, params: dict[str, str]) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def _grow(n: int) -> None:
    for i in range(n):
        group = create_group(name=f"福祉の会{i}", purpose="子育て支援")
        create_event(group=group, title=f"福祉講座{i}")
    search.rebuild()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ふくし"},
        {"q": "福"},
        {"q": "こそだて", "area": "chuo"},
        {"q": "ふくし", "kind": "groups.event"},
        {"q": "ふくし", "kind": "groups.group", "page": "2"},
    ],
)
def test_constant_queries(client: Any, django_assert_num_queries: Any, params: dict[str, str]) -> None:
    _grow(2)
    small = _count(client, URL, params)
    _grow(23)  # past one page of 20
    client.get(URL, params)
    with django_assert_num_queries(small):
        assert client.get(URL, params).status_code == 200


def _search_form(html: str) -> str:
    start = html.index("<h1>")
    return html[start : html.index("</form>", start)]


def test_form__cached_by_query_string__follows_new_fields_and_the_choice(
    client: Any, world: dict[str, Any], page_cache: None
) -> None:
    """The form is a cached fragment (keyed by the query string and the language): a
    second look reads no field or area, another choice or a new field shows at once.
    (The page cache is on, as in production; signed in, the pages themselves are not
    cached, the fragments are.)"""
    client.force_login(User.objects.create_user(email="reader@example.jp", password="x" * 12))
    html = client.get(URL, {"q": "ふくし", "field": "sports"}).content.decode()
    assert '<option value="sports" selected>' in html
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL, {"q": "ふくし", "field": "sports"}).content.decode()
    assert _search_form(again) == _search_form(html)
    assert not [q for q in queries if "portal_area" in q["sql"] and "COUNT" in q["sql"]]
    other = client.get(URL, {"q": "ふくし"}).content.decode()
    assert '<option value="sports">' in other
    commit()
    ActivityField.objects.create(slug="culture", name="文化", name_en="Culture")
    commit()  # the write is announced when it commits
    assert '<option value="culture">' in client.get(URL, {"q": "ふくし", "field": "sports"}).content.decode()
    english = client.get("/en" + URL, {"q": "ふくし", "field": "sports"}).content.decode()
    assert '<option value="sports" selected>Sports</option>' in english
