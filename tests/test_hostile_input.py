"""The hostile-input corpus: every form (POST) and every list's query parameters (GET)
of portal, groups and facilities, sent as the role that may use them, with empty,
huge, negative, NUL, invalid UTF-8, multi-line and out-of-range values.

Nothing may answer 500, and a request that is refused (4xx) writes nothing: no
INSERT, UPDATE or DELETE reaches the database (sessions and cache aside).

The fields come from the forms themselves: each target names the form the page
renders (or builds it), and every field of that form is tried in turn, the others
keeping valid values. To cover a new form, add a `PostTarget`; a new list, a
`GetTarget`; any other URL (an action without a form, a page, a file, an allauth
step), an `Endpoint`. Every URL pattern of the project (the Django admin aside) must be
in one of the three tables or in NOT_IN_CORPUS, with its reason: a new URL fails
test_every_url_is_in_the_corpus until it is added."""

from __future__ import annotations

import datetime
import importlib
import re
import uuid
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django import forms
from django.core.cache.backends.base import CacheKeyWarning
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from facilities import services as facilities_services
from facilities.forms import AttendanceForm, CancelForm
from facilities.models import BookingFeedToken, RoundStatus
from groups import services as group_services
from groups.forms import ApplyForm, MemberForm, MemberRoleForm, SignupForm
from groups.forms import DecisionForm as VolunteerDecisionForm
from groups.models import MembershipRole
from portal.forms import SeenStatusForm
from portal.models import Department
from tests.factories.events import event_data
from tests.factories.facilities import (
    book_for_group,
    create_equipment,
    create_facility,
    create_lottery_round,
    create_room,
    create_won_entry,
    days_ahead,
    facility_staff,
)
from tests.factories.groups import apply_for_group, default_taxonomy, registration_data
from tests.factories.portal import TEST_PASSWORD, InfoPageFactory, NewsFactory, UserFactory
from tests.factories.volunteering import create_opening, opening_data
from tests.roles import url_names

pytestmark = pytest.mark.django_db

INVALID_UTF8 = object()  # sent as the raw bytes %FF%FE
HUGE = "x" * 100_000

ANY_VALUES: tuple[Any, ...] = ("", HUGE, "a\x00b", INVALID_UTF8)
NUMBER_VALUES: tuple[Any, ...] = (str(10**30), "-1")
TEXT_VALUES: tuple[Any, ...] = ("Line\nbreak\r\nname",)
DATE_VALUES: tuple[Any, ...] = ("0001-01-01", "9999-12-31", "2026-02-30")
DATETIME_VALUES: tuple[Any, ...] = ("0001-01-01T00:00", "9999-12-31T23:59", "2026-02-30T10:00")

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
NOT_DATA = ("django_session", "django_cache", "portal_cache")


def _label(value: Any) -> str:
    if value is INVALID_UTF8:
        return "%FF%FE"
    text = str(value)
    return f"{text[:12]}…({len(text)})" if len(text) > 20 else repr(text)


def values_for(form_field: forms.Field | None) -> tuple[Any, ...]:
    """The hostile values worth sending to a field of this kind."""
    if isinstance(form_field, forms.DateTimeField):
        return ANY_VALUES + DATETIME_VALUES
    if isinstance(form_field, forms.DateField):
        return ANY_VALUES + DATE_VALUES
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField | forms.ModelChoiceField):
        return ANY_VALUES + NUMBER_VALUES
    if isinstance(form_field, forms.ChoiceField | forms.BooleanField):
        return ANY_VALUES
    if form_field is None:  # a query parameter the view reads itself
        return ANY_VALUES + DATE_VALUES + NUMBER_VALUES
    return ANY_VALUES + TEXT_VALUES


def encode(pairs: list[tuple[str, Any]]) -> str:
    """A urlencoded query or body; INVALID_UTF8 goes in as raw bytes."""
    parts = []
    for name, value in pairs:
        text = "%FF%FE" if value is INVALID_UTF8 else quote(str(value), safe="")
        parts.append(f"{quote(name)}={text}")
    return "&".join(parts)


def pairs_of(data: dict[str, Any]) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = []
    for name, value in data.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append((name, item))
    return pairs


def data_writes(captured: CaptureQueriesContext) -> list[str]:
    """The writes that stayed: those inside a savepoint later rolled back are dropped."""
    writes: list[str] = []
    savepoints: dict[str, int] = {}
    for query in captured.captured_queries:
        sql = query["sql"]
        if sql.startswith("SAVEPOINT "):
            savepoints[sql.split()[1]] = len(writes)
        elif sql.startswith("ROLLBACK TO SAVEPOINT "):
            del writes[savepoints.get(sql.split()[3], len(writes)) :]
        elif WRITE.match(sql) and not any(table in sql for table in NOT_DATA):
            writes.append(sql[:200])
    return writes


@dataclass(frozen=True)
class PostTarget:
    name: str
    role: str
    url: Callable[[dict[str, Any]], str]
    form: Callable[[Any, dict[str, Any]], forms.BaseForm]  # (GET response, world) -> the page's form
    base: Callable[[dict[str, Any]], dict[str, Any]] = lambda w: {}
    fixed: dict[str, Any] = field(default_factory=dict)  # sent every time, not varied (e.g. action)
    page: Callable[[dict[str, Any]], str] | None = None  # the page showing the form, when not `url`

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class GetTarget:
    name: str
    role: str
    url: Callable[[dict[str, Any]], str]
    params: Callable[[Any], dict[str, forms.Field | None]]  # (GET response) -> parameter names and fields

    def __str__(self) -> str:
        return self.name


