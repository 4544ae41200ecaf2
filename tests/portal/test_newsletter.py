"""Topic e-mails (メールマガジン): double opt-in, manage, one-click unsubscribe (RFC 8058)
and the weekly digest (idempotent, per topic/field/area and language)."""

from __future__ import annotations

import datetime
import re
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from groups import services as group_services
from portal import newsletter
from portal.models import AuditLogEntry, DigestDelivery, MailFailure, Subscription, SubscriptionStatus
from portal.services import user_delete
from tests.factories.events import event_data
from tests.factories.groups import create_group, default_taxonomy
from tests.factories.newsletter import confirm_link_token, subscribe
from tests.factories.portal import ActivityFieldFactory, AreaFactory, NewsFactory, UserFactory
from tests.factories.subsidies import create_programme
from tests.factories.volunteering import create_opening

pytestmark = pytest.mark.django_db

SUBSCRIBE = "portal:newsletter-subscribe"


def post_subscribe(client: Any, **overrides: Any) -> Any:
    data = {"email": "hanako@example.jp", "topics": ["events", "news"], "language": "ja", **overrides}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse(SUBSCRIBE), data)


def page_text(response: Any) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def later(minutes: int = 5) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


# --- Subscribing ----------------------------------------------------------------------


def test_subscribe__anonymous__pending_and_only_the_confirmation_is_sent(client: Any) -> None:
    response = post_subscribe(client)

    assert response.status_code == 200
    assert "portal/newsletter_sent.html" in [t.name for t in response.templates]
    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.PENDING
    assert subscription.user is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hanako@example.jp"]
    assert "/newsletter/confirm/" in mail.outbox[0].body
    assert newsletter.send_weekly_digests(now=later()).sent == 0  # pending: no digest
    assert len(mail.outbox) == 1


def test_subscribe__signed_in__address_prefilled_and_linked(client: Any) -> None:
    user = UserFactory(email="taro@example.jp")
    client.force_login(user)

    page = client.get(reverse(SUBSCRIBE))
    assert page.context["form"].initial["email"] == "taro@example.jp"
    post_subscribe(client, email="Taro@Example.jp")
    token = mail.outbox[0].body.split("/newsletter/confirm/")[1].split("/")[0]
    client.post(reverse("portal:newsletter-confirm", args=[token]))

    subscription = Subscription.objects.get()
    assert subscription.user == user
    assert subscription.status == SubscriptionStatus.CONFIRMED


def test_subscribe__language_defaults_to_the_page(client: Any) -> None:
    assert client.get(reverse(SUBSCRIBE)).context["form"].initial["language"] == "ja"
    with translation.override("en"):
        url = reverse(SUBSCRIBE)
    assert url.startswith("/en/")
    assert client.get(url).context["form"].initial["language"] == "en"


def test_subscribe__known_address__same_answer_and_no_change_until_confirmed(client: Any) -> None:
    subscribe("hanako@example.jp", topics=["news"])
    mail.outbox.clear()
    entries = AuditLogEntry.objects.count()

    known = post_subscribe(client, topics=["events"])
    unknown = post_subscribe(client, email="jiro@example.jp", topics=["events"])

    assert known.status_code == unknown.status_code == 200
    assert page_text(known).replace("hanako", "X") == page_text(unknown).replace("jiro", "X")
    existing = Subscription.objects.get(email="hanako@example.jp")
    assert existing.topics == ["news"]
    assert AuditLogEntry.objects.count() == entries + 1  # the new address's request only
    token = mail.outbox[0].body.split("/newsletter/confirm/")[1].split("/")[0]
    client.post(reverse("portal:newsletter-confirm", args=[token]))
    existing.refresh_from_db()
    assert existing.topics == ["events"]
    assert existing.status == SubscriptionStatus.CONFIRMED


def test_subscribe__bad_input__400_and_nothing_written(client: Any) -> None:
    for data in (
        {"email": "not-an-address"},
        {"email": "a\nb@example.jp"},
        {"topics": []},
        {"topics": ["nonsense"]},
        {"language": "fr"},
        {"fields": ["999999"]},
    ):
        response = post_subscribe(client, **data)
        assert response.status_code == 400, data
    assert not Subscription.objects.exists()
    assert not mail.outbox


