"""Collaboration (協働) in a real browser, with axe-core on every page visited (signed in
and not): a registered group proposes to an open 行政提案型 theme; the window routes the
proposal to a department whose 協働推進員 answers (担当課協議) and writes a private note
the proposer never sees; the third-party committee scores it (one member is excluded,
除斥: he belongs to the group); the window adopts it with conditions and publishes the
call's decisions together, and the proposal becomes a public project. The window drafts
its 協定書, the group and the partner department confirm it online, the PDF downloads;
the project ends, both sides evaluate themselves and each other, the window publishes
the round and the evaluation is on the public project page. Then a 共催 request is
approved by the window and the group's room booking on the event's day gets the
co-hosting 減免 without waiting for staff."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from collaboration.models import (
    EVALUATION_QUESTIONS,
    Agreement,
    AgreementStatus,
    CallStatus,
    EndorsementRequest,
    EvaluationRound,
    Project,
    Proposal,
    ProposalStatus,
)
from facilities.models import Booking, BookingStatus
from portal.dates import wareki
from portal.models import StaffRole, User
from portal.services import staff_assign
from tests.e2e.conftest import check_accessibility, login_as
from tests.factories.collaboration import create_call, create_liaison, create_window_committee
from tests.factories.facilities import create_facility, create_reduction, create_room, days_ahead
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import DepartmentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def ja(message: str, context: str = "") -> str:
    """The Japanese the pages show for `message` (the catalogue is the source of truth)."""
    with translation.override("ja"):
        return pgettext(context, message) if context else gettext(message)


def with_totp(user: User) -> User:
    """Staff must use two factors (STAFF_MFA_REQUIRED is on in the tests)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())
    return User.objects.get(pk=user.pk)


def visit(page: Any, live_server: Any, path: str, status: int = 200) -> Any:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None, path
    assert response.status == status, (path, response.status)
    check_accessibility(page)
    return response


def done(page: Any) -> None:
    """Wait for the success message of a POST and check the page it lands on."""
    page.locator(".alert-success").first.wait_for()
    check_accessibility(page)


def score_all(page: Any, points: int, comment: str) -> None:
    for field in page.locator("input[name^=score_]").all():
        field.fill(str(points))
    for field in page.locator("[name^=comment_]").all():
        field.fill(comment)
    page.locator("[name=overall_comment]").fill(comment)
    page.get_by_role("button", name=ja("Save my scores")).click()
    page.locator(".alert-success").first.wait_for()


