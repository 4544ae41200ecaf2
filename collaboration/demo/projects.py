"""Demo data of the projects area (idempotent: natural keys).

About thirty projects of the demo city over every form of collaboration and every
domain ①–⑤, over the last three fiscal years, with partners among the demo groups
(rep@example.jp's group is a partner of several), departments and businesses, progress,
public timeline entries and meeting logs; some long projects have their periodic check
(中間ふりかえり) due, one a partnership review due. With `--scale 2` or more, 300 × scale
more projects are bulk-created for `make bench`."""

from __future__ import annotations

import datetime
import random
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from collaboration.models import (
    CollaborationForm,
    EntryKind,
    PartnerKind,
    Project,
    ProjectEntry,
    ProjectPartner,
    ProjectStatus,
)
from portal.dates import fiscal_year, fiscal_year_start
from portal.demo import DemoContext
from portal.models import ActivityField, Department

REP_GROUP = "みどり子育てネットワーク"

# slug, title, form, domain, department, fields, years back, partners, status, progress, long
# partners: "rep" (rep@example.jp's group), "group:<field slug>" (a demo group of that
# field), "dept:<code>", or "business:<name>" / "school:<name>" / "community:<name>".
PROJECTS: list[tuple[Any, ...]] = [
    (
        "hanano-michi",
        "花のみちの花壇管理（アドプト）",
        "adopt",
        1,
        "kankyo_seisaku",
        ["environment"],
        2,
        ["group:environment", "dept:kankyo_seisaku"],
        "active",
        60,
        True,
    ),
    (
        "bohan-patrol",
        "通学路の防犯パトロール（協定）",
        "kyotei",
        2,
        "bosai_anzen",
        ["safety"],
        1,
        ["community:若葉台自治会", "rep", "dept:bosai_anzen"],
        "active",
        45,
        True,
    ),
    (
        "kosodate-salon",
        "子育てサロン運営（協働委託）",
        "kyodo-itaku",
        3,
        "kosodate_shien",
        ["children-youth"],
        0,
        ["rep", "dept:kosodate_shien"],
        "active",
        35,
        True,
    ),
    (
        "kasen-seiso-2024",
        "みどり川クリーン大作戦（実行委員会）",
        "jikko-iinkai",
        2,
        "kankyo_seisaku",
        ["environment"],
        2,
        ["group:environment", "business:みどり建設株式会社", "dept:kankyo_seisaku"],
        "completed",
        100,
        False,
    ),
    (
        "kasen-seiso-2025",
        "みどり川クリーン大作戦 2025（実行委員会）",
        "jikko-iinkai",
        2,
        "kankyo_seisaku",
        ["environment"],
        1,
        ["group:environment", "business:みどり建設株式会社", "dept:kankyo_seisaku"],
        "completed",
        100,
        False,
    ),
    (
        "kasen-seiso",
        "みどり川クリーン大作戦 今年度（実行委員会）",
        "jikko-iinkai",
        2,
        "kankyo_seisaku",
        ["environment"],
        0,
        ["group:environment", "rep", "dept:kankyo_seisaku"],
        "active",
        20,
        False,
    ),
    (
        "shimin-matsuri",
        "市民まつり（共催）",
        "kyosai",
        3,
        "kyodo",
        ["community-development"],
        0,
        ["group:community-development", "dept:kyodo"],
        "planned",
        10,
        False,
    ),
    (
        "kosodate-forum",
        "子育てフォーラム（後援）",
        "koen",
        1,
        "kosodate_shien",
        ["children-youth"],
        1,
        ["rep", "dept:kosodate_shien"],
        "completed",
        100,
        False,
    ),
    (
        "mimamori-network",
        "高齢者見守りネットワーク（事業協力）",
        "jigyo-kyoryoku",
        3,
        "fukushi",
        ["welfare"],
        2,
        ["group:welfare", "business:みどり新聞販売店会", "dept:fukushi"],
        "active",
        70,
        True,
    ),
    (
        "kominkan-koza",
        "公民館市民講座の企画運営（委託）",
        "itaku",
        4,
        "shogai_gakushu",
        ["education-culture"],
        1,
        ["group:education-culture", "dept:shogai_gakushu"],
        "completed",
        100,
        False,
    ),
    (
        "ibasho-hojo",
        "地域の居場所づくり（補助・助成）",
        "hojo",
        2,
        "fukushi",
        ["welfare"],
        0,
        ["group:welfare", "dept:fukushi"],
        "active",
        40,
        False,
    ),
    (
        "kankyo-plan-teian",
        "環境基本計画への市民提案（政策提案）",
        "sankaku-teian",
        4,
        "kankyo_seisaku",
        ["environment"],
        1,
        ["group:environment", "dept:kankyo_seisaku"],
        "completed",
        100,
        False,
    ),
    (
        "bosai-joho",
        "防災情報の共有会（情報交換）",
        "joho-kokan",
        5,
        "bosai_anzen",
        ["safety"],
        0,
        ["community:中央地区自治会連合会", "dept:bosai_anzen"],
        "active",
        50,
        True,
    ),
    (
        "tabunka-kenkyukai",
        "多文化共生研究会（研究会）",
        "kenkyukai",
        3,
        "kikaku",
        ["international"],
        2,
        ["group:international", "school:みどり国際高等学校", "dept:kikaku"],
        "completed",
        100,
        False,
    ),
    (
        "npo-center-shien",
        "NPO立ち上げ相談（支援）",
        "shien",
        4,
        "kyodo",
        ["npo-support"],
        0,
        ["group:npo-support", "dept:kyodo"],
        "active",
        55,
        True,
    ),
    (
        "satoyama",
        "緑山の里山保全（アドプト）",
        "adopt",
        1,
        "kankyo_seisaku",
        ["environment"],
        1,
        ["group:environment", "dept:kankyo_seisaku"],
        "active",
        65,
        True,
    ),
    (
        "koen-adopt",
        "桜川公園の清掃と花植え（アドプト）",
        "adopt",
        2,
        "kankyo_seisaku",
        ["environment", "community-development"],
        0,
        ["rep", "group:community-development", "dept:kankyo_seisaku"],
        "active",
        30,
        True,
    ),
    (
        "gakudo-kyotei",
        "放課後の見守り（協定）",
        "kyotei",
        3,
        "kosodate_shien",
        ["children-youth"],
        2,
        ["rep", "school:みどり第一小学校", "dept:kosodate_shien"],
        "active",
        80,
        True,
    ),
    (
        "shokuiku",
        "親子の食育教室（協働委託）",
        "kyodo-itaku",
        3,
        "kosodate_shien",
        ["children-youth", "health"],
        1,
        ["rep", "dept:kosodate_shien"],
        "completed",
        100,
        False,
    ),
    (
        "kenko-walk",
        "健康ウォーキング大会（共催）",
        "kyosai",
        3,
        "fukushi",
        ["health", "sports"],
        1,
        ["group:sports", "dept:fukushi"],
        "completed",
        100,
        False,
    ),
    (
        "kanko-guide",
        "まち歩き観光ガイド（事業協力）",
        "jigyo-kyoryoku",
        2,
        "kikaku",
        ["tourism"],
        0,
        ["group:tourism", "business:みどり観光協会", "dept:kikaku"],
        "active",
        25,
        False,
    ),
    (
        "jinken-film",
        "人権啓発映画会（後援）",
        "koen",
        1,
        "kyodo",
        ["human-rights"],
        2,
        ["group:human-rights", "dept:kyodo"],
        "completed",
        100,
        False,
    ),
    (
        "sports-kyoshitsu",
        "障がい者スポーツ教室（委託）",
        "itaku",
        4,
        "fukushi",
        ["sports", "welfare"],
        0,
        ["group:sports", "dept:fukushi"],
        "planned",
        0,
        False,
    ),
    (
        "akiya-cafe",
        "空き家カフェの運営（補助・助成）",
        "hojo",
        2,
        "kikaku",
        ["community-development"],
        1,
        ["group:community-development", "dept:kikaku"],
        "discontinued",
        30,
        False,
    ),
    (
        "kosodate-plan-teian",
        "子ども・子育て支援計画への参画（参画提案）",
        "sankaku-teian",
        4,
        "kosodate_shien",
        ["children-youth"],
        0,
        ["rep", "dept:kosodate_shien"],
        "active",
        50,
        False,
    ),
    (
        "gomi-joho",
        "ごみ減量の情報交換会（情報交換）",
        "joho-kokan",
        5,
        "kankyo_seisaku",
        ["environment", "daily-life"],
        1,
        ["community:東部地区自治会", "dept:kankyo_seisaku"],
        "completed",
        100,
        False,
    ),
    (
        "chiiki-kenkyukai",
        "地域公共交通研究会（研究会）",
        "kenkyukai",
        4,
        "kikaku",
        ["daily-life"],
        0,
        ["group:daily-life", "business:みどりバス株式会社", "dept:kikaku"],
        "active",
        15,
        True,
    ),
    (
        "volunteer-shien",
        "災害ボランティアセンター運営訓練（支援）",
        "shien",
        5,
        "bosai_anzen",
        ["safety"],
        2,
        ["group:safety", "dept:bosai_anzen", "dept:kyodo"],
        "completed",
        100,
        False,
    ),
    (
        "shogai-gakushu-kyosai",
        "生涯学習フェスティバル（共催）",
        "kyosai",
        3,
        "shogai_gakushu",
        ["education-culture"],
        2,
        ["group:education-culture", "dept:shogai_gakushu"],
        "completed",
        100,
        False,
    ),
    (
        "kodomo-shokudo",
        "こども食堂ネットワーク（協定）",
        "kyotei",
        2,
        "fukushi",
        ["children-youth", "welfare"],
        1,
        ["rep", "group:welfare", "dept:fukushi"],
        "active",
        55,
        True,
    ),
]