def in_context(name: str) -> Callable[[Any, dict[str, Any]], forms.BaseForm]:
    return lambda response, world: response.context[name]


def filter_params(*extra: str) -> Callable[[Any], dict[str, forms.Field | None]]:
    """The list's FilterSet fields, plus parameters the view reads itself."""

    def params(response: Any) -> dict[str, forms.Field | None]:
        found: dict[str, forms.Field | None] = {}
        if response.context and "filter" in response.context:
            found.update(response.context["filter"].form.fields)
        found.update(dict.fromkeys(extra))
        return found

    return params


def only(*names: str) -> Callable[[Any], dict[str, forms.Field | None]]:
    return lambda response: dict.fromkeys(names)


def local(value: datetime.datetime | None) -> str:
    return "" if value is None else timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def event_post_data(**overrides: Any) -> dict[str, Any]:
    data = {}
    for key, value in event_data(**overrides).items():
        if isinstance(value, datetime.datetime):
            data[key] = local(value)
        elif isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is not None:
            data[key] = value
    return data


def group_post_data(world: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in registration_data().items() if v is not None and v is not False}
    data = {k: ("on" if v is True else v) for k, v in data.items()}
    return {**data, "fields": [world["field"].pk], "areas": [world["area"].pk]}


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    field, area = (x[0] for x in default_taxonomy())
    group = role_users["_group"]
    rep = role_users["representative"]
    facility = create_facility(slug="central")
    room = create_room(facility)
    equipment = create_equipment(facility)
    hall = create_room(facility, slug="hall", uses_lottery=True, capacity=100)
    facility_staff(facility, role_users["centre_staff"])
    booking = book_for_group(room, group)
    round_ = create_lottery_round(facility, [hall])
    use_month = round_.use_month
    event = group_services.event_create(actor=rep, group=group, data=event_data(capacity=5, requires_signup=True))
    opening = create_opening(group=group)
    application = group_services.application_create(
        opening=opening, user=role_users["other_representative"], message="手伝えます"
    )
    won = create_won_entry(
        create_room(facility, slug="stage", uses_lottery=True, capacity=100),
        actor=rep,
        staff=role_users["centre_staff"],
        group=group,
        use_month=(timezone.localdate().replace(day=1) + datetime.timedelta(days=93)).replace(day=1),
    )
    entry = facilities_services.entry_create(
        actor=rep,
        round_=round_,
        resource=hall,
        use_date=use_month + datetime.timedelta(days=4),
        division=facility.divisions.order_by("starts").first(),
        purpose="練習",
        expected_people=20,
        group=group,
    )
    citizen = role_users["citizen"]
    group_services.registration_create(event=event, user=citizen, note="")
    data = {
        **role_users,
        "won": won,
        "entry": entry,
        "invitation": group_services.membership_invite(group=group, actor=rep, email=citizen.email, role="member"),
        "attachment": group_services.attachment_add(
            group=group,
            actor=rep,
            kind="rules",
            upload=SimpleUploadedFile("rules.pdf", b"%PDF-1.4\n", "application/pdf"),
        ),
        "feed": BookingFeedToken.objects.create(user=rep),
        "news": NewsFactory(),
        "page": InfoPageFactory(slug="civic-activity"),
        "field": field,
        "area": area,
        "group": group,
        "facility": facility,
        "room": room,
        "equipment": equipment,
        "hall": hall,
        "booking": booking,
        "round": round_,
        "use_month": use_month,
        "event": event,
        "opening": opening,
        "application": application,
        "pending": apply_for_group(applicant=UserFactory()),
        "department": Department.objects.get(code="kyodo"),
        "member": group.memberships.get(role=MembershipRole.MEMBER),
    }
    for extension in EXTENSIONS:
        data.update(extension.world(data))
    return data


def _url(name: str, *keys: str, attr: str = "pk") -> Callable[[dict[str, Any]], str]:
    return lambda w: reverse(name, args=[getattr(w[k], attr) if k in w else k for k in keys])


def _slug(name: str, *keys: str) -> Callable[[dict[str, Any]], str]:
    return _url(name, *keys, attr="slug")


def _uid(world: dict[str, Any]) -> str:
    return user_pk_to_url_str(world["citizen"])


BOOKING_BASE = {"booker": "self", "purpose": "会議", "expected_people": "5", "reduction_reason": ""}

