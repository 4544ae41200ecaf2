"""Demo data of the window area (idempotent: natural keys): the closed 行政提案型 theme of
this fiscal year goes through the window — proposals routed to departments whose
協働推進員 answer, sent to the third-party committee, scored by the three reviewers
(reviewer3 excluded from the proposal of a group they belong to), one invited to the
公開プレゼンテーション, decided (one adopted with conditions, one not adopted with its
reason, others adopted or not) and published, so that adopted proposals become
projects; and last fiscal year's theme, its decisions published."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from collaboration.models import (
    Call,
    CallKind,
    CallStatus,
    Proposal,
    ProposalStatus,
    ProposerKind,
)
from portal.dates import fiscal_year, fiscal_year_range
from portal.demo import DemoContext

P = ProposalStatus

CRITERIA = [
    ("事業内容の適切さ", "Appropriateness of the content", "課題とテーマに合っているか", 30),
    ("達成能力", "Capability", "団体の実績と体制で実施できるか", 25),
    ("協働の効果", "Effect of collaboration", "市と協働することで効果が高まるか", 20),
    ("役割分担・費用分担", "Roles and cost sharing", "役割と費用の分担が明確か", 15),
    ("発展性", "Continuity", "事業後も続く仕組みがあるか", 10),
]

# title, issue, content, decision, reason, conditions, department asked
PROPOSALS = [
    (
        "里山の竹林整備と竹炭づくり",
        "放置竹林が広がり、里山の景観と生態系が損なわれている。",
        "月2回の竹林整備と、伐った竹での竹炭づくり講座。竹炭は地域の農家に配る。",
        P.CONDITIONAL,
        "里山保全の効果が高く、団体の活動実績も十分である。",
        "安全管理計画（刈払機・チェーンソー作業）を着手前に提出すること。四半期ごとに活動報告を行うこと。",
        "kankyo_seisaku",
    ),
    (
        "河川敷の外来植物駆除と自然観察会",
        "河川敷でアレチウリなどの外来植物が繁茂している。",
        "駆除作業を年6回、親子向けの自然観察会を年4回開く。",
        P.NOT_ADOPTED,
        "河川敷は県の管理区域であり、市の協働事業として実施することが難しいため（反映できない理由）。県の河川愛護団体制度の活用をご案内します。",
        "",
        "kankyo_seisaku",
    ),
    (
        "高齢者宅の省エネ診断ボランティア",
        "高齢者世帯の光熱費負担が重く、省エネの情報が届いていない。",
        "研修を受けた市民ボランティアが高齢者宅を訪問し、省エネ診断と助言を行う。",
        P.ADOPTED,
        "福祉と環境の両面で効果があり、市の地球温暖化対策実行計画に合致する。",
        "",
        "fukushi",
    ),
    (
        "公園での生ごみ堆肥化ステーション",
        "家庭の生ごみの多くが焼却されている。",
        "公園の一角に堆肥化ステーションを設け、住民が生ごみを持ち込む。",
        P.NOT_ADOPTED,
        "臭気と害虫への周辺住民の懸念が大きく、設置場所の合意形成が整っていないため（反映できない理由）。",
        "",
        "kankyo_seisaku",
    ),
]

LAST_YEAR = [
    (
        "子育てひろばの出張開催",
        "子育てひろばが遠く、利用できない地区がある。",
        "公民館で月2回、出張子育てひろばを開く。",
        P.ADOPTED,
        "利用の少ない地区の子育て支援として必要性が高い。",
        "",
        "fukushi",
    ),
    (
        "子ども向けプログラミング教室",
        "子どもがプログラミングに触れる機会が少ない。",
        "小学生向けに月1回の教室を開く。",
        P.NOT_ADOPTED,
        "学校教育での実施が始まっており、市の協働事業としての必要性が低いため（反映できない理由）。",
        "",
        "fukushi",
    ),
]


def closed_theme_slug(year: int) -> str:
    try:
        from collaboration.demo.calls import CLOSED_THEME_SLUG  # type: ignore[attr-defined]
    except ImportError:
        return f"kankyo-closed-{year}"
    return CLOSED_THEME_SLUG


def _committee(ctx: DemoContext, year: int) -> Any:
    from portal.models_review import ReviewCommittee
    from portal.review_services import committee_create, committee_member_add, score_sheet_set

    name = "協働事業提案審査会"
    committee = ReviewCommittee.objects.filter(name=name, fiscal_year=year).first()
    if committee is not None:
        return committee
    staff = ctx.accounts["staff"]
    committee = committee_create(
        actor=staff,
        name=name,
        name_en="Collaboration proposals committee",
        fiscal_year=year,
        chair=staff,
        pass_mark=60,
    )
    ends = timezone.localdate() + datetime.timedelta(days=180)
    for key, kind in (("reviewer", "expert"), ("reviewer2", "expert"), ("reviewer3", "citizen")):
        committee_member_add(actor=staff, committee=committee, user=ctx.accounts[key], kind=kind, access_ends_on=ends)
    score_sheet_set(
        actor=staff,
        committee=committee,
        name="協働事業提案評価シート",
        name_en="Score sheet",
        criteria=[
            {"name": n, "name_en": en, "description": d, "weight": w, "max_points": 5} for n, en, d, w in CRITERIA
        ],
    )
    return committee


def _call(
    ctx: DemoContext, *, slug: str, year: int, title: str, title_en: str, committee: Any, department: Any
) -> Call:
    start, end = fiscal_year_range(year)
    closes = timezone.make_aware(datetime.datetime.combine(start + datetime.timedelta(days=45), datetime.time(17)))
    call, _created = Call.objects.get_or_create(
        slug=slug,
        defaults={
            "kind": CallKind.THEME,
            "fiscal_year": year,
            "department": department,
            "title": title,
            "title_en": title_en,
            "background": "市民の力と市の施策を合わせて地域の課題に取り組みます。",
            "city_contribution": "関係課との調整、広報、会場の提供",
            "participation_criteria": "市内で1年以上活動している登録団体または事業者",
            "budget_min": 200_000,
            "budget_max": 1_000_000,
            "starts_on": start,
            "ends_on": end,
            "opens_at": closes - datetime.timedelta(days=40),
            "closes_at": closes,
            "status": CallStatus.CLOSED,
            "published_at": closes - datetime.timedelta(days=40),
            "committee": committee,
        },
    )
    if call.committee_id is None and call.decisions_published_at is None:
        call.committee = committee
        call.save(update_fields=["committee", "updated_at"])
    return call


def _groups(ctx: DemoContext, count: int) -> list[Any]:
    from groups.models import CommunityGroup, GroupStatus

    rep_group = CommunityGroup.objects.filter(
        memberships__user=ctx.accounts["rep"], memberships__role="representative", status=GroupStatus.REGISTERED
    ).first()
    others = list(
        CommunityGroup.objects.filter(status=GroupStatus.REGISTERED)
        .exclude(pk=getattr(rep_group, "pk", None))
        .filter(memberships__role="representative")
        .distinct()
        .order_by("pk")[: count + 1]
    )
    found = ([rep_group] if rep_group else []) + others
    return found[:count] or found


def _proposals(ctx: DemoContext, call: Call, rows: list[tuple[Any, ...]], prefix: str) -> list[Proposal]:
    """The call's submitted proposals: those already there (the calls area's), topped up
    with the rows' own. The last row's proposal is the business's."""
    groups = _groups(ctx, len(rows))
    proposals = []
    for n, (title, issue, content, *_rest) in enumerate(rows, start=1):
        business = n == len(rows) and len(rows) > 2
        group = None if business or not groups else groups[(n - 1) % len(groups)]
        user = (
            ctx.accounts["business"] if group is None else group.memberships.filter(role="representative").first().user
        )
        proposal, _created = Proposal.objects.get_or_create(
            call=call,
            title=title,
            defaults={
                "proposer_kind": ProposerKind.GROUP if group else ProposerKind.BUSINESS,
                "group": group,
                "business_name": "" if group else "株式会社みどり商事",
                "created_by": user,
                "receipt_number": f"K{call.fiscal_year}-{prefix}{n:02d}",
                "status": P.SUBMITTED,
                "issue": issue,
                "content": content,
                "target": "市民、地域の住民",
                "roles": "団体：企画・運営　市：広報、関係機関との調整",
                "budget_total": 600_000,
                "cost_sharing": "市：40万円　団体：20万円（参加費・協賛金）",
                "starts_on": call.starts_on,
                "ends_on": call.ends_on,
                "schedule": "4月：準備　5月〜2月：実施　3月：ふりかえり",
                "capability": "市内で5年以上の活動実績",
                "partners": "地元の自治会、小学校",
                "submitted_at": call.closes_at - datetime.timedelta(days=3) if call.closes_at else timezone.now(),
            },
        )
        proposals.append(proposal)
    return proposals


