from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import Membership, MembershipInvitation
from portal.models import AuditLogEntry
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_invite_and_accept__joins_in_the_invited_role(django_capture_on_commit_callbacks: Any) -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    invitee = UserFactory(email="newbie@example.jp", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.membership_invite(group=group, actor=rep, email="NewBie@example.jp", role="editor")
    assert mail.outbox[-1].to == ["newbie@example.jp"]
    assert "Invitation" in mail.outbox[-1].subject
    assert str(invitation.token) in mail.outbox[-1].body
    membership = services.invitation_accept(invitation=invitation, user=invitee)
    assert membership.role == "editor"
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=invitee)


def test_invite__only_representative_and_never_as_representative() -> None:
    rep, member = UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(member,))
    with pytest.raises(PermissionDenied):
        services.membership_invite(group=group, actor=member, email="x@example.jp", role="member")
    with pytest.raises(ValidationError):
        services.membership_invite(group=group, actor=rep, email="x@example.jp", role="representative")
    with pytest.raises(ValidationError):
        services.membership_invite(group=group, actor=rep, email=member.email, role="member")
    assert not MembershipInvitation.objects.exists()


def test_accept__other_account_or_expired_refused() -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    invitation = services.membership_invite(group=group, actor=rep, email="right@example.jp", role="member")
    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, user=UserFactory(email="wrong@example.jp"))
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=UserFactory(email="right@example.jp"))
    assert Membership.objects.filter(group=group).count() == 1


def test_change_role__representative_only_and_not_to_representative() -> None:
    rep, member = UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(member,))
    membership = Membership.objects.get(group=group, user=member)
    with pytest.raises(PermissionDenied):
        services.membership_change_role(membership=membership, actor=member, role="editor")
    with pytest.raises(ValidationError):
        services.membership_change_role(membership=membership, actor=rep, role="representative")
    assert services.membership_change_role(membership=membership, actor=rep, role="editor").role == "editor"


def test_handover__swaps_roles_and_keeps_one_representative() -> None:
    rep, member = UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(member,))
    target = Membership.objects.get(group=group, user=member)
    services.membership_handover(group=group, actor=rep, to=target)
    roles = dict(Membership.objects.filter(group=group).values_list("user_id", "role"))
    assert roles == {rep.pk: "editor", member.pk: "representative"}
    assert AuditLogEntry.objects.filter(action="groups.membership.handed_over").exists()
    with pytest.raises(PermissionDenied):
        services.membership_handover(group=group, actor=rep, to=target)


def test_leave__member_can_representative_cannot() -> None:
    rep, member = UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(member,))
    with pytest.raises(ValidationError):
        services.membership_remove(membership=Membership.objects.get(group=group, user=rep), actor=rep)
    services.membership_remove(membership=Membership.objects.get(group=group, user=member), actor=member)
    assert not Membership.objects.filter(group=group, user=member).exists()


def test_remove__another_member_only_by_representative() -> None:
    rep, a, b = UserFactory(), UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(a, b))
    with pytest.raises(PermissionDenied):
        services.membership_remove(membership=Membership.objects.get(group=group, user=b), actor=a)
    services.membership_remove(membership=Membership.objects.get(group=group, user=b), actor=rep)
    assert not Membership.objects.filter(group=group, user=b).exists()


def test_members_page__invite_flow_through_views(client: Any, django_capture_on_commit_callbacks: Any) -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    client.force_login(rep)
    url = reverse("groups:members", args=[group.slug])
    assert client.post(url, {"action": "invite", "email": "bad", "role": "member"}).status_code == 400
    assert client.post(url, {"action": "explode"}).status_code == 400
    assert client.post(url, {"action": "role", "membership": "999999", "role": "editor"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "invite", "email": "friend@example.jp", "role": "member"})
    assert response.status_code == 302
    link = re.search(r"(/groups/invitations/[0-9a-f-]+/)", mail.outbox[-1].body).group(1)
    friend = UserFactory(email="friend@example.jp")
    client.force_login(friend)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert Membership.objects.get(group=group, user=friend).role == "member"


def test_members_page__other_group_cannot_touch(client: Any) -> None:
    rep, member = UserFactory(), UserFactory()
    group = create_group(representative=rep, members=(member,))
    other_rep = UserFactory()
    create_group(representative=other_rep)
    client.force_login(other_rep)
    membership = Membership.objects.get(group=group, user=member)
    response = client.post(
        reverse("groups:members", args=[group.slug]), {"action": "remove", "membership": membership.pk}
    )
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_members_page__membership_of_another_group_is_not_found(client: Any) -> None:
    rep = UserFactory()
    group = create_group(representative=rep)
    stranger = UserFactory()
    other = create_group(members=(stranger,))
    client.force_login(rep)
    foreign = Membership.objects.get(group=other, user=stranger)
    response = client.post(reverse("groups:members", args=[group.slug]), {"action": "remove", "membership": foreign.pk})
    assert response.status_code == 400
    assert Membership.objects.filter(pk=foreign.pk).exists()