POST_TARGETS = [
    # portal
    PostTarget(
        "account",
        "citizen",
        lambda w: reverse("portal:account"),
        in_context("form"),
        lambda w: {"full_name": "市民 太郎", "full_name_kana": "シミン タロウ", "relationship": "resident"},
    ),
    PostTarget("account delete", "citizen", lambda w: reverse("portal:account-delete"), in_context("form")),
    PostTarget(
        "sign-up",
        "anonymous",
        lambda w: reverse("account_signup"),
        in_context("form"),
        lambda w: {
            "email": "newcomer@example.jp",
            "password1": "a-long-Passphrase-1",
            "password2": "a-long-Passphrase-1",
            "full_name": "新規 花子",
            "full_name_kana": "シンキ ハナコ",
            "relationship": "resident",
            "preferred_language": "ja",
            "agree_terms": "on",
        },
    ),
    # groups
    PostTarget("group register", "citizen", lambda w: reverse("groups:register"), in_context("form"), group_post_data),
    PostTarget("group edit", "representative", _slug("groups:edit", "group"), in_context("form"), group_post_data),
    PostTarget(
        "group review",
        "city_staff",
        _slug("groups:review", "pending"),
        in_context("form"),
        lambda w: {"decision": "return", "reason": "記入漏れがあります。", "seen_status": w["pending"].status},
    ),
    PostTarget(
        "member invite",
        "representative",
        _slug("groups:members", "group"),
        in_context("invite_form"),
        lambda w: {"email": "new@example.jp", "role": "member"},
        fixed={"action": "invite"},
    ),
    PostTarget(
        "member role",
        "representative",
        _slug("groups:members", "group"),
        lambda r, w: MemberRoleForm(),
        lambda w: {"membership": w["member"].pk, "role": "member"},
        fixed={"action": "role"},
    ),
    PostTarget(
        "member remove",
        "representative",
        _slug("groups:members", "group"),
        lambda r, w: MemberForm(),
        lambda w: {"membership": w["member"].pk},
        fixed={"action": "remove"},
    ),
    PostTarget("group withdraw", "representative", _slug("groups:withdraw", "group"), in_context("form"), lambda w: {}),
    PostTarget(
        "event create",
        "representative",
        _slug("groups:event-create", "group"),
        in_context("form"),
        lambda w: event_post_data(),
    ),
    PostTarget(
        "department event create",
        "city_staff",
        lambda w: reverse("groups:department-event-create"),
        in_context("form"),
        lambda w: {**event_post_data(), "department": w["department"].pk},
    ),
    PostTarget(
        "event edit",
        "representative",
        _url("groups:event-edit", "event"),
        in_context("form"),
        lambda w: event_post_data(title=w["event"].title),
    ),
    PostTarget(
        "event signup",
        "citizen",
        _url("groups:event-signup", "event"),
        lambda r, w: SignupForm(),
        lambda w: {"note": "よろしく"},
        page=_url("groups:event-detail", "event"),
    ),
    PostTarget(
        "event cancel", "representative", _url("groups:event-cancel", "event"), in_context("form"), lambda w: {}
    ),
    PostTarget(
        "opening create",
        "representative",
        _slug("groups:opening-create", "group"),
        in_context("form"),
        lambda w: {**opening_data(), "deadline": opening_data()["deadline"].isoformat(), "welcome_students": "on"},
    ),
    PostTarget(
        "opening edit",
        "representative",
        _url("groups:opening-edit", "opening"),
        in_context("form"),
        lambda w: {**opening_data(), "deadline": opening_data()["deadline"].isoformat(), "welcome_students": "on"},
    ),
    PostTarget(
        "opening apply",
        "citizen",
        _url("groups:opening-apply", "opening"),
        lambda r, w: ApplyForm(),
        lambda w: {"message": "週末に手伝えます。"},
        page=_url("groups:opening-detail", "opening"),
    ),
    PostTarget(
        "opening close", "representative", _url("groups:opening-close", "opening"), in_context("form"), lambda w: {}
    ),
    PostTarget(
        "opening decision",
        "representative",
        _url("groups:opening-applications", "opening"),
        lambda r, w: VolunteerDecisionForm(),
        lambda w: {"application": w["application"].pk, "decision": "accept", "reply": "ありがとうございます"},
    ),
    PostTarget(
        "group contact",
        "anonymous",
        _slug("groups:contact", "group"),
        in_context("form"),
        lambda w: {"name": "問合 太郎", "email": "ask@example.jp", "message": "見学できますか。"},
    ),
    # facilities
    PostTarget(
        "book room",
        "representative",
        lambda w: reverse("facilities:book", args=["central", "room-a"]) + f"?date={days_ahead(12).isoformat()}",
        in_context("form"),
        lambda w: {**BOOKING_BASE, "slots": ["13:00"], "booker": f"group:{w['group'].pk}"},
    ),
    PostTarget(
        "book equipment",
        "representative",
        lambda w: reverse("facilities:book", args=["central", "projector"]) + f"?date={days_ahead(12).isoformat()}",
        in_context("form"),
        lambda w: {**BOOKING_BASE, "quantity": "1", "days": "1"},
    ),
    PostTarget(
        "counter booking",
        "centre_staff",
        lambda w: reverse("facilities:staff-book", args=["central", "room-a"]) + f"?date={days_ahead(12).isoformat()}",
        in_context("form"),
        lambda w: {**BOOKING_BASE, "slots": ["18:00"], "channel": "counter", "person_email": "walkin@example.jp"},
    ),
    PostTarget(
        "booking cancel",
        "representative",
        _url("facilities:booking-cancel", "booking"),
        lambda r, w: CancelForm(),
        lambda w: {"reason": "都合により"},
    ),
    PostTarget(
        "booking attendance",
        "representative",
        _url("facilities:booking-attendance", "booking"),
        lambda r, w: AttendanceForm(),
        lambda w: {"people": "4"},
    ),
    *(
        PostTarget(
            f"staff booking {action}",
            "centre_staff",
            _url("facilities:staff-booking", "booking"),
            in_context(context),
            lambda w, base=base: dict(base),
            fixed={"action": action},
        )
        for action, context, base in (
            ("decide", "decision_form", {"decision": "approve", "note": ""}),
            ("pay", "payment_form", {"method": "cash"}),
            ("attendance", "attendance_form", {"people": "4"}),
            ("cancel", "cancel_form", {"reason": "設備故障"}),
            ("refund", "refund_form", {}),
        )
    ),
    PostTarget(
        "staff lottery draw",
        "centre_staff",
        _url("facilities:staff-lottery", "round"),
        lambda r, w: SeenStatusForm(choices=RoundStatus.choices),
        lambda w: {"seen_status": "planned"},
        fixed={"action": "draw"},
    ),
    PostTarget(
        "closure",
        "centre_staff",
        _slug("facilities:staff-closures", "facility"),
        in_context("form"),
        lambda w: {
            "starts_on": days_ahead(40).isoformat(),
            "ends_on": days_ahead(41).isoformat(),
            "reason": "設備点検",
            "confirm": "on",
        },
    ),
    PostTarget(
        "booking rules",
        "centre_staff",
        _slug("facilities:staff-policy", "facility"),
        in_context("form"),
        lambda w: {
            "group_advance_days": "90",
            "individual_advance_days": "30",
            "min_slots": "1",
            "max_slots": "3",
            "monthly_cap": "10",
            "cancellation_deadline_days": "3",
            "full_refund_days": "7",
            "late_refund_percent": "50",
        },
    ),
    PostTarget(
        "lottery round",
        "centre_staff",
        _slug("facilities:staff-lottery-create", "facility"),
        in_context("form"),
        lambda w: {
            "use_month": (w["use_month"] + datetime.timedelta(days=62)).strftime("%Y-%m"),
            "entries_open_at": local(timezone.now() + datetime.timedelta(days=1)),
            "entries_close_at": local(timezone.now() + datetime.timedelta(days=5)),
            "draw_at": local(timezone.now() + datetime.timedelta(days=6)),
            "confirm_by": local(timezone.now() + datetime.timedelta(days=9)),
            "entries_per_applicant": "5",
            "resources": [w["hall"].pk],
        },
    ),
    *(
        PostTarget(
            name,
            "representative",
            _url("facilities:entry-confirm", "won"),
            in_context("form"),
            lambda w: {"reduction_reason": ""},
            fixed={"action": action},
        )
        for name, action in (("lottery confirm", "preview"), ("lottery confirm (confirm)", "confirm"))
    ),
    # allauth (the sign-up form is above)
    PostTarget(
        "log in",
        "anonymous",
        lambda w: reverse("account_login"),
        in_context("form"),
        lambda w: {"login": w["citizen"].email, "password": "not-the-password"},
    ),
    PostTarget(
        "password reset",
        "anonymous",
        lambda w: reverse("account_reset_password"),
        in_context("form"),
        lambda w: {"email": w["citizen"].email},
    ),
    PostTarget(
        "password reset, new password",
        "anonymous",
        lambda w: reverse("account_reset_password_from_key", kwargs={"uidb36": _uid(w), "key": "set-password"}),
        in_context("form"),
        lambda w: {"password1": "a-long-Passphrase-1", "password2": "a-long-Passphrase-1"},
        # the e-mailed link: allauth keeps its key in the session and redirects to the form
        page=lambda w: reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": _uid(w), "key": default_token_generator.make_token(w["citizen"])},
        ),
    ),
    PostTarget(
        "password change",
        "citizen",
        lambda w: reverse("account_change_password"),
        in_context("form"),
        lambda w: {"oldpassword": "not-the-password", "password1": "a-long-Passphrase-1", "password2": "x"},
    ),
    PostTarget(
        "e-mail add",
        "citizen",
        lambda w: reverse("account_email"),
        in_context("form"),
        lambda w: {"email": "second@example.jp"},
        fixed={"action_add": ""},
    ),
    PostTarget(
        "reauthenticate",
        "citizen",
        lambda w: reverse("account_reauthenticate"),
        in_context("form"),
        lambda w: {"password": "not-the-password"},
    ),
    PostTarget(
        "lottery entry",
        "representative",
        _url("facilities:lottery", "round"),
        in_context("form"),
        lambda w: {
            "booker": f"group:{w['group'].pk}",
            "resource": w["hall"].pk,
            "use_date": (w["use_month"] + datetime.timedelta(days=3)).isoformat(),
            "division": w["facility"].divisions.order_by("starts").first().pk,
            "purpose": "発表会",
            "expected_people": "40",
        },
    ),
]

