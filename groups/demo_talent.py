"""Demo data of the talent bank (人材バンク): about 60 helpers (協働サポーター) — tax
accountants, labour consultants, IT engineers, designers, retired teachers… — most
published, some waiting for review, some returned; the coordinator
`coordinator@example.jp`; requests in every state; matches made with how they went.
Idempotent: nothing is added once the demo helpers exist."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from groups.models import (
    CandidacyStatus,
    CommunityGroup,
    Membership,
    MembershipRole,
    ProfileStatus,
    RequestStatus,
    TalentProfile,
    TalentRequest,
    TalentSkill,
)
from groups.services import talent as services
from portal.demo import DemoContext, demo_user
from portal.models import Area, StaffRole
from portal.services import staff_assign

DOMAIN = "talent.example.jp"
HELPERS_PER_SCALE = 60

# (public name, skills, kind, pro bono, fee, experience, introduction)
PEOPLE: list[tuple[str, tuple[str, ...], str, bool, str, str, str]] = [
    (
        "税理士K",
        ("tax", "accounting"),
        "person",
        True,
        "",
        "税理士歴20年。NPO法人の会計顧問を5団体で経験。",
        "小さな団体の会計・決算・税務申告のご相談にのります。",
    ),
    (
        "社労士のY",
        ("labour", "management"),
        "person",
        True,
        "",
        "社会保険労務士。介護事業所の労務管理が専門。",
        "有償スタッフを雇うときの契約や社会保険の手続きをお手伝いします。",
    ),
    (
        "ITエンジニアT",
        ("pr-it",),
        "person",
        True,
        "",
        "Webシステム開発15年。週末に地域のIT相談会を開催。",
        "ホームページの作成、メール配信、オンライン会議の導入を支援します。",
    ),
    (
        "デザイナーM",
        ("design", "pr-it"),
        "person",
        False,
        "チラシ1点2万円から（団体割引あり）",
        "広告制作会社でアートディレクターを10年。",
        "チラシ・ポスター・ロゴのデザインを引き受けます。",
    ),
    (
        "元教員のS",
        ("teaching",),
        "person",
        True,
        "",
        "小学校教員を38年務め退職。理科が専門。",
        "子ども向けの実験教室や、学習支援ボランティアの研修講師をします。",
    ),
    (
        "行政書士O",
        ("law", "management"),
        "person",
        True,
        "",
        "行政書士。NPO法人設立の書類作成が専門。",
        "NPO法人の設立や定款変更の手続きをご案内します。",
    ),
    (
        "通訳ボランティアL",
        ("translation",),
        "person",
        True,
        "",
        "英語・中国語の通訳案内士。",
        "外国にルーツのある方向けの案内文の翻訳や、イベントの通訳をします。",
    ),
    (
        "介護福祉士H",
        ("welfare-care", "teaching"),
        "person",
        True,
        "",
        "特別養護老人ホームで介護福祉士として勤務。",
        "認知症サポーター養成講座や、介護の基礎講座の講師をします。",
    ),
    (
        "環境カウンセラーE",
        ("environment", "teaching"),
        "person",
        True,
        "",
        "環境カウンセラー。河川の水質調査の経験多数。",
        "自然観察会や環境学習の企画と講師をお手伝いします。",
    ),
    (
        "スポーツ指導員F",
        ("sports",),
        "person",
        False,
        "1回5,000円（交通費込み）",
        "日本スポーツ協会公認指導員。",
        "子どもから高齢者までの運動教室の指導をします。",
    ),
    (
        "中小企業診断士N",
        ("management", "fundraising"),
        "person",
        True,
        "",
        "中小企業診断士。事業計画策定の支援が専門。",
        "団体の中期計画づくりや、助成金申請書の書き方をお手伝いします。",
    ),
    (
        "カメラマンP",
        ("photo-video", "pr-it"),
        "person",
        False,
        "半日2万円（データ納品込み）",
        "写真スタジオ経営。",
        "活動の記録写真や、広報用の写真・動画の撮影をします。",
    ),
]
BUSINESSES: list[tuple[str, tuple[str, ...], str, str]] = [
    (
        "みどり会計事務所",
        ("accounting", "tax"),
        "会計事務所（職員8名）。",
        "地域貢献として市民活動団体の会計相談を無料で受けています。",
    ),
    ("さくら印刷", ("design",), "地元の印刷会社。", "チラシのデザインから印刷まで、団体価格でお引き受けします。"),
    (
        "株式会社みどりIT",
        ("pr-it",),
        "ソフトウェア会社（社員40名）。",
        "社員がプロボノとして団体のIT化をお手伝いします。",
    ),
    (
        "わかば法律事務所",
        ("law",),
        "弁護士3名の法律事務所。",
        "団体の規約や契約書の確認、トラブルの初期相談に応じます。",
    ),
]
SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"]
GIVEN = ["健一", "由美", "誠", "恵子", "大輔", "明美", "浩", "直子", "翔太", "美咲"]
KANA_SURNAMES = [
    "サトウ",
    "スズキ",
    "タカハシ",
    "タナカ",
    "イトウ",
    "ワタナベ",
    "ヤマモト",
    "ナカムラ",
    "コバヤシ",
    "カトウ",
    "ヨシダ",
    "ヤマダ",
]

REQUESTS = [
    # (title, skills, budget, description, final state)
    (
        "会計ソフトの導入と決算書づくり",
        ("accounting",),
        0,
        "会員30名の団体です。手書きの出納帳から会計ソフトに移り、決算書を作れるようにしたい。",
        "completed",
    ),
    (
        "活動を紹介するホームページの作成",
        ("pr-it",),
        50000,
        "活動紹介と行事予定を載せる簡単なホームページを作りたい。更新は会員がします。",
        "introduced",
    ),
    (
        "有償ボランティアの雇用契約について",
        ("labour",),
        0,
        "送迎ボランティアに謝礼を払うことになり、労務上の注意点を知りたい。",
        "proposed_accepted",
    ),
    ("子ども向け理科実験教室の講師", ("teaching",), 0, "夏休みに小学生20名向けの実験教室を開きたい。", "proposed"),
    (
        "NPO法人化の手続き",
        ("law", "management"),
        0,
        "任意団体からNPO法人になりたい。定款づくりから相談したい。",
        "submitted",
    ),
    (
        "外国人住民向け案内チラシの翻訳",
        ("translation",),
        10000,
        "防災訓練の案内を英語と中国語にしたい。A4で1枚です。",
        "completed",
    ),
    (
        "団体のロゴとチラシのデザイン",
        ("design",),
        30000,
        "設立10周年に合わせてロゴとチラシを新しくしたい。",
        "introduced",
    ),
    ("高齢者向け体操教室の指導者", ("sports", "welfare-care"), 0, "公民館で月2回の体操教室を始めたい。", "submitted"),
    (
        "助成金申請書の書き方",
        ("fundraising",),
        0,
        "民間助成金に初めて申請する。事業計画の書き方を教えてほしい。",
        "completed",
    ),
    ("河川の水質調査の指導", ("environment",), 0, "子どもたちと川の生き物調査をしたい。", "unmatched"),
    ("イベントの記録写真", ("photo-video",), 20000, "秋祭りの記録写真を撮ってほしい。", "cancelled"),
]


def _helper_specs(count: int) -> list[dict[str, Any]]:
    """`count` helpers: the named people and businesses, then plausible variations."""
    rng = random.Random(11)  # noqa: S311 (reproducible demo data)
    specs: list[dict[str, Any]] = []
    for name, skills, kind, pro_bono, fee, experience, intro in PEOPLE:
        specs.append(
            {
                "name": name,
                "skills": skills,
                "kind": kind,
                "pro_bono": pro_bono,
                "fee": fee,
                "experience": experience,
                "introduction": intro,
            }
        )
    for name, skills, experience, intro in BUSINESSES:
        specs.append(
            {
                "name": name,
                "skills": skills,
                "kind": "business",
                "pro_bono": True,
                "fee": "",
                "experience": experience,
                "introduction": intro,
            }
        )
    i = 0
    while len(specs) < count:
        base = PEOPLE[i % len(PEOPLE)]
        surname = SURNAMES[rng.randrange(len(SURNAMES))]
        title = base[0].rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ").removesuffix("の")
        specs.append(
            {
                "name": f"{title}の{surname}",
                "skills": base[1],
                "kind": "person",
                "pro_bono": rng.random() < 0.7,
                "fee": "1時間3,000円（交通費別）",
                "experience": base[5],
                "introduction": base[6],
            }
        )
        i += 1
    return specs[:count]


def _user(index: int, spec: dict[str, Any]) -> Any:
    if index == 0:
        return demo_user("helper@example.jp", "税理 和夫", "ゼイリ カズオ")
    s = index % len(SURNAMES)
    return demo_user(
        f"helper{index:03d}@{DOMAIN}", f"{SURNAMES[s]} {GIVEN[index % len(GIVEN)]}", f"{KANA_SURNAMES[s]} タロウ"
    )


def _helpers(ctx: DemoContext, reviewer: Any) -> list[TalentProfile]:
    count = HELPERS_PER_SCALE * max(1, ctx.scale)
    areas = list(Area.objects.filter(is_active=True))
    skills = {skill.slug: skill for skill in TalentSkill.objects.all()}
    rng = random.Random(12)  # noqa: S311 (reproducible demo data)
    profiles: list[TalentProfile] = []
    for index, spec in enumerate(_helper_specs(count)):
        user = _user(index, spec)
        profile = TalentProfile.objects.filter(user=user).first()
        if profile is None:
            data = {
                "kind": spec["kind"],
                "display_name": spec["name"],
                "skills": [skills[slug] for slug in spec["skills"] if slug in skills],
                "areas": rng.sample(areas, k=min(len(areas), rng.randint(1, 3))),
                "experience": spec["experience"],
                "introduction": spec["introduction"],
                "weekdays": rng.random() < 0.4,
                "evenings": rng.random() < 0.5,
                "weekends": rng.random() < 0.7,
                "availability_note": rng.choice(["土日の午前", "平日19時以降", "月2回程度", ""]),
                "pro_bono": spec["pro_bono"],
                "fee_note": "" if spec["pro_bono"] else spec["fee"],
                "phone": f"090-{1000 + index:04d}-{2000 + index:04d}",
            }
            profile = services.profile_save(user=user, data=data)
            if index % 12 == 5:
                pass  # left waiting for review
            elif index % 20 == 7:
                services.profile_review(
                    profile=profile,
                    actor=reviewer,
                    decision="return",
                    note="自己紹介に電話番号が書かれています。連絡先は公開欄に書かないでください。",
                )
            else:
                services.profile_review(profile=profile, actor=reviewer, decision="approve")
        profiles.append(profile)
    return profiles


def _request_groups(rep_group: CommunityGroup) -> list[tuple[CommunityGroup, Any]]:
    others = (
        Membership.objects.filter(role=MembershipRole.REPRESENTATIVE, group__status="registered")
        .exclude(group=rep_group)
        .select_related("group", "user")
        .order_by("group_id")[:4]
    )
    rep = Membership.objects.get(group=rep_group, role=MembershipRole.REPRESENTATIVE).user
    return [(rep_group, rep), *((m.group, m.user) for m in others)]


def _requests(ctx: DemoContext, coordinator: Any, profiles: list[TalentProfile], rep_group: CommunityGroup) -> None:
    if TalentRequest.objects.exists():
        return
    published = [p for p in profiles if TalentProfile.objects.get(pk=p.pk).status == ProfileStatus.APPROVED]
    skills = {skill.slug: skill for skill in TalentSkill.objects.all()}
    groups = _request_groups(rep_group)
    today = timezone.localdate()
    helper_account = profiles[0]
    for i, (title, wanted, budget, description, state) in enumerate(REQUESTS):
        group, rep = groups[i % len(groups)]
        request = services.request_create(
            group=group,
            actor=rep,
            data={
                "title": title,
                "skills": [skills[s] for s in wanted],
                "description": description,
                "period_start": today + datetime.timedelta(days=7 + i),
                "period_end": today + datetime.timedelta(days=90 + i),
                "budget": budget,
                "area": group.areas.first(),
            },
        )
        if state == "submitted":
            continue
        if state == "cancelled":
            services.request_cancel(request=request, actor=rep)
            continue
        matching = [p for p in published if set(p.skills.values_list("slug", flat=True)) & set(wanted)]
        candidates = (matching or published)[:2]
        if state == "proposed" and i % len(groups) == 0:
            candidates = [helper_account]  # the demo helper has a proposal to answer
        proposals = [
            services.candidate_propose(request=request, actor=coordinator, profile=p, message="ご協力いただけますか。")
            for p in candidates
        ]
        if state == "unmatched":
            for candidacy in proposals:
                services.candidacy_answer(
                    candidacy=candidacy, actor=candidacy.profile.user, accept=False, note="日程が合いません"
                )
            services.request_close(
                request=request,
                actor=coordinator,
                outcome=RequestStatus.UNMATCHED,
                note="候補の方の日程が合わず、今回はご紹介できませんでした。",
            )
            continue
        if state == "proposed":
            continue
        first = proposals[0]
        services.candidacy_answer(candidacy=first, actor=first.profile.user, accept=True, note="ぜひ協力します")
        if state == "proposed_accepted":
            continue
        services.candidacy_introduce(candidacy=first, actor=coordinator)
        if state == "completed":
            services.feedback_record(request=request, actor=rep, rating=5, comment="丁寧に教えていただき助かりました。")
            services.feedback_record(request=request, actor=first.profile.user, rating=4, comment="熱心な団体でした。")
            services.request_close(request=request, actor=coordinator, outcome=RequestStatus.COMPLETED)
    ctx.log(
        f"talent bank: {TalentProfile.objects.filter(status=ProfileStatus.APPROVED).count()} published helpers, "
        f"{TalentRequest.objects.count()} requests, "
        f"{TalentRequest.objects.filter(candidacies__status=CandidacyStatus.INTRODUCED).count()} matches"
    )


def seed_talent(ctx: DemoContext, rep_group: CommunityGroup) -> None:
    coordinator = demo_user("coordinator@example.jp", "調整 真理", "チョウセイ マリ")
    staff_assign(user=coordinator, role=StaffRole.COORDINATOR, actor=None)
    reviewer = ctx.accounts.get("staff") or coordinator
    profiles = _helpers(ctx, reviewer)
    _requests(ctx, coordinator, profiles, rep_group)


__all__: list[Any] = ["seed_talent"]
