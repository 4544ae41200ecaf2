"""The agreement pages: drafting (prefilled from the partners' roles), editing, the
confirmation by each party, the staff's buttons with 409 on a stale state, the change
(new version), the PDF read back with pypdf (和暦, parties, confirmation dates, 第n版)
and the project page's section (public: in-force status and date only)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from collaboration.models import Agreement, AgreementStatus
from collaboration.services import agreements as services
from portal.dates import wareki
from tests.factories.collaboration import create_agreement, create_project
from tests.factories.groups import create_group

pytestmark = pytest.mark.django_db
S = AgreementStatus


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    project = create_project(groups=(role_users["_group"],))
    group_partner, city_partner = list(project.partners.all())
    return {**role_users, "project": project, "group_partner": group_partner, "city_partner": city_partner}


def _post_data(project: Any, **overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data = {
        "title": "空き家カフェ協定書",
        "purpose": "居場所づくり",
        "cost_sharing": "市：会場費",
        "risks": "事故は団体が負う",
        "starts_on": today.isoformat(),
        "ends_on": today.replace(year=today.year + 1).isoformat(),
        "disputes": "協議",
        "other_terms": "",
    }
    for partner in project.partners.all():
        data[f"party_{partner.pk}"] = f"{partner.display_name}の役割"
    data.update(overrides)
    return data


def test_new__prefilled_and_creates(world: dict[str, Any]) -> None:
    client = _as(world["city_staff"])
    url = reverse("collaboration:agreement-new", args=[world["project"].slug])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial[f"party_{world['group_partner'].pk}"] == "運営"
    response = client.post(url, _post_data(world["project"]))
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == agreement.get_absolute_url()
    assert agreement.parties.get(partner=world["group_partner"]).roles.endswith("の役割")
    # a second visit goes to the agreement
    assert client.get(url).status_code == 302


def test_new__bad_input_400_nothing_written(world: dict[str, Any]) -> None:
    client = _as(world["city_staff"])
    url = reverse("collaboration:agreement-new", args=[world["project"].slug])
    for bad in ({"title": "a\nb"}, {"starts_on": "9999-12-31"}, {"purpose": "a\x00b"}, {"ends_on": "2000-01-01"}):
        assert client.post(url, _post_data(world["project"], **bad)).status_code == 400
    assert not Agreement.objects.exists()


def test_edit__draft_only_and_stale_409(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"])
    client = _as(world["city_staff"])
    url = reverse("collaboration:agreement-edit", args=[agreement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _post_data(world["project"], title="改めた題", seen_status="draft"))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "改めた題"
    Agreement.objects.filter(pk=agreement.pk).update(status=S.CIRCULATING)
    response = client.post(url, _post_data(world["project"], title="遅い", seen_status="draft"))
    assert response.status_code == 409
    agreement.refresh_from_db()
    assert agreement.title == "改めた題"


def test_detail__confirm_flow_and_in_force(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"])
    staff, rep = _as(world["city_staff"]), _as(world["representative"])
    url = reverse("collaboration:agreement", args=[agreement.pk])
    page = rep.get(url)
    assert page.context["confirm_form"] is None
    assert "circulate" not in page.content.decode()
    assert staff.post(url, {"action": "circulate", "seen_status": "draft"}).status_code == 302
    page = rep.get(url)
    assert page.context["confirm_form"] is not None
    response = rep.post(url, {"action": "confirm", "partner": world["group_partner"].pk, "seen_status": "circulating"})
    assert response.status_code == 302
    # twice: refused, nothing changes
    again = rep.post(url, {"action": "confirm", "partner": world["group_partner"].pk, "seen_status": "circulating"})
    assert again.status_code == 400
    staff.post(url, {"action": "confirm", "partner": world["city_partner"].pk, "seen_status": "circulating"})
    agreement.refresh_from_db()
    assert agreement.status == S.IN_FORCE
    content = rep.get(url).content.decode()
    assert world["representative"].full_name in content


def test_detail__stale_circulate_409(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"], status=S.CIRCULATING)
    url = reverse("collaboration:agreement", args=[agreement.pk])
    response = _as(world["city_staff"]).post(url, {"action": "circulate", "seen_status": "draft"})
    assert response.status_code == 409


def test_detail__confirm_by_a_non_party_403(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"], status=S.CIRCULATING)
    url = reverse("collaboration:agreement", args=[agreement.pk])
    response = _as(world["superuser"]).post(url, {"action": "confirm", "partner": world["group_partner"].pk})
    assert response.status_code == 403
    assert not agreement.parties.filter(confirmed_at__isnull=False).exists()


def test_detail__withdraw_and_revise(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"], status=S.IN_FORCE)
    staff = _as(world["city_staff"])
    url = reverse("collaboration:agreement", args=[agreement.pk])
    assert staff.post(url, {"action": "revise", "change_reason": ""}).status_code == 400
    response = staff.post(url, {"action": "revise", "change_reason": "予算の変更"})
    second = Agreement.objects.get(version=2)
    assert response["Location"] == second.get_absolute_url()
    services.agreement_circulate(actor=world["city_staff"], agreement=second)
    second_url = reverse("collaboration:agreement", args=[second.pk])
    assert staff.post(second_url, {"action": "withdraw", "seen_status": "circulating"}).status_code == 302
    second.refresh_from_db()
    assert second.status == S.DRAFT
    page = staff.get(second_url).content.decode()
    assert "予算の変更" in page
    assert f'href="{url}"' in page  # every version is listed


def _pdf_text(response: Any) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_pdf__japanese_facts(world: dict[str, Any]) -> None:
    first = create_agreement(world["project"], status=S.IN_FORCE)
    second = services.agreement_revise(actor=world["city_staff"], agreement=first, change_reason="期間を延長")
    services.agreement_circulate(actor=world["city_staff"], agreement=second)
    services.agreement_confirm(world["representative"], second, world["group_partner"], None)
    services.agreement_confirm(world["city_staff"], second, world["city_partner"], None)
    response = _as(world["representative"]).get(reverse("collaboration:agreement-pdf", args=[second.pk]))
    assert response.status_code == 200
    text = _pdf_text(response).replace("\n", "")
    today = wareki(timezone.localdate())
    for expected in (
        second.title,
        "第2版",
        today,
        world["_group"].name,
        "期間を延長",
        "役割と責任",
        "確認",
        "費用分担",
        "紛争の解決",
    ):
        assert expected in text, expected


def _render(tag: str, project: Any, user: Any) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load collaboration_project %}{% " + tag + " project %}").render(
        Context({"project": project, "request": request})
    )


def test_section__public_sees_status_and_date_only(world: dict[str, Any]) -> None:
    from django.contrib.auth.models import AnonymousUser

    agreement = create_agreement(world["project"], status=S.IN_FORCE)
    public = _render("project_agreement", world["project"], AnonymousUser())
    assert "第1版" in public
    assert wareki(timezone.localdate()) in public
    assert reverse("collaboration:agreement", args=[agreement.pk]) not in public
    partner = _render("project_agreement", world["project"], world["representative"])
    assert reverse("collaboration:agreement", args=[agreement.pk]) in partner
    empty = create_project(groups=(create_group(),))
    assert "<section" not in _render("project_agreement", empty, AnonymousUser())
    assert reverse("collaboration:agreement-new", args=[empty.slug]) in _render(
        "project_agreement", empty, world["city_staff"]
    )


def _count(project: Any, user: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        _render("project_agreement", project, user)
    return len(captured)


def test_section__constant_queries(world: dict[str, Any]) -> None:
    small = create_project(groups=(create_group(),))
    create_agreement(small, status=S.IN_FORCE)
    big = create_project(groups=(create_group(), create_group(), create_group()))
    for version in range(1, 4):
        create_agreement(big, status=S.SUPERSEDED, version=version)
    create_agreement(big, status=S.IN_FORCE, version=4)
    create_agreement(big, status=S.CIRCULATING, version=5)
    for user in (world["city_staff"], world["citizen"]):
        _count(small, user)  # warm the user's cached facts
        assert _count(small, user) == _count(big, user)


def test_detail__constant_queries(world: dict[str, Any]) -> None:
    small = create_project(groups=(world["_group"],))
    one = create_agreement(small, status=S.IN_FORCE)
    big = create_project(groups=(world["_group"], create_group(), create_group()))
    for version in range(1, 5):
        create_agreement(big, status=S.SUPERSEDED, version=version)
    last = create_agreement(big, status=S.IN_FORCE, version=5)
    client = _as(world["representative"])
    counts = []
    for agreement in (one, last):
        url = reverse("collaboration:agreement", args=[agreement.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_detail__confirm_a_non_circulating_agreement_409(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"])
    url = reverse("collaboration:agreement", args=[agreement.pk])
    response = _as(world["representative"]).post(
        url, {"action": "confirm", "partner": world["group_partner"].pk, "seen_status": "circulating"}
    )
    assert response.status_code == 409
    assert not agreement.parties.filter(confirmed_at__isnull=False).exists()
