from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from groups import services
from groups.models import CommunityGroup, GroupStatus, Membership
from portal import search
from portal.models import AuditLogEntry, SiteConfiguration
from tests.factories.groups import (
    apply_for_group,
    create_group,
    default_taxonomy,
    registration_data,
    reviewing_staff,
)
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def test_apply__creates_pending_group_with_declarations_and_representative() -> None:
    applicant = UserFactory()
    group = apply_for_group(applicant=applicant, name="みどり手話サークル", name_kana="ミドリシュワサークル")
    assert group.status == GroupStatus.PENDING
    assert group.slug == str(group.pk)
    assert group.declared_at is not None
    assert all(getattr(group, name) for name in services.DECLARATIONS)
    assert Membership.objects.get(group=group).user == applicant
    assert Membership.objects.get(group=group).role == "representative"
    search.rebuild(["groups.group"])
    assert not search.filter_queryset(CommunityGroup.objects.all(), "みどり手話").exists()  # not public while pending
    assert AuditLogEntry.objects.filter(action="groups.communitygroup.applied", target_id=str(group.pk)).exists()


@pytest.mark.parametrize("declaration", services.DECLARATIONS)
def test_apply__each_declaration_is_required(declaration: str) -> None:
    fields, areas = default_taxonomy()
    with pytest.raises(ValidationError) as error:
        services.group_apply(
            applicant=UserFactory(), data=registration_data(**{declaration: False}), fields=fields, areas=areas
        )
    assert declaration in error.value.error_dict
    assert not CommunityGroup.objects.exists()


def test_apply__needs_fields_and_areas() -> None:
    with pytest.raises(ValidationError):
        services.group_apply(applicant=UserFactory(), data=registration_data(), fields=[], areas=[])
    assert not CommunityGroup.objects.exists()


def test_approve__registers_until_end_of_fiscal_year_and_emails_in_applicants_language(
    django_capture_on_commit_callbacks: Any,
) -> None:
    applicant = UserFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        group = apply_for_group(applicant=applicant)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        group = services.group_approve(group=group, actor=reviewing_staff())
    assert group.status == GroupStatus.REGISTERED
    assert group.registered_until is not None
    assert (group.registered_until.month, group.registered_until.day) == (3, 31)
    assert group.decided_by == reviewing_staff()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant.email]
    assert "registered group" in mail.outbox[0].subject