def test_subscribe__rate_limited_per_address(client: Any) -> None:
    for _ in range(3):
        assert post_subscribe(client).status_code == 200
    response = post_subscribe(client)

    assert response.status_code == 429
    assert len(mail.outbox) == 3
    assert Subscription.objects.count() == 1


def test_subscribe__rate_limited_per_ip(client: Any) -> None:
    for n in range(10):
        assert post_subscribe(client, email=f"p{n}@example.jp").status_code == 200
    assert post_subscribe(client, email="another@example.jp").status_code == 429
    assert not Subscription.objects.filter(email="another@example.jp").exists()


# --- Confirming -----------------------------------------------------------------------


def test_confirm__get_shows_a_button_and_post_confirms(client: Any) -> None:
    field = ActivityFieldFactory()
    post_subscribe(client)
    token = confirm_link_token("hanako@example.jp", topics=["events"], fields=[field], language="en")

    page = client.get(reverse("portal:newsletter-confirm", args=[token]))
    assert page.status_code == 200
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING
    response = client.post(reverse("portal:newsletter-confirm", args=[token]))

    subscription = Subscription.objects.get()
    assert response.status_code == 302
    assert response.url == subscription.get_absolute_url()
    assert subscription.status == SubscriptionStatus.CONFIRMED
    assert subscription.topics == ["events"]
    assert list(subscription.fields.all()) == [field]
    assert subscription.language == "en"
    assert subscription.confirmed_at is not None


@pytest.mark.parametrize("method", ["get", "post"])
def test_confirm__bad_token__400_and_nothing_written(client: Any, method: str) -> None:
    good = confirm_link_token("hanako@example.jp")
    entries = AuditLogEntry.objects.count()
    for token in ("nonsense", good[:-3] + "abc", "x" * 5000):
        response = getattr(client, method)(reverse("portal:newsletter-confirm", args=[token]))
        assert response.status_code == 400
    assert not Subscription.objects.exists()
    assert AuditLogEntry.objects.count() == entries


def test_confirm__expired_token__400_and_nothing_written(client: Any) -> None:
    post_subscribe(client)
    token = confirm_link_token("hanako@example.jp")

    with mock.patch.object(newsletter, "CONFIRM_MAX_AGE", datetime.timedelta(seconds=-1)):
        response = client.post(reverse("portal:newsletter-confirm", args=[token]))

    assert response.status_code == 400
    assert "expired" in response.content.decode() or "期限" in response.content.decode()
    assert Subscription.objects.get().status == SubscriptionStatus.PENDING


def test_confirm__link_from_before_unsubscribing__refused(client: Any) -> None:
    token = confirm_link_token("hanako@example.jp")
    subscription = subscribe("hanako@example.jp")
    newsletter.subscription_unsubscribe(subscription=subscription)

    response = client.post(reverse("portal:newsletter-confirm", args=[token]))

    assert response.status_code == 400
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED


# --- Manage and unsubscribe -----------------------------------------------------------


def test_manage__changes_choices(client: Any) -> None:
    subscription = subscribe("hanako@example.jp")
    area = AreaFactory()
    url = reverse("portal:newsletter-manage", args=[subscription.token])

    assert client.get(url).status_code == 200
    response = client.post(url, {"topics": ["subsidies"], "areas": [area.pk], "language": "en"})

    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.topics == ["subsidies"]
    assert list(subscription.areas.all()) == [area]
    assert subscription.language == "en"


def test_manage__bad_input_400_unknown_token_404(client: Any) -> None:
    subscription = subscribe("hanako@example.jp", topics=["news"])
    url = reverse("portal:newsletter-manage", args=[subscription.token])

    assert client.post(url, {"topics": [], "language": "ja"}).status_code == 400
    assert client.get(reverse("portal:newsletter-manage", args=["unknown"])).status_code == 404
    subscription.refresh_from_db()
    assert subscription.topics == ["news"]


