"""Receipt numbers (受付番号) are sequential and unique when many groups submit at once
(PostgreSQL: the programme row is locked while the number is taken)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from subsidies.models import Application
from subsidies.services import applications as services
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_programme
from tests.subsidies.applying import draft


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions__sequential_unique_receipt_numbers() -> None:
    programme = create_programme()
    n = 8
    reps = [UserFactory() for _ in range(n)]
    drafts = [draft(programme, create_group(representative=rep), rep) for rep in reps]
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def submit(application: Application, actor: Any) -> None:
        try:
            barrier.wait()
            services.application_submit(application=application, actor=actor)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=pair) for pair in zip(drafts, reps, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Application.objects.filter(programme=programme).values_list("receipt_number", flat=True))
    assert numbers == [f"{programme.fiscal_year}-{programme.code}-{seq:04d}" for seq in range(1, n + 1)]
    programme.refresh_from_db()
    assert programme.next_receipt_seq == n + 1
