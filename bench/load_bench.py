"""`make bench-load`: 100 simultaneous visitors for 60 s on the bench city (Locust,
headless), against the portal under gunicorn (2 workers, production settings, page
cache on). Reports requests, errors and p50/p95/p99 per kind of request and in all,
as bench-load.json and a Markdown table.

    python -m bench.load_bench --database-url postgres://... [--users 100] [--seconds 60]"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.common import ROOT, fetch, gunicorn, gunicorn_description, machine, portal_env, setup_django

ANONYMOUS_PAGES = ("group_lists", "groups", "event_lists", "events", "signup_events", "facilities", "rooms", "others")


def load_data() -> dict[str, Any]:
    """The pages and accounts the crowd uses, from the seeded city."""
    from django.urls import reverse
    from django.utils import timezone

    from collaboration.models import Call
    from facilities.models import Facility, Resource
    from groups.models import CommunityGroup, Event
    from portal.demo import DEMO_PASSWORD
    from portal.models import User
    from subsidies.models import Programme

    rng = random.Random(12)
    today = timezone.localdate()
    months = [(today.replace(day=1) + timezone.timedelta(days=31 * n)).strftime("%Y-%m") for n in range(3)]
    groups = list(CommunityGroup.objects.registered().values_list("slug", flat=True)[:2000])
    upcoming = Event.objects.upcoming()
    events = [e.get_absolute_url() for e in upcoming.order_by("?")[:200]]
    signup = [e.get_absolute_url() for e in upcoming.filter(requires_signup=True).order_by("?")[:100]]
    rooms = list(Resource.objects.filter(facility__is_active=True).select_related("facility"))
    accounts = ["citizen@example.jp", "member@example.jp"]
    accounts += sorted(User.objects.filter(email__startswith="participant").values_list("email", flat=True))
    return {
        "today": today.isoformat(),
        "password": DEMO_PASSWORD,
        "accounts": accounts,
        "group_lists": [reverse("groups:list")]
        + [reverse("groups:list") + f"?page={n}" for n in range(2, 6)]
        + [reverse("groups:list") + "?q=" + q for q in ("福祉", "こそだて", "まちづくり")],
        "groups": [reverse("groups:detail", args=[slug]) for slug in rng.sample(groups, min(200, len(groups)))],
        "event_lists": [reverse("groups:event-list")] + [reverse("groups:event-list") + f"?month={m}" for m in months],
        "events": events,
        "signup_events": signup or events[:20],
        "facilities": [reverse("facilities:list")]
        + [f.get_absolute_url() for f in Facility.objects.filter(is_active=True)],
        "rooms": [r.get_absolute_url() for r in rooms],
        "bookable_rooms": [r.get_absolute_url() for r in rooms if r.kind == "room"],
        "search_terms": ["ふくし", "福祉", "こそだて", "子ども", "まつり", "清掃", "講座", "さくらがわ"],
        "others": [reverse("subsidies:list"), reverse("collaboration:call-list")]
        + [p.get_absolute_url() for p in Programme.objects.all()[:5]]
        + [c.get_absolute_url() for c in Call.objects.all()[:5]],
    }


def warm_up(base: str, data: dict[str, Any]) -> dict[str, Any]:
    """Every anonymous page of the crowd requested once (two at a time): the page cache
    as it is on a site in use when a burst comes."""
    urls = {"/", "/en/", "/news/", "/volunteer/"} | {url for name in ANONYMOUS_PAGES for url in data[name]}
    urls |= {"/search/?q=" + term for term in data["search_terms"]}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        statuses = list(pool.map(lambda url: fetch(base + quote(url, safe="/?=&%"))[0], sorted(urls)))
    return {"pages": len(urls), "statuses": {str(s): statuses.count(s) for s in set(statuses)}}


def stats(csv_path: Path) -> list[dict[str, Any]]:
    rows = []
    with csv_path.open() as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "name": row["Name"],
                    "method": row["Type"],
                    "requests": int(row["Request Count"]),
                    "errors": int(row["Failure Count"]),
                    "p50_ms": float(row["50%"] or 0),
                    "p95_ms": float(row["95%"] or 0),
                    "p99_ms": float(row["99%"] or 0),
                    "max_ms": float(row["Max Response Time"] or 0),
                    "rps": round(float(row["Requests/s"]), 1),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--redis-db", type=int, default=13)
    parser.add_argument("--output", default="bench-load.json")
    parser.add_argument("--cold-start", action="store_true", help="the page cache empty when the crowd comes")
    parser.add_argument("--classes", nargs="*", default=[], help="only these kinds of visitor (Visitor, Citizen)")
    args = parser.parse_args()
    setup_django(args.database_url, redis_db=args.redis_db)
    from django.core.cache import cache

    cache.clear()
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    data_file = work / "data.json"
    data = load_data()
    data_file.write_text(json.dumps(data, ensure_ascii=False))
    log = ROOT / "bench-load-gunicorn.log"
    log.unlink(missing_ok=True)
    env = portal_env(args.database_url, page_cache=True, redis_db=args.redis_db)
    warmed = None
    with gunicorn("portal.wsgi:application", env, log=log) as base:
        if not args.cold_start:
            warmed = warm_up(base, data)
            print(f"page cache warmed: {warmed}")
        locust = [
            str(Path(sys.executable).parent / "locust"),
            "-f", str(ROOT / "bench" / "locustfile.py"),
            "--headless", "--host", base,
            "--users", str(args.users), "--spawn-rate", str(args.spawn_rate), "--run-time", f"{args.seconds}s",
            "--csv", str(work / "load"), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10",
            *args.classes,
        ]  # fmt: skip
        subprocess.run(locust, env={**os.environ, "BENCH_LOAD_DATA": str(data_file)}, check=False)
    rows = stats(work / "load_stats.csv")
    failures = (work / "load_failures.csv").read_text() if (work / "load_failures.csv").exists() else ""
    total = next((row for row in rows if row["name"] == "Aggregated"), None)
    report = {
        "machine": machine(),
        "users": args.users,
        "seconds": args.seconds,
        "page_cache": "empty at the start" if args.cold_start else f"warmed first: {warmed}",
        "gunicorn_args": os.environ.get("BENCH_GUNICORN_ARGS", ""),
        "gunicorn": gunicorn_description(),
        "visitor_classes": args.classes or ["Visitor", "Citizen"],
        "total": total,
        "requests": [row for row in rows if row["name"] != "Aggregated"],
        "failures_csv": failures,
        "target": "no error, p95 < 100 ms",
        "met": bool(total and total["errors"] == 0 and total["p95_ms"] < 100),
    }
    Path(args.output).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    m = report["machine"]
    print(
        f"\nMachine: {m['nproc']} CPUs, {m['cpu']}; gunicorn 2 workers ({report['gunicorn']});"
        f" {args.users} visitors for {args.seconds} s; page cache {report['page_cache']}"
    )
    print("\n| requests | count | errors | req/s | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|---|")
    for row in [*report["requests"], total]:
        if row:
            print(
                f"| {row['method']} {row['name']} | {row['requests']} | {row['errors']} | {row['rps']}"
                f" | {row['p50_ms']:.0f} ms | {row['p95_ms']:.0f} ms | {row['p99_ms']:.0f} ms"
                f" | {row['max_ms']:.0f} ms |"
            )
    print(f"\nTarget (no error, p95 < 100 ms): {'met' if report['met'] else 'NOT met'}")
    if failures.count("\n") > 1:
        print("\nFailures:\n" + failures)


if __name__ == "__main__":
    main()