def test_staff_notified_of_new_application(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        apply_for_group(name="新しい会")
    assert any("新しい会" in message.subject for message in mail.outbox)
    assert SiteConfiguration.get_solo().contact_email in mail.outbox[0].to


def test_return__needs_reason_and_emails_it(django_capture_on_commit_callbacks: Any) -> None:
    group = apply_for_group(applicant=UserFactory(preferred_language="ja"))
    with pytest.raises(ValidationError):
        services.group_return(group=group, actor=reviewing_staff(), reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.group_return(group=group, actor=reviewing_staff(), reason="規約を添付してください。")
    group.refresh_from_db()
    assert group.status == GroupStatus.RETURNED
    assert "規約を添付してください。" in mail.outbox[-1].body
    assert "差し戻" in mail.outbox[-1].subject


def test_resubmit__returned_application_goes_back_to_review() -> None:
    rep = UserFactory()
    group = apply_for_group(applicant=rep)
    services.group_return(group=group, actor=reviewing_staff(), reason="直してください")
    services.group_update(group=group, actor=rep, data={"purpose": "目的を詳しく書きました。"})
    group = services.group_resubmit(group=group, actor=rep)
    assert group.status == GroupStatus.PENDING


def test_reject__is_final() -> None:
    group = apply_for_group()
    services.group_reject(group=group, actor=reviewing_staff(), reason="主たる目的が営利のため")
    with pytest.raises(ValidationError):
        services.group_approve(group=group, actor=reviewing_staff())


def test_decisions__only_city_staff() -> None:
    group = apply_for_group()
    with pytest.raises(PermissionDenied):
        services.group_approve(group=group, actor=UserFactory())
    group.refresh_from_db()
    assert group.status == GroupStatus.PENDING


def test_decisions__stale_state_is_reported_not_overwritten() -> None:
    group = apply_for_group()
    services.group_return(group=group, actor=reviewing_staff(), reason="直してください")
    with pytest.raises(ValidationError) as error:
        services.group_approve(group=group, actor=reviewing_staff(), expected_status=GroupStatus.PENDING)
    assert error.value.code == "stale"
    group.refresh_from_db()
    assert group.status == GroupStatus.RETURNED


def test_update__only_representative_and_editors() -> None:
    member = UserFactory()
    group = create_group(members=(member,))
    with pytest.raises(PermissionDenied):
        services.group_update(group=group, actor=member, data={"name": "乗っ取り"})
    with pytest.raises(PermissionDenied):
        services.group_update(group=create_group(), actor=UserFactory(), data={"name": "乗っ取り"})
    group.refresh_from_db()
    assert group.name != "乗っ取り"


def test_renew__only_in_window_extends_to_next_fiscal_year() -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    group.registered_until = datetime.date(2027, 3, 31)
    group.save(update_fields=["registered_until"])
    with pytest.raises(ValidationError):
        services.group_renew(group=group, actor=rep, today=datetime.date(2027, 1, 15))
    renewed = services.group_renew(group=group, actor=rep, today=datetime.date(2027, 2, 10))
    assert renewed.registered_until == datetime.date(2028, 3, 31)
    with pytest.raises(ValidationError):
        services.group_renew(group=group, actor=rep, today=datetime.date(2027, 2, 11))
    with pytest.raises(PermissionDenied):
        services.group_renew(group=group, actor=UserFactory(), today=datetime.date(2027, 2, 11))


def test_renewal_window__staff_configurable() -> None:
    config = SiteConfiguration.get_solo()
    assert services.renewal_window(datetime.date(2027, 2, 1), config)
    assert not services.renewal_window(datetime.date(2027, 3, 1), config)
    config.group_renewal_opens_month, config.group_renewal_closes_month = 1, 3
    assert services.renewal_window(datetime.date(2027, 1, 1), config)
    assert services.renewal_window(datetime.date(2027, 3, 31), config)
    assert not services.renewal_window(datetime.date(2026, 12, 31), config)


def test_lapse__unrenewed_groups_leave_directory_on_1_april_keeping_data() -> None:
    group = create_group(name="更新しない会")
    kept = create_group()
    group.registered_until = datetime.date(2027, 3, 31)
    group.save(update_fields=["registered_until"])
    kept.registered_until = datetime.date(2028, 3, 31)
    kept.save(update_fields=["registered_until"])
    assert services.groups_lapse_expired(today=datetime.date(2027, 3, 31)) == 0
    assert services.groups_lapse_expired(today=datetime.date(2027, 4, 1)) == 1
    group.refresh_from_db()
    assert group.status == GroupStatus.LAPSED
    assert group.name == "更新しない会"
    assert group not in CommunityGroup.objects.registered(on=datetime.date(2027, 4, 1))
    assert kept in CommunityGroup.objects.registered(on=datetime.date(2027, 4, 1))


def test_withdraw__representative_only() -> None:
    rep, member = UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(member,))
    with pytest.raises(PermissionDenied):
        services.group_withdraw(group=group, actor=member)
    services.group_withdraw(group=group, actor=rep)
    group.refresh_from_db()
    assert group.status == GroupStatus.WITHDRAWN
    assert not CommunityGroup.objects.registered().filter(pk=group.pk).exists()


def test_attachment__type_and_size_checked() -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    ok = services.attachment_add(
        group=group, actor=rep, kind="rules", upload=SimpleUploadedFile("規約.pdf", PDF, "application/pdf")
    )
    assert ok.size == len(PDF)
    with pytest.raises(ValidationError):
        services.attachment_add(
            group=group,
            actor=rep,
            kind="rules",
            upload=SimpleUploadedFile("evil.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        )
    with pytest.raises(ValidationError):
        services.attachment_add(
            group=group, actor=rep, kind="rules", upload=SimpleUploadedFile("page.html", b"<html>", "text/html")
        )
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError):
        services.attachment_add(group=group, actor=rep, kind="rules", upload=big)
    assert group.attachments.count() == 1
