"""Topic e-mails (メールマガジン): subscriptions by double opt-in and the weekly digest.

What a digest holds comes from the apps, which register a `DigestSource` each from
their `AppConfig.ready` (portal never imports them):

    newsletter.register(newsletter.DigestSource(
        key="events", label=_("New events"), order=10,
        items=event_items, template="groups/includes/_digest_events.html",
    ))

`items(since, until, fields, areas, language)` returns the `DigestItem`s that appeared
in (since, until] — restricted to the activity fields and areas given, all of them when
None or empty — with titles in `language`. It must use a fixed number of queries. The
job asks each source once per batch of subscribers and language (fields and areas None)
and picks each subscriber's items with `DigestItem.matches`, so the number of queries
does not grow with the number of subscribers.

Subscribing: `subscription_request` stores a pending subscription for an address it has
never seen and sends a confirmation e-mail whose signed, expiring link carries the
choices; only `subscription_confirm` (from that link) turns them on, for a new address
and for one already subscribed alike, so the form never tells whether an address is on
the list.

The weekly job (`send_weekly_digests`, queued by `manage.py send_weekly_digest`) claims a
`DigestDelivery(subscription, week)` row (unique) before sending: run twice, or by two
workers at once, each subscriber gets at most one digest a week. A digest that cannot be
sent is recorded by portal.mail (MailFailure), its claim released and retried next run."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from portal.audit import audit_log
from portal.mail import absolute_url, send_mail
from portal.models import (
    ActivityField,
    Area,
    DigestDelivery,
    SiteConfiguration,
    Subscription,
    SubscriptionStatus,
    User,
)
from portal.text import clean_text
from portal.workflow import transition

CONFIRM_SALT = "portal.newsletter.confirm"
CONFIRM_MAX_AGE = datetime.timedelta(days=3)
CLAIM_TIMEOUT = datetime.timedelta(hours=1)  # a claim older than this was left by a run that died
BATCH_SIZE = 200
SECTION_LIMIT = 20  # items per topic in one digest; the rest behind the list's link
EMAIL_MAX_LENGTH = 254


# --- What a digest holds: the sources the apps register -------------------------------


@dataclass(frozen=True)
class DigestItem:
    title: str
    path: str
    published_at: datetime.datetime
    when: str = ""  # one short line: the date, the deadline, the call period
    summary: str = ""
    fields: frozenset[int] = frozenset()
    areas: frozenset[int] = frozenset()

    def matches(self, fields: Collection[int], areas: Collection[int]) -> bool:
        """Whether a subscriber of these fields and areas (none = all) wants this item; an
        item without fields (or areas) concerns everyone."""
        return (not fields or not self.fields or bool(self.fields & set(fields))) and (
            not areas or not self.areas or bool(self.areas & set(areas))
        )

    @property
    def url(self) -> str:
        return absolute_url(self.path)


ItemsFunction = Callable[
    [datetime.datetime, datetime.datetime, Collection[int] | None, Collection[int] | None, str], list[DigestItem]
]


@dataclass(frozen=True)
class DigestSource:
    key: str
    label: Promise | str
    items: ItemsFunction
    order: int = 100
    template: str = "portal/email/_digest_items.html"  # the fragment rendering `items`
    list_url: str = ""  # URL name of the public list, for "see all"


_SOURCES: dict[str, DigestSource] = {}


def register(*sources: DigestSource) -> None:
    for source in sources:
        _SOURCES.setdefault(source.key, source)


def sources() -> list[DigestSource]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.key))


def topic_choices() -> list[tuple[str, Promise | str]]:
    return [(source.key, source.label) for source in sources()]


# --- Subscribing ---------------------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    """What a subscriber wants: topics (source keys), fields and areas (ids; none =
    all) and the language of the e-mails."""

    topics: list[str]
    fields: list[int] = field(default_factory=list)
    areas: list[int] = field(default_factory=list)
    language: str = "ja"


def _clean_choices(
    *, topics: Iterable[str], fields: Iterable[Any], areas: Iterable[Any], language: str, strict: bool = True
) -> Choices:
    """The choices checked; `strict=False` (a confirmation link's choices) drops fields
    and areas withdrawn since instead of refusing them."""
    known = {source.key for source in sources()}
    chosen = [topic for topic in dict.fromkeys(str(t) for t in topics) if topic in known]
    if not chosen:
        raise ValidationError({"topics": ValidationError(_("Choose at least one topic."), code="required")})
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": ValidationError(_("Choose a language."), code="invalid")})

    def ids(values: Iterable[Any], model: type[models.Model], name: str) -> list[int]:
        wanted = {getattr(v, "pk", v) for v in values}
        found = sorted(model._default_manager.filter(pk__in=wanted, is_active=True).values_list("pk", flat=True))
        if strict and len(found) != len(wanted):
            raise ValidationError({name: ValidationError(_("Choose from the list."), code="invalid_choice")})
        return found

    return Choices(
        topics=[source.key for source in sources() if source.key in chosen],
        fields=ids(fields, ActivityField, "fields"),
        areas=ids(areas, Area, "areas"),
        language=language,
    )


def _clean_email(value: Any) -> str:
    email = clean_text(value, field="email", limit=EMAIL_MAX_LENGTH, required=True, single_line=True).lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": error.error_list}) from error
    return email


def confirmation_token(*, email: str, choices: Choices, user_id: int | None) -> str:
    payload = {
        "e": email,
        "t": choices.topics,
        "f": choices.fields,
        "a": choices.areas,
        "l": choices.language,
        "u": user_id,
        "at": timezone.now().isoformat(),
    }
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirmation_token(token: str) -> dict[str, Any]:
    """The choices a confirmation link carries; ValidationError if it was altered or is
    older than CONFIRM_MAX_AGE."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This confirmation link has expired. Please subscribe again."), code="expired"
        ) from error
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as error:
        raise ValidationError(_("This confirmation link is not valid."), code="bad_token") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("e"), str):
        raise ValidationError(_("This confirmation link is not valid."), code="bad_token")
    return payload


