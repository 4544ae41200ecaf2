"""The subsidies models' database rules and the shared factory."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from subsidies.models import Application, ApplicationStatus
from tests.factories.groups import create_group
from tests.factories.subsidies import create_application, create_programme

pytestmark = pytest.mark.django_db


def test_factory__balanced_budget_and_computed_request() -> None:
    programme = create_programme()
    application = create_application(programme, create_group())
    lines = list(application.budget_lines.all())
    income = sum(line.amount for line in lines if line.side == "income")
    expense = sum(line.amount for line in lines if line.side == "expense")
    assert income == expense == 270_000
    assert application.eligible_cost == 250_000
    assert application.requested_amount == 125_000  # 1/2 of 250,000, under the ceiling


def test_one_live_application_per_group_and_programme() -> None:
    programme = create_programme()
    group = create_group()
    create_application(programme, group, status=ApplicationStatus.WITHDRAWN)
    create_application(programme, group)
    with pytest.raises(IntegrityError), transaction.atomic():
        create_application(programme, group)
    assert Application.objects.filter(group=group).count() == 2


def test_award_never_above_the_request() -> None:
    application = create_application(create_programme(), create_group(), status=ApplicationStatus.ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(awarded_amount=application.requested_amount + 1)