GET_TARGETS = [
    GetTarget("news", "anonymous", lambda w: reverse("portal:news-list"), only("page")),
    GetTarget("audit log", "superuser", lambda w: reverse("portal:staff-auditlog"), filter_params("page")),
    GetTarget("group directory", "anonymous", lambda w: reverse("groups:list"), filter_params("page")),
    GetTarget("events", "anonymous", lambda w: reverse("groups:event-list"), filter_params("page", "month")),
    GetTarget(
        "events feed", "anonymous", lambda w: reverse("groups:event-feed"), only("q", "field", "area", "start", "end")
    ),
    GetTarget(
        "events csv",
        "anonymous",
        lambda w: reverse("groups:opendata-events-csv"),
        only("q", "field", "area", "start", "end"),
    ),
    GetTarget("groups csv", "anonymous", lambda w: reverse("groups:opendata-groups-csv"), only("q", "field", "area")),
    GetTarget("volunteering", "anonymous", lambda w: reverse("groups:opening-list"), filter_params("page")),
    GetTarget("review queue", "city_staff", lambda w: reverse("groups:review-queue"), only("page")),
    GetTarget("facilities", "anonymous", lambda w: reverse("facilities:list"), filter_params("page")),
    GetTarget(
        "week view", "anonymous", lambda w: reverse("facilities:resource", args=["central", "room-a"]), only("week")
    ),
    GetTarget(
        "week view (staff)",
        "centre_staff",
        lambda w: reverse("facilities:resource", args=["central", "room-a"]),
        only("week"),
    ),
    GetTarget(
        "book form",
        "representative",
        lambda w: reverse("facilities:book", args=["central", "room-a"]) + f"?date={days_ahead(12).isoformat()}",
        only("date", "slot"),
    ),
    GetTarget("lotteries", "anonymous", lambda w: reverse("facilities:lottery-list"), only("page")),
    GetTarget("my bookings", "representative", lambda w: reverse("facilities:my-bookings"), only("show", "page")),
    GetTarget("staff bookings", "centre_staff", _slug("facilities:staff-bookings", "facility"), filter_params("page")),
    GetTarget("occupancy", "centre_staff", lambda w: reverse("facilities:staff-occupancy"), only("year", "facility")),
    GetTarget(
        "occupancy csv", "centre_staff", lambda w: reverse("facilities:staff-occupancy-csv"), only("year", "facility")
    ),
    GetTarget("booking rules", "centre_staff", _slug("facilities:staff-policy", "facility"), only("resource")),
]


