"""The generic committee-review pages (portal.review_views) with subsidy applications:
access (除斥, access ended, other committees), phases, scoring, conflicts, the ranked
summary and its CSV, anonymised review, query counts."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditLogEntry, CommitteeMember, ConflictDeclaration, Review, ScoringStatus
from portal.review_services import reviewed_object_url
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import UserFactory
from tests.subsidies.screening_setup import (
    close_scoring,
    create_committee,
    create_reviewed_programme,
    open_scoring,
    score,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_staff_mfa(settings: Any) -> None:
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def world() -> dict[str, Any]:
    chair = UserFactory(full_name="審査 委員長")
    m1 = UserFactory(full_name="委員 一郎")
    m2 = UserFactory(full_name="委員 二郎")
    m3 = UserFactory(full_name="委員 三郎")
    group_a = create_group(name="みどり子ども食堂の会")
    group_b = create_group(name="里山を守る会", members=(m3,))  # m3 is excluded from b
    committee = create_committee(chair=chair, members=[m1, m2, m3])
    programme, (app_a, app_b) = create_reviewed_programme(committee, [group_a, group_b])
    return {
        "chair": chair,
        "m1": m1,
        "m2": m2,
        "m3": m3,
        "staff": reviewing_staff(),
        "committee": committee,
        "programme": programme,
        "a": app_a,
        "b": app_b,
    }


def _get(client: Any, user: Any, url: str) -> Any:
    client.force_login(user)
    return client.get(url)


def _score_data(committee: Any, points: int, comment: str = "よい") -> dict[str, Any]:
    data: dict[str, Any] = {"action": "score", "overall_comment": comment}
    for criterion in committee.score_sheet.criteria.all():
        data[f"score_{criterion.pk}"] = points
        data[f"comment_{criterion.pk}"] = comment
    return data


def test_review_views__import_nothing_from_subsidies() -> None:
    """The review pages are generic: nothing in them knows about subsidies."""
    for name in ("review_views.py", "review_forms.py", "review_services.py"):
        source = (Path(settings.BASE_DIR) / "portal" / name).read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+subsidies", source, re.MULTILINE), name
        assert "subsidies" not in source.replace("(subsidies)", ""), name
    for template in (Path(settings.BASE_DIR) / "templates" / "portal" / "review").glob("*.html"):
        assert "subsid" not in template.read_text(encoding="utf-8"), template


def test_home__lists_my_committees(client: Any, world: dict[str, Any]) -> None:
    other = create_committee(chair=UserFactory(), name="別の審査会")
    response = _get(client, world["m1"], reverse("portal:review-home"))
    assert response.status_code == 200
    assert world["committee"].name.encode() in response.content
    assert "別の審査会".encode() not in response.content
    # City staff see every committee of this and last year.
    response = _get(client, world["staff"], reverse("portal:review-home"))
    assert other.name.encode() in response.content
    # A member whose access ended no longer sees it.
    CommitteeMember.objects.filter(user=world["m1"]).update(access_ends_on=timezone.localdate() - datetime.timedelta(1))
    response = _get(client, world["m1"], reverse("portal:review-home"))
    assert world["committee"].name.encode() not in response.content


def test_committee__excluded_object_is_absent(client: Any, world: dict[str, Any]) -> None:
    url = reverse("portal:review-committee", args=[world["committee"].pk])
    response = _get(client, world["m1"], url)
    assert response.status_code == 200
    assert world["a"].title.encode() in response.content
    assert world["b"].title.encode() in response.content
    response = _get(client, world["m3"], url)
    assert world["a"].title.encode() in response.content
    assert world["b"].title.encode() not in response.content


@pytest.mark.parametrize("who", ["excluded", "ended", "other_committee", "outsider", "applicant"])
def test_object__404_for_those_outside(client: Any, world: dict[str, Any], who: str) -> None:
    committee, target = world["committee"], world["b"]
    if who == "excluded":
        user = world["m3"]
    elif who == "ended":
        user = world["m1"]
        CommitteeMember.objects.filter(user=user).update(access_ends_on=timezone.localdate() - datetime.timedelta(1))
    elif who == "other_committee":
        user = UserFactory()
        create_committee(chair=UserFactory(), members=[user], name="別の審査会")
    elif who == "applicant":
        user = target.group.memberships.first().user
    else:
        user = UserFactory()
    assert _get(client, user, reviewed_object_url(committee, target)).status_code == 404
    # The committee page too, except for the excluded member (who sees the others).
    committee_status = _get(client, user, reverse("portal:review-committee", args=[committee.pk])).status_code
    assert committee_status == (200 if who == "excluded" else 404)


def test_object__unknown_type_or_object_is_404(client: Any, world: dict[str, Any]) -> None:
    committee = world["committee"]
    client.force_login(world["m1"])
    ct = reviewed_object_url(committee, world["a"]).split("/")[-3]
    for url in (
        reverse("portal:review-object", args=[committee.pk, 1, world["a"].pk]),
        reverse("portal:review-object", args=[committee.pk, ct, 999999]),
        reverse("portal:review-object", args=[committee.pk, 999999, world["a"].pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_object__shows_the_summary_and_files(client: Any, world: dict[str, Any]) -> None:
    response = _get(client, world["m1"], reviewed_object_url(world["committee"], world["a"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert world["a"].title in body
    assert "みどり子ども食堂の会" in body
    assert "報償費" in body  # the budget table
    assert "250,000" in body or "250000" in body  # eligible cost
    assert "採点はまだ始まっていません" in body


def test_scoring__own_scores_while_open_everyone_after_close(client: Any, world: dict[str, Any]) -> None:
    committee, app = world["committee"], world["a"]
    open_scoring(committee)
    url = reviewed_object_url(committee, app)
    client.force_login(world["m1"])
    response = client.post(url, _score_data(committee, 4, "一郎の講評"))
    assert response.status_code == 302
    assert Review.objects.filter(member__user=world["m1"]).count() == 1
    # Editable until closing.
    assert client.post(url, _score_data(committee, 5, "一郎の講評")).status_code == 302
    assert Review.objects.get(member__user=world["m1"]).scores.first().score == 5
    score(world["m2"], committee, app, 2, "二郎の講評")
    # While open, a member sees only their own.
    body = _get(client, world["m2"], url).content.decode()
    assert "一郎の講評" not in body
    assert "二郎の講評" in body
    close_scoring(committee)
    body = _get(client, world["m2"], url).content.decode()
    assert "一郎の講評" in body
    assert "二郎の講評" in body
    assert "委員 一郎" not in body  # members see numbers, not names
    body = _get(client, world["staff"], url).content.decode()
    assert "委員 一郎" in body  # staff see names
    # Scores are final once closed: no form.
    client.force_login(world["m1"])
    assert client.post(url, _score_data(committee, 1)).status_code == 400


def test_scoring__out_of_range_is_400_and_nothing_written(client: Any, world: dict[str, Any]) -> None:
    committee = world["committee"]
    open_scoring(committee)
    client.force_login(world["m1"])
    url = reviewed_object_url(committee, world["a"])
    for points in (6, -1, "x", ""):
        response = client.post(url, _score_data(committee, points))
        assert response.status_code == 400, points
    assert not Review.objects.exists()


def test_scoring__excluded_member_cannot_post(client: Any, world: dict[str, Any]) -> None:
    committee = world["committee"]
    open_scoring(committee)
    client.force_login(world["m3"])
    assert client.post(reviewed_object_url(committee, world["b"]), _score_data(committee, 3)).status_code == 404
    assert not Review.objects.exists()


def test_conflict__declared_then_absent(client: Any, world: dict[str, Any]) -> None:
    committee, app = world["committee"], world["a"]
    client.force_login(world["m1"])
    url = reviewed_object_url(committee, app)
    assert client.post(url, {"action": "conflict", "reason": ""}).status_code == 400
    assert not ConflictDeclaration.objects.filter(member__user=world["m1"]).exists()
    response = client.post(url, {"action": "conflict", "reason": "団体の顧問をしている"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:review-committee", args=[committee.pk])
    assert ConflictDeclaration.objects.get(member__user=world["m1"]).reason == "団体の顧問をしている"
    assert AuditLogEntry.objects.filter(action="portal.conflictdeclaration.declared").exists()
    assert client.get(url).status_code == 404
    body = client.get(reverse("portal:review-committee", args=[committee.pk])).content.decode()
    assert app.title not in body


def test_manage__open_close_and_stale(client: Any, world: dict[str, Any]) -> None:
    committee = world["committee"]
    url = reverse("portal:review-manage", args=[committee.pk])
    client.force_login(world["chair"])
    body = client.get(url).content.decode()
    assert "委員 三郎" in body
    assert "公益性" in body
    assert client.post(url, {"action": "open", "seen_status": "preparing"}).status_code == 302
    committee.refresh_from_db()
    assert committee.scoring_status == ScoringStatus.SCORING
    # A second chair's page drawn before the opening: stale.
    assert client.post(url, {"action": "open", "seen_status": "preparing"}).status_code == 409
    assert client.post(url, {"action": "close", "seen_status": "preparing"}).status_code == 409
    committee.refresh_from_db()
    assert committee.scoring_status == ScoringStatus.SCORING
    assert client.post(url, {"action": "close", "seen_status": "scoring"}).status_code == 302
    committee.refresh_from_db()
    assert committee.scoring_status == ScoringStatus.CLOSED


def test_manage__members_only_403(client: Any, world: dict[str, Any]) -> None:
    committee = world["committee"]
    for name in ("review-manage", "review-summary", "review-summary-csv"):
        assert _get(client, world["m1"], reverse(f"portal:{name}", args=[committee.pk])).status_code == 403
        assert _get(client, UserFactory(), reverse(f"portal:{name}", args=[committee.pk])).status_code == 404


def test_manage__add_member_detects_conflicts(client: Any, world: dict[str, Any]) -> None:
    committee = world["committee"]
    newcomer = world["a"].group.memberships.first().user
    url = reverse("portal:review-manage", args=[committee.pk])
    client.force_login(world["chair"])
    ends = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    assert (
        client.post(
            url, {"action": "add_member", "email": "nobody@example.jp", "kind": "expert", "access_ends_on": ends}
        ).status_code
        == 400
    )
    response = client.post(
        url, {"action": "add_member", "email": newcomer.email.upper(), "kind": "citizen", "access_ends_on": ends}
    )
    assert response.status_code == 302
    member = CommitteeMember.objects.get(committee=committee, user=newcomer)
    assert ConflictDeclaration.objects.filter(member=member, object_id=world["a"].pk, automatic=True).exists()
    # Twice: refused, nothing written.
    again = client.post(
        url, {"action": "add_member", "email": newcomer.email, "kind": "citizen", "access_ends_on": ends}
    )
    assert again.status_code == 400


def score_a_high_and_b_low(world: dict[str, Any]) -> None:
    """Scoring opened and closed: three members score `a` (one far from the others),
    one scores `b` low."""
    committee, a, b = world["committee"], world["a"], world["b"]
    open_scoring(committee)
    score(world["m1"], committee, a, 5)
    score(world["m2"], committee, a, 4)
    score(world["m3"], committee, a, 1)  # far from the others
    score(world["m1"], committee, b, 2)
    close_scoring(committee)


def test_summary__numbers_and_csv(client: Any, world: dict[str, Any]) -> None:
    committee, a, b = world["committee"], world["a"], world["b"]
    score_a_high_and_b_low(world)
    client.force_login(world["chair"])
    response = client.get(reverse("portal:review-summary", args=[committee.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.title for r in rows] == [f"{a.receipt_number} {a.title}", f"{b.receipt_number} {b.title}"]
    top = rows[0]
    assert top.rank == 1
    assert str(top.average) == "66.67"  # (100 + 80 + 20) / 3
    assert top.count == 3
    assert (str(top.lowest), str(top.highest)) == ("20.00", "100.00")
    assert top.passes
    assert [label for label, _total in top.outliers] == ["委員3"]
    assert rows[1].count == 1
    assert not rows[1].passes
    csv = client.get(reverse("portal:review-summary-csv", args=[committee.pk]))
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert "66.67" in text
    assert "みどり子ども食堂の会" in text
    assert csv["Content-Type"].startswith("text/csv")


def test_summary__cached_rows_follow_a_new_score(client: Any, world: dict[str, Any]) -> None:
    """The table's rows are cached by what they show: a new score shows at once."""
    committee, a = world["committee"], world["a"]
    open_scoring(committee)
    score(world["m1"], committee, a, 5)
    client.force_login(world["chair"])
    url = reverse("portal:review-summary", args=[committee.pk])
    for _ in range(2):  # the second from the cache
        assert "<td>100.00</td>" in client.get(url).content.decode()
    score(world["m2"], committee, a, 4)
    page = client.get(url).content.decode()
    assert "<td>90.00</td>" in page
    assert "<td>100.00</td>" not in page


