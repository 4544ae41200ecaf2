"""Demo data of the consultation desk: a month of consultations around today (past ones
held, with the desk's record, some linked to a group, a subsidy application or a
proposal; upcoming ones booked; free slots), and written questions answered and open.
Idempotent: nothing is added when the demo slots exist."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from consultations import services
from consultations.models import Consultation, ConsultationStatus, DeskSlot, Kind, Mode, Topic
from portal.dates import fiscal_year
from portal.demo import DemoContext, demo_user

PLACE = "市民活動センター 2階 相談室（電話・オンラインは予約後にご案内します）"
TIMES = (datetime.time(10, 0), datetime.time(13, 30), datetime.time(15, 0))
WEEKDAYS = (1, 3, 5)  # Tuesday, Thursday, Saturday

PEOPLE = [
    ("consult1@example.jp", "相談 和子", "ソウダン カズコ"),
    ("consult2@example.jp", "窓口 大輔", "マドグチ ダイスケ"),
    ("consult3@example.jp", "協働 美咲", "キョウドウ ミサキ"),
    ("consult4@example.jp", "地域 拓也", "チイキ タクヤ"),
]

REQUESTS = {
    Topic.START: [
        "定年退職を機に、地域の子どもたちの学習支援を始めたいと考えています。最初に何をすればよいか相談したいです。",
        "友人と三人で空き家を使った居場所づくりを始めたいのですが、団体にするべきか迷っています。",
    ],
    Topic.RUNNING: [
        "会員の高齢化で役員のなり手がいません。引き継ぎの進め方について相談させてください。",
        "会計担当が替わるので、帳簿のつけ方と総会資料の作り方を教えていただきたいです。",
    ],
    Topic.FUNDING: [
        "子ども食堂の食材費が足りません。民間の助成金で使えそうなものを知りたいです。",
        "活動用のプロジェクターを買いたいのですが、備品に使える助成はありますか。",
    ],
    Topic.SUBSIDY: [
        "市民活動補助金に初めて申請します。事業計画書と予算書の書き方を見ていただけますか。",
        "昨年度は不採択でした。審査での指摘をどう直せばよいか相談したいです。",
    ],
    Topic.COLLABORATION: [
        "防災マップづくりを市と一緒に進めたいと考えています。協働提案の前に担当課の考えを聞きたいです。",
        "高齢者の見守り活動について、福祉課との協働事業にできないか相談したいです。",
    ],
    Topic.OTHER: [
        "活動中のけがに備える保険について知りたいです。",
        "会議室を定期的に借りたいのですが、団体登録が必要か教えてください。",
    ],
}
OUTCOMES = {
    Topic.START: "活動の目的と対象を整理。まずは任意団体として始め、スタートアップ講座を案内した。",
    Topic.RUNNING: "役員の任期と引き継ぎ表の例を紹介。会計ソフトの無料講座を案内した。",
    Topic.FUNDING: "民間助成の一覧を渡し、締切の近い二件を一緒に確認した。",
    Topic.SUBSIDY: "事業計画書の目的と成果指標を具体化。予算書の費目を整理した。",
    Topic.COLLABORATION: "協働推進課の事前相談を案内。提案書の課題と役割分担を整理した。",
    Topic.OTHER: "市民活動補償制度の内容と手続きを説明した。",
}
QUESTIONS = [
    (
        Topic.SUBSIDY,
        "補助金の申請書は手書きでもよいですか。",
        "手書きでも受け付けます。読みやすい字でお書きください。電子申請もご利用いただけます。",
        "ありがとうございます。添付資料はコピーでも大丈夫でしょうか。",
        ConsultationStatus.REPLIED,
    ),
    (
        Topic.RUNNING,
        "規約の見本はありますか。",
        "センターの窓口とこのサイトの「団体運営の手引き」に見本があります。",
        "",
        ConsultationStatus.RESOLVED,
    ),
    (
        Topic.START,
        "一人でもボランティア団体を作れますか。",
        "代表者一人でも始められますが、団体登録には三人以上の会員が必要です。",
        "",
        ConsultationStatus.ANSWERED,
    ),
    (Topic.FUNDING, "クラウドファンディングを始めたいのですが、相談できますか。", "", "", ConsultationStatus.ASKED),
    (Topic.COLLABORATION, "協働提案の締切はいつですか。", "", "", ConsultationStatus.ASKED),
]


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _receipt(consultation: Consultation) -> None:
    consultation.receipt_number = f"{fiscal_year(timezone.localdate(consultation.created_at))}-SD-{consultation.pk:05d}"
    consultation.save(update_fields=["receipt_number"])


def _past(ctx: DemoContext, staff: Any, people: list[Any], group: Any) -> list[Consultation]:
    """Slots of the past month; most were held and recorded, one was missed, one cancelled."""
    today = timezone.localdate()
    topics = list(Topic)
    made: list[Consultation] = []
    n = 0
    for offset in range(30, 0, -1):
        day = today - datetime.timedelta(days=offset)
        if day.weekday() not in WEEKDAYS:
            continue
        for time in TIMES:
            slot = DeskSlot.objects.create(
                starts_at=_aware(day, time),
                minutes=60,
                offers_in_person=True,
                offers_phone=True,
                offers_online=time != TIMES[0],
                place=PLACE,
                created_by=staff,
            )
            n += 1
            if n % 3 == 0:
                continue  # nobody booked it
            topic = topics[len(made) % len(topics)]
            status = ConsultationStatus.DONE
            if n % 11 == 0:
                status = ConsultationStatus.NO_SHOW
            elif n % 13 == 0:
                status = ConsultationStatus.CANCELLED
            asker = people[n % len(people)]
            mode = [Mode.IN_PERSON, Mode.PHONE, Mode.ONLINE][n % 3] if slot.offers_online else Mode.IN_PERSON
            consultation = Consultation.objects.create(
                kind=Kind.BOOKING,
                status=status,
                asker=asker,
                group=group if asker is ctx.accounts.get("rep") else None,
                topic=topic,
                slot=slot,
                mode=mode,
                contact_phone="090-1234-5678" if mode == Mode.PHONE else "",
                message=REQUESTS[topic][n % 2],
                happens_at=slot.starts_at,
                cancelled_at=slot.starts_at - datetime.timedelta(days=1)
                if status == ConsultationStatus.CANCELLED
                else None,
            )
            _receipt(consultation)
            if status == ConsultationStatus.DONE:
                services.consultation_record(
                    actor=staff,
                    consultation=consultation,
                    record_topic=topic if n % 5 else Topic.FUNDING,
                    outcome=OUTCOMES[topic],
                    follow_up_needed=n % 4 == 0,
                    follow_up_by=today + datetime.timedelta(days=14) if n % 4 == 0 else None,
                )
            made.append(consultation)
    return made


def _link(admin: Any, consultations: list[Consultation], group: Any) -> None:
    from collaboration.models import Proposal
    from subsidies.models import Application

    held = [c for c in consultations if c.status == ConsultationStatus.DONE]
    application = Application.objects.exclude(receipt_number=None).order_by("pk").first()
    proposal = Proposal.objects.exclude(receipt_number=None).order_by("pk").first()
    links = [
        (Topic.SUBSIDY, {"application": application.receipt_number if application else ""}),
        (Topic.COLLABORATION, {"proposal": proposal.receipt_number if proposal else ""}),
        (Topic.RUNNING, {"group": group.slug if group else ""}),
    ]
    for topic, values in links:
        target = next((c for c in held if c.topic == topic and any(values.values())), None)
        if target is not None:
            services.consultation_link(actor=admin, consultation=target, **values)


def _upcoming(staff: Any, people: list[Any]) -> None:
    today = timezone.localdate()
    for time, per_day, modes in (
        (TIMES[0], 1, [Mode.IN_PERSON, Mode.PHONE]),
        (TIMES[1], 2, [m for m in Mode if m != Mode.WRITTEN]),
    ):
        services.slots_open(
            actor=staff,
            first_day=today + datetime.timedelta(days=1),
            last_day=today + datetime.timedelta(days=30),
            weekdays=WEEKDAYS,
            start_time=time,
            minutes=60 if per_day == 1 else 90,
            per_day=per_day,
            modes=modes,
            place=PLACE,
        )
    slots = list(DeskSlot.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at")[:24])
    topics = list(Topic)
    booked = 0
    for index, slot in enumerate(slots):
        if index % 3 == 2:
            continue
        person = people[booked % len(people)]
        topic = topics[index % len(topics)]
        mode = slot.modes()[index % len(slot.modes())]
        services.consultation_book(
            actor=person,
            slot=slot,
            topic=topic,
            mode=mode,
            message=REQUESTS[topic][index % 2],
            contact_phone="090-1234-5678" if mode == Mode.PHONE else "",
        )
        booked += 1
        if booked >= len(people) * 2:
            break


def _questions(staff: Any, people: list[Any]) -> None:
    for index, (topic, question, answer, reply, status) in enumerate(QUESTIONS):
        person = people[index % len(people)]
        consultation = services.consultation_ask(actor=person, topic=topic, message=question)
        if answer:
            services.consultation_answer(actor=staff, consultation=consultation, body=answer)
        if reply:
            services.consultation_reply(actor=person, consultation=consultation, body=reply)
        if status == ConsultationStatus.RESOLVED:
            services.consultation_resolve(actor=person, consultation=consultation)


def seed_consultations(ctx: DemoContext) -> None:
    from groups.models import CommunityGroup

    if DeskSlot.objects.filter(place=PLACE).exists():
        return
    staff = ctx.accounts.get("center") or ctx.accounts["staff"]
    admin = ctx.accounts.get("admin") or ctx.accounts["staff"]
    people = [ctx.accounts[key] for key in ("citizen", "member", "rep") if key in ctx.accounts]
    people += [demo_user(email, name, kana) for email, name, kana in PEOPLE]
    group = CommunityGroup.objects.filter(
        memberships__user=ctx.accounts.get("rep"), memberships__role="representative"
    ).first()
    past = _past(ctx, staff, people, group)
    _link(admin, past, group)
    _upcoming(staff, people)
    _questions(staff, people)
    ctx.log(f"consultations: {DeskSlot.objects.count()} slots, {Consultation.objects.count()} consultations")
