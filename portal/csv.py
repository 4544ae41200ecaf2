"""The portal's one CSV writer: every CSV the portal serves goes through it.

What Excel needs to open a Japanese CSV correctly and safely: UTF-8 with a byte-order
mark, CRLF line ends, and every cell neutralised against formula injection (a cell that
starts with ``= + - @``, a tab or a carriage return is prefixed with ``'``, so a
spreadsheet shows it as text instead of running it: OWASP's "CSV injection").
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

from portal.downloads import content_disposition

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell value that a spreadsheet will not evaluate as a formula. Numbers stay
    numbers (a negative number is data, not a formula); text starting with a formula
    character gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CsvWriter:
    """Writes neutralised rows with CRLF line ends into `stream` (anything with .write)."""

    def __init__(self, stream: Any) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_response(filename: str, *, public: bool = False) -> tuple[HttpResponse, CsvWriter]:
    """An attachment response that starts with the BOM, and the writer to fill it.
    `public` adds CORS for open data."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename, default="download.csv")
    if public:
        response["Access-Control-Allow-Origin"] = "*"
    response.write(BOM)
    return response, CsvWriter(response)