@dataclass(frozen=True)
class Endpoint:
    """A URL without a form of its own in the tables above (an action, a page, a file, an
    allauth step): sent hostile values in its query string (`params` it reads, an unknown
    one, repeated ones, invalid UTF-8) and in a POST body (`fields` it reads, an unknown
    one), as `role`. `route` is its URL name; the test checks the URL resolves to it."""

    route: str
    role: str
    url: Callable[[dict[str, Any]], str]
    params: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    post: bool = True
    fixed: dict[str, Any] = field(default_factory=dict)  # sent with every POST (e.g. action)
    fresh_login: bool = False  # give the password again: two-factor set-up asks for it
    label: str = ""

    def __str__(self) -> str:
        return f"{self.route} {self.label}".strip()


def _route(route: str, *keys: str, attr: str = "pk") -> Callable[[dict[str, Any]], str]:
    if not keys:
        return lambda w: reverse(route)
    return _url(route, *keys, attr=attr)


ENDPOINTS = [
    # portal
    Endpoint("portal:home", "anonymous", _route("portal:home"), post=False),
    Endpoint("portal:news-detail", "anonymous", _route("portal:news-detail", "news"), post=False),
    Endpoint("portal:page", "anonymous", _route("portal:page", "page", attr="slug"), post=False),
    Endpoint("portal:faq", "anonymous", _route("portal:faq"), post=False),
    Endpoint("portal:account-export", "citizen", _route("portal:account-export"), post=False),
    Endpoint("portal:staff-dashboard", "city_staff", _route("portal:staff-dashboard"), post=False),
    Endpoint("portal:staff-mail-failures", "city_staff", _route("portal:staff-mail-failures"), params=("page",)),
    Endpoint("set_language", "anonymous", _route("set_language"), fields=("language", "next")),
    # groups
    Endpoint("groups:mine", "representative", _route("groups:mine"), params=("page",)),
    Endpoint("groups:detail", "anonymous", _slug("groups:detail", "group"), post=False),
    Endpoint("groups:manage", "representative", _slug("groups:manage", "group")),
    Endpoint("groups:resubmit", "representative", _slug("groups:resubmit", "group"), fields=("confirm",)),
    Endpoint("groups:renew", "representative", _slug("groups:renew", "group"), fields=("confirm",)),
    Endpoint(
        "groups:invitation",
        "citizen",
        lambda w: reverse("groups:invitation", args=[w["invitation"].token]),
    ),
    Endpoint(
        "groups:attachment",
        "representative",
        lambda w: reverse("groups:attachment", args=[w["group"].slug, w["attachment"].pk]),
        post=False,
    ),
    Endpoint("groups:event-detail", "anonymous", _route("groups:event-detail", "event"), post=False),
    Endpoint("groups:event-ics", "anonymous", _route("groups:event-ics", "event"), post=False),
    Endpoint("groups:event-signup-cancel", "citizen", _route("groups:event-signup-cancel", "event")),
    Endpoint("groups:event-participants", "representative", _route("groups:event-participants", "event")),
    Endpoint(
        "groups:event-participants-csv", "representative", _route("groups:event-participants-csv", "event"), post=False
    ),
    Endpoint("groups:opening-detail", "anonymous", _route("groups:opening-detail", "opening"), post=False),
    Endpoint("groups:opendata", "anonymous", _route("groups:opendata"), post=False),
    Endpoint("groups:opendata-groups-json", "anonymous", _route("groups:opendata-groups-json"), post=False),
    # facilities
    Endpoint("facilities:facility", "anonymous", _route("facilities:facility", "facility", attr="slug"), post=False),
    Endpoint("facilities:entry-withdraw", "representative", _route("facilities:entry-withdraw", "entry")),
    Endpoint("facilities:entry-decline", "representative", _route("facilities:entry-decline", "won")),
    Endpoint("facilities:feed-reset", "representative", _route("facilities:feed-reset")),
    Endpoint(
        "facilities:feed",
        "anonymous",
        lambda w: reverse("facilities:feed", args=[w["feed"].token]),
        post=False,
    ),
    Endpoint("facilities:booking", "representative", _route("facilities:booking", "booking")),
    Endpoint("facilities:booking-permit", "representative", _route("facilities:booking-permit", "booking")),
    Endpoint(
        "facilities:booking-permit-pdf",
        "representative",
        _route("facilities:booking-permit-pdf", "booking"),
        post=False,
    ),
    Endpoint("facilities:staff", "centre_staff", _route("facilities:staff")),
    Endpoint(
        "facilities:staff-lottery", "centre_staff", _route("facilities:staff-lottery", "round"), fields=("action",)
    ),
    Endpoint(
        "facilities:staff-lottery",
        "centre_staff",
        lambda w: reverse("facilities:staff-lottery", args=[w["won"].round_id]),
        fields=("action",),
        label="(published)",
    ),
    Endpoint(
        "facilities:staff-booking",
        "centre_staff",
        _route("facilities:staff-booking", "booking"),
        fields=("action", "people", "method", "decision"),
        fixed={"action": "refund"},
        label="(refund)",
    ),
    # allauth steps without a form in the tables above
    *(
        Endpoint(route, "anonymous", _route(route), params=("next",), fields=("next",), label="(next)")
        for route in ("account_login", "account_signup")
    ),
    Endpoint("account_logout", "citizen", _route("account_logout"), params=("next",), fields=("next",)),
    Endpoint("account_inactive", "anonymous", _route("account_inactive")),
    Endpoint("account_email_verification_sent", "anonymous", _route("account_email_verification_sent")),
    Endpoint("account_set_password", "citizen", _route("account_set_password"), fields=("password1", "password2")),
    Endpoint("account_confirm_login_code", "anonymous", _route("account_confirm_login_code"), fields=("code",)),
    Endpoint("account_confirm_email", "anonymous", lambda w: reverse("account_confirm_email", args=["bad-key"])),
    Endpoint(
        "account_reset_password_from_key",
        "anonymous",
        lambda w: reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "bad-key"}),
        fields=("password1", "password2"),
    ),
    Endpoint("account_reset_password_from_key_done", "anonymous", _route("account_reset_password_from_key_done")),
    Endpoint("account_reset_password_done", "anonymous", _route("account_reset_password_done")),
    Endpoint("mfa_index", "citizen", _route("mfa_index")),
    Endpoint("mfa_authenticate", "anonymous", _route("mfa_authenticate"), fields=("code",)),
    Endpoint("mfa_reauthenticate", "city_staff", _route("mfa_reauthenticate"), fields=("code",)),
    Endpoint("mfa_activate_totp", "citizen", _route("mfa_activate_totp"), fields=("code",), fresh_login=True),
    Endpoint("mfa_deactivate_totp", "city_staff", _route("mfa_deactivate_totp"), fresh_login=True),
    Endpoint("mfa_view_recovery_codes", "city_staff", _route("mfa_view_recovery_codes"), fresh_login=True),
    Endpoint("mfa_generate_recovery_codes", "city_staff", _route("mfa_generate_recovery_codes"), fresh_login=True),
    Endpoint("mfa_download_recovery_codes", "city_staff", _route("mfa_download_recovery_codes"), fresh_login=True),
]

