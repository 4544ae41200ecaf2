"""Demo data of the subsidies app.

This fiscal year (年度):
- 市民活動応援補助金 (スタートアップ部門 and ステップアップ部門) taking applications: a few
  submitted (one keyed in at the counter), one accepted, one returned; its committee is
  being prepared;
- 地域づくり活動支援交付金, whose cycle is complete: applications submitted (one returned
  and corrected), accepted, presented at a public screening, scored by a committee of
  reviewer@example.jp and two more members (one of them excluded from one application
  because they belong to the applying group), decided within the budget (one not
  adopted, one reduced) and published together, granted, advances paid, reported,
  amounts confirmed (rep@example.jp's group below its award, with a refund due), and
  the results published. rep@example.jp's group is a grantee, so its 交付決定通知書 and
  額の確定通知書 can be downloaded.
Last fiscal year: 市民活動応援補助金 with its results published. Outside grants beside them.

Everything goes through the services, as staff and groups would do it. A completed cycle
is run while its call is open, then its dates are moved back to when it happened.
Idempotent: a programme that exists (year, slug) is left alone.

With `--scale` N ≥ 2, last year's programme gets about 200 × N applications, bulk-loaded
with their scores and decisions, for `make bench` (the results page, the ranked summary).
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from groups.models import CommunityGroup, GroupStatus, Membership, MembershipRole
from groups.services import membership_add
from portal.dates import fiscal_year, fiscal_year_range
from portal.demo import DemoContext, demo_user
from portal.models import Department, StaffRole, User
from portal.models_review import (
    CommitteeMember,
    CommitteeMemberKind,
    Criterion,
    CriterionScore,
    Review,
    ReviewCommittee,
)
from portal.review_services import (
    committee_create,
    committee_member_add,
    is_excluded,
    review_save,
    score_sheet_set,
    scoring_close,
    scoring_open,
)
from portal.services import staff_assign
from subsidies.amounts import round_down
from subsidies.models import (
    ApplicantKind,
    Application,
    ApplicationStatus,
    BudgetLine,
    BudgetSide,
    BudgetStage,
    Channel,
    ExpenseCategory,
    IncomeKind,
    OutsideGrant,
    Programme,
    ProgrammeCategory,
)
from subsidies.services import applications as application_services
from subsidies.services import grants as grant_services
from subsidies.services import screening as screening_services

EXPENSE_CATEGORIES = (
    # code, name, English name, paid for by the demo programmes
    ("honoraria", "報償費", "Honoraria", True),
    ("travel", "旅費", "Travel", True),
    ("supplies", "消耗品費", "Supplies", True),
    ("printing", "印刷製本費", "Printing and binding", True),
    ("postage", "通信運搬費", "Postage and communications", True),
    ("rental", "使用料及び賃借料", "Rent and hire", True),
    ("insurance", "保険料", "Insurance", True),
    ("commission", "委託料", "Commissioned work", True),
    ("food", "飲食費", "Food and drink", False),
    ("running", "団体運営費", "The group's running costs", False),
)

CRITERIA = (
    ("公益性", "Public benefit", "市民や地域にとって広く役立つ事業か。", 20),
    ("必要性", "Need", "地域の課題や市民のニーズに応えているか。", 20),
    ("実現可能性", "Feasibility", "計画、体制、予算が実行できるものか。", 20),
    ("独自性・先駆性", "Originality", "新しい発想や先駆的な取組があるか。", 15),
    ("発展性・継続性", "Growth and continuity", "補助終了後も続き、広がる見込みがあるか。", 15),
    ("予算の妥当性", "Budget", "経費の積算が適正で、補助対象経費が妥当か。", 10),
)

REVIEWERS = (
    # key, e-mail, name, reading, kind
    ("reviewer", "reviewer@example.jp", "審査 良子", "シンサ リョウコ", CommitteeMemberKind.EXPERT),
    ("reviewer2", "reviewer2@example.jp", "学識 和夫", "ガクシキ カズオ", CommitteeMemberKind.EXPERT),
    ("reviewer3", "reviewer3@example.jp", "市民委員 直子", "シミンイイン ナオコ", CommitteeMemberKind.CITIZEN),
)

OUTSIDE_GRANTS = (
    {
        "provider": "公益財団法人みどり地域振興財団",
        "provider_en": "Midori Regional Promotion Foundation",
        "name": "地域づくり活動助成",
        "name_en": "Community-building grant",
        "amount": "1件あたり上限50万円",
        "amount_en": "Up to 500,000 yen per project",
        "days": 45,
        "url": "https://example.jp/midori-zaidan/josei",
        "description": "地域課題の解決に取り組む市民活動団体の事業を助成します。",
        "description_en": "Grants for groups tackling local issues.",
    },
    {
        "provider": "みどり信用金庫",
        "provider_en": "Midori Shinkin Bank",
        "name": "みどり未来基金 子ども・子育て支援助成",
        "name_en": "Midori Future Fund: children and child-raising",
        "amount": "1件あたり10万円〜30万円",
        "amount_en": "100,000 to 300,000 yen per project",
        "days": 20,
        "url": "https://example.jp/midori-shinkin/kikin",
        "description": "子どもの居場所づくりや子育て支援の活動を応援します。",
        "description_en": "Supports places for children and help for parents.",
    },
    {
        "provider": "一般財団法人全国市民活動支援協会",
        "provider_en": "National Civic Activity Support Association",
        "name": "はじめての活動応援助成",
        "name_en": "First-steps grant",
        "amount": "上限20万円（設立3年未満の団体）",
        "amount_en": "Up to 200,000 yen (groups under three years old)",
        "days": 75,
        "url": "https://example.jp/zenkoku/hajimete",
        "description": "設立間もない団体の立ち上げ費用を助成します。",
        "description_en": "Start-up costs of new groups.",
    },
)

# Project plans: title and expense lines (category, item, basis, amount in yen).
PLANS: tuple[tuple[str, tuple[tuple[str, str, str, int], ...]], ...] = (
    (
        "子育てひろば「おやこカフェ」の開催",
        (
            ("honoraria", "講師謝礼", "5,000円×12回", 60_000),
            ("supplies", "おもちゃ・絵本", "一式", 40_000),
            ("printing", "チラシ印刷", "2,000部", 30_000),
            ("rental", "会場使用料", "2,500円×12回", 30_000),
            ("food", "茶菓子", "一式", 12_000),
        ),
    ),
    (
        "川沿いの花いっぱい運動",
        (
            ("supplies", "花苗・肥料", "一式", 90_000),
            ("insurance", "ボランティア保険", "40人分", 14_000),
            ("printing", "活動報告チラシ", "1,000部", 26_000),
        ),
    ),
    (
        "高齢者の見守り訪問と交流サロン",
        (
            ("honoraria", "専門職の講話謝礼", "10,000円×4回", 40_000),
            ("travel", "訪問ボランティア交通費", "500円×120回", 60_000),
            ("rental", "会場使用料", "3,000円×10回", 30_000),
            ("postage", "案内の郵送", "84円×300通", 25_200),
        ),
    ),
    (
        "多文化共生の日本語教室",
        (
            ("honoraria", "講師謝礼", "3,000円×30回", 90_000),
            ("supplies", "教材", "一式", 45_000),
            ("printing", "やさしい日本語の案内", "1,500部", 20_000),
        ),
    ),
    (
        "地域の防災マップづくり",
        (
            ("commission", "地図のデザイン委託", "一式", 120_000),
            ("printing", "防災マップ印刷", "3,000部", 80_000),
            ("supplies", "まち歩きの消耗品", "一式", 15_000),
        ),
    ),
)

PROJECT_TEXT = {
    "content": "毎月1回、地域の皆さんと一緒に活動し、年度末に報告会を開きます。",
    "target": "市内在住・在勤・在学の方",
    "place": "みどり市民活動センターほか",
    "schedule": "準備（1〜2か月目）、実施（3〜10か月目）、報告会（11か月目）",
    "expected_effect": "参加者同士のつながりが生まれ、活動の担い手が増えます。",
    "group_record": "設立以来、月1回の定例活動を続けています。",
}


# --- Building blocks ----------------------------------------------------------------------


def expense_categories() -> dict[str, ExpenseCategory]:
    rows = {}
    for order, (code, name, name_en, _paid) in enumerate(EXPENSE_CATEGORIES):
        rows[code], _ = ExpenseCategory.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )
    return rows


def _reviewers(ctx: DemoContext) -> list[tuple[User, str]]:
    found = []
    for key, email, name, kana, kind in REVIEWERS:
        user = ctx.accounts.get(key) or demo_user(email, name, kana)
        ctx.accounts[key] = user
        staff_assign(user=user, role=StaffRole.REVIEWER, actor=None)
        found.append((user, kind))
    return found


def _committee(
    ctx: DemoContext, *, year: int, name: str, name_en: str, members: list[tuple[User, str]]
) -> ReviewCommittee:
    staff = ctx.accounts["staff"]
    committee = committee_create(actor=staff, name=name, name_en=name_en, fiscal_year=year, chair=staff, pass_mark=60)
    _start, end = fiscal_year_range(year)
    for user, kind in members:
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
        name="評価シート",
        name_en="Score sheet",
        criteria=[
            {"name": n, "name_en": en, "description": d, "weight": w, "max_points": 5} for n, en, d, w in CRITERIA
        ],
    )
    return committee


def _guide_pdf(programme: Programme) -> bytes:
    """The 募集要項 as a PDF: purpose, categories, expenses and the report deadline."""
    from portal.dates import wareki
    from portal.pdf import Notice, render_notice

    rows = [
        (category.name, f"補助率 {category.rate_label}、上限 {category.ceiling:,}円（千円未満切捨て）")
        for category in programme.categories.all()
    ]
    rows += [
        ("補助対象経費", "、".join(e.name for e in programme.eligible_expenses.all())),
        ("補助対象外経費", programme.ineligible_note),
        ("実績報告の期限", wareki(programme.report_due_on)),
    ]
    return render_notice(
        Notice(
            title=f"{programme.name} 募集要項",
            number="",
            date=timezone.localdate(),
            addressee="市民活動団体 各位",
            body=[programme.purpose],
            rows=rows,
        )
    )


def _programme(
    *,
    year: int,
    expenses: dict[str, ExpenseCategory],
    categories: list[dict[str, Any]],
    **fields: Any,
) -> Programme:
    """A programme of `year` whose call is open now."""
    now = timezone.now()
    start, end = fiscal_year_range(year)
    data = {
        "fiscal_year": year,
        "call_opens_at": now - datetime.timedelta(days=10),
        "call_closes_at": now + datetime.timedelta(days=30),
        "project_starts_on": start,
        "project_ends_on": end,
        "report_due_on": end + datetime.timedelta(days=30),
        "ineligible_note": "飲食費、団体の経常的な運営費（家賃・人件費など）",
        "ineligible_note_en": "Food and drink; the group's running costs (rent, wages)",
        "department": Department.objects.filter(code="kyodo").first(),
        **fields,
    }
    programme = Programme.objects.create(**data)
    programme.eligible_expenses.set([expenses[code] for code, _n, _e, paid in EXPENSE_CATEGORIES if paid])
    for order, category in enumerate(categories):
        ProgrammeCategory.objects.create(programme=programme, order=order, **category)
    programme.guide.save(f"{programme.slug}-guide.pdf", ContentFile(_guide_pdf(programme)), save=True)
    return programme


OEN_CATEGORIES = [
    {
        "name": "スタートアップ部門",
        "name_en": "Start-up",
        "description": "これまで市の補助を受けていない団体が、新たに始める事業。",
        "description_en": "New projects of groups the city has not supported before.",
        "rate_numerator": 1,
        "rate_denominator": 1,
        "ceiling": 100_000,
        "first_time_only": True,
    },
    {
        "name": "ステップアップ部門",
        "name_en": "Step-up",
        "description": "活動を広げ、発展させる事業。",
        "description_en": "Projects that develop and extend an activity.",
        "rate_numerator": 1,
        "rate_denominator": 2,
        "ceiling": 300_000,
        "floor": 50_000,
    },
]


def _budget(
    plan: tuple[tuple[str, str, str, int], ...], expenses: dict[str, ExpenseCategory], category: ProgrammeCategory
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Expense and income lines of a plan, the subsidy at the most the category's rule gives."""
    paid = {code for code, _n, _e, eligible in EXPENSE_CATEGORIES if eligible}
    expense_lines = [
        {"expense_category": expenses[code], "description": item, "basis": basis, "amount": amount}
        for code, item, basis, amount in plan
    ]
    total = sum(amount for *_rest, amount in plan)
    eligible = sum(amount for code, _i, _b, amount in plan if code in paid)
    requested = min(round_down(eligible * category.rate, category.rounding_unit), category.ceiling)
    income_lines = [{"income_kind": IncomeKind.SUBSIDY, "description": "本補助金", "amount": requested}]
    fees = min(total - requested, 10_000)
    if fees:
        income_lines.append({"income_kind": IncomeKind.PARTICIPATION_FEES, "description": "参加費", "amount": fees})
    if total - requested - fees:
        income_lines.append(
            {"income_kind": IncomeKind.OWN_FUNDS, "description": "会費・自己資金", "amount": total - requested - fees}
        )
    return expense_lines, income_lines, requested