@transaction.atomic
def subscription_request(
    *,
    email: str,
    topics: Iterable[str],
    fields: Iterable[Any] = (),
    areas: Iterable[Any] = (),
    language: str,
    user: User | None = None,
) -> None:
    """Ask `email` to confirm these choices. An address never seen is stored pending;
    an existing subscription is left as it is until the link is followed. The caller
    answers the same either way."""
    email = _clean_email(email)
    choices = _clean_choices(topics=topics, fields=fields, areas=areas, language=language)
    user_id = user.pk if user is not None and user.is_authenticated and user.email.lower() == email else None
    subscription, created = Subscription.objects.get_or_create(
        email=email, defaults={"topics": choices.topics, "language": choices.language, "user_id": user_id}
    )
    if created:
        subscription.fields.set(choices.fields)
        subscription.areas.set(choices.areas)
        audit_log(actor=user, action="portal.subscription.requested", target=subscription)
    token = confirmation_token(email=email, choices=choices, user_id=user_id)
    transaction.on_commit(lambda: send_confirmation_email.enqueue(email=email, token=token, language=choices.language))


@transaction.atomic
def subscription_confirm(*, token: str, actor: User | None = None) -> Subscription:
    """Turn on the choices a confirmation link carries (a new address, or an existing
    subscription updated)."""
    payload = read_confirmation_token(token)
    email = _clean_email(payload["e"])
    choices = _clean_choices(
        topics=payload.get("t") or [],
        fields=[f for f in payload.get("f") or [] if isinstance(f, int)],
        areas=[a for a in payload.get("a") or [] if isinstance(a, int)],
        language=str(payload.get("l") or ""),
        strict=False,
    )
    subscription, _created = Subscription.objects.select_for_update().get_or_create(
        email=email, defaults={"topics": choices.topics, "language": choices.language}
    )
    asked_at = _parse_time(payload.get("at"))
    if subscription.unsubscribed_at and (asked_at is None or asked_at < subscription.unsubscribed_at):
        raise ValidationError(
            _("This confirmation link was sent before you unsubscribed. Please subscribe again."), code="expired"
        )
    now = timezone.now()
    subscription.topics = choices.topics
    subscription.language = choices.language
    user_id = payload.get("u")
    if isinstance(user_id, int) and subscription.user_id is None:
        subscription.user = User.objects.filter(pk=user_id, is_active=True).first()
    subscription.fields.set(choices.fields)
    subscription.areas.set(choices.areas)
    changed = ["topics", "language", "user"]
    if subscription.status == SubscriptionStatus.CONFIRMED:
        subscription.save(update_fields=[*changed, "updated_at"])
        audit_log(actor=actor, action="portal.subscription.updated", target=subscription)
        return subscription
    subscription.confirmed_at = now
    subscription.unsubscribed_at = None
    subscription.digest_since = now
    transition(
        subscription,
        SubscriptionStatus.CONFIRMED,
        actor=actor,
        update_fields=[*changed, "confirmed_at", "unsubscribed_at", "digest_since"],
    )
    return subscription


