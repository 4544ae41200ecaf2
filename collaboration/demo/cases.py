"""Demo data of the cases area: the 協働事例集 (idempotent: a case whose address exists
is left alone).

A dozen published cases over several forms and domains, written by the 協働リポーター
(reporter@example.jp) and the window (staff@example.jp), a few with English text, two
with photos drawn with Pillow, and one draft of the reporter's. A case is linked to the
published demo project it reports on (by its address) when the project registry has it."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from collaboration.models import CaseStudy, CollaborationForm, Project
from portal.demo import DemoContext
from portal.models import ActivityField

# slug, author key, form code, domain, field slugs, the project it reports on (slug),
# title, 事業内容, 効果, うまくいった点, 苦労した点, 改善点, English (title, content) or None
CASES: list[tuple[Any, ...]] = [
    (
        "akiya-ibasho",
        "reporter",
        "hojo",
        2,
        ["welfare", "daily-life"],
        "ibasho-hojo",
        "空き家を活用した地域の居場所づくり",
        "市が空き家所有者との調整を行い、NPOが週3回の居場所（サロン）を運営しました。",
        "高齢者や子育て世帯が立ち寄る場所ができ、延べ1,200人が利用しました。",
        "毎月の定例会で市とNPOが課題を共有し、役割分担を見直したこと。",
        "開設当初は地域への周知が進まず、利用者が少なかったこと。",
        "自治会の回覧板や学校だよりを使った広報を最初から計画に入れること。",
        (
            "A community space in an empty house",
            "The city arranged an empty house with its owner, and an NPO ran a drop-in space there three days a week.",
        ),
    ),
    (
        "kasen-adopt",
        "reporter",
        "adopt",
        2,
        ["environment"],
        "",
        "みどり川の河川敷アダプト活動",
        "地元の団体が河川敷の清掃と花壇づくりを担い、市は道具の貸出と保険を用意しました。",
        "ごみの不法投棄が減り、散歩する人が増えました。",
        "参加者が自分たちの川という意識を持ち、活動が自主的に広がったこと。",
        "夏場の草刈りの負担が大きかったこと。",
        "草刈りは市の業者委託と組み合わせ、団体は花壇に集中できるようにすること。",
        None,
    ),
    (
        "kodomo-shokudo",
        "staff",
        "hojo",
        2,
        ["children-youth", "welfare"],
        "",
        "地域ぐるみの子ども食堂",
        "NPOが月2回の子ども食堂を開き、市は補助金と公民館の調理室を提供しました。",
        "毎回40人ほどの子どもと保護者が参加し、見守りのつながりが生まれました。",
        "食材の寄付を地元の商店や農家に呼びかけ、地域全体の取り組みになったこと。",
        "衛生管理やアレルギー対応の準備に手間がかかったこと。",
        "保健所の研修を最初に受け、手順書を団体どうしで共有すること。",
        (
            "A neighbourhood children's cafeteria",
            "An NPO ran a children's cafeteria twice a month, with a city subsidy and a community centre kitchen.",
        ),
    ),
    (
        "bosai-map",
        "staff",
        "kyotei",
        3,
        ["safety"],
        "",
        "住民と作る地区防災マップ",
        "自治会・中学校・市の危機管理課が協定を結び、地区を歩いて防災マップを作りました。",
        "全戸配布したマップを使い、避難訓練の参加者が前年の2倍になりました。",
        "中学生が調査に加わり、家族ぐるみで防災を考えるきっかけになったこと。",
        "三者の日程調整と、個人情報の扱いの確認に時間がかかったこと。",
        "協定書で役割と情報の扱いを最初に決めておくこと。",
        None,
    ),
    (
        "kanko-guide",
        "reporter",
        "jigyo-kyoryoku",
        2,
        ["tourism"],
        "kanko-guide",
        "市民ガイドによるまち歩きツアー",
        "観光ボランティアの会が毎週末まち歩きツアーを行い、市は観光案内所での受付と広報を担いました。",
        "年間800人が参加し、商店街の立ち寄り客が増えました。",
        "ガイドそれぞれの得意分野を生かしたコースを作ったこと。",
        "雨天時の代わりのコースと、ガイドの高齢化。",
        "若い世代向けのガイド養成講座を市と共催で開くこと。",
        (
            "Town walks with citizen guides",
            "A volunteer guide group led town walks every weekend; the city took bookings at the tourist office.",
        ),
    ),
    (
        "kankyo-gakushu",
        "staff",
        "kyosai",
        3,
        ["environment", "education-culture"],
        "",
        "親子で学ぶ環境講座",
        "環境団体と市の環境政策課が共催で、夏休みに親子向けの環境講座を5回開きました。",
        "参加した親子の9割が「家庭でもごみを減らしたい」と答えました。",
        "団体の現場の知識と市の広報力を組み合わせられたこと。",
        "共催の名義や費用負担の範囲の確認に時間がかかったこと。",
        "共催の条件を事前相談の段階で文書にしておくこと。",
        None,
    ),
    (
        "sports-fes",
        "reporter",
        "jikko-iinkai",
        3,
        ["sports"],
        "",
        "地域スポーツフェスティバル実行委員会",
        "体育協会、自治会、市が実行委員会を作り、年1回のスポーツフェスティバルを開きました。",
        "子どもから高齢者まで1,500人が参加し、地区の交流が深まりました。",
        "実行委員会で決め方のルールを最初に決め、対等な立場で話し合えたこと。",
        "委員の入れ替わりで引き継ぎがうまくいかない年があったこと。",
        "運営マニュアルを作り、毎年見直すこと。",
        None,
    ),
    (
        "koen-concert",
        "staff",
        "koen",
        1,
        ["education-culture"],
        "",
        "市民合唱団のチャリティコンサート（市後援）",
        "市民合唱団が主催するチャリティコンサートに、市が後援名義を出しました。",
        "市の後援で学校や公共施設にチラシを置くことができ、来場者が増えました。",
        "後援の条件（入場料の扱い、実施報告）を団体が理解して準備したこと。",
        "申請から承認までの期間を知らず、広報の開始が遅れたこと。",
        "後援の申請はイベントの2か月前までに行うこと。",
        None,
    ),
    (
        "npo-center",
        "staff",
        "shien",
        4,
        ["npo-support"],
        "",
        "市民活動センターの相談会",
        "市が場所を用意し、中間支援NPOが団体の運営や会計の相談会を毎月開きました。",
        "年間120件の相談があり、新しく3団体が登録しました。",
        "相談内容を市と共有し、講座の企画に生かせたこと。",
        "相談が特定の時期に集中したこと。",
        "決算期の前に会計講座を開くこと。",
        None,
    ),
    (
        "seisaku-teian",
        "reporter",
        "sankaku-teian",
        4,
        ["daily-life"],
        "",
        "市民の提案から生まれたバス停のベンチ",
        "市民の会が高齢者の外出調査をもとにバス停へのベンチ設置を提案し、市が予算化しました。",
        "市内20か所にベンチが置かれ、高齢者の外出が増えたという声が寄せられました。",
        "調査結果を数字で示し、担当課と一緒に設置場所を検討したこと。",
        "道路の管理者や地元商店との調整が多かったこと。",
        "提案の段階から関係する課に入ってもらうこと。",
        None,
    ),
    (
        "kenkyukai-tabunka",
        "staff",
        "kenkyukai",
        3,
        ["education-culture", "daily-life"],
        "tabunka-kenkyukai",
        "多文化共生研究会",
        "外国人支援団体と市の職員が研究会を作り、1年かけて生活情報のやさしい日本語化を検討しました。",
        "ごみ出しや防災の案内がやさしい日本語になり、問い合わせが減りました。",
        "当事者である外国人住民が研究会に参加したこと。",
        "部署ごとに文書の書き方が違い、統一に時間がかかったこと。",
        "やさしい日本語の手引きを全庁で使えるようにすること。",
        None,
    ),
    (
        "joho-kokan",
        "reporter",
        "joho-kokan",
        5,
        ["welfare"],
        "",
        "福祉団体と市の情報交換会",
        "市の福祉課が福祉団体と年4回の情報交換会を開き、制度の変更や地域の課題を共有しました。",
        "団体どうしの連携が生まれ、相談を適切な窓口につなげられるようになりました。",
        "毎回テーマを決め、団体からの話題提供の時間を設けたこと。",
        "参加団体が固定化したこと。",
        "オンライン参加を取り入れ、新しい団体にも声をかけること。",
        None,
    ),
]

DRAFT = (
    "machi-hana",
    "reporter",
    "adopt",
    2,
    ["environment"],
    "hanano-michi",
    "駅前花壇のアダプト（下書き）",
    "駅前の花壇を商店会と市民の会が管理しています。",
    "駅前が明るくなったという声が届いています。",
    "商店会と市民の会の役割分担。",
    "水やりの当番の調整。",
    "当番表をオンラインで共有すること。",
    None,
)

# Photos drawn for two of the cases: (case slug, colour, alternative text, caption).
PHOTOS = [
    ("akiya-ibasho", (214, 170, 110), "空き家を改装した居場所の外観。木の引き戸と縁側がある。", "改装後の居場所"),
    ("akiya-ibasho", (120, 170, 120), "縁側で高齢者と子どもがお茶を飲みながら話している様子。", "サロンの日"),
    ("kasen-adopt", (90, 150, 210), "河川敷の花壇に黄色い花が咲き、奥に川が流れている。", "みどり川の花壇"),
]


def _image(colour: tuple[int, int, int], name: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (640, 400), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 260, 600, 360), fill=tuple(max(c - 60, 0) for c in colour))
    draw.ellipse((460, 40, 560, 140), fill=(250, 230, 150))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _write(ctx: DemoContext, row: tuple[Any, ...], *, publish: bool) -> CaseStudy | None:
    from collaboration.services.cases import case_create, case_publish

    slug, author, form, domain, fields, project, title, content, effects, well, hard, better, english = row
    if CaseStudy.objects.filter(slug=slug).exists():
        return None
    data: dict[str, Any] = {
        "title": title,
        "content": content,
        "effects": effects,
        "went_well": well,
        "difficulties": hard,
        "improvements": better,
        "form": CollaborationForm.objects.get(code=form),
        "domain": domain,
        "project": Project.objects.filter(slug=project, is_published=True).first() if project else None,
    }
    if english:
        data["title_en"], data["content_en"] = english
    actor = ctx.accounts[author]
    case = case_create(actor=actor, data=data, fields=ActivityField.objects.filter(slug__in=fields), slug=slug)
    if publish:
        case_publish(case=case, actor=actor)
    return case


def seed(ctx: DemoContext) -> None:
    from collaboration.services.cases import photo_add

    created = {}
    for row in CASES:
        case = _write(ctx, row, publish=True)
        if case is not None:
            created[case.slug] = case
    _write(ctx, DRAFT, publish=False)
    for n, (slug, colour, alt, caption) in enumerate(PHOTOS):
        case = created.get(slug)
        if case is not None:
            photo_add(
                case=case,
                actor=ctx.accounts["staff"],
                upload=_image(colour, f"demo-{n}.jpg"),
                alt=alt,
                caption=caption,
            )
    if created:
        ctx.log(f"collaboration cases: {len(created)} published cases")