def _apply(
    *,
    programme: Programme,
    category: ProgrammeCategory,
    group: CommunityGroup,
    actor: User,
    online: bool,
    plan: tuple[str, tuple[tuple[str, str, str, int], ...]],
    expenses: dict[str, ExpenseCategory],
    submit: bool = True,
) -> Application:
    title, items = plan
    application = application_services.application_create(
        programme=programme,
        category=category,
        group=group,
        actor=actor,
        title=title,
        channel=Channel.ONLINE if online else Channel.COUNTER,
    )
    expense_lines, income_lines, _requested = _budget(items, expenses, category)
    application_services.application_save(
        application=application,
        actor=actor,
        data={
            "purpose": f"{group.name}が地域で取り組む「{title}」を、より多くの市民に広げます。",
            "starts_on": programme.project_starts_on,
            "ends_on": programme.project_ends_on,
            **PROJECT_TEXT,
        },
        income_lines=income_lines,
        expense_lines=expense_lines,
    )
    if submit:
        application_services.application_submit(application=application, actor=actor)
    application.refresh_from_db()
    return application


def _score(committee: ReviewCommittee, applications: list[Application], levels: dict[int, int]) -> None:
    """Every member not excluded scores every application, around its level (1–5)."""
    rng = random.Random(committee.pk)
    criteria = list(Criterion.objects.filter(sheet__committee=committee))
    for member in committee.members.select_related("user"):
        for application in applications:
            if is_excluded(member, application):
                continue
            level = levels.get(application.pk, 3)
            scores = {c.pk: (max(1, min(5, level + rng.choice((-1, 0, 0, 1)))), "") for c in criteria}
            review_save(
                actor=member.user,
                committee=committee,
                obj=application,
                scores=scores,
                overall_comment="計画が具体的で、地域への広がりが期待できる。"
                if level >= 4
                else "経費の積算根拠をもう少し具体的に示してほしい。",
            )


