"""E-mails about bookings and lotteries, sent by background tasks in the recipient's
language."""

from __future__ import annotations

from django.tasks import task
from django.urls import reverse
from django.utils import translation

from portal.mail import absolute_url, send_templated
from portal.models import SiteConfiguration


def _recipient(booking: object) -> tuple[str, str] | None:
    """(address, language) of whoever should hear about a booking."""
    user = booking.user  # type: ignore[attr-defined]
    if user is not None and user.is_active and user.email:
        return user.email, user.preferred_language
    group = booking.group  # type: ignore[attr-defined]
    if group is not None and group.contact_email:
        return group.contact_email, "ja"
    department = booking.department  # type: ignore[attr-defined]
    if department is not None and department.email:
        return department.email, "ja"
    return None


@task()
def send_booking_email(booking_id: int, event: str) -> None:
    from facilities.models import Booking

    booking = Booking.objects.select_related("resource__facility", "user", "group", "department").get(pk=booking_id)
    recipient = _recipient(booking)
    if recipient is None:
        return
    address, language = recipient
    with translation.override(language):
        context = {
            "booking": booking,
            "event": event,
            "site_config": SiteConfiguration.get_solo(),
            "url": absolute_url(reverse("facilities:booking", args=[booking.pk])),
        }
        send_templated("facilities/email/booking", context, to=[address])


@task()
def send_lottery_result_email(round_id: int, user_id: int) -> None:
    from facilities.models import LotteryEntry, LotteryRound
    from portal.models import User

    round_ = LotteryRound.objects.select_related("facility").get(pk=round_id)
    user = User.objects.get(pk=user_id)
    if not user.is_active or not user.email:
        return
    entries = list(
        LotteryEntry.objects.filter(round=round_, user=user)
        .exclude(status="withdrawn")
        .select_related("resource", "division", "group")
        .order_by("starts_at", "pk")
    )
    with translation.override(user.preferred_language):
        context = {
            "round": round_,
            "entries": entries,
            "site_config": SiteConfiguration.get_solo(),
            "url": absolute_url(reverse("facilities:my-bookings")),
        }
        send_templated("facilities/email/lottery", context, to=[user.email])


@task()
def send_pending_booking_email(booking_id: int) -> None:
    """Tell the facility (its address and its staff) that a booking awaits approval."""
    from facilities.models import Booking

    booking = Booking.objects.select_related("resource__facility", "group", "user", "department").get(pk=booking_id)
    facility = booking.resource.facility
    recipients = {facility.email} if facility.email else set()
    recipients |= set(
        facility.staff.filter(user__is_active=True).exclude(user__email="").values_list("user__email", flat=True)
    )
    if not recipients:
        return
    with translation.override("ja"):
        context = {
            "booking": booking,
            "site_config": SiteConfiguration.get_solo(),
            "url": absolute_url(reverse("facilities:staff-booking", args=[booking.pk])),
        }
        send_templated("facilities/email/pending_staff", context, to=recipients)


def notify_facility_of_pending(*, booking_id: int) -> None:
    send_pending_booking_email.enqueue(booking_id=booking_id)


def notify_booking(*, booking_id: int, event: str) -> None:
    send_booking_email.enqueue(booking_id=booking_id, event=event)


def notify_lottery_result(*, round_id: int, user_id: int) -> None:
    send_lottery_result_email.enqueue(round_id=round_id, user_id=user_id)
