"""The projects area's services: every refusal writes nothing, every transition is
audited, dates are computed, subsidies are linked, reminders are sent once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from collaboration.models import (
    Agreement,
    AgreementParty,
    EntryKind,
    PartnerKind,
    Project,
    ProjectEntry,
    ProjectPartner,
    ProjectStatus,
)
from collaboration.services import projects as services
from portal.models import AuditLogEntry
from tests.factories.collaboration import (
    create_project,
    partner_rows,
    project_data,
    window_department,
)
from tests.factories.portal import DepartmentFactory
from tests.factories.subsidies import create_application, create_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(role_users: dict[str, Any]) -> dict[str, Any]:
    return {
        "staff": role_users["city_staff"],
        "group": role_users["_group"],
        "other_group": role_users["_other_group"],
        "window": window_department(),
        "fukushi": DepartmentFactory(code="fukushi"),
    }


def _create(people: dict[str, Any], **overrides: Any) -> Project:
    return services.project_create(
        actor=people["staff"],
        data=project_data(**overrides),
        partners=partner_rows(groups=(people["group"],), departments=(people["window"],)),
    )


def _refused(code: str, call: Any) -> None:
    before = (Project.objects.count(), ProjectPartner.objects.count(), AuditLogEntry.objects.count())
    with pytest.raises(ValidationError) as caught:
        call()
    codes = (
        {e.code for e in caught.value.error_list}
        if not hasattr(caught.value, "error_dict")
        else {e.code for errors in caught.value.error_dict.values() for e in errors}
    )
    assert code in codes, codes
    assert (Project.objects.count(), ProjectPartner.objects.count(), AuditLogEntry.objects.count()) == before


# --- create / update / partners ------------------------------------------------------------


def test_create__partners_fields_dates_and_audit(people: dict[str, Any]) -> None:
    project = _create(
        people, partnership_since=timezone.localdate() - datetime.timedelta(days=700), review_interval_years=2
    )
    assert project.partners.count() == 2
    assert project.next_checkin_on == project.starts_on + datetime.timedelta(days=0) + (
        services.next_checkin(project) - project.starts_on
    )
    assert project.next_checkin_on > project.starts_on
    assert project.next_review_on >= timezone.localdate()
    assert project.slug
    assert AuditLogEntry.objects.filter(action="collaboration.project.created", target_id=str(project.pk)).exists()


def test_create__refuses_fewer_than_two_partners(people: dict[str, Any]) -> None:
    _refused(
        "too_few_partners",
        lambda: services.project_create(
            actor=people["staff"], data=project_data(), partners=partner_rows(groups=(people["group"],))
        ),
    )


def test_create__refuses_duplicate_partners(people: dict[str, Any]) -> None:
    rows = partner_rows(groups=(people["group"], people["group"]), departments=(people["window"],))
    _refused(
        "duplicate_partner", lambda: services.project_create(actor=people["staff"], data=project_data(), partners=rows)
    )


@pytest.mark.parametrize(
    "row",
    [
        {"kind": PartnerKind.GROUP, "group": None, "name": "x"},
        {"kind": PartnerKind.DEPARTMENT, "department": None},
        {"kind": PartnerKind.BUSINESS, "name": ""},
        {"kind": "alien", "name": "x"},
    ],
    ids=["group without group", "department without department", "business without name", "unknown kind"],
)
def test_create__refuses_inconsistent_partner_kinds(people: dict[str, Any], row: dict[str, Any]) -> None:
    rows = [*partner_rows(departments=(people["window"],)), row]
    with pytest.raises(ValidationError):
        services.project_create(actor=people["staff"], data=project_data(), partners=rows)
    assert not Project.objects.exists()


def test_create__refuses_group_partner_with_a_department(people: dict[str, Any]) -> None:
    rows = [
        {"kind": PartnerKind.GROUP, "group": people["group"], "department": people["fukushi"]},
        *partner_rows(departments=(people["window"],)),
    ]
    _refused(
        "partner_inconsistent",
        lambda: services.project_create(actor=people["staff"], data=project_data(), partners=rows),
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_on", datetime.date(1999, 12, 31)),
        ("ends_on", datetime.date(2099, 1, 1)),
        ("partnership_since", datetime.date(1990, 1, 1)),
    ],
)
def test_create__refuses_far_dates(people: dict[str, Any], field: str, value: datetime.date) -> None:
    extra = {"review_interval_years": 3} if field == "partnership_since" else {}
    rows = partner_rows(groups=(people["group"],), departments=(people["window"],))
    with pytest.raises(ValidationError) as caught:
        services.project_create(actor=people["staff"], data=project_data(**{field: value}, **extra), partners=rows)
    assert field in caught.value.error_dict
    assert not Project.objects.exists()


def test_create__refuses_end_before_start(people: dict[str, Any]) -> None:
    today = timezone.localdate()
    rows = partner_rows(groups=(people["group"],), departments=(people["window"],))
    _refused(
        "period_order",
        lambda: services.project_create(
            actor=people["staff"],
            data=project_data(starts_on=today, ends_on=today - datetime.timedelta(days=1)),
            partners=rows,
        ),
    )


def test_create__refuses_review_since_without_interval(people: dict[str, Any]) -> None:
    rows = partner_rows(groups=(people["group"],), departments=(people["window"],))
    _refused(
        "review_interval_required",
        lambda: services.project_create(
            actor=people["staff"], data=project_data(partnership_since=timezone.localdate()), partners=rows
        ),
    )


def test_create__refuses_multiline_title(people: dict[str, Any]) -> None:
    rows = partner_rows(groups=(people["group"],), departments=(people["window"],))
    _refused(
        "invalid_text",
        lambda: services.project_create(actor=people["staff"], data=project_data(title="a\nb"), partners=rows),
    )


def test_update__recomputes_checkin_and_keeps_partner_rows(people: dict[str, Any]) -> None:
    project = _create(people)
    partner_ids = set(project.partners.values_list("pk", flat=True))
    services.project_update(
        actor=people["staff"],
        project=project,
        data={"checkin_interval_months": 3},
        partners=partner_rows(groups=(people["group"],), departments=(people["window"],)),
    )
    project.refresh_from_db()
    assert project.next_checkin_on == services.next_checkin(project)
    assert set(project.partners.values_list("pk", flat=True)) == partner_ids


def test_partners_set__replaces_and_refuses_removing_an_agreement_party(people: dict[str, Any]) -> None:
    project = _create(people)
    services.partners_set(
        actor=people["staff"],
        project=project,
        partners=partner_rows(groups=(people["group"], people["other_group"]), departments=(people["window"],)),
    )
    assert project.partners.count() == 3
    other = project.partners.get(group=people["other_group"])
    agreement = Agreement.objects.create(project=project, title="協定書", purpose="目的", starts_on=project.starts_on)
    AgreementParty.objects.create(agreement=agreement, partner=other, roles="運営")
    with pytest.raises(ValidationError) as caught:
        services.partners_set(
            actor=people["staff"],
            project=project,
            partners=partner_rows(groups=(people["group"],), departments=(people["window"],)),
        )
    assert caught.value.code == "partner_in_use"
    assert project.partners.count() == 3


def test_partners_set__refuses_one_partner(people: dict[str, Any]) -> None:
    project = _create(people)
    _refused(
        "too_few_partners",
        lambda: services.partners_set(
            actor=people["staff"], project=project, partners=partner_rows(groups=(people["group"],))
        ),
    )


# --- status and progress --------------------------------------------------------------------


def test_status__planned_active_completed_audited(people: dict[str, Any]) -> None:
    project = _create(people)
    assert project.status == ProjectStatus.PLANNED
    services.project_status_change(actor=people["staff"], project=project, status=ProjectStatus.ACTIVE)
    services.project_status_change(actor=people["staff"], project=project, status=ProjectStatus.COMPLETED)
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert project.progress == 100
    entry = AuditLogEntry.objects.get(action="collaboration.project.completed")
    assert entry.data["old"] == "active"
    assert entry.data["new"] == "completed"


def test_status__discontinue_needs_a_reason_and_publishes_it(people: dict[str, Any]) -> None:
    project = _create(people)
    _refused(
        "reason_required",
        lambda: services.project_status_change(
            actor=people["staff"], project=project, status=ProjectStatus.DISCONTINUED
        ),
    )
    services.project_status_change(
        actor=people["staff"], project=project, status=ProjectStatus.DISCONTINUED, reason="担い手が確保できなかった"
    )
    assert ProjectEntry.objects.get(project=project, is_public=True).body == "担い手が確保できなかった"


def test_status__refuses_a_move_off_the_map(people: dict[str, Any]) -> None:
    project = _create(people)
    _refused(
        "invalid_transition",
        lambda: services.project_status_change(actor=people["staff"], project=project, status=ProjectStatus.COMPLETED),
    )


def test_status__refuses_a_stale_state(people: dict[str, Any]) -> None:
    project = _create(people)
    _refused(
        "stale",
        lambda: services.project_status_change(
            actor=people["staff"], project=project, status=ProjectStatus.ACTIVE, expected_status=ProjectStatus.ACTIVE
        ),
    )


def test_progress__set_and_refused_out_of_range(people: dict[str, Any]) -> None:
    project = _create(people)
    services.project_progress_set(actor=people["staff"], project=project, progress=40)
    project.refresh_from_db()
    assert project.progress == 40
    _refused("progress", lambda: services.project_progress_set(actor=people["staff"], project=project, progress=101))


# --- the partners' log -------------------------------------------------------------------------


def _entry(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": EntryKind.MEETING,
        "on": timezone.localdate(),
        "title": "定例会",
        "body": "",
        "progress": None,
        "is_public": False,
        **overrides,
    }


def test_entry__checkin_moves_next_check_and_progress_updates(people: dict[str, Any]) -> None:
    project = _create(people)
    day = timezone.localdate()
    services.entry_add(actor=people["staff"], project=project, data=_entry(kind=EntryKind.CHECKIN, on=day, progress=55))
    project.refresh_from_db()
    assert project.next_checkin_on == services.next_checkin(project, after=day)
    assert project.progress == 55


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"kind": "party"}, "entry_kind"),
        ({"title": " "}, "required"),
        ({"title": "a\nb"}, "invalid_text"),
        ({"on": datetime.date(1990, 1, 1)}, ""),
        ({"progress": 120}, "progress"),
    ],
)
def test_entry__refusals_write_nothing(people: dict[str, Any], overrides: dict[str, Any], code: str) -> None:
    project = _create(people)
    with pytest.raises(ValidationError):
        services.entry_add(actor=people["staff"], project=project, data=_entry(**overrides))
    assert not project.entries.exists()


def test_entry__refused_on_a_discontinued_project(people: dict[str, Any]) -> None:
    project = create_project(status=ProjectStatus.DISCONTINUED)
    with pytest.raises(ValidationError) as caught:
        services.entry_add(actor=people["staff"], project=project, data=_entry())
    assert caught.value.code == "closed"


# --- S-13 ---------------------------------------------------------------------------------------


def test_subsidy_link__sets_the_project_and_audits(people: dict[str, Any]) -> None:
    project = _create(people)
    application = create_application(create_programme(), people["group"], status="submitted", receipt_number="R-1")
    services.subsidy_link(people["staff"], project, "R-1")
    application.refresh_from_db()
    assert application.collaboration_project_id == project.pk
    assert AuditLogEntry.objects.filter(action="collaboration.project.subsidy_linked").exists()
    _refused("already_linked", lambda: services.subsidy_link(people["staff"], project, "R-1"))


def test_subsidy_link__refuses_an_unknown_receipt_number(people: dict[str, Any]) -> None:
    project = _create(people)
    _refused("unknown_receipt", lambda: services.subsidy_link(people["staff"], project, "NOPE-1"))
    _refused("required", lambda: services.subsidy_link(people["staff"], project, " "))


# --- reminders (C-12, C-16) ------------------------------------------------------------------------


def test_reminders__sent_once_per_due_date(
    people: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    rep = people["group"].memberships.get(role="representative").user
    checkin = create_project(groups=(people["group"],), next_checkin_on=today + datetime.timedelta(days=3))
    overdue = create_project(groups=(people["group"],), next_checkin_on=today - datetime.timedelta(days=3))
    review = create_project(
        groups=(people["other_group"],),
        partnership_since=today - datetime.timedelta(days=700),
        review_interval_years=2,
        next_review_on=today + datetime.timedelta(days=20),
    )
    create_project(groups=(people["group"],), next_checkin_on=today + datetime.timedelta(days=30))  # not yet
    create_project(groups=(people["group"],), next_checkin_on=today, status=ProjectStatus.COMPLETED)  # over
    window_department().__class__.objects.filter(pk=window_department().pk).update(email="kyodo@city.example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        lines = services.send_reminders(today)
    assert sorted(lines) == sorted(
        [
            f"checkin reminder: {checkin.slug} due {checkin.next_checkin_on}",
            f"checkin reminder: {overdue.slug} due {overdue.next_checkin_on}",
            f"review reminder: {review.slug} due {review.next_review_on}",
        ]
    )
    recipients = {address for message in mailoutbox for address in message.to}
    assert rep.email in recipients
    assert "kyodo@city.example.jp" in recipients
    sent = len(mailoutbox)
    assert sent
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(today) == []
    assert len(mailoutbox) == sent
    # A new due date (the check was held) is reminded again.
    Project.objects.filter(pk=checkin.pk).update(next_checkin_on=today + datetime.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert len(services.send_reminders(today)) == 1


def test_next_review__first_anniversary_on_or_after_today() -> None:
    today = datetime.date(2026, 6, 1)
    project = Project(partnership_since=datetime.date(2019, 7, 1), review_interval_years=3, starts_on=today)
    assert services.next_review(project, today) == datetime.date(2028, 7, 1)
    project.partnership_since = datetime.date(2020, 6, 1)
    assert services.next_review(project, today) == datetime.date(2026, 6, 1)


def test_reminders__registered_as_a_daily_job() -> None:
    from collaboration.daily import JOBS

    assert services.send_reminders in JOBS


def test_bench_pages__answer(client: Any, people: dict[str, Any]) -> None:
    from collaboration.bench import project_pages
    from portal.bench import BENCH_PAGES

    assert project_pages in BENCH_PAGES
    for _ in range(21):
        create_project(groups=(people["group"],))
    pages = project_pages()
    assert len(pages) == 6
    for _label, url in pages:
        assert client.get(url).status_code == 200, url
