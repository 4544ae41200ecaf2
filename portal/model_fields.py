"""Field helpers every app's models share: whole-yen amounts, URL slugs, and the order
of a period's two dates."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The largest amount of yen any field accepts (10 billion): well above any municipal
# subsidy or project budget, far below what the database's integer holds.
MAX_YEN = 10_000_000_000
YEN_VALIDATORS = [MinValueValidator(0), MaxValueValidator(MAX_YEN)]
SLUG_VALIDATOR = RegexValidator(r"^[a-z0-9-]+$", _("Use lower-case letters, digits and hyphens."))


def yen_field(verbose_name: str, **kwargs: object) -> models.PositiveBigIntegerField:
    return models.PositiveBigIntegerField(verbose_name, validators=YEN_VALIDATORS, **kwargs)


def yen_range(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(**{f"{field}__lte": MAX_YEN}), name=name)


def period_order(name: str, start: str = "starts_on", end: str = "ends_on") -> models.CheckConstraint:
    """The period ends on or after it starts (either date may be empty)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )
