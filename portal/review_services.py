"""Committee review: the adapter registry, the services (writes) and the selectors.

An app whose objects are reviewed registers an adapter for the model::

    register_review_adapter(SubsidyApplication, SubsidyReviewAdapter())

`applicant_user_ids(obj)` gives the users who belong to the applying group (a committee
member among them is excluded automatically, 除斥); `applicant_name(obj)` the name shown
to members unless the committee reviews anonymously.

Rules:
- automatic 除斥 is recorded by `conflicts_detect`: the using app calls it when objects
  come before the committee, and `scoring_open` and `committee_member_add` call it on
  every object the adapters list (`objects_for`);
- only members whose access has not ended act; scores are saved only while scoring is
  open and stay editable until it closes; never on an object the member is excluded from;
- while scoring is open a member sees only their own reviews; after closing, everyone's,
  except on objects the member is excluded from;
- `ranked_summary` averages the weighted totals (out of 100) of the members who scored,
  leaving excluded members out, and flags a member's total as an outlier when it lies more
  than `OUTLIER_DISTANCE` (20) points from the median of the object's totals.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Protocol, overload

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.functions import Cast, Floor, Round
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log
from portal.models_review import (
    CommitteeMember,
    CommitteeMemberKind,
    ConflictDeclaration,
    Criterion,
    CriterionScore,
    Review,
    ReviewCommittee,
    ScoreSheet,
    ScoringStatus,
)
from portal.permissions import ensure_city_staff, is_city_staff
from portal.workflow import transition

if TYPE_CHECKING:
    from portal.models import User

OUTLIER_DISTANCE = Decimal(20)
_CENT = Decimal("0.01")


# --- Adapters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFile:
    """An attachment a reviewer may open: its name and the (permission-checked) address."""

    name: str
    url: str


class ReviewAdapter(Protocol):
    """What an app tells the generic review pages (`portal.review_views`) about its objects.

    - `applicant_user_ids(obj)`: the users of the applying party (automatic 除斥);
    - `applicant_name(obj)`: the applicant's name (hidden when the committee is anonymised);
    - `objects_for(committee)`: the objects the committee reviews, with what lists show
      (`select_related`), ordered;
    - `object_title(obj)`: what the object is about (a project title), safe to show to
      members of an anonymised committee;
    - `summary_template`: a template rendering what a reviewer reads of one object,
      given `obj`, `anonymised`, `applicant_name` and `files`;
    - `files(obj)`: its attachments (`ReviewFile`);
    - optionally `staff_url(obj, user)`: the address of the object's own staff page when
      `user` may open it, else None (the review object page links to it);
    - optionally `for_summary(queryset)`: `objects_for`'s queryset narrowed to what
      `applicant_name` and `object_title` read (the ranked summary loads its rows so).
    """

    summary_template: str

    def applicant_user_ids(self, obj: Any) -> Collection[int]: ...

    def applicant_name(self, obj: Any) -> str: ...

    def objects_for(self, committee: ReviewCommittee) -> models.QuerySet[Any]: ...

    def object_title(self, obj: Any) -> str: ...

    def files(self, obj: Any) -> list[ReviewFile]: ...


_ADAPTERS: dict[type[models.Model], ReviewAdapter] = {}


def register_review_adapter(model: type[models.Model], adapter: ReviewAdapter) -> None:
    _ADAPTERS[model] = adapter


def unregister_review_adapter(model: type[models.Model]) -> None:
    _ADAPTERS.pop(model, None)


def adapter_for(obj: Any) -> ReviewAdapter:
    model = obj if isinstance(obj, type) else type(obj)
    model = model._meta.concrete_model
    if model not in _ADAPTERS:
        msg = f"No review adapter is registered for {model._meta.label}."
        raise LookupError(msg)
    return _ADAPTERS[model]


def registered_models() -> list[type[models.Model]]:
    """The models with a review adapter, in registration order."""
    return list(_ADAPTERS)


def reviewed_querysets(committee: ReviewCommittee) -> list[models.QuerySet[Any]]:
    """The objects the committee reviews, one queryset per registered adapter (an
    adapter without `objects_for` reviews nothing on the generic pages)."""
    found = []
    for adapter in _ADAPTERS.values():
        objects_for = getattr(adapter, "objects_for", None)
        if objects_for is not None:
            found.append(objects_for(committee))
    return found


def _reviewed_objects(committee: ReviewCommittee) -> list[Any]:
    return [obj for queryset in reviewed_querysets(committee) for obj in queryset]


def reviewed_object_url(committee: ReviewCommittee, obj: Any) -> str:
    """The address of the object's review page (`portal:review-object`)."""
    ct_id, obj_id = _key(obj)
    return reverse("portal:review-object", args=[committee.pk, ct_id, obj_id])


def staff_object_url(obj: Any, user: Any) -> str | None:
    """The object's staff page in its own app, for a user allowed there (the adapter's
    optional `staff_url`); None otherwise."""
    staff_url = getattr(adapter_for(obj), "staff_url", None)
    return staff_url(obj, user) if staff_url is not None else None


def applicant_display_name(*, committee: ReviewCommittee, obj: Any) -> str:
    """The applicant's name, or a neutral label when the committee reviews anonymously."""
    if committee.anonymised:
        return _("Applicant no. %(number)s") % {"number": obj.pk}
    return adapter_for(obj).applicant_name(obj)


# --- Membership, access and exclusion ---------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def member_for(user: Any, committee: ReviewCommittee) -> CommitteeMember | None:
    """The user's membership of the committee while their access lasts, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return CommitteeMember.objects.filter(committee=committee, user=user, access_ends_on__gte=_today()).first()


def _key(obj: Any) -> tuple[int, int]:
    return ContentType.objects.get_for_model(obj).pk, int(obj.pk)


def is_excluded(member: CommitteeMember, obj: Any) -> bool:
    """除斥: a declaration on record, or the member is one of the applicants (adapter)."""
    ct_id, obj_id = _key(obj)
    if ConflictDeclaration.objects.filter(member=member, content_type_id=ct_id, object_id=obj_id).exists():
        return True
    return member.user_id in set(adapter_for(obj).applicant_user_ids(obj))


def can_manage_committee(user: Any, committee: ReviewCommittee) -> bool:
    """The chair, or city staff."""
    return bool(getattr(user, "is_authenticated", False)) and (committee.chair_id == user.pk or is_city_staff(user))


def ensure_can_open_reviewed(user: Any, committee: ReviewCommittee, obj: Any) -> CommitteeMember | None:
    """Fetch-and-authorise for a reviewed object's review page and its scores: 404 for an
    excluded member, a member whose access ended, or anyone outside the committee; the
    member (or None for the chair and city staff who are not members)."""
    member = member_for(user, committee)
    if member is not None:
        if is_excluded(member, obj):
            raise Http404
        return member
    if can_manage_committee(user, committee):
        return None
    raise Http404


def reviewable_for(user: Any, committee: ReviewCommittee, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """The objects of `queryset` the user may open as a reviewer of the committee: for a
    member, all but those they are excluded from (recorded 除斥); everything for the
    chair and city staff who are not members; nothing for anyone else. List pages use
    it; a single object's page uses `ensure_can_open_reviewed`."""
    member = member_for(user, committee)
    if member is None:
        return queryset if can_manage_committee(user, committee) else queryset.none()
    ct = ContentType.objects.get_for_model(queryset.model)
    excluded = ConflictDeclaration.objects.filter(member=member, content_type=ct).values("object_id")
    return queryset.exclude(pk__in=excluded)


# --- Committee management ---------------------------------------------------------------


@transaction.atomic
def committee_create(
    *,
    actor: User,
    name: str,
    name_en: str = "",
    fiscal_year: int,
    chair: User,
    anonymised: bool = False,
    pass_mark: int = 60,
) -> ReviewCommittee:
    ensure_city_staff(actor)
    committee = ReviewCommittee(
        name=name, name_en=name_en, fiscal_year=fiscal_year, chair=chair, anonymised=anonymised, pass_mark=pass_mark
    )
    committee.full_clean()
    committee.save()
    audit_log(
        actor=actor,
        action="portal.reviewcommittee.created",
        target=committee,
        data={"chair": chair.pk, "pass_mark": pass_mark, "anonymised": anonymised},
    )
    return committee


