"""E-mails of the talent bank, queued when the transaction commits and sent by a
background task, each recipient in their own language: coordinators when a request
arrives, a helper when proposed, and both sides at an introduction (each with the
other's contact details)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import translation

from portal.mail import absolute_url, send_templated
from portal.models import SiteConfiguration

Recipients = list[list[str]]  # [[address, language], ...]


def _people(users: Any) -> dict[str, str]:
    return {u.email.lower(): (u.preferred_language or "ja") for u in users if u.email and u.is_active}


def coordinator_addresses() -> Recipients:
    """Every coordinator; the site's contact address when there is none."""
    from portal.models import StaffAssignment, StaffRole

    found = _people(a.user for a in StaffAssignment.objects.filter(role=StaffRole.COORDINATOR).select_related("user"))
    if not found:
        contact = SiteConfiguration.get_solo().contact_email
        if contact:
            found[contact.lower()] = "ja"
    return [[address, language] for address, language in sorted(found.items())]


def group_addresses(group: Any) -> Recipients:
    """The group's representative and editors, else its contact address."""
    from groups.models import EDITING_ROLES

    found = _people(m.user for m in group.memberships.filter(role__in=EDITING_ROLES).select_related("user"))
    if not found and group.contact_email:
        found[group.contact_email.lower()] = "ja"
    return [[address, language] for address, language in sorted(found.items())]


@task()
def send_talent_email(template: str, recipients: Recipients, request_id: int, candidacy_id: int | None = None) -> None:
    from groups.models import TalentCandidacy, TalentRequest

    request = TalentRequest.objects.select_related("group").get(pk=request_id)
    candidacy = TalentCandidacy.objects.select_related("profile__user").get(pk=candidacy_id) if candidacy_id else None
    context = {
        "site_config": SiteConfiguration.get_solo(),
        "request": request,
        "candidacy": candidacy,
        "profile": candidacy.profile if candidacy else None,
        "group": request.group,
        "url": absolute_url(reverse("talent:request", args=[request.pk])),
    }
    for address, language in recipients:
        with translation.override(language):
            send_templated(template, context, to=[address])


def _queue(template: str, recipients: Recipients, request_id: int, candidacy_id: int | None = None) -> None:
    if recipients:
        transaction.on_commit(
            lambda: send_talent_email.enqueue(
                template=template, recipients=recipients, request_id=request_id, candidacy_id=candidacy_id
            )
        )


def coordinators_new_request(*, request_id: int) -> None:
    _queue("groups/talent/email/new_request", coordinator_addresses(), request_id)


def helper_proposed(*, candidacy_id: int) -> None:
    from groups.models import TalentCandidacy

    candidacy = TalentCandidacy.objects.select_related("profile__user").get(pk=candidacy_id)
    _queue(
        "groups/talent/email/proposed",
        [[address, language] for address, language in _people([candidacy.profile.user]).items()],
        candidacy.request_id,
        candidacy_id,
    )


def introduction(*, candidacy_id: int) -> None:
    from groups.models import TalentCandidacy

    candidacy = TalentCandidacy.objects.select_related("profile__user", "request__group").get(pk=candidacy_id)
    helper = [[address, language] for address, language in _people([candidacy.profile.user]).items()]
    _queue("groups/talent/email/introduced_helper", helper, candidacy.request_id, candidacy_id)
    _queue(
        "groups/talent/email/introduced_group",
        group_addresses(candidacy.request.group),
        candidacy.request_id,
        candidacy_id,
    )
