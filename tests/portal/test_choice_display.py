"""`get_<field>_display()` on the project's models (portal.models.TimeStampedModel):
the label Django's own gives, in the active language, translating only that label."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils import translation

from subsidies.models import Application, ApplicationStatus, Channel


def test_get_display__same_as_djangos_in_both_languages_and_for_unknown_values() -> None:
    status, channel = Application._meta.get_field("status"), Application._meta.get_field("channel")
    for language in ("ja", "en"):
        with translation.override(language):
            for value in [*ApplicationStatus.values, "no-such-status"]:
                application = Application(status=value, channel=Channel.POST)
                assert application.get_status_display() == Model._get_FIELD_display(application, status)
                assert application.get_channel_display() == Model._get_FIELD_display(application, channel)
    with translation.override("en"):
        assert Application(status=ApplicationStatus.ACCEPTED).get_status_display() == str(
            ApplicationStatus.ACCEPTED.label
        )
        assert Application(status="no-such-status").get_status_display() == "no-such-status"


def test_get_display__translates_only_the_label_it_returns(monkeypatch: Any) -> None:
    """Django's own translates every choice's label (to hash it) on each call."""
    calls: list[Any] = []
    trans = translation._trans
    for name in ("gettext", "pgettext"):
        real = getattr(trans, name)
        monkeypatch.setattr(trans, name, lambda *args, real=real: (calls.append(args), real(*args))[1])
    application = Application(status=ApplicationStatus.ACCEPTED, channel=Channel.POST)
    application.get_status_display()
    application.get_channel_display()
    assert len(calls) == 2
    calls.clear()
    Model._get_FIELD_display(application, Application._meta.get_field("status"))
    assert len(calls) > len(ApplicationStatus.choices)  # what the override saves