# URL patterns outside the corpus, each with the reason. Everything else must be in
# POST_TARGETS, GET_TARGETS or ENDPOINTS (test_every_url_is_in_the_corpus).
NOT_IN_CORPUS = {
    # none today: a URL that reads no input still gets the unknown and invalid UTF-8
    # parameters of ENDPOINTS, which is cheap.
}


# The corpus of other apps, in their own modules (tests/<app>/hostile_<area>.py), each
# giving `world(world) -> dict` (objects added to the world), POST_TARGETS, GET_TARGETS,
# ENDPOINTS, FORM_MODULES (the modules whose forms it covers) and FORM_COVERAGE. They
# import the dataclasses above from this module, so they are loaded here, after them.
EXTENSION_MODULES: tuple[str, ...] = (
    "tests.subsidies.hostile_catalogue",
    "tests.subsidies.hostile_applications",
    "tests.subsidies.hostile_screening",
    "tests.subsidies.hostile_grants",
    "tests.collaboration.hostile_calls",
    "tests.collaboration.hostile_proposals",
    "tests.collaboration.hostile_window",
    "tests.collaboration.hostile_projects",
    "tests.collaboration.hostile_agreements",
    "tests.collaboration.hostile_evaluations",
    "tests.collaboration.hostile_endorsements",
    "tests.collaboration.hostile_cases",
    "tests.portal.hostile_search",
    "tests.portal.hostile_my",
    "tests.portal.hostile_newsletter",
    "tests.groups.hostile_talent",
    "tests.consultations.hostile",
)
EXTENSIONS = tuple(importlib.import_module(name) for name in EXTENSION_MODULES)
for _extension in EXTENSIONS:
    POST_TARGETS += _extension.POST_TARGETS
    GET_TARGETS += _extension.GET_TARGETS
    ENDPOINTS += _extension.ENDPOINTS


def _login(client: Any, world: dict[str, Any], role: str) -> None:
    client.raise_request_exception = False  # a 500 is reported with the others, not raised
    if role != "anonymous":
        client.force_login(world[role])


def _problems_post(client: Any, world: dict[str, Any], target: PostTarget) -> list[str]:
    _login(client, world, target.role)
    url = target.url(world)
    page_url = (target.page or target.url)(world)
    page = client.get(page_url, follow=True)
    assert page.status_code == 200, f"{target}: GET {page_url} gave {page.status_code}"
    form = target.form(page, world)
    base = target.base(world)
    problems = []
    for name, form_field in form.fields.items():
        if isinstance(form_field, forms.FileField):
            continue
        for value in values_for(form_field):
            data = {**base, name: value, **target.fixed}
            body = encode([*pairs_of({k: v for k, v in data.items() if k != name}), (name, value)])
            problems += _send(client, "post", url, body, f"{target} {name}={_label(value)}")
        if isinstance(form_field, forms.MultipleChoiceField):  # read with getlist: send several
            others = pairs_of({k: v for k, v in {**base, **target.fixed}.items() if k != name})
            repeated = encode([*others, (name, "1"), (name, "x"), (name, INVALID_UTF8), (name, HUGE)])
            problems += _send(client, "post", url, repeated, f"{target} {name}=1&{name}=x&{name}=%FF%FE&{name}=x…")
    return problems + _hostile_query_on_post(client, url, encode(pairs_of({**base, **target.fixed})), str(target))


