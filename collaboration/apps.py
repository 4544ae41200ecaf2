from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = _("Collaboration")

    def ready(self) -> None:
        from portal.models import StaffRole
        from portal.permissions import register_role_permissions

        # The window keeps the forms of collaboration and names liaisons and reporters
        # in the admin (collaboration.admin).
        register_role_permissions(
            StaffRole.CITY_STAFF,
            [
                f"collaboration.{verb}_{model}"
                for model in ("collaborationform", "liaison", "casereporter")
                for verb in ("view", "add", "change", "delete")
            ],
        )
