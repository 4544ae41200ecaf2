"""The talent bank's starting list of skills (staff edit it afterwards)."""

from django.db import migrations

SKILLS = [
    ("accounting", "会計", "Accounting"),
    ("tax", "税務", "Tax"),
    ("labour", "労務", "Labour and employment"),
    ("management", "組織運営", "Running an organisation"),
    ("pr-it", "広報・IT", "Publicity and IT"),
    ("law", "法律", "Law"),
    ("teaching", "講師", "Teaching and lectures"),
    ("translation", "翻訳・通訳", "Translation and interpreting"),
    ("design", "デザイン", "Design"),
    ("welfare-care", "福祉・介護", "Welfare and care"),
    ("environment", "環境", "Environment"),
    ("sports", "スポーツ指導", "Sports coaching"),
    ("fundraising", "資金調達", "Fundraising"),
    ("photo-video", "写真・映像", "Photography and video"),
]


def add_skills(apps, schema_editor):
    TalentSkill = apps.get_model("groups", "TalentSkill")
    for order, (slug, name, name_en) in enumerate(SKILLS, start=1):
        TalentSkill.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "order": order})


def remove_skills(apps, schema_editor):
    apps.get_model("groups", "TalentSkill").objects.filter(slug__in=[s[0] for s in SKILLS]).delete()


class Migration(migrations.Migration):
    dependencies = [("groups", "0012_talent_bank")]

    operations = [migrations.RunPython(add_skills, remove_skills)]
