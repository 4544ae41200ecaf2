"""Seed the demo city at a given scale, then time every public page in-process.

Reports, as JSON, the median and 95th-percentile server time (the Django handler,
no network) and the query count of each page, rendered cold (the page cache off: what
the server takes to make the page), and for anonymous pages also warm (served from the
page cache, `portal.pagecache`)."""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings

from portal import bench, demo
from portal.models import User


def settle_after_bulk_load() -> None:
    """What autovacuum does to a live database after a bulk load: planner statistics
    and, on PostgreSQL, the visibility map (without it a COUNT reads every row from the
    table instead of the index: 3.2 instead of 0.4 ms on the groups directory)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # (not in a test's transaction)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Seed a given volume and report median/p95 server time and query count of every public page."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", type=int, default=10)
        parser.add_argument("--requests", type=int, default=50, help="Timed requests per page.")
        parser.add_argument("--no-seed", action="store_true", help="Measure the data already there.")
        parser.add_argument("--output", default="", help="Also write the JSON report to this file.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Refusing to seed benchmark data with production settings (DEMO_DATA_ALLOWED off).")
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)
        if not options["no_seed"]:
            started = time.perf_counter()
            demo.seed(scale=options["scale"], log=lambda message: self.stderr.write(message))
            self.stderr.write(f"seeded scale {options['scale']} in {time.perf_counter() - started:.1f}s")
            settle_after_bulk_load()

        # As the WSGI entry point does in a worker (portal.wsgi): long-lived objects go to
        # the collector's permanent generation before any page is measured.
        from portal.wsgi import freeze_loaded_objects

        freeze_loaded_objects()
        anonymous = Client(HTTP_HOST="127.0.0.1")
        signed_in: dict[str, Client] = {}
        results = []
        for pages in bench.BENCH_PAGES:
            for label, path, *as_user in pages():
                client = anonymous
                if as_user:
                    # A signed-in page (staff queues, summaries): measured as that demo user.
                    email = as_user[0]
                    if email not in signed_in:
                        signed_in[email] = Client(HTTP_HOST="127.0.0.1")
                        signed_in[email].force_login(User.objects.get(email=email))
                    client = signed_in[email]
                with override_settings(PAGE_CACHE_ENABLED=False):
                    result = self.measure(client, label, path, options["requests"])
                result["warm"] = None if as_user else self.measure_warm(path, options["requests"])
                results.append(result)
        report = {
            "database": connection.vendor,
            "cache": settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"].rsplit(".", 1)[-1],
            "scale": options["scale"],
            "requests_per_page": options["requests"],
            "timings": "median_ms/p95_ms: cold, the page cache off (fragment caches as a worker has them "
            "after its first request); warm: an anonymous page served from the page cache, "
            "null for signed-in pages, hit false when the page is never cached (it sets a cookie)",
            "pages": results,
        }
        text = json.dumps(report, ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:  # noqa: PTH123
                handle.write(text)
        self.stdout.write(text)

    def measure_warm(self, path: str, requests: int) -> dict[str, Any]:
        """The page served from the page cache, as a new anonymous visitor gets it."""
        # One client (a new one loads the middleware again, WhiteNoise's file scan with
        # it), without the cookies a previous answer set.
        client = Client(HTTP_HOST="127.0.0.1")
        with override_settings(PAGE_CACHE_ENABLED=True):
            client.get(path)  # stored
            client.cookies.clear()
            hit = client.get(path).get("X-Page-Cache") == "hit"
            timings = []
            for _ in range(requests):
                client.cookies.clear()
                started = time.perf_counter()
                client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
        return {
            "hit": hit,
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 0.95), 2),
        }

    def measure(self, client: Client, label: str, path: str, requests: int) -> dict[str, Any]:
        response = client.get(path)  # warm caches and templates
        queries: list[str] = []

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(path)
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        return {
            "page": label,
            "path": path,
            "status": response.status_code,
            "queries": len(queries),
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 0.95), 2),
        }
