"""Permission policies of the subsidies app (`portal.policies`): one rule per action
gives both the queryset and the per-object check.

Applications
- view: the applying group's members (any role), city staff (and the superuser).
  Committee members read applications through the committee review
  (`portal.review_services.ensure_can_open_reviewed`, `subsidies.review`), never here.
- edit (draft, correct, attach, withdraw, report, request an advance or a change):
  the group's representative and editors; city staff too on applications they keyed in
  from paper (channel counter or post, 窓口代行入力), never on online ones.
- decide (形式審査, award, grant, payments, changes, report, 額の確定): city staff.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from groups.permissions import editor_group_ids, in_groups, member_group_ids
from portal.permissions import is_city_staff
from portal.policies import EVERYTHING, NOTHING, PermissionPolicy, Rule, Where
from subsidies.models import Application, Channel

__all__ = ["ApplicationPolicy", "application_policy", "is_subsidy_staff"]


def is_subsidy_staff(user: Any) -> bool:
    """City staff (any department) and the superuser run the subsidy programmes."""
    return bool(getattr(user, "is_authenticated", False)) and is_city_staff(user)


class ApplicationPolicy(PermissionPolicy[Application]):
    model = Application
    actions: ClassVar[tuple[str, ...]] = ("view", "edit", "decide")

    def base_queryset(self) -> models.QuerySet[Application]:
        return Application.objects.select_related("programme", "category", "group")

    def rule(self, user: Any, action: str) -> Rule:
        if not getattr(user, "is_authenticated", False):
            return NOTHING
        staff = is_subsidy_staff(user)
        if action == "decide":
            return EVERYTHING if staff else NOTHING
        if staff and action == "view":
            return EVERYTHING
        if action == "view":
            return in_groups(member_group_ids(user))
        editors = in_groups(editor_group_ids(user))
        if staff:
            return editors | Where("channel", "in", frozenset({Channel.COUNTER.value, Channel.POST.value}))
        return editors


application_policy = ApplicationPolicy()