def _hostile_query_on_post(client: Any, url: str, body: str, label: str) -> list[str]:
    """A valid body under a hostile query string: each parameter the address carries
    (e.g. ?date= on the booking form) in turn, then invalid UTF-8 in names and body."""
    path, _, query = url.partition("?")
    pairs = parse_qsl(query)
    problems = []
    for key, _value in pairs:
        for value in values_for(None):
            hostile = encode([(k, value if k == key else v) for k, v in pairs])
            problems += _send(client, "post", f"{path}?{hostile}", body, f"POST {label} ?{key}={_label(value)}")
    odd = f"{path}?{encode([*pairs, ('zz_unknown', INVALID_UTF8)])}&%FF%FE=%00"
    problems += _send(client, "post", odd, f"%FF%FE=1&{body}", f"POST {label} ?%FF%FE=%00 (body %FF%FE=1)")
    return problems


def _problems_get(client: Any, world: dict[str, Any], target: GetTarget) -> list[str]:
    _login(client, world, target.role)
    url = target.url(world)
    page = client.get(url)
    assert page.status_code == 200, f"{target}: GET {url} gave {page.status_code}"
    problems = []
    for name, form_field in target.params(page).items():
        for value in values_for(form_field):
            problems += _send(client, "get", url, encode([(name, value)]), f"{target} ?{name}={_label(value)}")
        repeated = [(name, "1"), (name, "x"), (name, INVALID_UTF8)]
        problems += _send(client, "get", url, encode(repeated), f"{target} ?{name}=1&{name}=x&{name}=%FF%FE")
    problems += _odd_queries(client, url, str(target))
    return problems


def _odd_queries(client: Any, url: str, label: str) -> list[str]:
    """Parameters no view reads: unknown names, invalid UTF-8 in names, a bare key."""
    problems = []
    for value in ANY_VALUES:
        problems += _send(client, "get", url, encode([("zz_unknown", value)]), f"{label} ?zz_unknown={_label(value)}")
    for query in ("%FF%FE=1", "%00=%00", "page", "&&==&"):
        problems += _send(client, "get", url, query, f"{label} ?{query}")
    return problems


def _login_endpoint(client: Any, world: dict[str, Any], endpoint: Endpoint) -> None:
    _login(client, world, endpoint.role)
    if endpoint.fresh_login:
        response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
        assert response.status_code == 302, f"{endpoint}: reauthentication gave {response.status_code}"


def _problems_endpoint(client: Any, world: dict[str, Any], endpoint: Endpoint) -> list[str]:
    _login_endpoint(client, world, endpoint)
    url = endpoint.url(world)
    match = resolve(url.split("?")[0])
    assert match.view_name == endpoint.route, f"{endpoint}: {url} resolves to {match.view_name}"
    client.get(reverse("portal:home"))  # the site configuration is created on first use
    problems = _odd_queries(client, url, f"GET {endpoint}")
    for name in endpoint.params:
        for value in values_for(None):
            problems += _send(client, "get", url, encode([(name, value)]), f"{endpoint} ?{name}={_label(value)}")
        repeated = encode([(name, "1"), (name, "x"), (name, INVALID_UTF8)])
        problems += _send(client, "get", url, repeated, f"{endpoint} ?{name}=1&{name}=x&{name}=%FF%FE")
    if not endpoint.post:
        return problems
    for name in (*endpoint.fields, "zz_unknown"):
        for value in values_for(None) + TEXT_VALUES if name in endpoint.fields else ANY_VALUES:
            if name == "zz_unknown" or value is ANY_VALUES[0]:
                _login_endpoint(client, world, endpoint)  # an earlier POST may have logged out
            body = encode([*pairs_of({k: v for k, v in endpoint.fixed.items() if k != name}), (name, value)])
            problems += _send(client, "post", url, body, f"POST {endpoint} {name}={_label(value)}")
    _login_endpoint(client, world, endpoint)
    problems += _send(client, "post", f"{url}?%FF%FE=%FF%FE", "%FF=%FE&%00=%00", f"POST {endpoint} ?%FF%FE (body %FF)")
    return problems