# Projects whose periodic check is due (one overdue) and the one whose partnership review is due.
CHECKIN_DUE = {"kosodate-salon": 3, "mimamori-network": -5, "gakudo-kyotei": 6}
REVIEW_DUE = "hanano-michi"

TIMELINE = [
    (EntryKind.MILESTONE, "事業を開始しました", True, 0),
    (EntryKind.MEETING, "協働の打合せ（役割分担の確認）", False, None),
    (EntryKind.PROGRESS, "活動の実施状況を報告しました", True, None),
    (EntryKind.CHECKIN, "中間ふりかえりを行いました", True, None),
]


def _groups_by_field() -> dict[str, list[Any]]:
    from groups.models import CommunityGroup

    found: dict[str, list[Any]] = {}
    for group in CommunityGroup.objects.registered().filter(slug__startswith="demo-").order_by("slug")[:400]:
        field_slug = group.slug.removeprefix("demo-").rsplit("-", 1)[0]
        found.setdefault(field_slug, []).append(group)
    return found


def _partner_rows(
    specs: list[str], groups: dict[str, list[Any]], departments: dict[str, Department], rep_group: Any, index: int
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for spec in specs:
        kind, _sep, value = spec.partition(":")
        if kind == "rep":
            if rep_group is None:
                continue
            rows.append(
                {
                    "kind": PartnerKind.GROUP,
                    "group": rep_group,
                    "role": "活動の企画と運営",
                    "cost_share": "会場費の一部",
                }
            )
        elif kind == "group":
            candidates = groups.get(value) or [g for gs in groups.values() for g in gs]
            if not candidates:
                continue
            group = candidates[index % len(candidates)]
            if any(r.get("group") == group for r in rows) or group == rep_group:
                continue
            rows.append(
                {"kind": PartnerKind.GROUP, "group": group, "role": "活動の実施", "cost_share": "ボランティアの交通費"}
            )
        elif kind == "dept":
            rows.append(
                {
                    "kind": PartnerKind.DEPARTMENT,
                    "department": departments[value],
                    "role": "広報と関係機関との調整",
                    "cost_share": "消耗品費と保険料",
                }
            )
        else:
            rows.append({"kind": kind, "name": value, "role": "会場・物品の提供", "cost_share": "物品の提供"})
    return rows


def seed(ctx: DemoContext) -> None:
    from collaboration.services.projects import next_checkin, project_create
    from groups.models import CommunityGroup

    today = timezone.localdate()
    this_year = fiscal_year(today)
    forms = {f.code: f for f in CollaborationForm.objects.all()}
    departments = {d.code: d for d in Department.objects.all()}
    fields = {f.slug: f for f in ActivityField.objects.all()}
    groups = _groups_by_field()
    rep_group = CommunityGroup.objects.filter(name=REP_GROUP).first()
    existing = set(Project.objects.filter(slug__in=[row[0] for row in PROJECTS]).values_list("slug", flat=True))
    staff = ctx.accounts.get("staff")
    created = 0
    for index, row in enumerate(PROJECTS):
        slug, title, form_code, domain, dept, field_slugs, back, specs, status, progress, long = row
        if slug in existing:
            continue
        year = this_year - back
        starts = max(fiscal_year_start(year) + datetime.timedelta(days=30 + index), datetime.date(2000, 1, 1))
        if starts > today:
            starts = today - datetime.timedelta(days=10)
        ends = None if long else fiscal_year_start(year + 1) - datetime.timedelta(days=1)
        partners = _partner_rows(specs, groups, departments, rep_group, index)
        if len(partners) < 2:
            partners.append({"kind": PartnerKind.BUSINESS, "name": "みどり商店会", "role": "協賛", "cost_share": ""})
        data = {
            "slug": slug,
            "title": title,
            "title_en": "",
            "summary": f"{title.split('（')[0]}を、市民活動団体と市が役割を分担して進めます。",
            "form": forms[form_code],
            "domain": domain,
            "department": departments[dept],
            "starts_on": starts,
            "ends_on": ends,
            "budget_total": 100_000 * (1 + index % 9),
            "cost_sharing": "市：消耗品費・保険料　団体：運営・人件費（ボランティア）",
            "is_published": slug != "npo-center-shien",
            "checkin_interval_months": 6 if long else None,
            "partnership_since": starts - relativedelta(years=3) if slug == REVIEW_DUE else None,
            "review_interval_years": 3 if slug == REVIEW_DUE else None,
        }
        project = project_create(
            actor=staff,
            data=data,
            fields=[fields[s] for s in field_slugs if s in fields],
            partners=partners,
        )
        _timeline(project, starts, today, staff)
        updates: dict[str, Any] = {"status": status, "progress": progress}
        if slug in CHECKIN_DUE:
            updates["next_checkin_on"] = today + datetime.timedelta(days=CHECKIN_DUE[slug])
        elif long:
            updates["next_checkin_on"] = max(
                next_checkin(project, after=today - relativedelta(months=2)), today + datetime.timedelta(days=20)
            )
        if slug == REVIEW_DUE:
            since = today + datetime.timedelta(days=20) - relativedelta(years=6)
            updates["partnership_since"] = since
            updates["next_review_on"] = today + datetime.timedelta(days=20)
        Project.objects.filter(pk=project.pk).update(**updates)
        created += 1
    if created:
        ctx.log(f"collaboration projects: {created}")
    if ctx.scale >= 2:
        _bench_volume(ctx, forms, departments, fields, groups, this_year)


def _timeline(project: Project, starts: datetime.date, today: datetime.date, author: Any) -> None:
    entries = []
    span = max((today - starts).days, 4)
    for n, (kind, title, public, progress) in enumerate(TIMELINE):
        on = starts + datetime.timedelta(days=span * n // len(TIMELINE))
        if on > today:
            break
        entries.append(
            ProjectEntry(
                project=project,
                kind=kind,
                on=on,
                title=title,
                body="参加者：団体 5名、市 2名。次回までの宿題を確認しました。" if kind == EntryKind.MEETING else "",
                is_public=public,
                progress=progress,
                author=author,
            )
        )
    ProjectEntry.objects.bulk_create(entries)


def _bench_volume(
    ctx: DemoContext,
    forms: dict[str, CollaborationForm],
    departments: dict[str, Department],
    fields: dict[str, ActivityField],
    groups: dict[str, list[Any]],
    this_year: int,
) -> None:
    """300 × scale more projects with two partners each, bulk-created (make bench)."""
    wanted = 300 * ctx.scale
    have = Project.objects.filter(slug__startswith="bench-").count()
    if have >= wanted:
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    form_list = list(forms.values())
    dept_list = list(departments.values())
    field_list = list(fields.values())
    group_list = [g for gs in groups.values() for g in gs] or [None]
    statuses = [ProjectStatus.ACTIVE, ProjectStatus.COMPLETED, ProjectStatus.PLANNED, ProjectStatus.ACTIVE]
    projects = []
    for n in range(have, wanted):
        year = this_year - n % 3
        starts = fiscal_year_start(year) + datetime.timedelta(days=n % 300)
        form = form_list[n % len(form_list)]
        projects.append(
            Project(
                slug=f"bench-{n + 1}",
                title=f"{form.name}による地域協働事業 {n + 1}",
                summary="市民活動団体と市が協働して地域の課題に取り組みます。",
                form=form,
                domain=1 + n % 5,
                department=dept_list[n % len(dept_list)],
                fiscal_year=year,
                starts_on=starts,
                ends_on=starts + datetime.timedelta(days=200),
                budget_total=rng.randint(1, 50) * 20_000,
                status=statuses[n % len(statuses)],
                progress=rng.randint(0, 100),
            )
        )
    Project.objects.bulk_create(projects, batch_size=500)
    created = list(Project.objects.filter(slug__in=[p.slug for p in projects]).values_list("pk", "department_id"))
    partners = []
    links = []
    through = Project.fields.through
    for i, (pk, department_id) in enumerate(created):
        group = group_list[i % len(group_list)]
        if group is not None:
            partners.append(ProjectPartner(project_id=pk, kind=PartnerKind.GROUP, group=group, order=0, role="運営"))
        else:
            partners.append(ProjectPartner(project_id=pk, kind=PartnerKind.BUSINESS, name="みどり商店会", order=0))
        partners.append(
            ProjectPartner(
                project_id=pk, kind=PartnerKind.DEPARTMENT, department_id=department_id, order=1, role="広報"
            )
        )
        if field_list:
            links.append(through(project_id=pk, activityfield_id=field_list[i % len(field_list)].pk))
    ProjectPartner.objects.bulk_create(partners, batch_size=1000)
    through.objects.bulk_create(links, batch_size=1000)
    ctx.log(f"collaboration bench projects: {len(created)}")
