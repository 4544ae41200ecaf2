from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    label = "groups"
    verbose_name = _("Citizen-activity groups")

    def ready(self) -> None:
        from groups import audit_labels, bench, demo, services
        from portal import bench as portal_bench
        from portal import demo as portal_demo
        from portal import services as portal_services
        from portal.audit import register_audit_actions

        register_audit_actions(audit_labels.ACTIONS, data_labels=audit_labels.DATA_LABELS)

        for registry, hook in (
            (portal_services.ACCOUNT_DELETION_HOOKS, services.remove_memberships_of_deleted_user),
            (portal_services.DATA_EXPORT_HOOKS, services.export_memberships),
            (portal_demo.DEMO_SEEDERS, demo.seed_groups),
            (portal_bench.BENCH_PAGES, bench.group_pages),
        ):
            if hook not in registry:
                registry.append(hook)
