"""Query counts of the talent-bank pages: the same at two data sizes."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.services import talent as services
from tests.factories.portal import UserFactory
from tests.factories.talent import coordinator, create_helper, create_request, propose, skill

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _grow(n: int, coord: Any, group: Any) -> Any:
    """n approved helpers (and one pending), n requests each with a candidate."""
    request = None
    create_helper(approved=False, display_name="審査待ち")
    for i in range(n):
        helper = create_helper(display_name=f"税理士{i}", skills=[skill("accounting"), skill("tax"), skill("law")])
        request = create_request(group=group, title=f"会計の相談{i}")
        candidacy = propose(request, helper, coord)
        services.candidacy_answer(candidacy=candidacy, actor=helper.user, accept=bool(i % 2))
    return request


PAGES = [
    ("anonymous", lambda d: reverse("talent:list")),
    ("anonymous", lambda d: reverse("talent:list") + "?q=税理士&skill=accounting&area=chuo&pro_bono=on"),
    ("coordinator", lambda d: reverse("talent:queue")),
    ("coordinator", lambda d: reverse("talent:queue") + "?status=proposed&skill=accounting"),
    ("coordinator", lambda d: reverse("talent:bank")),
    ("coordinator", lambda d: reverse("talent:bank") + "?q=税理士&status=approved&skill=tax"),
    ("coordinator", lambda d: reverse("talent:request", args=[d["request"].pk])),
    ("coordinator", lambda d: reverse("talent:helper", args=[d["helper"].pk])),
    ("representative", lambda d: reverse("talent:request", args=[d["request"].pk])),
]


@pytest.mark.parametrize(("role", "url"), PAGES)
def test_talent_pages__same_queries_at_two_sizes(
    client: Any, django_assert_num_queries: Any, role_users: dict[str, Any], role: str, url: Any
) -> None:
    coord = coordinator(email="q-coord@test.example.jp")
    group = role_users["_group"]
    request = create_request(group=group)
    helper = create_helper(user=UserFactory())
    data = {"request": request, "helper": helper}
    if role != "anonymous":
        client.force_login(role_users[role])
    _grow(2, coord, group)
    for other in (create_helper(display_name="弁護士A"), create_helper(display_name="社労士B")):
        propose(request, other, coord)
    small = _count(client, url(data))
    _grow(12, coord, group)
    for i in range(6):
        propose(request, create_helper(display_name=f"候補{i}"), coord)
    client.get(url(data))
    with django_assert_num_queries(small):
        client.get(url(data))
