from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("Facilities")

    def ready(self) -> None:
        from facilities import bench, demo, services
        from portal import bench as portal_bench
        from portal import demo as portal_demo
        from portal import services as portal_services

        for registry, hook in (
            (portal_services.DATA_EXPORT_HOOKS, services.export_bookings),
            (portal_demo.DEMO_SEEDERS, demo.seed_facilities),
            (portal_bench.BENCH_PAGES, bench.facility_pages),
        ):
            if hook not in registry:
                registry.append(hook)