def _run(ctx: DemoContext, call: Call, rows: list[tuple[Any, ...]], prefix: str, *, exclude_reviewer3: bool) -> None:
    from collaboration.services import thread
    from collaboration.services import window as services
    from groups.services.registration import membership_add
    from portal.models import Department, User
    from portal.models_review import ScoringStatus
    from portal.review_services import is_excluded, member_for, review_save, scoring_open

    if call.decisions_published_at is not None:
        return
    staff = ctx.accounts["staff"]
    proposals = _proposals(ctx, call, rows, prefix)
    # reviewer3 belongs to the second proposing group: excluded from its proposal (除斥)
    if exclude_reviewer3 and len(proposals) > 1 and proposals[1].group_id:
        group = proposals[1].group
        if not group.memberships.filter(user=ctx.accounts["reviewer3"]).exists():
            membership_add(group=group, user=ctx.accounts["reviewer3"], role="member", actor=None)
    liaisons = {"fukushi": ctx.accounts["liaison"], "kankyo_seisaku": ctx.accounts["liaison2"]}
    for proposal, (_t, _i, _c, _d, _r, _cond, code) in zip(proposals, rows, strict=False):
        department = Department.objects.get(code=code)
        if not proposal.routings.filter(department=department).exists() and proposal.status != P.WITHDRAWN:
            services.proposal_route(
                actor=staff,
                proposal=proposal,
                department=department,
                request="担当課としての協力の可否と役割を教えてください。",
            )
            liaison = User.objects.get(pk=liaisons[code].pk)  # fresh: the routed proposals are cached per user
            thread.message_post(
                actor=liaison,
                proposal=proposal,
                body="担当課として協力できます。広報と関係機関との調整を担います。",
                department_id=department.pk,
            )
        if proposal.status == P.SUBMITTED:
            services.review_send(actor=staff, proposal=proposal)
    committee = call.committee
    committee.refresh_from_db()
    if committee.scoring_status != ScoringStatus.SCORING:
        scoring_open(actor=staff, committee=committee)
    criteria = list(committee.score_sheet.criteria.all())
    for proposal in proposals:
        proposal.refresh_from_db()
        if proposal.status != P.IN_REVIEW:
            continue
        for points, key in ((5, "reviewer"), (4, "reviewer2"), (3, "reviewer3")):
            member = member_for(ctx.accounts[key], committee)
            if member is None or is_excluded(member, proposal):
                continue
            base = points if proposal.title in {rows[0][0], rows[-2][0]} else max(points - 2, 1)
            review_save(
                actor=ctx.accounts[key],
                committee=committee,
                obj=proposal,
                scores={c.pk: (base, "") for c in criteria},
                overall_comment="",
            )
    if proposals and proposals[0].status == P.IN_REVIEW and proposals[0].presentation_at is None:
        at = timezone.make_aware(
            datetime.datetime.combine(call.closes_at.date() + datetime.timedelta(days=14), datetime.time(10))
        )
        services.presentation_invite(actor=staff, proposal=proposals[0], at=at, place="市民活動センター 多目的室")
    for proposal, (_t, _i, _c, decision, reason, conditions, _code) in zip(proposals, rows, strict=False):
        proposal.refresh_from_db()
        if proposal.status in {P.SUBMITTED, P.IN_REVIEW}:
            services.decision_record(
                actor=staff, proposal=proposal, decision=decision, reason=reason, conditions=conditions
            )
    # proposals of the calls area on this call that are still undecided
    for proposal in call.proposals.filter(status__in=[P.SUBMITTED, P.IN_REVIEW]):
        services.decision_record(
            actor=staff,
            proposal=proposal,
            decision=P.NOT_ADOPTED,
            reason="今回のテーマの趣旨と異なるため（反映できない理由）。市民提案型での再提案をご検討ください。",
        )
    call.refresh_from_db()
    services.decisions_publish(actor=staff, call=call)