@transaction.atomic
def committee_member_add(
    *, actor: User, committee: ReviewCommittee, user: User, kind: str, access_ends_on: datetime.date
) -> CommitteeMember:
    if not can_manage_committee(actor, committee):
        raise PermissionDenied
    if CommitteeMember.objects.filter(committee=committee, user=user).exists():
        raise ValidationError(_("This person is already a member of the committee."), code="duplicate")
    member = CommitteeMember(committee=committee, user=user, kind=kind, access_ends_on=access_ends_on)
    member.full_clean()
    member.save()
    audit_log(
        actor=actor,
        action="portal.committeemember.added",
        target=member,
        data={"kind": kind, "access_ends_on": access_ends_on.isoformat()},
    )
    conflicts_detect(committee=committee, objects=_reviewed_objects(committee), actor=actor)
    return member


@transaction.atomic
def score_sheet_set(
    *, actor: User, committee: ReviewCommittee, name: str, name_en: str = "", criteria: Iterable[Mapping[str, Any]]
) -> ScoreSheet:
    """Write the committee's score sheet (replacing its criteria) while scoring has not opened."""
    committee = ReviewCommittee.objects.select_for_update().get(pk=committee.pk)
    if not can_manage_committee(actor, committee):
        raise PermissionDenied
    if committee.scoring_status != ScoringStatus.PREPARING:
        raise ValidationError(_("The score sheet cannot change once scoring has opened."), code="scoring_started")
    rows = [Criterion(order=i, **dict(c)) for i, c in enumerate(criteria)]
    errors = ScoreSheet.weight_errors(rows)
    if errors:
        raise ValidationError(errors, code="weights")
    sheet, _created = ScoreSheet.objects.update_or_create(
        committee=committee, defaults={"name": name, "name_en": name_en}
    )
    sheet.criteria.all().delete()
    for row in rows:
        row.sheet = sheet
        row.full_clean()
    Criterion.objects.bulk_create(rows)
    audit_log(
        actor=actor,
        action="portal.scoresheet.saved",
        target=sheet,
        data={"criteria": [{"name": r.name, "weight": r.weight, "max_points": r.max_points} for r in rows]},
    )
    return sheet


@transaction.atomic
def scoring_open(*, actor: User, committee: ReviewCommittee, expected_status: str | None = None) -> ReviewCommittee:
    if not can_manage_committee(actor, committee):
        raise PermissionDenied
    sheet = ScoreSheet.objects.filter(committee=committee).first()
    errors = ScoreSheet.weight_errors(list(sheet.criteria.all()) if sheet else [])
    if errors:
        raise ValidationError(errors, code="weights")
    transition(committee, ScoringStatus.SCORING, actor=actor, field="scoring_status", expected=expected_status)
    # Record every member's automatic 除斥 before anyone scores.
    conflicts_detect(committee=committee, objects=_reviewed_objects(committee), actor=actor)
    return committee


@transaction.atomic
def scoring_close(*, actor: User, committee: ReviewCommittee, expected_status: str | None = None) -> ReviewCommittee:
    """The chair or city staff close scoring: scores are final and members see each other's."""
    if not can_manage_committee(actor, committee):
        raise PermissionDenied
    transition(committee, ScoringStatus.CLOSED, actor=actor, field="scoring_status", expected=expected_status)
    return committee


# --- 除斥 ---------------------------------------------------------------------------------


def _declare(
    *, member: CommitteeMember, obj: Any, reason: str, automatic: bool, actor: User | None
) -> ConflictDeclaration:
    ct_id, obj_id = _key(obj)
    declaration, created = ConflictDeclaration.objects.get_or_create(
        member=member,
        content_type_id=ct_id,
        object_id=obj_id,
        defaults={"reason": reason, "automatic": automatic},
    )
    if created:
        audit_log(
            actor=actor,
            action="portal.conflictdeclaration.automatic" if automatic else "portal.conflictdeclaration.declared",
            target=declaration,
            data={"member": member.pk, "object": f"{ct_id}:{obj_id}", "reason": reason, "automatic": automatic},
        )
    return declaration


