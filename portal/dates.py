"""Japanese calendar helpers: fiscal year (年度), public holidays and 和暦, and the
plausible ranges every entered date is checked against (forms, services, query
parameters and database constraints; see "Plausible dates" below).

Written once here for every app (subsidies, KPIs, opening hours, booking rules)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import holidays
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

FISCAL_YEAR_START_MONTH = 4


def fiscal_year(day: datetime.date) -> int:
    """The fiscal year (年度) a date belongs to: 1 April – 31 March, named by the
    calendar year in which it starts (2026-03-31 is FY2025, 2026-04-01 FY2026)."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def fiscal_year_start(year: int) -> datetime.date:
    return datetime.date(year, FISCAL_YEAR_START_MONTH, 1)


def fiscal_year_end(year: int) -> datetime.date:
    return datetime.date(year + 1, FISCAL_YEAR_START_MONTH, 1) - datetime.timedelta(days=1)


def fiscal_year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return fiscal_year_start(year), fiscal_year_end(year)


# --- Public holidays -------------------------------------------------------------------


# The `holidays` library's language for each site language (names in Japanese otherwise).
HOLIDAY_LANGUAGES = {"en": "en_US"}


@lru_cache(maxsize=64)
def _japan_holidays(year: int, language: str = "ja") -> holidays.HolidayBase:
    return holidays.country_holidays("JP", years=year, language=language)


def _holiday_language() -> str:
    return HOLIDAY_LANGUAGES.get((get_language() or "ja").split("-")[0], "ja")


def is_public_holiday(day: datetime.date) -> bool:
    """True on Japanese public holidays (国民の祝日), including substitute holidays
    (振替休日) and citizens' holidays (国民の休日)."""
    return day in _japan_holidays(day.year)


def holiday_name(day: datetime.date) -> str | None:
    """The holiday's name in the active language (「勤労感謝の日」, "Labor Thanksgiving Day")."""
    return _japan_holidays(day.year, _holiday_language()).get(day)


