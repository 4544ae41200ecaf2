"""`make bench-http`: the bench city's pages under gunicorn (2 workers, production
settings) against a minimal Django page under the same gunicorn, loaded by the same
wrk in one run, interleaved (minimal, page with the page cache warm, minimal, page with
the page cache off, minimal... for each page; a page's share is of the minimal runs just
before and after it, so that any drift hits both alike). Then, unless
--no-fault, the database is cut under a running portal (bench.pgproxy) and the statuses
seen during and after the cut are reported.

    python -m bench.http_bench --database-url postgres://... [--duration 5] [--connections 16]

Writes bench-http.json and prints a Markdown table."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

from bench.common import (
    ROOT,
    bench_pages,
    fail,
    fetch,
    gunicorn,
    gunicorn_description,
    machine,
    portal_env,
    setup_django,
)

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * _UNITS[unit], 2)


def wrk(url: str, *, duration: int, connections: int) -> dict[str, Any]:
    """wrk's requests/s, p50 and p99 (its --latency distribution) and errors."""
    args = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    args.append(url)
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    requests = re.search(r"(\d+) requests in", out)
    if not (rps and requests and "50" in latency and "99" in latency):
        print(f"wrk gave no figures for {url}:\n{out}", file=sys.stderr)
    return {
        "rps": round(float(rps.group(1)), 1) if rps else 0.0,
        "p50_ms": _ms(latency["50"]) if "50" in latency else None,
        "p99_ms": _ms(latency["99"]) if "99" in latency else None,
        "requests": int(requests.group(1)) if requests else 0,
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0),
    }


def _quote(path: str) -> str:
    return urllib.parse.quote(path, safe="/?=&%+-_.~")


def measure(pages: list[tuple[str, str]], servers: dict[str, str], duration: int, connections: int) -> list[dict]:
    """minimal, page (cache warm), minimal, page (cache off), minimal, next page...: each
    page's share is of the mean of the minimal runs just before and just after it, so
    that a change in the machine's load (other processes) hits both alike."""
    rows = []
    minimal = wrk(servers["minimal"] + "/", duration=duration, connections=connections)
    for label, path in pages:
        row: dict[str, Any] = {"page": label, "path": path}
        for mode in ("warm", "cold"):
            url = servers[mode] + _quote(path)
            status, _headers, _body = fetch(url)  # rendered (and stored when warm)
            status, headers, _body = fetch(url)
            result = wrk(url, duration=duration, connections=connections)
            after = wrk(servers["minimal"] + "/", duration=duration, connections=connections)
            result["status"] = status
            result["page_cache"] = headers.get("X-Page-Cache", "")
            result["minimal_rps"] = round((minimal["rps"] + after["rps"]) / 2, 1)
            result["minimal"] = {"before": minimal, "after": after}
            result["share"] = round(result["rps"] / result["minimal_rps"], 3) if result["minimal_rps"] else 0
            row[mode] = result
            minimal = after
        rows.append(row)
        print(
            f"{label}: warm {row['warm']['rps']}/s ({row['warm']['share']:.0%}, {row['warm']['page_cache']}),"
            f" cold {row['cold']['rps']}/s ({row['cold']['share']:.0%})",
            flush=True,
        )
    return rows