@transaction.atomic
def conflict_declare(*, actor: User, committee: ReviewCommittee, obj: Any, reason: str) -> ConflictDeclaration:
    """A member declares a conflict of interest on `obj` themselves, with a reason."""
    member = member_for(actor, committee)
    if member is None:
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the conflict of interest.")}, code="required")
    return _declare(member=member, obj=obj, reason=reason, automatic=False, actor=actor)


@transaction.atomic
def conflicts_detect(
    *, committee: ReviewCommittee, objects: Iterable[Any], actor: User | None = None
) -> list[ConflictDeclaration]:
    """Record the automatic 除斥 of every member who belongs to an applicant (through the
    adapter); the using app calls it when objects come before the committee."""
    members = list(CommitteeMember.objects.filter(committee=committee))
    found = []
    for obj in objects:
        applicants = set(adapter_for(obj).applicant_user_ids(obj))
        for member in members:
            if member.user_id in applicants:
                reason = _("Belongs to the applying group.")
                found.append(_declare(member=member, obj=obj, reason=reason, automatic=True, actor=actor))
    return found


# --- Scores -------------------------------------------------------------------------------


@transaction.atomic
def review_save(
    *,
    actor: User,
    committee: ReviewCommittee,
    obj: Any,
    scores: Mapping[int, tuple[int, str]],
    overall_comment: str = "",
) -> Review:
    """Save the actor's score sheet for `obj`: `scores` maps each criterion id to
    (score, comment); every criterion must be scored."""
    committee = ReviewCommittee.objects.select_for_update().get(pk=committee.pk)
    member = member_for(actor, committee)
    if member is None:
        raise PermissionDenied
    if is_excluded(member, obj):
        raise PermissionDenied
    if committee.scoring_status != ScoringStatus.SCORING:
        raise ValidationError(_("Scores can be given only while scoring is open."), code="scoring_not_open")
    criteria = {c.pk: c for c in Criterion.objects.filter(sheet__committee=committee)}
    if set(scores) != set(criteria):
        raise ValidationError(_("Score every criterion of the score sheet."), code="incomplete")
    ct_id, obj_id = _key(obj)
    review, created = Review.objects.select_for_update().get_or_create(
        member=member,
        content_type_id=ct_id,
        object_id=obj_id,
        defaults={"committee": committee, "overall_comment": overall_comment},
    )
    old = {s.criterion_id: s.score for s in review.scores.all()}
    rows = []
    errors: list[ValidationError] = []
    for criterion_id, (score, comment) in scores.items():
        row = CriterionScore(review=review, criterion=criteria[criterion_id], score=score, comment=comment)
        try:
            row.full_clean(exclude=["review"], validate_unique=False)
        except ValidationError as error:
            errors.append(error)
        rows.append(row)
    if errors:
        raise ValidationError([m for e in errors for m in e.messages], code="score_range")
    review.overall_comment = overall_comment
    review.total = weighted_total(rows)
    review.save(update_fields=["overall_comment", "total", "updated_at"])
    review.scores.all().delete()
    CriterionScore.objects.bulk_create(rows)
    audit_log(
        actor=actor,
        action="portal.review.created" if created else "portal.review.updated",
        target=review,
        data={"old": {str(k): v for k, v in old.items()}, "new": {str(k): v[0] for k, v in scores.items()}},
    )
    return review


# --- Reading ------------------------------------------------------------------------------


def objects_q(keys: Iterable[tuple[int, int]], prefix: str = "") -> models.Q:
    """Rows about any of the (content type id, object id) keys: one `object_id IN (…)`
    per content type, so that thousands of objects make a flat condition (SQLite refuses
    an expression tree more than 1,000 deep, which one OR per object would make)."""
    by_type: dict[int, list[int]] = defaultdict(list)
    for ct_id, obj_id in keys:
        by_type[ct_id].append(obj_id)
    condition = models.Q(pk__in=[])
    for ct_id, ids in sorted(by_type.items()):
        condition |= models.Q(**{f"{prefix}content_type_id": ct_id, f"{prefix}object_id__in": sorted(ids)})
    return condition


