"""Addresses of many objects of one kind, for long lists: `reverse()` once, then the
primary key put in (a `{% url %}` or `get_absolute_url()` per row costs more than the
row itself on a list of a thousand)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

_PLACEHOLDER = 987654321


def url_maker(viewname: str, *args: object) -> Callable[[object], str]:
    """`make = url_maker("groups:event-detail")`; `make(pk)` == reverse(..., args=[pk]).
    The primary key must be the pattern's last argument (an int or a slug)."""
    pattern = reverse(viewname, args=[*args, _PLACEHOLDER])
    head, _, tail = pattern.rpartition(str(_PLACEHOLDER))
    return lambda pk: f"{head}{pk}{tail}"