# --- The programmes -----------------------------------------------------------------------


def _open_call(ctx: DemoContext, year: int, expenses: dict[str, ExpenseCategory], reviewers: list[Any]) -> None:
    """This year's 市民活動応援補助金, taking applications."""
    if Programme.objects.filter(fiscal_year=year, slug="oen").exists():
        return
    committee = _committee(
        ctx,
        year=year,
        name="市民活動応援補助金審査会",
        name_en="Civic Activity Support Subsidy review committee",
        members=reviewers,
    )
    now = timezone.now()
    start, end = fiscal_year_range(year)
    programme = _programme(
        year=year,
        expenses=expenses,
        categories=OEN_CATEGORIES,
        slug="oen",
        code="OEN",
        name="市民活動応援補助金",
        name_en="Civic Activity Support Subsidy",
        purpose="市民活動団体が新たに取り組む公益的な事業や、活動を広げる事業に要する経費の一部を補助し、"
        "市民活動の活性化を図ります。",
        purpose_en="Pays part of the cost of new public-interest projects of civic-activity groups, "
        "and of projects that extend their activity.",
        applicant_kind=ApplicantKind.REGISTERED,
        total_budget=2_000_000,
        max_years=3,
        advance_max_percent=50,
        public_screening=True,
        committee=committee,
        call_opens_at=now - datetime.timedelta(days=12),
        call_closes_at=now + datetime.timedelta(days=25),
        presentation_on=timezone.localdate() + datetime.timedelta(days=40),
        presentation_place="みどり市民活動センター 大会議室",
        presentation_place_en="Large meeting room, Midori Civic Activity Centre",
        decision_on=timezone.localdate() + datetime.timedelta(days=50),
        project_starts_on=max(start, timezone.localdate() + datetime.timedelta(days=60)),
        project_ends_on=end,
    )
    staff = ctx.accounts["staff"]
    groups = list(
        CommunityGroup.objects.filter(slug__startswith="demo-", status=GroupStatus.REGISTERED).order_by("pk")[10:14]
    )
    if len(groups) < 4:
        return
    startup, step_up = programme.categories.order_by("order")
    submitted = [
        _apply(
            programme=programme,
            category=step_up if i % 2 else startup,
            group=group,
            actor=staff,
            online=False,
            plan=PLANS[(i + 1) % len(PLANS)],
            expenses=expenses,
        )
        for i, group in enumerate(groups[:3])
    ]
    application_services.application_accept(application=submitted[0], actor=staff)
    application_services.application_return(
        application=submitted[1],
        actor=staff,
        reason="見積書が添付されていません。印刷費の見積書を添付して再提出してください。",
    )
    _apply(
        programme=programme,
        category=step_up,
        group=groups[3],
        actor=staff,
        online=False,
        plan=PLANS[4],
        expenses=expenses,
        submit=False,
    )
    ctx.log(f"subsidies: {programme} taking applications ({programme.applications.count()} so far)")


