"""Every main page under /en/ reads in English: with demo-like data whose user-written
content (group names, event titles, places, people) is in ASCII, the visible text has
no Japanese left, so whatever Japanese appears comes from the portal itself (a label,
a help text, a choice, a staff-edited name without its English field)."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from facilities.models import ReductionRule, Surcharge
from facilities.services import booking_create
from groups.services import opening_create
from portal.models import Department, SiteConfiguration, StaffRole, User
from portal.services import staff_assign
from tests.factories.events import create_event
from tests.factories.facilities import create_facility, create_room, days_ahead, facility_staff
from tests.factories.groups import create_group
from tests.factories.portal import ActivityFieldFactory, AreaFactory, UserFactory
from tests.roles import with_totp

pytestmark = pytest.mark.django_db

# Kana, kanji, Japanese punctuation (「」、。) and full-width forms (（）).
JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]+")
LANGUAGE_SWITCH = "日本語"


class VisibleText(HTMLParser):
    """The text a reader sees or hears: everything outside tags, without scripts and
    styles, and the attributes shown or read out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        # What is shown or read out from attributes: tooltips, labels, placeholders, buttons.
        for name, value in attrs:
            if value and name in ("title", "aria-label", "placeholder", "alt"):
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def japanese_in(html: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The Japanese runs in the page's visible text, each with a little context,
    except the `allowed` ones (user-written content)."""
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split()).replace(LANGUAGE_SWITCH, "")
    return [
        text[max(m.start() - 30, 0) : m.end() + 30].strip() for m in JAPANESE.finditer(text) if m.group() not in allowed
    ]


# Readings (フリガナ) are katakana by rule: user-written content that staff check when
# they review an application; other English pages leave them out (they help Japanese
# readers only).
ASCII_GROUP = {
    "name": "Riverside Reading Circle",
    "name_kana": "リバーサイド",
    "purpose": "Reading picture books with children.",
    "activities": "Story time every second Saturday.",
    "meeting_place": "Central community hall",
    "meeting_schedule": "Second Saturday of the month",
    "representative_name": "Hanako Sato",
    "representative_kana": "サトウ ハナコ",
    "contact_name": "Taro Ito",
    "contact_kana": "イトウ タロウ",
    "address": "1-2-3 Chuo, Midori City",
}
READINGS = frozenset(
    word for key in ("name_kana", "representative_kana", "contact_kana") for word in ASCII_GROUP[key].split()
)
ASCII_EVENT = {
    "title": "Picture book afternoon",
    "title_kana": "",
    "title_en": "Picture book afternoon",
    "description": "Everyone is welcome.",
    "place": "Centre meeting room A",
    "audience": "Everyone",
}
ASCII_OPENING = {
    "title": "Kitchen helper",
    "description": "Help cook and serve at the children's canteen.",
    "when": "Second Saturday, 10:00-14:00",
    "place": "Central community hall kitchen",
    "skills": "None",
    "welcome_students": True,
    "people_needed": 3,
}


def ascii_user(email: str) -> User:
    return UserFactory(email=email, full_name="Hanako Sato", full_name_kana="ハナコ サトウ")


@pytest.fixture
def site() -> dict[str, Any]:
    """Users, groups and content with ASCII names and text, written by people using
    English (the audit log shows each object as it was named when the entry was
    written); a centre with Japanese and English names; bookings by a group and by a
    department; an event and a volunteer opening."""
    translation.activate("en")
    department = Department.objects.create(
        code="kyodo", name="市民協働推進課", name_en="Civic Collaboration Promotion Division"
    )
    users: dict[str, Any] = {
        name: ascii_user(f"{name}@example.jp")
        for name in ("citizen", "representative", "centre_staff", "city_staff", "superuser")
    }
    users["factory_staff"] = ascii_user("factory-staff@example.jp")  # tests.factories.groups.reviewing_staff
    for name in ("city_staff", "factory_staff"):
        staff_assign(user=users[name], role=StaffRole.CITY_STAFF, department=department, actor=None)
    users["superuser"].is_superuser = users["superuser"].is_staff = True
    users["superuser"].save(update_fields=["is_superuser", "is_staff"])
    for name in ("city_staff", "superuser"):
        users[name] = with_totp(User.objects.get(pk=users[name].pk))
    field, area = ActivityFieldFactory(), AreaFactory()
    fields_and_areas = {"fields": [field], "areas": [area]}
    group = create_group(representative=users["representative"], **fields_and_areas, **ASCII_GROUP)
    other = ascii_user("other-representative@example.jp")
    create_group(representative=other, **fields_and_areas, **{**ASCII_GROUP, "name": "Hillside Walkers"})
    pending = create_group(
        representative=ascii_user("applicant@example.jp"),
        registered=False,
        **fields_and_areas,
        **{**ASCII_GROUP, "name": "Harbour Choir"},
    )
    SiteConfiguration.get_solo()
    representative = users["representative"]
    facility = create_facility(
        slug="central", name="みどり市民活動センター", name_en="Midori Civic Activity Centre", address_en="1-1 Chuo"
    )
    for name, name_en in (("午前", "Morning"), ("午後", "Afternoon"), ("夜間", "Evening")):
        facility.divisions.filter(name=name).update(name_en=name_en)
    room = create_room(facility, name="会議室A", name_en="Meeting room A")
    Surcharge.objects.create(facility=facility, name="冷暖房の使用", name_en="Air conditioning", amount_per_slot=200)
    ReductionRule.objects.create(
        name="登録団体の公益活動", name_en="Public-interest activity of a registered group", percent=100
    )
    users["centre_staff"] = facility_staff(facility, users["centre_staff"])
    use_date = days_ahead(8)
    common = {"resource": room, "use_date": use_date, "expected_people": 5}
    group_booking = booking_create(
        actor=representative, slot_keys=["09:00"], purpose="Monthly meeting", group=group, **common
    )
    department_booking = booking_create(
        actor=users["city_staff"], slot_keys=["13:00"], purpose="Briefing", department=department, **common
    )
    event = create_event(group=group, **ASCII_EVENT)
    opening = opening_create(
        group=group,
        actor=representative,
        data={**ASCII_OPENING, "deadline": timezone.localdate() + datetime.timedelta(days=30)},
    )
    translation.activate("ja")
    return {
        "users": users,
        "group": group,
        "event": event,
        "facility": facility,
        "room": room,
        "booking": group_booking,
        "department_booking": department_booking,
        "opening": opening,
        "pending": pending,
        "use_date": use_date,
    }


def _url(name: str, *args: Any, query: str = "") -> str:
    with translation.override("en"):
        return reverse(name, args=args) + query


def pages(site: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    """(page, who, URL) for the main public and signed-in pages."""
    group, event, room = site["group"], site["event"], site["room"]
    week = f"?week={site['use_date'].isoformat()}"
    with translation.override("en"):
        event_url = event.get_absolute_url()
    return [
        ("home", None, _url("portal:home")),
        ("groups", None, _url("groups:list")),
        ("group profile", None, _url("groups:detail", group.slug)),
        ("events", None, _url("groups:event-list")),
        ("event", None, event_url),
        ("calendar", None, _url("groups:event-list", query=f"?month={site['use_date']:%Y-%m}")),
        ("volunteering", None, _url("groups:opening-list")),
        ("facilities", None, _url("facilities:list")),
        ("facility", None, _url("facilities:facility", "central")),
        ("week view", None, _url("facilities:resource", "central", room.slug, query=week)),
        ("week view (centre staff)", "centre_staff", _url("facilities:resource", "central", room.slug, query=week)),
        (
            "booking form",
            "representative",
            _url("facilities:book", "central", room.slug, query=f"?date={site['use_date'].isoformat()}"),
        ),
        ("my bookings", "representative", _url("facilities:my-bookings")),
        ("group registration", "citizen", _url("groups:register")),
        ("staff bookings", "city_staff", _url("facilities:staff-bookings", "central")),
        ("staff booking", "city_staff", _url("facilities:staff-booking", site["booking"].pk)),
        ("city-use booking", "city_staff", _url("facilities:staff-booking", site["department_booking"].pk)),
        ("my bookings (city staff)", "city_staff", _url("facilities:my-bookings")),
        ("staff dashboard", "city_staff", _url("portal:staff-dashboard")),
        ("audit log", "superuser", _url("portal:staff-auditlog")),
        # Beyond the main pages: the rest a group, a booker and staff use.
        ("news", None, _url("portal:news-list")),
        ("faq", None, _url("portal:faq")),
        ("volunteer opening", None, _url("groups:opening-detail", site["opening"].pk)),
        ("lotteries", None, _url("facilities:lottery-list")),
        ("account", "representative", _url("portal:account")),
        ("group manage", "representative", _url("groups:manage", group.slug)),
        ("event form", "representative", _url("groups:event-create", group.slug)),
        ("booking", "representative", _url("facilities:booking", site["booking"].pk)),
        ("review queue", "city_staff", _url("groups:review-queue")),
        ("group review", "city_staff", _url("groups:review", site["pending"].slug)),
        ("my groups", "representative", _url("groups:mine")),
        ("members", "representative", _url("groups:members", group.slug)),
        ("participants", "representative", _url("groups:event-participants", event.pk)),
        ("opening applications", "representative", _url("groups:opening-applications", site["opening"].pk)),
        ("permit", "representative", _url("facilities:booking-permit", site["booking"].pk)),
        ("staff facilities", "centre_staff", _url("facilities:staff")),
        ("occupancy", "city_staff", _url("facilities:staff-occupancy")),
        ("closures", "centre_staff", _url("facilities:staff-closures", "central")),
        ("booking rules", "centre_staff", _url("facilities:staff-policy", "central")),
        (
            "counter booking form",
            "centre_staff",
            _url("facilities:staff-book", "central", room.slug, query=f"?date={site['use_date'].isoformat()}"),
        ),
    ]


def test_english_pages__no_japanese_in_visible_text(client: Any, site: dict[str, Any]) -> None:
    found = []
    for page, who, url in pages(site):
        client.logout()
        if who is not None:
            client.force_login(site["users"][who])
        response = client.get(url)
        assert response.status_code == 200, f"{page}: GET {url} gave {response.status_code}"
        allowed = READINGS if page == "group review" else frozenset()  # the application as written
        found += [f"{page} ({url}): …{run}…" for run in japanese_in(response.content.decode(), allowed)]
    assert not found, "Japanese on English pages:\n" + "\n".join(found)


def test_week_view__department_name_in_english_for_staff(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["users"]["centre_staff"])
    url = _url("facilities:resource", "central", site["room"].slug, query=f"?week={site['use_date'].isoformat()}")
    page = client.get(url).content.decode()
    assert "Civic Collaboration Promotion Division" in page
    assert "市民協働推進課" not in page
    japanese = client.get(url.removeprefix("/en")).content.decode()
    assert "市民協働推進課" in japanese


def test_visible_text__finds_japanese_in_text_and_read_attributes() -> None:
    html = '<p data-note="日本語の説明">Hello <b>会議室</b></p><script>var s="漢字";</script><a>日本語</a>'
    assert japanese_in(html) == ["Hello 会議室"]
    assert japanese_in('<a href="/" aria-label="ホーム">Home</a>') == ["ホーム Home"]
    assert japanese_in("<p>2026/11/27（令和）</p>") == ["2026/11/27（令和）"]
    assert japanese_in("<p>Furigana リバーサイド</p>", frozenset({"リバーサイド"})) == []


def test_group_furigana__shown_in_japanese_only(client: Any, site: dict[str, Any]) -> None:
    group = site["group"]
    for url in (reverse("groups:list"), group.get_absolute_url()):
        assert "リバーサイド" in client.get(url).content.decode()
        assert "リバーサイド" not in client.get(f"/en{url}").content.decode()


def test_city_use__reduction_reason_in_the_active_language(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["users"]["city_staff"])
    url = reverse("facilities:staff-booking", args=[site["department_booking"].pk])
    japanese, english = client.get(url).content.decode(), client.get(f"/en{url}").content.decode()
    assert "市の事業による使用" in japanese
    assert "City use" in english
    assert "市の事業による使用" not in english


# Japanese in an English msgid on purpose: an example of what to type.
JAPANESE_IN_MSGIDS = {"In katakana, e.g. ミドリ ハナコ."}


def test_catalogue__english_msgids_have_no_japanese() -> None:
    """Labels and help texts are plain English; the Japanese is in the catalogue's
    translation (a term useful to an English reader is said in English)."""
    import polib
    from django.conf import settings

    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / "ja" / "LC_MESSAGES" / "django.po"))
    found = [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete
        and entry.msgid not in JAPANESE_IN_MSGIDS
        and JAPANESE.search(entry.msgid + (entry.msgid_plural or ""))
    ]
    assert not found


def test_name_with_reading__punctuation_of_the_language(client: Any, site: dict[str, Any]) -> None:
    client.force_login(site["users"]["city_staff"])
    url = reverse("groups:review", args=[site["pending"].slug])
    assert "Hanako Sato（サトウ ハナコ）" in client.get(url).content.decode()
    assert "Hanako Sato (サトウ ハナコ)" in client.get(f"/en{url}").content.decode()
