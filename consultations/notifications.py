"""E-mails of the consultation desk, to the asker in their language, sent by a
background task once the transaction commits (`portal.mail`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.tasks import task
from django.utils import translation

from portal.mail import absolute_url, send_templated
from portal.models import SiteConfiguration


@task()
def send_consultation_email(template: str, consultation_id: int) -> None:
    from consultations.models import Consultation

    consultation = Consultation.objects.select_related("asker", "slot").filter(pk=consultation_id).first()
    if consultation is None or not consultation.asker.email or not consultation.asker.is_active:
        return
    context = {
        "site_config": SiteConfiguration.get_solo(),
        "consultation": consultation,
        "url": absolute_url(consultation.get_absolute_url()),
    }
    with translation.override(consultation.asker.preferred_language or "ja"):
        send_templated(template, context, to=[consultation.asker.email])


def notify_asker(template: str, consultation: Any) -> None:
    """Queue `template` (a prefix under templates/) to the asker after the commit."""
    consultation_id = consultation.pk
    transaction.on_commit(lambda: send_consultation_email.enqueue(template=template, consultation_id=consultation_id))
