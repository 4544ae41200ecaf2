from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


# As `make bench` runs it: the demo's staff (whose pages are measured signed in) have no
# second factor set up.
@override_settings(DEMO_DATA_ALLOWED=True, STAFF_MFA_REQUIRED=False)
def test_bench__reports_every_public_page_as_json(tmp_path) -> None:
    out = io.StringIO()
    report_file = tmp_path / "bench.json"
    call_command("bench", scale=1, requests=3, output=str(report_file), stdout=out, stderr=io.StringIO())
    report = json.loads(out.getvalue())
    assert json.loads(report_file.read_text(encoding="utf-8")) == report
    pages = {page["page"]: page for page in report["pages"]}
    assert {"home", "news list", "news detail", "info page", "faq", "login"} <= set(pages)
    # Anonymous pages are also timed served from the page cache; the log-in page sets a
    # cookie (its form's CSRF token), so it is never cached.
    assert pages["home"]["warm"]["hit"] is True
    assert 0 < pages["home"]["warm"]["median_ms"] <= pages["home"]["warm"]["p95_ms"]
    assert pages["login"]["warm"]["hit"] is False
    assert all(page["warm"] is None for page in report["pages"] if page["page"].startswith("staff"))
    # Queries are counted (a page whose settings and navigation come from the process's
    # copies, such as the log-in form, may run none).
    assert pages["news list"]["queries"] >= 1
    for page in pages.values():
        assert page["status"] == 200, page
        assert page["queries"] >= 0, pages
        assert 0 < page["median_ms"] <= page["p95_ms"]
    # Then the search bench tops the same city up and times each search page (a page
    # that does not answer 200 stops it with an error).
    from groups.models import CommunityGroup, Event, GroupStatus

    before = CommunityGroup.objects.count()
    registered = CommunityGroup.objects.filter(status=GroupStatus.REGISTERED).count()
    events = Event.objects.count() + 10
    out = io.StringIO()
    call_command("bench_search", groups=registered + 3, events=events, requests=2, stdout=out, stderr=io.StringIO())
    search = json.loads(out.getvalue())
    assert (search["groups"], search["events"]) == (before + 3, events)
    assert search["entries"] > 0
    labels = {page["page"] for page in search["pages"]}
    assert {"search ふくし", "search 福", "groups q=ふくし", "events q=こそだて"} <= labels
    for page in search["pages"]:
        assert page["queries"] >= 1, search["pages"]
        assert 0 < page["median_ms"] <= page["p95_ms"]
