"""The search core: readings, folding, the gram index on both engines, and entries
kept in step with saves (portal.search)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import search
from portal.models import FaqItem, News, SearchEntry

pytestmark = pytest.mark.django_db(transaction=False)


def test_reading__kanji_text__is_read_in_hiragana() -> None:
    assert search.reading("福祉") == "ふくし"
    assert search.reading("子育て支援") == "こそだてしえん"
    assert "さくらがわ" in search.reading("桜川の清掃")
    assert search.reading("ボランティア") == ""  # no kanji: matched as written


def test_index_text__folds_width_case_and_kana() -> None:
    text = search.index_text("ＮＰＯ法人 フクシ")
    assert "npo法人" in text
    assert "ふくし" in text
    assert "えぬぴーおーほうじん" in text


def test_term_grams__one_character_is_a_unigram_longer_are_bigrams() -> None:
    assert search.term_grams("福") == [search._unigram("福")]
    assert search.term_grams("ふくし") == sorted({search._bigram("ふく"), search._bigram("くし")})
    grams = set(search.text_grams("ふくし 福").split())
    assert {search._unigram("福"), search._bigram("ふく"), search._bigram("くし")} <= grams
    assert search._bigram("し福") not in grams  # never across words


def _news(title: str, body: str = "本文", **kwargs) -> News:
    with search_commit():
        return News.objects.create(title=title, body=body, **kwargs)


class search_commit:  # noqa: N801
    """Run the on-commit indexing of what is saved inside (the test's transaction never commits)."""

    def __enter__(self) -> None:
        from django.db import connection

        self._before = len(connection.run_on_commit)

    def __exit__(self, *exc: object) -> None:
        from django.db import connection

        callbacks = connection.run_on_commit[self._before :]
        del connection.run_on_commit[self._before :]
        for _sids, callback, _robust in callbacks:
            callback()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("福祉", True),
        ("福", True),
        ("ふくし", True),
        ("フクシ", True),
        ("ﾌｸｼ", True),
        ("ふくしかつどう", True),
        ("こそだて", True),
        ("さくらがわ", True),
        ("桜川 こそだて", True),
        ("桜川 ぼうさい", False),
        ("かいけい", False),
        ("npo", True),
        ("ＮＰＯ", True),
    ],
)
def test_matching__readings_and_folding(query: str, found: bool) -> None:
    news = _news("桜川地区の福祉活動", body="子育て支援のNPOと一緒に")
    _news("まったく別の話題", body="防災訓練")
    hits = list(search.matching(query, kind="portal.news").values_list("object_id", flat=True))
    assert (news.pk in hits) is found


def test_entries__follow_saves_deletes_and_publication() -> None:
    news = _news("桜川の清掃")
    assert SearchEntry.objects.filter(kind="portal.news", object_id=news.pk).exists()
    with search_commit():
        news.title = "緑川の清掃"
        news.save()
    assert not search.matching("さくらがわ", kind="portal.news").exists()
    assert (
        search.matching("みどりかわ", kind="portal.news").exists()
        or search.matching("みどりがわ", kind="portal.news").exists()
    )
    later = _news("来月の講座", publish_at=timezone.now() + timedelta(days=3))
    assert not search.current(search.matching("講座")).filter(object_id=later.pk).exists()
    with search_commit():
        news.delete()
    assert not SearchEntry.objects.filter(kind="portal.news").exclude(object_id=later.pk).exists()


def test_unpublished_faq__is_not_indexed() -> None:
    with search_commit():
        item = FaqItem.objects.create(
            category="site", question="パスワードを忘れた", answer="再設定できます", is_published=False
        )
    assert not SearchEntry.objects.filter(kind="portal.faq", object_id=item.pk).exists()


def test_filter_queryset__is_the_lists_q() -> None:
    news = _news("福祉のお知らせ")
    other = _news("スポーツのお知らせ")
    assert list(search.filter_queryset(News.objects.all(), "ふくし")) == [news]
    assert set(search.filter_queryset(News.objects.all(), "")) == {news, other}


def test_matching__kind__only_that_kinds_entries_on_both_engines() -> None:
    news = _news("福祉のお知らせ", body="子育て支援")
    with search_commit():
        faq = FaqItem.objects.create(
            category="site", question="福祉の相談は", answer="子育て支援の窓口へ", is_published=True
        )
    for query in ("福", "ふくし", "子育て 支援"):
        assert set(search.matching(query, kind="portal.news").values_list("kind", "object_id")) == {
            ("portal.news", news.pk)
        }
        assert set(search.matching(query, kind="portal.faq").values_list("kind", "object_id")) == {
            ("portal.faq", faq.pk)
        }
        assert {("portal.news", news.pk), ("portal.faq", faq.pk)} <= set(
            search.matching(query).values_list("kind", "object_id")
        )
    assert not search.matching("ぼうさい", kind="portal.news").exists()
    assert search.matching("", kind="portal.faq").filter(object_id=faq.pk).count() == 1


