"""City staff keep the programmes, their categories, the expense categories and the
outside grants in the admin; every edit is audited; the workflow fields are read-only;
applications are not edited there."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from portal.dates import fiscal_year
from portal.models import AuditLogEntry
from subsidies.models import Application, OutsideGrant, Programme
from tests.admin_forms import admin_form_data
from tests.factories.subsidies import create_programme, expense_categories

pytestmark = pytest.mark.django_db

YEAR = fiscal_year(timezone.localdate())


@pytest.fixture
def city(client: Any, role_users: dict[str, Any]) -> Any:
    client.force_login(role_users["city_staff"])
    return role_users["city_staff"]


def test_programme__city_staff_add_one_with_a_category__audited(client: Any, city: Any) -> None:
    expenses = expense_categories()
    url = reverse("admin:subsidies_programme_add")
    page = client.get(url)
    assert page.status_code == 200
    data = admin_form_data(
        page,
        fiscal_year=str(YEAR),
        slug="kouryu",
        code="KOR",
        name="市民活動交流事業補助金",
        purpose="団体どうしの交流を応援します。",
        applicant_kind="any_group",
        total_budget="800000",
        max_years="3",
        eligible_expenses=[str(expenses["honoraria"].pk), str(expenses["printing"].pk)],
        call_opens_at_0=f"{YEAR}-05-01",
        call_opens_at_1="09:00",
        call_closes_at_0=f"{YEAR}-05-31",
        call_closes_at_1="17:00",
        project_starts_on=f"{YEAR}-07-01",
        project_ends_on=f"{YEAR + 1}-02-28",
        report_due_on=f"{YEAR + 1}-03-31",
        **{
            "categories-TOTAL_FORMS": "1",
            "categories-0-name": "交流部門",
            "categories-0-rate_numerator": "1",
            "categories-0-rate_denominator": "2",
            "categories-0-ceiling": "200000",
            "categories-0-floor": "0",
            "categories-0-rounding_unit": "1000",
            "categories-0-order": "0",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    programme = Programme.objects.get(slug="kouryu")
    [category] = programme.categories.all()
    assert (category.name, category.rate_label, category.ceiling) == ("交流部門", "1/2", 200_000)
    assert set(programme.eligible_expenses.values_list("code", flat=True)) == {"honoraria", "printing"}
    assert AuditLogEntry.objects.filter(action="subsidies.programme.created", actor=city).count() == 1
    assert AuditLogEntry.objects.filter(action="subsidies.programmecategory.created", actor=city).count() == 1


def test_programme__workflow_fields_read_only(client: Any, city: Any) -> None:
    programme = create_programme()
    page = client.get(reverse("admin:subsidies_programme_change", args=[programme.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    for name in ("next_receipt_seq", "schedule_published_at", "decisions_published_at"):
        assert name not in form.fields
    stamp = timezone.now()
    opens, closes = (timezone.localtime(programme.call_opens_at), timezone.localtime(programme.call_closes_at))
    data = admin_form_data(
        page,
        name="名前を変更",
        decisions_published_at=stamp.isoformat(),
        next_receipt_seq="99",
        call_opens_at_0=f"{opens:%Y-%m-%d}",
        call_opens_at_1=f"{opens:%H:%M:%S.%f}",
        call_closes_at_0=f"{closes:%Y-%m-%d}",
        call_closes_at_1=f"{closes:%H:%M:%S.%f}",
    )
    assert client.post(reverse("admin:subsidies_programme_change", args=[programme.pk]), data).status_code == 302
    programme.refresh_from_db()
    assert programme.name == "名前を変更"
    assert programme.decisions_published_at is None
    assert programme.next_receipt_seq == 1
    entry = AuditLogEntry.objects.get(action="subsidies.programme.updated")
    assert "name" in entry.data["fields"]
    assert not {"decisions_published_at", "next_receipt_seq"} & set(entry.data["fields"])


def test_outside_grant__added_by_city_staff_and_listed(client: Any, city: Any) -> None:
    url = reverse("admin:subsidies_outsidegrant_add")
    page = client.get(url)
    data = admin_form_data(page, provider="みどり財団", name="まちづくり助成", amount="50万円", published="on")
    assert client.post(url, data).status_code == 302
    assert OutsideGrant.objects.get().name == "まちづくり助成"
    assert AuditLogEntry.objects.filter(action="subsidies.outsidegrant.created").exists()
    assert "まちづくり助成" in client.get(reverse("subsidies:outside-grants")).content.decode()


def test_admin__applications_not_registered_and_others_refused(client: Any, role_users: dict[str, Any]) -> None:
    assert not admin.site.is_registered(Application)
    client.force_login(role_users["centre_staff"])
    assert client.get(reverse("admin:subsidies_programme_changelist")).status_code in (302, 403)
    client.force_login(role_users["city_staff"])
    assert client.get(reverse("admin:subsidies_programme_changelist")).status_code == 200
    assert client.get(reverse("admin:subsidies_expensecategory_changelist")).status_code == 200
