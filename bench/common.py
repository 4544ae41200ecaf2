"""What `make bench-http` and `make bench-load` share: the production environment of the
portal for the bench city, gunicorn processes, the pages to load, the machine."""

from __future__ import annotations

import contextlib
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
BENCH_SECRET_KEY = "bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105 - never deployed


def fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def portal_env(database_url: str, *, page_cache: bool, redis_db: int) -> dict[str, str]:
    """Production settings (DEBUG off, whitenoise's manifest, Redis as the shared cache,
    persistent database connections), plain HTTP on 127.0.0.1."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=BENCH_SECRET_KEY,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        STAFF_MFA_REQUIRED="0",
        PORTAL_BASE_URL="http://127.0.0.1",
        DATABASE_URL=database_url,
        DB_CONN_MAX_AGE="600",
        CACHE_URL=f"redis://127.0.0.1:6379/{redis_db}",
        PAGE_CACHE_ENABLED="1" if page_cache else "0",
        LOG_LEVEL="WARNING",
        # No mail server here: a sign-up's confirmation is built and dropped, not sent
        # to a refused SMTP port.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    return env


def setup_django(database_url: str, *, redis_db: int) -> None:
    """Django in this process with the servers' settings, to find the pages to load; fails
    clearly when the database is not a seeded bench city."""
    if not database_url:
        fail(
            "BENCH_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/portal_bench,"
            " seeded by `make bench`)"
        )
    os.environ.update(portal_env(database_url, page_cache=True, redis_db=redis_db))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import DatabaseError

    from facilities.models import Resource
    from groups.models import CommunityGroup, Event

    try:
        seeded = CommunityGroup.objects.exists() and Event.objects.exists() and Resource.objects.exists()
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0]
        fail(f"{database_url} is not a migrated, seeded bench city ({reason}). Run `make bench` first.")
    if not seeded:
        fail(f"{database_url} has no groups, events or rooms: seed it first (`make bench BENCH_DATABASE_URL=...`).")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(app: str, env: dict[str, str], *, workers: int = 2, log: Path | None = None) -> Iterator[str]:
    """`app` under gunicorn on a free port; yields its base URL once it answers."""
    port = free_port()
    args = [GUNICORN, app, "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
    args += os.environ.get("BENCH_GUNICORN_ARGS", "").split()
    out = log.open("ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                fail(f"gunicorn {app} stopped (exit {process.returncode}); see {log}")
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if time.monotonic() > deadline:
                    fail(f"gunicorn {app} did not answer within 60 s; see {log}")
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            out.close()


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Language": "ja"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def gunicorn_description() -> str:
    """How gunicorn runs the pages: gunicorn.conf.py's worker settings, then what
    BENCH_GUNICORN_ARGS adds (it wins)."""
    import runpy

    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    text = f"{conf['worker_class']}, {conf['threads']} threads, keep-alive {conf['keepalive']} s"
    extra = os.environ.get("BENCH_GUNICORN_ARGS", "")
    return f"{text}; {extra}" if extra else text


def machine() -> dict[str, str | int]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count() or 0,
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def bench_pages() -> list[tuple[str, str]]:
    """The issue's pages (#12's table) plus the search, a subsidy programme, a
    collaboration call and the English home page, found in the seeded city."""
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from collaboration.models import Call, CallStatus
    from facilities.models import Facility, Resource
    from groups.models import CommunityGroup, Event
    from subsidies.models import Programme

    today = timezone.localdate()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).strftime("%Y-%m")
    pages = [
        ("/", reverse("portal:home")),
        ("/news/", reverse("portal:news-list")),
        ("/groups/", reverse("groups:list")),
        ("/groups/?q=福祉", reverse("groups:list") + "?q=福祉"),
    ]
    group = CommunityGroup.objects.registered().order_by("pk").first()
    if group:
        pages.append(("a group's profile", group.get_absolute_url()))
    pages += [
        ("/events/", reverse("groups:event-list")),
        (f"/events/?month={next_month}", reverse("groups:event-list") + f"?month={next_month}"),
    ]
    event = Event.objects.upcoming().order_by("starts_at").first()
    if event:
        pages.append(("an event", event.get_absolute_url()))
    pages += [("/volunteer/", reverse("groups:opening-list")), ("/facilities/", reverse("facilities:list"))]
    facility = Facility.objects.filter(is_active=True).order_by("order", "pk").first()
    if facility:
        pages.append((f"/facilities/{facility.slug}/", facility.get_absolute_url()))
    room = Resource.objects.filter(kind="room", facility__is_active=True).order_by("pk").first()
    if room:
        pages.append(("a room's week view", room.get_absolute_url()))
    pages.append(("/search/?q=ふくし", reverse("portal:search") + "?q=ふくし"))
    programme = Programme.objects.order_by("-fiscal_year", "call_opens_at", "pk").first()
    if programme:
        pages.append(("a subsidy programme", programme.get_absolute_url()))
    call = Call.objects.filter(status=CallStatus.OPEN).order_by("pk").first()
    if call:
        pages.append(("a collaboration call", call.get_absolute_url()))
    pages.append(("/en/", "/en/"))
    return pages
