"""Seed content for the demo city (みどり市 / Midori City).

Pure data, loaded by the demo seeding command: activity fields, areas, departments,
information pages, FAQ items and news. No Django imports.

Body format (``body``, ``body_en``, FAQ answers): plain text. Paragraphs are separated
by a blank line; a line starting with "## " is a heading; consecutive lines starting
with "- " form a list. ``NEWS[*]["days_ago"]`` is the publish date relative to today
(negative = scheduled for the future, not yet public).

The vocabulary and definitions follow the municipal policy texts in the project's seeds
(civic activity, civic activity group, collaboration, its principles, forms and domains),
paraphrased for a fictional city. Dates in the text use the Japanese era (令和8年 = 2026).
"""

from typing import Any

CITY_NAME = "みどり市"
CITY_NAME_EN = "Midori City"
MAYOR_NAME = "緑川一郎"  # fictional; printed on official notices (portal.pdf)


# Activity fields (活動分野). The first ten are the fields of the seed's 153-group table
# (福祉 26, 健康 2, 環境 4, 産業 8, 観光 3, 生活 5, 教育文化 63, スポーツ 25, 消防 8, NPO 9),
# so that its distribution can be reproduced; the rest complete the taxonomy.
ACTIVITY_FIELDS: list[dict[str, Any]] = [
    {"slug": "welfare", "name": "福祉", "name_en": "Welfare", "order": 1},
    {"slug": "health", "name": "健康", "name_en": "Health", "order": 2},
    {"slug": "environment", "name": "環境", "name_en": "Environment", "order": 3},
    {"slug": "industry", "name": "産業", "name_en": "Industry", "order": 4},
    {"slug": "tourism", "name": "観光", "name_en": "Tourism", "order": 5},
    {"slug": "daily-life", "name": "生活", "name_en": "Daily life", "order": 6},
    {"slug": "education-culture", "name": "教育文化", "name_en": "Education and culture", "order": 7},
    {"slug": "sports", "name": "スポーツ", "name_en": "Sports", "order": 8},
    {"slug": "fire-services", "name": "消防", "name_en": "Fire services", "order": 9},
    {"slug": "npo-support", "name": "NPO・中間支援", "name_en": "NPOs and intermediate support", "order": 10},
    {"slug": "children-youth", "name": "子育て・青少年", "name_en": "Child-rearing and youth", "order": 11},
    {
        "slug": "safety",
        "name": "防災・防犯",
        "name_en": "Disaster preparedness and crime prevention",
        "order": 12,
    },
    {"slug": "community-development", "name": "まちづくり", "name_en": "Community development", "order": 13},
    {"slug": "international", "name": "国際交流", "name_en": "International exchange", "order": 14},
    {"slug": "human-rights", "name": "人権", "name_en": "Human rights", "order": 15},
    {"slug": "other", "name": "その他", "name_en": "Other", "order": 16},
]


# Districts (地区) of the fictional city; 市内全域 (citywide) last.
AREAS: list[dict[str, Any]] = [
    {"slug": "chuo", "name": "中央地区", "name_en": "Chuo district", "order": 1},
    {"slug": "hokubu", "name": "北部地区", "name_en": "Hokubu district", "order": 2},
    {"slug": "tobu", "name": "東部地区", "name_en": "Tobu district", "order": 3},
    {"slug": "nanbu", "name": "南部地区", "name_en": "Nanbu district", "order": 4},
    {"slug": "seibu", "name": "西部地区", "name_en": "Seibu district", "order": 5},
    {"slug": "wakabadai", "name": "若葉台地区", "name_en": "Wakabadai district", "order": 6},
    {"slug": "sakuragawa", "name": "桜川地区", "name_en": "Sakuragawa district", "order": 7},
    {"slug": "midoriyama", "name": "緑山地区", "name_en": "Midoriyama district", "order": 8},
    {"slug": "citywide", "name": "市内全域", "name_en": "Citywide", "order": 9},
]


# City departments (課). "kyodo" is the collaboration department that runs the portal.
DEPARTMENTS: list[dict[str, Any]] = [
    {"code": "kyodo", "name": "市民協働推進課", "name_en": "Civic Collaboration Promotion Division"},
    {"code": "shogai_gakushu", "name": "生涯学習課", "name_en": "Lifelong Learning Division"},
    {"code": "fukushi", "name": "福祉課", "name_en": "Welfare Division"},
    {"code": "kankyo_seisaku", "name": "環境政策課", "name_en": "Environmental Policy Division"},
    {"code": "kikaku", "name": "企画課", "name_en": "Planning Division"},
    {"code": "bosai_anzen", "name": "防災安全課", "name_en": "Disaster Prevention and Safety Division"},
    {"code": "kosodate_shien", "name": "子育て支援課", "name_en": "Child-rearing Support Division"},
]


