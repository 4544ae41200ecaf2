"""The calls pages: the front, the list, a call (score sheet, results once published),
the window's call management and the site navigation."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from collaboration.models import Call, CallKind, CallStatus, Proposal, ProposalStatus
from portal.models import Review
from tests.factories.collaboration import create_call, create_proposal, window_department
from tests.factories.portal import UserFactory
from tests.subsidies.screening_setup import create_committee

pytestmark = pytest.mark.django_db


def test_index__shows_open_theme_and_citizen_window(client: Any) -> None:
    create_call(title="空き家の活用")
    create_call(kind=CallKind.CITIZEN, title="市民提案の窓口", closes_at=None)
    create_call(title="締切済みのテーマ", status=CallStatus.CLOSED)
    create_call(title="下書きのテーマ", status=CallStatus.DRAFT)
    page = client.get(reverse("collaboration:index")).content.decode()
    assert "空き家の活用" in page
    assert "市民提案の窓口" in page
    assert "締切済みのテーマ" not in page
    assert "下書きのテーマ" not in page
    assert reverse("collaboration:call-list") in page


def test_index__links_only_to_pages_that_exist(client: Any) -> None:
    response = client.get(reverse("collaboration:index"))
    for link in response.context["links"]:
        assert client.get(link["url"]).status_code in (200, 302)


def test_call_list__by_year_open_first_no_drafts(client: Any) -> None:
    year = timezone.localdate().year
    closed = create_call(title="締切済み", status=CallStatus.CLOSED)
    open_ = create_call(title="受付中")
    old = create_call(
        title="昨年度", status=CallStatus.ANNOUNCED, fiscal_year=closed.fiscal_year - 1, starts_on=None, ends_on=None
    )
    create_call(title="下書き", status=CallStatus.DRAFT)
    response = client.get(reverse("collaboration:call-list"))
    assert list(response.context["calls"]) == [open_, closed, old]
    assert "下書き" not in response.content.decode()
    assert year


def test_call_page__outline_criteria_and_start_button(client: Any, role_users: dict[str, Any]) -> None:
    committee = create_committee(chair=UserFactory())
    call = create_call(committee=committee, participation_criteria="市内で1年以上活動", presentation_place="市役所")
    page = client.get(call.get_absolute_url()).content.decode()
    assert "市内で1年以上活動" in page
    assert "公益性" in page  # the committee's criteria with their weights
    assert reverse("collaboration:proposal-start", args=[call.slug]) in page
    closed = create_call(status=CallStatus.CLOSED)
    page = client.get(closed.get_absolute_url()).content.decode()
    assert reverse("collaboration:proposal-start", args=[closed.slug]) not in page


def test_call_page__results_once_published(client: Any, role_users: dict[str, Any]) -> None:
    member_user = UserFactory()
    committee = create_committee(chair=UserFactory(), members=[member_user])
    call = create_call(committee=committee, status=CallStatus.ANNOUNCED)
    now = timezone.now()
    adopted = create_proposal(
        call,
        group=role_users["_group"],
        status=ProposalStatus.ADOPTED,
        decision_reason="地域の課題に合っている",
        decision_published_at=now,
    )
    rejected = create_proposal(
        call,
        group=role_users["_other_group"],
        status=ProposalStatus.NOT_ADOPTED,
        decision_reason="予算の積算が不十分",
        decision_published_at=now,
    )
    Review.objects.create(
        committee=committee,
        member=committee.members.get(user=member_user),
        content_type=ContentType.objects.get_for_model(Proposal),
        object_id=adopted.pk,
        total=Decimal("82.50"),
    )
    page = client.get(call.get_absolute_url()).content.decode()
    assert "地域の課題に合っている" not in page  # not yet published
    Call.objects.filter(pk=call.pk).update(decisions_published_at=now)
    response = client.get(call.get_absolute_url())
    page = response.content.decode()
    assert adopted.title in page
    assert rejected.title in page
    assert "地域の課題に合っている" in page
    assert "予算の積算が不十分" not in page  # told to the proposer only
    assert "82.50" in page
    assert [r.proposal for r in response.context["results"]] == [adopted, rejected]


def test_staff_call_create_publish_close(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["city_staff"])
    now = timezone.localtime()
    data = {
        "kind": "theme",
        "slug": "kodomo",
        "fiscal_year": "2026",
        "department": window_department().pk,
        "title": "子どもの居場所",
        "budget_min": "100000",
        "budget_max": "500000",
        "opens_at": (now - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + datetime.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
    }
    response = client.post(reverse("collaboration:staff-call-new"), data)
    assert response.status_code == 302, response.context["form"].errors
    call = Call.objects.get(slug="kodomo")
    assert call.status == CallStatus.DRAFT
    status_url = reverse("collaboration:staff-call-status", args=[call.pk])
    assert client.post(status_url, {"action": "publish", "seen_status": "draft"}).status_code == 302
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    # stale: the page showed "draft"
    response = client.post(status_url, {"action": "publish", "seen_status": "draft"})
    assert response.status_code == 409
    assert client.post(status_url, {"action": "close", "seen_status": "open"}).status_code == 302
    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    assert client.post(status_url, {"action": "explode"}).status_code == 400


def test_staff_call_create__theme_without_deadline__400_nothing_written(
    client: Any, role_users: dict[str, Any]
) -> None:
    client.force_login(role_users["city_staff"])
    data = {
        "kind": "theme",
        "slug": "no-deadline",
        "fiscal_year": "2026",
        "department": window_department().pk,
        "title": "締切のないテーマ",
        "budget_min": "0",
        "budget_max": "0",
    }
    response = client.post(reverse("collaboration:staff-call-new"), data)
    assert response.status_code == 400
    assert "closes_at" in response.context["form"].errors
    assert not Call.objects.exists()


def test_site_header__collaboration_links(client: Any, role_users: dict[str, Any]) -> None:
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("collaboration:index") in page
    client.force_login(role_users["citizen"])
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("collaboration:my-proposals") in page


def test_hooks__audit_labels_and_bench_pages() -> None:
    from collaboration.hooks import calls as hooks
    from portal import bench
    from portal.audit import action_label

    assert str(action_label("collaboration.call.published")) == "協働事業提案の募集を公開"
    assert str(action_label("collaboration.proposal.submitted")) == "協働事業提案を提出"
    assert hooks.bench_pages in bench.BENCH_PAGES
    call = create_call()
    pages = dict(hooks.bench_pages())
    assert pages["collaboration call"] == call.get_absolute_url()
    assert pages["collaboration index"] == reverse("collaboration:index")


def test_staff_status_buttons__carry_the_csrf_token(client: Any, role_users: dict[str, Any]) -> None:
    call = create_call(status=CallStatus.DRAFT, published_at=None)
    client.force_login(role_users["city_staff"])
    for name in ("collaboration:staff-call-edit", "collaboration:staff-call-status"):
        page = client.get(reverse(name, args=[call.pk])).content.decode()
        action = reverse("collaboration:staff-call-status", args=[call.pk])
        form = page[page.index(f'action="{action}"') :]
        assert "csrfmiddlewaretoken" in form[: form.index("</form>")]
