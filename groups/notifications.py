"""E-mails about groups, sent by background tasks in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.models import SiteConfiguration


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


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
            "url": _absolute(reverse("groups:manage", args=[group.slug])),
        }
        subject = render_to_string("groups/email/decision_subject.txt", context).strip()
        body = render_to_string("groups/email/decision_body.txt", context)
    send_mail(subject, body, None, [address])


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
        context = {"group": group, "url": _absolute(reverse("groups:review", args=[group.slug]))}
        subject = render_to_string("groups/email/staff_application_subject.txt", context).strip()
        body = render_to_string("groups/email/staff_application_body.txt", context)
    send_mail(subject, body, None, sorted(set(recipients)))


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
            "url": _absolute(reverse("groups:invitation", args=[invitation.token])),
        }
        subject = render_to_string("groups/email/invitation_subject.txt", context).strip()
        body = render_to_string("groups/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])


@task()
def send_registration_promoted_email(registration_id: int) -> None:
    from groups.models import EventRegistration

    registration = EventRegistration.objects.select_related("event", "user").get(pk=registration_id)
    user = registration.user
    with translation.override(user.preferred_language or "ja"):
        context = {
            "event": registration.event,
            "site_config": SiteConfiguration.get_solo(),
            "url": _absolute(registration.event.get_absolute_url()),
        }
        subject = render_to_string("groups/email/promoted_subject.txt", context).strip()
        body = render_to_string("groups/email/promoted_body.txt", context)
    send_mail(subject, body, None, [user.email])


@task()
def send_event_cancelled_email(event_id: int, user_ids: list[int]) -> None:
    from groups.models import Event
    from portal.models import User

    event = Event.objects.get(pk=event_id)
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        with translation.override(user.preferred_language or "ja"):
            context = {"event": event, "site_config": SiteConfiguration.get_solo()}
            subject = render_to_string("groups/email/event_cancelled_subject.txt", context).strip()
            body = render_to_string("groups/email/event_cancelled_body.txt", context)
        send_mail(subject, body, None, [user.email])


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
            "url": _absolute(reverse("groups:opening-applications", args=[opening.pk])),
        }
        subject = render_to_string("groups/email/volunteer_application_subject.txt", context).strip()
        body = render_to_string("groups/email/volunteer_application_body.txt", context)
    send_mail(subject, body, None, [opening.group.contact_email])


@task()
def send_volunteer_decision_email(application_id: int) -> None:
    from groups.models import VolunteerApplication

    application = VolunteerApplication.objects.select_related("opening__group", "user").get(pk=application_id)
    with translation.override(application.user.preferred_language or "ja"):
        context = {
            "application": application,
            "opening": application.opening,
            "site_config": SiteConfiguration.get_solo(),
            "url": _absolute(application.opening.get_absolute_url()),
        }
        subject = render_to_string("groups/email/volunteer_decision_subject.txt", context).strip()
        body = render_to_string("groups/email/volunteer_decision_body.txt", context)
    send_mail(subject, body, None, [application.user.email])


@task()
def send_contact_message(group_id: int, name: str, email: str, message: str) -> None:
    from django.core.mail import EmailMessage

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
        subject = render_to_string("groups/email/contact_subject.txt", context).strip()
        body = render_to_string("groups/email/contact_body.txt", context)
    EmailMessage(subject, body, None, [group.contact_email], reply_to=[email]).send()


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