def weighted_total(scores: Iterable[CriterionScore]) -> Decimal:
    """Σ score / max × weight, out of 100 (weights sum to 100), to two decimals."""
    total = sum((Decimal(s.score) * s.criterion.weight / s.criterion.max_points for s in scores), Decimal(0))
    return total.quantize(_CENT, rounding=ROUND_HALF_UP)


def reviews_visible_to(user: Any, committee: ReviewCommittee) -> models.QuerySet[Review]:
    """Reviews the user may read: while scoring is open a member sees only their own;
    after closing, everyone's except on objects they are excluded from. The chair and
    city staff see all; anyone else nothing."""
    qs = Review.objects.filter(committee=committee)
    member = member_for(user, committee)
    if member is None:
        return qs if can_manage_committee(user, committee) else qs.none()
    if committee.scoring_status != ScoringStatus.CLOSED:
        return qs.filter(member=member)
    excluded = ConflictDeclaration.objects.filter(member=member).values_list("content_type_id", "object_id")
    return qs.exclude(objects_q(excluded))


@dataclass
class MemberTotal:
    member_id: int
    total: Decimal
    outlier: bool = False


@dataclass
class ObjectSummary:
    obj: Any
    average: Decimal | None
    count: int
    lowest: Decimal | None
    highest: Decimal | None
    passes: bool
    totals: list[MemberTotal] = field(default_factory=list)

    @property
    def has_outliers(self) -> bool:
        return any(t.outlier for t in self.totals)


def ranked_summary(committee: ReviewCommittee, objects: Iterable[Any]) -> list[ObjectSummary]:
    """Per object, best first: the average weighted total out of 100 over the members
    who scored (excluded members left out), how many scored, the lowest and highest
    total, whether it reaches the pass mark, and each member's total flagged as an
    outlier when more than OUTLIER_DISTANCE points from the median. One query: the
    stored `Review.total` of the given objects' reviews, excluded members left out by
    the database."""
    by_key = {_key(obj): obj for obj in objects}
    if not by_key:
        return []
    totals = _member_totals(committee, by_key)
    summaries = []
    for key, obj in by_key.items():
        rows = totals.get(key, [])
        values = [t.total for t in rows]
        summary = _summary(committee, obj, sum(values, Decimal(0)), len(values), values)
        summary.totals = rows
        summaries.append(summary)
    return _best_first(summaries)


class RankedSummaries(Sequence[ObjectSummary]):
    """The summaries of `ranked_summary_keys`, best first, made only for the rows asked
    for (a page's slice): each one's `obj` is the object's (content type id, object id)
    key, with its average, count and pass; `with_member_totals` adds the lowest and
    highest total and each member's total. Holds one small row per object, so that a
    year of thousands of applications ranks without a summary object per application."""

    def __init__(self, committee: ReviewCommittee, rows: list[tuple[tuple[int, int], int | None, int]]) -> None:
        self.committee = committee
        self._rows = rows  # (key, average in hundredths or None, count), best first

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> ObjectSummary: ...

    @overload
    def __getitem__(self, index: slice) -> list[ObjectSummary]: ...

    def __getitem__(self, index: int | slice) -> ObjectSummary | list[ObjectSummary]:
        if isinstance(index, slice):
            return [self._summary(row) for row in self._rows[index]]
        return self._summary(self._rows[index])

    @property
    def passing(self) -> int:
        """How many reach the committee's pass mark."""
        mark = self.committee.pass_mark * 100
        return sum(1 for _key, cents, _count in self._rows if cents is not None and cents >= mark)

    def _summary(self, row: tuple[tuple[int, int], int | None, int]) -> ObjectSummary:
        key, cents, count = row
        average = None if cents is None else Decimal(cents).scaleb(-2)
        return ObjectSummary(
            obj=key,
            average=average,
            count=count,
            lowest=None,
            highest=None,
            passes=average is not None and average >= self.committee.pass_mark,
        )


