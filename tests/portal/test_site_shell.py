"""The site shell: city name from SiteConfiguration, vendored assets, translations."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from portal.models import ActivityField, SiteConfiguration

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_city_name__edited_by_staff_in_admin_shows_in_header(
    client: Any, role_users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    config = SiteConfiguration.get_solo()
    client.force_login(role_users["city_staff"])
    data = {
        field.name: getattr(config, field.name)
        for field in SiteConfiguration._meta.fields
        if field.editable and field.name != "id"
    }
    data |= {"city_name": "あおば市", "city_name_en": "Aoba City"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:portal_siteconfiguration_change", args=[config.pk]), data)
    assert response.status_code == 302
    assert "あおば市" in client.get("/").content.decode()
    assert "Aoba City" in client.get("/en/").content.decode()


def test_taxonomy__edited_by_staff_in_admin(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["city_staff"])
    response = client.post(
        reverse("admin:portal_activityfield_add"),
        {
            "slug": "lifelong-learning",
            "name": "生涯学習",
            "name_en": "Lifelong learning",
            "order": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert str(ActivityField.objects.get(slug="lifelong-learning")) == "生涯学習"


def test_vendored_assets__bootstrap_and_htmx_served_from_static(client: Any) -> None:
    html = client.get("/").content.decode()
    for asset in (
        "vendor/bootstrap/bootstrap.min.css",
        "vendor/bootstrap/bootstrap.bundle.min.js",
        "vendor/htmx/htmx.min.js",
    ):
        assert finders.find(asset), asset
        assert f"/static/{asset}" in html


def test_japanese_catalogue__complete() -> None:
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "ja" / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()


def _has_compose() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)  # noqa: S607
    return probe.returncode == 0


@pytest.mark.skipif(not _has_compose(), reason="docker compose is not installed")
def test_docker_compose__configuration_is_valid() -> None:
    result = subprocess.run(  # noqa: S603
        ["docker", "compose", "-f", str(ROOT / "docker-compose.yml"), "config", "--services"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == {"db", "web", "worker"}
