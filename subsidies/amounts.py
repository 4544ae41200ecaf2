"""The arithmetic of a subsidy (補助金の額): what may be requested, what is finally paid
(額の確定) and what must be returned (返還額), in whole yen.

Written once here so that the application form's preview, the submit check, the award
and the final confirmation all compute the same numbers. Rates are exact fractions
(10/10, 1/2, 2/3), never floats, and amounts are rounded down to the programme's unit
(千円未満切捨て: a unit of 1,000 yen) as municipal subsidy rules require.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = [
    "ConfirmationRule",
    "Limits",
    "confirmed_amount",
    "refund_due",
    "requestable_amount",
    "round_down",
]


class ConfirmationRule(enum.StrEnum):
    """How the final amount follows the actual cost (額の確定の方式)."""

    # The rate applied to the actual eligible cost (the usual municipal rule).
    RATE = "rate"
    # The award scaled by actual ÷ planned eligible cost (as national subsidies do).
    PROPORTIONAL = "proportional"


@dataclass(frozen=True)
class Limits:
    """A programme category's rule: the subsidy rate (補助率), the ceiling (上限額), the
    floor below which no subsidy is given (下限額, 0 for none) and the rounding unit."""

    rate: Fraction
    ceiling: int
    floor: int = 0
    unit: int = 1000

    def __post_init__(self) -> None:
        if not 0 < self.rate <= 1:
            msg = "The subsidy rate must be above 0 and at most 1."
            raise ValueError(msg)
        if self.ceiling < 0 or self.floor < 0 or self.floor > self.ceiling or self.unit < 1:
            msg = "The ceiling, floor and unit must satisfy 0 <= floor <= ceiling and unit >= 1."
            raise ValueError(msg)


def round_down(amount: Fraction | int, unit: int) -> int:
    """`amount` rounded down to a whole multiple of `unit` yen (千円未満切捨て for 1,000)."""
    if amount <= 0:
        return 0
    return int(Fraction(amount) // unit) * unit


def requestable_amount(eligible_cost: int, limits: Limits) -> int:
    """The most a group may request for `eligible_cost` yen of eligible expenses: the
    rate applied, rounded down, capped at the ceiling. Raises ValidationError when the
    result is below the programme's floor (the project is too small for it)."""
    if eligible_cost < 0:
        raise ValidationError(_("Expenses cannot be negative."), code="negative")
    amount = min(round_down(eligible_cost * limits.rate, limits.unit), limits.ceiling)
    if amount < limits.floor:
        raise ValidationError(
            _("The subsidy would be %(amount)s yen, below this programme's minimum of %(floor)s yen.")
            % {"amount": f"{amount:,}", "floor": f"{limits.floor:,}"},
            code="below_floor",
        )
    return amount


def confirmed_amount(
    *,
    awarded: int,
    planned_eligible: int,
    actual_eligible: int,
    limits: Limits,
    rule: ConfirmationRule = ConfirmationRule.RATE,
) -> int:
    """The final amount (額の確定) once the actual eligible cost is known: by `rule`,
    rounded down to the unit, and never more than the award."""
    if min(awarded, planned_eligible, actual_eligible) < 0:
        raise ValidationError(_("Amounts cannot be negative."), code="negative")
    if rule == ConfirmationRule.RATE:
        amount = round_down(actual_eligible * limits.rate, limits.unit)
    elif planned_eligible == 0:
        amount = 0
    else:
        amount = round_down(Fraction(awarded * min(actual_eligible, planned_eligible), planned_eligible), limits.unit)
    return min(amount, awarded)


def refund_due(*, paid: int, confirmed: int) -> int:
    """What the group must return (返還額) when advances (概算払) exceeded the final amount."""
    return max(paid - confirmed, 0)