def test_matching__kind__is_answered_by_the_postgresql_index_alone() -> None:
    """One kind's matches come from the GIN index, the kind as one of its tokens: the
    planner cannot read the kind's entries from a B-tree index and split every one's
    token list (120 ms for a one-kana query on the groups, 5 from the index)."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL index")
    _news("福祉のお知らせ")
    sql, params = search.matching("こ", kind="portal.news").values("object_id").query.sql_with_params()
    assert search.kind_token("portal.news") in params[0]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {search.GIN_INDEX}" in plan
    assert "kportal.news" in plan  # the kind is in the index condition
    assert "Filter" not in plan, plan  # no entry's tokens are split one by one
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [search.GIN_INDEX])
        assert "portal_grams((kind)::text, grams)" in cursor.fetchone()[0]


def test_rebuild__writes_every_entry_afresh() -> None:
    with search.deferred():
        News.objects.create(title="福祉", body="本文")
    assert not SearchEntry.objects.filter(kind="portal.news").exists()
    counts = search.rebuild(["portal.news"])
    assert counts["portal.news"] == News.objects.count()
    assert search.matching("ふくし", kind="portal.news").exists()


def test_results__grouped_counted_ranked_and_capped(django_assert_num_queries) -> None:
    in_title = _news("福祉の講座", body="本文")
    in_body = _news("講座のお知らせ", body="福祉について")
    _news("スポーツ", body="体操")
    with django_assert_num_queries(2):
        results = search.results("ふくし")
    group = results.group("portal.news")
    assert group is not None
    assert group.count == 2
    assert [entry.object_id for entry in group.entries] == [in_title.pk, in_body.pk]  # title hits first
    assert not results.capped
    capped = search.results("講座", cap=1)
    assert capped.capped
    assert capped.total == 1
    assert search.kind_entries("ふくし", kind="portal.news")[0] == group.entries[0].pk


def test_results__nothing_matches__no_groups() -> None:
    _news("福祉の講座")
    assert search.results("ぼうさい").groups == []


def test_rebuild_all__keeps_the_engines_index() -> None:
    from django.db import connection

    _news("福祉のお知らせ")
    search.rebuild()
    assert search.matching("ふくし").exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [search.GIN_INDEX])
            assert "portal_grams((kind)::text, grams)" in cursor.fetchone()[0]
    assert search.matching("ふくし", kind="portal.news").exists()


def test_prune__drops_expired_entries_only() -> None:
    from datetime import timedelta

    from django.utils import timezone

    soon = _news("福祉", unpublish_at=timezone.now() + timedelta(days=1))
    kept = _news("福祉の続き")
    assert search.prune(now=timezone.now() + timedelta(days=2)) == 1
    remaining = set(SearchEntry.objects.filter(kind="portal.news").values_list("object_id", flat=True))
    assert soon.pk not in remaining
    assert kept.pk in remaining


def test_kind_entries__title_hits_first_then_newest_then_highest_id() -> None:
    """The order the results show (as `results` ranks each kind's first entries): the
    entries whose title holds every term, then the latest date (none last), then the
    highest id."""
    from datetime import datetime

    now = timezone.now()
    for i, (title, body, days) in enumerate(
        [
            ("福祉の講座", "本文", 3),
            ("講座のお知らせ", "福祉について", 5),
            ("福祉の集い", "本文", 5),
            ("別の話", "福祉と講座", 1),
            ("福祉の講座 二", "本文", 3),
        ]
    ):
        _news(title, body=body, publish_at=now - timedelta(days=days, minutes=i))
    SearchEntry.objects.filter(kind="portal.news", title="福祉の集い").update(date=None)
    for query in ("ふくし", "福祉 講座", "講"):
        rows = search.matching(query, kind="portal.news").values_list("id", "date", "title_text")
        terms = search.search_terms(query)

        def rank(row: tuple[int, datetime | None, str], terms: list[str] = terms) -> tuple[int, float, int]:
            pk, date, title_text = row
            in_title = 0 if all(term in title_text for term in terms) else 1
            return (in_title, -(date.timestamp() if date else float("-inf")), -pk)

        expected = [row[0] for row in sorted(rows, key=rank)]
        assert len(expected) >= 2
        assert search.kind_entries(query, kind="portal.news") == expected
