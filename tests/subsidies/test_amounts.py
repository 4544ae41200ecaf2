"""The subsidy arithmetic: requestable amount, final amount (額の確定) and refund."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from subsidies.amounts import ConfirmationRule, Limits, confirmed_amount, refund_due, requestable_amount, round_down

# The seeds' two categories of 市民活動応援補助金.
STARTUP = Limits(rate=Fraction(1), ceiling=100_000)  # スタートアップ部門: 10/10, up to ¥100,000
STEPUP = Limits(rate=Fraction(1, 2), ceiling=300_000, floor=50_000)  # ステップアップ部門: 1/2, up to ¥300,000


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [(123_456, 1000, 123_000), (999, 1000, 0), (1000, 1000, 1000), (Fraction(2001, 2), 1, 1000), (-5, 1000, 0)],
)
def test_round_down__to_the_unit(amount: Fraction | int, unit: int, expected: int) -> None:
    assert round_down(amount, unit) == expected


@pytest.mark.parametrize(
    ("limits", "eligible", "expected"),
    [
        (STARTUP, 87_654, 87_000),  # 10/10, 千円未満切捨て
        (STARTUP, 250_000, 100_000),  # capped at the ceiling
        (STEPUP, 333_333, 166_000),  # 1/2 of 333,333 = 166,666.5 → 166,000
        (STEPUP, 1_000_000, 300_000),
        (Limits(rate=Fraction(2, 3), ceiling=500_000), 300_001, 200_000),  # exact, no float drift
    ],
)
def test_requestable_amount__rate_rounding_and_ceiling(limits: Limits, eligible: int, expected: int) -> None:
    assert requestable_amount(eligible, limits) == expected


def test_requestable_amount__below_the_floor_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        requestable_amount(99_999, STEPUP)  # 49,000 yen < 50,000
    assert error.value.code == "below_floor"
    assert requestable_amount(100_000, STEPUP) == 50_000


def test_requestable_amount__negative_cost_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        requestable_amount(-1, STARTUP)
    assert error.value.code == "negative"


def test_limits__refuse_impossible_rules() -> None:
    for kwargs in (
        {"rate": Fraction(0), "ceiling": 1},
        {"rate": Fraction(3, 2), "ceiling": 1},
        {"rate": Fraction(1), "ceiling": 10, "floor": 20},
        {"rate": Fraction(1), "ceiling": 10, "unit": 0},
    ):
        with pytest.raises(ValueError, match="must"):
            Limits(**kwargs)


@pytest.mark.parametrize(
    ("rule", "actual", "expected"),
    [
        # Awarded 150,000 for a planned eligible cost of 300,000 at 1/2.
        (ConfirmationRule.RATE, 300_000, 150_000),
        (ConfirmationRule.RATE, 250_555, 125_000),  # 1/2 of the actual cost, rounded down
        (ConfirmationRule.RATE, 400_000, 150_000),  # never more than the award
        (ConfirmationRule.PROPORTIONAL, 200_000, 100_000),  # 150,000 × 200,000 / 300,000
        (ConfirmationRule.PROPORTIONAL, 299_999, 149_000),
        (ConfirmationRule.PROPORTIONAL, 450_000, 150_000),
        (ConfirmationRule.RATE, 0, 0),
    ],
)
def test_confirmed_amount__follows_the_rule_and_never_exceeds_the_award(
    rule: ConfirmationRule, actual: int, expected: int
) -> None:
    amount = confirmed_amount(
        awarded=150_000, planned_eligible=300_000, actual_eligible=actual, limits=STEPUP, rule=rule
    )
    assert amount == expected


def test_confirmed_amount__proportional_with_no_planned_cost_is_zero() -> None:
    assert (
        confirmed_amount(
            awarded=0, planned_eligible=0, actual_eligible=10, limits=STARTUP, rule=ConfirmationRule.PROPORTIONAL
        )
        == 0
    )


def test_confirmed_amount__negative_is_refused() -> None:
    with pytest.raises(ValidationError):
        confirmed_amount(awarded=1000, planned_eligible=1000, actual_eligible=-1, limits=STARTUP)


@pytest.mark.parametrize(("paid", "confirmed", "expected"), [(100_000, 80_000, 20_000), (50_000, 80_000, 0), (0, 0, 0)])
def test_refund_due__only_what_advances_exceeded(paid: int, confirmed: int, expected: int) -> None:
    assert refund_due(paid=paid, confirmed=confirmed) == expected
