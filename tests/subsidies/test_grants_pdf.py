"""The 交付決定通知書 and 額の確定通知書 as PDF: read back with pypdf (和暦 date, amounts,
the city's and mayor's names, the group, its representative, the project), and who
may download them."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from portal.models import SiteConfiguration
from subsidies.services import grants as services
from tests.factories.portal import UserFactory
from tests.roles import with_totp
from tests.subsidies.grants_flow import accepted, adopted, advance_paid, granted, reported, representative, staff

pytestmark = pytest.mark.django_db


def _text(response: Any) -> str:
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(autouse=True)
def _mayor() -> None:
    config = SiteConfiguration.get_solo()
    config.mayor_name = "緑川花子"
    config.save()
    SiteConfiguration.clear_cache()


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_grant_pdf__japanese_facts() -> None:
    application = adopted(accepted())
    services.grant_decide(
        actor=staff(),
        application=application,
        document_number="みどり市協第123号",
        decided_on=datetime.date(2026, 5, 1),
        conditions="事業の内容を変更するときは、あらかじめ承認を受けること。",
    )
    response = _as(representative(application)).get(reverse("subsidies:grant-pdf", args=[application.pk]))
    assert response.status_code == 200
    text = _text(response)
    group = application.group
    for expected in (
        "交付決定通知書",
        "みどり市協第123号",
        "令和8年5月1日",
        "みどり市長 緑川花子",
        group.name,
        application.title,
        "金125,000円",
        application.programme.name,
        "あらかじめ承認を受けること",
    ):
        assert expected in text, expected
    if group.representative_name:
        assert group.representative_name in text


def test_confirmation_pdf__amounts_and_refund() -> None:
    application = granted()
    advance_paid(application, 60_000)
    reported(application, {"honoraria": 80_000, "printing": 20_000})  # 1/2 of 100,000
    services.amount_confirm(
        actor=staff(),
        application=application,
        document_number="みどり市協第456号",
        confirmed_on=datetime.date(2027, 4, 20),
    )
    response = _as(with_totp(staff())).get(reverse("subsidies:confirmation-pdf", args=[application.pk]))
    assert response.status_code == 200
    text = _text(response)
    for expected in (
        "額の確定通知書",
        "みどり市協第456号",
        "令和9年4月20日",
        "みどり市長 緑川花子",
        application.group.name,
        application.title,
        "金125,000円",  # granted
        "金50,000円",  # confirmed
        "金60,000円",  # paid in advance
        "金10,000円",  # refund due
        "納入通知書",
    ):
        assert expected in text, expected


def test_pdfs__only_the_group_and_staff_and_only_when_issued() -> None:
    application = adopted(accepted())
    rep = _as(representative(application))
    grant_url = reverse("subsidies:grant-pdf", args=[application.pk])
    confirmation_url = reverse("subsidies:confirmation-pdf", args=[application.pk])
    assert rep.get(grant_url).status_code == 404  # not granted yet
    services.grant_decide(
        actor=staff(), application=application, document_number="第1号", decided_on=timezone.localdate()
    )
    assert rep.get(grant_url).status_code == 200
    assert rep.get(confirmation_url).status_code == 404
    assert _as(UserFactory()).get(grant_url).status_code == 404
    assert Client().get(grant_url).status_code == 302
