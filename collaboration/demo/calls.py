"""Demo data of the calls and proposals areas (idempotent: a call that exists is left as
it is). This fiscal year:

- an open 行政提案型 theme of 福祉課 with its third-party committee and score sheet;
- the 市民提案型 window of 協働推進課, open all year;
- a closed theme of 環境政策課 (`CLOSED_THEME_SLUG`) with submitted proposals from demo
  groups (one by rep@example.jp's group) and one by a business, for the window area's
  demo to review and decide;
- drafts by rep@example.jp with a request for 事前相談 and the window's answer.

Everything is written through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from portal.demo import DemoContext, demo_user

CLOSED_THEME_SLUG = "kankyo-satoyama-theme"
OPEN_THEME_SLUG = "fukushi-ibasho-theme"
CITIZEN_WINDOW_SLUG = "shimin-teian"

CRITERIA = (
    ("事業内容の適切さ", "Appropriateness of the content", "課題に合った内容で、実現可能な計画か。", 40),
    ("達成能力", "Capacity to deliver", "団体の実績・体制から、事業をやり遂げられるか。", 30),
    ("協働の効果", "Effect of collaboration", "市と協働することで、単独より大きな効果が見込めるか。", 30),
)
REVIEWERS = (
    ("reviewer", "reviewer@example.jp", "審査 良子", "シンサ リョウコ", "expert"),
    ("reviewer2", "reviewer2@example.jp", "学識 和夫", "ガクシキ カズオ", "expert"),
    ("reviewer3", "reviewer3@example.jp", "市民委員 直子", "シミンイイン ナオコ", "citizen"),
)

PROPOSALS = (
    ("里山の竹林整備と竹炭づくり", "放置竹林の拡大", 800_000),
    ("小学校での環境出前授業", "子どもが自然に触れる機会の減少", 450_000),
    ("川の生きもの調査と展示", "河川環境への関心の低さ", 600_000),
    ("落ち葉堆肥で花いっぱい運動", "公園の落ち葉処理の負担", 350_000),
    ("里山ガイドの養成講座", "里山の担い手不足", 900_000),
)


def _committee(ctx: DemoContext, year: int) -> Any:
    from portal.models import ReviewCommittee, StaffRole
    from portal.review_services import committee_create, committee_member_add, score_sheet_set
    from portal.services import staff_assign

    staff = ctx.accounts["staff"]
    name = "協働事業提案審査会"
    committee = ReviewCommittee.objects.filter(name=name, fiscal_year=year).first()
    if committee is not None:
        return committee
    committee = committee_create(
        actor=staff, name=name, name_en="Collaboration proposal review committee", fiscal_year=year, chair=staff
    )
    end = datetime.date(year + 1, 3, 31)
    for key, email, full_name, kana, kind in REVIEWERS:
        user = ctx.accounts.get(key) or demo_user(email, full_name, kana)
        ctx.accounts[key] = user
        staff_assign(user=user, role=StaffRole.REVIEWER, actor=None)
        committee_member_add(
            actor=staff,
            committee=committee,
            user=user,
            kind=kind,
            access_ends_on=max(end, timezone.localdate()) + datetime.timedelta(days=90),
        )
    score_sheet_set(
        actor=staff,
        committee=committee,
        name="協働事業提案 評価シート",
        name_en="Collaboration proposal score sheet",
        criteria=[
            {"name": n, "name_en": en, "description": d, "weight": w, "max_points": 5} for n, en, d, w in CRITERIA
        ],
    )
    return committee


def _call(ctx: DemoContext, slug: str, data: dict[str, Any]) -> tuple[Any, bool]:
    from collaboration.models import Call
    from collaboration.services.calls import call_create, call_publish

    existing = Call.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    staff = ctx.accounts["staff"]
    call = call_create(actor=staff, data={"slug": slug, **data})
    return call_publish(actor=staff, call=call), True


def _proposal(
    ctx: DemoContext, call: Any, *, user: Any, title: str, issue: str, budget: int, group: Any = None, **extra: Any
) -> Any:
    from collaboration.services.proposals import proposal_start, proposal_update

    proposal = proposal_start(
        actor=user, call=call, title=title, group=group, business_name="" if group else "株式会社みどり商事"
    )
    data = {
        "issue": issue,
        "content": f"{title}を、市と役割を分担して実施します。",
        "target": "市民",
        "roles": "団体：企画・運営　市：広報・場所の調整",
        "budget_total": budget,
        "cost_sharing": "市：事業費の7割　団体：3割と人員",
        "schedule": "4月準備、6月から実施、2月まとめ",
        "capability": "同様の活動を3年以上続けています。",
        "partners": "自治会、地元の小学校",
        **extra,
    }
    return proposal_update(actor=user, proposal=proposal, data=data)


def seed(ctx: DemoContext) -> None:
    from collaboration.models import CallKind, Proposal
    from collaboration.services.calls import call_close, call_update
    from collaboration.services.proposals import proposal_submit
    from collaboration.services.thread import consultation_request, message_post
    from groups.models import CommunityGroup, MembershipRole
    from groups.permissions import editor_group_ids
    from groups.services import membership_add
    from portal.dates import fiscal_year, fiscal_year_range
    from portal.models import Department

    today = timezone.localdate()
    now = timezone.now()
    year = fiscal_year(today)
    start, end = fiscal_year_range(year)
    next_start, next_end = fiscal_year_range(year + 1)
    staff, rep = ctx.accounts["staff"], ctx.accounts["rep"]
    committee = _committee(ctx, year)

    theme, created_theme = _call(
        ctx,
        OPEN_THEME_SLUG,
        {
            "kind": CallKind.THEME,
            "fiscal_year": year,
            "department": Department.objects.get(code="fukushi"),
            "title": "高齢者の居場所づくり",
            "title_en": "Places for older residents to meet",
            "background": "ひとり暮らしの高齢者が増え、地域で孤立する人が増えています。",
            "background_en": "More older residents live alone and become isolated.",
            "city_contribution": "会場となる公共施設の提供、広報、地域包括支援センターとの連携",
            "city_contribution_en": "Public venues, publicity and links with the community care centre.",
            "participation_criteria": "市内で1年以上活動している登録団体または事業者。営利を目的としないこと。",
            "participation_criteria_en": "Registered groups or businesses active here for a year; not for profit.",
            "budget_min": 300_000,
            "budget_max": 1_000_000,
            "starts_on": next_start,
            "ends_on": next_end,
            "opens_at": now - datetime.timedelta(days=14),
            "closes_at": now + datetime.timedelta(days=30),
            "businesses_may_propose": True,
            "presentation_on": today + datetime.timedelta(days=45),
            "presentation_place": "市役所 第1会議室",
            "committee": committee,
        },
    )
    window, created_window = _call(
        ctx,
        CITIZEN_WINDOW_SLUG,
        {
            "kind": CallKind.CITIZEN,
            "fiscal_year": year,
            "department": Department.objects.get(code="kyodo"),
            "title": "市民提案型協働事業（通年受付）",
            "title_en": "Citizen-proposed collaboration projects (all year)",
            "background": "地域の新しい課題や、市の既存事業をよりよくするアイデアを募集します。",
            "background_en": "Ideas on new local issues or to improve the city's existing projects.",
            "city_contribution": "担当課との協議の場の設定、協働推進課による調整",
            "participation_criteria": "登録団体または事業者",
            "opens_at": now - datetime.timedelta(days=60),
            "closes_at": None,
            "businesses_may_propose": True,
            "committee": committee,
        },
    )
    closed, created_closed = _call(
        ctx,
        CLOSED_THEME_SLUG,
        {
            "kind": CallKind.THEME,
            "fiscal_year": year,
            "department": Department.objects.get(code="kankyo_seisaku"),
            "title": "里山と水辺の保全",
            "title_en": "Caring for the satoyama woods and the waterside",
            "background": "里山や河川の手入れをする担い手が減っています。",
            "background_en": "Fewer people look after the woods and the rivers.",
            "city_contribution": "市有林の使用許可、資材の一部負担",
            "participation_criteria": "環境保全の活動実績がある登録団体または事業者",
            "budget_min": 200_000,
            "budget_max": 1_000_000,
            "starts_on": start,
            "ends_on": end,
            "opens_at": now - datetime.timedelta(days=60),
            "closes_at": now + datetime.timedelta(days=1),
            "businesses_may_propose": True,
            "presentation_on": today + datetime.timedelta(days=10),
            "presentation_place": "みどり市民活動センター 多目的室",
            "committee": committee,
        },
    )
    rep_groups = CommunityGroup.objects.registered().filter(pk__in=editor_group_ids(rep)).order_by("pk")
    rep_group = rep_groups.first()
    if created_closed:
        groups = list(
            CommunityGroup.objects.registered()
            .exclude(pk__in=[g.pk for g in rep_groups])
            .order_by("pk")[: len(PROPOSALS) - (1 if rep_group else 0)]
        )
        proposers = [(rep_group, rep)] if rep_group else []
        for n, group in enumerate(groups, start=1):
            # Each proposing demo group gets an editor account that writes its proposal.
            editor = demo_user(f"teian{n}@example.jp", f"提案 {n}郎", f"テイアン {n}ロウ")
            membership_add(group=group, user=editor, role=MembershipRole.EDITOR, actor=None)
            proposers.append((group, editor))
        for (group, user), (title, issue, budget) in zip(proposers, PROPOSALS, strict=False):
            proposal = _proposal(ctx, closed, user=user, group=group, title=title, issue=issue, budget=budget)
            proposal_submit(actor=user, proposal=proposal)
        business = ctx.accounts["business"]
        proposal = _proposal(
            ctx,
            closed,
            user=business,
            title="企業の森づくり：社員ボランティアによる植樹",
            issue="担い手不足",
            budget=700_000,
        )
        proposal_submit(actor=business, proposal=proposal)
        call_update(actor=staff, call=closed, data={"closes_at": now - datetime.timedelta(days=1)})
        call_close(actor=staff, call=closed)
    if rep_group and not Proposal.objects.filter(created_by=rep, call__in=[theme, window], status="draft").exists():
        draft = _proposal(
            ctx,
            theme,
            user=rep,
            group=rep_group,
            title="空き家を使った高齢者サロン",
            issue="ひとり暮らし高齢者の孤立",
            budget=600_000,
        )
        consultation_request(
            actor=rep, proposal=draft, body="会場の候補として空き家を考えています。市の空き家バンクと連携できますか。"
        )
        message_post(
            actor=staff,
            proposal=draft,
            body="空き家バンクの担当課と調整できます。提出前に一度窓口でご相談ください。",
        )
        citizen_draft = _proposal(
            ctx,
            window,
            user=rep,
            group=rep_group,
            title="多言語の防災カードづくり",
            issue="外国人住民への防災情報の不足",
            budget=200_000,
            existing_project="防災ハンドブックの配布",
        )
        consultation_request(
            actor=rep, proposal=citizen_draft, body="既存の防災ハンドブックと組み合わせたいと考えています。"
        )
        message_post(
            actor=staff, proposal=citizen_draft, body="危機管理課とつなぎます。翻訳の分担を提案書に書いてください。"
        )
    ctx.log(
        f"collaboration calls: {3 if created_theme or created_window or created_closed else 0} calls created, "
        f"{Proposal.objects.count()} proposals"
    )
