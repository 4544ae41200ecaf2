"""The demo city: a fictional city with the seeds' taxonomy and one account per role.

`seed_demo` runs every function in `DEMO_SEEDERS` in order; later apps append theirs.
Every step is idempotent (natural keys), so the command can run again safely."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from portal import search
from portal.models import (
    ActivityField,
    Area,
    Department,
    FaqItem,
    InfoPage,
    News,
    SiteConfiguration,
    StaffRole,
    User,
)
from portal.services import staff_assign

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - published demo log-in, refused in production


@dataclass
class DemoContext:
    scale: int = 1
    log: Callable[[str], Any] = print
    accounts: dict[str, User] = field(default_factory=dict)


DEMO_ACCOUNTS: list[dict[str, Any]] = [
    {"key": "admin", "email": "admin@example.jp", "full_name": "管理 太郎", "kana": "カンリ タロウ", "superuser": True},
    {"key": "staff", "email": "staff@example.jp", "full_name": "協働 花子", "kana": "キョウドウ ハナコ"},
    {"key": "center", "email": "center@example.jp", "full_name": "中央 健一", "kana": "チュウオウ ケンイチ"},
    {"key": "reviewer", "email": "reviewer@example.jp", "full_name": "審査 良子", "kana": "シンサ リョウコ"},
    {"key": "rep", "email": "rep@example.jp", "full_name": "代表 一郎", "kana": "ダイヒョウ イチロウ"},
    {"key": "member", "email": "member@example.jp", "full_name": "会員 みどり", "kana": "カイイン ミドリ"},
    {"key": "citizen", "email": "citizen@example.jp", "full_name": "市民 さくら", "kana": "シミン サクラ"},
]


def demo_user(email: str, full_name: str, kana: str, *, superuser: bool = False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(
            email=email,
            password=DEMO_PASSWORD,
            full_name=full_name,
            full_name_kana=kana,
            relationship="resident",
        )
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def seed_portal(ctx: DemoContext) -> None:
    from portal import demo_content as content

    config = SiteConfiguration.get_solo()
    if config.city_name != content.CITY_NAME or not config.local_government_code or not config.mayor_name:
        config.city_name, config.city_name_en = content.CITY_NAME, content.CITY_NAME_EN
        config.mayor_name = content.MAYOR_NAME
        # A fictional city: a code no real local government has.
        config.prefecture_name, config.local_government_code = "みどり県", "999999"
        config.save()
        SiteConfiguration.clear_cache()

    for model, rows in ((ActivityField, content.ACTIVITY_FIELDS), (Area, content.AREAS)):
        for row in rows:
            model.objects.update_or_create(
                slug=row["slug"], defaults={"name": row["name"], "name_en": row["name_en"], "order": row["order"]}
            )
    for row in content.DEPARTMENTS:
        Department.objects.update_or_create(code=row["code"], defaults={"name": row["name"], "name_en": row["name_en"]})

    for row in content.INFO_PAGES:
        InfoPage.objects.update_or_create(slug=row["slug"], defaults={k: v for k, v in row.items() if k != "slug"})
    for row in content.FAQ_ITEMS:
        FaqItem.objects.update_or_create(
            question=row["question"], defaults={k: v for k, v in row.items() if k != "question"}
        )

    now = timezone.now()
    kyodo = Department.objects.get(code=content.DEPARTMENTS[0]["code"])
    for copy in range(ctx.scale):
        for index, row in enumerate(content.NEWS):
            suffix = "" if copy == 0 else f"（{copy + 1}）"
            publish_at = now - datetime.timedelta(days=row["days_ago"] + copy * 30, hours=index)
            News.objects.get_or_create(
                title=row["title"] + suffix,
                defaults={
                    "title_en": row["title_en"] + (f" ({copy + 1})" if copy else ""),
                    "body": row["body"],
                    "body_en": row["body_en"],
                    "is_important": row["is_important"],
                    "publish_at": publish_at,
                    "department": kyodo,
                },
            )

    for spec in DEMO_ACCOUNTS:
        ctx.accounts[spec["key"]] = demo_user(
            spec["email"], spec["full_name"], spec["kana"], superuser=spec.get("superuser", False)
        )
    staff_assign(user=ctx.accounts["staff"], role=StaffRole.CITY_STAFF, department=kyodo, actor=None)
    staff_assign(user=ctx.accounts["center"], role=StaffRole.CENTRE_STAFF, actor=None)
    staff_assign(user=ctx.accounts["reviewer"], role=StaffRole.REVIEWER, actor=None)
    ctx.log(f"portal: {News.objects.count()} news, {InfoPage.objects.count()} pages, {len(DEMO_ACCOUNTS)} accounts")


DEMO_SEEDERS: list[Callable[[DemoContext], None]] = [seed_portal]


def seed(*, scale: int = 1, log: Callable[[str], Any] = print) -> DemoContext:
    """Run every seeder in one transaction, then write the search index once. The demo's e-mails (receipts, decisions,
    notices sent on commit) go to an in-memory outbox: loading a demo never mails anyone,
    whatever MAILERS says."""
    from django.test.utils import override_settings

    locmem = "django.core.mail.backends.locmem.EmailBackend"
    with override_settings(MAILERS={"default": {"BACKEND": locmem}}):
        with transaction.atomic():
            ctx = DemoContext(scale=scale, log=log)
            # Index once at the end rather than object by object (portal.search).
            with search.deferred():
                for seeder in DEMO_SEEDERS:
                    seeder(ctx)
            counts = search.rebuild()
            ctx.log(f"search: {sum(counts.values())} entries")
        return ctx
