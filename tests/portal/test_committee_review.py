"""Committee review (審査会) in portal: models, services, the ranked summary and the policy.

The reviewed objects are community groups (an existing model), with a test adapter that
names the group's members as the applicants."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from groups.models import CommunityGroup
from portal.models import (
    AuditLogEntry,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    CriterionScore,
    Review,
    ReviewCommittee,
    ScoringStatus,
)
from portal.review_permissions import review_policy
from portal.review_services import (
    applicant_display_name,
    committee_create,
    committee_member_add,
    conflict_declare,
    conflicts_detect,
    ensure_can_open_reviewed,
    ranked_summary,
    ranked_summary_keys,
    register_review_adapter,
    review_save,
    reviewable_for,
    reviews_visible_to,
    score_sheet_set,
    scoring_close,
    scoring_open,
    unregister_review_adapter,
    with_member_totals,
)
from tests.factories.groups import create_group, reviewing_staff
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db

CRITERIA = [
    {"name": "公益性", "name_en": "Public benefit", "weight": 20, "max_points": 5},
    {"name": "必要性", "name_en": "Need", "weight": 20, "max_points": 5},
    {"name": "実現可能性", "name_en": "Feasibility", "weight": 20, "max_points": 5},
    {"name": "独自性・先駆性", "name_en": "Originality", "weight": 15, "max_points": 5},
    {"name": "発展性・継続性", "name_en": "Continuity", "weight": 15, "max_points": 5},
    {"name": "予算の妥当性", "name_en": "Budget", "weight": 10, "max_points": 5},
]


class GroupAdapter:
    def applicant_user_ids(self, obj: CommunityGroup) -> set[int]:
        return set(obj.memberships.values_list("user_id", flat=True))

    def applicant_name(self, obj: CommunityGroup) -> str:
        return obj.name


@pytest.fixture(autouse=True)
def _adapter() -> Any:
    register_review_adapter(CommunityGroup, GroupAdapter())
    yield
    unregister_review_adapter(CommunityGroup)


@pytest.fixture
def setup() -> dict[str, Any]:
    staff = reviewing_staff()
    chair = UserFactory()
    committee = committee_create(
        actor=staff,
        name="市民活動応援補助金審査会",
        name_en="Grant committee",
        fiscal_year=2026,
        chair=chair,
        pass_mark=60,
    )
    ends = timezone.localdate() + datetime.timedelta(days=60)
    members = [
        committee_member_add(actor=staff, committee=committee, user=UserFactory(), kind=kind, access_ends_on=ends)
        for kind in ("city_staff", "expert", "citizen")
    ]
    score_sheet_set(actor=chair, committee=committee, name="評価シート", criteria=CRITERIA)
    return {"staff": staff, "chair": chair, "committee": committee, "members": members}


def criteria_ids(committee: ReviewCommittee) -> list[int]:
    return list(Criterion.objects.filter(sheet__committee=committee).order_by("order").values_list("pk", flat=True))


def score(member: CommitteeMember, obj: Any, points: list[int], comment: str = "") -> Review:
    ids = criteria_ids(member.committee)
    return review_save(
        actor=member.user,
        committee=member.committee,
        obj=obj,
        scores={i: (p, "") for i, p in zip(ids, points, strict=True)},
        overall_comment=comment,
    )


def test_review__unique_member_and_object__database_constraint(setup: dict[str, Any]) -> None:
    group = create_group()
    scoring_open(actor=setup["chair"], committee=setup["committee"])
    review = score(setup["members"][0], group, [5, 5, 5, 5, 5, 5])
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(
            committee=review.committee,
            member=review.member,
            content_type_id=review.content_type_id,
            object_id=review.object_id,
        )


def test_review_save__edits_the_same_sheet_while_open(setup: dict[str, Any]) -> None:
    group = create_group()
    scoring_open(actor=setup["chair"], committee=setup["committee"])
    score(setup["members"][0], group, [5, 5, 5, 5, 5, 5])
    score(setup["members"][0], group, [1, 1, 1, 1, 1, 1], comment="見直し")
    review = Review.objects.get()
    assert review.overall_comment == "見直し"
    assert sorted(review.scores.values_list("score", flat=True)) == [1] * 6
    assert AuditLogEntry.objects.filter(action="portal.review.updated").count() == 1


@pytest.mark.parametrize("bad", [6, -1, "abc"])
def test_review_save__score_out_of_range__refused_and_nothing_written(setup: dict[str, Any], bad: Any) -> None:
    group = create_group()
    scoring_open(actor=setup["chair"], committee=setup["committee"])
    with pytest.raises(ValidationError):
        score(setup["members"][0], group, [bad, 5, 5, 5, 5, 5])
    assert not Review.objects.exists()


def test_criterion_score__database_check_constraint(setup: dict[str, Any]) -> None:
    group = create_group()
    scoring_open(actor=setup["chair"], committee=setup["committee"])
    review = score(setup["members"][0], group, [5, 5, 5, 5, 5, 5])
    with pytest.raises(IntegrityError), transaction.atomic():
        CriterionScore.objects.filter(review=review).update(score=101)


def test_score_sheet__weights_must_add_up_to_100(setup: dict[str, Any]) -> None:
    committee = committee_create(
        actor=setup["staff"], name="審査会", fiscal_year=2026, chair=setup["chair"], pass_mark=50
    )
    bad = [{**c, "weight": 10} for c in CRITERIA]
    with pytest.raises(ValidationError, match="60"):
        score_sheet_set(actor=setup["chair"], committee=committee, name="シート", criteria=bad)
    with pytest.raises(ValidationError):
        scoring_open(actor=setup["chair"], committee=committee)  # no sheet yet
    assert ReviewCommittee.objects.get(pk=committee.pk).scoring_status == ScoringStatus.PREPARING


def test_conflicts_detect__member_of_applying_group_excluded(setup: dict[str, Any]) -> None:
    member = setup["members"][2]
    group = create_group(members=(member.user,))
    other = create_group()
    found = conflicts_detect(committee=setup["committee"], objects=[group, other], actor=setup["staff"])
    assert [(d.member, d.automatic) for d in found] == [(member, True)]
    entry = AuditLogEntry.objects.get(action="portal.conflictdeclaration.automatic")
    assert entry.data["automatic"] is True
    scoring_open(actor=setup["chair"], committee=setup["committee"])
    with pytest.raises(PermissionDenied):
        score(member, group, [5, 5, 5, 5, 5, 5])
    with pytest.raises(Http404):
        ensure_can_open_reviewed(member.user, setup["committee"], group)
    assert ensure_can_open_reviewed(member.user, setup["committee"], other) == member


def test_review_save__adapter_excludes_even_without_a_declaration(setup: dict[str, Any]) -> None:
    member = setup["members"][1]
    group = create_group(members=(member.user,))
    scoring_open(actor=setup["chair"], committee=setup["committee"])
    with pytest.raises(PermissionDenied):
        score(member, group, [5, 5, 5, 5, 5, 5])
    assert not Review.objects.exists()


def test_conflict_declare__self_declared_with_reason_audited(setup: dict[str, Any]) -> None:
    member = setup["members"][0]
    group = create_group()
    with pytest.raises(ValidationError):
        conflict_declare(actor=member.user, committee=setup["committee"], obj=group, reason="  ")
    declaration = conflict_declare(actor=member.user, committee=setup["committee"], obj=group, reason="親族が代表")
    assert not declaration.automatic
    assert AuditLogEntry.objects.get(action="portal.conflictdeclaration.declared").data["reason"] == "親族が代表"
    with pytest.raises(PermissionDenied):
        conflict_declare(actor=UserFactory(), committee=setup["committee"], obj=group, reason="x")


def test_review_save__refused_before_open_and_after_close(setup: dict[str, Any]) -> None:
    group = create_group()
    member = setup["members"][0]
    with pytest.raises(ValidationError):
        score(member, group, [5, 5, 5, 5, 5, 5])
    scoring_open(actor=setup["chair"], committee=setup["committee"])
    score(member, group, [5, 5, 5, 5, 5, 5])
    scoring_close(actor=setup["chair"], committee=setup["committee"])
    with pytest.raises(ValidationError) as refused:
        score(member, group, [1, 1, 1, 1, 1, 1])
    assert refused.value.code == "scoring_not_open"
    assert set(Review.objects.get().scores.values_list("score", flat=True)) == {5}


def test_scoring_close__only_chair_or_city_staff_and_audited(setup: dict[str, Any]) -> None:
    committee = setup["committee"]
    scoring_open(actor=setup["chair"], committee=committee)
    with pytest.raises(PermissionDenied):
        scoring_close(actor=setup["members"][1].user, committee=committee)
    scoring_close(actor=setup["staff"], committee=committee)
    entry = AuditLogEntry.objects.get(action="portal.reviewcommittee.scoring_closed")
    assert entry.data["old"] == "scoring"
    assert entry.data["new"] == "closed"
    assert entry.data["field"] == "scoring_status"
    with pytest.raises(ValidationError):
        scoring_close(actor=setup["chair"], committee=committee)


def test_visibility__own_while_open__others_after_close__never_excluded(setup: dict[str, Any]) -> None:
    committee = setup["committee"]
    a, b, c = setup["members"]
    group = create_group()
    conflict_declare(actor=c.user, committee=committee, obj=group, reason="知人")
    scoring_open(actor=setup["chair"], committee=committee)
    mine = score(a, group, [5, 5, 5, 5, 5, 5])
    theirs = score(b, group, [3, 3, 3, 3, 3, 3])
    assert list(reviews_visible_to(a.user, committee)) == [mine]
    assert set(review_policy.visible_to(a.user)) == {mine}
    assert review_policy.can(a.user, "view", mine)
    assert not review_policy.can(a.user, "view", theirs)
    scoring_close(actor=setup["chair"], committee=committee)
    committee.refresh_from_db()
    assert set(reviews_visible_to(a.user, committee)) == {mine, theirs}
    assert set(review_policy.visible_to(UserFactory())) == set()
    # The excluded member sees none of the object's scores, before or after closing.
    assert list(reviews_visible_to(c.user, committee)) == []
    assert list(review_policy.visible_to(c.user)) == []
    assert not review_policy.can(c.user, "view", theirs)
    assert set(review_policy.visible_to(setup["chair"])) == {mine, theirs}


def test_access_end_date__member_sees_and_does_nothing_after_it(setup: dict[str, Any]) -> None:
    committee = setup["committee"]
    member = setup["members"][0]
    group = create_group()
    scoring_open(actor=setup["chair"], committee=committee)
    review = score(member, group, [5, 5, 5, 5, 5, 5])
    CommitteeMember.objects.filter(pk=member.pk).update(
        access_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        score(member, group, [4, 4, 4, 4, 4, 4])
    assert list(reviews_visible_to(member.user, committee)) == []
    fresh = type(member.user).objects.get(pk=member.user_id)
    assert not review_policy.can(fresh, "view", review)
    with pytest.raises(Http404):
        ensure_can_open_reviewed(fresh, committee, group)


def test_ranked_summary__hand_computed(setup: dict[str, Any]) -> None:
    committee = setup["committee"]
    a, b, c = setup["members"]
    strong, weak, excluded_for_c = create_group(), create_group(), create_group()
    conflict_declare(actor=c.user, committee=committee, obj=excluded_for_c, reason="役員")
    scoring_open(actor=setup["chair"], committee=committee)
    # a: (4/5)·20+(4/5)·20+(3/5)·20+(5/5)·15+(2/5)·15+(5/5)·10 = 16+16+12+15+6+10 = 75
    score(a, strong, [4, 4, 3, 5, 2, 5])
    # b: all 5 = 100; c: all 4 = 80 → average (75+100+80)/3 = 85, low 75, high 100
    score(b, strong, [5, 5, 5, 5, 5, 5])
    score(c, strong, [4, 4, 4, 4, 4, 4])
    # weak: a 2s = 40, b 3s = 60 → 50, below the pass mark of 60
    score(a, weak, [2, 2, 2, 2, 2, 2])
    score(b, weak, [3, 3, 3, 3, 3, 3])
    summary = ranked_summary(committee, [weak, excluded_for_c, strong])
    assert [s.obj for s in summary] == [strong, weak, excluded_for_c]
    top, low, none = summary
    assert (top.average, top.count, top.lowest, top.highest, top.passes) == (
        Decimal("85.00"),
        3,
        Decimal("75.00"),
        Decimal("100.00"),
        True,
    )
    assert (low.average, low.count, low.passes) == (Decimal("50.00"), 2, False)
    assert (none.average, none.count, none.passes) == (None, 0, False)


def test_ranked_summary__excluded_member_left_out_and_outlier_flagged(setup: dict[str, Any]) -> None:
    committee = setup["committee"]
    a, b, c = setup["members"]
    group = create_group()
    scoring_open(actor=setup["chair"], committee=committee)
    score(a, group, [4, 4, 4, 4, 4, 4])  # 80
    score(b, group, [4, 4, 4, 4, 4, 4])  # 80
    score(c, group, [1, 1, 1, 1, 1, 1])  # 20: 60 from the median of 80
    [row] = ranked_summary(committee, [group])
    assert {t.member_id: t.outlier for t in row.totals} == {a.pk: False, b.pk: False, c.pk: True}
    assert row.average == Decimal("60.00")
    # c then declares a conflict: their sheet no longer counts.
    conflict_declare(actor=c.user, committee=committee, obj=group, reason="後から判明")
    [row] = ranked_summary(committee, [group])
    assert (row.average, row.count, row.has_outliers) == (Decimal("80.00"), 2, False)


def test_ranked_summary__constant_queries(setup: dict[str, Any], django_assert_num_queries: Any) -> None:
    committee = setup["committee"]
    groups = [create_group() for _ in range(5)]
    scoring_open(actor=setup["chair"], committee=committee)
    for group in groups:
        for member in setup["members"]:
            score(member, group, [3, 4, 5, 3, 4, 5])
    conflict_declare(actor=setup["members"][0].user, committee=committee, obj=groups[0], reason="x")
    for size in (1, 5):
        with django_assert_num_queries(1):
            ranked_summary(committee, groups[:size])


def test_ranked_summary_keys__same_summaries_as_ranked_summary(
    setup: dict[str, Any], django_assert_num_queries: Any
) -> None:
    """The database's averages (ranked_summary_keys) and the per-member totals of a
    page's rows (with_member_totals) give what ranked_summary gives, in the same order
    (ties in the queryset's order), excluded members left out, in constant queries."""
    committee = setup["committee"]
    a, b, c = setup["members"]
    groups = [create_group() for _ in range(6)]
    scoring_open(actor=setup["chair"], committee=committee)
    score(a, groups[0], [4, 4, 4, 4, 4, 4])  # 80
    score(b, groups[0], [4, 4, 4, 4, 4, 4])  # 80
    score(c, groups[0], [1, 1, 1, 1, 1, 1])  # 20: an outlier; average 60
    score(a, groups[1], [3, 3, 3, 3, 3, 3])  # 60: a tie with groups[0], which comes first
    score(a, groups[2], [5, 5, 5, 5, 5, 5])  # 100, but a declares a conflict
    score(b, groups[2], [2, 2, 2, 2, 2, 2])  # 40
    score(a, groups[4], [5, 4, 5, 4, 5, 4])
    score(b, groups[4], [4, 5, 4, 5, 4, 5])  # groups[3] and [5] not scored
    conflict_declare(actor=a.user, committee=committee, obj=groups[2], reason="x")
    expected = ranked_summary(committee, groups)
    assert [s.obj for s in expected[:3]] == [groups[4], groups[0], groups[1]]
    queryset = CommunityGroup.objects.filter(pk__in=[g.pk for g in groups]).order_by("pk")
    for size in (2, 6):
        with django_assert_num_queries(3):
            ranked = ranked_summary_keys(committee, [queryset.filter(pk__in=[g.pk for g in groups[:size]])])
            with_member_totals(committee, ranked[:2])
    ranked = ranked_summary_keys(committee, [queryset, queryset.filter(pk=groups[0].pk)])
    assert (len(ranked), ranked.passing) == (6, 3)  # an object in two querysets counts once
    keyed = ranked[:]
    with_member_totals(committee, keyed)
    assert ranked[-1].obj == keyed[-1].obj
    assert ranked[1].average == keyed[1].average
    by_pk = {g.pk: g for g in groups}
    assert [(by_pk[s.obj[1]], s.average, s.count, s.lowest, s.highest, s.passes, s.totals) for s in keyed] == [
        (s.obj, s.average, s.count, s.lowest, s.highest, s.passes, s.totals) for s in expected
    ]
    assert keyed[1].has_outliers
    assert keyed[1].totals[-1].member_id == c.pk


def test_applicant_display_name__hidden_when_anonymised(setup: dict[str, Any]) -> None:
    group = create_group()
    committee = setup["committee"]
    assert applicant_display_name(committee=committee, obj=group) == group.name
    committee.anonymised = True
    assert group.name not in applicant_display_name(committee=committee, obj=group)


def test_committee_member_add__city_staff_or_chair_only_and_unique(setup: dict[str, Any]) -> None:
    committee = setup["committee"]
    ends = timezone.localdate()
    with pytest.raises(PermissionDenied):
        committee_member_add(
            actor=setup["members"][0].user, committee=committee, user=UserFactory(), kind="citizen", access_ends_on=ends
        )
    with pytest.raises(ValidationError):
        committee_member_add(
            actor=setup["chair"],
            committee=committee,
            user=setup["members"][0].user,
            kind="citizen",
            access_ends_on=ends,
        )
    with pytest.raises(PermissionDenied):
        committee_create(actor=UserFactory(), name="x", fiscal_year=2026, chair=setup["chair"])
    assert ConflictDeclaration.objects.count() == 0


def test_reviewable_for__excluded_objects_left_out_of_lists(setup: dict[str, Any]) -> None:
    committee = setup["committee"]
    member = setup["members"][2]
    mine, other = create_group(members=(member.user,)), create_group()
    conflicts_detect(committee=committee, objects=[mine, other])
    qs = CommunityGroup.objects.filter(pk__in=[mine.pk, other.pk])
    assert list(reviewable_for(member.user, committee, qs)) == [other]
    assert set(reviewable_for(setup["chair"], committee, qs)) == {mine, other}
    assert list(reviewable_for(UserFactory(), committee, qs)) == []


def test_objects_q__thousands_of_objects__one_flat_condition() -> None:
    """One OR per object would pass SQLite's expression-depth limit (1,000) well before
    a year's applications; the condition stays one IN list per content type."""
    from portal.models_review import Review
    from portal.review_services import objects_q

    keys = [(1, n) for n in range(1, 3001)] + [(2, 7)]
    condition = objects_q(keys)
    assert len(condition.children) == 3  # the empty start, and one per content type
    assert Review.objects.filter(condition).count() == 0


def test_review_save__stores_the_weighted_total_the_summary_reads(setup: dict[str, Any]) -> None:
    """The summary reads `Review.total`; it is the weighted total of the saved scores."""
    from portal.models_review import Review
    from portal.review_services import weighted_total

    committee = setup["committee"]
    group = create_group()
    scoring_open(actor=setup["chair"], committee=committee)
    member = setup["members"][0]
    score(member, group, [3, 4, 5, 3, 4, 5])
    review = Review.objects.get(member=member)
    assert review.total == weighted_total(review.scores.select_related("criterion"))
    assert review.total > 0
    summary = ranked_summary(committee, [group])[0]
    assert summary.totals[0].total == review.total