def ranked_summary_keys(committee: ReviewCommittee, querysets: Iterable[models.QuerySet[Any]]) -> RankedSummaries:
    """`ranked_summary` of whole querysets (e.g. `reviewed_querysets`) without loading
    their objects or reviews: the same order, averages, counts and passes, as summaries
    keyed by (content type id, object id) (`RankedSummaries`). One query per queryset
    for its keys, in its order, and one for every object's average and count, which the
    database works out (excluded members left out); a paginated page then loads only its
    own rows' objects (`reviewed_objects_by_key`) and members' totals (`with_member_totals`)."""
    scorers = models.Count("pk")
    # The average to the hundredth, half up, as a whole number of hundredths: exactly
    # `ranked_summary`'s Decimal average (totals have two decimals and are never negative).
    hundredths = Cast(Floor((Round(models.Sum("total") * 200) + scorers) / (scorers * 2)), models.IntegerField())
    keys = [
        (ContentType.objects.get_for_model(queryset.model).pk, list(queryset.values_list("pk", flat=True)))
        for queryset in querysets
    ]
    if not any(pks for _ct_id, pks in keys):
        return RankedSummaries(committee, [])
    stats: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for ct_id, obj_id, cents, count in (
        _counted_reviews(committee)
        .values_list("content_type_id", "object_id")
        .annotate(hundredths=hundredths, scorers=scorers)
        .order_by()
    ):
        stats[ct_id][obj_id] = (cents, count)
    ranked: list[tuple[tuple[int, int], int | None, int]] = []
    seen: dict[int, set[int]] = defaultdict(set)
    for ct_id, pks in keys:
        scored, done = stats.get(ct_id, {}), seen[ct_id]
        for pk in pks:
            if pk not in done:  # an object in two querysets is ranked once
                done.add(pk)
                ranked.append(((ct_id, pk), *scored.get(pk, (None, 0))))
    # Highest average first, the unscored last; ties keep the querysets' order.
    ranked.sort(key=lambda row: 1 if row[1] is None else -row[1])
    return RankedSummaries(committee, ranked)


def reviewed_objects_by_key(committee: ReviewCommittee, keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], Any]:
    """The committee's reviewed objects with the given keys, loaded through the
    adapters' querysets (one query per content type), for the ranked summary's rows:
    narrowed by the adapter's optional `for_summary(queryset)` to what
    `applicant_name` and `object_title` read."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for ct_id, obj_id in keys:
        wanted[ct_id].add(obj_id)
    found = {}
    for queryset in reviewed_querysets(committee):
        ct_id = ContentType.objects.get_for_model(queryset.model).pk
        if wanted.get(ct_id):
            for_summary = getattr(adapter_for(queryset.model), "for_summary", None)
            narrowed = for_summary(queryset) if for_summary is not None else queryset
            for pk, obj in narrowed.in_bulk(sorted(wanted[ct_id])).items():
                found[(ct_id, int(pk))] = obj
    return found


def with_member_totals(committee: ReviewCommittee, summaries: Iterable[ObjectSummary]) -> None:
    """Fill in, on summaries of `ranked_summary_keys` (the rows a page draws), the
    lowest and highest total and each member's total, outliers flagged: one query for
    all of them."""
    summaries = list(summaries)
    if not summaries:
        return
    totals = _member_totals(committee, {s.obj: s.obj for s in summaries})
    for summary in summaries:
        summary.totals = totals.get(summary.obj, [])
        values = [t.total for t in summary.totals]
        summary.lowest = min(values) if values else None
        summary.highest = max(values) if values else None


def _counted_reviews(committee: ReviewCommittee) -> models.QuerySet[Review]:
    """The committee's reviews that count: those of members not excluded (除斥) from the object."""
    conflict = ConflictDeclaration.objects.filter(
        member_id=models.OuterRef("member_id"),
        content_type_id=models.OuterRef("content_type_id"),
        object_id=models.OuterRef("object_id"),
    )
    return Review.objects.filter(committee=committee).exclude(models.Exists(conflict))


