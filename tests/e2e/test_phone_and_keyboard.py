"""The shell on a phone (390 px) and from the keyboard, with JavaScript switched off:
the collapsible menu, the month calendar as a list, the week view without sideways page
scrolling, focus rings of at least 3:1 on every control, and the error summary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from facilities.availability import week_start
from tests.e2e.conftest import check_accessibility
from tests.factories.events import create_event
from tests.factories.facilities import create_facility, create_room, days_ahead

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}

# Focus ring of the focused element against the first opaque background behind it (the
# ring sits 2 px outside the control, on its container's background).
FOCUS_RING = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // The last stop in a date field is its calendar button, inside the browser's own
    // parts (drawn with the browser's black ring): the field itself is not :focus then.
    if (el.matches('input[type=date]') && !el.matches(':focus')) return {element: 'date picker', skip: true};
    const parse = (c) => {
        const p = c.match(/[\\d.]+/g).map(Number);
        return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
    };
    const lum = ({r, g, b}) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let background = {r: 255, g: 255, b: 255, a: 1};
    for (let node = el.parentElement; node; node = node.parentElement) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c.a > 0.5) { background = c; break; }
    }
    const style = getComputedStyle(el);
    const [a, b] = [lum(parse(style.outlineColor)), lum(background)];
    return {
        element: el.outerHTML.slice(0, 90),
        kind: el.tagName.toLowerCase() + (el.getAttribute('type') ? ':' + el.getAttribute('type') : ''),
        focusVisible: el.matches(':focus-visible'),
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
    };
}"""

