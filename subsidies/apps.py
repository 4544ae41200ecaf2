from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("Subsidies")

    def ready(self) -> None:
        from portal.audit import register_audit_actions
        from portal.review_services import register_review_adapter
        from subsidies import audit_labels
        from subsidies.models import Application
        from subsidies.review import SubsidyReviewAdapter

        register_audit_actions(audit_labels.ACTIONS, data_labels=audit_labels.DATA_LABELS)
        register_review_adapter(Application, SubsidyReviewAdapter())