def test_unsubscribe__get_asks_post_unsubscribes(client: Any) -> None:
    subscription = subscribe("hanako@example.jp")
    url = reverse("portal:newsletter-unsubscribe", args=[subscription.token])

    page = client.get(url)
    assert page.status_code == 200
    assert b"<form" in page.content
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CONFIRMED
    assert client.post(url).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED


def test_unsubscribe__one_click_post_without_csrf_or_login() -> None:
    subscription = subscribe("hanako@example.jp")
    client = Client(enforce_csrf_checks=True)
    url = reverse("portal:newsletter-unsubscribe", args=[subscription.token])

    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    again = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert response.status_code == again.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.UNSUBSCRIBED
    assert AuditLogEntry.objects.filter(action="portal.subscription.unsubscribed").count() == 1
    assert client.post(reverse("portal:newsletter-unsubscribe", args=["unknown"])).status_code == 404


def test_manage_form__still_needs_csrf() -> None:
    subscription = subscribe("hanako@example.jp")
    client = Client(enforce_csrf_checks=True)
    url = reverse("portal:newsletter-manage", args=[subscription.token])
    assert client.post(url, {"topics": ["news"], "language": "ja"}).status_code == 403


# --- The weekly digest ---------------------------------------------------------------


@pytest.fixture
def taxonomy() -> dict[str, Any]:
    (welfare,), (chuo,) = default_taxonomy()
    return {"welfare": welfare, "chuo": chuo, "culture": ActivityFieldFactory(), "kita": AreaFactory()}


def make_items(taxonomy: dict[str, Any]) -> dict[str, Any]:
    """One item of each topic, the event in welfare/chuo, the opening's group in culture/kita."""
    rep = UserFactory()
    group = create_group(representative=rep)
    group.fields.set([taxonomy["culture"]])
    group.areas.set([taxonomy["kita"]])
    event = group_services.event_create(
        actor=rep, group=group, data=event_data(title="福祉の集い", title_en="Welfare meetup", area=taxonomy["chuo"])
    )
    event.fields.set([taxonomy["welfare"]])
    return {
        "event": event,
        "opening": create_opening(group=group, title="文化祭の受付"),
        "programme": create_programme(name="市民活動応援補助金", name_en="Civic Activity Support Subsidy"),
        "news": NewsFactory(title="ポータル開設", title_en="Portal opened", publish_at=timezone.now()),
    }


def digest_of(email: str) -> Any:
    found = [message for message in mail.outbox if message.to == [email]]
    assert len(found) == 1, f"{len(found)} digests to {email}"
    return found[0]


def test_digest__each_subscriber_gets_their_topics_fields_and_areas(taxonomy: dict[str, Any]) -> None:
    all_topics = subscribe("all@example.jp")
    subscribe("news@example.jp", topics=["news"])
    subscribe("welfare@example.jp", topics=["events", "openings"], fields=[taxonomy["welfare"]])
    subscribe("kita@example.jp", topics=["events", "openings"], areas=[taxonomy["kita"]])
    subscribe("subsidies@example.jp", topics=["subsidies"], fields=[taxonomy["welfare"]])
    make_items(taxonomy)
    mail.outbox.clear()

    result = newsletter.send_weekly_digests(now=later())

    assert result.sent == 5
    everything = digest_of("all@example.jp").body
    for text in ("福祉の集い", "文化祭の受付", "市民活動応援補助金", "ポータル開設"):
        assert text in everything
    assert "ポータル開設" in digest_of("news@example.jp").body
    assert "福祉の集い" not in digest_of("news@example.jp").body
    welfare = digest_of("welfare@example.jp").body
    assert "福祉の集い" in welfare
    assert "文化祭の受付" not in welfare
    kita = digest_of("kita@example.jp").body
    assert "文化祭の受付" in kita
    assert "福祉の集い" not in kita
    assert "市民活動応援補助金" in digest_of("subsidies@example.jp").body  # programmes concern every field
    assert f"/newsletter/manage/{all_topics.token}/" in everything


