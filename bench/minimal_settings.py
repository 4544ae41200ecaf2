"""The yardstick of `make bench-http`: a Django project with one view that renders a small
template, no app, no middleware, no database. What Django itself can serve on this
machine under the same gunicorn as the portal."""

from pathlib import Path

DEBUG = False
SECRET_KEY = "bench-minimal-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105 - never deployed
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.minimal_urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict[str, dict[str, str]] = {}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
    }
]
USE_TZ = True
LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