def fault(database_url: str, pages: list[tuple[str, str]], redis_db: int, log: Path) -> dict[str, Any]:
    """The portal's database connection through a TCP proxy that is cut for a while, then
    restored: the statuses of the pages (page cache on, warm) before, during, after."""
    from bench.pgproxy import Proxy

    parsed = urllib.parse.urlsplit(database_url)
    proxy = Proxy(parsed.hostname or "127.0.0.1", parsed.port or 5432)
    proxy.start()
    userinfo = parsed.netloc.rpartition("@")[0]
    proxied = parsed._replace(netloc=(f"{userinfo}@" if userinfo else "") + f"127.0.0.1:{proxy.port}")
    env = portal_env(urllib.parse.urlunsplit(proxied), page_cache=True, redis_db=redis_db)
    report: dict[str, Any] = {}
    urls = [path for _label, path in pages] + ["/healthz"]

    def sweep(paths: list[str]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for path in paths:
            status, _headers, _body = fetch(base + _quote(path))
            seen[str(status)] = seen.get(str(status), 0) + 1
        return seen

    with gunicorn("portal.wsgi:application", env, log=log) as base:
        # The page cache is warm for half the pages only: the others are rendered during
        # the cut and must answer 503 (as /healthz must); the cached half may answer 200.
        cached, rendered = urls[: len(pages) // 2], urls[len(pages) // 2 :]
        report["before (the cached half)"] = sweep(cached)
        proxy.cut()
        report["during: cached pages"] = sweep(cached)
        report["during: other pages and /healthz"] = sweep(rendered)
        time.sleep(3)
        report["during, 3 s later: other pages and /healthz"] = sweep(rendered)
        status, headers, body = fetch(base + _quote(rendered[0]))
        report["notice"] = {"status": status, "retry_after": headers.get("Retry-After"), "body": body.decode()[:120]}
        proxy.restore()
        started = time.monotonic()
        report["right after the restore: every page"] = sweep(urls)
        report["seconds until every page answered 200"] = None
        while time.monotonic() - started < 30:
            if set(sweep(urls)) == {"200"}:
                report["seconds until every page answered 200"] = round(time.monotonic() - started, 2)
                break
            time.sleep(0.5)
    proxy.stop()
    return report


def markdown(report: dict[str, Any]) -> str:
    m, count = report["machine"], len(report["pages"])
    lines = [
        f"Machine: {m['nproc']} CPUs, {m['cpu']}; gunicorn 2 workers each ({report['gunicorn']}),"
        f" wrk -c{report['connections']} -d{report['duration']}s;"
        f" minimal page {report['minimal_rps_median']} requests/s (median of its runs)",
        "",
        "(share: of the minimal page's requests/s in the runs just before and after the page's)",
        "",
        "| page | warm req/s | warm p50 | warm p99 | warm share | cold req/s | cold p50 | cold p99 | cold share |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in report["pages"]:
        w, c = row["warm"], row["cold"]
        hit = "" if w["page_cache"] == "hit" else f" ({w['page_cache'] or 'not cached'})"
        errors = "" if not (w["errors"] or c["errors"]) else f" **errors {w['errors']}/{c['errors']}**"
        lines.append(
            f"| `{row['page']}`{hit}{errors} | {w['rps']} | {w['p50_ms']} ms | {w['p99_ms']} ms | {w['share']:.1%}"
            f" | {c['rps']} | {c['p50_ms']} ms | {c['p99_ms']} ms | {c['share']:.1%} |"
        )
    lines += [
        "",
        f"Targets: warm ≥ 50 % of the minimal page ({report['warm_meeting_target']}/{count} pages,"
        f" median {report['warm_share_median']:.1%}), cold ≥ 15 % ({report['cold_meeting_target']}/{count} pages,"
        f" median {report['cold_share_median']:.1%}).",
    ]
    if report.get("fault"):
        lines += ["", "Database cut (TCP proxy stopped, then started again): statuses seen", ""]
        for phase, seen in report["fault"].items():
            lines.append(f"- {phase}: {seen}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--redis-db", type=int, default=13)
    parser.add_argument("--output", default="bench-http.json")
    parser.add_argument("--pages", default="", help="only the pages whose label contains this")
    parser.add_argument("--no-fault", action="store_true", help="skip the database cut")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        fail("wrk is missing: run scripts/ensure_wrk.sh (or apt-get install wrk).")
    setup_django(args.database_url, redis_db=args.redis_db)
    from django.core.cache import cache

    pages = [page for page in bench_pages() if args.pages in page[0]]
    cache.clear()  # the bench's own Redis database: the page cache starts empty
    logs = ROOT / "bench-http-gunicorn.log"
    logs.unlink(missing_ok=True)
    warm_env = portal_env(args.database_url, page_cache=True, redis_db=args.redis_db)
    cold_env = portal_env(args.database_url, page_cache=False, redis_db=args.redis_db)
    minimal_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.minimal_settings"}
    with (
        gunicorn("bench.minimal_wsgi:application", minimal_env, log=logs) as minimal,
        gunicorn("portal.wsgi:application", warm_env, log=logs) as warm,
        gunicorn("portal.wsgi:application", cold_env, log=logs) as cold,
    ):
        rows = measure(pages, {"minimal": minimal, "warm": warm, "cold": cold}, args.duration, args.connections)
    minimal_runs = [row[mode]["minimal"]["after"]["rps"] for row in rows for mode in ("warm", "cold")]
    report: dict[str, Any] = {
        "machine": machine(),
        "gunicorn_args": os.environ.get("BENCH_GUNICORN_ARGS", ""),
        "gunicorn": gunicorn_description(),
        "duration": args.duration,
        "connections": args.connections,
        "minimal_rps_median": round(statistics.median(minimal_runs), 1) if minimal_runs else 0,
        "pages": rows,
        "warm_share_median": round(statistics.median(row["warm"]["share"] for row in rows), 3) if rows else 0,
        "cold_share_median": round(statistics.median(row["cold"]["share"] for row in rows), 3) if rows else 0,
        "warm_meeting_target": sum(row["warm"]["share"] >= 0.5 for row in rows),
        "cold_meeting_target": sum(row["cold"]["share"] >= 0.15 for row in rows),
    }
    if not args.no_fault and pages:
        report["fault"] = fault(args.database_url, pages, args.redis_db, logs)
    Path(args.output).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print("\n" + markdown(report))
    print(f"\n(written to {args.output}; gunicorn's log in {logs.name})", file=sys.stderr)


if __name__ == "__main__":
    main()
