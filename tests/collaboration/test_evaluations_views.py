"""The evaluation pages: opening a round, a partner's self and mutual evaluations, the
window's third-party evaluation, the release (refused with the list of what is missing)
and the public project section (nothing before release; averages, comments with the
evaluator named and the committee's evaluation after), with constant query counts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collaboration.models import Evaluation, EvaluationRound, ProjectStatus
from portal.dates import fiscal_year
from portal.models_review import ReviewCommittee
from tests.factories.collaboration import complete_round, create_evaluation, create_project, create_round, scores
from tests.factories.groups import create_group

pytestmark = pytest.mark.django_db


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    today = timezone.localdate()
    project = create_project(
        groups=(role_users["_group"],),
        status=ProjectStatus.COMPLETED,
        starts_on=today - datetime.timedelta(days=500),
        ends_on=today - datetime.timedelta(days=5),
    )
    group_partner, city_partner = list(project.partners.all())
    return {**role_users, "project": project, "group_partner": group_partner, "city_partner": city_partner}


def test_rounds__open(world: dict[str, Any]) -> None:
    url = reverse("collaboration:evaluation-rounds", args=[world["project"].slug])
    client = _as(world["city_staff"])
    assert client.get(url).context["form"] is not None
    year = fiscal_year(timezone.localdate())
    response = client.post(url, {"fiscal_year": year, "is_final": "1", "due_on": timezone.localdate().isoformat()})
    round_ = EvaluationRound.objects.get()
    assert response["Location"] == round_.get_absolute_url()
    assert client.post(url, {"fiscal_year": year, "is_final": "1"}).status_code == 400
    assert client.post(url, {"fiscal_year": "99999", "is_final": "1"}).status_code == 400
    assert EvaluationRound.objects.count() == 1
    partner_page = _as(world["representative"]).get(url)
    assert partner_page.status_code == 200
    assert partner_page.context["form"] is None


def _post(client: Client, round_: Any, **data: Any) -> Any:
    return client.post(reverse("collaboration:evaluation-round", args=[round_.pk]), {**scores(), **data})


def test_round__partner_submits_self_and_mutual(world: dict[str, Any]) -> None:
    round_ = create_round(world["project"])
    rep = _as(world["representative"])
    gp, cp = world["group_partner"], world["city_partner"]
    assert _post(rep, round_, action="evaluate", evaluator=gp.pk, subject="").status_code == 302
    assert _post(rep, round_, action="evaluate", evaluator=gp.pk, subject=cp.pk).status_code == 302
    assert _post(rep, round_, action="evaluate", evaluator=gp.pk, subject=gp.pk).status_code == 400
    assert _post(rep, round_, action="evaluate", evaluator=cp.pk, subject="").status_code == 400  # not theirs
    assert _post(rep, round_, action="evaluate", evaluator=gp.pk, subject="", goal_score="9").status_code == 400
    assert set(Evaluation.objects.values_list("kind", flat=True)) == {"self", "mutual"}
    assert Evaluation.objects.count() == 2
    # a partner may not release nor enter the third-party evaluation
    assert (
        rep.post(reverse("collaboration:evaluation-round", args=[round_.pk]), {"action": "release"}).status_code == 403
    )
    assert _post(rep, round_, action="third_party").status_code == 403


def test_round__release_refused_with_the_missing_list_then_published(world: dict[str, Any]) -> None:
    round_ = create_round(world["project"])
    staff = _as(world["city_staff"])
    url = reverse("collaboration:evaluation-round", args=[round_.pk])
    response = staff.post(url, {"action": "release", "confirm": "on"})
    assert response.status_code == 400
    assert world["group_partner"].display_name in response.content.decode()
    complete_round(round_)
    committee = ReviewCommittee.objects.create(name="協働評価委員会", fiscal_year=2026, chair=world["reviewer"])
    assert _post(staff, round_, action="third_party", committee=committee.pk).status_code == 302
    assert staff.post(url, {"action": "release", "confirm": "on"}).status_code == 302
    round_.refresh_from_db()
    assert round_.released_at is not None
    assert _post(_as(world["representative"]), round_, action="evaluate").status_code == 400


def _render(project: Any, user: Any) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load collaboration_project %}{% project_evaluations project %}").render(
        Context({"project": project, "request": request})
    )


def test_section__nothing_before_release_then_everything(world: dict[str, Any]) -> None:
    round_ = create_round(world["project"])
    create_evaluation(round_, "self", world["group_partner"], overall="秘密の自己評価")
    assert "秘密の自己評価" not in _render(world["project"], AnonymousUser())
    assert "<section" not in _render(world["project"], AnonymousUser())
    create_evaluation(round_, "self", world["city_partner"], goal_score=2)
    create_evaluation(round_, "mutual", world["group_partner"], world["city_partner"], overall="市の対応が早かった")
    create_evaluation(round_, "mutual", world["city_partner"], world["group_partner"])
    committee = ReviewCommittee.objects.create(name="協働評価委員会", fiscal_year=2026, chair=world["reviewer"])
    create_evaluation(round_, "third_party", committee=committee, overall="委員会の所見")
    EvaluationRound.objects.filter(pk=round_.pk).update(released_at=timezone.now())
    html = _render(world["project"], AnonymousUser())
    for expected in (
        "秘密の自己評価",
        "市の対応が早かった",
        "委員会の所見",
        "協働評価委員会",
        world["_group"].name,
        "3.0",
    ):
        assert expected in html, expected


def _count(project: Any, user: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        _render(project, user)
    return len(captured)


def _released_project(partners: int, rounds: int) -> Any:
    project = create_project(groups=tuple(create_group() for _ in range(partners)))
    for n in range(rounds):
        round_ = create_round(project, fiscal_year=2020 + n, is_final=False, released=True)
        complete_round(round_)
    return project


def test_section__constant_queries(world: dict[str, Any]) -> None:
    small, big = _released_project(1, 1), _released_project(3, 3)
    for user in (AnonymousUser(), world["city_staff"]):
        _count(small, user)
        assert _count(small, user) == _count(big, user)


def test_round_page__constant_queries(world: dict[str, Any]) -> None:
    counts = []
    staff = _as(world["city_staff"])
    for partners in (1, 4):
        project = create_project(groups=tuple(create_group() for _ in range(partners)))
        round_ = create_round(project, is_final=False)
        complete_round(round_)
        url = reverse("collaboration:evaluation-round", args=[round_.pk])
        staff.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_round__before_release_a_partner_sees_only_its_own(world: dict[str, Any]) -> None:
    round_ = create_round(world["project"])
    create_evaluation(round_, "self", world["city_partner"], overall="市の自己評価")
    create_evaluation(round_, "self", world["group_partner"], overall="団体の自己評価")
    url = reverse("collaboration:evaluation-round", args=[round_.pk])
    partner_page = _as(world["representative"]).get(url).content.decode()
    assert "団体の自己評価" in partner_page
    assert "市の自己評価" not in partner_page
    staff_page = _as(world["superuser"]).get(url).content.decode()
    assert "市の自己評価" in staff_page
