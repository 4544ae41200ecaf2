from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from portal.permissions import AnyUser


class GroupsConfig(AppConfig):
    name = "groups"
    label = "groups"
    verbose_name = _("Citizen-activity groups")

    def ready(self) -> None:
        from groups import (
            audit_labels,
            bench,
            demo,
            digest_sources,
            home_sections,
            my_sections,
            search_kinds,
            services,
            talent_registry,
        )
        from portal import bench as portal_bench
        from portal import demo as portal_demo
        from portal import services as portal_services
        from portal.adapters import register_login_landing
        from portal.audit import register_audit_actions

        register_audit_actions(audit_labels.ACTIONS, data_labels=audit_labels.DATA_LABELS)
        register_login_landing(login_landing)
        digest_sources.register()
        home_sections.register()
        my_sections.register()
        search_kinds.register()
        talent_registry.register()

        for registry, hook in (
            (portal_services.ACCOUNT_DELETION_HOOKS, services.remove_memberships_of_deleted_user),
            (portal_services.DATA_EXPORT_HOOKS, services.export_memberships),
            (portal_demo.DEMO_SEEDERS, demo.seed_groups),
            (portal_bench.BENCH_PAGES, bench.group_pages),
            (portal_bench.BENCH_PAGES, bench.signed_in_pages),
        ):
            if hook not in registry:
                registry.append(hook)


def login_landing(user: AnyUser) -> tuple[int, str] | None:
    """City staff land on the group applications to review; members on their groups."""
    from portal.adapters import LANDING_CITY_STAFF, LANDING_GROUP_MEMBER
    from portal.permissions import is_city_staff

    if is_city_staff(user):
        return LANDING_CITY_STAFF, "groups:review-queue"
    if user.memberships.exists():  # type: ignore[union-attr]
        return LANDING_GROUP_MEMBER, "groups:mine"
    return None