def test_summary__later_pages_keep_the_ranks_and_totals(client: Any, world: dict[str, Any], monkeypatch: Any) -> None:
    """The database ranks every application; a page draws only its rows, ranked by
    their place in the whole list, with their totals; the pass count covers them all."""
    from portal.review_views import ReviewSummaryView
    from tests.factories.subsidies import create_application

    committee, programme, a, b = world["committee"], world["programme"], world["a"], world["b"]
    unscored = create_application(programme, create_group(), status="accepted")
    score_a_high_and_b_low(world)
    monkeypatch.setattr(ReviewSummaryView, "paginate_by", 1)
    client.force_login(world["chair"])
    url = reverse("portal:review-summary", args=[committee.pk])
    pages = [client.get(url, {"page": n}).context for n in (1, 2, 3)]
    assert [[(r.title, r.rank) for r in page["rows"]] for page in pages] == [
        [(f"{a.receipt_number} {a.title}", 1)],
        [(f"{b.receipt_number} {b.title}", 2)],
        [(f"{unscored.receipt_number} {unscored.title}".strip(), None)],
    ]
    top, second, last = (page["rows"][0] for page in pages)
    assert (str(top.lowest), str(top.highest), [label for label, _total in top.outliers]) == (
        "20.00",
        "100.00",
        ["委員3"],
    )
    assert (str(second.average), second.count, str(second.lowest), second.passes) == ("40.00", 1, "40.00", False)
    assert (last.average, last.count, last.lowest, last.outliers) == (None, 0, None, [])
    assert {page["passing"] for page in pages} == {1}


