"""The forms of collaboration the seeds name (staff may edit, add or retire them)."""

from django.db import migrations

FORMS = [
    ("kyosai", "共催", "Co-hosting", "団体と市が共に主催者となって事業を行う", "The group and the city jointly organise"),
    ("koen", "後援", "Endorsement", "市が名義を貸して催しを後援する", "The city lends its name to an event"),
    (
        "jikko-iinkai",
        "実行委員会・協議会",
        "Executive committee or council",
        "市民と市で実行委員会や協議会をつくって事業を行う",
        "Citizens and the city form a committee that runs the project",
    ),
    (
        "kyotei",
        "協定",
        "Agreement",
        "目的・役割分担・経費負担を取り決め、一定期間継続して行う",
        "Purpose, roles and costs fixed in an agreement for a set period",
    ),
    ("jigyo-kyoryoku", "事業協力", "Project cooperation", "一定期間、継続して協力する", "Ongoing cooperation over a set period"),
    (
        "adopt",
        "アドプト",
        "Adoption (アドプト制度)",
        "道路や公園などの里親となり美化や点検を行う",
        "Partners adopt roads or parks and keep them clean",
    ),
    (
        "kyodo-itaku",
        "協働委託",
        "Collaborative commissioning",
        "新たな課題に市民と市が共に責任を持つ領域の委託",
        "Commissioning where citizens and the city share responsibility",
    ),
    ("itaku", "委託", "Commissioning", "団体の専門性や機動性を生かして事業を委ねる", "Entrusting a project to a partner's expertise"),
    ("hojo", "補助・助成", "Subsidy or grant", "団体の公益的な事業を財政的に支援する", "Financial support for partners' projects"),
    (
        "sankaku-teian",
        "参画提案・政策提案",
        "Participation and policy proposals",
        "審議会等への参画や政策の提案",
        "Sitting on councils and proposing policy",
    ),
    (
        "joho-kokan",
        "情報提供・情報交換",
        "Information sharing",
        "互いの情報を提供し合い、意見や要望を聴く",
        "Sharing information and hearing opinions",
    ),
    ("kenkyukai", "研究会", "Study group", "市民と市が対等な立場で政策を検討・提案する", "Citizens and the city study policy as equals"),
    (
        "shien",
        "支援",
        "Support",
        "技術支援・人事交流・人材育成・情報提供・公共施設の開放",
        "Technical support, exchange, training, information, opening facilities",
    ),
]


def create_forms(apps, schema_editor):
    CollaborationForm = apps.get_model("collaboration", "CollaborationForm")
    for order, (code, name, name_en, description, description_en) in enumerate(FORMS, start=1):
        CollaborationForm.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0001_initial")]

    operations = [migrations.RunPython(create_forms, migrations.RunPython.noop)]
