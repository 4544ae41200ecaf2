"""The site search's kind from subsidies: the programmes (subsidies/search_kinds.py)."""

from __future__ import annotations

from typing import Any

import pytest

from portal import search
from tests.factories.subsidies import create_programme

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    qs = search.current(search.matching(query, kind="subsidies.programme"))
    return set(qs.values_list("title", flat=True))


def test_programme__found_by_readings_of_name_purpose_and_categories() -> None:
    programme = create_programme(name="子育て支援活動補助金", purpose="福祉の担い手を応援します。")
    search.rebuild()
    [title] = found("こそだて")
    assert title.endswith("子育て支援活動補助金")
    assert found("ふくし") == {title}
    assert found("フクシ") == {title}
    assert found("福") == {title}
    category = programme.categories.first()
    assert category is not None
    assert found(category.name[:2]) == {title}


def test_category_rename__reindexes_its_programme(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        programme = create_programme(name="応援補助金")
    category = programme.categories.first()
    assert category is not None
    assert found("さくらがわ") == set()
    with django_capture_on_commit_callbacks(execute=True):
        category.name = "桜川地区部門"
        category.save()
    assert len(found("さくらがわ")) == 1
