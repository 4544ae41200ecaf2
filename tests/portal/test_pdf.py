"""Official notices as PDF (portal.pdf): the text is Japanese, extractable, with the
和暦 date, and long paragraphs wrap inside the page."""

from __future__ import annotations

import datetime
import io
from urllib.parse import unquote

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from portal.models import SiteConfiguration
from portal.pdf import LABEL_WIDTH, MINCHO, TEXT_WIDTH, Notice, city_sender, pdf_response, render_notice

LONG = (
    "本事業は、地域の子どもから高齢者までが気軽に集い、世代を超えて交流できる居場所をつくることを目的とし、"
    "毎月第二土曜日に公民館で食事会と学習支援を行うとともに、地域の防災訓練にも参加して、"
    "住民同士の顔の見える関係を広げていくものです。"
)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _notice(**overrides: object) -> Notice:
    values: dict = {
        "title": "交付決定通知書",
        "number": "みどり市協第123号",
        "date": datetime.date(2026, 5, 1),
        "addressee": "みどり子ども食堂の会 代表 山田太郎 様",
        "sender": ["みどり市長 緑川花子"],
        "body": ["令和8年4月10日付けで申請のあった補助金について、次のとおり交付することに決定したので通知します。"],
        "rows": [("補助事業名", "地域食堂"), ("交付決定額", "金100,000円")],
        "closing": ["交付の条件は別紙のとおりです。"],
    }
    values.update(overrides)
    return Notice(**values)


def test_notice__japanese_text_is_extractable() -> None:
    data = render_notice(_notice())
    assert data.startswith(b"%PDF-")
    text = _text(data)
    for expected in (
        "交付決定通知書",
        "みどり市協第123号",
        "令和8年5月1日",
        "みどり子ども食堂の会 代表 山田太郎 様",
        "みどり市長 緑川花子",
        "補助事業名",
        "地域食堂",
        "金100,000円",
        "記",
        "以上",
    ):
        assert expected in text, expected


def test_notice__first_year_of_an_era_is_gannen() -> None:
    assert "令和元年5月1日" in _text(render_notice(_notice(date=datetime.date(2019, 5, 1))))


def test_notice__text_is_not_markup() -> None:
    text = _text(render_notice(_notice(addressee="A&B <b>会</b> 様", rows=[("備考", "1行目\n2行目 <br/>")])))
    assert "A&B <b>会</b> 様" in text
    assert "<br/>" in text
    assert "1行目\n2行目" in text


def test_notice__long_japanese_paragraph_wraps_inside_the_page() -> None:
    text = _text(render_notice(_notice(body=[LONG], rows=[("事業の内容", LONG)])))
    lines = [line.strip() for line in text.splitlines() if line.strip() and line.strip() in LONG]
    # Body (full width) and table cell (narrower): several lines each, nothing lost.
    assert len(lines) >= 5
    assert "".join(lines) == LONG * 2
    body_width = max(pdfmetrics.stringWidth(line, MINCHO, 10.5) for line in lines)
    assert body_width <= TEXT_WIDTH
    assert body_width > TEXT_WIDTH * 0.9  # the body fills the line before it breaks
    cell_lines = lines[-4:]
    assert all(pdfmetrics.stringWidth(line, MINCHO, 10.5) <= TEXT_WIDTH - LABEL_WIDTH for line in cell_lines)
    assert not any(line.startswith(("、", "。")) for line in lines)


def test_notice__many_rows_continue_on_a_second_page() -> None:
    data = render_notice(_notice(rows=[(f"項目{i}", f"内容{i}") for i in range(80)]))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 1
    assert "内容79" in _text(data)


@pytest.mark.django_db
def test_city_sender__mayor_from_site_configuration() -> None:
    config = SiteConfiguration.get_solo()
    assert city_sender() == [f"{config.city_name}長"]
    config.mayor_name = "緑川花子"
    config.save()
    SiteConfiguration.clear_cache()
    assert city_sender() == [f"{config.city_name}長 緑川花子"]
    assert f"{config.city_name}長 緑川花子" in _text(render_notice(_notice(sender=None)))


def test_pdf_response__a_safe_file_name() -> None:
    response = pdf_response('../交付決定通知書\r\n"x".pdf', _notice())
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == "交付決定通知書 -x-.pdf"
    assert response.content.startswith(b"%PDF-")
