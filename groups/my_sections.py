"""groups' sections of /my/ (portal.my_activity): event sign-ups and waiting-list
places, volunteer applications, and the person's groups with what needs doing.
Each `items` runs a fixed number of queries and returns at most MY_ITEMS rows."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import dates, my_activity
from portal.my_activity import Row

MY_ITEMS = 50


def signups(user: Any) -> list[Any]:
    """Active sign-ups and waiting-list places for events that have not ended."""
    from groups.models.events import ACTIVE_REGISTRATION, EventRegistration

    return list(
        EventRegistration.objects.filter(user=user, status__in=ACTIVE_REGISTRATION, event__ends_at__gte=timezone.now())
        .select_related("event")
        .order_by("event__starts_at", "pk")[:MY_ITEMS]
    )


def volunteer_applications(user: Any) -> list[Any]:
    """Applications not withdrawn, newest first."""
    from groups.models import ApplicationStatus, VolunteerApplication

    return list(
        VolunteerApplication.objects.filter(user=user)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("opening__group")
        .order_by("-created_at", "-pk")[:MY_ITEMS]
    )


def _group_next_step(membership: Any, today: datetime.date, renewal_open: bool) -> Row:
    from groups.models import GroupStatus, MembershipRole

    group = membership.group
    is_representative = membership.role == MembershipRole.REPRESENTATIVE
    if group.status == GroupStatus.RETURNED:
        if is_representative:
            return Row(membership, _("Correct the registration and send it again."), "groups:manage")
        return Row(membership, _("The city returned the registration; the representative corrects it."))
    if group.status == GroupStatus.PENDING:
        return Row(membership, _("Waiting for the city's review."))
    if group.status == GroupStatus.LAPSED:
        if is_representative:
            return Row(membership, _("The registration has lapsed: apply again to register."), "groups:manage")
        return Row(membership, _("The registration has lapsed."))
    if group.status == GroupStatus.REGISTERED:
        next_end = dates.fiscal_year_end(dates.fiscal_year(today) + 1)
        renewed = group.registered_until is not None and group.registered_until >= next_end
        if renewal_open and not renewed:
            if is_representative:
                return Row(membership, _("Renew the registration for next year."), "groups:renew")
            return Row(membership, _("Renewal is due: the representative renews the registration."))
        return Row(membership, _("Nothing to do."))
    return Row(membership, _("Nothing to do."))


def group_rows(user: Any) -> list[Row]:
    from groups.models import Membership
    from groups.services import renewal_window

    memberships = list(
        Membership.objects.filter(user=user).select_related("group").order_by("group__name_kana", "pk")[:MY_ITEMS]
    )
    if not memberships:
        return []
    today = timezone.localdate()
    renewal_open = renewal_window(today)
    return [_group_next_step(membership, today, renewal_open) for membership in memberships]


def register() -> None:
    my_activity.register(
        my_activity.Section(
            key="groups.signups",
            title=_("Event sign-ups"),
            order=10,
            template="groups/includes/_my_signups.html",
            items=signups,
            empty_text=_("You have not signed up for any coming event."),
            more_url="groups:event-list",
        ),
        my_activity.Section(
            key="groups.volunteering",
            title=_("Volunteer applications"),
            order=20,
            template="groups/includes/_my_volunteering.html",
            items=volunteer_applications,
            empty_text=_("You have no volunteer application."),
            more_url="groups:opening-list",
        ),
        my_activity.Section(
            key="groups.groups",
            title=_("My groups"),
            order=30,
            template="groups/includes/_my_groups.html",
            items=group_rows,
            empty_text=_("You are not a member of any registered group."),
            more_url="groups:mine",
        ),
    )
