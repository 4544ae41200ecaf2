from __future__ import annotations

import pytest

from portal.text import fold, search_terms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("フクシ", "ふくし"),
        ("ﾌｸｼ", "ふくし"),
        ("ＮＰＯ法人", "npo法人"),
        ("福祉", "福祉"),
        ("  みどり　 ネットワーク ", "みどり ねっとわーく"),
        ("ヴァイオリン", "ゔぁいおりん"),
        (None, ""),
    ],
)
def test_fold__width_case_and_kana(text: str | None, expected: str) -> None:
    assert fold(text) == expected


def test_search_terms__split_on_full_width_space() -> None:
    assert search_terms("子育て　ネット") == ["子育て", "ねっと"]
    assert search_terms("   ") == []
    assert len(search_terms("a " * 20)) == 8
