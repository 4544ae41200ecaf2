"""Every public page, in Japanese and English, passes axe-core and works from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.models import InfoPage, News
from tests.e2e.conftest import check_accessibility, restore_talent_skills

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_city(live_server: Any) -> dict[str, Any]:
    restore_talent_skills()
    with override_settings(DEMO_DATA_ALLOWED=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    from facilities.models import LotteryRound
    from groups.models import CommunityGroup, Event, VolunteerOpening

    return {
        "group": CommunityGroup.objects.registered().order_by("pk").first(),
        "event": Event.objects.upcoming().filter(requires_signup=True).order_by("starts_at").first(),
        "opening": VolunteerOpening.objects.open().order_by("pk").first(),
        "news": News.objects.published().first(),
        "pages": list(InfoPage.objects.published().values_list("slug", flat=True)),
        "round": LotteryRound.objects.order_by("pk").first(),
    }


def test_public_pages__no_axe_violations(page: Any, live_server: Any, demo_city: dict[str, Any]) -> None:
    paths = [
        "/",
        "/news/",
        demo_city["news"].get_absolute_url(),
        "/faq/",
        *(f"/pages/{slug}/" for slug in demo_city["pages"]),
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/no-such-page/",
        "/groups/",
        "/groups/?q=福祉&recruiting=1",
        demo_city["group"].get_absolute_url(),
        f"/groups/{demo_city['group'].slug}/contact/",
        "/events/",
        "/events/?month=2026-12",
        demo_city["event"].get_absolute_url(),
        "/volunteer/",
        demo_city["opening"].get_absolute_url(),
        "/opendata/",
        "/facilities/",
        "/facilities/?kind=room&capacity=10&barrier_free=on",
        "/facilities/central/",
        "/facilities/central/room-a/",
        "/facilities/east/meeting-1/",
        "/facilities/central/projector/",
        "/facilities/lottery/",
        f"/facilities/lottery/{demo_city['round'].pk}/",
    ]
    assert len(demo_city["pages"]) >= 6
    for prefix in ("", "/en"):
        for path in paths:
            response = page.goto(f"{live_server.url}{prefix}{path}")
            assert response is not None
            assert response.status in (200, 404), f"{prefix}{path}: {response.status}"
            check_accessibility(page)


def test_public_pages__phone_width_and_keyboard(page: Any, live_server: Any, demo_city: dict[str, Any]) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ("/news/", "/faq/", "/pages/civic-activity/", "/accounts/signup/", "/en/accounts/login/", "/"):
        page.goto(f"{live_server.url}{path}")
        # Nothing sticks out sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    # The first Tab reaches the skip link, and it moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("window.location.hash") == "#main"
    check_accessibility(page)


def test_public_pages__work_without_javascript(browser: Any, live_server: Any, demo_city: dict[str, Any]) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="FAQ", exact=True).first.click()
    assert page.url.endswith("/en/faq/")
    context.close()