def test_anonymised__names_hidden_from_members_not_staff(client: Any, world: dict[str, Any]) -> None:
    committee = world["committee"]
    type(committee).objects.filter(pk=committee.pk).update(anonymised=True)
    name = "みどり子ども食堂の会"
    for url in (
        reverse("portal:review-committee", args=[committee.pk]),
        reviewed_object_url(committee, world["a"]),
    ):
        assert name not in _get(client, world["m1"], url).content.decode(), url
        assert name in _get(client, world["staff"], url).content.decode(), url
    summary = reverse("portal:review-summary", args=[committee.pk])
    assert name not in _get(client, world["chair"], summary).content.decode()
    assert name in _get(client, world["staff"], summary).content.decode()


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_lists__constant_queries(client: Any, world: dict[str, Any]) -> None:
    committee, programme = world["committee"], world["programme"]
    open_scoring(committee)
    pages = {
        "committee (member)": (world["m1"], reverse("portal:review-committee", args=[committee.pk])),
        "committee (staff)": (world["staff"], reverse("portal:review-committee", args=[committee.pk])),
        "summary": (world["chair"], reverse("portal:review-summary", args=[committee.pk])),
        "summary csv": (world["chair"], reverse("portal:review-summary-csv", args=[committee.pk])),
        "home": (world["staff"], reverse("portal:review-home")),
        "manage": (world["chair"], reverse("portal:review-manage", args=[committee.pk])),
    }

    def grow(n: int) -> None:
        from tests.factories.subsidies import create_application

        for _i in range(n):
            app = create_application(programme, create_group(), status="accepted")
            for member in ("m1", "m2"):
                score(world[member], committee, app, 3)

    counts = []
    for size in (1, 4):
        grow(size)
        counts.append({name: (client.force_login(user), _count(client, url))[1] for name, (user, url) in pages.items()})
    assert counts[0] == counts[1]


def test_login__committee_member_lands_on_review_home(client: Any, world: dict[str, Any], settings: Any) -> None:
    from tests.factories.portal import TEST_PASSWORD

    settings.STAFF_MFA_REQUIRED = False
    response = client.post(reverse("account_login"), {"login": world["m1"].email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("portal:review-home")


def test_scoring_open__records_the_automatic_exclusions(world: dict[str, Any]) -> None:
    """An application that came before the committee without its 除斥 being recorded:
    opening scoring records it (m3 belongs to a new applying group)."""
    from tests.factories.subsidies import create_application

    late = create_application(world["programme"], create_group(members=(world["m3"],)), status="accepted")
    assert not ConflictDeclaration.objects.filter(object_id=late.pk, member__user=world["m3"]).exists()
    open_scoring(world["committee"])
    declaration = ConflictDeclaration.objects.get(object_id=late.pk, member__user=world["m3"])
    assert declaration.automatic
