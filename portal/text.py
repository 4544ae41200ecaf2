"""Japanese-aware text folding for search.

`fold` maps text to a canonical form: NFKC (full-width/half-width letters, digits
and katakana become one form), case-folded, katakana turned into hiragana, and runs of
white space collapsed. Stored search columns and queries are folded the same way, so a
substring match finds 福祉 in 福祉, ふくし in フクシ, and ｎｐｏ in NPO — including one- and
two-character queries, which trigram indexes cannot answer."""

from __future__ import annotations

import re
import unicodedata

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
