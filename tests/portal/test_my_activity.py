"""/my/: each section shows only the person's own things, with their state and next
step; the same number of queries whether they have one or twenty of everything."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse

from collaboration.models import Proposal, ProposalStatus
from facilities import services as facility_services
from facilities.my_sections import MY_BOOKINGS
from groups.models import ApplicationStatus, VolunteerApplication
from groups.services import application_create, registration_create
from portal import my_activity
from subsidies.models import Application
from tests.factories.collaboration import create_call, create_endorsement, create_proposal
from tests.factories.events import create_event
from tests.factories.facilities import book_for_group, create_facility, create_lottery_round, create_room
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory
from tests.factories.subsidies import create_application, create_programme
from tests.factories.volunteering import create_opening

pytestmark = pytest.mark.django_db


def build_my(count: int) -> dict[str, Any]:
    """`me`, the representative of a group, with `count` of everything /my/ shows, and
    `other`, who has one of each too (never shown to `me`)."""
    me, other = UserFactory(full_name="市民 花子"), UserFactory(full_name="別人 太郎")
    mine, others = create_group(representative=me, name="わたしの会"), create_group(representative=other)
    host = create_group(name="主催の会")
    for n in range(count):
        event = create_event(group=host, title=f"わたしの講座{n}", requires_signup=True)
        registration_create(event=event, user=me)
        opening = create_opening(group=host, title=f"わたしの応募{n}")
        application_create(opening=opening, user=me, message="参加できます。")
        if n:
            create_group(members=(me,), name=f"わたしの別の会{n}")
        create_application(create_programme(name=f"わたしの補助金{n}"), mine)
        create_proposal(create_call(slug=f"my-call-{count}-{n}"), group=mine, title=f"わたしの提案{n}")
        create_endorsement(mine, event_title=f"わたしの後援{n}")
    # Someone else's of each kind.
    registration_create(event=create_event(group=host, title="他人の講座", requires_signup=True), user=other)
    application_create(opening=create_opening(group=host, title="他人の応募"), user=other, message="よろしく")
    create_application(create_programme(name="他人の補助金"), others)
    create_proposal(create_call(slug=f"other-call-{count}"), group=others, title="他人の提案")
    create_endorsement(others, event_title="他人の後援")
    # Bookings and a lottery entry: the group's.
    facility = create_facility()
    room = create_room(facility)
    for n in range(count):
        book_for_group(room, mine, days=10 + 3 * n)  # within the monthly limit
    book_for_group(room, others, days=11)
    round_ = create_lottery_round(facility, [room])
    facility_services.entry_create(
        actor=me,
        round_=round_,
        resource=room,
        use_date=round_.use_month + datetime.timedelta(days=9),
        division=facility.divisions.get(name="夜間"),
        purpose="発表会",
        expected_people=10,
        group=mine,
    )
    return {"me": me, "other": other, "mine": mine, "facility": facility}


def _page(client: Any, user: Any, url: str = "") -> str:
    client.force_login(user)
    response = client.get(url or reverse("portal:my"))
    assert response.status_code == 200
    return response.content.decode()


def test_my__anonymous_goes_to_log_in(client: Any) -> None:
    response = client.get(reverse("portal:my"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_my__each_section_shows_only_the_persons_own_things(client: Any) -> None:
    world = build_my(1)
    html = _page(client, world["me"])
    for mine in ("わたしの講座0", "わたしの応募0", "わたしの会", "わたしの補助金0", "わたしの提案0", "わたしの後援0"):
        assert mine in html
    assert world["facility"].name in html  # the booking and the lottery entry
    for theirs in ("他人の講座", "他人の応募", "他人の補助金", "他人の提案", "他人の後援"):
        assert theirs not in html
    for section in my_activity.sections():
        assert f'id="my-{section.key.replace(".", "")}"' in html


def test_my__states_and_next_steps(client: Any) -> None:
    world = build_my(1)
    html = _page(client, world["me"])
    assert "参加確定" in html  # the sign-up's state
    assert reverse("groups:event-signup-cancel", args=[world["me"].event_registrations.get().event_id]) in html
    application = VolunteerApplication.objects.get(user=world["me"])
    assert reverse("groups:application-withdraw", args=[application.pk]) in html
    assert reverse("groups:manage", args=[world["mine"].slug]) in html
    subsidy = Application.objects.get(group=world["mine"])
    assert reverse("subsidies:application-edit", args=[subsidy.pk]) in html  # a draft: finish and submit
    proposal = Proposal.objects.get(group=world["mine"])
    assert proposal.status == ProposalStatus.DRAFT
    assert reverse("collaboration:proposal-edit", args=[proposal.pk]) in html  # finish and submit
    assert "抽選の申込" in html


def test_my__empty_page_says_so(client: Any) -> None:
    html = _page(client, UserFactory())
    assert html.count('class="my-section') == len(my_activity.sections())
    assert "my-items" not in html


def test_my__in_english(client: Any) -> None:
    world = build_my(1)
    html = _page(client, world["me"], "/en/my/")
    assert "My activity" in html
    assert "Event sign-ups" in html
    assert "Confirmed" in html
    assert "Subsidy applications" in html


def test_my__withdraw_a_volunteer_application(client: Any) -> None:
    world = build_my(1)
    application = VolunteerApplication.objects.get(user=world["me"])
    client.force_login(world["me"])
    response = client.post(reverse("groups:application-withdraw", args=[application.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:my")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert reverse("groups:application-withdraw", args=[application.pk]) not in _page(client, world["me"])
    # Twice: a clear message, nothing written.
    response = client.post(reverse("groups:application-withdraw", args=[application.pk]), follow=True)
    assert "取り下げ" in response.content.decode()


def test_my__cancel_a_sign_up_from_the_page(client: Any) -> None:
    world = build_my(1)
    registration = world["me"].event_registrations.get()
    client.force_login(world["me"])
    response = client.post(reverse("groups:event-signup-cancel", args=[registration.event_id]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"


# Session and user, then one query per section with what it needs: sign-ups, volunteer
# applications, groups (memberships; the site settings for the renewal period come from
# the cache), bookings (the person's groups, then the bookings), lottery entries, subsidy
# applications (and the groups the person edits for), proposals (and editors),
# endorsement requests (and editors); the talent bank (the person's registration, their
# candidacies, the groups' requests: 3) and the consultation desk (1), and the topic
# e-mails' subscription (1).
MY_QUERIES = 23


@pytest.mark.parametrize("count", [1, 20])
def test_my__constant_queries(client: Any, django_assert_num_queries: Any, count: int) -> None:
    world = build_my(count)
    client.force_login(world["me"])
    with django_assert_num_queries(MY_QUERIES):
        response = client.get(reverse("portal:my"))
    html = response.content.decode()
    assert f"わたしの講座{count - 1}" in html
    assert f"わたしの後援{count - 1}" in html
    # The next bookings only, and the way to all of them.
    shown = set(re.findall(r'href="(/bookings/\d+/)"', html))
    assert len(shown) == min(count, MY_BOOKINGS)
    assert f'href="{reverse("facilities:my-bookings")}"' in html