def _parse_time(value: Any) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@transaction.atomic
def subscription_update(
    *, subscription: Subscription, topics: Iterable[str], fields: Iterable[Any], areas: Iterable[Any], language: str
) -> Subscription:
    """Change what a subscriber gets (from the manage page, reached by its token link)."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status == SubscriptionStatus.UNSUBSCRIBED:
        raise ValidationError(_("This address is unsubscribed. Please subscribe again."), code="unsubscribed")
    choices = _clean_choices(topics=topics, fields=fields, areas=areas, language=language)
    subscription.topics = choices.topics
    subscription.language = choices.language
    subscription.save(update_fields=["topics", "language", "updated_at"])
    subscription.fields.set(choices.fields)
    subscription.areas.set(choices.areas)
    audit_log(actor=None, action="portal.subscription.updated", target=subscription)
    return subscription


@transaction.atomic
def subscription_unsubscribe(*, subscription: Subscription, actor: User | None = None) -> Subscription:
    """Stop every e-mail to this address. Unsubscribing twice is not an error (a mail
    client may repeat the one-click POST)."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status == SubscriptionStatus.UNSUBSCRIBED:
        return subscription
    subscription.unsubscribed_at = timezone.now()
    transition(subscription, SubscriptionStatus.UNSUBSCRIBED, actor=actor, update_fields=["unsubscribed_at"])
    return subscription


@task()
def send_confirmation_email(email: str, token: str, language: str) -> None:
    context = {
        "site_config": SiteConfiguration.get_solo(),
        "confirm_url": absolute_url(reverse("portal:newsletter-confirm", args=[token])),
        "max_age_days": CONFIRM_MAX_AGE.days,
    }
    with translation.override(language):
        subject = render_to_string("portal/email/newsletter_confirm_subject.txt", context)
        body = render_to_string("portal/email/newsletter_confirm_body.txt", context)
        send_mail(subject=subject, body=body, to=[email], kind="portal/email/newsletter_confirm")


# --- Reads for the pages ---------------------------------------------------------------


def subscription_for_token(token: str) -> Subscription | None:
    if not token or len(token) > 64:
        return None
    return Subscription.objects.prefetch_related("fields", "areas").filter(token=token).first()


def subscriptions_of(user: Any) -> list[Subscription]:
    """A signed-in person's subscriptions (linked to the account or to its address)."""
    if not user.is_authenticated:
        return []
    return list(
        Subscription.objects.filter(models.Q(user=user) | models.Q(email=user.email.lower()))
        .exclude(status=SubscriptionStatus.UNSUBSCRIBED)
        .order_by("pk")[:5]
    )


def topic_counts() -> list[dict[str, Any]]:
    """Confirmed subscribers per topic, and per language, for staff (one query)."""
    rows = Subscription.objects.filter(status=SubscriptionStatus.CONFIRMED).values_list("topics", "language")
    per_topic: dict[str, int] = {source.key: 0 for source in sources()}
    total = 0
    languages: dict[str, int] = {}
    for topics, language in rows:
        total += 1
        languages[language] = languages.get(language, 0) + 1
        for topic in topics or []:
            if topic in per_topic:
                per_topic[topic] += 1
    labels = dict(topic_choices())
    return [{"key": key, "label": labels[key], "count": count} for key, count in per_topic.items()] + [
        {"key": "_total", "label": _("All confirmed subscribers"), "count": total}
    ]


# --- The weekly digest ---------------------------------------------------------------


