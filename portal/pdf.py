"""Official notices (使用許可書, 交付決定通知書, 額の確定通知書, 協定書…) as PDF: one
small document model, `Notice`, and one renderer, `render_notice`, for every app.

The library is ReportLab (BSD, maintained since 2000, pure Python wheels on PyPI).
It renders Japanese with the standard Adobe-Japan1 CID fonts (HeiseiMin-W3 明朝 for
text, HeiseiKakuGo-W5 ゴシック for headings) that it carries itself, so a fresh machine
needs no system fonts, no font download and no native library (WeasyPrint needs
Pango; fpdf2 would need a Japanese TrueType font, and no maintained PyPI package
carries one: the PyPI font packages found were a Traditional-Chinese Noto build and
matplotlib add-ons). The fonts are referenced, not embedded: every PDF viewer in
Japan ships them (Acrobat, browsers, macOS, Windows substitute 明朝/ゴシック). The text
is written with the UniJIS-UCS2-H encoding, which is Unicode itself, so it can be
searched, copied and extracted (the tests read it back with pypdf).

Japanese is wrapped per character with ReportLab's CJK line breaking (kinsoku: no
line starts with 、。）」 and none ends with （「); table cells wrap the same way.
Official notices are issued in Japanese whatever the reader's language, so the
fixed words on them (御中, 様, 記, 以上) are Japanese, not gettext strings.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.http import HttpResponse
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from portal.dates import wareki
from portal.downloads import content_disposition

MINCHO = "HeiseiMin-W3"
GOTHIC = "HeiseiKakuGo-W5"
PAGE_SIZE = A4
MARGIN = 25 * mm
TEXT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN
LABEL_WIDTH = 40 * mm

for _font in (MINCHO, GOTHIC):
    if _font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_font))


@dataclasses.dataclass(frozen=True)
class Notice:
    """One official notice. `addressee` is the full name line (e.g. "みどり市民活動の会
    代表 山田太郎 様"); `sender` lines are right-aligned under the date (default: the city
    and its mayor from `SiteConfiguration`); `rows` are the label/value lines under 記."""

    title: str
    number: str
    date: datetime.date
    addressee: str
    body: Sequence[str] = ()
    rows: Sequence[tuple[str, str]] = ()
    closing: Sequence[str] = ()
    sender: Sequence[str] | None = None
    author: str = ""


def city_sender() -> list[str]:
    """The sender lines of a notice from the city: "みどり市長 山田花子" when the mayor's
    name is configured, else "みどり市長" (SiteConfiguration.city_name / mayor_name)."""
    from portal.models import SiteConfiguration

    config = SiteConfiguration.get_solo()
    return [f"{config.city_name}長 {config.mayor_name}".strip()]


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("notice", fontName=MINCHO, fontSize=10.5, leading=18, wordWrap="CJK")
    return {
        "body": ParagraphStyle("body", parent=base, firstLineIndent=10.5),
        "plain": base,
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontName=GOTHIC, fontSize=16, leading=24, alignment=TA_CENTER),
        "addressee": ParagraphStyle("addressee", parent=base, fontSize=12, leading=20),
    }


def _text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (no markup: <, & are shown as typed; line breaks kept)."""
    lines = [escape(line) for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return Paragraph("<br/>".join(lines), style)


def render_notice(notice: Notice) -> bytes:
    """The notice as the bytes of an A4 PDF."""
    styles = _styles()
    sender = list(notice.sender) if notice.sender is not None else city_sender()
    story: list = [
        _text(notice.number, styles["right"]),
        _text(wareki(notice.date), styles["right"]),
        Spacer(1, 6 * mm),
        _text(notice.addressee, styles["addressee"]),
        Spacer(1, 4 * mm),
        *(_text(line, styles["right"]) for line in sender),
        Spacer(1, 10 * mm),
        _text(notice.title, styles["title"]),
        Spacer(1, 6 * mm),
        *(_text(paragraph, styles["body"]) for paragraph in notice.body),
    ]
    if notice.rows:
        table = Table(
            [[_text(label, styles["plain"]), _text(value, styles["plain"])] for label, value in notice.rows],
            colWidths=[LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH],
            repeatRows=0,
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [Spacer(1, 4 * mm), _text("記", styles["center"]), Spacer(1, 4 * mm), table]
    story += [Spacer(1, 4 * mm), *(_text(line, styles["plain"]) for line in notice.closing)]
    story += [Spacer(1, 4 * mm), _text("以上", styles["right"])]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{notice.title} {notice.number}",
        author=notice.author or " ".join(sender),
        lang="ja",
    )
    document.build(story)
    return buffer.getvalue()


def pdf_response(filename: str, notice: Notice, *, inline: bool = False) -> HttpResponse:
    """A download of the rendered notice, named `filename` (made safe for the header)."""
    response = HttpResponse(render_notice(notice), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline, default="notice.pdf")
    return response
