"""The evaluation services: opening a round (final, yearly), each partner's self and
mutual evaluations with every refusal, the committee's third-party evaluation, the
release (refused while anything is missing) and the daily reminders."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collaboration.models import Evaluation, EvaluationRound, ProjectStatus
from collaboration.services import evaluations as services
from portal.dates import fiscal_year
from portal.models_review import ReviewCommittee
from tests.factories.collaboration import complete_round, create_evaluation, create_project, create_round, scores

pytestmark = pytest.mark.django_db


def _code(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return next(e.code for errors in error.error_dict.values() for e in errors)
    return error.error_list[0].code


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
    return {
        **role_users,
        "project": project,
        "group_partner": group_partner,
        "city_partner": city_partner,
        "year": fiscal_year(today),
    }


def test_round_open__final_after_the_end_and_notifies(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    due = timezone.localdate() + datetime.timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        round_ = services.round_open(
            actor=world["city_staff"], project=world["project"], fiscal_year=world["year"], is_final=True, due_on=due
        )
    assert round_.due_on == due
    assert any(world["representative"].email in m.to for m in mail.outbox)


def test_round_open__refusals(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.round_open(actor=world["representative"], project=world["project"], fiscal_year=2026, is_final=True)
    running = create_project(groups=(world["_group"],))
    with pytest.raises(ValidationError) as error:
        services.round_open(actor=world["city_staff"], project=running, fiscal_year=world["year"], is_final=True)
    assert _code(error.value) == "not_ended"
    with pytest.raises(ValidationError) as error:
        services.round_open(actor=world["city_staff"], project=running, fiscal_year=world["year"], is_final=False)
    assert _code(error.value) == "not_long"
    services.round_open(actor=world["city_staff"], project=world["project"], fiscal_year=world["year"], is_final=True)
    with pytest.raises(ValidationError) as error:
        services.round_open(
            actor=world["city_staff"], project=world["project"], fiscal_year=world["year"], is_final=True
        )
    assert _code(error.value) == "duplicate"
    with pytest.raises(ValidationError):
        services.round_open(
            actor=world["city_staff"],
            project=world["project"],
            fiscal_year=world["year"] - 1,
            is_final=True,
            due_on=datetime.date(2099, 1, 1),
        )
    assert EvaluationRound.objects.count() == 1


def test_round_open__yearly_for_long_projects(world: dict[str, Any]) -> None:
    today = timezone.localdate()
    long = create_project(groups=(world["_group"],), ends_on=today + datetime.timedelta(days=700))
    round_ = services.round_open(actor=world["city_staff"], project=long, fiscal_year=world["year"], is_final=False)
    assert not round_.is_final


def test_submit__self_and_mutual(world: dict[str, Any]) -> None:
    round_ = create_round(world["project"])
    own = services.evaluation_submit(world["representative"], round_, "self", world["group_partner"], None, scores(5))
    assert own.submitted_by == world["representative"]
    assert own.goal_score == 5
    mutual = services.evaluation_submit(
        world["representative"], round_, "mutual", world["group_partner"], world["city_partner"], scores(3)
    )
    assert mutual.subject == world["city_partner"]


def test_submit__refusals(world: dict[str, Any]) -> None:
    round_ = create_round(world["project"])
    gp, cp = world["group_partner"], world["city_partner"]
    for outsider in (world["other_representative"], world["citizen"], world["member"]):
        with pytest.raises(PermissionDenied):
            services.evaluation_submit(outsider, round_, "self", gp, None, scores())
    with pytest.raises(PermissionDenied):  # acting for another partner
        services.evaluation_submit(world["representative"], round_, "self", cp, None, scores())
    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(world["representative"], round_, "mutual", gp, gp, scores())
    assert _code(error.value) == "subject_is_evaluator"
    outside = create_project(groups=(world["_other_group"],)).partners.first()
    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(world["representative"], round_, "mutual", gp, outside, scores())
    assert _code(error.value) == "not_partner"
    with pytest.raises(ValidationError):
        services.evaluation_submit(world["representative"], round_, "self", gp, None, scores(6))
    services.evaluation_submit(world["representative"], round_, "self", gp, None, scores())
    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(world["representative"], round_, "self", gp, None, scores())
    assert _code(error.value) == "duplicate"
    released = create_round(world["project"], is_final=False, released=True)
    with pytest.raises(ValidationError) as error:
        services.evaluation_submit(world["representative"], released, "self", gp, None, scores())
    assert _code(error.value) == "released"
    assert Evaluation.objects.count() == 1


def test_third_party__window_staff_with_a_committee(world: dict[str, Any]) -> None:
    round_ = create_round(world["project"])
    committee = ReviewCommittee.objects.create(name="評価委員会", fiscal_year=world["year"], chair=world["reviewer"])
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(
            world["representative"], round_, "third_party", None, None, {**scores(), "committee": committee}
        )
    with pytest.raises(ValidationError):
        services.evaluation_submit(world["city_staff"], round_, "third_party", None, None, scores())
    evaluation = services.evaluation_submit(
        world["city_staff"], round_, "third_party", None, None, {**scores(), "committee": committee}
    )
    assert evaluation.committee == committee


def test_release__refused_with_what_is_missing(world: dict[str, Any]) -> None:
    round_ = create_round(world["project"])
    create_evaluation(round_, "self", world["group_partner"])
    with pytest.raises(ValidationError) as error:
        services.round_release(actor=world["city_staff"], round=round_)
    assert _code(error.value) == "missing"
    message = " ".join(error.value.messages)
    city = world["city_partner"].display_name
    assert f"{city}：自己評価" in message
    assert f"{world['group_partner'].display_name}：{city}の評価" in message
    round_.refresh_from_db()
    assert round_.released_at is None


def test_release__when_complete_and_only_by_managers(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    round_ = create_round(world["project"])
    complete_round(round_)
    with pytest.raises(PermissionDenied):
        services.round_release(actor=world["representative"], round=round_)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_release(actor=world["city_staff"], round=round_)
    round_.refresh_from_db()
    assert round_.released_at is not None
    assert mail.outbox
    with pytest.raises(ValidationError):
        services.round_release(actor=world["city_staff"], round=round_)


def test_reminders__14_and_3_days_before_once_each(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    round_ = create_round(world["project"], due_on=today + datetime.timedelta(days=14))
    with django_capture_on_commit_callbacks(execute=True):
        assert len(services.send_round_reminders(today)) == 1
        assert services.send_round_reminders(today) == []
        assert services.send_round_reminders(today + datetime.timedelta(days=5)) == []
    assert len(mail.outbox) >= 1
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert len(services.send_round_reminders(today + datetime.timedelta(days=11))) == 1
        assert services.send_round_reminders(today + datetime.timedelta(days=12)) == []
    assert len(mail.outbox) > sent
    round_.refresh_from_db()
    assert round_.reminded_days_before == 3


def test_reminders__not_for_complete_or_released_rounds(world: dict[str, Any]) -> None:
    today = timezone.localdate()
    complete = create_round(world["project"], due_on=today + datetime.timedelta(days=3))
    complete_round(complete)
    create_round(world["project"], is_final=False, released=True, due_on=today + datetime.timedelta(days=3))
    assert services.send_round_reminders(today) == []


def test_daily_job_registered() -> None:
    from collaboration.daily import JOBS

    assert services.send_round_reminders in JOBS
