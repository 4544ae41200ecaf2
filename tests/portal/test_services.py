from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied, ValidationError

from groups.models import Membership
from portal import services
from portal.models import AuditLogEntry, SiteConfiguration, StaffAssignment, StaffRole, User
from tests.factories.groups import create_group
from tests.factories.portal import DepartmentFactory, UserFactory
from tests.roles import with_totp

pytestmark = pytest.mark.django_db


def test_user_update_profile__writes_changed_fields_and_audits() -> None:
    user = UserFactory(full_name="旧姓 花子")
    services.user_update_profile(user=user, data={"full_name": "新姓 花子", "preferred_language": "ja"})
    user.refresh_from_db()
    assert user.full_name == "新姓 花子"
    entry = AuditLogEntry.objects.get(action="portal.user.profile_updated")
    assert entry.data == {"fields": ["full_name"]}


def test_user_update_profile__bad_kana_is_rejected_and_nothing_written() -> None:
    user = UserFactory(full_name_kana="ミドリ")
    with pytest.raises(ValidationError):
        services.user_update_profile(user=user, data={"full_name_kana": "Midori"})
    user.refresh_from_db()
    assert user.full_name_kana == "ミドリ"
    assert not AuditLogEntry.objects.exists()


def test_user_export_data__contains_account_roles_and_memberships() -> None:
    user = UserFactory(email="hanako@example.jp", full_name="緑 花子")
    create_group(members=(user,))
    data = services.user_export_data(user=user)
    assert data["account"]["email"] == "hanako@example.jp"
    assert data["account"]["full_name"] == "緑 花子"
    assert data["email_addresses"] == [{"email": "hanako@example.jp", "verified": True, "primary": True}]
    assert data["group_memberships"][0]["role"] == "member"


def test_user_delete__anonymises_and_keeps_records() -> None:
    user = with_totp(UserFactory(email="leaving@example.jp", full_name="退会 太郎"))
    create_group(members=(user,))
    services.user_update_profile(user=user, data={"full_name": "退会 次郎"})
    services.user_delete(user=user)
    user.refresh_from_db()
    assert user.email.endswith("@invalid.example")
    assert (user.full_name, user.full_name_kana, user.relationship) == ("", "", "")
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.anonymized_at is not None
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not Membership.objects.filter(user=user).exists()
    # The audit trail stays, pointing at the anonymised row.
    assert AuditLogEntry.objects.filter(actor=user, action="portal.user.profile_updated").exists()
    assert AuditLogEntry.objects.filter(actor=user, action="portal.user.deleted").exists()
    assert not User.objects.filter(email="leaving@example.jp").exists()


def test_user_delete__representative_must_hand_over_first() -> None:
    rep = UserFactory(full_name="代表 一郎")
    create_group(representative=rep)
    with pytest.raises(ValidationError):
        services.user_delete(user=rep)
    rep.refresh_from_db()
    assert rep.is_active
    assert rep.full_name == "代表 一郎"
    assert not AuditLogEntry.objects.filter(action="portal.user.deleted").exists()


def test_user_delete__superuser_refused() -> None:
    admin = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(ValidationError):
        services.user_delete(user=admin)


def test_staff_assign__city_staff_needs_department_and_gets_admin_access() -> None:
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.staff_assign(user=user, role=StaffRole.CITY_STAFF, actor=None)
    department = DepartmentFactory()
    services.staff_assign(user=user, role=StaffRole.CITY_STAFF, department=department, actor=None)
    services.staff_assign(user=user, role=StaffRole.CITY_STAFF, department=department, actor=None)
    user.refresh_from_db()
    assert user.is_staff
    assert StaffAssignment.objects.filter(user=user).count() == 1
    assert AuditLogEntry.objects.filter(action="portal.staffassignment.created").count() == 1
    assert user.has_perm("portal.change_news")
    assert not user.has_perm("portal.change_user")


def test_staff_assign__only_superusers_assign_roles() -> None:
    with pytest.raises(PermissionDenied):
        services.staff_assign(user=UserFactory(), role=StaffRole.REVIEWER, actor=UserFactory())


def test_staff_assign__centre_staff__not_admin_staff() -> None:
    """指定管理者 manage their facilities in the facility pages; the admin has nothing for them."""
    from portal.permissions import can_use_admin

    user = UserFactory()
    services.staff_assign(user=user, role=StaffRole.CENTRE_STAFF, actor=None)
    user.refresh_from_db()
    assert not user.is_staff
    assert not can_use_admin(user)


def test_reviewer__has_no_admin_access() -> None:
    user = UserFactory()
    services.staff_assign(user=user, role=StaffRole.REVIEWER, actor=None)
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.has_perm("portal.change_news")


def test_site_configuration_update__permission_audit_and_cache(django_capture_on_commit_callbacks) -> None:
    citizen = UserFactory()
    with pytest.raises(PermissionDenied):
        services.site_configuration_update(actor=citizen, data={"city_name": "偽市"})
    staff = UserFactory()
    services.staff_assign(user=staff, role=StaffRole.CITY_STAFF, department=DepartmentFactory(), actor=None)
    staff = User.objects.get(pk=staff.pk)
    assert SiteConfiguration.get_solo().city_name == "みどり市"
    with django_capture_on_commit_callbacks(execute=True):
        services.site_configuration_update(actor=staff, data={"city_name": "あおば市"})
    assert SiteConfiguration.get_solo().city_name == "あおば市"
    assert AuditLogEntry.objects.filter(action="portal.siteconfiguration.updated").exists()
