"""Permission policy for committee reviews (`portal.policies`): who may read which
`Review` rows, from one rule that gives both the queryset and the per-object check.

- the chair of the committee and city staff: every review of the committee;
- a member whose access has not ended: their own reviews while scoring is open,
  everyone's once it has closed — never on an object they are excluded from (除斥),
  which is then not found (404);
- anyone else: nothing.

Reviewed objects' pages use `portal.review_services.ensure_can_open_reviewed` (404 for
an excluded member), which also asks the adapter, so a 除斥 not yet recorded counts too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

from portal.models_review import CommitteeMember, ConflictDeclaration, Review, ReviewCommittee, ScoringStatus
from portal.permissions import is_city_staff
from portal.policies import EVERYTHING, NOTHING, AllOf, AnyOf, PermissionPolicy, Rule, Where, user_fact

__all__ = ["ReviewPolicy", "review_policy"]


@dataclass(frozen=True)
class NotExcluded(Rule):
    """The review's (committee, object) is not among the user's 除斥 declarations."""

    triples: frozenset[tuple[int, int, int]]

    def q(self) -> models.Q:
        excluded = models.Q(pk__in=[])
        for committee_id, ct_id, obj_id in sorted(self.triples):
            excluded |= models.Q(committee_id=committee_id, content_type_id=ct_id, object_id=obj_id)
        return ~excluded

    def test(self, obj: Any) -> bool:
        return (obj.committee_id, obj.content_type_id, obj.object_id) not in self.triples


def _active_committee_ids(user: Any) -> set[int]:
    def load() -> set[int]:
        today = timezone.localdate()
        return set(
            CommitteeMember.objects.filter(user=user, access_ends_on__gte=today).values_list("committee_id", flat=True)
        )

    return user_fact(user, "review_committee_ids", load)


def _chaired_committee_ids(user: Any) -> set[int]:
    return user_fact(
        user,
        "chaired_committee_ids",
        lambda: set(ReviewCommittee.objects.filter(chair=user).values_list("pk", flat=True)),
    )


def _excluded_triples(user: Any) -> frozenset[tuple[int, int, int]]:
    return user_fact(
        user,
        "review_excluded",
        lambda: frozenset(
            ConflictDeclaration.objects.filter(member__user=user).values_list(
                "member__committee_id", "content_type_id", "object_id"
            )
        ),
    )


class ReviewPolicy(PermissionPolicy[Review]):
    model = Review
    actions = ("view",)

    def base_queryset(self) -> models.QuerySet[Review]:
        return Review.objects.select_related("committee", "member")

    def rule(self, user: Any, action: str) -> Rule:
        if not getattr(user, "is_authenticated", False):
            return NOTHING
        excluded = _excluded_triples(user)
        if is_city_staff(user):
            base: Rule = EVERYTHING
        else:
            chaired = Where("committee_id", "in", _chaired_committee_ids(user))
            member = AllOf.of(
                Where("committee_id", "in", _active_committee_ids(user)),
                Where("member__user_id", "exact", user.pk)
                | Where("committee__scoring_status", "exact", ScoringStatus.CLOSED),
            )
            base = AnyOf.of(chaired, member)
        return AllOf.of(base, NotExcluded(excluded)) if excluded else base


review_policy = ReviewPolicy()
