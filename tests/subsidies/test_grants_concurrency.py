"""The budget holds when staff decide at once: two awards that each fit but together
exceed the programme's budget, decided in parallel, give exactly one award (the
programme's row is locked before the sum).

PostgreSQL only: the SQLite test database lives in memory with a shared cache, where
concurrent writers fail at once instead of waiting (see test_no_double_booking.py)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from subsidies.models import Application, ApplicationStatus
from subsidies.selectors import programme_budget
from subsidies.services import grants as services
from tests.factories.portal import DepartmentFactory, UserFactory
from tests.factories.subsidies import create_programme
from tests.subsidies.grants_flow import accepted


def _staff(n: int) -> list[Any]:
    from portal.models import StaffRole, User
    from portal.services import staff_assign

    department = DepartmentFactory(code="kyodo-race")
    users = []
    for _ in range(n):
        user = UserFactory()
        staff_assign(user=user, role=StaffRole.CITY_STAFF, department=department, actor=None)
        users.append(User.objects.get(pk=user.pk))
    return users


def _race(applications: list[Application], amount: int) -> tuple[int, list[BaseException]]:
    staff = _staff(len(applications))
    barrier = threading.Barrier(len(applications))
    done: list[int] = []
    errors: list[BaseException] = []

    def attempt(actor: Any, application: Application) -> None:
        try:
            barrier.wait()
            services.application_decide(
                actor=actor,
                application=application,
                adopt=True,
                amount=amount,
                reason="採択",
                assessment_reason="予算の範囲内で査定",
            )
            done.append(1)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=pair) for pair in zip(staff, applications, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(done), errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_awards_that_together_exceed_the_budget__exactly_one_succeeds() -> None:
    programme = create_programme(total_budget=200_000)
    applications = [accepted(programme), accepted(programme)]
    made, errors = _race(applications, 120_000)
    assert made == 1
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert "over_budget" in {e.code for es in errors[0].error_dict.values() for e in es}
    assert Application.objects.filter(programme=programme, status=ApplicationStatus.ADOPTED).count() == 1
    assert programme_budget(programme).awarded == 120_000


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_awards_at_once__never_beyond_the_budget() -> None:
    programme = create_programme(total_budget=500_000)
    applications = [accepted(programme) for _ in range(8)]
    made, errors = _race(applications, 100_000)
    assert made == 5
    assert len(errors) == 3
    assert programme_budget(programme).awarded == 500_000