def _past_dates(programme: Programme, *, call_opens: datetime.date) -> dict[str, Any]:
    """The dates of a cycle that started on `call_opens`, as they happened."""
    tz = timezone.get_current_timezone()

    def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour), tz)

    return {
        "call_opens_at": at(call_opens),
        "call_closes_at": at(call_opens + datetime.timedelta(days=30), 17),
        "presentation_on": call_opens + datetime.timedelta(days=45),
        "decision_on": call_opens + datetime.timedelta(days=55),
    }


def _complete_cycle(
    ctx: DemoContext,
    *,
    programme: Programme,
    entries: list[dict[str, Any]],
    expenses: dict[str, ExpenseCategory],
    call_opens: datetime.date,
    number: int,
) -> None:
    """Run a programme's whole cycle through the services, then date it back.

    `entries`: dicts with group, actor (None: keyed in at the counter by staff), category,
    plan, level (1–5, the committee's view), outcome ("adopt", "reduce", "reject"),
    spent (share of the plan actually spent, e.g. 0.8) and advance (yen, or 0)."""
    staff = ctx.accounts["staff"]
    committee = programme.committee
    dates = _past_dates(programme, call_opens=call_opens)
    decided_on = dates["decision_on"]
    applications = []
    for index, entry in enumerate(entries):
        actor = entry["actor"] or staff
        application = _apply(
            programme=programme,
            category=entry["category"],
            group=entry["group"],
            actor=actor,
            online=entry["actor"] is not None,
            plan=entry["plan"],
            expenses=expenses,
        )
        if index == 0:
            # Returned at the completeness check (形式審査), corrected and submitted again.
            application_services.application_return(
                application=application,
                actor=staff,
                reason="事業の実施場所が記入されていません。記入して再提出してください。",
            )
            application_services.application_save(
                application=application, actor=actor, data={"place": "みどり市民活動センター 会議室A"}
            )
            application_services.application_submit(application=application, actor=actor)
        application_services.application_accept(application=application, actor=staff)
        applications.append(application)

    # 公開審査: the presentation schedule, scores, results.
    slot_day = dates["presentation_on"]
    tz = timezone.get_current_timezone()
    screening_services.presentation_slots_save(
        actor=staff,
        programme=programme,
        slots={
            a.pk: screening_services.SlotInput(
                starts_at=timezone.now() + datetime.timedelta(days=1, minutes=15 * i),
                minutes=15,
                place=programme.presentation_place or "みどり市民活動センター",
            )
            for i, a in enumerate(applications)
        },
    )
    screening_services.schedule_publish(actor=staff, programme=programme)
    scoring_open(actor=staff, committee=committee)
    _score(committee, applications, {a.pk: e["level"] for a, e in zip(applications, entries, strict=True)})
    scoring_close(actor=staff, committee=committee)
    screening_services.screening_results_publish(actor=staff, programme=programme)

    # Decisions within the budget, published together.
    for application, entry in zip(applications, entries, strict=True):
        application.refresh_from_db()
        if entry["outcome"] == "reject":
            grant_services.application_decide(
                actor=staff,
                application=application,
                adopt=False,
                reason="審査会の評価が合格基準点に達しませんでした。事業の対象と効果をより具体的にしてください。",
            )
        else:
            reduce = entry["outcome"] == "reduce"
            amount = application.requested_amount - (20_000 if reduce else 0)
            grant_services.application_decide(
                actor=staff,
                application=application,
                adopt=True,
                amount=amount,
                reason="公益性と必要性が高く評価されました。",
                assessment_reason="消耗品費の一部は補助対象外と判断しました。" if reduce else "",
            )
    grant_services.decisions_publish(actor=staff, programme=programme)

    # 交付決定, advances, reports, 額の確定.
    for application, entry in zip(applications, entries, strict=True):
        application.refresh_from_db()
        if application.status != ApplicationStatus.ADOPTED:
            continue
        actor = entry["actor"] or staff
        number += 1
        grant_services.grant_decide(
            actor=staff,
            application=application,
            document_number=f"みどり市協第{number}号",
            decided_on=decided_on + datetime.timedelta(days=5),
            conditions="補助事業の内容を変更する場合は、あらかじめ変更承認申請をすること。",
        )
        if entry["advance"]:
            payment = grant_services.payment_request(actor=actor, application=application, amount=entry["advance"])
            grant_services.payment_pay(actor=staff, payment=payment, paid_on=decided_on + datetime.timedelta(days=20))
        _report(application, actor=actor, spent=entry["spent"], expenses=expenses)
        grant_services.report_accept(actor=staff, report=application.report)
        number += 1
        grant_services.amount_confirm(
            actor=staff,
            application=application,
            document_number=f"みどり市協第{number}号",
            confirmed_on=min(timezone.localdate(), programme.report_due_on + datetime.timedelta(days=10)),
        )

    # Move the cycle back to when it happened.
    Programme.objects.filter(pk=programme.pk).update(**dates)
    application_ids = [a.pk for a in applications]
    Application.objects.filter(pk__in=application_ids).update(
        submitted_at=dates["call_opens_at"] + datetime.timedelta(days=10),
        decided_at=datetime.datetime.combine(decided_on, datetime.time(10), tz),
        decision_published_at=datetime.datetime.combine(decided_on, datetime.time(17), tz),
    )
    Programme.objects.filter(pk=programme.pk).update(
        schedule_published_at=dates["call_closes_at"] + datetime.timedelta(days=3),
        screening_results_published_at=datetime.datetime.combine(slot_day, datetime.time(18), tz),
        decisions_published_at=datetime.datetime.combine(decided_on, datetime.time(17), tz),
    )
    from subsidies.models import PresentationSlot

    for i, slot in enumerate(PresentationSlot.objects.filter(application_id__in=application_ids).order_by("pk")):
        PresentationSlot.objects.filter(pk=slot.pk).update(
            starts_at=datetime.datetime.combine(slot_day, datetime.time(13), tz) + datetime.timedelta(minutes=15 * i)
        )