def seed(ctx: DemoContext) -> None:
    from portal.models import Department

    year = fiscal_year(timezone.localdate())
    kankyo = Department.objects.get(code="kankyo_seisaku")
    fukushi = Department.objects.get(code="fukushi")
    closed = _call(
        ctx,
        slug=closed_theme_slug(year),
        year=year,
        title="里山と水辺の環境を守る協働事業",
        title_en="Collaborating to protect the satoyama and waterside",
        committee=_committee(ctx, year),
        department=kankyo,
    )
    _run(ctx, closed, PROPOSALS, "W", exclude_reviewer3=True)
    last = _call(
        ctx,
        slug=f"kosodate-{year - 1}",
        year=year - 1,
        title="地域で子育てを支える協働事業",
        title_en="Collaborating to support child-raising in the community",
        committee=_committee(ctx, year - 1),
        department=fukushi,
    )
    _run(ctx, last, LAST_YEAR, "L", exclude_reviewer3=False)
    _open_calls_in_progress(ctx)
    ctx.log("collaboration window: decisions published for the closed themes")


# Proposals still moving on the open calls (idempotent by title): submitted to the
# citizen window, withdrawn from it, and under review for the open theme.
IN_PROGRESS = (
    ("window", "submitted", "商店街の空き店舗で子ども食堂", "子どもの孤食と商店街の空洞化"),
    ("window", "withdrawn", "公園の花壇を地域で育てる", "公園の花壇の管理が行き届かない"),
    ("theme", "in_review", "団地の集会所で高齢者サロン", "団地の高齢者の孤立"),
)


