"""portal.pagination.IdListPaginator: a searched list's ordered keys read in one query,
its page's rows by key, in the list's order."""

from __future__ import annotations

from typing import Any

import pytest

from groups.models import CommunityGroup
from portal.pagination import IdListPaginator
from tests.factories.groups import create_group

pytestmark = pytest.mark.django_db


def test_keys_and_pages__in_the_lists_order(django_assert_num_queries: Any) -> None:
    for i, kana in enumerate(["さくら", "あおば", "かえで", "あおば", "たちばな"]):
        create_group(name=f"会{i}", name_kana=kana)
    queryset = CommunityGroup.objects.order_by("name_kana", "-pk")
    expected = list(queryset.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        paginator = IdListPaginator(queryset, 2)
    assert list(paginator.object_list) == expected
    assert paginator.count == len(expected)
    pages = [list(paginator.page(n).object_list) for n in paginator.page_range]
    assert [group.pk for page in pages for group in page] == expected


def test_nothing_can_match__empty() -> None:
    create_group(name="会")
    assert IdListPaginator(CommunityGroup.objects.filter(pk__in=[]), 2).count == 0
    assert IdListPaginator(CommunityGroup.objects.none(), 2).count == 0