def _report(application: Application, *, actor: User, spent: float, expenses: dict[str, ExpenseCategory]) -> None:
    """The 実績報告: the plan's expenses scaled by `spent`, income balanced with own funds."""
    plan = list(BudgetLine.objects.filter(application=application, stage=BudgetStage.PLAN, side=BudgetSide.EXPENSE))
    lines: list[dict[str, Any]] = [
        {
            "side": BudgetSide.EXPENSE,
            "expense_category": line.expense_category,
            "description": line.description,
            "basis": line.basis,
            "amount": int(line.amount * spent) // 100 * 100,
        }
        for line in plan
    ]
    total = sum(line["amount"] for line in lines)
    subsidy = min(application.grant.amount, total)
    lines.append({"side": BudgetSide.INCOME, "income_kind": IncomeKind.SUBSIDY, "amount": subsidy})
    if total - subsidy:
        lines.append({"side": BudgetSide.INCOME, "income_kind": IncomeKind.OWN_FUNDS, "amount": total - subsidy})
    grant_services.report_save(
        actor=actor,
        application=application,
        data={
            "what_was_done": "計画どおり毎月1回の活動を行い、年度末に報告会を開きました。",
            "participants": 180 if spent >= 1 else 120,
            "outcomes": "新しい参加者が増え、活動の担い手が3人増えました。",
            "self_evaluation": "おおむね計画どおり実施できた。広報の時期が遅れたことが反省点。",
            "summary": f"{application.title}を実施し、延べ{180 if spent >= 1 else 120}人が参加しました。",
        },
        lines=lines,
        submit=True,
    )


