"""Demo data of the groups app: registered groups across the fields of seed 002's table,
pending applications, and the group that rep@example.jp represents."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from groups.models import (
    CommunityGroup,
    Event,
    EventRegistration,
    GroupStatus,
    Membership,
    MembershipRole,
    RegistrationStatus,
)
from groups.services import event_create, group_apply, group_approve, membership_add
from groups.services.events import EVENT_FIELDS
from portal import dates
from portal.demo import DemoContext, demo_user
from portal.models import ActivityField, Area

# Seed 002's table of 153 civic-activity groups by field (第1章3).
FIELD_COUNTS = {
    "welfare": 26,
    "health": 2,
    "environment": 4,
    "industry": 8,
    "tourism": 3,
    "daily-life": 5,
    "education-culture": 63,
    "sports": 25,
    "fire-services": 8,
    "npo-support": 9,
}
# Place names that read naturally before a group name, with their readings.
PREFIXES = [
    ("みどり", "ミドリ", "citywide"),
    ("中央", "チュウオウ", "chuo"),
    ("北部", "ホクブ", "hokubu"),
    ("東部", "トウブ", "tobu"),
    ("南部", "ナンブ", "nanbu"),
    ("西部", "セイブ", "seibu"),
    ("若葉台", "ワカバダイ", "wakabadai"),
    ("桜川", "サクラガワ", "sakuragawa"),
    ("緑山", "ミドリヤマ", "midoriyama"),
]
PENDING_APPLICATIONS = 3
UPCOMING_EVENTS_PER_SCALE = 200  # over the next three months
PAST_EVENTS_PER_SCALE = 1300  # the last three years, for realistic volumes
FULL_EVENTS = 6  # full, with people waiting
PARTICIPANTS = 30

DEMO_GROUP = {
    "name": "みどり子育てネットワーク",
    "name_kana": "ミドリコソダテネットワーク",
    "organisation_form": "voluntary",
    "purpose": "子育て中の親子が気軽に集まり、地域で支え合える関係をつくることを目的としています。",
    "activities": (
        "毎週水曜日の午前に市民活動センターで親子ひろばを開いています。\n\n"
        "年に2回、子育て情報誌を発行し、公民館や保育園で配布しています。"
    ),
    "meeting_place": "みどり市市民活動センター 会議室B",
    "meeting_schedule": "毎週水曜日 10:00〜12:00",
    "member_count": 24,
    "member_count_local": 22,
    "representative_name": "代表 一郎",
    "representative_kana": "ダイヒョウ イチロウ",
    "contact_name": "代表 一郎",
    "contact_kana": "ダイヒョウ イチロウ",
    "contact_email": "kosodate@example.jp",
    "contact_phone": "0000-12-3456",
    "address": "",
    "website": "",
    "sns": "",
    "corporate_number": "",
    "founded_on": None,
    "disclosed_fields": ["member_counts", "meeting", "website", "contact_email"],
    "declares_non_profit": True,
    "declares_not_religious": True,
    "declares_not_political": True,
    "declares_not_electoral": True,
}


def _registered(group: CommunityGroup, ctx: DemoContext) -> CommunityGroup:
    if group.status == GroupStatus.PENDING:
        group = group_approve(group=group, actor=ctx.accounts["staff"])
    return group


def _directory_groups(ctx: DemoContext) -> None:
    """The register of groups (as if moved from the paper register): bulk-created,
    registered for this fiscal year, spread over the fields like seed 002's table."""
    from groups.demo_content import GROUP_THEMES

    rng = random.Random(2026)
    fields = {f.slug: f for f in ActivityField.objects.all()}
    areas = {a.slug: a for a in Area.objects.all()}
    existing = set(CommunityGroup.objects.values_list("name", flat=True))
    existing_slugs = set(CommunityGroup.objects.filter(slug__startswith="demo-").values_list("slug", flat=True))
    until = dates.fiscal_year_end(dates.fiscal_year(timezone.localdate()))
    now = timezone.now()
    new_groups: list[tuple[CommunityGroup, str, str]] = []
    for field_slug, count in FIELD_COUNTS.items():
        themes = GROUP_THEMES[field_slug]
        for index in range(count * ctx.scale):
            if f"demo-{field_slug}-{index + 1}" in existing_slugs:
                continue
            theme = themes[index % len(themes)]
            prefix, prefix_kana, area_slug = PREFIXES[(index // len(themes) + index) % len(PREFIXES)]
            round_ = index // (len(themes) * len(PREFIXES))
            name = f"{prefix}{theme['name']}" + (f" {round_ + 1}" if round_ else "")
            suffix = 2
            while name in existing:
                name = f"{prefix}{theme['name']} {round_ + suffix}"
                suffix += 1
            existing.add(name)
            members = rng.randint(5, 80)
            group = CommunityGroup(
                name=name,
                name_kana=prefix_kana + theme["kana"],
                slug=f"demo-{field_slug}-{index + 1}",
                organisation_form=theme["form"],
                purpose=theme["purpose"],
                activities=theme["activities"],
                meeting_place=rng.choice(["市民活動センター", "中央公民館", "地区センター", "小学校体育館", "集会所"]),
                meeting_schedule=rng.choice(["毎週土曜日 午前", "毎月第2日曜日", "毎週水曜日 19時から", "月1回"]),
                member_count=members,
                member_count_local=rng.randint(members // 2, members),
                founded_on=datetime.date(rng.randint(1975, 2024), rng.randint(1, 12), 1),
                representative_name="代表者",
                representative_kana="ダイヒョウシャ",
                contact_name="連絡担当者",
                contact_kana="レンラクタントウシャ",
                contact_email=f"{field_slug}-{index + 1}@groups.example.jp",
                contact_phone="0000-00-0000",
                status=GroupStatus.REGISTERED,
                registered_until=until,
                submitted_at=now,
                decided_at=now,
                declared_at=now,
                declares_non_profit=True,
                declares_not_religious=True,
                declares_not_political=True,
                declares_not_electoral=True,
            )
            new_groups.append((group, field_slug, area_slug))
    CommunityGroup.objects.bulk_create([g for g, _f, _a in new_groups], batch_size=500)
    created = {g.slug: g for g in CommunityGroup.objects.filter(slug__in=[g.slug for g, _f, _a in new_groups])}
    field_links, area_links = [], []
    for group, field_slug, area_slug in new_groups:
        pk = created[group.slug].pk
        field_links.append(CommunityGroup.fields.through(communitygroup_id=pk, activityfield_id=fields[field_slug].pk))
        area_links.append(CommunityGroup.areas.through(communitygroup_id=pk, area_id=areas[area_slug].pk))
    CommunityGroup.fields.through.objects.bulk_create(field_links, batch_size=1000)
    CommunityGroup.areas.through.objects.bulk_create(area_links, batch_size=1000)


def _pending_applications(ctx: DemoContext) -> None:
    """A few applications waiting for review, from citizens with accounts."""
    welfare = list(ActivityField.objects.filter(slug="welfare"))
    for n in range(1, PENDING_APPLICATIONS + 1):
        applicant = demo_user(f"applicant{n}@example.jp", f"申請 {n}郎", "シンセイ タロウ")
        if Membership.objects.filter(user=applicant).exists():
            continue
        data = dict(DEMO_GROUP)
        data.update(
            name=f"新しい見守りの会 その{n}",
            name_kana="アタラシイミマモリノカイ",
            contact_email=f"applicant{n}@example.jp",
            disclosed_fields=["member_counts"],
        )
        group_apply(applicant=applicant, data=data, fields=welfare, areas=list(Area.objects.filter(slug="tobu")))


def _event_row(rng: random.Random, theme: dict[str, Any], start: datetime.datetime, group: CommunityGroup) -> Event:
    hours = rng.choice([1, 2, 2, 3])
    return Event(
        group=group,
        title=theme["title"],
        title_kana=theme["kana"],
        title_en=theme["title_en"],
        description=theme["description"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        place=theme["place"],
        audience=theme["audience"],
        fee=theme["fee"],
        capacity=theme["capacity"],
        requires_signup=theme["capacity"] is not None,
    )


def _events(ctx: DemoContext) -> None:
    """Events of the directory groups: three months ahead and three years back."""
    from groups.demo_content import EVENT_THEMES

    target = (UPCOMING_EVENTS_PER_SCALE + PAST_EVENTS_PER_SCALE) * ctx.scale
    existing = Event.objects.filter(group__slug__startswith="demo-").count()
    if existing >= target:
        return
    rng = random.Random(7)
    groups_by_field: dict[str, list[CommunityGroup]] = {}
    for group in CommunityGroup.objects.filter(slug__startswith="demo-").prefetch_related("fields"):
        for field in group.fields.all():
            groups_by_field.setdefault(field.slug, []).append(group)
    fields = {f.slug: f for f in ActivityField.objects.all()}
    areas = list(Area.objects.all())
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    rows: list[tuple[Event, str]] = []
    for index in range(existing, target):
        theme = EVENT_THEMES[index % len(EVENT_THEMES)]
        candidates = groups_by_field.get(theme["field"]) or next(iter(groups_by_field.values()))
        if index % (UPCOMING_EVENTS_PER_SCALE + PAST_EVENTS_PER_SCALE) < UPCOMING_EVENTS_PER_SCALE:
            day = today + datetime.timedelta(days=rng.randint(1, 90))
        else:
            day = today - datetime.timedelta(days=rng.randint(1, 3 * 365))
        start = datetime.datetime.combine(day, datetime.time(rng.choice([10, 13, 14, 18, 19])), tzinfo=tz)
        event = _event_row(rng, theme, start, rng.choice(candidates))
        event.area = rng.choice(areas)
        rows.append((event, theme["field"]))
    Event.objects.bulk_create([event for event, _field in rows], batch_size=1000)
    links = [
        Event.fields.through(event_id=event.pk, activityfield_id=fields[field].pk)
        for event, field in rows
        if field in fields
    ]
    Event.fields.through.objects.bulk_create(links, batch_size=2000)


def _sign_ups(ctx: DemoContext) -> None:
    """Some upcoming events are full and have people waiting."""
    if EventRegistration.objects.filter(event__group__slug__startswith="demo-").exists():
        return
    people = [demo_user(f"participant{n}@example.jp", f"参加者 {n}", "サンカシャ") for n in range(1, PARTICIPANTS + 1)]
    upcoming = list(
        Event.objects.upcoming()
        .filter(group__slug__startswith="demo-", requires_signup=True, capacity__lte=20)
        .order_by("starts_at")[: FULL_EVENTS * 3]
    )
    registrations = []
    for index, event in enumerate(upcoming):
        full = index < FULL_EVENTS
        count = min(event.capacity + 3, len(people)) if full else event.capacity // 2
        for position, person in enumerate(people[:count]):
            status = RegistrationStatus.CONFIRMED if position < event.capacity else RegistrationStatus.WAITLISTED
            registrations.append(EventRegistration(event=event, user=person, status=status))
    EventRegistration.objects.bulk_create(registrations, batch_size=1000)


def _demo_group_event(ctx: DemoContext, group: CommunityGroup) -> None:
    """The representative's own event: capacity 10, sign-up required, one person waiting."""
    if group.events.exists():
        return
    tz = timezone.get_current_timezone()
    day = timezone.localdate() + datetime.timedelta(days=10)
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=tz)
    data = dict.fromkeys(EVENT_FIELDS) | {
        "title": "親子ひろば　わくわく工作の日",
        "title_kana": "オヤコヒロバワクワクコウサクノヒ",
        "title_en": "Parents and children: craft day",
        "description": "牛乳パックや紙コップを使って、親子で工作を楽しみます。材料はこちらで用意します。",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "place": "みどり市市民活動センター 会議室B",
        "address": "",
        "audience": "未就学児とその保護者",
        "fee": 0,
        "capacity": 10,
        "requires_signup": True,
        "accessibility": "ベビーカーのまま入室できます。",
        "contact": "kosodate@example.jp",
    }
    event_create(actor=ctx.accounts["rep"], group=group, data=data, fields=list(group.fields.all()))


def _openings(ctx: DemoContext, group: CommunityGroup) -> None:
    """Volunteer openings of directory groups (a few for students) and of the demo group."""
    from groups.demo_content import VOLUNTEER_THEMES
    from groups.models import VolunteerOpening

    if VolunteerOpening.objects.exists():
        return
    rng = random.Random(11)
    today = timezone.localdate()
    groups_by_field: dict[str, list[CommunityGroup]] = {}
    for candidate in CommunityGroup.objects.filter(slug__startswith="demo-").prefetch_related("fields"):
        for field in candidate.fields.all():
            groups_by_field.setdefault(field.slug, []).append(candidate)
    openings = []
    for index in range(len(VOLUNTEER_THEMES) * 2 * ctx.scale):
        theme = VOLUNTEER_THEMES[index % len(VOLUNTEER_THEMES)]
        owner = rng.choice(groups_by_field.get(theme["field"]) or next(iter(groups_by_field.values())))
        opening = VolunteerOpening(
            group=owner,
            title=theme["title"],
            description=theme["description"],
            when=rng.choice(["毎週土曜日 午前", "毎月第1日曜日 9:00〜12:00", "平日の夕方（応相談）", "12月の週末"]),
            place=theme["place"],
            skills=theme["skills"],
            welcome_students=theme["welcome_students"],
            people_needed=theme["people_needed"],
            deadline=today + datetime.timedelta(days=rng.randint(7, 75)),
        )
        openings.append(opening)
    VolunteerOpening.objects.bulk_create(openings, batch_size=500)
    from groups.services import opening_create

    opening_create(
        group=group,
        actor=ctx.accounts["rep"],
        data={
            "title": "親子ひろばの見守り・受付ボランティア",
            "description": "親子ひろばの受付と、遊んでいる子どもたちの見守りをお願いします。高校生・大学生も歓迎です。",
            "when": "毎週水曜日 9:45〜12:15",
            "place": "みどり市市民活動センター 会議室B",
            "skills": "子どもが好きな方",
            "welcome_students": True,
            "people_needed": 2,
            "deadline": today + datetime.timedelta(days=30),
        },
    )


def _citizen_activity(ctx: DemoContext) -> None:
    """citizen@example.jp has something on /my/: sign-ups (one on a waiting list) and
    volunteer applications, one of them accepted."""
    from groups.services import application_create, application_decide, registration_create

    citizen = ctx.accounts["citizen"]
    if EventRegistration.objects.filter(user=citizen).exists():
        return
    events = [
        event
        for event in Event.objects.upcoming()
        .filter(group__slug__startswith="demo-", requires_signup=True)
        .order_by("starts_at", "pk")[:20]
        if event.signup_is_open()
    ]
    full = [
        event
        for event in events
        if event.capacity and event.registrations.filter(status="confirmed").count() >= event.capacity
    ]
    for event in [*full[:1], *[e for e in events if e not in full][:2]]:
        registration_create(event=event, user=citizen)
    from groups.models import VolunteerOpening

    # The demo group's opening (it has a representative to accept), then another one.
    open_ = VolunteerOpening.objects.open().select_related("group").order_by("deadline", "pk")
    answered = open_.filter(group__memberships__role=MembershipRole.REPRESENTATIVE).first()
    openings = [opening for opening in (answered, open_.exclude(pk=getattr(answered, "pk", None)).first()) if opening]
    messages = ["週末なら参加できます。よろしくお願いします。", "以前、子ども食堂で配膳を手伝ったことがあります。"]
    for index, opening in enumerate(openings):
        application = application_create(opening=opening, user=citizen, message=messages[index])
        if index == 0:
            representative = opening.group.memberships.filter(role=MembershipRole.REPRESENTATIVE).first()
            if representative is not None:
                application_decide(
                    application=application, actor=representative.user, accept=True, reply="ぜひお願いします。"
                )


def seed_groups(ctx: DemoContext) -> None:
    rep, member = ctx.accounts["rep"], ctx.accounts["member"]
    membership = Membership.objects.filter(user=rep, role=MembershipRole.REPRESENTATIVE).select_related("group").first()
    if membership is None:
        fields = list(ActivityField.objects.filter(slug__in=["welfare", "children-youth"])) or list(
            ActivityField.objects.all()[:1]
        )
        group = group_apply(
            applicant=rep, data=dict(DEMO_GROUP), fields=fields, areas=list(Area.objects.filter(slug="chuo"))
        )
    else:
        group = membership.group
    group = _registered(group, ctx)
    if not Membership.objects.filter(group=group, user=member).exists():
        membership_add(group=group, user=member, role=MembershipRole.MEMBER, actor=None)
    _directory_groups(ctx)
    _pending_applications(ctx)
    _demo_group_event(ctx, group)
    _events(ctx)
    _sign_ups(ctx)
    _openings(ctx, group)
    _citizen_activity(ctx)
    from groups.demo_talent import seed_talent

    seed_talent(ctx, group)
    ctx.log(
        f"groups: {CommunityGroup.objects.registered().count()} registered groups, "
        f"{CommunityGroup.objects.pending_review().count()} applications to review, "
        f"{Event.objects.upcoming().count()} upcoming events"
    )


__all__: list[Any] = ["seed_groups"]
