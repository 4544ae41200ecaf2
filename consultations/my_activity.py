"""The consultations section of "my activity" (`/my/`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from portal import my_activity

LIMIT = 20


def items(user: Any) -> list[Any]:
    from consultations.selectors import my_consultations

    return list(my_consultations(user)[:LIMIT])


def register() -> None:
    my_activity.register(
        my_activity.Section(
            key="consultations.consultations",
            title=_("Consultations and questions"),
            order=80,
            template="consultations/includes/_my.html",
            items=items,
            empty_text=_("You have not booked a consultation or asked the desk a question."),
            more_url="consultations:mine",
        )
    )
