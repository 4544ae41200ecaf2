"""The committee-review pages (審査), written once for any app with things to review.

Nothing here knows what is reviewed: each app registers an adapter
(`portal.review_services.ReviewAdapter`) that gives the objects a committee reviews,
their titles, the template a reviewer reads and their files.

- `/review/`: my committees (active member or chair; city staff: this and last year's);
- `/review/<committee>/`: the objects to review (除斥 ones absent), my state on each;
- `/review/<committee>/<ct>/<obj>/`: one object: the summary, my score sheet while
  scoring is open, everyone's scores once it has closed, declaring a conflict;
- `/review/<committee>/manage/`: the chair and city staff: members, conflicts, the
  score sheet, opening and closing scoring, adding a member;
- `/review/<committee>/summary/` (and `.csv`): the ranked summary (chair and staff).

Access: anyone outside the committee, a member whose access ended, and a member
excluded from an object get 404 (`ensure_can_open_reviewed`); a member on the chair's
pages gets 403.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from portal import pagecache
from portal.csv import csv_response
from portal.dates import fiscal_year
from portal.forms import SeenStatusForm
from portal.models_review import (
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    CriterionScore,
    Review,
    ReviewCommittee,
    ScoringStatus,
)
from portal.permissions import is_city_staff
from portal.review_forms import ConflictForm, MemberAddForm, ScoreForm
from portal.review_services import (
    ObjectSummary,
    RankedSummaries,
    ReviewAdapter,
    adapter_for,
    applicant_display_name,
    can_manage_committee,
    committee_member_add,
    conflict_declare,
    ensure_can_open_reviewed,
    member_for,
    ranked_summary_keys,
    registered_models,
    review_save,
    reviewable_for,
    reviewed_object_url,
    reviewed_objects_by_key,
    reviewed_querysets,
    reviews_visible_to,
    scoring_close,
    scoring_open,
    staff_object_url,
    weighted_total,
    with_member_totals,
)
from portal.workflow import error_status

__all__ = [
    "ReviewCommitteeView",
    "ReviewHomeView",
    "ReviewManageView",
    "ReviewObjectView",
    "ReviewSummaryCsvView",
    "ReviewSummaryView",
    "committees_for",
]

_DB_INT_MAX = 2**63 - 1


def _pk(value: int) -> int:
    """A path number that fits the database's integers, else 404 (never an overflow)."""
    if not 0 < value <= _DB_INT_MAX:
        raise Http404
    return value


def committees_for(user: Any) -> models.QuerySet[ReviewCommittee]:
    """The committees on the user's review home: those they are an active member of
    (access not ended) or chair; city staff also see every committee of this and last
    fiscal year."""
    if not getattr(user, "is_authenticated", False):
        return ReviewCommittee.objects.none()
    today = timezone.localdate()
    mine = models.Q(chair=user) | models.Q(
        pk__in=CommitteeMember.objects.filter(user=user, access_ends_on__gte=today).values("committee_id")
    )
    if is_city_staff(user):
        year = fiscal_year(today)
        mine |= models.Q(fiscal_year__in=(year, year - 1))
    return ReviewCommittee.objects.filter(mine).select_related("chair").order_by("-fiscal_year", "name", "pk")


def _hide_names(user: Any, committee: ReviewCommittee) -> bool:
    """An anonymised committee's members (the chair included) do not see applicants'
    names; city staff, who run the programme, do."""
    return committee.anonymised and not is_city_staff(user)


def _name(user: Any, committee: ReviewCommittee, obj: Any, adapter: ReviewAdapter) -> str:
    if _hide_names(user, committee):
        return applicant_display_name(committee=committee, obj=obj)
    return adapter.applicant_name(obj)


