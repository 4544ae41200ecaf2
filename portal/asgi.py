import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_asgi_application()

from portal.wsgi import freeze_loaded_objects  # noqa: E402 - after Django is set up

freeze_loaded_objects()
