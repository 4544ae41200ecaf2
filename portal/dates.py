"""Japanese calendar helpers: fiscal year (年度), public holidays and 和暦.

Written once here for every app (subsidies, KPIs, opening hours, booking rules)."""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays
from django.utils.translation import get_language

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
