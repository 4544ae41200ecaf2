from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("Subsidies")

    def ready(self) -> None:
        from portal import bench as portal_bench
        from portal.audit import register_audit_actions
        from portal.models import StaffRole
        from portal.permissions import register_role_permissions
        from portal.review_services import register_review_adapter
        from subsidies import audit_labels, catalogue
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
        if catalogue.bench_pages not in portal_bench.BENCH_PAGES:
            portal_bench.BENCH_PAGES.append(catalogue.bench_pages)
