from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from portal.audit import audit_log
from portal.models import AuditLogEntry
from tests.factories.portal import NewsFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_audit_log__records_actor_action_target() -> None:
    actor, news = UserFactory(), NewsFactory(title="休館のお知らせ")
    entry = audit_log(actor=actor, action="portal.news.updated", target=news, data={"fields": ["title"]})
    entry.refresh_from_db()
    assert entry.actor == actor
    assert entry.action == "portal.news.updated"
    assert entry.target_repr == "休館のお知らせ"
    assert AuditLogEntry.objects.for_target(news).get() == entry


def test_audit_log__cannot_be_changed_or_deleted() -> None:
    entry = audit_log(actor=None, action="portal.test.done")
    entry.action = "portal.test.forged"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        AuditLogEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(ValidationError):
        AuditLogEntry.objects.all().delete()
    assert AuditLogEntry.objects.get(pk=entry.pk).action == "portal.test.done"


@pytest.mark.postgres
def test_audit_log__database_refuses_raw_update_and_delete() -> None:
    entry = audit_log(actor=None, action="portal.test.done")
    for sql in ("UPDATE portal_auditlogentry SET action = 'x'", "DELETE FROM portal_auditlogentry"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditLogEntry.objects.get(pk=entry.pk).action == "portal.test.done"
