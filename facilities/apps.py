from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from portal.permissions import AnyUser


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("Facilities")

    def ready(self) -> None:
        from facilities import (  # catalogue: cache invalidation signals
            audit_labels,
            bench,
            demo,
            my_sections,
            search_kinds,
            services,
        )
        from portal import bench as portal_bench
        from portal import demo as portal_demo
        from portal import services as portal_services
        from portal.adapters import register_login_landing
        from portal.audit import register_audit_actions
        from portal.models import StaffRole
        from portal.permissions import register_role_permissions

        # City staff keep the catalogue, fees, reduction rules and lottery rounds in the
        # admin; centre staff work in the facility pages, scoped to their facility.
        models = (
            "facility",
            "resource",
            "bookingpolicy",
            "openinghours",
            "timedivision",
            "feerate",
            "surcharge",
            "reductionrule",
            "closure",
            "lotteryround",
            "facilitystaff",
        )
        register_role_permissions(
            StaffRole.CITY_STAFF,
            [f"facilities.{verb}_{model}" for model in models for verb in ("view", "add", "change", "delete")],
        )

        register_audit_actions(audit_labels.ACTIONS, data_labels=audit_labels.DATA_LABELS)
        register_login_landing(login_landing)
        my_sections.register()
        search_kinds.register()

        for registry, hook in (
            (portal_services.DATA_EXPORT_HOOKS, services.export_bookings),
            (portal_demo.DEMO_SEEDERS, demo.seed_facilities),
            (portal_bench.BENCH_PAGES, bench.facility_pages),
            (portal_bench.BENCH_PAGES, bench.signed_in_pages),
        ):
            if hook not in registry:
                registry.append(hook)


def login_landing(user: AnyUser) -> tuple[int, str] | None:
    """Centre staff of a facility land on its staff page (bookings to approve)."""
    from facilities.permissions import is_facility_staff
    from portal.adapters import LANDING_CENTRE_STAFF

    return (LANDING_CENTRE_STAFF, "facilities:staff") if is_facility_staff(user) else None
