from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from groups.models import CommunityGroup, GroupStatus, validate_corporate_number
from portal.workflow import check_transition


@pytest.mark.parametrize("number", ["7000012050002", "7123456789012"])
def test_corporate_number__valid(number: str) -> None:
    validate_corporate_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("8000012050002", "corporate_number_check_digit"),
        ("700001205000", "corporate_number_length"),
        ("70000120500021", "corporate_number_length"),
        ("70000120500OO", "corporate_number_length"),
    ],
)
def test_corporate_number__invalid(number: str, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_corporate_number(number)
    assert error.value.code == code


def test_transition_map__illegal_move_is_refused() -> None:
    group = CommunityGroup(status=GroupStatus.REJECTED)
    with pytest.raises(ValidationError) as error:
        check_transition(group, GroupStatus.REGISTERED)
    assert error.value.code == "invalid_transition"
    assert group.available_transitions() == frozenset()
    group = CommunityGroup(status=GroupStatus.PENDING)
    check_transition(group, GroupStatus.RETURNED)
    assert GroupStatus.RETURNED in group.available_transitions()


def test_is_registered_on__needs_valid_registration_on_that_day() -> None:
    group = CommunityGroup(status=GroupStatus.REGISTERED, registered_until=datetime.date(2027, 3, 31))
    assert group.is_registered_on(datetime.date(2027, 3, 31))
    assert not group.is_registered_on(datetime.date(2027, 4, 1))
    assert not CommunityGroup(status=GroupStatus.PENDING).is_registered_on(datetime.date(2026, 12, 1))