def public_holidays(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """Holidays between `start` and `end` inclusive, by date, named in the active language."""
    found: dict[datetime.date, str] = {}
    language = _holiday_language()
    for year in range(start.year, end.year + 1):
        for day, name in _japan_holidays(year, language).items():
            if start <= day <= end:
                found[day] = name
    return dict(sorted(found.items()))


# --- 和暦 -------------------------------------------------------------------------------

# (first day of the era, Japanese name, English name)
ERAS: tuple[tuple[datetime.date, str, str], ...] = (
    (datetime.date(2019, 5, 1), "令和", "Reiwa"),
    (datetime.date(1989, 1, 8), "平成", "Heisei"),
    (datetime.date(1926, 12, 25), "昭和", "Showa"),
    (datetime.date(1912, 7, 30), "大正", "Taisho"),
    (datetime.date(1873, 1, 1), "明治", "Meiji"),
)


def wareki_year(day: datetime.date) -> tuple[str, int]:
    """(era name, year of the era) for a date; raises ValueError before 1873."""
    for start, name, _en in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError("Dates before 1873 have no 和暦 in this calendar.")


def wareki(day: datetime.date, *, with_day: bool = True) -> str:
    """令和8年11月21日 (the first year of an era is 元年)."""
    era, year = wareki_year(day)
    year_text = "元" if year == 1 else str(year)
    if not with_day:
        return f"{era}{year_text}年"
    return f"{era}{year_text}年{day.month}月{day.day}日"


def fiscal_year_label(year: int) -> str:
    """令和8年度 for FY2026 (the era in force on 1 April of that fiscal year); in
    English, "FY2026"."""
    if not (get_language() or "ja").startswith("ja"):
        return f"FY{year}"
    era, era_year = wareki_year(fiscal_year_start(year))
    return f"{era}{'元' if era_year == 1 else era_year}年度"


# --- Plausible dates ------------------------------------------------------------------
#
# Every date a person types is checked against a range, in three layers:
#   * forms: `portal.forms.BoundedDatesMixin` bounds every date and datetime field;
#   * services: `check_date_ranges()` on the values that change;
#   * the database: `storable_date_constraint()` keeps stored values within STORABLE,
#     a fixed range wide enough for every real value (the relative windows below move
#     with today, so they cannot be constraints).
# Query parameters (?week=, ?date=, ?start=, ?end=, ?since=, ?until=; ?month= in
# groups.calendar_utils) use `parse_query_date()` or the FilterSet's validator: a date
# outside QUERY is refused like a malformed one, and the view answers 400 with a
# message (the page shows the default period, e.g. this week, under it).
#
# The ranges:
#   FOUNDING  1868-01-01 (明治元年) … today           CommunityGroup.founded_on
#   SCHEDULE  today − 2 years (not before 2000) … today + 3 years
#             event and sign-up times, booking and lottery dates, closures
#   DEADLINE  today … today + 3 years                  volunteer deadlines (create, edit)
#   QUERY     2000-01-01 … 2100-12-31                  dates in query parameters
#   stored    2000-01-01 (1868-01-01 for founding) … 2100-12-31, as CHECK constraints
# Without these, a date such as 0001-01-01 was stored, shifted into 1 BC by Tokyo's
# local mean time offset, and made every page that showed it fail.

STORABLE_EARLIEST = datetime.date(1868, 1, 1)  # 明治元年: the earliest founding date
STORABLE_LATEST = datetime.date(2100, 12, 31)
SCHEDULE_EARLIEST = datetime.date(2000, 1, 1)  # events, bookings, closures, deadlines
SCHEDULE_YEARS_BACK = 2
SCHEDULE_YEARS_AHEAD = 3


def _years_from(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of plausible dates. The bounds are functions of today, so
    that windows such as "up to three years ahead" move with the calendar."""

    earliest: Callable[[datetime.date], datetime.date]
    latest: Callable[[datetime.date], datetime.date]
    too_early: str
    too_late: str

    def bounds(self, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.earliest(today), self.latest(today)

    def errors(self, value: datetime.date | datetime.datetime | None, today: datetime.date | None = None) -> list[str]:
        """The messages for a value outside the range (none for None or a value inside)."""
        if value is None:
            return []
        day = _as_local_date(value)
        earliest, latest = self.bounds(today)
        if day is None or day < earliest:
            return [str(self.too_early) % {"date": earliest.isoformat()}]
        if day > latest:
            return [str(self.too_late) % {"date": latest.isoformat()}]
        return []

    def contains(self, value: datetime.date | datetime.datetime | None) -> bool:
        return value is not None and not self.errors(value)


def _as_local_date(value: datetime.date | datetime.datetime) -> datetime.date | None:
    if not isinstance(value, datetime.datetime):
        return value
    if value.tzinfo is None:
        return value.date()
    from django.utils import timezone

    try:
        return timezone.localtime(value).date()
    except (OverflowError, ValueError):  # year 1 or 9999 shifted by the local offset
        return None


def _fixed(day: datetime.date) -> Callable[[datetime.date], datetime.date]:
    return lambda _today: day


FOUNDING = DateRange(
    earliest=_fixed(STORABLE_EARLIEST),
    latest=lambda today: today,
    too_early=_("Give a date on or after %(date)s."),
    too_late=_("A founding date cannot be in the future."),
)
SCHEDULE = DateRange(
    earliest=lambda today: max(_years_from(today, -SCHEDULE_YEARS_BACK), SCHEDULE_EARLIEST),
    latest=lambda today: _years_from(today, SCHEDULE_YEARS_AHEAD),
    too_early=_("Give a date on or after %(date)s."),
    too_late=_("Give a date on or before %(date)s: plans can be entered up to three years ahead."),
)
DEADLINE = DateRange(
    earliest=lambda today: today,
    latest=SCHEDULE.latest,
    too_early=_("The deadline cannot be in the past."),
    too_late=SCHEDULE.too_late,
)
QUERY = DateRange(
    earliest=_fixed(SCHEDULE_EARLIEST),
    latest=_fixed(STORABLE_LATEST),
    too_early=_("Give a date on or after %(date)s."),
    too_late=_("Give a date on or before %(date)s."),
)


@deconstructible
class DateRangeValidator:
    """A field validator for one of the named ranges above."""

    def __init__(self, range_name: str) -> None:
        self.range_name = range_name

    @property
    def date_range(self) -> DateRange:
        return globals()[self.range_name]  # type: ignore[no-any-return]

    def __call__(self, value: datetime.date | datetime.datetime | None) -> None:
        from django.core.exceptions import ValidationError

        messages = self.date_range.errors(value)
        if messages:
            raise ValidationError(messages[0], code="date_out_of_range")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateRangeValidator) and other.range_name == self.range_name

    def __hash__(self) -> int:
        return hash(self.range_name)


def check_date_ranges(values: dict[str, Any], ranges: dict[str, DateRange]) -> None:
    """For services: raise a ValidationError naming every field of `values` (the
    changed values) that falls outside its range."""
    from django.core.exceptions import ValidationError

    errors = {name: ranges[name].errors(value) for name, value in values.items() if name in ranges}
    errors = {name: messages for name, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def parse_query_date(value: str | None, date_range: DateRange = QUERY) -> datetime.date | None:
    """A query parameter's YYYY-MM-DD date, or None when it is empty, malformed or
    outside `date_range` (the view then answers 400 with a message)."""
    if not value or len(value) != 10:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return day if date_range.contains(day) else None


def query_date_error() -> str:
    """The message shown with the 400 for a malformed or out-of-range query date."""
    earliest, latest = QUERY.bounds()
    return str(_("Give a date between %(earliest)s and %(latest)s, written as YYYY-MM-DD.")) % {
        "earliest": earliest.isoformat(),
        "latest": latest.isoformat(),
    }


def storable_date_constraint(name: str, *fields: str, earliest: datetime.date = SCHEDULE_EARLIEST) -> Any:
    """A CheckConstraint keeping the given date or datetime columns (NULL allowed)
    between `earliest` and STORABLE_LATEST. Datetime columns are compared with UTC
    instants a day wider, so every local time of those days fits."""
    from django.db import models

    condition = models.Q()
    for field in fields:
        low: datetime.date = earliest
        high: datetime.date = STORABLE_LATEST
        if field.endswith("_at"):
            low = datetime.datetime.combine(earliest - datetime.timedelta(days=1), datetime.time.min, datetime.UTC)
            high = datetime.datetime.combine(
                STORABLE_LATEST + datetime.timedelta(days=1), datetime.time.min, datetime.UTC
            )
        condition &= models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return models.CheckConstraint(
        condition=condition,
        name=name,
        violation_error_message=_("A date is outside the range the portal accepts."),
    )