def _content_type(obj: Any) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_propose_route_answer_review_adopt_publish_project(page: Any, live_server: Any) -> None:
    rep = UserFactory(email="rep@example.jp", full_name="代表 花子", relationship="resident")
    m1 = UserFactory(email="m1@example.jp", full_name="委員 一郎")
    m2 = UserFactory(email="m2@example.jp", full_name="委員 二郎")
    m3 = UserFactory(email="m3@example.jp", full_name="委員 三郎")
    group = create_group(representative=rep, members=(m3,), name="空き家みまもりの会", name_kana="アキヤミマモリノカイ")
    window = with_totp(reviewing_staff())  # city staff of 市民協働推進課 ("kyodo")
    fukushi = DepartmentFactory(code="fukushi", name="福祉課", name_en="Welfare Division")
    liaison = create_liaison(fukushi, email="liaison@example.jp")
    partner = with_totp(UserFactory(email="fukushi@example.jp", full_name="福祉 次郎"))
    staff_assign(user=partner, role=StaffRole.CITY_STAFF, department=fukushi, actor=None)
    partner = User.objects.get(pk=partner.pk)  # city staff of 福祉課: confirms and evaluates for it
    committee = create_window_committee(m1, m2, m3, chair=window)
    call = create_call(committee=committee, department=fukushi, slug="akiya-ibasho")

    # Anyone finds the theme.
    visit(page, live_server, "/collaboration/")
    visit(page, live_server, "/collaboration/calls/")
    page.get_by_role("link", name=call.title).first.click()
    page.wait_for_url(f"**/collaboration/calls/{call.slug}/")
    check_accessibility(page)

    # 1. The representative proposes through the call page.
    login_as(page, live_server, rep)
    visit(page, live_server, f"/collaboration/calls/{call.slug}/")
    page.get_by_role("link", name=ja("Start a proposal")).first.click()
    page.wait_for_url(f"**/collaboration/calls/{call.slug}/propose/")
    check_accessibility(page)
    page.get_by_label(group.name).check()
    page.locator("[name=title]").fill("空き家カフェで地域の居場所づくり")
    page.get_by_role("button", name=ja("Create the draft")).click()
    page.wait_for_url("**/edit/")
    check_accessibility(page)
    proposal = Proposal.objects.get(group=group)
    page.locator("[name=issue]").fill("一人暮らしの高齢者が地域で孤立しています。")
    page.locator("[name=content]").fill("空き家を改修し、週2回の交流カフェを開きます。")
    page.locator("[name=target]").fill("地域の高齢者と子育て世帯")
    page.locator("[name=roles]").fill("団体：カフェの運営\n市：広報と所有者との調整")
    page.locator("[name=budget_total]").fill("600000")
    page.locator("[name=cost_sharing]").fill("市：40万円（改修費）\n団体：20万円（運営費）")
    page.locator("[name=starts_on]").fill(call.starts_on.isoformat())
    page.locator("[name=ends_on]").fill(call.ends_on.isoformat())
    page.locator("[name=schedule]").fill("4月に準備、6月にカフェを開きます。")
    page.locator("[name=capability]").fill("高齢者サロンを5年間運営してきました。")
    page.get_by_role("button", name=ja("Save and go to submission")).click()
    page.wait_for_url("**/submit/")
    check_accessibility(page)
    assert page.locator("#submission-problems").count() == 0
    page.get_by_role("button", name=ja("Submit the proposal")).click()
    page.wait_for_url(f"**/collaboration/proposals/{proposal.pk}/")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.receipt_number
    assert proposal.receipt_number in page.locator(".alert-success").first.inner_text()
    assert ja("Submitted", "proposal status") in page.locator("main .badge").first.inner_text()
    check_accessibility(page)
    visit(page, live_server, "/collaboration/proposals/")
    assert page.get_by_role("link", name=proposal.title).count() == 1

    # 2. The window routes it to 福祉課 and writes a private note.
    login_as(page, live_server, window)
    visit(page, live_server, "/collaboration/staff/proposals/")
    page.get_by_role("link", name=proposal.title).click()
    page.wait_for_url(f"**/collaboration/staff/proposals/{proposal.pk}/")
    check_accessibility(page)
    page.locator("#route_department").select_option(str(fukushi.pk))
    page.locator("#route_request").fill("空き家所有者との調整に協力できるか回答してください。")
    page.get_by_role("button", name=ja("Route"), exact=True).click()
    done(page)
    assert proposal.routings.filter(department=fukushi).exists()
    note = "代表者とは以前の補助事業で面識あり（内部メモ）。"
    page.locator("#note_body").fill(note)
    page.get_by_role("button", name=ja("Add the note")).click()
    done(page)

    # 福祉課's 協働推進員 answers for the department.
    login_as(page, live_server, liaison)
    visit(page, live_server, "/collaboration/staff/department/")
    page.get_by_role("link", name=proposal.title).click()
    page.wait_for_url(f"**/collaboration/staff/proposals/{proposal.pk}/")
    check_accessibility(page)
    answer = "福祉課として、民生委員を通じた周知に協力できます。"
    page.locator("#answer_department").select_option(str(fukushi.pk))
    page.locator("#answer_body").fill(answer)
    page.get_by_role("button", name=ja("Post the answer")).click()
    done(page)
    assert proposal.routings.get(department=fukushi).answered_at is not None

    # The proposer reads the answer, never the note.
    login_as(page, live_server, rep)
    visit(page, live_server, f"/collaboration/proposals/{proposal.pk}/")
    main = page.locator("main").inner_text()
    assert answer in page.locator("section[aria-labelledby=answers-heading]").inner_text()
    assert note not in main
    assert note not in page.content()

    # 3. The window sends it to the committee and opens scoring; two members score, the
    # third (a member of the group) is excluded.
    login_as(page, live_server, window)
    visit(page, live_server, f"/collaboration/staff/proposals/{proposal.pk}/")
    page.get_by_role("button", name=ja("Send to the review committee")).click()
    done(page)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IN_REVIEW
    visit(page, live_server, "/review/")
    visit(page, live_server, f"/review/{committee.pk}/manage/")
    page.get_by_role("button", name=ja("Open scoring")).click()
    page.get_by_role("button", name=ja("Close scoring")).wait_for()
    check_accessibility(page)
    ours = reverse("portal:review-committee", args=[committee.pk])
    object_url = reverse("portal:review-object", args=[committee.pk, _content_type(proposal), proposal.pk])
    for member, points in ((m1, 5), (m2, 4), (m3, 3)):
        login_as(page, live_server, member)
        visit(page, live_server, "/review/")
        page.get_by_role("link", name=committee.name).click()
        page.wait_for_url(f"**{ours}")
        check_accessibility(page)
        link = page.get_by_role("link", name=proposal.title)
        if member == m3:
            assert link.count() == 0
            response = page.goto(f"{live_server.url}{object_url}")
            assert response is not None
            assert response.status == 404
            continue
        link.click()
        page.wait_for_url(f"**{object_url}")
        check_accessibility(page)
        assert answer in page.locator("main").inner_text()
        assert note not in page.content()
        score_all(page, points, "地域の課題に即した提案です。")
        check_accessibility(page)

    login_as(page, live_server, window)
    visit(page, live_server, f"/review/{committee.pk}/manage/")
    page.get_by_role("button", name=ja("Close scoring")).click()
    page.get_by_text(ja("Scoring is closed.")).wait_for()
    check_accessibility(page)
    visit(page, live_server, f"/review/{committee.pk}/summary/")
    assert proposal.title in page.locator("main table tbody tr").first.inner_text()

    # 4. The deadline passes: the window closes the call, adopts the proposal with
    # conditions and publishes the call's decisions together.
    visit(page, live_server, f"/collaboration/staff/calls/{call.pk}/status/")
    page.get_by_role("button", name=ja("Close the call")).click()
    done(page)
    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    visit(page, live_server, f"/collaboration/staff/proposals/{proposal.pk}/")
    page.get_by_label(ja("Adopted with conditions", "proposal status"), exact=True).check()
    reason = "地域の孤立防止に効果が高く、実施体制も確かです。"
    conditions = "改修の前に、所有者と賃貸借契約を結ぶこと。"
    page.locator("#decision_reason").fill(reason)
    page.locator("#decision_conditions").fill(conditions)
    page.get_by_role("button", name=ja("Record the decision")).click()
    done(page)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONDITIONAL
    assert proposal.decision_published_at is None

    # Not told before the decisions are published.
    login_as(page, live_server, rep)
    visit(page, live_server, f"/collaboration/proposals/{proposal.pk}/")
    assert reason not in page.locator("main").inner_text()

    login_as(page, live_server, window)
    visit(page, live_server, f"/collaboration/staff/calls/{call.slug}/decisions/")
    page.get_by_role("button", name=ja("Publish all decisions")).click()
    done(page)
    call.refresh_from_db()
    proposal.refresh_from_db()
    assert call.status == CallStatus.ANNOUNCED
    assert proposal.decision_published_at is not None
    project = Project.objects.get(proposal=proposal)
    page.get_by_role("link", name=ja("Project page")).click()
    page.wait_for_url(f"**/collaboration/projects/{project.slug}/")
    check_accessibility(page)

    # The proposer is told the decision, its reason and its conditions.
    login_as(page, live_server, rep)
    visit(page, live_server, f"/collaboration/proposals/{proposal.pk}/")
    decision = page.locator("section[aria-labelledby=decision-heading]").inner_text()
    assert ja("Adopted with conditions", "proposal status") in decision
    assert reason in decision
    assert conditions in decision
    assert note not in page.content()

    # The project is public.
    page.context.clear_cookies()
    visit(page, live_server, f"/collaboration/projects/{project.slug}/")
    assert project.title in page.locator("h1").inner_text()
    visit(page, live_server, "/collaboration/projects/")
    assert page.get_by_role("link", name=project.title).count() >= 1
    visit(page, live_server, f"/collaboration/calls/{call.slug}/")
    assert proposal.title in page.locator("section[aria-labelledby=results-heading]").inner_text()

    agree_and_evaluate(page, live_server, project=project, window=window, rep=rep, partner=partner)


