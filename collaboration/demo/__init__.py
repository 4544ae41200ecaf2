"""The collaboration part of the demo city (`manage.py seed_demo`), one module per area,
run in this order: accounts, then calls and proposals, the window's decisions (adopted
proposals become projects), the project registry, agreements and evaluations, 後援・共催
requests, and the case library."""

from __future__ import annotations

from portal.demo import DemoContext, demo_user
from portal.models import Department

# Demo people of the collaboration area (password: the demo password).
ACCOUNTS = [
    # key, e-mail, name, kana, the department they are 協働推進員 of (or "")
    ("liaison", "liaison@example.jp", "福祉 誠", "フクシ マコト", "fukushi"),
    ("liaison2", "liaison2@example.jp", "環境 緑", "カンキョウ ミドリ", "kankyo_seisaku"),
    ("business", "business@example.jp", "商事 太一", "ショウジ タイチ", ""),
    ("reporter", "reporter@example.jp", "記者 ひかり", "キシャ ヒカリ", ""),
]


def seed_accounts(ctx: DemoContext) -> None:
    from collaboration.models import CaseReporter, Liaison
    from portal.models import StaffRole
    from portal.services import staff_assign

    for key, email, name, kana, department_code in ACCOUNTS:
        user = demo_user(email, name, kana)
        ctx.accounts[key] = user
        if department_code:
            department = Department.objects.get(code=department_code)
            staff_assign(user=user, role=StaffRole.CITY_STAFF, department=department, actor=None)
            Liaison.objects.get_or_create(department=department, user=user)
    CaseReporter.objects.get_or_create(user=ctx.accounts["reporter"])


def seed_collaboration(ctx: DemoContext) -> None:
    from collaboration.demo import agreements, calls, cases, endorsements, projects, window

    seed_accounts(ctx)
    for module in (calls, window, projects, agreements, endorsements, cases):
        module.seed(ctx)
