"""E-mails of the collaboration app, sent by a background task after the transaction
commits, each recipient in their language. Every area sends through `notify` with one of
the recipient lists below, so that who hears about what is decided once, here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from portal.mail import absolute_url, send_templated
from portal.models import SiteConfiguration

Recipient = tuple[str, str]  # (address, language)


def _users(users: Iterable[Any]) -> dict[str, str]:
    return {u.email.lower(): (u.preferred_language or "ja") for u in users if u.email and u.is_active}


def group_recipients(group_id: int) -> dict[str, str]:
    from groups.models import CommunityGroup
    from subsidies.grants_notifications import recipients

    group = CommunityGroup.objects.filter(pk=group_id).first()
    return dict(recipients(group)) if group else {}


def proposer_recipients(proposal: Any) -> list[Recipient]:
    """The proposing group's representative and editors (and contact address), or the
    business's account."""
    found = group_recipients(proposal.group_id) if proposal.group_id else _users([proposal.created_by])
    return sorted(found.items())


def department_recipients(department_id: int) -> list[Recipient]:
    """A department's 協働推進員, or, when it names none, its contact address."""
    from collaboration.models import Liaison
    from portal.models import Department

    found = _users(
        liaison.user for liaison in Liaison.objects.filter(department_id=department_id).select_related("user")
    )
    if not found:
        department = Department.objects.filter(pk=department_id).first()
        if department and department.email:
            found[department.email.lower()] = "ja"
    return sorted(found.items())


def window_recipients() -> list[Recipient]:
    """The 協働推進課 window: its contact address, else its city staff."""
    from portal.models import Department, StaffAssignment, StaffRole

    department = Department.objects.filter(code=settings.COLLABORATION_WINDOW_DEPARTMENT).first()
    if department is None:
        return []
    if department.email:
        return [(department.email.lower(), "ja")]
    staff = StaffAssignment.objects.filter(department=department, role=StaffRole.CITY_STAFF).select_related("user")
    return sorted(_users(a.user for a in staff).items())


def partner_recipients(project: Any) -> list[Recipient]:
    """Everyone who acts for a partner of the project (see collaboration.permissions)."""
    from portal.models import StaffAssignment, StaffRole

    found: dict[str, str] = {}
    for partner in project.partners.all():
        if partner.group_id:
            found.update(group_recipients(partner.group_id))
        elif partner.department_id:
            staff = StaffAssignment.objects.filter(
                department_id=partner.department_id, role=StaffRole.CITY_STAFF
            ).select_related("user")
            found.update(_users(a.user for a in staff))
        if partner.contact_id:
            found.update(_users([partner.contact]))
    return sorted(found.items())


def url_or_empty(name: str, *args: Any) -> str:
    try:
        return absolute_url(reverse(name, args=args))
    except NoReverseMatch:
        return ""


@task()
def send_collaboration_email(template: str, recipients: list[list[str]], context_ids: dict[str, Any]) -> None:
    """Render `template` for each (address, language) and send it. `context_ids` holds
    plain values (ids, texts, URLs) so that the task can be queued to a worker."""
    from collaboration import models as m

    context: dict[str, Any] = {"site_config": SiteConfiguration.get_solo(), **context_ids}
    for key, model in (
        ("proposal_id", m.Proposal),
        ("project_id", m.Project),
        ("call_id", m.Call),
        ("endorsement_id", m.EndorsementRequest),
        ("agreement_id", m.Agreement),
    ):
        if key in context_ids:
            context[key.removesuffix("_id")] = model.objects.filter(pk=context_ids[key]).first()
    for address, language in recipients:
        with translation.override(language):
            send_templated(template, context, to=[address])


def notify(template: str, recipients: Iterable[Recipient], **context: Any) -> None:
    """Queue `template` (a prefix under templates/, without _subject/_body) for the
    recipients once the current transaction commits."""
    found = [[address, language] for address, language in recipients]
    if not found:
        return
    transaction.on_commit(
        lambda: send_collaboration_email.enqueue(template=template, recipients=found, context_ids=context)
    )
