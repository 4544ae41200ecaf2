"""The site shell: city name from SiteConfiguration, vendored assets, translations."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import polib
import pytest
from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from portal.models import ActivityField, SiteConfiguration
from tests.factories.events import create_event
from tests.factories.facilities import create_facility, create_room

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


# --- The shell on a phone and for keyboard users (issue 8) -------------------------


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match
    return " ".join(match.group(1).split())


def _error_summary(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</ul>\s*</div>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def _summary_links(html: str) -> list[tuple[str, str]]:
    summary = _error_summary(html)
    return [(href, " ".join(text.split())) for href, text in re.findall(r'<a href="#([^"]+)">(.*?)</a>', summary, re.S)]


def test_error_summary__signup_errors_link_to_each_field_and_title_says_error(client: Any) -> None:
    """allauth's sign-up form (rendered with crispy): one link per field in error, each
    to a control that is on the page (radio buttons: the first of them)."""
    html = client.post(reverse("account_signup"), {"email": "not-an-address"}).content.decode()
    assert _title(html).startswith("エラー：")
    summary = _error_summary(html)
    assert 'role="alert"' in summary
    assert "autofocus" in summary
    links = dict(_summary_links(html))
    assert {"id_email", "id_full_name", "id_relationship_0", "id_agree_terms"} <= set(links)
    assert links["id_full_name"] == "氏名：このフィールドは必須です。"
    for target in links:
        assert f'id="{target}"' in html, target
    # The summary comes first in the main content, before the page's heading.
    main = html[html.index('<main id="main"') :]
    assert main.index("error-summary") < main.index("<h1")


def test_error_summary__login_lists_the_form_wide_error(client: Any, role_users: dict[str, Any]) -> None:
    response = client.post(reverse("account_login"), {"login": role_users["citizen"].email, "password": "wrong"})
    html = response.content.decode()
    assert _title(html).startswith("エラー：")
    summary = _error_summary(html)
    assert "メールアドレスもしくはパスワードが正しくありません" in summary
    assert _summary_links(html) == []


def test_error_summary__english_title_prefix(client: Any) -> None:
    html = client.post("/en/accounts/signup/", {}).content.decode()
    assert _title(html).startswith("Error:")
    assert "There is a problem" in _error_summary(html)


def test_error_summary__absent_when_the_form_has_no_errors(client: Any) -> None:
    for html in (client.get(reverse("account_signup")).content.decode(), client.get("/").content.decode()):
        assert "error-summary" not in html
        assert not _title(html).startswith("エラー")


class _PlainForm(forms.Form):
    name = forms.CharField(label="お名前")
    kind = forms.ChoiceField(label="種別", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    size = forms.ChoiceField(
        label="規模", choices=[("s", "S"), ("l", "L")], widget=forms.RadioSelect(attrs={"id": "size-choice"})
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        raise forms.ValidationError("全体のエラーです。")


def test_error_summary__plain_forms_with_prefixes_and_formsets(rf: Any) -> None:
    """Any bound form or formset in the context, under any name, rendered without crispy."""
    from django.contrib.auth.models import AnonymousUser
    from django.template import RequestContext, Template

    request = rf.get("/")
    request.user = AnonymousUser()
    form = _PlainForm(data={"decision-name": ""}, prefix="decision")
    formset = forms.formset_factory(_PlainForm, min_num=1, validate_min=True)(data={"form-TOTAL_FORMS": "0"})
    unbound = _PlainForm(prefix="other")
    page = Template('{% extends "layouts/public.html" %}{% block content %}<h1>x</h1>{{ decision_form }}{% endblock %}')
    html = page.render(RequestContext(request, {"decision_form": form, "rows": formset, "empty": unbound}))
    assert _title(html).startswith("エラー：")
    assert _summary_links(html) == [
        ("id_decision-name", "お名前：このフィールドは必須です。"),
        ("id_decision-kind_0", "種別：このフィールドは必須です。"),
        ("size-choice_0", "規模：このフィールドは必須です。"),
    ]
    for target, _text in _summary_links(html):
        assert f'id="{target}"' in html
    summary = _error_summary(html)
    # Form-wide errors, errors on hidden fields and the formset's own error are listed too.
    assert summary.count("全体のエラーです。") == 1
    assert "(Hidden field token)" not in summary
    assert summary.count("このフィールドは必須です。") == 4
    assert "少なくとも 1 個のフォームを送信してください。" in summary
    assert "other-name" not in summary


def test_menu__phone_menu_is_a_details_with_the_links_of_the_wide_bar(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["citizen"])
    html = client.get("/").content.decode()
    details = re.search(r'<details class="site-menu d-md-none">(.*?)</details>', html, re.S)
    assert details, "no phone menu"
    summary = re.search(r'<summary class="site-menu-toggle">(.*?)</summary>', details.group(1), re.S)
    assert summary
    assert "メニュー" in summary.group(1)
    wide = re.search(r'<div class="site-nav-wide d-none d-md-block">(.*?)</nav>', html, re.S)
    assert wide, "no wide navigation bar"

    def links(fragment: str) -> list[str]:
        nav = fragment[fragment.index("<nav") :]
        return re.findall(r'<a href="([^"]+)"', nav)

    assert links(details.group(1)) == links(wide.group(1))
    assert reverse("groups:event-list") in links(wide.group(1))
    # The account links are in the menu too (and in the header bar on wide screens only).
    assert reverse("portal:account") in details.group(1)
    assert re.search(r'class="site-account d-none d-md-flex">.*?' + re.escape(reverse("portal:account")), html, re.S)
    assert html.count('aria-label="メインメニュー"') == 2  # one shown at a time


def _current_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


def test_navigation__cached_once_yet_marks_the_page_shown_and_follows_edits(
    client: Any, role_users: dict[str, Any]
) -> None:
    """The main navigation is rendered once per language and role (fragment cache):
    each page still marks its own link, and a page added to the navigation shows at once."""
    from portal.models import InfoPage
    from tests.pagecache import commit

    assert _current_links(client.get(reverse("groups:list")).content.decode()) == [reverse("groups:list")] * 2
    assert _current_links(client.get(reverse("portal:faq")).content.decode()) == [reverse("portal:faq")] * 2
    assert _current_links(client.get("/en" + reverse("groups:list")).content.decode()) == ["/en/groups/"] * 2
    # A page below a navigation entry (a group's profile, search results) marks none.
    assert _current_links(client.get(reverse("portal:search") + "?q=x").content.decode()) == []
    assert "Staff area" not in client.get("/en/").content.decode()

    InfoPage.objects.create(slug="volunteer-guide", title="ボランティアの手引き", show_in_nav=True, is_published=True)
    commit()
    html = client.get("/faq/").content.decode()
    assert html.count(">ボランティアの手引き</a>") == 2
    guide = "/pages/volunteer-guide/"
    assert _current_links(client.get(guide).content.decode()) == [guide] * 2

    client.force_login(role_users["city_staff"])
    assert client.get("/en/").content.decode().count("Staff area") == 2


def test_calendar__phone_list_of_days_and_wide_table(client: Any) -> None:
    event = create_event(title="月例清掃")
    start = timezone.localtime(event.starts_at)
    html = client.get(reverse("groups:event-list"), {"month": start.strftime("%Y-%m")}).content.decode()
    listing = re.search(r'<ol class="event-calendar-list d-md-none"[^>]*>(.*?)</ol>', html, re.S)
    assert listing
    days = re.findall(r'<time datetime="([\d-]+)">', listing.group(1))
    assert days == [start.date().isoformat()]
    assert "月例清掃" in listing.group(1)
    assert '<div class="table-responsive d-none d-md-block">' in html
    # A busy day lists its first four and links to the rest, in the list as in the table.
    for hour in range(5):
        begins = start.replace(hour=9 + hour, minute=0)
        create_event(starts_at=begins, ends_at=begins + datetime.timedelta(minutes=30))
    html = client.get(reverse("groups:event-list"), {"month": start.strftime("%Y-%m")}).content.decode()
    listing = re.search(r'<ol class="event-calendar-list d-md-none"[^>]*>(.*?)</ol>', html, re.S)
    assert listing
    more = f"start={start.date().isoformat()}&amp;end={start.date().isoformat()}"
    assert f'{more}">ほか2件</a>' in listing.group(1)
    assert html.count(f'{more}">ほか2件</a>') == 2
    empty = client.get(reverse("groups:event-list"), {"month": "2031-02"}).content.decode()
    assert "この月のイベントはありません。" in empty


def test_week_view__scrolls_inside_a_focusable_region(client: Any) -> None:
    facility = create_facility(slug="central")
    create_room(facility, slug="room-a")
    html = client.get("/facilities/central/room-a/").content.decode()
    assert re.search(
        r'<div class="table-responsive availability-scroll"\s+role="region"\s+'
        r'aria-labelledby="week-heading"\s+tabindex="0">',
        html,
    )
