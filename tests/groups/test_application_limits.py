"""One account cannot flood the city with group applications (and staff with e-mails)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from groups.models import CommunityGroup
from groups.services import registration as registration_services
from tests.factories.groups import apply_for_group, default_taxonomy, registration_data, reviewing_staff
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_open_applications__at_most_three_per_account() -> None:
    applicant = UserFactory()
    for n in range(registration_services.MAX_OPEN_APPLICATIONS):
        apply_for_group(applicant=applicant, name=f"会{n}")
    with pytest.raises(ValidationError) as caught:
        apply_for_group(applicant=applicant, name="四つ目の会")
    assert caught.value.code == "too_many_applications"
    assert CommunityGroup.objects.filter(applicant=applicant).count() == 3
    # Someone else may still apply.
    apply_for_group(applicant=UserFactory(), name="別の人の会")


def test_decided_applications__free_a_place_but_the_daily_limit_holds() -> None:
    applicant = UserFactory()
    staff = reviewing_staff()
    for n in range(registration_services.MAX_APPLICATIONS_PER_DAY):
        group = apply_for_group(applicant=applicant, name=f"会{n}")
        registration_services.group_approve(group=group, actor=staff)
    with pytest.raises(ValidationError):
        apply_for_group(applicant=applicant, name="六つ目の会")
    CommunityGroup.objects.filter(applicant=applicant).update(created_at=timezone.now() - datetime.timedelta(days=2))
    apply_for_group(applicant=applicant, name="翌々日の会")


def test_register_view__form_error_and_no_staff_mail(client: Any) -> None:
    applicant = UserFactory()
    for n in range(registration_services.MAX_OPEN_APPLICATIONS):
        apply_for_group(applicant=applicant, name=f"会{n}")
    mail.outbox.clear()
    client.force_login(applicant)
    fields, areas = default_taxonomy()
    data = {key: value for key, value in registration_data(name="四つ目の会").items() if value not in (None, False)}
    data |= {"fields": [f.pk for f in fields], "areas": [a.pk for a in areas]}
    data = {key: ("on" if value is True else value) for key, value in data.items()}
    response = client.post(reverse("groups:register"), data)
    assert response.status_code == 400
    errors = response.context["form"].non_field_errors()
    assert errors
    assert errors[0] in response.content.decode()
    assert not CommunityGroup.objects.filter(name="四つ目の会").exists()
    assert mail.outbox == []
