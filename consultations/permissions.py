"""Who may do what at the consultation desk (`portal.policies`).

- The desk (`is_desk_staff`): centre staff, city staff and the superuser. They see every
  consultation, keep the slots, answer questions and keep the private record.
- The asker sees their own consultations only (never the private record), cancels a
  booking before it starts, replies once to an answer and marks a question resolved.
  Members of a group a consultation was made for do not see it: it is the asker's.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from consultations.models import Consultation
from portal.permissions import PortalStaffRequiredMixin, is_portal_staff
from portal.policies import EVERYTHING, NOTHING, PermissionPolicy, Rule, Where

__all__ = ["DeskRequiredMixin", "consultation_policy", "is_desk_staff"]


def is_desk_staff(user: Any) -> bool:
    """Centre staff, city staff and the superuser."""
    return bool(getattr(user, "is_authenticated", False)) and is_portal_staff(user)


class ConsultationPolicy(PermissionPolicy[Consultation]):
    model = Consultation
    actions: ClassVar[tuple[str, ...]] = ("view", "act", "handle")

    def base_queryset(self) -> models.QuerySet[Consultation]:
        return Consultation.objects.select_related("slot", "group")

    def rule(self, user: Any, action: str) -> Rule:
        if not getattr(user, "is_authenticated", False):
            return NOTHING
        own = Where("asker_id", "exact", user.pk)
        if action == "act":
            return own
        desk = is_desk_staff(user)
        if action == "handle":
            return EVERYTHING if desk else NOTHING
        return EVERYTHING if desk else own


consultation_policy = ConsultationPolicy()


class DeskRequiredMixin(PortalStaffRequiredMixin):
    """The desk's pages: log-in, then 403 for anyone but the desk."""
