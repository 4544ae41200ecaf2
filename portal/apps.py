from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The first, empty option of every select built from a model or form choice field
# (Django 6.1's "- Select an option -" has no Japanese in Django's own catalog).
EMPTY_CHOICE_LABEL = pgettext_lazy("empty choice", "Choose one")


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models import fields

        from portal import (  # noqa: F401  (registers system checks and lookups)
            checks,
            digest_sources,
            home_sections,
            lookups,
            newsletter,
            pagecache,
            search_kinds,
        )

        # Every statement is seen by the cache invalidation (portal.pagecache).
        connection_created.connect(pagecache.install, dispatch_uid="portal-pagecache")
        request_finished.connect(pagecache.settle_on_request_finished, dispatch_uid="portal-pagecache")
        for connection in connections.all(initialized_only=True):
            pagecache.install(connection)

        search_kinds.register()
        digest_sources.register()
        newsletter.register_hooks()
        home_sections.register()

        fields.BLANK_CHOICE_LABEL = EMPTY_CHOICE_LABEL


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
