"""The site search's kinds from collaboration: published calls, projects in the public
registry, published cases (collaboration/search_kinds.py)."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.models import CallStatus, Project
from collaboration.services import cases as case_services
from portal import search
from tests.factories.collaboration import create_call, create_case, create_project

pytestmark = pytest.mark.django_db


def found(kind: str, query: str) -> set[str]:
    return set(search.current(search.matching(query, kind=kind)).values_list("title", flat=True))


def test_call_project_case__found_by_readings() -> None:
    create_call(title="子育て世帯の居場所づくり", status=CallStatus.OPEN)
    create_project(title="桜川の福祉マップづくり")
    create_case(title="子育てサロンの協働", content="福祉の担い手と地域がつながった")
    search.rebuild()
    assert found("collaboration.call", "こそだて") == {"子育て世帯の居場所づくり"}
    assert found("collaboration.project", "さくらがわ") == {"桜川の福祉マップづくり"}
    assert found("collaboration.project", "フクシ") == {"桜川の福祉マップづくり"}
    assert found("collaboration.case", "ふくし") == {"子育てサロンの協働"}
    assert found("collaboration.case", "福") == {"子育てサロンの協働"}


def test_unpublished__not_indexed() -> None:
    create_call(title="子育て世帯の居場所づくり", status=CallStatus.DRAFT)
    project = create_project(title="桜川の福祉マップづくり")
    Project.objects.filter(pk=project.pk).update(is_published=False)
    create_case(title="子育てサロンの協働", published=False)
    search.rebuild()
    assert found("collaboration.call", "こそだて") == set()
    assert found("collaboration.project", "さくらがわ") == set()
    assert found("collaboration.case", "こそだて") == set()


def test_case_unpublished__leaves_the_index(django_capture_on_commit_callbacks: Any) -> None:
    from tests.factories.collaboration import case_reporter

    author = case_reporter()
    with django_capture_on_commit_callbacks(execute=True):
        case = create_case(title="子育てサロンの協働", author=author)
    assert found("collaboration.case", "こそだて") == {"子育てサロンの協働"}
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_unpublish(case=case, actor=author)
    assert found("collaboration.case", "こそだて") == set()