def digest_period(now: datetime.datetime) -> str:
    """The ISO week of `now` in local time, e.g. "2026-W48"."""
    year, week, _day = timezone.localtime(now).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class DigestRun:
    period: str
    sent: int = 0
    empty: int = 0
    failed: int = 0
    skipped: int = 0  # already done this week, or claimed by another run


def unsubscribe_url(subscription: Subscription) -> str:
    return absolute_url(reverse("portal:newsletter-unsubscribe", args=[subscription.token]))


def digest_headers(subscription: Subscription) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe (RFC 2369 List-Unsubscribe, HTTPS only)."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _claim(batch: list[Subscription], period: str, run: str, now: datetime.datetime) -> list[DigestDelivery]:
    """Create this week's rows (unique per subscription and week) and claim the free ones
    with one conditional UPDATE: a row another run claimed (and has not finished or
    given up) is not taken."""
    DigestDelivery.objects.bulk_create(
        [DigestDelivery(subscription=s, period=period) for s in batch], ignore_conflicts=True
    )
    free = models.Q(claimed_at__isnull=True) | models.Q(claimed_at__lt=now - CLAIM_TIMEOUT)
    DigestDelivery.objects.filter(
        models.Q(subscription__in=batch, period=period, finished_at__isnull=True) & free
    ).update(claimed_at=now, claim=run)
    return list(
        DigestDelivery.objects.filter(subscription__in=batch, period=period, claim=run, finished_at__isnull=True)
    )


def _items_for_batch(
    subscriptions: list[Subscription], until: datetime.datetime
) -> dict[tuple[str, str], list[DigestItem]]:
    """Each source's items for each language in the batch, from the earliest subscriber's
    start: a fixed number of queries per batch."""
    since = min(s.digest_since or s.confirmed_at or until for s in subscriptions)
    found: dict[tuple[str, str], list[DigestItem]] = {}
    for language in sorted({s.language for s in subscriptions}):
        with translation.override(language):
            for source in sources():
                found[(source.key, language)] = source.items(since, until, None, None, language)
    return found


def digest_sections(
    subscription: Subscription,
    found: dict[tuple[str, str], list[DigestItem]],
    until: datetime.datetime,
) -> list[dict[str, Any]]:
    """The sections of one subscriber's digest: their topics' items that appeared since
    their last digest, in their fields and areas."""
    since = subscription.digest_since or subscription.confirmed_at or until
    fields = [f.pk for f in subscription.fields.all()]
    areas = [a.pk for a in subscription.areas.all()]
    sections = []
    for source in sources():
        if source.key not in (subscription.topics or []):
            continue
        items = [
            item
            for item in found.get((source.key, subscription.language), [])
            if since < item.published_at <= until and item.matches(fields, areas)
        ]
        if items:
            sections.append(
                {
                    "source": source,
                    "items": items[:SECTION_LIMIT],
                    "more": max(0, len(items) - SECTION_LIMIT),
                    "list_url": absolute_url(reverse(source.list_url)) if source.list_url else "",
                }
            )
    return sections


def _send_digest(subscription: Subscription, sections: list[dict[str, Any]], site_config: Any) -> bool:
    context = {
        "site_config": site_config,
        "sections": sections,
        "manage_url": absolute_url(subscription.get_absolute_url()),
        "unsubscribe_url": unsubscribe_url(subscription),
    }
    with translation.override(subscription.language):
        subject = render_to_string("portal/email/newsletter_digest_subject.txt", context)
        body = render_to_string("portal/email/newsletter_digest_body.txt", context)
        html = render_to_string("portal/email/newsletter_digest_body.html", context)
        return send_mail(
            subject=subject,
            body=body,
            html=html,
            to=[subscription.email],
            headers=digest_headers(subscription),
            kind="portal/email/newsletter_digest",
        )


