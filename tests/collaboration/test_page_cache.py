"""The page cache on the public pages of collaboration: no page stays stale after the
writes that concern it (tests/pagecache.py warms every page before each write, so each
check can fail). Every write goes through collaboration.services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import CallStatus, ProposalStatus
from collaboration.services import calls as call_services
from collaboration.services import cases as case_services
from collaboration.services import endorsements as endorsement_services
from collaboration.services import projects as project_services
from collaboration.services import window as window_services
from portal.dates import fiscal_year
from tests.factories.collaboration import (
    case_data,
    case_reporter,
    create_call,
    create_endorsement,
    create_proposal,
    partner_rows,
    photo_upload,
    project_data,
    window_department,
)
from tests.factories.events import create_event
from tests.factories.groups import reviewing_staff
from tests.pagecache import assert_signed_in_never_served, check_writes, commit, warm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

P = ProposalStatus


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    group = role_users["_group"]
    staff = role_users["city_staff"]
    reporter = case_reporter()
    case = case_services.case_create(actor=reporter, data=case_data(title="川辺の清掃を市と団体で"))
    case_services.case_publish(case=case, actor=staff)
    photo = case_services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt="清掃の様子")
    project = project_services.project_create(
        actor=staff,
        data=project_data(title="子育てサロン運営"),
        partners=partner_rows(groups=(group,), departments=(window_department(),)),
    )
    closed = create_call(
        slug="closed-theme",
        title="地域の見守り",
        title_en="Watching over the neighbourhood",
        status=CallStatus.CLOSED,
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    proposal = create_proposal(closed, group=group, status=P.IN_REVIEW, title="見守りネットワーク")
    return {
        "group": group,
        "staff": staff,
        "window": reviewing_staff(),
        "reporter": reporter,
        "case": case,
        "photo": photo,
        "project": project,
        "open_call": create_call(slug="open-theme"),
        "closed_call": closed,
        "proposal": proposal,
        "event": create_event(group=group, title="子育て応援フェスタ"),
    }


def _pages(world: dict[str, Any]) -> list[str]:
    year = fiscal_year(timezone.localdate())
    project, case = world["project"], world["case"]
    return [
        reverse("collaboration:index"),
        "/en" + reverse("collaboration:index"),
        reverse("collaboration:call-list"),
        world["open_call"].get_absolute_url(),
        world["closed_call"].get_absolute_url(),
        reverse("collaboration:project-list"),
        reverse("collaboration:project-list") + f"?year={year}&domain={project.domain}",
        reverse("collaboration:project-list") + "?q=サロン",
        reverse("collaboration:project-csv"),
        reverse("collaboration:project-domains"),
        project.get_absolute_url(),
        reverse("collaboration:case-list"),
        reverse("collaboration:case-list") + f"?domain={case.domain}",
        reverse("collaboration:case-list") + "?q=清掃",
        case.get_absolute_url(),
        world["event"].get_absolute_url(),
        "/en" + world["event"].get_absolute_url(),
    ]


def test_collaboration__no_stale_page_after_the_writes_that_concern_it(client: Any, world: dict[str, Any]) -> None:
    staff, window, project, case = world["staff"], world["window"], world["project"], world["case"]
    draft_call = call_services.call_create(
        actor=staff,
        data={
            "kind": "theme",
            "slug": "new-theme",
            "fiscal_year": fiscal_year(timezone.localdate()),
            "department": window_department(),
            "title": "子どもの居場所",
            "budget_min": 100_000,
            "budget_max": 500_000,
            "closes_at": timezone.now() + datetime.timedelta(days=10),
        },
    )
    request = create_endorsement(world["group"], event=world["event"])
    event_url = world["event"].get_absolute_url()  # before a page in English activates English
    state: dict[str, Any] = {}

    def call_published() -> None:
        call_services.call_publish(actor=staff, call=draft_call)

    def decision_recorded() -> None:  # not public until the decisions are published
        window_services.decision_record(
            actor=window, proposal=world["proposal"], decision=P.ADOPTED, reason="地域の見守りに合う"
        )

    def decisions_published() -> None:
        window_services.decisions_publish(actor=window, call=world["closed_call"])

    def project_published() -> None:
        project_services.project_create(
            actor=staff,
            data=project_data(title="空き家カフェ運営"),
            partners=partner_rows(groups=(world["group"],), departments=(window_department(),)),
        )

    def project_edited() -> None:
        project_services.project_update(
            actor=staff, project=project, data={"summary": "親子サロンを週2回に増やします。"}
        )

    def project_progress() -> None:
        project_services.project_progress_set(actor=staff, project=project, progress=80)

    def case_published() -> None:
        other = case_services.case_create(actor=world["reporter"], data=case_data(title="清掃活動の広がり"))
        case_services.case_publish(case=other, actor=staff)

    def case_edited() -> None:
        case_services.case_update(case=case, actor=staff, data=case_data(title="川辺の清掃（改訂）"))

    def photo_added() -> None:
        state["photo"] = case_services.photo_add(
            case=case, actor=world["reporter"], upload=photo_upload(), alt="集合写真"
        )

    def endorsement_approved() -> None:
        endorsement_services.endorsement_approve(
            request=request, actor=staff, purpose_ok=True, public_nature_ok=True, public_interest_ok=True
        )

    check_writes(
        client,
        _pages(world),
        [
            ("a call published", call_published),
            ("a decision recorded", decision_recorded),
            ("decisions published", decisions_published),
            ("a project published", project_published),
            ("a project edited", project_edited),
            ("a project's progress", project_progress),
            ("a case published", case_published),
            ("a case edited", case_edited),
            ("a photo added", photo_added),
            ("an endorsement approved", endorsement_approved),
        ],
    )
    assert "みどり市後援" in client.get(event_url).content.decode()


def test_case_photo__served_to_everyone_until_the_case_is_unpublished(client: Any, world: dict[str, Any]) -> None:
    """A photo streams from storage (never stored in the page cache; browsers keep it by
    its Cache-Control); unpublishing the case withdraws it at once."""
    case, photo = world["case"], world["photo"]
    url = reverse("collaboration:case-photo", args=[case.slug, photo.pk])
    commit()
    warm(client, [case.get_absolute_url()])
    response = client.get(url)
    assert response.status_code == 200
    assert response.get("X-Page-Cache") == "miss"
    case_services.case_unpublish(case=case, actor=world["staff"])
    commit()
    assert client.get(url).status_code == 404
    assert client.get(case.get_absolute_url()).status_code == 404


def test_collaboration__signed_in_visitor_never_served_from_the_cache(client: Any, world: dict[str, Any]) -> None:
    pages = _pages(world)
    commit()
    assert_signed_in_never_served(client, world["reporter"], pages)
