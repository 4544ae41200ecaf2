"""The portal's one mail helper: clean headers, failures logged and shown to staff,
links from PORTAL_BASE_URL."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse

from portal.mail import clean_header, send_mail
from portal.models import MailFailure
from tests.factories.groups import apply_for_group, create_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.portal.test_accounts import SIGNUP
from tests.roles import with_totp

pytestmark = pytest.mark.django_db


def test_clean_header__one_line() -> None:
    assert clean_header("件名\r\nBcc: evil@example.jp\x00") == "件名 Bcc: evil@example.jp"
    assert clean_header("  a\t\tb  ") == "a b"


def test_contact__line_break_in_the_senders_name_still_delivers(client: Any) -> None:
    group = create_group(contact_email="group@example.jp")
    response = client.post(
        reverse("groups:contact", args=[group.slug]),
        {"name": "問合\r\nBcc: evil@example.jp", "email": "asker@example.jp", "message": "見学できますか？"},
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["group@example.jp"]
    assert "\n" not in message.subject
    assert "Bcc: evil@example.jp" in message.subject  # as text in the subject, not a header
    assert message.bcc == []
    assert message.message()["Bcc"] is None
    assert not MailFailure.objects.exists()


def test_group_name_with_line_break__staff_still_hear_of_it(django_capture_on_commit_callbacks: Any) -> None:
    reviewing_staff()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        apply_for_group(name="一行目\r\n二行目の会")
    assert len(mail.outbox) == 1
    assert "一行目 二行目の会" in mail.outbox[0].subject


def test_failed_send__logged_and_recorded(monkeypatch: Any, caplog: Any) -> None:
    def refuse(self: EmailMessage, fail_silently: bool = False) -> int:
        raise smtplib.SMTPRecipientsRefused({"x@example.jp": (550, b"no such user")})

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with caplog.at_level(logging.ERROR, logger="portal.mail"):
        sent = send_mail(subject="件名", body="本文", to=["x@example.jp"], kind="test")
    assert sent is False
    failure = MailFailure.objects.get()
    assert (failure.recipients, failure.subject, failure.kind) == ("x@example.jp", "件名", "test")
    assert "SMTPRecipientsRefused" in failure.error
    assert "x@example.jp" in caplog.text


def test_failed_task_mail__visible_to_city_staff(
    client: Any, monkeypatch: Any, role_users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    def refuse(self: EmailMessage, fail_silently: bool = False) -> int:
        raise OSError("Connection refused")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    staff = reviewing_staff()
    with django_capture_on_commit_callbacks(execute=True):
        apply_for_group(name="みどりの会")
    assert MailFailure.objects.filter(kind="groups/email/staff_application").exists()
    url = reverse("portal:staff-mail-failures")
    client.force_login(with_totp(staff))
    page = client.get(url)
    assert page.status_code == 200
    assert "みどりの会" in page.content.decode()
    assert "Connection refused" in page.content.decode()
    client.force_login(role_users["citizen"])
    assert client.get(url).status_code in (403, 404)


def test_links__from_portal_base_url_not_the_request_host(
    client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Both the portal's e-mails and allauth's build links on PORTAL_BASE_URL."""
    settings.PORTAL_BASE_URL = "https://portal.example.jp"
    client.post(reverse("account_signup"), SIGNUP, HTTP_HOST="attacker.example")
    body = mail.outbox[-1].body
    assert "https://portal.example.jp/accounts/confirm-email/" in body
    assert "attacker.example" not in body
    mail.outbox.clear()
    group = apply_for_group(applicant=UserFactory())
    from groups.services import group_approve

    with django_capture_on_commit_callbacks(execute=True):
        group = group_approve(group=group, actor=reviewing_staff())
    assert mail.outbox
    assert any(f"https://portal.example.jp/groups/{group.slug}/manage/" in m.body for m in mail.outbox)
