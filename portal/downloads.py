"""File downloads: a file name that is safe in a response header, whatever the text
it is made from (titles with line breaks, quotes, slashes or Japanese)."""

from __future__ import annotations

import re
import unicodedata

from django.utils.http import content_disposition_header

_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')
_SPACES = re.compile(r"\s+")
MAX_FILENAME_LENGTH = 100


def safe_filename(name: str, *, default: str = "download") -> str:
    """`name` as one line without control characters, quotes or path separators,
    shortened to a sensible length (the extension kept); `default` when nothing is left."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", name or ""))
    text = "".join(char for char in text if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp"))
    text = _SPACES.sub(" ", _UNSAFE.sub("-", text)).strip(" .-")
    if not text:
        return default
    stem, dot, extension = text.rpartition(".")
    if not dot or not stem or len(extension) > 10:
        return text[:MAX_FILENAME_LENGTH]
    return f"{stem[: MAX_FILENAME_LENGTH - len(extension) - 1]}.{extension}"


def content_disposition(filename: str, *, inline: bool = False, default: str = "download") -> str:
    """The Content-Disposition header value for a download called `filename`
    (non-ASCII names are sent as RFC 6266 `filename*`)."""
    return content_disposition_header(not inline, safe_filename(filename, default=default)) or ""