def _open_calls_in_progress(ctx: DemoContext) -> None:
    from collaboration.demo.calls import CITIZEN_WINDOW_SLUG, OPEN_THEME_SLUG, _proposal
    from collaboration.services.proposals import proposal_submit, proposal_withdraw
    from collaboration.services.window import review_send

    calls = {
        "window": Call.objects.filter(slug=CITIZEN_WINDOW_SLUG).first(),
        "theme": Call.objects.filter(slug=OPEN_THEME_SLUG).first(),
    }
    from portal.dates import fiscal_year_range

    next_year = fiscal_year_range(fiscal_year(timezone.localdate()) + 1)
    # rep@example.jp's group, so that its representative sees every state on the portal.
    groups = _groups(ctx, 1)
    for which, state, title, issue in IN_PROGRESS:
        call = calls[which]
        if call is None or not groups or Proposal.objects.filter(call=call, title=title).exists():
            continue
        group = groups[0]
        user = group.memberships.filter(role="representative").first().user
        proposal = _proposal(
            ctx,
            call,
            user=user,
            group=group,
            title=title,
            issue=issue,
            budget=call.budget_min or 400_000,
            starts_on=call.starts_on or next_year[0],
            ends_on=call.ends_on or next_year[1],
        )
        proposal = proposal_submit(actor=user, proposal=proposal)
        if state == "withdrawn":
            proposal_withdraw(actor=user, proposal=proposal)
        elif state == "in_review" and call.committee_id:
            review_send(actor=ctx.accounts["staff"], proposal=proposal)
