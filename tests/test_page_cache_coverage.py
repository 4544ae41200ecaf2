"""The page cache on every public page of every app (issue 12): every role-matrix page
(tests/test_role_matrix_coverage.py's MATRICES) that answers 200 to an anonymous visitor
is stored and served from the page cache on the second visit, except the few pages in
NOT_CACHED (each with its reason); and no page is ever served from it to a signed-in
visitor.

One test per matrix, on one build of its data: the anonymous pages are warmed first, so
that a signed-in visitor who were served from the cache would get a hit; then every page
of the matrix is visited once per signed-in role (a page stored for one role would be a
hit for the next)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.utils import translation

from tests.pagecache import commit
from tests.roles import ROLES
from tests.test_role_matrix_coverage import MATRICES, view_name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

# Pages public to anonymous visitors that must not be cached, by URL name, with the reason.
NOT_CACHED: dict[str, str] = {
    "account_login": "the log-in form, which anonymous visitors post (CSRF token and cookie)",
    "account_signup": "the sign-up form, which anonymous visitors post (CSRF token and cookie)",
    "account_reset_password": "the password-reset form, which anonymous visitors post (CSRF token and cookie)",
    "account_reset_password_from_key": "allauth's set-a-new-password step, a form (CSRF token and cookie)",
    "groups:contact": "the form to write to a group, which anonymous visitors post (CSRF token and cookie)",
    "portal:newsletter-subscribe": "the topic e-mail subscription form (CSRF token and cookie)",
    "portal:newsletter-confirm": "the confirmation button of a subscription, a form (CSRF token and cookie)",
    "portal:newsletter-manage": "a subscriber's own settings, a form (CSRF token and cookie)",
    "collaboration:case-photo": "an image file streamed from storage, not a rendered page",
    "subsidies:guide": "a programme's guide, a file streamed from storage, not a rendered page",
}


def case_url(case: Any, data: dict[str, Any]) -> str:
    with translation.override("ja"):
        url = case.url(data)
    if case.data:
        url += ("&" if "?" in url else "?") + urlencode(case.data, doseq=True)
    return url


def public_cases(matrix: Any, data: dict[str, Any]) -> list[tuple[Any, str]]:
    return [
        (case, case_url(case, data))
        for case in matrix.CASES
        if case.method == "get" and case.expected["anonymous"] == 200
    ]


def test_not_cached__names_real_pages() -> None:
    from tests.roles import url_names

    assert set(NOT_CACHED) <= url_names()


@pytest.mark.parametrize(
    "matrix", MATRICES, ids=lambda m: m.__name__.removeprefix("tests.").replace(".test_role_matrix", "")
)
def test_public_pages_cached__never_for_signed_in_visitors(
    client: Any, role_users: dict[str, Any], matrix: Any
) -> None:
    data = matrix.build_matrix_data(role_users)
    commit()
    problems = []
    client.raise_request_exception = False
    for case, url in public_cases(matrix, data):
        client.logout()
        client.cookies.clear()
        translation.activate("ja")
        name = view_name(url)
        first = client.get(url)
        second = client.get(url)
        hit = second.get("X-Page-Cache") == "hit"
        if name in NOT_CACHED:
            if hit:
                problems.append(f"{case} ({url}) is served from the page cache, but is in NOT_CACHED")
            continue
        if first.status_code != 200 or not hit:
            reason = "streamed" if second.streaming else ("sets a cookie" if second.cookies else "")
            problems.append(f"{case} ({url}, {name}): {first.status_code}, not served from the page cache {reason}")
    for role in ROLES:
        if role_users[role] is None:
            continue
        client.logout()
        client.force_login(role_users[role])
        for case in matrix.CASES:
            if case.method != "get":
                continue
            url = case_url(case, data)
            translation.activate("ja")
            # One visit per role: a public page has its anonymous copy stored above, and
            # any page a role before this one might have stored would be a hit here.
            if client.get(url).get("X-Page-Cache") == "hit":
                problems.append(f"{case} ({url}) as {role}: served from the page cache")
    assert not problems, "\n".join(problems)
