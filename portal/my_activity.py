"""The sections of "my activity" (`/my/`): each app registers what a signed-in person
has with it (sign-ups, applications, bookings, requests…), each item with its state
and next step. portal renders them; it never imports the apps.

    my_activity.register(my_activity.Section(
        key="groups.signups", title=_("Event sign-ups"), order=10,
        template="groups/includes/_my_signups.html",
        items=lambda user: list(Registration.objects.for_my_activity(user)[:50]),
    ))

`items(user)` must use a fixed number of queries, whatever the person has, and return
at most a bounded number of rows (the section links to its full list when it has one).
The template gets `section`, `items` and `user`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise | str
    template: str
    items: Callable[[Any], list[Any]]
    order: int = 100
    empty_text: Promise | str = ""
    more_url: str = ""  # a URL name of the full list, if there is one


_SECTIONS: dict[str, Section] = {}


def register(*sections: Section) -> None:
    for section in sections:
        _SECTIONS.setdefault(section.key, section)


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))


@dataclass(frozen=True)
class Row:
    """An item with its next step: `action_url_name` (a URL name taking `obj.pk`, or
    the slug for a group) is the page to take it on, empty when there is none for this
    person; `due` is the date it is due by, if any."""

    obj: Any
    next_step: Promise | str
    action_url_name: str = ""
    due: Any = None


@dataclass(frozen=True)
class Block:
    section: Section
    items: list[Any]


def blocks(user: Any) -> list[Block]:
    """The person's items in every registered section, in order."""
    return [Block(section=section, items=section.items(user)) for section in sections()]