def _send(client: Any, method: str, url: str, encoded: str, label: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        if method == "get":
            response = client.get(f"{url}{'&' if '?' in url else '?'}{encoded}")
        else:
            response = client.post(url, encoded, content_type="application/x-www-form-urlencoded")
    if response.status_code >= 500:
        error = response.exc_info[1] if getattr(response, "exc_info", None) else ""
        return [f"{label}: {response.status_code} {type(error).__name__}: {str(error)[:200]}"]
    writes = data_writes(captured)
    if (method == "get" or response.status_code >= 400) and writes:
        return [f"{label}: {response.status_code} but wrote {writes}"]
    return []


@pytest.mark.parametrize("target", POST_TARGETS, ids=str)
def test_form__hostile_values__no_500_and_no_write(client: Any, world: dict[str, Any], target: PostTarget) -> None:
    problems = _problems_post(client, world, target)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("target", GET_TARGETS, ids=str)
def test_list__hostile_query__no_500_and_no_write(client: Any, world: dict[str, Any], target: GetTarget) -> None:
    problems = _problems_get(client, world, target)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_endpoint__hostile_query_and_body__no_500_and_no_write(
    client: Any, world: dict[str, Any], endpoint: Endpoint
) -> None:
    problems = _problems_endpoint(client, world, endpoint)
    assert not problems, "\n".join(problems)


def _out_of_range(value: Any) -> str:
    if isinstance(value, int):
        return str(10**30)
    if isinstance(value, uuid.UUID):
        return str(uuid.UUID(int=0))
    return "x" * 100_000


def test_path_parameters__out_of_range__no_500(client: Any, world: dict[str, Any]) -> None:
    """Every address of the tables with its numbers out of range (10**30, beyond any
    database integer), its tokens unknown and its slugs and keys 100,000 characters
    long: never 500 (a 404 for a missing object, allauth's own page for a bad key), and
    no cache key made of the address (a memcached or database cache refuses long keys)."""
    problems = []
    seen = set()
    targets = [*POST_TARGETS, *GET_TARGETS, *ENDPOINTS]
    for target in targets:
        match = resolve(target.url(world).split("?")[0])
        kwargs = {k: _out_of_range(v) for k, v in match.kwargs.items()}
        if not kwargs or match.view_name in seen:
            continue
        seen.add(match.view_name)
        _login(client, world, target.role)
        url = reverse(match.view_name, kwargs=kwargs)
        for method in ("get", "post"):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", CacheKeyWarning)
                response = getattr(client, method)(url)
            if response.status_code >= 500:
                problems.append(f"{method.upper()} {match.view_name} {_label(url)}: {response.status_code}")
            if any(issubclass(w.category, CacheKeyWarning) for w in caught):  # the address became a cache key
                problems.append(f"{method.upper()} {match.view_name} {_label(url)}: cache key from the address")
    assert len(seen) > 20
    assert not problems, "\n".join(problems)


def test_every_url_is_in_the_corpus(world: dict[str, Any]) -> None:
    """A new URL fails this test until the corpus sends it hostile input (or says why not)."""
    covered = {resolve(t.url(world).split("?")[0]).view_name for t in [*POST_TARGETS, *GET_TARGETS]}
    covered |= {e.route for e in ENDPOINTS}
    missing = url_names() - covered - set(NOT_IN_CORPUS)
    assert not missing, f"add these URLs to POST_TARGETS, GET_TARGETS or ENDPOINTS: {sorted(missing)}"
    assert not set(NOT_IN_CORPUS) & covered, "a URL in NOT_IN_CORPUS is covered: remove it there"


def test_url_names__lists_namespaced_routes_and_skips_the_admin() -> None:
    names = url_names()
    assert {"portal:home", "facilities:staff-lottery", "account_login", "set_language"} <= names
    assert not any(name.startswith("admin:") for name in names)


def test_corpus_covers_every_form_field_kind() -> None:
    """Dates get date values, numbers numeric ones: the table drives the corpus."""
    assert "0001-01-01" in values_for(forms.DateField())
    assert "9999-12-31T23:59" in values_for(forms.DateTimeField())
    assert str(10**30) in values_for(forms.IntegerField())
    assert INVALID_UTF8 in values_for(forms.CharField())
    assert any("\n" in str(v) for v in values_for(forms.CharField()))


# Every form class of the three apps, and the target above that sends it hostile
# values (or why none does). A new form fails this test until it is added.
FORM_COVERAGE = {
    "portal.forms.SignupExtraForm": "sign-up",
    "portal.forms.ProfileForm": "account",
    "portal.forms.AccountDeleteForm": "account delete",
    "groups.forms.GroupProfileForm": "group edit",
    "groups.forms.GroupRegistrationForm": "group register",
    "groups.forms.GroupReviewForm": "group review",
    "groups.forms.ConfirmForm": "opening close",
    "groups.forms.EventCancelForm": "event cancel",
    "portal.forms.SeenStatusForm": "staff lottery draw",
    "facilities.forms.RefundForm": "staff booking refund",
    "groups.forms.InviteForm": "member invite",
    "groups.forms.MemberRoleForm": "member role",
    "groups.forms.MemberForm": "member remove",
    "groups.forms.EventForm": "event create",
    "groups.forms.DepartmentEventForm": "department event create",
    "groups.forms.SignupForm": "event signup",
    "groups.forms.OpeningForm": "opening create",
    "groups.forms.ApplyForm": "opening apply",
    "groups.forms.DecisionForm": "opening decision",
    "groups.forms.ContactForm": "group contact",
    "facilities.forms.BookingForm": "book room",
    "facilities.forms.CounterBookingForm": "counter booking",
    "facilities.forms.CancelForm": "booking cancel",
    "facilities.forms.StaffCancelForm": "staff booking cancel",
    "facilities.forms.AttendanceForm": "booking attendance",
    "facilities.forms.DecisionForm": "staff booking decide",
    "facilities.forms.PaymentForm": "staff booking pay",
    "facilities.forms.ClosureForm": "closure",
    "facilities.forms.PolicyForm": "booking rules",
    "facilities.forms.LotteryEntryForm": "lottery entry",
    "facilities.forms.LotteryRoundForm": "lottery round",
    "facilities.forms.OccupancyForm": "GET occupancy",
    "facilities.forms.LotteryConfirmForm": "lottery confirm",
}


def test_corpus_covers_every_form() -> None:
    found = set()
    coverage = dict(FORM_COVERAGE)
    modules = ["portal.forms", "groups.forms", "facilities.forms"]
    for extension in EXTENSIONS:
        coverage.update(extension.FORM_COVERAGE)
        modules += extension.FORM_MODULES
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module_name:
                found.add(f"{module_name}.{name}")
    assert found == set(coverage), "add a target for each new form to POST_TARGETS and FORM_COVERAGE"
    names = {t.name for t in POST_TARGETS} | {f"GET {t.name}" for t in GET_TARGETS}
    assert {v for v in coverage.values() if not v.startswith("none:")} <= names
