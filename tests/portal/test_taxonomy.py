"""Taxonomy links attached to a page of objects (portal.taxonomy)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from groups.models import CommunityGroup
from portal import taxonomy
from portal.models import ActivityField, Area
from tests.factories.groups import create_group
from tests.pagecache import commit

pytestmark = pytest.mark.django_db


def _terms(order: list[tuple[str, str, int]], model: Any) -> dict[str, Any]:
    return {
        slug: model.objects.update_or_create(slug=slug, defaults={"name": name, "order": n})[0]
        for slug, name, n in order
    }


def test_attach__each_objects_terms_in_the_taxonomys_order(django_assert_num_queries: Any) -> None:
    fields = _terms([("welfare", "福祉", 2), ("sports", "スポーツ", 1), ("culture", "文化", 3)], ActivityField)
    areas = _terms([("chuo", "中央地区", 1), ("hokubu", "北部地区", 2)], Area)
    first = create_group(fields=[fields["welfare"], fields["sports"]], areas=[areas["hokubu"]])
    second = create_group(fields=[fields["culture"]], areas=[areas["chuo"], areas["hokubu"]])
    groups = list(CommunityGroup.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk"))
    taxonomy.attach(groups, "fields", "field_list")  # each taxonomy read once
    taxonomy.attach(groups, "areas", "area_list")
    with django_assert_num_queries(2):  # the id pairs, one query per relation
        taxonomy.attach(groups, "fields", "field_list")
        taxonomy.attach(groups, "areas", "area_list")
    assert [[f.slug for f in g.field_list] for g in groups] == [["sports", "welfare"], ["culture"]]
    assert [[a.slug for a in g.area_list] for g in groups] == [["hokubu"], ["chuo", "hokubu"]]
    assert taxonomy.attach([], "fields", "field_list") == []


def test_directory__cards_show_fields_and_areas_and_follow_a_renamed_term(client: Any) -> None:
    fields = _terms([("welfare", "福祉", 1), ("sports", "スポーツ", 2)], ActivityField)
    areas = _terms([("chuo", "中央地区", 1)], Area)
    create_group(name="さくら会", fields=[fields["sports"], fields["welfare"]], areas=[areas["chuo"]])
    html = client.get(reverse("groups:list")).content.decode()
    card = html[html.index("さくら会") :]
    assert re.search(r"福祉.*スポーツ.*中央地区", card, re.S)
    ActivityField.objects.filter(slug="welfare").update(name="地域福祉")
    commit()
    assert "地域福祉" in client.get(reverse("groups:list")).content.decode()