def agree_and_evaluate(
    page: Any, live_server: Any, *, project: Project, window: User, rep: User, partner: User
) -> None:
    """5. The 協定書: the window drafts it and sends it for confirmation, the group's
    representative and the partner department's staff confirm it; the PDF downloads.
    The project ends; both sides evaluate themselves and each other; the window
    publishes the round, which appears on the public project page."""
    group_partner = project.partners.get(kind="group")
    department_partner = project.partners.get(kind="department")
    login_as(page, live_server, window)
    visit(page, live_server, f"/collaboration/projects/{project.slug}/")
    page.get_by_role("link", name=ja("Draft the agreement")).click()
    page.wait_for_url(f"**/collaboration/projects/{project.slug}/agreement/new/")
    check_accessibility(page)
    page.locator("[name=purpose]").fill("空き家を活用した地域の居場所を、団体と福祉課が協働して運営する。")
    page.locator("[name=cost_sharing]").fill("市：改修費40万円　団体：運営費20万円")
    page.locator("[name=risks]").fill("カフェでの事故は団体が保険で負担し、建物の瑕疵は市が所有者と協議する。")
    page.locator("[name=starts_on]").fill(project.starts_on.isoformat())
    page.locator("[name=ends_on]").fill(project.ends_on.isoformat())
    page.locator("[name=disputes]").fill("疑義が生じたときは、両者が誠意をもって協議する。")
    page.locator(f"[name=party_{group_partner.pk}]").fill("カフェの企画と運営、利用者の安全確保")
    page.locator(f"[name=party_{department_partner.pk}]").fill("民生委員を通じた周知と所有者との調整")
    page.get_by_role("button", name=ja("Save the draft")).click()
    done(page)
    agreement = Agreement.objects.get(project=project)
    assert agreement.status == AgreementStatus.DRAFT
    page.get_by_role("button", name=ja("Send to the parties for confirmation")).click()
    done(page)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.CIRCULATING

    for user, acting_for in ((rep, group_partner), (partner, department_partner)):
        login_as(page, live_server, user)
        visit(page, live_server, f"/collaboration/projects/{project.slug}/")
        visit(page, live_server, f"/collaboration/agreements/{agreement.pk}/")
        page.locator("[name=partner]").select_option(str(acting_for.pk))
        page.get_by_role("button", name=ja("Confirm"), exact=True).click()
        done(page)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    assert all(party.confirmed_at for party in agreement.parties.all())
    link = page.get_by_role("link", name=ja("Download the agreement (PDF)"))
    pdf = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # The project runs and ends; the window opens the final evaluation.
    login_as(page, live_server, window)
    visit(page, live_server, f"/collaboration/projects/{project.slug}/manage/")
    for status in ("active", "completed"):
        page.locator("[name=status]").select_option(status)
        page.get_by_role("button", name=ja("Change the status")).click()
        done(page)
    project.refresh_from_db()
    assert project.status == "completed"
    visit(page, live_server, f"/collaboration/projects/{project.slug}/evaluations/")
    page.locator("[name=is_final][value='1']").check()
    page.locator("[name=due_on]").fill((timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name=ja("Open the round")).click()
    done(page)
    round_ = EvaluationRound.objects.get(project=project)

    # Each side evaluates itself and the other.
    comments = {}
    for user, me, other, points in (
        (rep, group_partner, department_partner, 4),
        (partner, department_partner, group_partner, 5),
    ):
        login_as(page, live_server, user)
        visit(page, live_server, f"/collaboration/evaluation-rounds/{round_.pk}/")
        for subject in (None, other):
            page.locator("[name=evaluator]").select_option(str(me.pk))
            page.locator("[name=subject]").select_option("" if subject is None else str(subject.pk))
            for question, _label in EVALUATION_QUESTIONS:
                page.locator(f"[name={question}_score][value='{points}']").check()
                page.locator(f"[name={question}_comment]").fill("定例会で課題を共有できた。")
            overall = f"{me.display_name}から{'自己評価' if subject is None else '相互評価'}：順調でした。"
            comments[(me.pk, subject)] = overall
            page.locator("[name=overall]").fill(overall)
            page.get_by_role("button", name=ja("Submit the evaluation")).click()
            done(page)
    assert round_.evaluations.count() == 4
    # Nothing is public before the window releases the round.
    page.context.clear_cookies()
    visit(page, live_server, f"/collaboration/projects/{project.slug}/")
    assert all(overall not in page.content() for overall in comments.values())

    # The window publishes the round; it is on the public project page.
    login_as(page, live_server, window)
    visit(page, live_server, f"/collaboration/evaluation-rounds/{round_.pk}/")
    page.locator("[name=confirm]").check()
    page.get_by_role("button", name=ja("Publish"), exact=True).click()
    done(page)
    round_.refresh_from_db()
    assert round_.released_at is not None
    page.context.clear_cookies()
    visit(page, live_server, f"/collaboration/projects/{project.slug}/")
    published = page.locator("section[aria-labelledby=project-evaluations-title]").inner_text()
    for overall in comments.values():
        assert overall in published
    in_force = page.locator("section[aria-labelledby=project-agreement-title]").inner_text()
    assert wareki(timezone.localtime(agreement.in_force_at).date()) in in_force


def test_cohosting_request_approved_and_the_booking_reduced(page: Any, live_server: Any) -> None:
    rep = UserFactory(email="rep@example.jp", full_name="代表 花子", relationship="resident")
    group = create_group(representative=rep, name="みどり親子まつり実行委員会", name_kana="ミドリオヤコマツリ")
    window = with_totp(reviewing_staff())
    facility = create_facility(slug="central", name="みどり市民活動センター")
    room = create_room(facility, slug="room-a", name="会議室A", capacity=24, fee=600)
    rule = create_reduction(name="市との共催事業", percent=50, requires_approval=True, evidence="cohosting")
    day = days_ahead(40)
    assert day - timezone.localdate() >= datetime.timedelta(days=30)

    # The representative asks for the city's 共催.
    login_as(page, live_server, rep)
    visit(page, live_server, "/collaboration/endorsements/")
    visit(page, live_server, "/collaboration/endorsements/new/")
    page.locator("[name=kind][value=cohosting]").check()
    page.locator("[name=event_title]").fill("みどり市親子まつり")
    page.locator("[name=starts_on]").fill(day.isoformat())
    page.locator("[name=ends_on]").fill(day.isoformat())
    page.locator("[name=venue]").fill("みどり市民活動センター 会議室A")
    page.locator("[name=purpose]").fill("親子の交流と地域の子育て支援の周知")
    page.locator("[name=content]").fill("工作教室と読み聞かせ、子育て相談コーナー")
    page.locator("[name=organisers]").fill(group.name)
    page.locator("[name=audience]").fill("市内の親子")
    page.locator("[name=expected_people]").fill("20")
    page.locator("[name=main_benefit][value=joint]").check()
    page.locator("[name=accepts_conditions]").check()
    page.get_by_role("button", name=ja("Send the request")).click()
    done(page)
    request = EndorsementRequest.objects.get(group=group)
    assert (request.kind, request.status) == ("cohosting", "submitted")

    # The window checks and approves it.
    login_as(page, live_server, window)
    visit(page, live_server, "/collaboration/staff/endorsements/")
    page.get_by_role("link", name=request.event_title).click()
    page.wait_for_url(f"**/collaboration/staff/endorsements/{request.pk}/")
    check_accessibility(page)
    for name in ("purpose_ok", "public_nature_ok", "public_interest_ok"):
        page.locator(f"[name={name}][value=yes]").check()
    page.locator("[name=decision][value=approve]").check()
    page.locator("[name=conditions]").fill("チラシに「みどり市共催」と記載すること。")
    page.get_by_role("button", name=ja("Record the decision")).click()
    done(page)
    request.refresh_from_db()
    assert request.status == "approved"

    # The representative sees the approval and books a room on the event's day with
    # the co-hosting 減免: half the fee, confirmed at once.
    login_as(page, live_server, rep)
    visit(page, live_server, f"/collaboration/endorsements/{request.pk}/")
    visit(page, live_server, f"/facilities/central/room-a/?week={day.isoformat()}")
    page.locator(f'a[href*="date={day.isoformat()}&slot=18:00"]').click()
    check_accessibility(page)
    page.get_by_label(group.name).check()
    page.locator("[name=purpose]").fill("親子まつりの工作教室")
    page.locator("[name=expected_people]").fill("20")
    page.locator("[name=reduction_rule]").select_option(str(rule.pk))
    page.get_by_role("button", name=ja("Show the fee")).click()
    page.locator("#fee-total").wait_for()
    check_accessibility(page)
    # The evening division costs 800 yen; 共催 halves it.
    assert page.locator("#fee-total").inner_text().startswith("400")
    page.get_by_role("button", name=ja("Confirm the booking")).click()
    page.get_by_role("heading", name=ja("Booking"), exact=True).wait_for()
    check_accessibility(page)
    booking = Booking.objects.get(resource=room)
    assert (booking.group, booking.fee, booking.fee_reduction) == (group, 400, 400)
    assert booking.reduction_rule == rule
    assert request.receipt_number in booking.reduction_reason
    assert booking.status == BookingStatus.CONFIRMED
    visit(page, live_server, "/bookings/")
