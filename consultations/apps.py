from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultation desk")

    def ready(self) -> None:
        from consultations import audit_labels, demo, my_activity
        from portal import demo as portal_demo
        from portal.audit import register_audit_actions

        register_audit_actions(audit_labels.ACTIONS, data_labels=audit_labels.DATA_LABELS)
        my_activity.register()
        if demo.seed_consultations not in portal_demo.DEMO_SEEDERS:
            portal_demo.DEMO_SEEDERS.append(demo.seed_consultations)