def send_weekly_digests(
    *,
    now: datetime.datetime | None = None,
    batch_size: int = BATCH_SIZE,
    subscriptions: models.QuerySet[Subscription] | None = None,
) -> DigestRun:
    """Send this week's digest to every confirmed subscriber (of `subscriptions`, if
    given) who has something new and has not had it yet. Runs outside a transaction:
    each batch's claim is committed before its mails go out."""
    until = now or timezone.now()
    period = digest_period(until)
    run = uuid.uuid4().hex
    result = DigestRun(period=period)
    site_config = SiteConfiguration.get_solo()
    confirmed = (Subscription.objects.all() if subscriptions is None else subscriptions).filter(
        status=SubscriptionStatus.CONFIRMED
    )
    confirmed = confirmed.order_by("pk")
    last_pk = 0
    while True:
        batch = list(confirmed.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return result
        last_pk = batch[-1].pk
        with transaction.atomic():
            claimed = _claim(batch, period, run, until)
        result.skipped += len(batch) - len(claimed)
        if not claimed:
            continue
        by_id = {
            s.pk: s
            for s in Subscription.objects.filter(pk__in=[d.subscription_id for d in claimed]).prefetch_related(
                "fields", "areas"
            )
        }
        found = _items_for_batch(list(by_id.values()), until)
        finished_subscriptions = []
        for delivery in claimed:
            subscription = by_id[delivery.subscription_id]
            sections = digest_sections(subscription, found, until)
            count = sum(len(section["items"]) + section["more"] for section in sections)
            delivery.attempts += 1 if count else 0
            if count and not _send_digest(subscription, sections, site_config):
                delivery.claimed_at, delivery.claim = None, ""
                delivery.error = _("The mail server did not accept the digest (see the failed e-mails).")
                result.failed += 1
                continue
            delivery.finished_at, delivery.item_count, delivery.error = timezone.now(), count, ""
            subscription.digest_since = until
            finished_subscriptions.append(subscription)
            if count:
                result.sent += 1
            else:
                result.empty += 1
        with transaction.atomic():
            DigestDelivery.objects.bulk_update(
                claimed, ["claimed_at", "claim", "finished_at", "item_count", "attempts", "error"]
            )
            Subscription.objects.bulk_update(finished_subscriptions, ["digest_since"])


@task()
def send_weekly_digest_task() -> dict[str, Any]:
    """The weekly job (queued by `manage.py send_weekly_digest`)."""
    result = send_weekly_digests()
    return {"period": result.period, "sent": result.sent, "empty": result.empty, "failed": result.failed}


# --- Hooks (PortalConfig.ready) ------------------------------------------------------


def register_hooks() -> None:
    from django.utils.translation import gettext_lazy

    from portal import my_activity
    from portal.audit import register_audit_actions
    from portal.demo import DEMO_SEEDERS
    from portal.models import StaffRole
    from portal.newsletter_demo import seed_newsletter
    from portal.permissions import register_role_permissions
    from portal.services import ACCOUNT_DELETION_HOOKS

    # City staff read the subscriptions and digests in the admin (addresses included).
    register_role_permissions(StaffRole.CITY_STAFF, ["portal.view_subscription", "portal.view_digestdelivery"])

    register_audit_actions(
        {
            "portal.subscription.requested": gettext_lazy("Topic e-mails: subscription asked for"),
            "portal.subscription.confirmed": gettext_lazy("Topic e-mails: subscription confirmed"),
            "portal.subscription.updated": gettext_lazy("Topic e-mails: choices changed"),
            "portal.subscription.unsubscribed": gettext_lazy("Topic e-mails: unsubscribed"),
        }
    )
    my_activity.register(
        my_activity.Section(
            key="portal.newsletter",
            title=gettext_lazy("Topic e-mails"),
            template="portal/includes/_my_newsletter.html",
            items=subscriptions_of,
            order=90,
            empty_text=gettext_lazy("You do not receive the topic e-mails."),
        )
    )
    if unsubscribe_deleted_user not in ACCOUNT_DELETION_HOOKS:
        ACCOUNT_DELETION_HOOKS.append(unsubscribe_deleted_user)
    if seed_newsletter not in DEMO_SEEDERS:
        DEMO_SEEDERS.append(seed_newsletter)


def unsubscribe_deleted_user(*, user: Any) -> None:
    """A deleted account's subscriptions (its own or its address's) stop and are removed
    with the address."""
    mine = Subscription.objects.filter(models.Q(user=user) | models.Q(email=user.email.lower()))
    for subscription in mine:
        subscription_unsubscribe(subscription=subscription)
    mine.delete()