# Information pages (固定ページ). show_in_nav=False pages are linked from the footer.
INFO_PAGES: list[dict[str, Any]] = [
    {
        "slug": "civic-activity",
        "title": "市民活動とは",
        "title_en": "What is civic activity?",
        "summary": (
            "市民活動と市民活動団体の意味、市民活動の特徴、対象とならない活動、市民・団体・中間支援組織・"
            "市・市職員それぞれの役割を説明します。"
        ),
        "summary_en": (
            "What civic activity and civic activity groups are, what makes civic activity distinctive, "
            "which activities are not included, and the roles of citizens, groups, intermediate support "
            "organisations, the city and its staff."
        ),
        "order": 10,
        "show_in_nav": True,
        "body": (
            "みどり市では、暮らしの中で気づいた困りごとや「こうなったら良いのに」という思いを、"
            "人任せにせず自分たちで何とかしようと動き出す取り組みを「市民活動」と呼び、"
            "まちづくりを支える大切な力と考えています。このページでは、本ポータルで使う基本的な言葉と、"
            "それぞれの役割を説明します。\n\n"
            "## 市民活動とは\n\n"
            "市民活動とは、市民が自発的・自主的に行う、営利を目的としない社会貢献活動で、"
            "広く社会一般の利益（公益）の増進に役立つものをいいます。公益とは、特定の人だけではなく、"
            "受益者を特定しない社会全体の利益のことです。何が公益にあたるかは、"
            "活動の内容や性質に応じて一つひとつ判断します。\n\n"
            "趣味やサークルの活動、自治会・町内会などの地縁による活動も、さらに一歩踏み出して、"
            "まちをより良くするための公益的な活動につながることが期待されています。\n\n"
            "## 市民活動団体とは\n\n"
            "市民活動団体とは、特定のテーマに基づき、自発的に社会貢献活動を組織的かつ継続的に行う団体で"
            "す。市民団体、ボランティア団体、ＮＰＯなど呼び方はさまざまですが、誰でも参加でき、"
            "外に開かれている団体であれば、広く市民活動団体と考えます。"
            "ＮＰＯ法人などの法人格の有無は問いません。自治会・町内会などの地縁組織も、"
            "公益的な活動を行う範囲では市民活動団体に準じて扱います。\n\n"
            "## 市民活動の特徴\n\n"
            "- 自主性・主体性：市民自らの価値観に基づき、自主的・主体的に取り組めます。\n"
            "- 個別性・多様性：すべての人に同じサービスを提供する必要がないため、"
            "少数のニーズにも一人ひとりに合わせて対応できます。\n"
            "- 先駆性・開拓性：独自の使命（ミッション）を持ち、"
            "行政や企業の手が届きにくい分野に先駆けて取り組めます。\n"
            "- 柔軟性・機動性：制度の裏付けや事務手続きに縛られず、素早く柔軟に動けます。\n"
            "- 専門性・提言性：テーマを絞って取り組むことで専門性を高め、政策への提言にもつなげられます。\n"
            "- 地域性・当事者性：地域の課題に気づいた当事者の視点で、"
            "地域の実情に合ったきめ細かな活動ができます。\n\n"
            "## 市民活動に含まれない活動\n\n"
            "次の活動は、このポータルでいう市民活動には含みません。団体登録の審査でも確認します。\n\n"
            "- 営利を目的とする活動\n"
            "- 宗教の教義を広め、儀式行事を行い、及び信者を教化育成することを主たる目的とする活動\n"
            "- 政治上の主義を推進し、支持し、又はこれに反対することを主たる目的とする活動\n"
            "- 特定の公職の候補者若しくは公職にある者又は政党を推薦し、支持し、"
            "又はこれらに反対することを目的とする活動\n\n"
            "## 「市民」とは\n\n"
            "「市民」とは、みどり市に住んでいる人、働いている人、通学している人のほか、"
            "みどり市が好きでこのまちのために活動している人をいいます。個人だけでなく、"
            "団体や企業などの事業者も含みます。\n\n"
            "## それぞれの役割\n\n"
            "- 市民：まちのことに関心を持ち、身近な課題に対して自分にできることを考えて行動し、"
            "市民活動への参加や市政への参画に努めます。\n"
            "- 市民活動団体：活動の社会的な意義と責任を自覚し、知識や経験、地域性、"
            "柔軟性などの特性を生かして自発的に活動します。活動内容を発信して市民の理解を広げ、"
            "他の団体や事業者、市とも連携・協働します。\n"
            "- 中間支援組織：市民、市民活動団体、企業、行政などの間に立って活動を支える組織で、"
            "「ＮＰＯを支援するＮＰＯ」とも呼ばれます。相談への対応、情報の収集と発信、資金や人材の仲介、"
            "団体同士のネットワークづくりを担います。\n"
            "- 市：活動の場の提供、財政的な支援、情報の提供と公開などを通じて市民活動を支えます。また、"
            "市の計画や事業に市民が参加する機会を広げ、協働を進めます。\n"
            "- 市職員：市民や市民活動団体の声を聴いてその活動を理解し、対等な立場で協働します。"
            "自らもまちをつくる一員として、地域の活動に積極的に関わります。\n\n"
            "ご不明な点は、市民活動センターの相談窓口または市民協働推進課にお気軽にお問い合わせください。"
        ),
        "body_en": (
            "In Midori City, when people notice a problem in daily life, or think 'it would be good if "
            "things were like this', and set out to do something about it themselves instead of leaving "
            "it to others, we call this 'civic activity' and regard it as an important force behind "
            "community building. This page explains the basic terms used on this portal and the role "
            "each participant plays.\n\n"
            "## What is civic activity?\n\n"
            "Civic activity is voluntary, self-directed, not-for-profit social-contribution activity by "
            "citizens that helps to advance the interests of society at large (the public interest). The "
            "public interest means the benefit of society as a whole, with no specific beneficiaries, "
            "rather than of particular people. Whether something serves the public interest is judged "
            "case by case, according to the content and nature of the activity.\n\n"
            "We also hope that hobby and club activities, and the activities of neighbourhood "
            "associations and other community organisations, will take a further step and grow into "
            "public-interest activities that make the city a better place.\n\n"
            "## What is a civic activity group?\n\n"
            "A civic activity group is a group that carries out social-contribution activity on a "
            "particular theme, voluntarily, in an organised and continuing way. They may be called "
            "citizens' groups, volunteer groups or NPOs, but any group that anyone can join and that is "
            "open to outsiders is broadly regarded as a civic activity group. Legal status, such as "
            "being an NPO corporation, does not matter. Neighbourhood associations and other community "
            "organisations are treated in the same way as civic activity groups in so far as they carry "
            "out public-interest activities.\n\n"
            "## Characteristics of civic activity\n\n"
            "- Autonomy and initiative: citizens take up activities of their own accord, based on their "
            "own values.\n"
            "- Individuality and diversity: as there is no need to offer the same service to everyone, "
            "groups can respond to the needs of small numbers of people, person by person.\n"
            "- Pioneering spirit: with a mission of their own, groups can move first into fields that "
            "government or businesses find hard to reach.\n"
            "- Flexibility and mobility: not bound by legal frameworks or paperwork, groups can act "
            "quickly and flexibly.\n"
            "- Expertise and advocacy: by focusing on a theme, groups build up expertise and can make "
            "policy proposals.\n"
            "- Local roots and lived experience: people who have noticed a local problem can act from "
            "their own experience, closely matched to local circumstances.\n\n"
            "## Activities that are not included\n\n"
            "The following activities are not civic activity in the sense used on this portal. They are "
            "also checked when a group applies for registration.\n\n"
            "- Activities for profit\n"
            "- Activities whose main purpose is to spread religious teachings, hold religious ceremonies "
            "or educate and train believers\n"
            "- Activities whose main purpose is to promote, support or oppose a political doctrine\n"
            "- Activities whose purpose is to recommend, support or oppose a particular candidate for "
            "public office, a holder of public office, or a political party\n\n"
            "## Who are the citizens?\n\n"
            "'Citizens' means people who live, work or study in Midori City, and also people who love "
            "Midori City and act for the town. It covers not only individuals but also groups and "
            "businesses such as companies.\n\n"
            "## Roles\n\n"
            "- Citizens: take an interest in the city, think about what they can do about problems close "
            "to home and act on it, and try to take part in civic activities and in city affairs.\n"
            "- Civic activity groups: are aware of the social significance and responsibility of their "
            "activities and act on their own initiative, making use of their knowledge, experience, "
            "local roots and flexibility. They share information about their work to win wider "
            "understanding, and cooperate and collaborate with other groups, businesses and the city.\n"
            "- Intermediate support organisations: stand between citizens, civic activity groups, "
            "companies and government to support their activities, and are sometimes called 'NPOs that "
            "support NPOs'. They give advice, collect and share information, broker funds and people, "
            "and build networks between groups.\n"
            "- The city: supports civic activity by providing places to meet, financial support, and "
            "information and disclosure. It also widens opportunities for citizens to take part in city "
            "plans and projects, and promotes collaboration.\n"
            "- City staff: listen to citizens and civic activity groups, understand their activities, "
            "and collaborate with them as equals. As members of the community themselves, they take an "
            "active part in local activities.\n\n"
            "If you have any questions, please feel free to contact the consultation desk at the Civic "
            "Activity Centre or the Civic Collaboration Promotion Division."
        ),
    },
    {
        "slug": "collaboration",
        "title": "協働とは",
        "title_en": "What is collaboration?",
        "summary": (
            "協働の意味と基本原則、委託・補助・共催・後援などの協働の形態、"
            "市民と行政の関わり方を示す「協働の領域」、協働事業を提案する方法を説明します。"
        ),
        "summary_en": (
            "The meaning and basic principles of collaboration, its forms (commissioning, subsidies, "
            "co-hosting, endorsement and more), the collaboration domains that describe how citizens and "
            "the city share the work, and how to propose a collaboration project."
        ),
        "order": 20,
        "show_in_nav": True,
        "body": (
            "## 協働とは\n\n"
            "協働とは、市民活動団体と市など、二つ以上の主体が互いに対等であることを認識し、"
            "それぞれの特性や持っている資源を生かし合いながら、取り組む課題、目的、過程を共有し、"
            "協力して新たな公共サービスや公益性の高い事業に取り組むことです。"
            "市と団体の組み合わせだけでなく、団体同士、団体と事業者、三者以上による協働もあります。\n\n"
            "協働は目的ではなく、地域の課題を解決するための手段の一つです。"
            "それぞれが単独で取り組むよりも大きな成果が見込まれるときに、協働を選びます。\n\n"
            "## 協働の基本原則\n\n"
            "- 目的の共有：何のために協働するのかを最初に明らかにし、共有します。\n"
            "- 相互理解：互いの特性や価値観、行動原理の違いを理解し合います。\n"
            "- 対等な関係：上下や主従の関係ではなく、互いを尊重するパートナーとして話し合います。"
            "対等とは、仕事をすべて同じだけ分け合うという意味ではありません。\n"
            "- 役割分担と責任の明確化：どちらが担う方がより良いサービスになるかを考えて役割を分け、"
            "責任の所在、経費の負担、リスクを取り決めます。\n"
            "- 自主性・自立性の尊重：市民活動が自主的に、自らの責任で行われていることを尊重し、"
            "市が過度に関与しないようにします。\n"
            "- 情報公開と公平性：企画から評価までの過程と成果を積極的に公開します。参加の基準を明確にし、"
            "どの団体も公平に参加できるようにします。\n"
            "- 期限と評価：協働は期間を定めて取り組み、終了後には事後評価を行います。目標を達成できたか、"
            "原則は守れたか、形態や協働の相手の選び方は適切だったかを振り返り、一定期間ごとに見直します。\n\n"
            "## 協働の形態\n\n"
            "- 委託（協働委託）：団体の専門性や柔軟性、先駆性を生かすために事業を委ねます。"
            "単なる下請けではなく、市の財政負担を減らすことだけを目的とする委託は協働に含みません。\n"
            "- 補助・助成：公益上必要と認められる団体の事業に、資金や物品を支援します。"
            "団体の自主性を損なわないようにし、期限を設けて自立を後押しします。\n"
            "- 共催：団体と市が共に主催者となり、企画の段階から話し合って事業を行います。\n"
            "- 後援：団体が主催する公益的な事業に市が名義を連ね、社会的な信頼と認知度を高めます。\n"
            "- 実行委員会・協議会：団体と市が構成員となって新たな主催組織をつくり、事業を実施します。\n"
            "- 事業協力（協定）：目的、役割分担、経費負担を協定書で取り決め、"
            "一定期間継続して取り組みます。公園や道路の美化を団体が担うアドプト制度（里親制度）"
            "もその一つです。\n"
            "- 政策提案・計画づくりへの参画：審議会や委員会、研究会への参加やパブリックコメントを通じて、"
            "市の政策に意見や提案を届けます。\n"
            "- 情報提供・情報交換：互いが持つ情報を提供し合い、双方の取り組みの質を高めます。\n\n"
            "## 協働の領域\n\n"
            "市民と行政の関わり方は、「市民だけで行う」から「行政だけで行う」"
            "までの五つの領域で考えることができます。このうち領域②から④が、"
            "市民と行政による協働の領域です。\n\n"
            "- 領域①　市民だけで行う領域：市民が自らの責任で、自立して活動します。営利事業、宗教・"
            "政治活動、趣味や娯楽などもここに入ります。\n"
            "- 領域②　市民が主導し、行政が支援する領域：補助や後援などで、"
            "市が市民の取り組みを後押しします。\n"
            "- 領域③　市民と行政が共に立案し実行する領域：共催、実行委員会、協働委託などで、"
            "企画の段階から一緒に取り組みます。\n"
            "- 領域④　行政が主導し、市民の参加を得て行う領域：審議会への参加、計画づくりへの参画、"
            "アンケートなどがあります。\n"
            "- 領域⑤　行政だけで行う領域：許認可や税の賦課徴収などの公権力の行使、政策決定、"
            "生活保護などの基本的人権の保障は、行政が責任を持って行います。\n\n"
            "子育て支援や見守りのように地域ごとのきめ細かな対応が必要な事業、公園の管理や防犯・"
            "防災の見回りのように地域との合意が必要な事業、アイディアの実証試験のような先駆的な事業は、"
            "特に協働に向いています。\n\n"
            "## 協働事業を提案するには\n\n"
            "- 市民提案型：団体や事業者が、地域の課題を解決する事業や、"
            "市の事業の新しい進め方を自由に提案します。\n"
            "- 行政提案型：市があらかじめテーマと内容を示し、協働の相手となる団体を公募します。"
            "テーマは企画の段階から本ポータルでお知らせします。\n\n"
            "提案を考えている方は、まず市民協働推進課または市民活動センターにご相談ください。"
            "提案は関係課を交えて話し合い、外部の委員を含む審査会で審査します。"
            "採択された事業は協定書を結んで実施し、終了後の評価結果を公開します。"
            "採択に至らなかった場合は、その理由をお伝えします。"
        ),
        "body_en": (
            "## What is collaboration?\n\n"
            "Collaboration means two or more parties, such as a civic activity group and the city, "
            "recognising each other as equals, making the most of each other's strengths and resources, "
            "sharing the issue, the goal and the process, and working together to create new public "
            "services or projects with a high public-interest value. It is not only about the city and a "
            "group: groups can collaborate with each other or with businesses, and three or more parties "
            "can work together.\n\n"
            "Collaboration is not an end in itself but one way of solving local problems. We choose it "
            "when working together promises greater results than each party working alone.\n\n"
            "## Basic principles of collaboration\n\n"
            "- Shared purpose: make clear at the start what the collaboration is for, and share that "
            "purpose.\n"
            "- Mutual understanding: understand each other's characteristics, values and ways of working.\n"
            "- Equal partnership: talk as partners who respect each other, not as superior and "
            "subordinate. Equality does not mean that every task is split in equal shares.\n"
            "- Clear roles and responsibilities: divide the roles by asking which party can deliver the "
            "better service, and agree where responsibility lies, who bears which costs, and how risks "
            "are shared.\n"
            "- Respect for autonomy: respect that civic activity is carried out voluntarily and on the "
            "group's own responsibility, and keep the city from becoming too involved.\n"
            "- Openness and fairness: actively publish the process and the results, from planning to "
            "evaluation. Set clear participation criteria so that every group can take part on fair "
            "terms.\n"
            "- Time limits and evaluation: collaboration runs for a set period and is evaluated "
            "afterwards. The partners look back at whether the goals were achieved, whether the "
            "principles were kept and whether the form and the choice of partner were right, and review "
            "the arrangement at set intervals.\n\n"
            "## Forms of collaboration\n\n"
            "- Commissioning (collaborative commissioning): the city entrusts a project to a group to "
            "make use of its expertise, flexibility and pioneering spirit. This is not mere "
            "subcontracting: commissioning whose only aim is to cut the city's costs does not count as "
            "collaboration.\n"
            "- Subsidies and grants: the city supports a group's project that is recognised as necessary "
            "for the public interest with money or goods. This must not harm the group's autonomy, and "
            "time limits encourage independence.\n"
            "- Co-hosting: the group and the city are joint organisers and work the project out together "
            "from the planning stage.\n"
            "- Endorsement: the city lends its name to a public-interest event organised by a group, "
            "raising its credibility and visibility.\n"
            "- Executive committees and councils: the group and the city form a new organising body as "
            "members and carry out the project.\n"
            "- Project cooperation (agreements): the purpose, division of roles and cost sharing are set "
            "in an agreement, and the partners work together over a set period. The adopt-a-place "
            "scheme, in which a group looks after the upkeep of a park or a road, is one example.\n"
            "- Policy proposals and participation in planning: citizens bring their opinions and "
            "proposals to city policy by sitting on councils, committees and study groups, and through "
            "public comment procedures.\n"
            "- Information sharing and exchange: the partners share the information each holds and so "
            "raise the quality of each other's work.\n\n"
            "## Collaboration domains\n\n"
            "The way citizens and government share the work can be pictured as five domains, from "
            "'citizens alone' to 'government alone'. Domains 2 to 4 are the domains of collaboration "
            "between citizens and government.\n\n"
            "- Domain 1, citizens alone: citizens act independently on their own responsibility. "
            "Business for profit, religious and political activities, hobbies and leisure also belong "
            "here.\n"
            "- Domain 2, led by citizens and supported by government: the city backs citizens' "
            "initiatives through subsidies, endorsement and similar means.\n"
            "- Domain 3, planned and carried out by citizens and government together: through "
            "co-hosting, executive committees, collaborative commissioning and so on, the partners work "
            "together from the planning stage.\n"
            "- Domain 4, led by government with citizen participation: for example, sitting on councils, "
            "taking part in drawing up plans, and surveys.\n"
            "- Domain 5, government alone: the exercise of public authority such as permits and licences "
            "or the levying and collection of taxes, policy decisions, and the guarantee of fundamental "
            "human rights such as public assistance are the responsibility of government.\n\n"
            "Projects that need a detailed response in each neighbourhood, such as child-rearing support "
            "and watching over residents; projects that need local agreement, such as managing parks or "
            "crime-prevention and disaster-prevention patrols; and pioneering projects, such as trials "
            "of new ideas, are particularly well suited to collaboration.\n\n"
            "## How to propose a collaboration project\n\n"
            "- Citizen-proposed: groups and businesses freely propose projects that solve local "
            "problems, or new ways of running existing city projects.\n"
            "- City-proposed: the city sets out a theme and its content in advance and publicly invites "
            "groups to become its partners. Themes are announced on this portal from the planning stage.\n\n"
            "If you are thinking of making a proposal, please first talk to the Civic Collaboration "
            "Promotion Division or the Civic Activity Centre. Each proposal is discussed with the "
            "divisions concerned and reviewed by a panel that includes external members. Selected "
            "projects are carried out under an agreement, and the results of their evaluation are "
            "published when they end. If a proposal is not selected, we will tell you why."
        ),
    },
    {
        "slug": "getting-started",
        "title": "はじめての市民活動",
        "title_en": "Getting started with civic activity",
        "summary": (
            "「地域の役に立ちたいけれど、何から始めればいいかわからない」という方のために、"
            "身近な始め方と、団体の探し方や相談先を紹介します。"
        ),
        "summary_en": (
            "For everyone who would like to help their community but does not know where to start: "
            "simple, everyday ways to get involved, how to find a group and where to ask for advice."
        ),
        "order": 30,
        "show_in_nav": True,
        "body": (
            "市民活動というと、特別な知識や長い時間が必要だと思われるかもしれません。でも、"
            "通学路で子どもたちに「おはよう」と声をかけること、近所の公園の花壇に水をやること、"
            "地域のお祭りで受付を手伝うことも、立派な市民活動の第一歩です。このページでは、"
            "はじめての方でも気軽に始められる方法を紹介します。\n\n"
            "## 1．関心のあることを見つける\n\n"
            "まずは「好きなこと」「得意なこと」「気になっていること」を思い浮かべてみましょう。"
            "子どもと遊ぶのが好き、料理が得意、パソコンが使える、散歩が日課、最近ごみの出し方が気になる。"
            "そうした身近な関心が、活動を選ぶ手がかりになります。\n\n"
            "## 2．団体を探す\n\n"
            "本ポータルの「団体をさがす」では、福祉、環境、子育て・青少年、防災・防犯などの分野や、"
            "活動している地区から、市内の登録団体を探せます。活動内容や活動日、"
            "会員を募集しているかどうかも確認できます。気になる団体が見つかったら、"
            "まずは見学ができるか問い合わせてみましょう。\n\n"
            "## 3．ボランティアに参加する\n\n"
            "「ボランティア募集」には、1日だけ、2時間だけといった短時間の募集も掲載しています。例えば、"
            "次のような活動があります。\n\n"
            "- 子ども食堂での配膳や片付け\n"
            "- 河川敷や駅前の清掃活動\n"
            "- 高齢者サロンでのお茶出しや話し相手\n"
            "- 外国にルーツのある子どもたちの学習支援\n"
            "- イベント当日の受付や会場案内\n\n"
            "仕事や子育てで忙しい方は、週末や夕方の活動、自宅でできるチラシ作りやウェブでの情報発信のお手"
            "伝いから始めるのもおすすめです。\n\n"
            "## 4．イベントや講座に参加する\n\n"
            "団体の活動紹介や体験会、交流会などは「イベント」で探せます。市民活動センターでは、"
            "はじめての方向けの「市民活動スタートアップ講座」や、"
            "団体と出会える交流会を定期的に開いています。中学生から大学生までの若い世代の方には、"
            "夏休みなどに市民活動を体験できる「若者体験プログラム」もあります。\n\n"
            "## 5．市民活動センターに相談する\n\n"
            "何を選べばいいか迷ったら、市民活動センターの相談窓口にお越しください。コーディネーターが、"
            "あなたの関心や都合の良い時間に合わせて、活動や団体を一緒に探します。"
            "自分で団体を立ち上げたい方には、仲間の集め方や会則の作り方、"
            "活動場所や資金の探し方についての相談にも応じています。相談は無料で、"
            "予約なしでも受け付けています。\n\n"
            "## 安心して参加するために\n\n"
            "- 参加する前に、団体の連絡先や集合場所、持ち物を確認しましょう。\n"
            "- 登録団体の活動中のけがや事故に備えて、市が保険料を負担する「市民活動補償制度」があります。\n"
            "- 無理をせず、できる範囲で続けることが、長く活動を楽しむコツです。\n\n"
            "「自分にできることから、少しずつ」。みどり市の市民活動は、"
            "そんな一人ひとりの一歩から広がっています。"
        ),
        "body_en": (
            "You may think that civic activity needs special knowledge or a lot of time. But saying "
            "'good morning' to children on their way to school, watering the flower beds in your local "
            "park, or helping at the reception desk of a neighbourhood festival are all real first steps "
            "in civic activity. This page introduces easy ways to get started, even if you have never "
            "done anything like this before.\n\n"
            "## 1. Find something you care about\n\n"
            "Start by thinking about what you like, what you are good at, and what has been on your "
            "mind. Perhaps you enjoy playing with children, you are a good cook, you know your way "
            "around a computer, you walk every day, or you have been wondering about how rubbish is "
            "sorted. Everyday interests like these are good clues when choosing an activity.\n\n"
            "## 2. Look for a group\n\n"
            "With 'Find a group' on this portal you can search the city's registered groups by field, "
            "such as welfare, the environment, child-rearing and youth, or disaster preparedness and "
            "crime prevention, and by the district where they are active. You can also see what each "
            "group does, when it meets, and whether it is looking for new members. When you find a group "
            "that interests you, ask whether you can come and watch first.\n\n"
            "## 3. Try volunteering\n\n"
            "'Volunteer openings' also lists short opportunities, such as a single day or just two "
            "hours. For example:\n\n"
            "- Serving and clearing up at a children's cafeteria\n"
            "- Clean-ups on the riverbank or in front of the station\n"
            "- Serving tea and chatting with older people at a community salon\n"
            "- Homework help for children with roots abroad\n"
            "- Reception and guiding visitors on the day of an event\n\n"
            "If you are busy with work or raising children, weekend or evening activities are a good "
            "place to start, as is helping from home by making leaflets or posting information online.\n\n"
            "## 4. Join an event or a course\n\n"
            "Group open days, taster sessions and networking events can be found under 'Events'. The "
            "Civic Activity Centre regularly holds a Civic Activity Start-up Course for beginners and "
            "networking events where you can meet groups. For young people from junior high school to "
            "university, there is also a Youth Experience Programme for trying out civic activity in the "
            "summer holidays and at other times.\n\n"
            "## 5. Ask the Civic Activity Centre\n\n"
            "If you cannot decide, please visit the consultation desk at the Civic Activity Centre. A "
            "coordinator will help you find an activity or a group that matches your interests and the "
            "time you have. If you want to start a group of your own, we can also advise you on finding "
            "members, drawing up a constitution, and finding places to meet and money for your "
            "activities. Advice is free, and no appointment is needed.\n\n"
            "## Taking part safely\n\n"
            "- Before you go, check the group's contact details, the meeting place and what to bring.\n"
            "- To cover injuries and accidents during registered groups' activities, there is the Civic "
            "Activity Compensation Scheme, for which the city pays the insurance premiums.\n"
            "- Do not overdo it: doing what you can, at your own pace, is the secret of enjoying civic "
            "activity for a long time.\n\n"
            "'Start with what you can do, a little at a time.' Civic activity in Midori City grows from "
            "small first steps like these."
        ),
    },
    {
        "slug": "accessibility",
        "title": "ウェブアクセシビリティ方針",
        "title_en": "Web accessibility policy",
        "summary": (
            "高齢の方や障害のある方を含め、誰もが本ポータルを利用できるよう、JIS X 8341-3:2016 "
            "の適合レベルAAへの準拠を目標に取り組んでいます。"
        ),
        "summary_en": (
            "So that everyone, including older people and people with disabilities, can use this portal, "
            "we aim for conformance with JIS X 8341-3:2016 at level AA."
        ),
        "order": 90,
        "show_in_nav": False,
        "body": (
            "みどり市は、高齢の方や障害のある方、日本語を母語としない方、"
            "スマートフォンをお使いの方を含め、誰もが必要な情報を得て、市民活動や協働に参加できるよう、"
            "市民活動・協働ポータル（以下「本ポータル」といいます。）"
            "のウェブアクセシビリティの確保と向上に取り組んでいます。\n\n"
            "## 目標とする適合レベルと対応度\n\n"
            "日本産業規格 JIS X 8341-3:2016（ウェブコンテンツのアクセシビリティに関する規格）"
            "の適合レベルAAに準拠することを目標とします。対応度の表記は、"
            "ウェブアクセシビリティ基盤委員会の「ウェブコンテンツの JIS X 8341-3:2016 "
            "対応度表記ガイドライン」に基づきます。\n\n"
            "## 対象範囲\n\n"
            "本ポータルのドメイン配下で、市が作成・管理するすべてのウェブページを対象とします。"
            "登録団体が作成して掲載する団体紹介の文章、画像、添付ファイル、"
            "及び外部サイトは対象外とします（「既知の課題」をご覧ください）。\n\n"
            "## 達成目標日\n\n"
            "令和9年3月31日までに、適合レベルAAに準拠することを目指します。\n\n"
            "## 主な取り組み\n\n"
            "- 音声読み上げソフトやキーボードだけでも操作できるよう、見出し、表、"
            "入力欄の項目名を正しく設定しています。\n"
            "- 文字と背景の色のコントラストを確保し、色だけで情報を伝えないようにしています。\n"
            "- 文字を200％まで拡大しても、内容を読み取り、操作できるようにしています。\n"
            "- 画像には、内容を説明する代替テキストを付けています。\n"
            "- 入力に誤りがあったときは、どの項目をどう直せばよいかを文字で表示します。\n"
            "- 主要なページを日本語と英語で提供しています。\n"
            "- 登録団体向けに、わかりやすい文章や代替テキストの書き方の手引きを用意しています。\n\n"
            "## 試験の方法\n\n"
            "ウェブアクセシビリティ基盤委員会の「JIS X 8341-3:2016 試験実施ガイドライン」"
            "に基づいて試験を行います。ページの種類ごとに代表的なページを選び、"
            "自動チェックツールによる検査に加えて、職員と外部の専門家が、音声読み上げソフト、"
            "キーボードだけの操作、画面の拡大などで一つひとつ確認します。試験は毎年度1回以上、"
            "また大きな改修を行ったときに実施し、結果を本ページで公開します。\n\n"
            "## 既知の課題\n\n"
            "- 登録団体がアップロードしたPDFなどの添付ファイルは、"
            "団体が作成したものをそのまま掲載しているため、規格に適合していない場合があります。"
            "内容をテキストなどでお求めの方は、その団体または市民協働推進課にご連絡ください。\n"
            "- 登録団体が投稿した画像に、代替テキストが付いていない場合があります。"
            "投稿画面で入力をお願いするとともに、気づいたものは団体に修正を依頼しています。\n"
            "- 一部の古い資料（PDF）は、順次改善を進めています。\n\n"
            "## お問い合わせ\n\n"
            "本ポータルで利用しにくい点や、必要な情報が得られない点がありましたら、"
            "市民協働推進課までお知らせください。お問い合わせフォームのほか、電話、ファクス、"
            "窓口でも受け付けています。いただいたご意見は、今後の改善に役立てます。"
        ),
        "body_en": (
            "Midori City is working to secure and improve the web accessibility of the Civic Activity "
            "and Collaboration Portal ('this portal'), so that everyone, including older people, people "
            "with disabilities, people whose first language is not Japanese and people using "
            "smartphones, can find the information they need and take part in civic activity and "
            "collaboration.\n\n"
            "## Target conformance level\n\n"
            "We aim to conform with level AA of the Japanese Industrial Standard JIS X 8341-3:2016 (the "
            "standard for the accessibility of web content). Our statements of conformance follow the "
            "guidelines on conformance statements published by the Web Accessibility Infrastructure "
            "Committee (WAIC).\n\n"
            "## Scope\n\n"
            "The policy covers all web pages on this portal's domain that are created and managed by the "
            "city. Descriptions, images and attachments created and posted by registered groups, and "
            "external websites, are outside its scope (see 'Known issues').\n\n"
            "## Target date\n\n"
            "We aim to conform with level AA by 31 March 2027.\n\n"
            "## Main measures\n\n"
            "- Headings, tables and form field labels are marked up correctly, so that the portal can be "
            "used with a screen reader or a keyboard alone.\n"
            "- Text has enough colour contrast with its background, and information is never conveyed by "
            "colour alone.\n"
            "- Content can be read and used with text enlarged to 200%.\n"
            "- Images have alternative text that describes their content.\n"
            "- When an entry contains an error, we say in words which field is affected and how to "
            "correct it.\n"
            "- The main pages are available in Japanese and English.\n"
            "- Registered groups are given a guide to writing plain language and alternative text.\n\n"
            "## How we test\n\n"
            "We test according to the WAIC testing guidelines for JIS X 8341-3:2016. For each type of "
            "page we choose representative pages and, in addition to automated checking tools, city "
            "staff and external experts check them one by one with screen readers, keyboard-only "
            "operation and screen magnification. Tests are carried out at least once every fiscal year "
            "and whenever a major change is made, and the results are published on this page.\n\n"
            "## Known issues\n\n"
            "- PDF files and other attachments uploaded by registered groups are published as the groups "
            "created them, so they may not conform with the standard. If you need their content as text "
            "or in another format, please contact the group or the Civic Collaboration Promotion "
            "Division.\n"
            "- Images posted by registered groups may lack alternative text. The posting screen asks for "
            "it, and when we notice a missing description we ask the group to add one.\n"
            "- Some older documents (PDF) are being improved step by step.\n\n"
            "## Contact\n\n"
            "If you find any part of this portal hard to use, or cannot get the information you need, "
            "please let the Civic Collaboration Promotion Division know. You can use the contact form, "
            "or contact us by telephone, by fax or at the counter. Your comments will help us improve "
            "the portal."
        ),
    },
    {
        "slug": "privacy",
        "title": "プライバシーポリシー（個人情報の取扱い）",
        "title_en": "Privacy policy (handling of personal information)",
        "summary": (
            "本ポータルで取得する個人情報の種類と利用目的、保存期間、ご自身での確認・ダウンロード・"
            "削除の方法、安全管理とクッキーの扱いについて説明します。"
        ),
        "summary_en": (
            "Which personal information this portal collects and why, how long it is kept, how to view, "
            "download and delete your own data, and how we keep it secure and use cookies."
        ),
        "order": 91,
        "show_in_nav": False,
        "body": (
            "みどり市（以下「市」といいます。）は、市民活動・協働ポータル（以下「本ポータル」"
            "といいます。）の運営にあたり、個人情報の保護に関する法律及び市の関係規程に基づき、"
            "個人情報を適正に取り扱います。\n\n"
            "## 取得する情報\n\n"
            "- アカウント登録時：メールアドレス、氏名、フリガナ、みどり市との関わり（在住・在勤・在学・"
            "その他）、表示言語\n"
            "- ご利用に応じて：団体の登録・更新、イベントやボランティアへの申込み、施設の予約、"
            "補助金の申請、協働事業の提案、相談の際に入力していただく情報と添付書類\n"
            "- 運用上の記録：ログインの日時、手続きの操作記録、接続元のIPアドレス\n\n"
            "## 利用目的\n\n"
            "- 本人確認、ログイン、パスワードの再設定などアカウントの管理\n"
            "- 団体登録、施設予約、補助金、協働事業の提案などの受付、審査、ご連絡\n"
            "- お知らせやイベント情報の配信（希望された方のみ）\n"
            "- 不正な利用の防止と、システムの安全な運用\n"
            "- 個人を特定できない形に集計した統計の作成（施策の検討に利用します）\n\n"
            "## 第三者への提供\n\n"
            "法令に基づく場合を除き、ご本人の同意なく個人情報を第三者に提供することはありません。"
            "団体の連絡先など公開を前提とする項目は、入力画面で公開されることをお示ししたうえで掲載しま"
            "す。審査を外部の委員に依頼する場合は、審査に必要な範囲に限り、"
            "守秘義務を課したうえで閲覧できるようにします。\n\n"
            "## 保存期間とアカウントの削除\n\n"
            "個人情報は、利用目的の達成に必要な期間保存します。アカウントを削除すると、氏名、"
            "メールアドレスなどの情報を消去します。ただし、補助金の申請や施設の利用の記録など、"
            "市が法令や文書管理の規程に基づいて保存しなければならない記録は、"
            "消去する代わりに個人を特定できないよう匿名化したうえで、定められた期間保存します。\n\n"
            "## ご自身の情報の確認・ダウンロード・削除\n\n"
            "ログイン後の「マイアカウント」ページから、登録情報の確認と修正、"
            "登録情報や申込みの記録のダウンロード、アカウントの削除ができます。団体の代表者の方は、"
            "アカウントを削除する前に、団体の引継ぎについて市民協働推進課にご相談ください。\n\n"
            "## 安全管理\n\n"
            "- 本ポータルとの通信は、すべて暗号化しています。\n"
            "- パスワードは、元に戻せない形式に変換して保存しています。\n"
            "- 市職員や審査委員など管理機能を利用する者には二段階認証を義務付け、"
            "担当業務に必要な範囲に限って閲覧できるようにしています。\n"
            "- 申請書類などの添付ファイルは公開されない領域に保存し、権限のある人だけが閲覧できます。\n"
            "- 重要な操作は記録し、不正なアクセスがないかを確認しています。\n\n"
            "## クッキー（Cookie）について\n\n"
            "本ポータルでは、ログイン状態の維持（セッション）、なりすましによる送信の防止（CSRF対策）、"
            "表示言語の記憶のために必要なクッキーだけを使用しています。"
            "アクセス解析や広告のためのクッキーは使用していません。また、"
            "ページの表示にあたって外部のサービスへの通信は行いませんので、"
            "閲覧の情報が第三者に送られることはありません。ブラウザでクッキーを無効にすると、"
            "ログインや申込みができなくなります。\n\n"
            "## お問い合わせ\n\n"
            "個人情報の取扱いに関するお問い合わせや、開示・訂正・利用停止の請求は、みどり市 "
            "市民協働推進課で受け付けています。"
        ),
        "body_en": (
            "In running the Civic Activity and Collaboration Portal ('this portal'), Midori City ('the "
            "city') handles personal information properly in accordance with the Act on the Protection "
            "of Personal Information and the city's own regulations.\n\n"
            "## Information we collect\n\n"
            "- When you create an account: your e-mail address, name, name in katakana (furigana), your "
            "relationship to Midori City (live, work, study or other), and your display language\n"
            "- Depending on how you use the portal: information and attachments you enter when "
            "registering or renewing a group, signing up for events or volunteer openings, booking "
            "facilities, applying for subsidies, proposing collaboration projects or asking for advice\n"
            "- Operational records: log-in times, records of actions taken in procedures, and the IP "
            "address you connect from\n\n"
            "## Purposes of use\n\n"
            "- Managing your account, including identity checks, log-in and password resets\n"
            "- Receiving and reviewing group registrations, facility bookings, subsidy applications, "
            "collaboration proposals and similar requests, and contacting you about them\n"
            "- Sending news and event information (only if you ask for it)\n"
            "- Preventing misuse and running the system securely\n"
            "- Producing statistics aggregated so that no individual can be identified (used to plan "
            "city policy)\n\n"
            "## Provision to third parties\n\n"
            "Except where required by law, we never give personal information to third parties without "
            "your consent. Items meant to be public, such as a group's contact details, are published "
            "only after the entry form has told you that they will be public. When external members are "
            "asked to review applications, they can see only what they need for the review, and they are "
            "bound by confidentiality.\n\n"
            "## Retention and account deletion\n\n"
            "Personal information is kept for as long as needed for the purposes above. When you delete "
            "your account, your name, e-mail address and similar information are erased. However, "
            "records that the city must keep under law or its records-management rules, such as subsidy "
            "applications and facility use, are not erased: they are anonymised so that no individual "
            "can be identified, and kept for the required period.\n\n"
            "## Viewing, downloading and deleting your data\n\n"
            "After logging in, the 'My account' page lets you view and correct your details, download "
            "your details and the records of your applications, and delete your account. If you are a "
            "group's representative, please talk to the Civic Collaboration Promotion Division about "
            "handing over the group before you delete your account.\n\n"
            "## Security\n\n"
            "- All communication with this portal is encrypted.\n"
            "- Passwords are stored in a form that cannot be turned back into the original.\n"
            "- City staff, reviewers and anyone else who uses the management functions must use "
            "two-factor authentication, and can see only what their duties require.\n"
            "- Attachments such as application documents are stored in a non-public area and can be seen "
            "only by people with permission.\n"
            "- Important actions are logged and checked for unauthorised access.\n\n"
            "## Cookies\n\n"
            "This portal uses only the cookies it needs to keep you logged in (session), to protect "
            "forms against forged submissions (CSRF protection) and to remember your display language. "
            "We do not use cookies for analytics or advertising. Pages do not contact any external "
            "service when they are displayed, so information about what you read is never sent to third "
            "parties. If you disable cookies in your browser, you will not be able to log in or submit "
            "applications.\n\n"
            "## Contact\n\n"
            "Questions about how personal information is handled, and requests for disclosure, "
            "correction or suspension of use, are handled by the Civic Collaboration Promotion Division, "
            "Midori City."
        ),
    },
    {
        "slug": "terms",
        "title": "利用規約",
        "title_en": "Terms of use",
        "summary": "本ポータルを利用するにあたっての約束事です。アカウントを登録する前にお読みください。",
        "summary_en": "The conditions for using this portal. Please read them before creating an account.",
        "order": 92,
        "show_in_nav": False,
        "body": (
            "この規約は、みどり市（以下「市」といいます。）が運営する市民活動・"
            "協働ポータル（以下「本ポータル」といいます。）の利用条件を定めるものです。"
            "本ポータルを利用した方は、この規約に同意したものとみなします。\n\n"
            "## 利用者登録\n\n"
            "- ページの閲覧は、登録しなくてもできます。申込み、団体登録、施設の予約、"
            "補助金の申請などには、アカウントの登録が必要です。\n"
            "- 登録内容は正確に入力し、変更があったときは速やかに更新してください。\n"
            "- パスワードなどのログイン情報は、ご自身で適切に管理してください。"
            "一つのアカウントを複数の人で共有しないでください。\n\n"
            "## 禁止事項\n\n"
            "- 法令や公序良俗に反する行為\n"
            "- 他人になりすます行為、虚偽の情報を登録する行為\n"
            "- 他人を誹謗中傷し、又は名誉やプライバシーを侵害する行為\n"
            "- 営利を目的とする宣伝、宗教の勧誘、政治活動や選挙運動を目的とする投稿\n"
            "- 本ポータルの運営を妨げる行為、不正なアクセスや過度な負荷をかける行為\n\n"
            "## 投稿された情報\n\n"
            "登録団体が掲載する団体紹介、イベント、募集などの内容は、各団体の責任で作成されたものです。"
            "内容についてのお問い合わせは、各団体に直接お願いします。市は、"
            "この規約に反すると判断した投稿を、事前に通知することなく非公開にし、"
            "又は削除することがあります。\n\n"
            "## 著作権\n\n"
            "本ポータルに掲載している文章や画像の著作権は、市又は正当な権利者に帰属します。"
            "市が作成した文章は、出典を明記すれば自由に利用できます。投稿者は、投稿した情報を、"
            "市が市民活動を紹介する目的で本ポータルや広報紙に無償で利用することを認めるものとします。\n\n"
            "## 免責事項\n\n"
            "市は、本ポータルに掲載する情報の正確さに注意を払っていますが、"
            "その内容を保証するものではありません。本ポータルの利用により生じた損害や、"
            "利用者同士又は利用者と団体の間で生じたトラブルについて、市は責任を負いません。\n\n"
            "## サービスの変更・停止\n\n"
            "保守作業、障害、災害などのため、事前にお知らせすることなく、"
            "本ポータルの全部又は一部を停止することがあります。\n\n"
            "## 規約の変更\n\n"
            "市は、必要に応じてこの規約を変更することがあります。重要な変更は、"
            "本ポータルのお知らせでお知らせします。\n\n"
            "## 準拠法と管轄裁判所\n\n"
            "この規約は、日本の法令に基づいて解釈します。本ポータルに関して紛争が生じた場合は、"
            "みどり市を管轄する地方裁判所を第一審の専属的合意管轄裁判所とします。\n\n"
            "附則　この規約は、令和8年10月1日から施行します。"
        ),
        "body_en": (
            "These terms set out the conditions for using the Civic Activity and Collaboration Portal "
            "('this portal') run by Midori City ('the city'). By using this portal you are deemed to "
            "have agreed to these terms.\n\n"
            "## Registration\n\n"
            "- You can read the pages without registering. You need an account to sign up for "
            "activities, register a group, book facilities, apply for subsidies and so on.\n"
            "- Enter accurate details when you register, and update them promptly when they change.\n"
            "- Keep your password and other log-in details safe yourself. Do not share one account among "
            "several people.\n\n"
            "## Prohibited conduct\n\n"
            "- Anything that breaks the law or offends public order and morals\n"
            "- Pretending to be someone else, or registering false information\n"
            "- Defaming others, or infringing their reputation or privacy\n"
            "- Posts for commercial advertising, religious recruitment, or political or election "
            "campaigning\n"
            "- Disrupting the operation of this portal, unauthorised access, or placing an excessive "
            "load on it\n\n"
            "## Posted information\n\n"
            "Group descriptions, events, openings and other content published by registered groups are "
            "written under each group's own responsibility. Please direct questions about such content "
            "to the group concerned. The city may hide or delete, without prior notice, any post that it "
            "judges to break these terms.\n\n"
            "## Copyright\n\n"
            "Copyright in the text and images on this portal belongs to the city or to the rightful "
            "owner. Text written by the city may be used freely as long as the source is acknowledged. "
            "People who post information allow the city to use it free of charge on this portal and in "
            "its public bulletin to introduce civic activities.\n\n"
            "## Disclaimer\n\n"
            "The city takes care that information on this portal is accurate, but does not guarantee its "
            "content. The city is not liable for any damage resulting from use of this portal, or for "
            "disputes between users, or between users and groups.\n\n"
            "## Changes to and suspension of the service\n\n"
            "The city may suspend all or part of this portal without prior notice for maintenance, "
            "faults, disasters or similar reasons.\n\n"
            "## Changes to these terms\n\n"
            "The city may change these terms when necessary. Important changes will be announced in the "
            "news on this portal.\n\n"
            "## Governing law and jurisdiction\n\n"
            "These terms are interpreted under Japanese law. Any dispute about this portal shall be "
            "submitted to the exclusive jurisdiction, at first instance, of the district court with "
            "jurisdiction over Midori City.\n\n"
            "Supplementary provision: these terms take effect on 1 October 2026."
        ),
    },
]


