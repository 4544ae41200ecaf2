"""Finding and helping, in a real browser with axe-core on the pages of issue 11: a
citizen types ふくし into the home page's search box and finds a 福祉 group (written
in kanji only: the index knows its reading), opens its event, signs up and sees the
sign-up on /my/; a group's representative asks the 人材バンク for an accountant and a
コーディネーター introduces an approved helper; and the other new pages (相談窓口,
メールマガジン, the English search) pass axe-core."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from consultations.models import Consultation, Mode
from groups.models import EventRegistration, TalentCandidacy, TalentRequest, TalentSkill
from tests.e2e.conftest import check_accessibility, login_as, restore_talent_skills
from tests.factories.consultations import book, create_slot
from tests.factories.events import create_event
from tests.factories.groups import create_group, default_taxonomy, reviewing_staff
from tests.factories.newsletter import subscribe
from tests.factories.portal import UserFactory
from tests.factories.talent import coordinator, create_helper, skill
from tests.roles import with_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def ja(message: str, context: str = "") -> str:
    """The Japanese the pages show for `message` (the catalogue is the source of truth)."""
    with translation.override("ja"):
        return pgettext(context, message) if context else gettext(message)


def visit(page: Any, live_server: Any, path: str, status: int = 200) -> Any:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None, path
    assert response.status == status, (path, response.status)
    check_accessibility(page)
    return response


def test_fukushi_search_finds_the_group_sign_up_shows_on_my_page(page: Any, live_server: Any) -> None:
    rep = UserFactory(email="midori@example.jp", full_name="緑川 道子")
    fields, areas = default_taxonomy()
    assert [field.name for field in fields] == ["福祉"]
    group = create_group(
        representative=rep,
        name="みどり福祉の会",
        name_kana="ミドリフクシノカイ",
        purpose="高齢者の見守りと配食で、地域の福祉を支えます。",
        fields=fields,
        areas=areas,
    )
    event = create_event(
        group=group,
        title="福祉講座　介護の基本",
        title_en="Welfare course: the basics of care",
        requires_signup=True,
        capacity=20,
    )
    citizen = UserFactory(email="citizen@example.jp", full_name="市民 太郎")

    login_as(page, live_server, citizen)
    visit(page, live_server, "/")
    box = page.get_by_role("searchbox", name=ja("Search groups, events, volunteering, subsidies and more"))
    box.focus()
    page.keyboard.type("ふくし")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?*q=*")
    check_accessibility(page)
    # The event's text holds ふくし only as the reading of its kanji (福祉講座, 福祉).
    assert page.get_by_role("link", name=event.title).count() == 1
    page.get_by_role("link", name=group.name).first.click()
    page.wait_for_url(f"**/groups/{group.slug}/")
    check_accessibility(page)
    page.get_by_role("link", name=event.title).first.click()
    page.wait_for_url(f"**/events/{event.pk}/")
    check_accessibility(page)
    page.get_by_role("button", name=ja("Sign up", "event")).click()
    page.locator("section[aria-labelledby=signup-heading]").get_by_text(ja("You are signed up.")).wait_for()
    check_accessibility(page)
    registration = EventRegistration.objects.get(event=event, user=citizen)
    assert registration.status == "confirmed"

    visit(page, live_server, "/my/")
    item = page.locator("main li").filter(has=page.get_by_role("link", name=event.title))
    assert item.count() == 1
    with translation.override("ja"):
        state = registration.get_status_display()
    assert state in item.inner_text()


def test_talent_bank_an_accountant_is_introduced(page: Any, live_server: Any) -> None:
    restore_talent_skills()
    rep = UserFactory(email="rep@example.jp", full_name="代表 花子")
    group = create_group(representative=rep, name="みなみ子ども食堂の会", name_kana="ミナミコドモショクドウノカイ")
    coord = coordinator("coord@example.jp")
    accountant = create_helper(
        user=UserFactory(email="kaikei@example.jp", full_name="会計 久美子"),
        display_name="会計士 久美子",
        skills=[skill("accounting")],
    )
    other_skill = TalentSkill.objects.exclude(slug__in=("accounting", "tax")).order_by("order").first()
    create_helper(display_name="デザイナー 健", skills=[other_skill])
    accounting = skill("accounting")

    # The representative reads about the bank and asks it for an accountant.
    login_as(page, live_server, rep)
    visit(page, live_server, "/talent/")
    visit(page, live_server, f"/groups/{group.slug}/manage/")
    page.get_by_role("link", name=ja("Ask the talent bank")).click()
    page.wait_for_url(f"**/groups/{group.slug}/talent/new/")
    check_accessibility(page)
    title = "会計ソフトの導入と決算書づくり"
    page.get_by_label(ja("What help is needed")).fill(title)
    page.get_by_label(accounting.name, exact=True).check()
    page.get_by_label(ja("Details")).fill(
        "会員30名の団体です。会計ソフトを入れて、決算書を自分たちで作れるようにしたい。"
    )
    today = timezone.localdate()
    page.locator("[name=period_start]").fill((today + datetime.timedelta(days=7)).isoformat())
    page.locator("[name=period_end]").fill((today + datetime.timedelta(days=90)).isoformat())
    page.get_by_role("button", name=ja("Send the request")).click()
    page.locator(".alert-success").first.wait_for()
    check_accessibility(page)
    request = TalentRequest.objects.get(group=group)
    assert list(request.skills.all()) == [accounting]
    assert coord.email in [address for message in mail.outbox for address in message.to]

    # The coordinator finds it in the queue, searches the bank and proposes the accountant.
    login_as(page, live_server, coord)
    visit(page, live_server, "/staff/talent/")
    page.get_by_role("link", name=title).click()
    page.wait_for_url(f"**/talent/requests/{request.pk}/")
    check_accessibility(page)
    page.get_by_role("link", name=ja("Search the bank")).first.click()
    page.wait_for_url("**/staff/talent/helpers/**")
    page.locator("main [name=skill]").select_option(accounting.slug)
    page.locator("main form").get_by_role("button", name=ja("Search"), exact=True).click()
    page.wait_for_url("**skill=accounting**")
    check_accessibility(page)
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    assert accountant.display_name in rows.first.inner_text()
    page.get_by_role("link", name=accountant.display_name).click()
    page.wait_for_url(f"**/staff/talent/helpers/{accountant.pk}/")
    check_accessibility(page)
    visit(page, live_server, f"/talent/requests/{request.pk}/")
    page.get_by_label(ja("Helper (registration number)")).fill(str(accountant.pk))
    page.get_by_label(ja("Message to the helper")).fill("決算書づくりの支援をお願いできますか。")
    page.get_by_role("button", name=ja("Propose"), exact=True).click()
    page.locator(".alert-success").first.wait_for()
    check_accessibility(page)
    candidacy = TalentCandidacy.objects.get(request=request, profile=accountant)
    assert accountant.user.email in [address for message in mail.outbox for address in message.to]

    # The helper reads the request on their page and accepts.
    login_as(page, live_server, accountant.user)
    visit(page, live_server, "/talent/me/")
    visit(page, live_server, f"/talent/requests/{request.pk}/")
    page.get_by_label(ja("Yes, I can help", "talent candidacy answer")).check()
    page.get_by_role("button", name=ja("Send the answer")).click()
    page.locator(".alert-success").first.wait_for()
    check_accessibility(page)
    candidacy.refresh_from_db()
    assert candidacy.status == "accepted"

    # The coordinator introduces them; both sides see each other's contact.
    mail.outbox.clear()
    login_as(page, live_server, coord)
    visit(page, live_server, f"/talent/requests/{request.pk}/")
    page.get_by_role("button", name=ja("Introduce"), exact=True).click()
    page.locator(".alert-success").first.wait_for()
    check_accessibility(page)
    request.refresh_from_db()
    candidacy.refresh_from_db()
    assert request.status == "introduced"
    assert candidacy.status == "introduced"
    recipients = {address for message in mail.outbox for address in message.to}
    assert {rep.email, accountant.user.email} <= recipients

    for user, theirs in ((rep, ja("The helper's contact")), (accountant.user, ja("The group's contact"))):
        login_as(page, live_server, user)
        visit(page, live_server, f"/talent/requests/{request.pk}/")
        introduction = page.locator("main").inner_text()
        assert ja("Introduction") in introduction
        assert theirs in introduction
        assert accountant.display_name in introduction


def test_consultation_desk_newsletter_and_english_search_pages(page: Any, live_server: Any) -> None:
    citizen = UserFactory(email="soudan@example.jp", full_name="相談 花子")
    desk = with_totp(reviewing_staff())
    slot = create_slot(days=5)
    create_slot(days=6, modes=(Mode.PHONE,))
    booked = book(UserFactory(email="other@example.jp", full_name="既存 予約"), create_slot(days=4))
    subscription = subscribe("news@example.jp")
    _fields, _areas = default_taxonomy()
    group = create_group(name="みどり福祉の会", name_kana="ミドリフクシノカイ")

    # 相談窓口: the slots, the booking form (a booking made), the citizen's list.
    visit(page, live_server, "/consultations/")
    login_as(page, live_server, citizen)
    visit(page, live_server, "/consultations/")
    visit(page, live_server, f"/consultations/book/{slot.pk}/")
    page.locator("[name=topic]").first.check()
    page.locator("[name=mode][value=in_person]").check()
    page.locator("[name=message]").fill("団体の立ち上げ方を相談したいです。")
    page.get_by_role("button", name=ja("Book"), exact=True).click()
    page.locator(".alert-success").first.wait_for()
    check_accessibility(page)
    assert Consultation.objects.filter(asker=citizen, slot=slot).exists()
    visit(page, live_server, "/consultations/mine/")

    # The desk's queue and one consultation in it.
    login_as(page, live_server, desk)
    visit(page, live_server, "/staff/consultations/")
    page.get_by_role("link", name=booked.receipt_number).click()
    page.wait_for_url(f"**/staff/consultations/{booked.pk}/")
    check_accessibility(page)

    # メールマガジン: subscribe and manage.
    page.context.clear_cookies()
    visit(page, live_server, "/newsletter/")
    visit(page, live_server, f"/newsletter/manage/{subscription.token}/")

    # The English search, empty and with a query.
    visit(page, live_server, "/en/search/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("search", name="Search the portal").get_by_role("searchbox").fill("welfare")
    page.get_by_role("search", name="Search the portal").get_by_role("button").click()
    page.wait_for_url("**/en/search/?*q=welfare*")
    check_accessibility(page)
    # Found through its field's English name (福祉: Welfare).
    assert page.get_by_role("link", name=group.name).count() == 1
