"""Who is who, and who may do what, across the portal.

Roles come from `StaffAssignment` rows (city staff per department, centre staff,
review-committee members) and the superuser flag; group roles live in the groups app.
Each role maps to a set of Django permissions (`ROLE_PERMISSIONS`) granted by
`portal.backends.RolePermissionBackend`; later apps add theirs with
`register_role_permissions`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

from portal.models import StaffAssignment, StaffRole

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from portal.models import User

    AnyUser = User | AnonymousUser

_CONTENT_MODELS = ("news", "infopage", "faqitem", "activityfield", "area")

ROLE_PERMISSIONS: dict[str, set[str]] = {
    StaffRole.CITY_STAFF: {
        *(f"portal.{verb}_{model}" for model in _CONTENT_MODELS for verb in ("view", "add", "change", "delete")),
        "portal.view_siteconfiguration",
        "portal.change_siteconfiguration",
        "portal.view_department",
        "portal.view_auditlogentry",
        "portal.view_mailfailure",
        # Committee review: created and given a score sheet in the admin (through services).
        "portal.view_reviewcommittee",
        "portal.add_reviewcommittee",
        "portal.view_scoresheet",
        "portal.view_conflictdeclaration",
    },
    StaffRole.CENTRE_STAFF: set(),
    StaffRole.REVIEWER: set(),
    StaffRole.COORDINATOR: set(),
}


def register_role_permissions(role: str, perms: Iterable[str]) -> None:
    """Grant `perms` to everyone holding `role` (called from later apps' `ready()`)."""
    ROLE_PERMISSIONS.setdefault(role, set()).update(perms)


def _assignments(user: AnyUser) -> list[tuple[str, int | None]]:
    """(role, department_id) pairs of the user, loaded once per user object."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_portal_assignments", None)
    if cached is None:
        cached = list(StaffAssignment.objects.filter(user=user).values_list("role", "department_id"))
        user._portal_assignments = cached  # type: ignore[union-attr]
    return cached


def user_roles(user: AnyUser) -> frozenset[str]:
    return frozenset(role for role, _dept in _assignments(user))


def is_superuser(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_city_staff(user: AnyUser, department_id: int | None = None) -> bool:
    """City staff (of `department_id`, when given). Superusers count as city staff."""
    if is_superuser(user):
        return True
    return any(
        role == StaffRole.CITY_STAFF and (department_id is None or dept == department_id)
        for role, dept in _assignments(user)
    )


def is_centre_staff(user: AnyUser) -> bool:
    return StaffRole.CENTRE_STAFF in user_roles(user)


def is_reviewer(user: AnyUser) -> bool:
    return StaffRole.REVIEWER in user_roles(user)


def is_coordinator(user: AnyUser) -> bool:
    """A coordinator (コーディネーター) of the talent bank, or a superuser."""
    return is_superuser(user) or StaffRole.COORDINATOR in user_roles(user)


def is_portal_staff(user: AnyUser) -> bool:
    """City or centre staff, or a superuser: anyone with a staff area."""
    return is_city_staff(user) or is_centre_staff(user)


def requires_mfa(user: AnyUser) -> bool:
    """Everyone who can see other people's data must use two-factor authentication."""
    return is_superuser(user) or bool(user_roles(user)) or bool(user.is_authenticated and user.is_staff)


def staff_department_ids(user: AnyUser) -> set[int]:
    return {dept for role, dept in _assignments(user) if role == StaffRole.CITY_STAFF and dept is not None}


def role_permissions(user: AnyUser) -> set[str]:
    perms: set[str] = set()
    for role in user_roles(user):
        perms |= ROLE_PERMISSIONS.get(role, set())
    return perms


def can_use_admin(user: AnyUser) -> bool:
    """The Django admin is for staff whose role gives them something to manage there
    (city staff: news, pages, FAQ, catalogue, site settings; superusers). Centre staff
    (指定管理者) work in the facility pages and have nothing in the admin."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return is_superuser(user) or bool(user.get_all_permissions())


def ensure_city_staff(user: AnyUser) -> None:
    if not is_city_staff(user):
        raise PermissionDenied


def ensure_portal_staff(user: AnyUser) -> None:
    if not is_portal_staff(user):
        raise PermissionDenied


class RoleRequiredMixin(AccessMixin):
    """Log-in required (anonymous users are sent to the log-in page); then 403 unless
    `has_role(user)` holds."""

    raise_exception = False

    def has_role(self, user: AnyUser) -> bool:
        raise NotImplementedError

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_role(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PortalStaffRequiredMixin(RoleRequiredMixin):
    def has_role(self, user: AnyUser) -> bool:
        return is_portal_staff(user)


class CityStaffRequiredMixin(RoleRequiredMixin):
    def has_role(self, user: AnyUser) -> bool:
        return is_city_staff(user)
