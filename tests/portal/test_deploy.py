"""Production settings: `check --deploy` is clean but for the HSTS-preload note."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x9$Kq!2vB#mW7zR@pL4tY%nC8hJ&fD6sG*aE3uQ^oI1eT5rU0wZ",
    "DJANGO_ALLOWED_HOSTS": "portal.example.jp",
    "DATABASE_URL": "",
    "STAFF_MFA_REQUIRED": "",
    "DJANGO_SECURE_SSL_REDIRECT": "",
    "DEMO_DATA_ALLOWED": "",
    "CACHE_URL": "",
    "PORTAL_BASE_URL": "https://portal.example.jp",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_check_deploy__only_hsts_preload_note() -> None:
    result = _manage("check", "--deploy", env=PRODUCTION_ENV)
    output = result.stdout + result.stderr
    assert "security.W021" in output
    assert "1 issue" in output, output


@pytest.mark.parametrize("base_url", ["", "http://portal.example.jp", "portal.example.jp"])
def test_check_deploy__requires_an_https_base_url_for_email_links(base_url: str) -> None:
    result = _manage("check", "--deploy", env={**PRODUCTION_ENV, "PORTAL_BASE_URL": base_url})
    assert result.returncode != 0
    assert "portal.E002" in result.stdout + result.stderr


def test_check_deploy__flags_relaxed_staff_mfa() -> None:
    result = _manage("check", "--deploy", env={**PRODUCTION_ENV, "STAFF_MFA_REQUIRED": "0"})
    assert "portal.W001" in result.stdout + result.stderr


def test_production__refuses_to_start_without_secret_key() -> None:
    result = _manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_seed_demo__refused_with_production_settings() -> None:
    result = _manage("seed_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "Refusing" in result.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [("", "django.db.backends.sqlite3"), ("postgres://u@db:5432/portal", "django.db.backends.postgresql")],
)
def test_database__from_database_url(url: str, engine: str) -> None:
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['ENGINE'], d.get('CONN_HEALTH_CHECKS'), d.get('CONN_MAX_AGE'), d.get('OPTIONS', {}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENV, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith(engine)
    if url:
        assert "True 600" in result.stdout
        assert "tcp_user_timeout" in result.stdout
    else:
        assert "IMMEDIATE" in result.stdout


def _settings_script(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_cache__database_cache_by_default() -> None:
    result = _settings_script("from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])")
    assert result.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", result.stderr


def test_check_deploy__refuses_a_per_process_cache() -> None:
    result = _manage("check", "--deploy", env={**PRODUCTION_ENV, "CACHE_URL": "locmem://"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "portal.E001" in output


def test_cache__unknown_cache_url_refused() -> None:
    result = _manage("check", env={**PRODUCTION_ENV, "CACHE_URL": "memcached://x"})
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


def _redis_reachable() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_cache__redis_through_cache_url() -> None:
    """Setting CACHE_URL as the README says loads, and the cache works (the redis
    package is a dependency)."""
    code = (
        "from django.conf import settings as s; from django.core.cache import cache; import uuid; "
        "k = 'portal-test-' + uuid.uuid4().hex; cache.set(k, 41, 30); cache.incr(k); "
        "print(s.CACHES['default']['BACKEND'], cache.get(k)); cache.delete(k)"
    )
    result = _settings_script(code, CACHE_URL="redis://127.0.0.1:6379/1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["portal.cache_backends.RedisCache", "42"]
    deploy = _manage("check", "--deploy", env={**PRODUCTION_ENV, "CACHE_URL": "redis://127.0.0.1:6379/1"})
    assert "portal.E001" not in deploy.stdout + deploy.stderr


@pytest.mark.django_db
def test_cache__database_cache_table_exists_and_works() -> None:
    from django.core.cache import caches

    shared = caches["database"]
    shared.set("portal-test-key", 1, 30)
    assert shared.incr("portal-test-key") == 2
    assert shared.add("portal-test-key", 5) is False


@pytest.mark.django_db(transaction=True)
def test_migrate__makes_the_database_cache_table() -> None:
    """`migrate` alone makes the default cache's table: a deployment that forgets
    `createcachetable` still works (portal/migrations/0007)."""
    from importlib import import_module

    from django.db import connection

    migration = import_module("portal.migrations.0007_database_cache_table")
    with connection.schema_editor() as editor:
        migration.drop_cache_table(None, editor)
    assert "portal_cache" not in connection.introspection.table_names()
    with connection.schema_editor() as editor:
        migration.create_cache_table(None, editor)
        migration.create_cache_table(None, editor)  # idempotent
    assert "portal_cache" in connection.introspection.table_names()


def test_wsgi__freezes_the_loaded_objects_out_of_full_collections() -> None:
    """The worker's long-lived objects (framework, URLconf, views) are frozen, so a full
    collection during a request does not walk them (see portal.wsgi)."""
    import gc
    import importlib

    import portal.wsgi

    gc.unfreeze()
    try:
        importlib.reload(portal.wsgi)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_gunicorn__threaded_workers_with_keep_alive_from_its_settings_file() -> None:
    """Every gunicorn started in the project folder (the Dockerfile's, docker compose's,
    the HTTP benchmarks') reads gunicorn.conf.py; the environment sizes it."""
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    env = {**os.environ, "WEB_CONCURRENCY": "5", "GUNICORN_THREADS": "6"}
    result = subprocess.run(  # noqa: S603
        [gunicorn, "--print-config", "portal.wsgi:application"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    settings = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    settings = {name.strip(): value.strip() for name, value in settings.items()}
    assert settings["worker_class"] == "gthread"
    assert (settings["workers"], settings["threads"], settings["keepalive"]) == ("5", "6", "10")
