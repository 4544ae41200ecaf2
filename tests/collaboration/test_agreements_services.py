"""The agreement services: drafting, circulation, each party's confirmation (and each
refusal), the switch to in force with the previous version superseded, taking back to
draft, and versioning."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collaboration.models import Agreement, AgreementStatus
from collaboration.services import agreements as services
from portal.models import AuditLogEntry
from tests.factories.collaboration import create_agreement, create_project
from tests.factories.groups import create_group
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db
S = AgreementStatus


@pytest.fixture
def world(role_users: dict[str, Any]) -> dict[str, Any]:
    project = create_project(groups=(role_users["_group"],))
    group_partner, city_partner = list(project.partners.all())
    return {**role_users, "project": project, "group_partner": group_partner, "city_partner": city_partner}


def _data(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "空き家カフェ協定書",
        "purpose": "居場所づくり",
        "cost_sharing": "市：会場費",
        "risks": "事故は団体が負う",
        "starts_on": timezone.localdate(),
        "ends_on": timezone.localdate() + datetime.timedelta(days=300),
        "disputes": "協議",
        "other_terms": "",
        **overrides,
    }


def test_create__one_party_per_partner_prefilled(world: dict[str, Any]) -> None:
    agreement = services.agreement_create(actor=world["city_staff"], project=world["project"], data=_data())
    assert agreement.version == 1
    assert agreement.status == S.DRAFT
    roles = {p.partner_id: p.roles for p in agreement.parties.all()}
    assert roles == {world["group_partner"].pk: "運営", world["city_partner"].pk: "広報・調整"}
    assert AuditLogEntry.objects.filter(action="collaboration.agreement.created").exists()


def test_create__refused_for_a_partner_and_twice(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.agreement_create(actor=world["representative"], project=world["project"], data=_data())
    services.agreement_create(actor=world["city_staff"], project=world["project"], data=_data())
    with pytest.raises(ValidationError) as error:
        services.agreement_create(actor=world["city_staff"], project=world["project"], data=_data())
    assert error.value.code == "exists"
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "a\nb"}, "title"),
        ({"purpose": "a\x00b"}, "purpose"),
        ({"ends_on": timezone.localdate() - datetime.timedelta(days=1)}, "ends_on"),
        ({"starts_on": datetime.date(1999, 1, 1)}, "starts_on"),
    ],
)
def test_create__bad_data_refused_nothing_written(world: dict[str, Any], overrides: dict, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.agreement_create(actor=world["city_staff"], project=world["project"], data=_data(**overrides))
    assert field in error.value.message_dict
    assert not Agreement.objects.exists()


def test_update__only_drafts(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"], status=S.CIRCULATING)
    with pytest.raises(ValidationError) as error:
        services.agreement_update(actor=world["city_staff"], agreement=agreement, data=_data())
    assert error.value.code == "stale"
    draft = create_agreement(create_project(groups=(world["_group"],)))
    services.agreement_update(
        actor=world["city_staff"], agreement=draft, data=_data(title="新しい題"), roles=None, expected_status="draft"
    )
    draft.refresh_from_db()
    assert draft.title == "新しい題"


def test_circulate__notifies_partners(world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    agreement = create_agreement(world["project"])
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_circulate(actor=world["city_staff"], agreement=agreement, expected_status="draft")
    agreement.refresh_from_db()
    assert agreement.status == S.CIRCULATING
    assert agreement.circulated_at
    assert any(world["representative"].email in m.to for m in mail.outbox)
    entry = AuditLogEntry.objects.get(action="collaboration.agreement.circulating")
    assert entry.data["old"] == "draft"
    assert entry.data["new"] == "circulating"


def test_circulate__stale_and_not_manager(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"])
    with pytest.raises(PermissionDenied):
        services.agreement_circulate(actor=world["representative"], agreement=agreement)
    with pytest.raises(ValidationError) as error:
        services.agreement_circulate(actor=world["city_staff"], agreement=agreement, expected_status="circulating")
    assert error.value.code == "stale"


def test_confirm__records_who_and_when_then_in_force(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"], status=S.CIRCULATING)
    services.agreement_confirm(world["representative"], agreement, world["group_partner"], "circulating")
    party = agreement.parties.get(partner=world["group_partner"])
    assert party.confirmed_by == world["representative"]
    assert party.confirmed_at
    agreement.refresh_from_db()
    assert agreement.status == S.CIRCULATING
    services.agreement_confirm(world["city_staff"], agreement, world["city_partner"], "circulating")
    agreement.refresh_from_db()
    assert agreement.status == S.IN_FORCE
    assert agreement.in_force_at


def test_confirm__refusals(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"], status=S.CIRCULATING)
    # not a party: the other group's representative, a citizen
    for outsider in (world["other_representative"], world["citizen"], world["member"]):
        with pytest.raises(PermissionDenied):
            services.agreement_confirm(outsider, agreement, world["group_partner"], None)
    # a party confirming for another party
    with pytest.raises(PermissionDenied):
        services.agreement_confirm(world["representative"], agreement, world["city_partner"], None)
    services.agreement_confirm(world["representative"], agreement, world["group_partner"], None)
    with pytest.raises(ValidationError) as error:
        services.agreement_confirm(world["representative"], agreement, world["group_partner"], None)
    assert error.value.code == "already_confirmed"
    # stale: the page showed another state
    with pytest.raises(ValidationError) as error:
        services.agreement_confirm(world["city_staff"], agreement, world["city_partner"], "draft")
    assert error.value.code == "stale"
    # not circulating
    draft = create_agreement(create_project(groups=(world["_group"],)))
    partner = draft.project.partners.get(group=world["_group"])
    with pytest.raises(ValidationError) as error:
        services.agreement_confirm(world["representative"], draft, partner, None)
    assert error.value.code == "stale"
    assert not draft.parties.filter(confirmed_at__isnull=False).exists()


def test_confirm__a_partner_of_another_project_refused(world: dict[str, Any]) -> None:
    other = create_project(groups=(world["_other_group"],))
    other_partner = other.partners.get(group=world["_other_group"])
    agreement = create_agreement(world["project"], status=S.CIRCULATING)
    with pytest.raises(PermissionDenied):
        services.agreement_confirm(world["other_representative"], agreement, other_partner, None)


def test_withdraw__clears_confirmations_audited(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"], status=S.CIRCULATING)
    services.agreement_confirm(world["representative"], agreement, world["group_partner"], None)
    services.agreement_withdraw(actor=world["city_staff"], agreement=agreement, expected_status="circulating")
    agreement.refresh_from_db()
    assert agreement.status == S.DRAFT
    assert not agreement.parties.filter(confirmed_at__isnull=False).exists()
    entry = AuditLogEntry.objects.get(action="collaboration.agreement.withdrawn")
    assert entry.data["cleared"] == [world["group_partner"].pk]
    with pytest.raises(PermissionDenied):
        services.agreement_withdraw(actor=world["representative"], agreement=agreement)


def test_revise__new_version_then_supersedes_on_confirmation(world: dict[str, Any]) -> None:
    first = create_agreement(world["project"], status=S.IN_FORCE)
    with pytest.raises(ValidationError) as error:
        services.agreement_revise(actor=world["city_staff"], agreement=first, change_reason="  ")
    assert "change_reason" in error.value.message_dict
    second = services.agreement_revise(actor=world["city_staff"], agreement=first, change_reason="期間を延長")
    assert (second.version, second.status, second.change_reason) == (2, S.DRAFT, "期間を延長")
    assert second.purpose == first.purpose
    assert second.parties.count() == 2
    with pytest.raises(ValidationError) as error:
        services.agreement_revise(actor=world["city_staff"], agreement=first, change_reason="再度")
    assert error.value.code == "open_version"
    services.agreement_circulate(actor=world["city_staff"], agreement=second)
    services.agreement_confirm(world["representative"], second, world["group_partner"], None)
    first.refresh_from_db()
    assert first.status == S.IN_FORCE  # until every party has confirmed
    services.agreement_confirm(world["city_staff"], second, world["city_partner"], None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (S.SUPERSEDED, S.IN_FORCE)
    with pytest.raises(ValidationError):
        services.agreement_revise(actor=world["city_staff"], agreement=first, change_reason="古い版")


def test_revise__refused_for_partner_and_non_in_force(world: dict[str, Any]) -> None:
    agreement = create_agreement(world["project"], status=S.IN_FORCE)
    with pytest.raises(PermissionDenied):
        services.agreement_revise(actor=world["representative"], agreement=agreement, change_reason="x")
    draft = create_agreement(create_project(groups=(world["_group"],)))
    with pytest.raises(ValidationError):
        services.agreement_revise(actor=world["city_staff"], agreement=draft, change_reason="x")


def test_department_staff_in_charge_may_manage(world: dict[str, Any]) -> None:
    from portal.models import StaffRole
    from portal.services import staff_assign
    from tests.factories.portal import DepartmentFactory

    department = DepartmentFactory(code="fukushi")
    staff = UserFactory()
    staff_assign(user=staff, role=StaffRole.CITY_STAFF, department=department, actor=None)
    project = create_project(groups=(create_group(),), departments=(department,))
    agreement = services.agreement_create(actor=staff, project=project, data=_data())
    assert agreement.pk
