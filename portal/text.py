"""Japanese-aware text folding for search.

`fold` maps text to a canonical form: NFKC (full-width/half-width letters, digits
and katakana become one form), case-folded, katakana turned into hiragana, and runs of
white space collapsed. Stored search columns and queries are folded the same way, so a
substring match finds 福祉 in 福祉, ふくし in フクシ, and ｎｐｏ in NPO — including one- and
two-character queries, which trigram indexes cannot answer.

`clean_text` is the services' check of free text they are handed (stripped, no NUL,
one line where asked, within its length), each refusal a field error with its code."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_KATAKANA_START, _KATAKANA_END = 0x30A1, 0x30F6
_TO_HIRAGANA = {code: code - 0x60 for code in range(_KATAKANA_START, _KATAKANA_END + 1)}
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_TO_HIRAGANA)
    return _SPACES.sub(" ", folded).strip()


def search_terms(query: str | None, *, limit: int = 8) -> list[str]:
    """The folded terms of a query (all must match), at most `limit` of them."""
    return [term for term in fold(query).split(" ") if term][:limit]


def clean_text(
    value: Any,
    *,
    field: str,
    limit: int,
    required: bool = False,
    single_line: bool = False,
    required_message: str | None = None,
) -> str:
    """`value` as stored text, or a ValidationError on `field` (codes "required", "null",
    "line_break", "max_length")."""
    text = str(value or "").strip()
    if required and not text:
        message = required_message or _("This field is required.")
        raise ValidationError({field: ValidationError(message, code="required")})
    if "\x00" in text:
        raise ValidationError(
            {field: ValidationError(_("The text contains characters that cannot be saved."), code="null")}
        )
    if single_line and ("\n" in text or "\r" in text):
        raise ValidationError({field: ValidationError(_("Write this on one line."), code="line_break")})
    if len(text) > limit:
        raise ValidationError(
            {field: ValidationError(_("Write at most %(limit)d characters.") % {"limit": limit}, code="max_length")}
        )
    return text