def _member_totals(
    committee: ReviewCommittee, by_key: Mapping[tuple[int, int], Any]
) -> dict[tuple[int, int], list[MemberTotal]]:
    """Per object key, the totals of the members who count, in the order they were first
    saved, each flagged when more than OUTLIER_DISTANCE from the median of the object's."""
    totals: dict[tuple[int, int], list[MemberTotal]] = defaultdict(list)
    reviews = (
        _counted_reviews(committee)
        .filter(objects_q(by_key))
        .values_list("member_id", "content_type_id", "object_id", "total")
        .order_by("pk")
    )
    for member_id, ct_id, obj_id, total in reviews:
        if (ct_id, obj_id) in by_key:
            totals[(ct_id, obj_id)].append(MemberTotal(member_id, total))
    for rows in totals.values():
        if len(rows) >= 2:
            median = Decimal(statistics.median(t.total for t in rows))
            for t in rows:
                t.outlier = abs(t.total - median) > OUTLIER_DISTANCE
    return totals


def _summary(
    committee: ReviewCommittee, obj: Any, points: Decimal, count: int, values: Iterable[Decimal]
) -> ObjectSummary:
    average = (Decimal(points) / count).quantize(_CENT, rounding=ROUND_HALF_UP) if count else None
    values = list(values)
    return ObjectSummary(
        obj=obj,
        average=average,
        count=count,
        lowest=min(values) if values else None,
        highest=max(values) if values else None,
        passes=average is not None and average >= committee.pass_mark,
    )


def _best_first(summaries: list[ObjectSummary]) -> list[ObjectSummary]:
    """Highest average first, the unscored last; ties keep the given order."""
    summaries.sort(key=lambda s: (s.average is None, -(s.average or 0)))
    return summaries


def criterion_averages(committee: ReviewCommittee, objects: Iterable[Any]) -> dict[tuple[int, int], dict[int, Decimal]]:
    """Per object key (content type id, object id), each criterion's average score (in
    the criterion's own points, to two decimals) over the members who scored, excluded
    members left out: for publishing results without naming anyone. One query, summed
    by the database per object and criterion."""
    keys = {_key(obj) for obj in objects}
    if not keys:
        return {}
    conflict = ConflictDeclaration.objects.filter(
        member_id=models.OuterRef("review__member_id"),
        content_type_id=models.OuterRef("review__content_type_id"),
        object_id=models.OuterRef("review__object_id"),
    )
    rows = (
        CriterionScore.objects.filter(review__committee=committee)
        .exclude(models.Exists(conflict))
        .values_list("review__content_type_id", "review__object_id", "criterion_id")
        .annotate(points=models.Sum("score"), scorers=models.Count("pk"))
        .order_by()
    )
    averages: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    for ct_id, obj_id, criterion_id, points, scorers in rows:
        if (ct_id, obj_id) in keys:
            averages[(ct_id, obj_id)][criterion_id] = (Decimal(points) / scorers).quantize(
                _CENT, rounding=ROUND_HALF_UP
            )
    return dict(averages)


__all__ = [
    "OUTLIER_DISTANCE",
    "CommitteeMemberKind",
    "ObjectSummary",
    "RankedSummaries",
    "ReviewAdapter",
    "ReviewFile",
    "adapter_for",
    "applicant_display_name",
    "can_manage_committee",
    "committee_create",
    "committee_member_add",
    "conflict_declare",
    "conflicts_detect",
    "criterion_averages",
    "ensure_can_open_reviewed",
    "is_excluded",
    "member_for",
    "ranked_summary",
    "ranked_summary_keys",
    "register_review_adapter",
    "registered_models",
    "review_save",
    "reviewable_for",
    "reviewed_object_url",
    "reviewed_objects_by_key",
    "reviewed_querysets",
    "reviews_visible_to",
    "score_sheet_set",
    "scoring_close",
    "scoring_open",
    "staff_object_url",
    "unregister_review_adapter",
    "weighted_total",
    "with_member_totals",
]
