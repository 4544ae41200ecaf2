"""The fee (使用料) of a booking: the rate of each slot (市内 or 市外), surcharges, and
a reduction (減免) rule. Computed the same way for the preview and the booking."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from facilities.availability import Slot
from facilities.models import FeeRate, ReductionRule, Resource, Surcharge


@dataclass
class Quote:
    base: int = 0
    surcharge: int = 0
    reduction: int = 0
    lines: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.base + self.surcharge - self.reduction

    def as_dict(self) -> dict[str, Any]:
        return {"base": self.base, "surcharge": self.surcharge, "reduction": self.reduction, "total": self.total}


def rates_for(resource: Resource) -> dict[int | None, FeeRate]:
    return {rate.division_id: rate for rate in FeeRate.objects.filter(resource=resource)}


def quote(
    resource: Resource,
    slots: Sequence[Slot],
    *,
    resident: bool,
    surcharges: Iterable[Surcharge] = (),
    reduction: ReductionRule | None = None,
    quantity: int = 1,
    rates: dict[int | None, FeeRate] | None = None,
) -> Quote:
    """Base = the rate of every slot × quantity; surcharges are a percentage of the base
    plus an amount per slot; the reduction is a percentage of base plus surcharges,
    rounded down to the yen in the user's favour."""
    rates = rates_for(resource) if rates is None else rates
    result = Quote()
    for slot in slots:
        rate = rates.get(slot.division_id) or rates.get(None)
        if rate is None:
            continue
        amount = (rate.resident_fee if resident else rate.non_resident_fee) * quantity
        result.base += amount
        result.lines.append((slot.label, amount))
    for surcharge in surcharges:
        amount = result.base * surcharge.percent // 100 + surcharge.amount_per_slot * len(slots) * quantity
        result.surcharge += amount
        result.lines.append((surcharge.localized("name"), amount))
    if reduction is not None:
        gross = result.base + result.surcharge
        result.reduction = gross - gross * (100 - reduction.percent) // 100
        result.lines.append((reduction.localized("name"), -result.reduction))
    return result
