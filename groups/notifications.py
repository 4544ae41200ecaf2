"""E-mails about groups, sent by background tasks in the recipient's language."""

from __future__ import annotations

from django.tasks import task
from django.urls import reverse
from django.utils import translation

from portal.mail import absolute_url, send_templated
from portal.models import SiteConfiguration


@task()
def send_group_decision_email(group_id: int, event: str) -> None:
    from groups.models import CommunityGroup

    group = CommunityGroup.objects.select_related("applicant").get(pk=group_id)
    recipient = group.applicant
    address = recipient.email if recipient and recipient.is_active else group.contact_email
    language = recipient.preferred_language if recipient else "ja"
    with translation.override(language):
        context = {
            "group": group,
            "event": event,
            "site_config": SiteConfiguration.get_solo(),
            "url": absolute_url(reverse("groups:manage", args=[group.slug])),
        }
        send_templated("groups/email/decision", context, to=[address])


@task()
def send_staff_application_email(group_id: int) -> None:
    from groups.models import CommunityGroup
    from portal.models import Department

    group = CommunityGroup.objects.get(pk=group_id)
    config = SiteConfiguration.get_solo()
    recipients = [
        config.contact_email,
        *Department.objects.filter(code="kyodo").exclude(email="").values_list("email", flat=True),
    ]
    with translation.override("ja"):
        context = {"group": group, "url": absolute_url(reverse("groups:review", args=[group.slug]))}
        send_templated("groups/email/staff_application", context, to=recipients)


@task()
def send_invitation_email(invitation_id: int) -> None:
    from groups.models import MembershipInvitation
    from portal.models import User

    invitation = MembershipInvitation.objects.select_related("group", "invited_by").get(pk=invitation_id)
    known = User.objects.filter(email__iexact=invitation.email).only("preferred_language").first()
    language = known.preferred_language if known else "ja"
    with translation.override(language):
        context = {
            "invitation": invitation,
            "site_config": SiteConfiguration.get_solo(),
            "url": absolute_url(reverse("groups:invitation", args=[invitation.token])),
        }
        send_templated("groups/email/invitation", context, to=[invitation.email])


@task()
def send_registration_promoted_email(registration_id: int) -> None:
    from groups.models import EventRegistration

    registration = EventRegistration.objects.select_related("event", "user").get(pk=registration_id)
    user = registration.user
    with translation.override(user.preferred_language or "ja"):
        context = {
            "event": registration.event,
            "site_config": SiteConfiguration.get_solo(),
            "url": absolute_url(registration.event.get_absolute_url()),
        }
        send_templated("groups/email/promoted", context, to=[user.email])


@task()
def send_event_cancelled_email(event_id: int, user_ids: list[int]) -> None:
    from groups.models import Event
    from portal.models import User

    event = Event.objects.get(pk=event_id)
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        with translation.override(user.preferred_language or "ja"):
            context = {"event": event, "site_config": SiteConfiguration.get_solo()}
            send_templated("groups/email/event_cancelled", context, to=[user.email])


def notify_registration_promoted(*, registration_id: int) -> None:
    send_registration_promoted_email.enqueue(registration_id=registration_id)


def notify_event_cancelled(*, event_id: int, user_ids: list[int]) -> None:
    send_event_cancelled_email.enqueue(event_id=event_id, user_ids=user_ids)


@task()
def send_volunteer_application_email(application_id: int) -> None:
    from groups.models import VolunteerApplication

    application = VolunteerApplication.objects.select_related("opening__group", "user").get(pk=application_id)
    opening = application.opening
    with translation.override("ja"):
        context = {
            "application": application,
            "opening": opening,
            "site_config": SiteConfiguration.get_solo(),
            "url": absolute_url(reverse("groups:opening-applications", args=[opening.pk])),
        }
        send_templated("groups/email/volunteer_application", context, to=[opening.group.contact_email])


@task()
def send_volunteer_decision_email(application_id: int) -> None:
    from groups.models import VolunteerApplication

    application = VolunteerApplication.objects.select_related("opening__group", "user").get(pk=application_id)
    with translation.override(application.user.preferred_language or "ja"):
        context = {
            "application": application,
            "opening": application.opening,
            "site_config": SiteConfiguration.get_solo(),
            "url": absolute_url(application.opening.get_absolute_url()),
        }
        send_templated("groups/email/volunteer_decision", context, to=[application.user.email])


@task()
def send_contact_message(group_id: int, name: str, email: str, message: str) -> None:
    from groups.models import CommunityGroup

    group = CommunityGroup.objects.get(pk=group_id)
    with translation.override("ja"):
        context = {
            "group": group,
            "name": name,
            "email": email,
            "message": message,
            "site_config": SiteConfiguration.get_solo(),
        }
        send_templated("groups/email/contact", context, to=[group.contact_email], reply_to=[email])


def notify_volunteer_application(*, application_id: int) -> None:
    send_volunteer_application_email.enqueue(application_id=application_id)


def notify_volunteer_decision(*, application_id: int) -> None:
    send_volunteer_decision_email.enqueue(application_id=application_id)


def notify_invitation(*, invitation_id: int) -> None:
    send_invitation_email.enqueue(invitation_id=invitation_id)


def notify_group_decision(*, group_id: int, event: str) -> None:
    send_group_decision_email.enqueue(group_id=group_id, event=event)


def notify_staff_of_application(*, group_id: int) -> None:
    send_staff_application_email.enqueue(group_id=group_id)
