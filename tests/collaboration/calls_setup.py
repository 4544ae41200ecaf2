"""Shared builders for the calls and proposals tests."""

from __future__ import annotations

from typing import Any

from collaboration.models import Proposal
from collaboration.services import proposals as services

COMPLETE = {
    "issue": "高齢者の孤立",
    "content": "空き家を改修し、週2回の交流カフェを開く。",
    "target": "地域の高齢者",
    "roles": "団体：運営　市：広報",
    "budget_total": 500_000,
    "cost_sharing": "市：30万円　団体：20万円",
    "schedule": "4月準備、6月開始",
    "capability": "サロン運営5年",
    "partners": "自治会",
}


def draft(call: Any, actor: Any, group: Any = None, **data: Any) -> Proposal:
    """A complete draft started and filled in through the services."""
    proposal = services.proposal_start(
        actor=actor, call=call, title="空き家カフェ", group=group, business_name="" if group else "みどり商事"
    )
    return services.proposal_update(actor=actor, proposal=proposal, data={**COMPLETE, **data})


def submitted(call: Any, actor: Any, group: Any = None, **data: Any) -> Proposal:
    return services.proposal_submit(actor=actor, proposal=draft(call, actor, group, **data))