def _member_labels(user: Any, committee: ReviewCommittee) -> dict[int, str]:
    """Each member's label: their name for city staff, "Member 3" for everyone else
    (numbered by the order they joined)."""
    members = CommitteeMember.objects.filter(committee=committee).select_related("user").order_by("pk")
    if is_city_staff(user):
        return {m.pk: str(m.user.full_name or m.user.email) for m in members}
    return {m.pk: _("Member %(number)s") % {"number": i} for i, m in enumerate(members, start=1)}


def _totals_by_object(reviews: models.QuerySet[Review]) -> dict[tuple[int, int], Decimal]:
    reviews = reviews.prefetch_related(
        models.Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion"))
    )
    return {(r.content_type_id, r.object_id): weighted_total(r.scores.all()) for r in reviews}


class CommitteeMixin(LoginRequiredMixin):
    """The committee of the URL: 404 unless the user is an active member, its chair or
    city staff; `manage_only` pages then give 403 to members."""

    manage_only = False
    request: HttpRequest
    kwargs: dict[str, Any]

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        committee = ReviewCommittee.objects.select_related("chair", "score_sheet").filter(pk=_pk(kwargs["pk"])).first()
        if committee is None:
            raise Http404
        self.committee = committee
        self.member = member_for(request.user, committee)
        self.can_manage = can_manage_committee(request.user, committee)
        if self.member is None and not self.can_manage:
            raise Http404
        if self.manage_only and not self.can_manage:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def criteria(self) -> list[Criterion]:
        return list(Criterion.objects.filter(sheet__committee=self.committee).order_by("order", "pk"))

    def all_objects(self) -> list[Any]:
        return list(itertools.chain.from_iterable(reviewed_querysets(self.committee)))

    def base_context(self) -> dict[str, Any]:
        return {
            "committee": self.committee,
            "member": self.member,
            "can_manage": self.can_manage,
            "hide_names": _hide_names(self.request.user, self.committee),
        }


class ReviewHomeView(LoginRequiredMixin, TemplateView):
    template_name = "portal/review/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        committees = list(committees_for(user))
        active = set(
            CommitteeMember.objects.filter(user=user, access_ends_on__gte=timezone.localdate()).values_list(
                "committee_id", flat=True
            )
        )
        context["committees"] = [
            {"committee": c, "is_chair": c.chair_id == user.pk, "is_member": c.pk in active} for c in committees
        ]
        return context


@dataclass
class ObjectRow:
    obj: Any
    title: str
    applicant: str
    url: str
    my_total: Decimal | None = None


class ReviewCommitteeView(CommitteeMixin, TemplateView):
    """The objects to review, each with my state; a member's excluded objects are absent."""

    template_name = "portal/review/committee.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, committee = self.request.user, self.committee
        mine = _totals_by_object(Review.objects.filter(committee=committee, member=self.member)) if self.member else {}
        rows = []
        for queryset in reviewed_querysets(committee):
            adapter = adapter_for(queryset.model)
            ct = ContentType.objects.get_for_model(queryset.model)
            for obj in reviewable_for(user, committee, queryset):
                rows.append(
                    ObjectRow(
                        obj=obj,
                        title=adapter.object_title(obj),
                        applicant=_name(user, committee, obj, adapter),
                        url=reviewed_object_url(committee, obj),
                        my_total=mine.get((ct.pk, obj.pk)),
                    )
                )
        context.update(self.base_context(), rows=rows, scored=sum(1 for r in rows if r.my_total is not None))
        return context


@dataclass
class ScoreColumn:
    label: str
    total: Decimal
    overall_comment: str
    scores: dict[int, CriterionScore] = field(default_factory=dict)


