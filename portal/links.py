"""Addresses of many objects of one kind, for long lists: `reverse()` once, then the
primary key put in (a `{% url %}` or `get_absolute_url()` per row costs more than the
row itself on a list of a thousand)."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from django.urls import reverse
from django.utils.safestring import SafeString

_PLACEHOLDER = 987654321


def url_maker(viewname: str, *args: object) -> Callable[[object], str]:
    """`make = url_maker("groups:event-detail")`; `make(pk)` == reverse(..., args=[pk]).
    The primary key must be the pattern's last argument (an int or a slug)."""
    pattern = reverse(viewname, args=[*args, _PLACEHOLDER])
    head, _, tail = pattern.rpartition(str(_PLACEHOLDER))
    return lambda pk: f"{head}{pk}{tail}"


def link_items(links: Iterable[tuple[str, str]]) -> SafeString:
    """`<li><a href="…">…</a></li>` for each (address, text), both escaped as the
    template engine escapes them: a list of a thousand links in a millisecond or two,
    where a `{% for %}` loop takes ten times as long."""
    return SafeString(
        "".join([f'<li><a href="{html.escape(str(url))}">{html.escape(str(text))}</a></li>' for url, text in links])
    )
