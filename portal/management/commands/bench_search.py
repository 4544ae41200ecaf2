"""Time the site search and the lists' `q` at a given number of groups and events.

Run after `manage.py bench` (or `seed_demo --scale N`) on the same database: it tops the
seeded city up to `--groups` registered groups and `--events` events by copying the demo's
own groups and events (their texts, fields and areas; names numbered, dates spread over
two years, about one event in eight upcoming), indexes them, then reports the median and
95th-percentile server time and query count of each search page as JSON."""

from __future__ import annotations

import json
import random
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal import search
from portal.management.commands.bench import Command as PageBench
from portal.management.commands.bench import settle_after_bulk_load

# One-, two- and four-character queries (and a few longer), in kanji and in kana, as
# people type them; each found in the demo's texts.
# "こ" is the worst case: a common kana, in nearly every entry's reading.
QUERIES = ("福", "森", "こ", "福祉", "環境", "ふくし", "こそだて", "国際交流", "さくらがわ", "子育て 支援")


class Command(BaseCommand):
    help = "Top the city up to N groups and M events, then time the site search and the lists' q."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--groups", type=int, default=5000)
        parser.add_argument("--events", type=int, default=50000)
        parser.add_argument("--requests", type=int, default=30, help="Timed requests per page.")
        parser.add_argument("--no-top-up", action="store_true", help="Measure the data already there.")
        parser.add_argument("--output", default="", help="Also write the JSON report to this file.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Refusing to write benchmark data with production settings (DEMO_DATA_ALLOWED off).")
        from groups.models import CommunityGroup, Event

        if not options["no_top_up"]:
            started = time.perf_counter()
            with search.deferred(), transaction.atomic():
                self.top_up_groups(CommunityGroup, options["groups"])
                self.top_up_events(Event, options["events"])
            search.rebuild()
            settle_after_bulk_load()
            self.stderr.write(f"topped up and indexed in {time.perf_counter() - started:.1f}s")

        pages: list[tuple[str, str]] = []
        for query in QUERIES:
            pages.append((f"search {query}", f"{reverse('portal:search')}?q={query}"))
        for query in ("ふくし", "こそだて", "福", "こ"):
            pages.append((f"groups q={query}", f"{reverse('groups:list')}?q={query}"))
            pages.append((f"events q={query}", f"{reverse('groups:event-list')}?q={query}"))
        client = Client(HTTP_HOST="127.0.0.1")
        results = [self.measure(client, label, path, options["requests"]) for label, path in pages]
        report = {
            "database": connection.vendor,
            "groups": CommunityGroup.objects.count(),
            "events": Event.objects.count(),
            "upcoming_events": Event.objects.filter(ends_at__gt=timezone.now()).count(),
            "entries": search.SearchEntry.objects.count(),
            "requests_per_page": options["requests"],
            "pages": results,
        }
        text = json.dumps(report, ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:  # noqa: PTH123
                handle.write(text)
        self.stdout.write(text)

    def measure(self, client: Client, label: str, path: str, requests: int) -> dict[str, Any]:
        result = PageBench().measure(client, label, path, requests)
        if result["status"] != 200:
            raise CommandError(f"{label}: GET {path} gave {result['status']}")
        return result

    def top_up_groups(self, model: Any, target: int) -> None:
        from groups.models import GroupStatus

        originals = list(model.objects.filter(status=GroupStatus.REGISTERED).prefetch_related("fields", "areas"))
        missing = target - model.objects.filter(status=GroupStatus.REGISTERED).count()
        if missing <= 0 or not originals:
            return
        clones, links = [], []
        for n in range(missing):
            original = originals[n % len(originals)]
            clone = _copy(original)
            clone.name = f"{original.name}（{n // len(originals) + 2}）"[:200]
            clone.slug = f"{original.slug}-b{n}"[:80]
            clones.append(clone)
            links.append(original)
        created = model.objects.bulk_create(clones, batch_size=500)
        self._copy_m2m(model, created, links, ("fields", "areas"))
        self.stderr.write(f"groups: {len(created)} copies")

    def top_up_events(self, model: Any, target: int) -> None:
        originals = list(model.objects.filter(group__isnull=False).prefetch_related("fields"))
        missing = target - model.objects.count()
        if missing <= 0 or not originals:
            return
        from groups.models import CommunityGroup, GroupStatus

        group_ids = list(CommunityGroup.objects.filter(status=GroupStatus.REGISTERED).values_list("pk", flat=True))
        rng = random.Random(11)
        now = timezone.now()
        clones, links = [], []
        for n in range(missing):
            original = originals[n % len(originals)]
            clone = _copy(original)
            clone.group_id = rng.choice(group_ids)
            # Two years of events: one year back, one ahead, about one in eight upcoming.
            offset = timedelta(days=rng.randint(-640, 90), minutes=rng.randint(0, 600))
            length = original.ends_at - original.starts_at
            clone.starts_at = now + offset
            clone.ends_at = clone.starts_at + length
            clone.signup_opens_at = clone.signup_closes_at = None
            clones.append(clone)
            links.append(original)
        created = model.objects.bulk_create(clones, batch_size=1000)
        self._copy_m2m(model, created, links, ("fields",))
        self.stderr.write(f"events: {len(created)} copies")

    def _copy_m2m(self, model: Any, created: list[Any], originals: list[Any], names: tuple[str, ...]) -> None:
        for name in names:
            through = getattr(model, name).through
            source = model._meta.model_name
            target = getattr(model, name).field.related_model._meta.model_name
            rows = [
                through(**{f"{source}_id": clone.pk, f"{target}_id": related.pk})
                for clone, original in zip(created, originals, strict=True)
                for related in getattr(original, name).all()
            ]
            through.objects.bulk_create(rows, batch_size=2000)


def _copy(obj: Any) -> Any:
    """An unsaved copy of `obj` (every concrete field but the primary key)."""
    model = type(obj)
    values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
    return model(**values)
