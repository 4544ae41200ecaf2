"""E-mails after the decision (grants area): the published result, the grant, payments,
changes, the report and the final amount. Sent by background tasks to the group's
representative and editors (each in their language) and its contact address."""

from __future__ import annotations

from collections.abc import Iterable

from django.tasks import task
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from portal.mail import absolute_url, send_templated
from portal.models import SiteConfiguration


def recipients(group: object) -> list[tuple[str, str]]:
    """(address, language) of the group's representative and editors, and of its contact
    address (in Japanese) when none of them has it."""
    from groups.models import EDITING_ROLES, Membership

    found: dict[str, str] = {}
    memberships = Membership.objects.filter(group=group, role__in=EDITING_ROLES, user__is_active=True).select_related(
        "user"
    )
    for membership in memberships:
        if membership.user.email:
            found.setdefault(membership.user.email.lower(), membership.user.preferred_language or "ja")
    contact = getattr(group, "contact_email", "")
    if contact and contact.lower() not in found:
        found[contact.lower()] = "ja"
    return sorted(found.items())


def application_url(application_id: int) -> str:
    """The applicant's page of the application (built by the applications area), or ""
    when that page does not exist."""
    try:
        return absolute_url(reverse("subsidies:application", args=[application_id]))
    except NoReverseMatch:
        return ""


def _send(template: str, application_id: int, **extra: object) -> None:
    from subsidies.models import Application

    application = Application.objects.select_related("programme", "category", "group").get(pk=application_id)
    for address, language in recipients(application.group):
        with translation.override(language):
            context = {
                "application": application,
                "site_config": SiteConfiguration.get_solo(),
                "url": application_url(application.pk),
                **extra,
            }
            send_templated(template, context, to=[address])


@task()
def send_decision_email(application_id: int) -> None:
    _send("subsidies/email/grants_decision", application_id)


@task()
def send_application_email(application_id: int, event: str) -> None:
    extra: dict[str, object] = {"event": event}
    if event == "granted":
        extra["pdf_url"] = absolute_url(reverse("subsidies:grant-pdf", args=[application_id]))
    elif event == "confirmed":
        extra["pdf_url"] = absolute_url(reverse("subsidies:confirmation-pdf", args=[application_id]))
    _send("subsidies/email/grants_event", application_id, **extra)


def notify_decisions(*, application_ids: Iterable[int]) -> None:
    for application_id in application_ids:
        send_decision_email.enqueue(application_id=application_id)


def notify_application(*, application_id: int, event: str) -> None:
    send_application_email.enqueue(application_id=application_id, event=event)