def _completed_programmes(
    ctx: DemoContext, year: int, expenses: dict[str, ExpenseCategory], reviewers: list[Any]
) -> None:
    """This year's 地域づくり活動支援交付金 (cycle complete) and last year's 市民活動応援補助金."""
    staff = ctx.accounts["staff"]
    rep = ctx.accounts["rep"]
    rep_group = Membership.objects.filter(user=rep, role=MembershipRole.REPRESENTATIVE).select_related("group").first()
    others = list(CommunityGroup.objects.filter(slug__startswith="demo-", status=GroupStatus.REGISTERED).order_by("pk"))
    if rep_group is None or len(others) < 10:
        return
    # reviewer3 belongs to one applying group: excluded from its application (除斥).
    excluded_group = others[2]
    reviewer3 = ctx.accounts["reviewer3"]
    if not Membership.objects.filter(group=excluded_group, user=reviewer3).exists():
        membership_add(group=excluded_group, user=reviewer3, role=MembershipRole.MEMBER, actor=staff)

    if not Programme.objects.filter(fiscal_year=year, slug="chiiki").exists():
        committee = _committee(
            ctx,
            year=year,
            name="地域づくり活動支援交付金審査会",
            name_en="Community-building grant review committee",
            members=reviewers,
        )
        start, end = fiscal_year_range(year)
        programme = _programme(
            year=year,
            expenses=expenses,
            categories=[
                {
                    "name": "地域づくり活動部門",
                    "name_en": "Community building",
                    "description": "地域づくり計画に基づく活動。",
                    "description_en": "Activities based on the area's community-building plan.",
                    "rate_numerator": 2,
                    "rate_denominator": 3,
                    "ceiling": 200_000,
                }
            ],
            slug="chiiki",
            code="CHK",
            name="地域づくり活動支援交付金",
            name_en="Community-building activity grant",
            purpose="地域づくり協議会や市民活動団体が、地域づくり計画に基づいて行う活動に要する経費の一部を交付します。",
            purpose_en="Pays part of the cost of activities that area councils and civic-activity groups carry out "
            "under their area's community-building plan.",
            applicant_kind=ApplicantKind.REGISTERED,
            total_budget=600_000,
            advance_max_percent=80,
            public_screening=True,
            committee=committee,
            presentation_place="みどり市役所 大会議室",
            presentation_place_en="Large meeting room, Midori City Hall",
            # Projects ran from spring to early autumn; reports came in before the deadline.
            project_starts_on=start,
            project_ends_on=max(
                start + datetime.timedelta(days=150), timezone.localdate() - datetime.timedelta(days=30)
            ),
            report_due_on=max(start + datetime.timedelta(days=170), timezone.localdate() - datetime.timedelta(days=12)),
        )
        category = programme.categories.get()
        _complete_cycle(
            ctx,
            programme=programme,
            entries=[
                {
                    "group": rep_group.group,
                    "actor": rep,
                    "category": category,
                    "plan": PLANS[0],
                    "level": 5,
                    "outcome": "adopt",
                    "spent": 0.7,
                    "advance": 80_000,
                },
                {
                    "group": others[0],
                    "actor": None,
                    "category": category,
                    "plan": PLANS[1],
                    "level": 4,
                    "outcome": "adopt",
                    "spent": 1.0,
                    "advance": 0,
                },
                {
                    "group": excluded_group,
                    "actor": None,
                    "category": category,
                    "plan": PLANS[2],
                    "level": 4,
                    "outcome": "reduce",
                    "spent": 1.0,
                    "advance": 0,
                },
                {
                    "group": others[3],
                    "actor": None,
                    "category": category,
                    "plan": PLANS[3],
                    "level": 2,
                    "outcome": "reject",
                    "spent": 1.0,
                    "advance": 0,
                },
            ],
            expenses=expenses,
            call_opens=start + datetime.timedelta(days=14),
            number=120,
        )
        ctx.log(f"subsidies: {programme}, cycle complete")

    last = year - 1
    if not Programme.objects.filter(fiscal_year=last, slug="oen").exists():
        committee = _committee(
            ctx,
            year=last,
            name="市民活動応援補助金審査会",
            name_en="Civic Activity Support Subsidy review committee",
            members=reviewers[:2],
        )
        start, end = fiscal_year_range(last)
        programme = _programme(
            year=last,
            expenses=expenses,
            categories=OEN_CATEGORIES,
            slug="oen",
            code="OEN",
            name="市民活動応援補助金",
            name_en="Civic Activity Support Subsidy",
            purpose="市民活動団体が新たに取り組む公益的な事業や、活動を広げる事業に要する経費の一部を補助し、"
            "市民活動の活性化を図ります。",
            purpose_en="Pays part of the cost of new public-interest projects of civic-activity groups, "
            "and of projects that extend their activity.",
            applicant_kind=ApplicantKind.REGISTERED,
            total_budget=1_000_000,
            max_years=3,
            advance_max_percent=50,
            public_screening=True,
            committee=committee,
            presentation_place="みどり市民活動センター 大会議室",
            project_starts_on=start,
            project_ends_on=end,
            report_due_on=end + datetime.timedelta(days=30),
        )
        startup, step_up = programme.categories.order_by("order")
        _complete_cycle(
            ctx,
            programme=programme,
            entries=[
                {
                    "group": others[5],
                    "actor": None,
                    "category": step_up,
                    "plan": PLANS[4],
                    "level": 5,
                    "outcome": "adopt",
                    "spent": 1.0,
                    "advance": 0,
                },
                {
                    "group": others[6],
                    "actor": None,
                    "category": startup,
                    "plan": PLANS[3],
                    "level": 4,
                    "outcome": "adopt",
                    "spent": 0.9,
                    "advance": 0,
                },
                {
                    "group": others[7],
                    "actor": None,
                    "category": step_up,
                    "plan": PLANS[1],
                    "level": 2,
                    "outcome": "reject",
                    "spent": 1.0,
                    "advance": 0,
                },
            ],
            expenses=expenses,
            call_opens=start + datetime.timedelta(days=14),
            number=40,
        )
        ctx.log(f"subsidies: {programme}, results published")


