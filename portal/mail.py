"""The portal's one way to send e-mail.

- Header values (subject, sender name, reply-to, recipients) are cleaned of line
  breaks, NULs and other control characters: a line break in a group's or a sender's
  name would otherwise make Django refuse the message (header injection guard) and the
  background task fail after the user was told it was sent.
- A message that cannot be sent is logged and recorded as a `portal.MailFailure`, which
  city staff see under 「送信できなかったメール」 in the staff area.
- Links in e-mails are built from one setting, PORTAL_BASE_URL (`absolute_url`), for
  the portal's own e-mails (sent from background tasks, without a request) and for
  django-allauth's (portal/adapters.py) alike. `check --deploy` requires it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from email.utils import formataddr
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string

logger = logging.getLogger("portal.mail")

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_SPACES = re.compile(r"\s{2,}")


def clean_header(value: Any) -> str:
    """One line of text, safe in an e-mail header: control characters (CR, LF, NUL,
    tab ...) become a space and runs of spaces collapse."""
    text = _CONTROL.sub(" ", str(value))
    return _SPACES.sub(" ", text).strip()


def absolute_url(path: str) -> str:
    """`path` ("/groups/1/manage/") on the portal's public address, PORTAL_BASE_URL."""
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


def rebase_url(url: str) -> str:
    """An absolute URL built from a request's host, moved onto PORTAL_BASE_URL."""
    bits = urlsplit(url)
    path = bits.path + (f"?{bits.query}" if bits.query else "") + (f"#{bits.fragment}" if bits.fragment else "")
    return absolute_url(path)


def render_mail(template_prefix: str, context: dict[str, Any]) -> tuple[str, str]:
    """(subject, body) from `<prefix>_subject.txt` and `<prefix>_body.txt` in the active
    language."""
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    body = render_to_string(f"{template_prefix}_body.txt", context)
    return clean_header(subject), body


def deliver(message: EmailMessage, *, kind: str = "") -> bool:
    """Clean `message`'s headers and send it. A failure is logged and recorded for
    staff (portal.MailFailure), never raised: the caller has already done its work."""
    message.subject = clean_header(message.subject)
    message.to = _addresses(message.to)
    message.cc = _addresses(message.cc)
    message.bcc = _addresses(message.bcc)
    message.reply_to = _addresses(message.reply_to)
    if message.from_email:
        message.from_email = clean_header(message.from_email)
    if not message.recipients():
        return False
    try:
        message.send()
    except Exception as error:
        recipients = ", ".join(message.recipients())
        logger.exception("E-mail %r to %s could not be sent", message.subject, recipients)
        _record_failure(kind=kind, recipients=recipients, subject=message.subject, error=error)
        return False
    return True


def send_mail(
    *,
    subject: str,
    body: str,
    to: Iterable[str],
    reply_to: Sequence[str] = (),
    from_name: str = "",
    kind: str = "",
    html: str = "",
    headers: Mapping[str, str] | None = None,
) -> bool:
    """Send one e-mail from DEFAULT_FROM_EMAIL (with `from_name` shown as the sender, if
    given): plain text, with `html` as an alternative part if given, and extra `headers`
    (List-Unsubscribe…; their values cleaned like the others). Returns whether it was
    handed to the mail server."""
    from_email = settings.DEFAULT_FROM_EMAIL
    if from_name:
        from_email = formataddr((clean_header(from_name), from_email))
    extra = {clean_header(name): clean_header(value) for name, value in (headers or {}).items()}
    message = EmailMultiAlternatives(subject, body, from_email, list(to), reply_to=list(reply_to), headers=extra)
    if html:
        message.attach_alternative(html, "text/html")
    return deliver(message, kind=kind)


def send_templated(
    template_prefix: str, context: dict[str, Any], *, to: Iterable[str], reply_to: Sequence[str] = ()
) -> bool:
    """Render `<prefix>_subject.txt` / `_body.txt` in the active language and send."""
    subject, body = render_mail(template_prefix, context)
    return send_mail(subject=subject, body=body, to=to, reply_to=reply_to, kind=template_prefix)


def _addresses(values: Iterable[str] | None) -> list[str]:
    cleaned = (clean_header(value) for value in (values or ()))
    return sorted({value for value in cleaned if value}, key=str.lower)


def _record_failure(*, kind: str, recipients: str, subject: str, error: Exception) -> None:
    from portal.models import MailFailure

    try:
        MailFailure.objects.create(
            kind=kind[:120], recipients=recipients, subject=subject[:300], error=f"{type(error).__name__}: {error}"
        )
    except Exception:  # the database is down too: the log line above is all there is
        logger.exception("Could not record the e-mail failure")
