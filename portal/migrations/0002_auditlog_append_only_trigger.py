"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the audit log."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION portal_auditlog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'portal_auditlogentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER portal_auditlogentry_append_only
    BEFORE UPDATE OR DELETE ON portal_auditlogentry
    FOR EACH ROW EXECUTE FUNCTION portal_auditlog_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS portal_auditlogentry_append_only ON portal_auditlogentry;
DROP FUNCTION IF EXISTS portal_auditlog_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