NO_PAGE_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def without_js(browser: Any, live_server: Any) -> Iterator[Any]:
    """A phone-sized page with JavaScript switched off: everything here must work so."""
    context = browser.new_context(java_script_enabled=False, locale="ja-JP", base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def city(live_server: Any) -> dict[str, Any]:
    facility = create_facility(slug="central", name="みどり市民活動センター", policy={"individual_advance_days": 90})
    create_room(facility, slug="room-a", name="会議室A", capacity=24)
    event = create_event(title="月例清掃と花壇の手入れ（どなたでも参加できます）")
    return {
        "month": timezone.localtime(event.starts_at).strftime("%Y-%m"),
        "event": event,
        "week": (week_start(days_ahead(7))).isoformat(),
    }


def _tab_through(page: Any, presses: int = 80) -> list[dict[str, Any]]:
    """Press Tab until focus leaves the page (or `presses` times); the focus ring of each stop."""
    rings: list[dict[str, Any]] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None or (rings and ring["element"] == rings[0]["element"]):
            break
        if not ring.get("skip"):
            rings.append(ring)
    return rings


def _assert_ring(ring: dict[str, Any], where: str) -> None:
    assert ring["focusVisible"], (where, ring)
    assert ring["style"] == "solid", (where, ring)
    assert ring["width"] >= 2, (where, ring)
    assert ring["ratio"] >= 3, (where, ring)


def test_menu__collapsed_on_a_phone_and_opened_from_the_keyboard_without_js(
    without_js: Any, live_server: Any, city: dict[str, Any]
) -> None:
    page = without_js
    page.goto("/")
    toggle = page.locator("summary.site-menu-toggle")
    events_link = page.locator(".site-menu nav a", has_text="イベント")
    assert toggle.is_visible()
    assert not events_link.is_visible()
    # The header and the closed menu take well under a quarter of the screen.
    header = page.locator("header.site-header").bounding_box()
    assert header is not None
    assert header["height"] < PHONE["height"] / 4, header
    # Skip link, site name, the search box and its button, language switch, then the
    # menu button.
    for _ in range(6):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('summary.site-menu-toggle')")
    page.keyboard.press("Enter")
    assert page.locator("details.site-menu").evaluate("el => el.open")
    assert events_link.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('details.site-menu') !== null")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert not events_link.is_visible()
    assert page.evaluate(NO_PAGE_OVERFLOW)

    # Wide screens show the bar as before, with no menu button.
    page.set_viewport_size(WIDE)
    assert not toggle.is_visible()
    assert page.locator(".site-nav-wide nav a", has_text="イベント").is_visible()


def test_calendar__a_list_of_days_on_a_phone_and_a_table_on_wide_screens(
    without_js: Any, live_server: Any, city: dict[str, Any]
) -> None:
    page = without_js
    page.goto(f"/events/?month={city['month']}")
    assert page.locator("ol.event-calendar-list").is_visible()
    assert not page.locator("table.event-calendar").is_visible()
    title = page.get_by_role("link", name=city["event"].title)
    assert title.count() == 1  # the hidden table is not in the accessibility tree
    box = title.bounding_box()
    assert box is not None
    assert box["width"] > PHONE["width"] / 2, "the title is squeezed into a narrow column"
    assert page.evaluate(NO_PAGE_OVERFLOW)
    page.screenshot(path="test-results/phone-calendar.png", full_page=True)

    page.set_viewport_size(WIDE)
    assert page.locator("table.event-calendar").is_visible()
    assert not page.locator("ol.event-calendar-list").is_visible()


def test_week_view__no_sideways_page_overflow_on_a_phone(
    without_js: Any, live_server: Any, city: dict[str, Any]
) -> None:
    page = without_js
    page.goto(f"/facilities/central/room-a/?week={city['week']}")
    assert page.locator("td.slot-free a").count() > 0
    assert page.evaluate(NO_PAGE_OVERFLOW)
    # The table scrolls inside its own box instead, with the time column kept in view.
    scroller = page.locator(".availability-scroll")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
    time_column = page.locator(".availability tbody th").first
    before = time_column.bounding_box()
    scroller.evaluate("el => { el.scrollLeft = 200; }")
    after = time_column.bounding_box()
    assert before is not None
    assert after is not None
    assert abs(after["x"] - before["x"]) <= 1
    # The scroll box is reachable from the keyboard.
    scroller.focus()
    assert page.evaluate("document.activeElement.classList.contains('availability-scroll')")
    page.screenshot(path="test-results/phone-week.png", full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_focus_rings__three_to_one_on_every_control(
    without_js: Any, live_server: Any, city: dict[str, Any], viewport: dict[str, int]
) -> None:
    """Tab through pages with links, buttons, inputs, selects, radio buttons, check boxes
    and the menu's summary; every stop shows a ring of at least 3:1 against its background."""
    page = without_js
    page.set_viewport_size(viewport)
    kinds: set[str] = set()
    for path in ("/", "/accounts/signup/", f"/facilities/central/room-a/?week={city['week']}", "/en/events/"):
        page.goto(path)
        if viewport == PHONE:  # open the menu, keeping the start of the tab order at the top
            page.locator("details.site-menu").evaluate("el => { el.open = true; }")
        rings = _tab_through(page)
        assert len(rings) > 10, path
        for ring in rings:
            _assert_ring(ring, f"{path} at {viewport['width']} px")
        kinds |= {ring["kind"] for ring in rings}
    # Links, buttons, text, e-mail, date and password fields, selects, radio buttons, check
    # boxes and the week view's scroll box (and the menu button on a phone).
    expected = {"a", "button:submit", "input:email", "input:date", "select", "input:radio", "input:checkbox", "div"}
    if viewport == PHONE:
        expected.add("summary")
    assert expected <= kinds, kinds


def test_error_summary__focused_on_load_and_links_to_the_fields(
    without_js: Any, live_server: Any, city: dict[str, Any]
) -> None:
    page = without_js
    page.goto("/accounts/signup/")
    page.locator("main form").evaluate("form => { form.noValidate = true; }")
    page.locator("#id_email").fill("not-an-address")
    page.locator("main form button[type=submit]").click()
    assert page.title().startswith("エラー：")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    # Focus starts on the summary (autofocus, no script), so it is read out first.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.screenshot(path="test-results/phone-error-summary.png")
    links = summary.locator("a")
    assert links.count() >= 4
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert target is not None
        assert page.locator(target).count() == 1, target
    links.first.click()
    assert page.url.endswith("#id_email")
    assert page.locator("#id_email").is_visible()


def test_captions__above_the_table_in_the_text_colour(without_js: Any, live_server: Any, city: dict[str, Any]) -> None:
    page = without_js
    page.goto("/facilities/central/")
    caption = page.locator("caption").first
    style = caption.evaluate(
        "el => ({side: getComputedStyle(el).captionSide, colour: getComputedStyle(el).color,"
        " body: getComputedStyle(document.body).color})"
    )
    assert style["side"] == "top"
    assert style["colour"] == style["body"]
    table = caption.locator("xpath=..").bounding_box()
    box = caption.bounding_box()
    assert table is not None
    assert box is not None
    assert box["y"] <= table["y"] + 1


def test_phone_pages__no_axe_violations(page: Any, live_server: Any, city: dict[str, Any]) -> None:
    page.set_viewport_size(PHONE)
    for path in (
        "/",
        f"/events/?month={city['month']}",
        f"/facilities/central/room-a/?week={city['week']}",
        "/en/facilities/central/",
    ):
        page.goto(path)
        assert page.evaluate(NO_PAGE_OVERFLOW), path
        check_accessibility(page)
        page.locator("summary.site-menu-toggle").click()
        check_accessibility(page)
    # A form with errors: the summary and the fields it links to.
    page.goto("/accounts/signup/")
    page.locator("main form").evaluate("form => { form.noValidate = true; }")
    page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    check_accessibility(page)
