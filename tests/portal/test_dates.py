from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from portal import dates

D = datetime.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2026, 3, 31), 2025), (D(2026, 4, 1), 2026), (D(2026, 12, 31), 2026), (D(2027, 1, 1), 2026)],
)
def test_fiscal_year__boundaries(day: datetime.date, expected: int) -> None:
    assert dates.fiscal_year(day) == expected


def test_fiscal_year_range__april_to_march() -> None:
    assert dates.fiscal_year_range(2026) == (D(2026, 4, 1), D(2027, 3, 31))
    assert dates.fiscal_year_end(2027) == D(2028, 3, 31)


def test_public_holidays__fixed_substitute_and_citizens_holiday() -> None:
    assert dates.holiday_name(D(2026, 1, 1)) == "元日"
    # 2026-05-03 (憲法記念日) is a Sunday, so 5/6 is a substitute holiday.
    assert dates.is_public_holiday(D(2026, 5, 6))
    # Between 敬老の日 (9/21) and 秋分の日 (9/23) lies a citizens' holiday.
    assert dates.is_public_holiday(D(2026, 9, 22))
    assert not dates.is_public_holiday(D(2026, 11, 24))
    assert dates.is_public_holiday(D(2026, 11, 23))


def test_public_holidays__range_sorted() -> None:
    found = dates.public_holidays(D(2026, 12, 25), D(2027, 1, 15))
    assert list(found) == [D(2027, 1, 1), D(2027, 1, 11)]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 11, 21), "令和8年11月21日"),
        (D(2019, 5, 1), "令和元年5月1日"),
        (D(2019, 4, 30), "平成31年4月30日"),
        (D(1989, 1, 8), "平成元年1月8日"),
        (D(1989, 1, 7), "昭和64年1月7日"),
    ],
)
def test_wareki__era_boundaries(day: datetime.date, expected: str) -> None:
    assert dates.wareki(day) == expected


def test_wareki__before_meiji_is_refused() -> None:
    with pytest.raises(ValueError, match="1873"):
        dates.wareki(D(1800, 1, 1))


def test_fiscal_year_label__era_of_first_april() -> None:
    assert dates.fiscal_year_label(2026) == "令和8年度"
    assert dates.fiscal_year_label(2019) == "平成31年度"
    assert dates.fiscal_year_label(2020) == "令和2年度"


def test_wareki_filter__japanese_and_english() -> None:
    template = Template("{% load portal_tags %}{{ day|wareki }}|{{ 2026|fiscal_year_label }}")
    assert template.render(Context({"day": D(2026, 11, 21)})) == "令和8年11月21日|令和8年度"
    with translation.override("en"):
        assert template.render(Context({"day": D(2026, 11, 21)})).startswith("2026-11-21 (Reiwa 8)")
    assert Template("{% load portal_tags %}{{ day|wareki }}").render(Context({"day": None})) == ""


def test_richtext__escapes_and_structures() -> None:
    template = Template("{% load portal_tags %}{{ text|richtext }}")
    html = template.render(Context({"text": "## 見出し\n\n<script>x</script>\n\n- 一\n- 二"}))
    assert "<h2>見出し</h2>" in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    assert "<ul><li>一</li><li>二</li></ul>" in html
