"""The forms of collaboration survive a transactional test's flush (tests/conftest.py)."""

from __future__ import annotations

import pytest

from collaboration.models import CollaborationForm


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_forms() -> None:
    assert CollaborationForm.objects.count() == 13


@pytest.mark.django_db(transaction=True)
def test_and_the_next_one_too() -> None:
    assert CollaborationForm.objects.filter(code="kyodo-itaku").exists()


@pytest.mark.django_db
def test_and_a_plain_test_after_them() -> None:
    assert CollaborationForm.objects.count() == 13