def test_digest__english_subscriber__english_text_and_html(taxonomy: dict[str, Any]) -> None:
    subscribe("en@example.jp", language="en")
    make_items(taxonomy)
    mail.outbox.clear()

    newsletter.send_weekly_digests(now=later())

    message = digest_of("en@example.jp")
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    for text in (message.subject, message.body, html):
        assert "Welfare meetup" in text or "topic e-mail" in text
    assert "Welfare meetup" in message.body
    assert "Portal opened" in html
    assert "ポータル開設" not in message.body
    assert "Unsubscribe" in message.body


def test_digest__one_click_unsubscribe_headers(taxonomy: dict[str, Any]) -> None:
    subscription = subscribe("hanako@example.jp")
    make_items(taxonomy)
    mail.outbox.clear()

    newsletter.send_weekly_digests(now=later())

    message = digest_of("hanako@example.jp").message()
    assert message["List-Unsubscribe"] == f"<http://testserver/newsletter/unsubscribe/{subscription.token}/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_digest__nothing_new__nothing_sent(taxonomy: dict[str, Any]) -> None:
    NewsFactory()  # published yesterday, before the subscription
    subscription = subscribe("hanako@example.jp")
    mail.outbox.clear()

    result = newsletter.send_weekly_digests(now=later())

    assert not mail.outbox
    assert result.empty == 1
    delivery = DigestDelivery.objects.get()
    assert delivery.finished_at is not None
    assert delivery.item_count == 0
    subscription.refresh_from_db()
    assert subscription.digest_since is not None


def test_digest__run_twice__one_mail(taxonomy: dict[str, Any]) -> None:
    subscribe("hanako@example.jp")
    make_items(taxonomy)
    mail.outbox.clear()

    first = newsletter.send_weekly_digests(now=later())
    NewsFactory(publish_at=timezone.now())  # new since, but the week's digest went out
    second = newsletter.send_weekly_digests(now=later(10))

    assert (first.sent, second.sent, second.skipped) == (1, 0, 1)
    assert len(mail.outbox) == 1
    assert DigestDelivery.objects.count() == 1


def test_digest__next_week_covers_only_what_is_new(taxonomy: dict[str, Any]) -> None:
    subscribe("hanako@example.jp", topics=["news"])
    NewsFactory(title="第一報", publish_at=timezone.now())
    newsletter.send_weekly_digests(now=later())
    NewsFactory(title="第二報", publish_at=later(10))
    mail.outbox.clear()

    newsletter.send_weekly_digests(now=later(60 * 24 * 7 + 20))

    body = digest_of("hanako@example.jp").body
    assert "第二報" in body
    assert "第一報" not in body
    assert DigestDelivery.objects.count() == 2


def test_digest__concurrent_claim__the_second_worker_gets_nothing(taxonomy: dict[str, Any]) -> None:
    subscriptions = [subscribe(f"p{n}@example.jp") for n in range(3)]
    now = later()
    period = newsletter.digest_period(now)

    mine = newsletter._claim(subscriptions, period, "worker-a", now)
    theirs = newsletter._claim(subscriptions, period, "worker-b", now)

    assert len(mine) == 3
    assert theirs == []
    assert DigestDelivery.objects.filter(claim="worker-a").count() == 3


def test_digest__claimed_by_another_run__skipped(taxonomy: dict[str, Any]) -> None:
    subscription = subscribe("hanako@example.jp")
    make_items(taxonomy)
    now = later()
    DigestDelivery.objects.create(
        subscription=subscription, period=newsletter.digest_period(now), claimed_at=timezone.now(), claim="other"
    )
    mail.outbox.clear()

    result = newsletter.send_weekly_digests(now=now)

    assert result.skipped == 1
    assert not mail.outbox


def test_digest__failure_recorded_and_retried(taxonomy: dict[str, Any]) -> None:
    subscribe("hanako@example.jp")
    make_items(taxonomy)
    mail.outbox.clear()

    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("connection refused")):
        failed = newsletter.send_weekly_digests(now=later())
    delivery = DigestDelivery.objects.get()
    retried = newsletter.send_weekly_digests(now=later(10))

    assert failed.failed == 1
    assert MailFailure.objects.get().recipients == "hanako@example.jp"
    assert (delivery.finished_at, delivery.claimed_at, delivery.attempts) == (None, None, 1)
    assert delivery.error
    assert retried.sent == 1
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.finished_at is not None


