"""The hostile-input corpus: every form (POST) and every list's query parameters (GET)
of portal, groups and facilities, sent as the role that may use them, with empty,
huge, negative, NUL, invalid UTF-8, multi-line and out-of-range values.

Nothing may answer 500, and a request that is refused (4xx) writes nothing: no
INSERT, UPDATE or DELETE reaches the database (sessions and cache aside).

The fields come from the forms themselves: each target names the form the page
renders (or builds it), and every field of that form is tried in turn, the others
keeping valid values. To cover a new form, add a `PostTarget`; a new list, a
`GetTarget`."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from facilities.forms import AttendanceForm, CancelForm
from facilities.models import RoundStatus
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
    days_ahead,
    facility_staff,
)
from tests.factories.groups import apply_for_group, default_taxonomy, registration_data
from tests.factories.portal import UserFactory
from tests.factories.volunteering import create_opening, opening_data

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
    return {
        **role_users,
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


def _url(name: str, *keys: str, attr: str = "pk") -> Callable[[dict[str, Any]], str]:
    return lambda w: reverse(name, args=[getattr(w[k], attr) if k in w else k for k in keys])


def _slug(name: str, *keys: str) -> Callable[[dict[str, Any]], str]:
    return _url(name, *keys, attr="slug")


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


def _login(client: Any, world: dict[str, Any], role: str) -> None:
    client.raise_request_exception = False  # a 500 is reported with the others, not raised
    if role != "anonymous":
        client.force_login(world[role])


def _problems_post(client: Any, world: dict[str, Any], target: PostTarget) -> list[str]:
    _login(client, world, target.role)
    url = target.url(world)
    page_url = (target.page or target.url)(world)
    page = client.get(page_url)
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
    "facilities.forms.LotteryConfirmForm": "none: needs a drawn lottery; its fields are the booking form's (book room)",
}


def test_corpus_covers_every_form() -> None:
    import importlib

    found = set()
    for module_name in ("portal.forms", "groups.forms", "facilities.forms"):
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module_name:
                found.add(f"{module_name}.{name}")
    assert found == set(FORM_COVERAGE), "add a target for each new form to POST_TARGETS and FORM_COVERAGE"
    names = {t.name for t in POST_TARGETS} | {f"GET {t.name}" for t in GET_TARGETS}
    assert {v for v in FORM_COVERAGE.values() if not v.startswith("none:")} <= names
