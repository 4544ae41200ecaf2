"""Grants Django permissions from portal roles, so the admin and `has_perm` follow
`StaffAssignment` rows without maintaining auth groups by hand."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

from portal.permissions import role_permissions


class RolePermissionBackend(BaseBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cached = getattr(user_obj, "_portal_role_perms", None)
        if cached is None:
            cached = role_permissions(user_obj)
            user_obj._portal_role_perms = cached
        return cached

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