def test_digest__management_command_queues_the_job(taxonomy: dict[str, Any]) -> None:
    from django.core.management import call_command

    subscribe("hanako@example.jp")
    make_items(taxonomy)
    mail.outbox.clear()
    with mock.patch("portal.newsletter.timezone.now", return_value=later()):
        call_command("send_weekly_digest", stdout=mock.MagicMock())
        call_command("send_weekly_digest", stdout=mock.MagicMock())
    assert len(mail.outbox) == 1


def _digest_queries(count: int, taxonomy: dict[str, Any]) -> int:
    for n in range(count):
        subscribe(
            f"q{count}-{n}@example.jp",
            fields=[taxonomy["welfare"]] if n % 2 else [],
            areas=[taxonomy["chuo"], taxonomy["kita"]],
            language="en" if n % 3 == 0 else "ja",
        )
    Subscription.objects.update(digest_since=timezone.now() - datetime.timedelta(days=1))
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as captured:
        result = newsletter.send_weekly_digests(now=later())
    assert result.sent == count
    return len(captured.captured_queries)


def test_digest__queries_do_not_grow_with_subscribers(taxonomy: dict[str, Any]) -> None:
    make_items(taxonomy)
    few = _digest_queries(3, taxonomy)
    Subscription.objects.all().delete()
    many = _digest_queries(12, taxonomy)
    assert few == many


# --- Staff, "my activity", account deletion ---------------------------------------------


def test_topic_counts__confirmed_only() -> None:
    subscribe("a@example.jp", topics=["news"])
    subscribe("b@example.jp", topics=["news", "events"])
    subscribe("c@example.jp", topics=["events"], confirm=False)

    counts = {row["key"]: row["count"] for row in newsletter.topic_counts()}

    assert counts == {"events": 1, "openings": 0, "subsidies": 0, "news": 2, "_total": 2}


def test_my_activity__shows_the_subscription_and_manage_link() -> None:
    user = UserFactory(email="hanako@example.jp")
    subscription = subscribe("hanako@example.jp")
    subscribe("other@example.jp")

    items = newsletter.subscriptions_of(user)
    html = render_to_string("portal/includes/_my_newsletter.html", {"items": items, "user": user})

    assert items == [subscription]
    assert reverse("portal:newsletter-manage", args=[subscription.token]) in html


def test_account_deletion__subscription_removed() -> None:
    user = UserFactory(email="hanako@example.jp")
    subscribe("hanako@example.jp")

    user_delete(user=user)

    assert not Subscription.objects.exists()


def test_lists_and_footer_link_to_subscribe(client: Any) -> None:
    for route in ("groups:event-list", "groups:opening-list", "portal:news-list", "subsidies:list"):
        content = client.get(reverse(route)).content.decode()
        assert content.count(f'href="{reverse(SUBSCRIBE)}"') >= 2, route  # the list's link and the footer's


def test_digest__long_section_capped_with_a_link_to_the_list(taxonomy: dict[str, Any]) -> None:
    subscribe("hanako@example.jp", topics=["news"])
    for n in range(newsletter.SECTION_LIMIT + 2):
        NewsFactory(title=f"記事{n:02d}", publish_at=timezone.now())
    mail.outbox.clear()

    newsletter.send_weekly_digests(now=later())

    message = digest_of("hanako@example.jp")
    assert message.body.count("/news/") == newsletter.SECTION_LIMIT + 1  # the items and the list
    assert "http://testserver/news/" in message.body
    assert DigestDelivery.objects.get().item_count == newsletter.SECTION_LIMIT + 2


def test_confirm__withdrawn_field_or_deleted_account__still_confirms(client: Any) -> None:
    field = ActivityFieldFactory()
    user = UserFactory(email="hanako@example.jp")
    token = confirm_link_token("hanako@example.jp", fields=[field], user_id=user.pk)
    field.is_active = False
    field.save(update_fields=["is_active"])
    user_delete(user=user)

    response = client.post(reverse("portal:newsletter-confirm", args=[token]))

    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.user is None
    assert not subscription.fields.exists()