# FAQ (よくある質問). category: "account", "groups", "facilities", "subsidies", "collaboration", "site".
FAQ_ITEMS: list[dict[str, Any]] = [
    {
        "category": "account",
        "order": 10,
        "question": "アカウントはどうやって作成しますか？",
        "question_en": "How do I create an account?",
        "answer": (
            "画面右上の「新規登録」から、メールアドレス、氏名、フリガナ、みどり市との関わり、"
            "表示言語を入力し、パスワードを設定してください。"
            "入力したメールアドレスに確認のメールが届きますので、本文のリンクを開くと登録が完了します。"
            "ページを見るだけでしたら、登録の必要はありません。"
        ),
        "answer_en": (
            "Choose 'Sign up' at the top right of the screen, enter your e-mail address, name, name in "
            "katakana, your relationship to Midori City and your display language, and set a password. A "
            "confirmation e-mail will be sent to that address; open the link in it to complete your "
            "registration. You do not need an account just to read the pages."
        ),
    },
    {
        "category": "account",
        "order": 20,
        "question": "市外に住んでいても登録できますか？",
        "question_en": "Can I register if I do not live in Midori City?",
        "answer": (
            "はい、登録できます。本ポータルでは、みどり市に住んでいる方だけでなく、市内で働いている方、"
            "市内の学校に通っている方、みどり市のために活動している方も「市民」と考えています。"
            "登録の際に「みどり市との関わり」を選んでください。"
        ),
        "answer_en": (
            "Yes. On this portal, 'citizens' means not only people who live in Midori City but also "
            "people who work or go to school here and people who act for the city. When you register, "
            "please choose your relationship to Midori City."
        ),
    },
    {
        "category": "account",
        "order": 30,
        "question": "二段階認証とは何ですか？設定は必要ですか？",
        "question_en": "What is two-factor authentication, and do I need it?",
        "answer": (
            "パスワードに加えて、スマートフォンの認証アプリに表示される確認コードを入力してログインする仕"
            "組みです。パスワードが漏れても、なりすましを防ぐことができます。"
            "市職員や審査委員など管理機能を利用する方は、必ず設定していただきます。"
            "それ以外の方は任意ですが、団体の代表者の方には設定をおすすめします。「マイアカウント」"
            "ページから設定できます。"
        ),
        "answer_en": (
            "It is a way of logging in that asks, in addition to your password, for a code shown by an "
            "authenticator app on your smartphone. Even if your password leaks, nobody else can log in "
            "as you. City staff, reviewers and others who use the management functions must set it up. "
            "For everyone else it is optional, but we recommend it for group representatives. You can "
            "set it up on the 'My account' page."
        ),
    },
    {
        "category": "groups",
        "order": 40,
        "question": "「登録団体」とは何ですか？登録するとどんなメリットがありますか？",
        "question_en": "What is a registered group, and what are the benefits of registering?",
        "answer": (
            "市の市民活動団体登録制度に基づき、市民協働推進課が登録を認めた団体です。登録すると、"
            "本ポータルでの団体紹介ページの公開、イベントやボランティア募集の掲載、"
            "市民活動センターの会議室や備品の予約、補助金の申請、協働事業の提案ができ、"
            "市民活動補償制度の対象にもなります。登録情報が公開されることで、市民からの信頼や仲間づくり、"
            "他の団体との交流にもつながります。"
        ),
        "answer_en": (
            "A group whose registration has been approved by the Civic Collaboration Promotion Division "
            "under the city's registration scheme for civic activity groups. Registered groups can "
            "publish a profile page on this portal, post events and volunteer openings, book meeting "
            "rooms and equipment at the Civic Activity Centre, apply for subsidies and propose "
            "collaboration projects, and are covered by the Civic Activity Compensation Scheme. Because "
            "registration details are public, registering also helps to build trust with citizens, find "
            "new members and connect with other groups."
        ),
    },
    {
        "category": "groups",
        "order": 50,
        "question": "どのような団体が登録できますか？",
        "question_en": "Which groups can register?",
        "answer": (
            "市内に活動の拠点があり、誰でも参加できる開かれた団体で、公益的な活動を継続して行っている、"
            "又は行う見込みのある団体が登録できます。法人格の有無は問いません。営利を目的とする団体、"
            "宗教活動や政治活動を主な目的とする団体、特定の候補者や政党を支持・推薦し、"
            "又は反対することを目的とする団体は登録できません。申請の後、担当課が活動内容を確認します。"
        ),
        "answer_en": (
            "Groups that have their activity base in the city, that anyone can join, and that carry out, "
            "or are expected to carry out, public-interest activities on a continuing basis. Legal "
            "status does not matter. Groups that aim to make a profit, groups whose main purpose is "
            "religious or political activity, and groups whose purpose is to support, recommend or "
            "oppose particular candidates or political parties cannot register. After you apply, the "
            "division in charge checks your activities."
        ),
    },
    {
        "category": "groups",
        "order": 60,
        "question": "団体登録の更新は毎年必要ですか？",
        "question_en": "Do we need to renew our group registration every year?",
        "answer": (
            "はい。登録の有効期間は年度ごと（4月1日から翌年3月31日まで）です。毎年2月の更新期間中に、"
            "本ポータルから代表者、連絡先、会員数、活動内容などを確認して更新の手続きをしてください。"
            "3月31日までに更新がない場合は登録が失効し、団体紹介ページは公開されなくなります。"
        ),
        "answer_en": (
            "Yes. Registration is valid for one fiscal year (from 1 April to 31 March of the following "
            "year). During the renewal period each February, please check your representative, contact "
            "details, membership numbers, activities and other details on this portal and complete the "
            "renewal. If a registration has not been renewed by 31 March, it lapses and the group's "
            "profile page is no longer shown."
        ),
    },
    {
        "category": "groups",
        "order": 70,
        "question": "活動中のけがや事故に備える保険はありますか？",
        "question_en": "Is there insurance for injuries or accidents during our activities?",
        "answer": (
            "市が保険会社と契約して保険料を負担する「市民活動補償制度」があります。"
            "登録団体の公益的な活動中に、参加者がけがをしたり、他人にけがをさせたりした場合などが対象で、"
            "団体や個人での加入手続きは不要です。事故が起きたときは、"
            "速やかに市民協働推進課にご連絡ください。営利を目的とする活動や、"
            "団体の内部の親睦行事などは対象になりません。"
        ),
        "answer_en": (
            "Yes: under the Civic Activity Compensation Scheme, the city holds a contract with an "
            "insurance company and pays the premiums. It covers, for example, participants who are "
            "injured or who injure someone else during a registered group's public-interest activities, "
            "and neither groups nor individuals need to enrol. If an accident happens, please contact "
            "the Civic Collaboration Promotion Division promptly. Activities for profit and social "
            "events held only for a group's own members are not covered."
        ),
    },
    {
        "category": "facilities",
        "order": 80,
        "question": "市民活動センターの会議室はどのように予約しますか？",
        "question_en": "How do I book a meeting room at the Civic Activity Centre?",
        "answer": (
            "登録団体の方は、ログインした後、「施設をさがす」で空き状況を確認して予約を申し込めます。"
            "予約の受付開始日、利用料金、キャンセルの期限は施設ごとに異なりますので、"
            "各施設のページでご確認ください。登録をしていない団体や個人の方は、"
            "センターの窓口でご相談ください。"
        ),
        "answer_en": (
            "Registered groups can log in, check availability under 'Find a facility' and request a "
            "booking. When bookings open, the fees and the cancellation deadlines differ between "
            "facilities, so please check each facility's page. Groups that are not registered, and "
            "individuals, please ask at the Centre's counter."
        ),
    },
    {
        "category": "facilities",
        "order": 90,
        "question": "プロジェクターや印刷機などの備品は借りられますか？",
        "question_en": "Can we borrow equipment such as projectors or printing machines?",
        "answer": (
            "登録団体は、市民活動センターのプロジェクター、スクリーン、印刷機、"
            "テントなどの備品を借りることができます。会議室と同じく、"
            "本ポータルの各施設のページから申し込めます。市が所有する草刈機など、"
            "屋外での活動に使える備品の貸出しもありますので、市民協働推進課にお問い合わせください。"
        ),
        "answer_en": (
            "Registered groups can borrow equipment from the Civic Activity Centre, such as projectors, "
            "screens, printing machines and tents. As with meeting rooms, you can request them from each "
            "facility's page on this portal. Some city-owned equipment for outdoor work, such as grass "
            "trimmers, can also be lent; please ask the Civic Collaboration Promotion Division."
        ),
    },
    {
        "category": "subsidies",
        "order": 100,
        "question": "活動資金を支援する補助金はありますか？",
        "question_en": "Are there subsidies to help fund our activities?",
        "answer": (
            "登録団体を対象とした「市民活動応援補助金」があります。毎年度、公募により受け付け、"
            "書類審査と公開プレゼンテーションによる審査を経て交付先を決めます。"
            "募集期間中に本ポータルから申請できます。申請の前に、"
            "市民活動センターで事業計画や予算書の書き方の相談も受け付けています。"
            "企業や財団などによる民間の助成金の情報も、本ポータルで紹介しています。"
        ),
        "answer_en": (
            "Yes: the Civic Activity Support Subsidy for registered groups. Applications are invited "
            "publicly each fiscal year, and recipients are chosen after a document review and an open "
            "presentation review. You can apply on this portal during the application period. Before "
            "applying, you can get advice at the Civic Activity Centre on writing your project plan and "
            "budget. This portal also lists private grants offered by companies and foundations."
        ),
    },
    {
        "category": "subsidies",
        "order": 110,
        "question": "同じ事業で毎年補助金を受けられますか？",
        "question_en": "Can we receive a subsidy for the same project every year?",
        "answer": (
            "補助金は、団体が自立して活動を続けられるよう後押しするためのものです。そのため、"
            "同じ事業への補助は原則として3年度までとしています。"
            "その後も市と協力して続けることがふさわしい事業は、協働事業として提案することもできます。"
            "詳しくは各年度の募集要項をご覧ください。"
        ),
        "answer_en": (
            "Subsidies are meant to help groups become able to continue their activities independently. "
            "For this reason, a subsidy for the same project is in principle limited to three fiscal "
            "years. Projects that are best continued in cooperation with the city after that can be "
            "proposed as collaboration projects. For details, please see each year's application "
            "guidelines."
        ),
    },
    {
        "category": "collaboration",
        "order": 120,
        "question": "市と一緒に事業を行いたいのですが、どうすればよいですか？",
        "question_en": "We would like to run a project together with the city. What should we do?",
        "answer": (
            "協働事業提案制度をご利用ください。団体や事業者が自由に事業を提案する「市民提案型」と、"
            "市が示したテーマに対して提案する「行政提案型」があります。"
            "まずは市民協働推進課に事前相談をしてください。提案は関係課との話し合いと、"
            "外部の委員を含む審査会で審査します。採択された事業は、"
            "役割分担や経費の負担を協定書で取り決めて実施します。"
        ),
        "answer_en": (
            "Please use the collaboration proposal scheme. There are two types: citizen-proposed, where "
            "groups and businesses freely propose projects, and city-proposed, where you respond to a "
            "theme set by the city. First, please talk to the Civic Collaboration Promotion Division. "
            "Proposals are discussed with the divisions concerned and reviewed by a panel that includes "
            "external members. Selected projects are carried out under an agreement that sets out the "
            "division of roles and costs."
        ),
    },
    {
        "category": "collaboration",
        "order": 130,
        "question": "イベントに市の後援をお願いするには、どうすればよいですか？",
        "question_en": "How can we ask the city to endorse our event?",
        "answer": (
            "本ポータルの「後援・共催の申請」から、原則として開催日の1か月前までに申請してください。"
            "市は、事業の目的や内容、公益性などを確認して判断します。営利を目的とする事業や、宗教活動、"
            "政治活動を目的とする事業は対象になりません。後援が決まった場合は、"
            "チラシなどに「後援　みどり市」と表示できます。"
        ),
        "answer_en": (
            "Please apply through 'Endorsement and co-hosting requests' on this portal, as a rule at "
            "least one month before the event. The city decides after checking the event's purpose, "
            "content and public-interest value. Events for profit, or for religious or political "
            "purposes, are not eligible. If endorsement is granted, you may state 'Endorsed by Midori "
            "City' on your leaflets and other materials."
        ),
    },
    {
        "category": "site",
        "order": 140,
        "question": "個人情報はどのように守られていますか？",
        "question_en": "How is my personal information protected?",
        "answer": (
            "本ポータルとの通信はすべて暗号化し、個人情報は利用目的に必要な範囲でのみ扱います。"
            "法令に基づく場合を除き、ご本人の同意なく第三者に提供することはありません。「マイアカウント」"
            "ページから、ご自身の登録情報のダウンロードやアカウントの削除ができます。"
            "詳しくは「プライバシーポリシー」をご覧ください。"
        ),
        "answer_en": (
            "All communication with this portal is encrypted, and personal information is used only as "
            "far as its purposes require. Except where required by law, it is never given to third "
            "parties without your consent. On the 'My account' page you can download your own data and "
            "delete your account. For details, please see the privacy policy."
        ),
    },
    {
        "category": "site",
        "order": 150,
        "question": "英語のページはありますか？",
        "question_en": "Is the site available in English?",
        "answer": (
            "はい。画面上部の言語の切り替えから「English」を選ぶと、英語で表示されます。"
            "アカウントをお持ちの方は、登録した表示言語で表示されます。ただし、"
            "登録団体が投稿した団体紹介やイベントの情報は、日本語だけの場合があります。"
        ),
        "answer_en": (
            "Yes. Choose 'English' in the language switcher at the top of the screen to show the site in "
            "English. If you have an account, the site is shown in the display language you registered. "
            "Note that group descriptions and event information posted by registered groups may be "
            "available in Japanese only."
        ),
    },
]