def _outside_grants() -> None:
    today = timezone.localdate()
    for row in OUTSIDE_GRANTS:
        data = {k: v for k, v in row.items() if k != "days"}
        OutsideGrant.objects.get_or_create(
            provider=data.pop("provider"),
            name=data.pop("name"),
            defaults={**data, "deadline": today + datetime.timedelta(days=row["days"])},
        )


# --- Bench volume -------------------------------------------------------------------------


def _bench_volume(ctx: DemoContext, year: int, expenses: dict[str, ExpenseCategory]) -> None:
    """About 200 × scale applications in last year's programme, decided and published,
    with every member's scores: bulk-loaded like a migrated register, for `make bench`."""
    programme = Programme.objects.filter(fiscal_year=year - 1, slug="oen").select_related("committee").first()
    if programme is None or programme.committee is None:
        return
    wanted = 200 * ctx.scale
    have = programme.applications.count()
    if have >= wanted:
        return
    rng = random.Random(year)
    groups = list(
        CommunityGroup.objects.filter(status=GroupStatus.REGISTERED)
        .exclude(subsidy_applications__programme=programme)
        .values_list("pk", flat=True)[: wanted - have]
    )
    category = programme.categories.get(first_time_only=False)
    decided = timezone.now() - datetime.timedelta(days=300)
    rows = []
    for i, group_id in enumerate(groups):
        requested = rng.randrange(50, 300) * 1000
        adopted = rng.random() < 0.5
        rows.append(
            Application(
                programme=programme,
                category=category,
                group_id=group_id,
                status=ApplicationStatus.ADOPTED if adopted else ApplicationStatus.REJECTED,
                receipt_number=f"{programme.fiscal_year}-{programme.code}-B{i + 1:05d}",
                channel=Channel.POST,
                title=PLANS[i % len(PLANS)][0],
                purpose="地域の課題に取り組む事業です。",
                starts_on=programme.project_starts_on,
                ends_on=programme.project_ends_on,
                eligible_cost=requested * 2,
                requested_amount=requested,
                submitted_at=decided - datetime.timedelta(days=40),
                version=1,
                awarded_amount=requested if adopted else None,
                decision_reason="審査会の評価に基づき決定しました。",
                decided_at=decided,
                decision_published_at=decided,
            )
        )
    created = Application.objects.bulk_create(rows, batch_size=500)
    lines = []
    for application in created:
        lines.append(
            BudgetLine(
                application=application,
                stage=BudgetStage.PLAN,
                side=BudgetSide.EXPENSE,
                expense_category=expenses["printing"],
                amount=application.eligible_cost,
                eligible=True,
            )
        )
        lines.append(
            BudgetLine(
                application=application,
                stage=BudgetStage.PLAN,
                side=BudgetSide.INCOME,
                income_kind=IncomeKind.SUBSIDY,
                amount=application.requested_amount,
            )
        )
        lines.append(
            BudgetLine(
                application=application,
                stage=BudgetStage.PLAN,
                side=BudgetSide.INCOME,
                income_kind=IncomeKind.OWN_FUNDS,
                amount=application.eligible_cost - application.requested_amount,
            )
        )
    BudgetLine.objects.bulk_create(lines, batch_size=2000)
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Application)
    committee = programme.committee
    members = list(CommitteeMember.objects.filter(committee=committee))
    criteria = list(Criterion.objects.filter(sheet__committee=committee))
    from portal.review_services import weighted_total

    pairs, points = [], []
    for application in created:
        for member in members:
            scores = [CriterionScore(criterion=criterion, score=rng.randint(1, 5)) for criterion in criteria]
            pairs.append(
                Review(
                    committee=committee,
                    member=member,
                    content_type=ct,
                    object_id=application.pk,
                    total=weighted_total(scores),
                )
            )
            points.append(scores)
    reviews = Review.objects.bulk_create(pairs, batch_size=1000)
    for review, scores in zip(reviews, points, strict=True):
        for row in scores:
            row.review = review
    CriterionScore.objects.bulk_create([row for scores in points for row in scores], batch_size=5000)
    ctx.log(f"subsidies: {len(created)} more applications in {programme} (bench volume)")


@transaction.atomic
def seed_subsidies(ctx: DemoContext) -> None:
    year = fiscal_year(timezone.localdate())
    expenses = expense_categories()
    reviewers = _reviewers(ctx)
    _outside_grants()
    _completed_programmes(ctx, year, expenses, reviewers)
    _open_call(ctx, year, expenses, reviewers)
    if ctx.scale >= 2:
        _bench_volume(ctx, year, expenses)
