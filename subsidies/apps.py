from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("Subsidies")

    def ready(self) -> None:
        from portal import bench as portal_bench
        from portal import demo as portal_demo
        from portal.audit import register_audit_actions
        from portal.models import StaffRole
        from portal.permissions import register_role_permissions
        from portal.review_services import register_review_adapter
        from subsidies import (
            audit_labels,
            bench,
            catalogue,
            demo,
            digest_sources,
            home_sections,
            my_sections,
            search_kinds,
        )
        from subsidies.models import Application
        from subsidies.review import SubsidyReviewAdapter

        # City staff keep the programmes, their categories, the expense categories and
        # the outside grants in the admin (subsidies.admin).
        register_role_permissions(
            StaffRole.CITY_STAFF,
            [
                f"subsidies.{verb}_{model}"
                for model in ("programme", "programmecategory", "expensecategory", "outsidegrant")
                for verb in ("view", "add", "change", "delete")
            ],
        )
        register_audit_actions(audit_labels.ACTIONS, data_labels=audit_labels.DATA_LABELS)
        register_review_adapter(Application, SubsidyReviewAdapter())
        digest_sources.register()
        home_sections.register()
        my_sections.register()
        search_kinds.register()
        for registry, hook in (
            (portal_bench.BENCH_PAGES, catalogue.bench_pages),
            (portal_bench.BENCH_PAGES, bench.staff_pages),
            (portal_demo.DEMO_SEEDERS, demo.seed_subsidies),
        ):
            if hook not in registry:
                registry.append(hook)
