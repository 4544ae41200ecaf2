import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Each area registers its audit labels, bench pages, daily jobs and hooks into other
# apps from `collaboration.hooks.<area>.register()`.
AREAS = ("calls", "proposals", "window", "projects", "agreements", "evaluations", "endorsements", "cases")


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = _("Collaboration")

    def ready(self) -> None:
        from collaboration import search_kinds
        from collaboration.demo import seed_collaboration
        from portal import demo as portal_demo
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
        if seed_collaboration not in portal_demo.DEMO_SEEDERS:
            portal_demo.DEMO_SEEDERS.append(seed_collaboration)
        for area in AREAS:
            importlib.import_module(f"collaboration.hooks.{area}").register()
        from collaboration import home_sections, my_sections

        home_sections.register()
        my_sections.register()
        search_kinds.register()