# News (お知らせ). days_ago: publish date relative to today; negative = scheduled, not yet public.
NEWS: list[dict[str, Any]] = [
    {
        "title": "令和9年度 市民活動応援補助金の募集を開始します",
        "title_en": "Applications open for the FY2027 Civic Activity Support Subsidy",
        "days_ago": -7,
        "is_important": True,
        "body": (
            "市では、市民活動団体が自ら企画し実施する公益的な事業を応援するため、"
            "令和9年度の市民活動応援補助金の申請を受け付けます。新しく活動を始める団体から、"
            "これまでの活動をさらに広げたい団体まで、多くの皆さまのご応募をお待ちしています。\n\n"
            "## 募集する部門\n\n"
            "- スタートアップ部門：設立からおおむね3年以内の団体が行う事業。補助の上限は10万円、"
            "補助率は10分の10です。\n"
            "- ステップアップ部門：活動の充実や新たな分野への展開を目指す事業。補助の上限は30万円、"
            "補助率は3分の2です。\n"
            "- 協働チャレンジ部門：他の団体、事業者、学校などと連携して地域の課題に取り組む事業。"
            "補助の上限は50万円、補助率は3分の2です。\n\n"
            "## 対象となる団体\n\n"
            "申請の時点で本ポータルの登録団体であることが必要です。これから団体登録を行う場合は、"
            "申請期限までに登録の申請をしてください。\n\n"
            "## 募集期間\n\n"
            "令和8年12月1日（火）から令和9年1月29日（金）午後5時まで\n\n"
            "## 申請方法\n\n"
            "本ポータルにログインし、「補助金」のページから申請してください。"
            "事業計画書と収支予算書は画面上で入力できます。パソコンをお持ちでない方は、"
            "市民活動センターの窓口でご相談ください。\n\n"
            "## 審査\n\n"
            "書類審査の後、令和9年3月に公開プレゼンテーション審査を行います。審査は、"
            "外部の委員を含む審査会が、公益性、実現性、予算の妥当性、事業の広がりなどの観点から行い、"
            "結果と講評を本ポータルで公表します。\n\n"
            "## 説明会と事前相談\n\n"
            "令和8年12月5日（土）午前10時から、市民活動センターで説明会を開きます。"
            "申請書の書き方などの個別相談は、募集期間中いつでも受け付けています。なお、"
            "同じ事業への補助は原則として3年度までです。"
        ),
        "body_en": (
            "To support public-interest projects planned and carried out by civic activity groups "
            "themselves, the city is accepting applications for the Civic Activity Support Subsidy for "
            "fiscal year 2027 (Reiwa 9). We look forward to applications from all kinds of groups, from "
            "those just getting started to those wishing to expand their work.\n\n"
            "## Categories\n\n"
            "- Start-up: projects by groups founded within roughly the last three years. Up to 100,000 "
            "yen, covering 100% of eligible costs.\n"
            "- Step-up: projects that strengthen a group's activities or take it into a new field. Up to "
            "300,000 yen, covering two thirds of eligible costs.\n"
            "- Collaboration challenge: projects tackling local issues together with other groups, "
            "businesses, schools or others. Up to 500,000 yen, covering two thirds of eligible costs.\n\n"
            "## Eligible groups\n\n"
            "Your group must be registered on this portal at the time of application. If you have not "
            "registered yet, please apply for registration before the application deadline.\n\n"
            "## Application period\n\n"
            "From Tuesday 1 December 2026 to 5 p.m. on Friday 29 January 2027\n\n"
            "## How to apply\n\n"
            "Log in to this portal and apply from the 'Subsidies' page. The project plan and budget can "
            "be entered on screen. If you do not have a computer, please ask at the Civic Activity "
            "Centre counter.\n\n"
            "## Review\n\n"
            "After a document review, an open presentation review will be held in March 2027. A panel "
            "that includes external members reviews applications for their public-interest value, "
            "feasibility, the soundness of the budget and the reach of the project, and the results and "
            "the panel's comments are published on this portal.\n\n"
            "## Information session and advice\n\n"
            "An information session will be held at the Civic Activity Centre from 10 a.m. on Saturday 5 "
            "December 2026. Individual advice on filling in the application is available at any time "
            "during the application period. Please note that a subsidy for the same project is in "
            "principle limited to three fiscal years."
        ),
    },
    {
        "title": "団体登録の更新手続きは令和9年2月に行ってください",
        "title_en": "Please renew your group registration in February 2027",
        "days_ago": 3,
        "is_important": True,
        "body": (
            "現在の団体登録の有効期間は、令和9年3月31日（水）までです。"
            "令和9年度も引き続き登録団体として活動される団体は、次の期間に更新の手続きをお願いします。\n\n"
            "## 更新の受付期間\n\n"
            "令和9年2月1日（月）から2月28日（日）まで\n\n"
            "## 手続きの方法\n\n"
            "- 団体の代表者又は事務担当者のアカウントで本ポータルにログインしてください。\n"
            "- 「マイ団体」のページから「登録の更新」を選びます。\n"
            "- 代表者、連絡先、会員数、主な活動内容、活動分野、活動地区を確認し、"
            "変更があれば修正してください。\n"
            "- 令和8年度の活動実績を簡単に入力して、更新を申請してください。\n\n"
            "市民協働推進課で内容を確認した後、更新の完了をメールでお知らせします。\n\n"
            "## ご注意ください\n\n"
            "- 3月31日までに更新の手続きがない場合、登録は失効し、団体紹介ページやイベント、"
            "募集の情報は公開されなくなります。また、4月以降の会議室の予約、補助金の申請、"
            "市民活動補償制度の対象からも外れます。\n"
            "- 代表者が交代する場合は、新しい代表者のアカウントを団体のメンバーに加えてから手続きをしてく"
            "ださい。\n"
            "- 活動を休止又は終了する団体は、「登録の廃止」を選んでお知らせください。\n\n"
            "## 更新手続きの説明会\n\n"
            "手続きの方法がわからない団体のために、令和9年1月23日（土）"
            "午後2時から市民活動センターで説明会を開きます。ノートパソコンやタブレットをお持ちの方は、"
            "持参していただくとその場で操作を確認できます。\n\n"
            "パソコンやスマートフォンでの手続きが難しい場合は、市民活動センターの窓口でお手伝いします。"
            "新規の団体登録は、更新期間中も随時受け付けています。"
        ),
        "body_en": (
            "Current group registrations are valid until Wednesday 31 March 2027. Groups that wish to "
            "remain registered in fiscal year 2027 are asked to renew during the following period.\n\n"
            "## Renewal period\n\n"
            "From Monday 1 February to Sunday 28 February 2027\n\n"
            "## How to renew\n\n"
            "- Log in to this portal with the account of your group's representative or administrator.\n"
            "- On the 'My groups' page, choose 'Renew registration'.\n"
            "- Check the representative, contact details, membership numbers, main activities, activity "
            "fields and districts, and correct anything that has changed.\n"
            "- Enter a brief summary of your activities in fiscal year 2026 and submit the renewal.\n\n"
            "Once the Civic Collaboration Promotion Division has checked the details, we will let you "
            "know by e-mail that the renewal is complete.\n\n"
            "## Please note\n\n"
            "- If a registration has not been renewed by 31 March, it lapses, and the group's profile "
            "page, events and openings are no longer shown. From April the group will also be unable to "
            "book meeting rooms or apply for subsidies, and will no longer be covered by the Civic "
            "Activity Compensation Scheme.\n"
            "- If your representative is changing, please add the new representative's account to the "
            "group's members before renewing.\n"
            "- Groups that are suspending or ending their activities are asked to choose 'Cancel "
            "registration' to let us know.\n\n"
            "## Briefing on the renewal procedure\n\n"
            "For groups unsure how to renew, a briefing will be held at the Civic Activity Centre from 2 "
            "p.m. on Saturday 23 January 2027. If you bring a laptop or tablet, you can try the "
            "procedure on the spot.\n\n"
            "If renewing on a computer or smartphone is difficult for you, staff at the Civic Activity "
            "Centre counter will help. New group registrations are accepted at any time, including "
            "during the renewal period."
        ),
    },
    {
        "title": "市民活動スタートアップ講座（全3回）の受講者を募集します",
        "title_en": "Sign up now for the Civic Activity Start-up Course (three sessions)",
        "days_ago": 8,
        "is_important": False,
        "body": (
            "「地域のために何かしたい」「仲間と団体を立ち上げたい」と考えている方を対象に、"
            "市民活動の基礎を学ぶ講座を開きます。市内で活動している団体の方をゲストに招き、"
            "実際の活動の話を聞きながら、自分にできることを一緒に考えます。講座を修了した方には、"
            "市内の団体の活動を見学できる機会もご用意します。はじめての方も安心してご参加ください。\n\n"
            "## 日時と内容\n\n"
            "- 第1回　令和9年1月16日（土）午前10時から正午まで："
            "市民活動ってなんだろう（市内の団体の活動紹介と意見交換）\n"
            "- 第2回　令和9年1月23日（土）午前10時から正午まで："
            "仲間の集め方と情報の発信（チラシやSNSの使い方の体験）\n"
            "- 第3回　令和9年1月30日（土）午前10時から正午まで：活動計画を立ててみよう（資金の集め方と、"
            "補助金や協働の制度の紹介）\n\n"
            "## 講師\n\n"
            "市民活動センターのコーディネーターと、市内で活動する団体の代表者が務めます。\n\n"
            "## 会場\n\n"
            "市民活動センター　会議室A\n\n"
            "## 対象と定員\n\n"
            "市内在住・在勤・在学の方、又はみどり市で活動したいと考えている方。定員は20人で、"
            "申込みが多い場合は抽選とします。原則として全回参加できる方が対象です。\n\n"
            "## 費用\n\n"
            "無料\n\n"
            "## 託児\n\n"
            "1歳以上の未就学のお子さんをお預かりします（先着5人、要予約）。申込みの際にお知らせください。\n\n"
            "## 申込み方法\n\n"
            "本ポータルの「イベント」から、令和9年1月8日（金）までにお申し込みください。"
            "電話や市民活動センターの窓口でも受け付けます。手話通訳や要約筆記が必要な方は、"
            "申込みの際にお知らせください。"
        ),
        "body_en": (
            "We are holding a course on the basics of civic activity for people who would like to do "
            "something for their community or start a group with friends. Members of groups active in "
            "the city will join us as guests to talk about their work, and together we will think about "
            "what you can do. Participants who complete the course will also be offered a chance to "
            "visit a group in the city and see its work. Beginners are very welcome.\n\n"
            "## Dates and topics\n\n"
            "- Session 1, Saturday 16 January 2027, 10 a.m. to noon: What is civic activity? "
            "(introductions to groups in the city and discussion)\n"
            "- Session 2, Saturday 23 January 2027, 10 a.m. to noon: Finding members and getting the "
            "word out (hands-on practice with leaflets and social media)\n"
            "- Session 3, Saturday 30 January 2027, 10 a.m. to noon: Planning your activity (raising "
            "funds, and an introduction to subsidies and collaboration schemes)\n\n"
            "## Speakers\n\n"
            "Coordinators from the Civic Activity Centre and representatives of groups active in the "
            "city.\n\n"
            "## Venue\n\n"
            "Civic Activity Centre, Meeting Room A\n\n"
            "## Who can join, and places\n\n"
            "People who live, work or study in the city, or who would like to be active in Midori City. "
            "There are 20 places; if there are more applicants, places will be allocated by lottery. As "
            "a rule, participants should be able to attend all sessions.\n\n"
            "## Fee\n\n"
            "Free\n\n"
            "## Childcare\n\n"
            "Childcare is available for pre-school children aged one and over (first five children, "
            "booking required). Please tell us when you apply.\n\n"
            "## How to apply\n\n"
            "Apply under 'Events' on this portal by Friday 8 January 2027. Applications are also "
            "accepted by telephone and at the Civic Activity Centre counter. If you need sign-language "
            "interpretation or captioning, please let us know when you apply."
        ),
    },
    {
        "title": "市民活動センター 年末年始の休館について",
        "title_en": "Civic Activity Centre closed over the New Year holidays",
        "days_ago": 12,
        "is_important": False,
        "body": (
            "市民活動センターは、年末年始の期間、次のとおり休館します。"
            "ご利用の皆さまにはご不便をおかけしますが、ご理解とご協力をお願いします。\n\n"
            "## 休館期間\n\n"
            "令和8年12月29日（火）から令和9年1月3日（日）まで\n\n"
            "令和8年12月28日（月）は、午後5時で閉館します。令和9年1月4日（月）は、"
            "午前9時から通常どおり開館します。\n\n"
            "## 休館中の本ポータルの利用について\n\n"
            "- 本ポータルは休館中もご利用いただけます。会議室の空き状況の確認や予約の申込み、"
            "イベントの申込みなどは、いつでも行えます。\n"
            "- 休館中に受け付けた予約の承認、お問い合わせへの回答、団体登録の確認などは、1月4日（月）"
            "以降に順次行います。回答までにお時間をいただく場合があります。\n"
            "- 貸し出している備品の返却期限が休館期間に当たる場合は、1月4日（月）までに返却してください。\n"
            "- 会議室の予約や団体登録の手続きについては、本ポータルの「よくある質問」"
            "でもご案内しています。\n\n"
            "## 年始の会議室の予約について\n\n"
            "1月の会議室は、例年、年明けに予約が集中します。1月4日（月）から1月8日（金）"
            "までの利用をご希望の団体は、早めに申込みをお済ませください。\n\n"
            "## 休館中の緊急の連絡\n\n"
            "休館中に、活動中の事故など緊急にご連絡が必要な場合は、市役所の代表電話にお電話ください。"
            "担当職員から折り返しご連絡します。市民活動補償制度に関する事故の届出は、1月4日（月）"
            "以降に市民協働推進課で受け付けます。\n\n"
            "皆さま、どうぞよいお年をお迎えください。"
        ),
        "body_en": (
            "The Civic Activity Centre will be closed over the New Year holidays as follows. We "
            "apologise for any inconvenience and thank you for your understanding.\n\n"
            "## Closure\n\n"
            "From Tuesday 29 December 2026 to Sunday 3 January 2027\n\n"
            "On Monday 28 December 2026 the Centre will close at 5 p.m. It will reopen as usual at 9 "
            "a.m. on Monday 4 January 2027.\n\n"
            "## Using this portal during the closure\n\n"
            "- This portal remains available while the Centre is closed. You can check meeting-room "
            "availability, request bookings and sign up for events at any time.\n"
            "- Approval of bookings received during the closure, replies to enquiries and checks of "
            "group registrations will be handled in turn from Monday 4 January. Replies may take a "
            "little longer than usual.\n"
            "- If the return date for borrowed equipment falls during the closure, please return it by "
            "Monday 4 January.\n"
            "- Answers about booking meeting rooms and registering groups can also be found in the FAQ "
            "on this portal.\n\n"
            "## Booking rooms for early January\n\n"
            "Bookings for meeting rooms in January tend to rush in at the start of the year. Groups "
            "wishing to use a room between Monday 4 and Friday 8 January are advised to book early.\n\n"
            "## Urgent contact during the closure\n\n"
            "If you need to reach us urgently during the closure, for example about an accident during "
            "an activity, please call the main city hall telephone number and a member of staff will "
            "call you back. Accident reports under the Civic Activity Compensation Scheme will be "
            "accepted by the Civic Collaboration Promotion Division from Monday 4 January.\n\n"
            "We wish you all a happy New Year."
        ),
    },
    {
        "title": "市民活動に関する意識調査へのご協力をお願いします",
        "title_en": "Please take part in our survey on civic activity",
        "days_ago": 15,
        "is_important": False,
        "body": (
            "市では、市民の皆さまの市民活動やボランティア活動への関心、参加の状況、"
            "参加するうえでの課題などをお聞きし、今後の市民活動の支援や協働の進め方に生かすため、"
            "意識調査を行います。また、登録団体の皆さまには、団体の運営状況や活動の課題、"
            "市の支援策へのご意見をお聞きする団体向けの調査も同時に行います。\n\n"
            "## 調査の期間\n\n"
            "令和8年11月6日（金）から12月20日（日）まで\n\n"
            "## 回答の方法\n\n"
            "- 本ポータルの「アンケート」のページから回答できます。回答の所要時間は10分程度です。\n"
            "- 無作為に選んだ18歳以上の市民2,000人の方には、調査票を郵送しています。郵送での回答のほか、"
            "調査票に記載したページからも回答できます。\n"
            "- 団体向けの調査は、登録団体の代表者の方に本ポータルからご案内しています。\n\n"
            "## 主な質問の内容\n\n"
            "- 過去1年間に参加した地域の活動や市民活動\n"
            "- 活動に参加したきっかけ、又は参加していない理由\n"
            "- 活動の情報をどのように入手しているか\n"
            "- 市や市民活動センターに期待する支援\n\n"
            "## 結果の公表\n\n"
            "回答は統計的に処理し、個人や団体が特定されることはありません。"
            "結果は令和9年3月に本ポータルで公表し、令和9年度からの協働の推進計画の見直しに活用します。\n\n"
            "## お問い合わせ\n\n"
            "調査票が届いていない方も、本ポータルから回答していただけます。"
            "調査の内容や回答の方法についてのお問い合わせは、市民協働推進課までお寄せください。\n\n"
            "皆さまの率直なご意見をお待ちしています。"
        ),
        "body_en": (
            "The city is carrying out a survey to learn about residents' interest in civic and volunteer "
            "activities, how far people take part, and what gets in the way, so that we can use the "
            "findings in how we support civic activity and promote collaboration in the future. At the "
            "same time, registered groups are invited to answer a separate survey on how they are run, "
            "the challenges they face, and their views on the city's support.\n\n"
            "## Survey period\n\n"
            "From Friday 6 November to Sunday 20 December 2026\n\n"
            "## How to respond\n\n"
            "- You can answer on the 'Surveys' page of this portal. It takes about ten minutes.\n"
            "- Questionnaires have been posted to 2,000 randomly selected residents aged 18 and over. "
            "They can reply by post or on the web page given on the questionnaire.\n"
            "- Representatives of registered groups have been sent the group survey through this portal.\n\n"
            "## Main questions\n\n"
            "- Local and civic activities you have taken part in over the past year\n"
            "- What got you involved, or why you have not taken part\n"
            "- How you find out about activities\n"
            "- What support you would like from the city and the Civic Activity Centre\n\n"
            "## Publication of the results\n\n"
            "Responses are processed statistically, and no individual or group can be identified. The "
            "results will be published on this portal in March 2027 and used in reviewing the city's "
            "collaboration plan from fiscal year 2027.\n\n"
            "## Contact\n\n"
            "Residents who have not received a questionnaire are also welcome to answer on this portal. "
            "Questions about the survey or how to respond can be sent to the Civic Collaboration "
            "Promotion Division.\n\n"
            "We look forward to your honest views."
        ),
    },
    {
        "title": "令和9年度の行政提案型協働事業のテーマ案を公表します（ご意見を募集しています）",
        "title_en": "Draft themes for city-proposed collaboration projects in FY2027 (comments welcome)",
        "days_ago": 20,
        "is_important": False,
        "body": (
            "市では、市が設定したテーマについて市民活動団体などから協働の提案を募集する「行政提案型協働事"
            "業」を実施しています。協働を企画の段階から進めるため、"
            "令和9年度に募集を予定しているテーマの案を、正式な募集に先立って公表します。\n\n"
            "## テーマの案\n\n"
            "- 通学路の見守り活動の担い手づくり（防災安全課）：地域の見守り活動に、"
            "働く世代や学生が参加しやすい仕組みをつくります。\n"
            "- 子育て中の親子が気軽に集える居場所づくり（子育て支援課）：孤立しがちな子育て家庭が、"
            "地域の人とつながるきっかけをつくります。\n"
            "- 公園のアドプト活動の拡大（環境政策課）：公園の清掃や花壇の管理を担う団体を増やし、"
            "活動の輪を広げます。\n"
            "- 外国にルーツのある住民への防災情報の発信（防災安全課、企画課）："
            "やさしい日本語や多言語による防災情報を、住民と一緒に作成します。\n\n"
            "## ご意見の募集\n\n"
            "テーマの内容、市と団体の役割分担の考え方、実施にあたって必要だと思うことなどについて、"
            "ご意見をお寄せください。\n\n"
            "- 募集期間：令和8年12月18日（金）まで\n"
            "- 方法：各テーマのページにある意見の入力欄、又は市民協働推進課の窓口\n\n"
            "いただいたご意見は、担当課がテーマの内容を固める際の参考にし、"
            "ご意見の概要と市の考え方を本ポータルで公表します。\n\n"
            "## 今後の予定\n\n"
            "正式な募集は令和9年4月に開始し、6月に公開プレゼンテーションによる審査を行う予定です。"
            "テーマ以外の自由な提案を受け付ける「市民提案型協働事業」も、同じ時期に募集します。"
            "提案を考えている団体は、市民協働推進課への事前相談をご利用ください。"
        ),
        "body_en": (
            "Under the city-proposed collaboration scheme, the city sets themes and invites proposals "
            "from civic activity groups and others. To involve citizens from the planning stage, we are "
            "publishing the draft themes planned for fiscal year 2027 ahead of the formal call.\n\n"
            "## Draft themes\n\n"
            "- Building a base of people to watch over school routes (Disaster Prevention and Safety "
            "Division): create ways for working people and students to join local watch activities more "
            "easily.\n"
            "- Places where parents and young children can drop in (Child-rearing Support Division): "
            "give families who can easily become isolated a chance to connect with people in their "
            "neighbourhood.\n"
            "- Expanding the adopt-a-park scheme (Environmental Policy Division): increase the number of "
            "groups that clean parks and look after flower beds, and widen the circle of activity.\n"
            "- Disaster information for residents with roots abroad (Disaster Prevention and Safety "
            "Division and Planning Division): produce disaster information in plain Japanese and other "
            "languages together with residents.\n\n"
            "## Your comments\n\n"
            "We welcome your comments on the content of the themes, on how roles could be divided "
            "between the city and groups, and on anything you think is needed to carry them out.\n\n"
            "- Deadline: Friday 18 December 2026\n"
            "- How: the comment form on each theme's page, or at the Civic Collaboration Promotion "
            "Division counter\n\n"
            "The divisions in charge will refer to your comments when finalising the themes, and a "
            "summary of the comments and the city's response will be published on this portal.\n\n"
            "## Next steps\n\n"
            "The formal call will open in April 2027, with an open presentation review planned for June. "
            "The citizen-proposed collaboration scheme, which accepts proposals on any subject, will "
            "invite proposals at the same time. Groups considering a proposal are welcome to consult the "
            "Civic Collaboration Promotion Division in advance."
        ),
    },
    {
        "title": "「市民活動・ボランティアフェア」を開催します",
        "title_en": "Civic Activity and Volunteer Fair",
        "days_ago": 24,
        "is_important": False,
        "body": (
            "市内で活動するさまざまな市民活動団体が一堂に会する「市民活動・ボランティアフェア」"
            "を開催します。団体の活動を知り、実際に体験し、団体の皆さんと直接話せる一日です。"
            "ボランティアを始めてみたい方、活動の仲間を探している方、お子さん連れのご家族も、"
            "お気軽にお越しください。\n\n"
            "## 日時\n\n"
            "令和8年12月13日（日）午前10時から午後3時まで\n\n"
            "## 会場\n\n"
            "市民活動センター　全館\n\n"
            "## 主な内容\n\n"
            "- 団体紹介ブース：福祉、環境、子育て、防災、国際交流など、約30団体が活動を紹介します。\n"
            "- 体験コーナー：点字や手話の体験、間伐材を使った木工、防災グッズづくりなど\n"
            "- ミニ講座：「はじめてのボランティア」「団体の情報発信のコツ」（各回30分）\n"
            "- ボランティア相談コーナー：コーディネーターが、あなたに合った活動探しをお手伝いします。\n"
            "- 協働事業のパネル展示：市と団体が協働で取り組んだ事業の成果を紹介します。\n\n"
            "## 参加費と申込み\n\n"
            "参加は無料で、申込みは不要です。ミニ講座は当日先着順です。\n\n"
            "## 来場される方へ\n\n"
            "- 会場には、キッズスペースと授乳室を用意しています。\n"
            "- ミニ講座には手話通訳が付きます。\n"
            "- 当日は、市内の高校生ボランティアが会場の案内をお手伝いします。\n"
            "- 駐車場に限りがありますので、できるだけ公共交通機関をご利用ください。\n\n"
            "## 出展団体の皆さまへ\n\n"
            "出展が決まった団体には、本ポータルから搬入の時間と配置図をご案内しています。準備の説明会は、"
            "12月5日（土）午後2時から市民活動センターで行います。"
        ),
        "body_en": (
            "The Civic Activity and Volunteer Fair brings together a wide range of civic activity groups "
            "active in the city. It is a day to learn about their work, try it for yourself and talk "
            "directly with the people involved. Whether you want to start volunteering, are looking for "
            "people to join your activities, or are coming as a family with children, everyone is "
            "welcome.\n\n"
            "## Date and time\n\n"
            "Sunday 13 December 2026, 10 a.m. to 3 p.m.\n\n"
            "## Venue\n\n"
            "Civic Activity Centre (whole building)\n\n"
            "## What's on\n\n"
            "- Group stands: about 30 groups working in welfare, the environment, child-rearing, "
            "disaster preparedness, international exchange and other fields introduce their activities.\n"
            "- Hands-on corner: try braille and sign language, woodwork with thinned timber, making "
            "emergency kits and more.\n"
            "- Mini-lectures: 'Volunteering for the first time' and 'Tips for getting your group's "
            "message out' (30 minutes each).\n"
            "- Volunteer advice corner: coordinators will help you find an activity that suits you.\n"
            "- Collaboration project exhibition: panels showing the results of projects carried out "
            "jointly by the city and groups.\n\n"
            "## Admission\n\n"
            "Admission is free and no booking is needed. Places at the mini-lectures are first come, "
            "first served on the day.\n\n"
            "## For visitors\n\n"
            "- There is a kids' space and a nursing room at the venue.\n"
            "- Mini-lectures will have sign-language interpretation.\n"
            "- On the day, high-school volunteers from the city will help guide visitors around the "
            "venue.\n"
            "- Parking is limited, so please use public transport where possible.\n\n"
            "## For exhibiting groups\n\n"
            "Groups taking part have been sent their set-up times and floor plan through this portal. A "
            "briefing for exhibitors will be held at the Civic Activity Centre from 2 p.m. on Saturday 5 "
            "December."
        ),
    },
    {
        "title": "本ポータルのウェブアクセシビリティを改善しました",
        "title_en": "Accessibility improvements to this portal",
        "days_ago": 28,
        "is_important": False,
        "body": (
            "市では、誰もが本ポータルを使いやすいよう、JIS X 8341-3:2016 "
            "の適合レベルAAへの準拠を目標に取り組んでいます。このたび、開設後に行った試験の結果と、"
            "利用者の皆さまからいただいたご意見をもとに、次の改善を行いました。\n\n"
            "## 主な改善点\n\n"
            "- 入力の誤りの表示：申込みや申請の画面で入力に誤りがあったとき、"
            "画面の上部に誤りの一覧を表示し、該当する項目へ移動できるようにしました。"
            "音声読み上げソフトでも、誤りの内容が読み上げられます。\n"
            "- キーボードでの操作：施設の空き状況の表で、キーボードだけで日付と時間帯を選べるようにし、"
            "選択している位置がはっきり見えるようにしました。\n"
            "- 色のコントラスト：一部のボタンとリンクの色を見直し、文字と背景のコントラストを高めました。\n"
            "- 英語のページ：団体登録とイベントの申込みの画面を、英語でも表示できるようにしました。\n"
            "- 団体向けの手引き：団体紹介の文章や画像の代替テキストの書き方をまとめた手引きを作成し、"
            "投稿画面から確認できるようにしました。\n\n"
            "## 今後の予定\n\n"
            "登録団体がアップロードしたPDFなどの添付ファイルには、規格に適合していないものがあります。"
            "団体の皆さまには、可能な限り本文を画面上に入力していただくようお願いしています。"
            "今年度中にもう一度試験を行い、その結果を「ウェブアクセシビリティ方針」のページで公表します。\n\n"
            "本ポータルで使いにくい点がありましたら、市民協働推進課までお知らせください。"
            "皆さまのご意見が、改善の大きな手がかりになります。"
        ),
        "body_en": (
            "The city is working towards conformance with JIS X 8341-3:2016 at level AA so that this "
            "portal is easy for everyone to use. Based on the results of testing carried out after the "
            "launch and on comments from users, we have made the following improvements.\n\n"
            "## Main improvements\n\n"
            "- Error messages: when an application or sign-up form contains errors, a list of the errors "
            "now appears at the top of the screen, with links to the fields concerned. Screen readers "
            "also read out what is wrong.\n"
            "- Keyboard use: in the facility availability table, dates and time slots can now be chosen "
            "with the keyboard alone, and the current position is clearly highlighted.\n"
            "- Colour contrast: we have revised the colours of some buttons and links to increase the "
            "contrast between text and background.\n"
            "- English pages: the group registration and event sign-up screens can now be shown in "
            "English.\n"
            "- Guide for groups: we have written a guide to wording group descriptions and image "
            "alternative text, which can be opened from the posting screen.\n\n"
            "## What comes next\n\n"
            "Some PDF files and other attachments uploaded by registered groups do not conform with the "
            "standard. We are asking groups to enter their text directly on screen wherever possible. We "
            "will test the portal again within this fiscal year and publish the results on the web "
            "accessibility policy page.\n\n"
            "If you find anything on this portal hard to use, please let the Civic Collaboration "
            "Promotion Division know. Your comments are a great help in making improvements."
        ),
    },
    {
        "title": "令和7年度 協働事業の評価結果を公表しました",
        "title_en": "Evaluation results for FY2025 collaboration projects published",
        "days_ago": 33,
        "is_important": False,
        "body": (
            "市と市民活動団体などが令和7年度に協働で実施した事業について、"
            "評価の結果を取りまとめましたので公表します。協働事業の評価は、事業の成果だけでなく、"
            "協働の進め方そのものを振り返り、次の協働に生かすために行っています。\n\n"
            "## 評価の対象\n\n"
            "令和7年度に実施した協働事業のうち、協働委託、共催、実行委員会、事業協力（協定）"
            "の形態で実施した18事業を対象としました。\n\n"
            "## 評価の方法\n\n"
            "- 自己評価：市の担当課と協働の相手方が、それぞれ評価シートを作成しました。\n"
            "- 相互評価：双方の評価を持ち寄り、話し合いを通じて振り返りを行いました。\n"
            "- 第三者評価：協働推進委員会が評価シートと報告会での発表をもとに評価し、意見を付けました。\n\n"
            "評価の項目は、目標を達成できたか、協働の基本原則（目的の共有、対等な関係、役割分担、"
            "情報公開など）は守れたか、協働の形態や相手方の選び方は適切だったか、の三つの観点です。\n\n"
            "## 主な結果\n\n"
            "- 18事業のうち15事業で、当初の目標をおおむね達成しました。\n"
            "- 「企画の段階から話し合えたことで、役割分担がはっきりした」という声が多く聞かれました。\n"
            "- 一方で、「担当職員の異動で引継ぎが不十分だった」"
            "「経費の負担について事前の確認が足りなかった」という課題も挙げられました。\n\n"
            "協働推進委員会からは、協定書に経費の負担と引継ぎの方法を明記すること、"
            "評価の結果を次年度の事業の見直しに確実に反映することについて、意見をいただきました。\n\n"
            "各事業の評価シートと委員会の意見は、本ポータルの「協働事業」"
            "の各事業のページでご覧いただけます。"
        ),
        "body_en": (
            "We have compiled and are now publishing the evaluation results for the projects that the "
            "city carried out in collaboration with civic activity groups and others in fiscal year "
            "2025. Collaboration projects are evaluated not only on their results but also on how the "
            "collaboration itself worked, so that the lessons can be used in future collaborations.\n\n"
            "## Projects evaluated\n\n"
            "The evaluation covered 18 collaboration projects carried out in fiscal year 2025 as "
            "collaborative commissioning, co-hosting, executive committees or project cooperation under "
            "an agreement.\n\n"
            "## How they were evaluated\n\n"
            "- Self-evaluation: the city division in charge and the partner each completed an evaluation "
            "sheet.\n"
            "- Mutual evaluation: the two sides brought their evaluations together and looked back on "
            "the project through discussion.\n"
            "- Third-party evaluation: the Collaboration Promotion Committee evaluated each project on "
            "the basis of the evaluation sheets and the presentations at the reporting session, and "
            "added its comments.\n\n"
            "The evaluation looked at three questions: whether the goals were achieved; whether the "
            "basic principles of collaboration (shared purpose, equal partnership, division of roles, "
            "openness and so on) were kept; and whether the form of collaboration and the choice of "
            "partner were appropriate.\n\n"
            "## Main findings\n\n"
            "- 15 of the 18 projects largely achieved their original goals.\n"
            "- Many said that discussing the project from the planning stage had made the division of "
            "roles clear.\n"
            "- Issues were also raised, such as handovers that were not thorough enough when staff in "
            "charge were transferred, and costs that were not checked enough in advance.\n\n"
            "The Collaboration Promotion Committee recommended that agreements should state how costs "
            "are shared and how handovers are to be handled, and that evaluation results should be "
            "reliably reflected in the review of the following year's projects.\n\n"
            "The evaluation sheets for each project and the Committee's comments can be viewed on each "
            "project's page under 'Collaboration projects' on this portal."
        ),
    },
    {
        "title": "市民活動・協働ポータルを開設しました",
        "title_en": "The Civic Activity and Collaboration Portal is now open",
        "days_ago": 51,
        "is_important": True,
        "body": (
            "令和8年10月1日、みどり市の市民活動と協働に関する情報をひとつにまとめた「市民活動・"
            "協働ポータル」を開設しました。これまで団体ごと、担当課ごとに分かれていた情報を集め、"
            "市民の皆さまが地域の活動を知り、誰でも気軽に参加できるようにすることを目指しています。\n\n"
            "## 本ポータルでできること\n\n"
            "- 団体をさがす：市内の登録団体を、活動分野や地区から探せます。\n"
            "- イベント・ボランティア募集：団体の催しやボランティアの募集を探して、申し込めます。\n"
            "- 施設の予約：登録団体は、市民活動センターの会議室や備品を予約できます。\n"
            "- 補助金：市の補助金の案内を見て、募集期間中に申請できます。\n"
            "- 協働事業：市と団体が協働で取り組む事業や評価の結果、協働事業の提案の募集を確認できます。\n\n"
            "## 団体の皆さまへ\n\n"
            "これまで紙の申請書で行っていた団体登録、会議室の予約、補助金の申請は、"
            "本ポータルから手続きできるようになりました。登録済みの団体には、"
            "代表者の方に本ポータルへの移行のご案内をお送りしています。移行の手続きについてご不明な点は、"
            "市民協働推進課にお問い合わせください。\n\n"
            "## 安心してご利用いただくために\n\n"
            "本ポータルは、個人情報を保護するため、通信をすべて暗号化しています。また、"
            "アクセス解析や広告のためのクッキーは使用していません。主なページは英語でもご覧いただけます。\n\n"
            "本ポータルは、利用される皆さまの声を聞きながら改善を続けていきます。使いにくい点や、"
            "あったらよい機能がありましたら、ぜひお聞かせください。"
        ),
        "body_en": (
            "On 1 October 2026 we opened the Civic Activity and Collaboration Portal, which brings "
            "together in one place information about civic activity and collaboration in Midori City. By "
            "gathering information that used to be spread across individual groups and city divisions, "
            "we aim to help residents learn about local activities and make it easy for anyone to take "
            "part.\n\n"
            "## What you can do on this portal\n\n"
            "- Find a group: search the city's registered groups by activity field and district.\n"
            "- Events and volunteer openings: find groups' events and volunteer openings, and sign up.\n"
            "- Facility bookings: registered groups can book meeting rooms and equipment at the Civic "
            "Activity Centre.\n"
            "- Subsidies: read about the city's subsidies and apply during the application period.\n"
            "- Collaboration projects: see projects that the city and groups carry out together, their "
            "evaluation results, and calls for collaboration proposals.\n\n"
            "## For groups\n\n"
            "Group registration, meeting-room bookings and subsidy applications, which used to be done "
            "on paper forms, can now be completed on this portal. The representatives of groups already "
            "registered have been sent information on moving to the portal. If you have any questions "
            "about the move, please contact the Civic Collaboration Promotion Division.\n\n"
            "## Using the portal with confidence\n\n"
            "To protect personal information, all communication with this portal is encrypted, and we do "
            "not use cookies for analytics or advertising. The main pages are also available in English.\n\n"
            "We will keep improving this portal while listening to the people who use it. If you find "
            "something hard to use, or have ideas for useful features, please let us know."
        ),
    },
]