class ReviewObjectView(CommitteeMixin, TemplateView):
    """One reviewed object: what the reviewer reads, the score sheet, the scores."""

    template_name = "portal/review/object.html"

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self.ct_id, self.obj_id = _pk(kwargs["ct"]), _pk(kwargs["obj"])
        return super().dispatch(request, *args, **kwargs)

    def load(self) -> Any:
        if hasattr(self, "obj"):
            return self.obj
        try:
            ct = ContentType.objects.get_for_id(self.ct_id)
        except ContentType.DoesNotExist:
            raise Http404 from None
        model = ct.model_class()
        if model is None or model not in registered_models():
            raise Http404
        self.adapter = adapter_for(model)
        if not hasattr(self.adapter, "objects_for"):  # an adapter for the services only
            raise Http404
        obj = self.adapter.objects_for(self.committee).filter(pk=self.obj_id).first()
        if obj is None:
            raise Http404
        ensure_can_open_reviewed(self.request.user, self.committee, obj)
        self.obj = obj
        return obj

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.load()
        return super().get(request, *args, **kwargs)

    def own_review(self) -> Review | None:
        if self.member is None:
            return None
        return (
            Review.objects.filter(member=self.member, content_type_id=self.ct_id, object_id=self.obj.pk)
            .prefetch_related(models.Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion")))
            .first()
        )

    def score_form(self, criteria: list[Criterion], review: Review | None) -> ScoreForm:
        initial: dict[str, Any] = {}
        if review is not None:
            initial["overall_comment"] = review.overall_comment
            for score in review.scores.all():
                initial[f"score_{score.criterion_id}"] = score.score
                initial[f"comment_{score.criterion_id}"] = score.comment
        return ScoreForm(criteria=criteria, initial=initial)

    def score_columns(self) -> list[ScoreColumn]:
        """Everyone's scores on the object, as the reader may see them (own only while
        scoring is open for a member; all once closed; never for the excluded)."""
        reviews = (
            reviews_visible_to(self.request.user, self.committee)
            .filter(content_type_id=self.ct_id, object_id=self.obj.pk)
            .prefetch_related(models.Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion")))
            .order_by("member_id")
        )
        labels = _member_labels(self.request.user, self.committee)
        columns = []
        for review in reviews:
            scores = list(review.scores.all())
            columns.append(
                ScoreColumn(
                    label=labels.get(review.member_id, ""),
                    total=weighted_total(scores),
                    overall_comment=review.overall_comment,
                    scores={s.criterion_id: s for s in scores},
                )
            )
        return columns

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj, committee = self.obj, self.committee
        criteria = self.criteria()
        review = self.own_review()
        can_score = self.member is not None and committee.scoring_open and bool(criteria)
        show_all = committee.scoring_closed or (self.can_manage and self.member is None)
        columns = self.score_columns() if show_all else []
        context.update(
            self.base_context(),
            obj=obj,
            title=self.adapter.object_title(obj),
            applicant_name=_name(self.request.user, committee, obj, self.adapter),
            anonymised=_hide_names(self.request.user, committee),
            summary_template=self.adapter.summary_template,
            files=self.adapter.files(obj),
            staff_url=staff_object_url(obj, self.request.user),
            criteria=criteria,
            own_review=review,
            own_total=weighted_total(review.scores.all()) if review else None,
            can_score=can_score,
            score_form=kwargs.get("score_form") or (self.score_form(criteria, review) if can_score else None),
            conflict_form=kwargs.get("conflict_form")
            or (ConflictForm() if self.member and not committee.scoring_closed else None),
            columns=columns,
            rows=[(c, [col.scores.get(c.pk) for col in columns]) for c in criteria],
            show_all=show_all,
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.load()
        action = request.POST.get("action")
        if action == "conflict":
            return self.declare(request, obj)
        if action != "score":
            messages.error(request, _("Unknown action."))
            return self.render_to_response(self.get_context_data(), status=400)
        if self.member is None:
            raise PermissionDenied
        criteria = self.criteria()
        form = ScoreForm(request.POST, criteria=criteria)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(score_form=form), status=400)
        try:
            review_save(
                actor=request.user,
                committee=self.committee,
                obj=obj,
                scores=form.scores(),
                overall_comment=form.cleaned_data["overall_comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(score_form=form), status=400)
        messages.success(request, _("Your scores were saved. You can change them until scoring closes."))
        return HttpResponseRedirect(reviewed_object_url(self.committee, obj))

    def declare(self, request: HttpRequest, obj: Any) -> HttpResponse:
        if self.member is None:
            raise PermissionDenied
        form = ConflictForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(conflict_form=form), status=400)
        try:
            conflict_declare(actor=request.user, committee=self.committee, obj=obj, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason" if hasattr(error, "error_dict") else None, error.messages)
            return self.render_to_response(self.get_context_data(conflict_form=form), status=400)
        messages.success(request, _("Your conflict of interest was recorded: you take no part in this review."))
        return HttpResponseRedirect(reverse("portal:review-committee", args=[self.committee.pk]))


class ReviewManageView(CommitteeMixin, TemplateView):
    """The chair and city staff: members with their conflicts, the score sheet, opening
    and closing scoring (409 on a stale state), adding a member."""

    template_name = "portal/review/manage.html"
    manage_only = True

    def conflict_titles(self, conflicts: list[ConflictDeclaration]) -> dict[tuple[int, int], str]:
        """The title of each object with a conflict: one query per reviewed type."""
        wanted: dict[int, set[int]] = defaultdict(set)
        for c in conflicts:
            wanted[c.content_type_id].add(c.object_id)
        titles = {}
        for ct_id, ids in wanted.items():
            model = ContentType.objects.get_for_id(ct_id).model_class()
            if model is None or model not in registered_models():
                continue
            adapter = adapter_for(model)
            if not hasattr(adapter, "objects_for"):
                continue
            for obj in adapter.objects_for(self.committee).filter(pk__in=ids):
                titles[(ct_id, obj.pk)] = adapter.object_title(obj)
        return titles

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        committee = self.committee
        members = list(
            CommitteeMember.objects.filter(committee=committee)
            .select_related("user")
            .prefetch_related("conflicts")
            .order_by("pk")
        )
        conflicts = [c for m in members for c in m.conflicts.all()]
        titles = self.conflict_titles(conflicts)
        for c in conflicts:
            c.title = titles.get((c.content_type_id, c.object_id), f"#{c.object_id}")
        criteria = self.criteria()
        sheet = getattr(committee, "score_sheet", None)  # RelatedObjectDoesNotExist is an AttributeError
        seen = {"seen_status": committee.scoring_status}
        context.update(
            self.base_context(),
            members=members,
            today=timezone.localdate(),
            sheet=sheet,
            criteria=criteria,
            weight_total=sum(c.weight for c in criteria),
            status_form=SeenStatusForm(initial=seen, choices=ScoringStatus.choices),
            member_form=kwargs.get("member_form") or MemberAddForm(),
            admin_url=reverse("admin:portal_reviewcommittee_change", args=[committee.pk]),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        if action == "add_member":
            return self.add_member(request)
        if action not in ("open", "close"):
            messages.error(request, _("Unknown action."))
            return self.render_to_response(self.get_context_data(), status=400)
        form = SeenStatusForm(request.POST, choices=ScoringStatus.choices)
        try:
            if not form.is_valid():
                raise ValidationError(_("Please reload the page and try again."))
            seen = form.cleaned_data["seen_status"]
            if action == "open":  # also records the members' automatic 除斥
                scoring_open(actor=request.user, committee=self.committee, expected_status=seen)
            else:
                scoring_close(actor=request.user, committee=self.committee, expected_status=seen)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            self.committee.refresh_from_db()
            return self.render_to_response(self.get_context_data(), status=error_status(error))
        if action == "open":
            messages.success(request, _("Scoring is open: members can now give their scores."))
        else:
            messages.success(request, _("Scoring is closed: members now see each other's scores."))
        return HttpResponseRedirect(reverse("portal:review-manage", args=[self.committee.pk]))

    def add_member(self, request: HttpRequest) -> HttpResponse:
        form = MemberAddForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(member_form=form), status=400)
        data = form.cleaned_data
        try:
            member = committee_member_add(  # also records the new member's automatic 除斥
                actor=request.user,
                committee=self.committee,
                user=data["email"],
                kind=data["kind"],
                access_ends_on=data["access_ends_on"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.render_to_response(self.get_context_data(member_form=form), status=400)
        messages.success(request, _("%(name)s was added to the committee.") % {"name": member.user})
        return HttpResponseRedirect(reverse("portal:review-manage", args=[self.committee.pk]))


@dataclass
class SummaryRow:
    rank: int | None
    applicant: str
    title: str
    url: str
    average: Decimal | None
    count: int
    lowest: Decimal | None
    highest: Decimal | None
    passes: bool
    outliers: list[tuple[str, Decimal]]


class ReviewSummaryView(CommitteeMixin, TemplateView):
    """The ranked summary for the decision (chair and city staff)."""

    template_name = "portal/review/summary.html"
    manage_only = True

    paginate_by = 50

    def ranked(self) -> RankedSummaries:
        """Every reviewed object's summary, best first (made for the rows drawn)."""
        return ranked_summary_keys(self.committee, reviewed_querysets(self.committee))

    def summary_rows(self, summaries: list[ObjectSummary], first_position: int = 1) -> list[SummaryRow]:
        """The rows of `summaries` (from `ranked`, starting at `first_position`), each
        ranked by its position unless not scored."""
        user, committee = self.request.user, self.committee
        labels = _member_labels(user, committee)
        objects = reviewed_objects_by_key(committee, [summary.obj for summary in summaries])
        with_member_totals(committee, [summary for summary in summaries if summary.obj in objects])
        rows = []
        for position, keyed in enumerate(summaries, first_position):
            if keyed.obj not in objects:  # left the committee's list since it was ranked
                continue
            summary = dataclasses.replace(keyed, obj=objects[keyed.obj])
            adapter = adapter_for(summary.obj)
            rows.append(
                SummaryRow(
                    rank=position if summary.average is not None else None,
                    applicant=_name(user, committee, summary.obj, adapter),
                    title=adapter.object_title(summary.obj),
                    url=reviewed_object_url(committee, summary.obj),
                    average=summary.average,
                    count=summary.count,
                    lowest=summary.lowest,
                    highest=summary.highest,
                    passes=summary.passes,
                    outliers=[(labels.get(t.member_id, ""), t.total) for t in summary.totals if t.outlier],
                )
            )
        return rows

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        ranked = self.ranked()
        # Ranks are over every object; only the page's rows are drawn.
        page = Paginator(ranked, self.paginate_by).get_page(self.request.GET.get("page"))
        rows = self.summary_rows(list(page.object_list), page.start_index())
        context.update(
            self.base_context(),
            rows=rows,
            # Everything the rows show: the key of their rendered table (fragment cache).
            rows_stamp=pagecache.key_for("review_summary_rows", *rows),
            page_obj=page,
            passing=ranked.passing,
        )
        return context


class ReviewSummaryCsvView(ReviewSummaryView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response, writer = csv_response(f"review-summary-{self.committee.fiscal_year}-{self.committee.pk}.csv")
        writer.writerow(
            [
                _("Rank"),
                _("Applicant"),
                _("Title"),
                _("Average (out of 100)"),
                _("Members who scored"),
                _("Lowest"),
                _("Highest"),
                _("Passes the pass mark"),
                _("Far from the others"),
            ]
        )
        for row in self.summary_rows(self.ranked()[:]):
            writer.writerow(
                [
                    row.rank or "",
                    row.applicant,
                    row.title,
                    "" if row.average is None else str(row.average),
                    row.count,
                    "" if row.lowest is None else str(row.lowest),
                    "" if row.highest is None else str(row.highest),
                    _("Yes") if row.passes else _("No"),
                    "; ".join(f"{label}: {total}" for label, total in row.outliers),
                ]
            )
        return response
