"""No double booking, enforced by PostgreSQL: an exclusion constraint over the time
range of every active room booking of a resource (needs btree_gist for the `=` on
the resource id). SQLite has no exclusion constraints; there the booking service's
lock (and SQLite's single writer) is the guarantee. Kept out of the model's Meta so
that SQLite can migrate."""

from django.db import migrations

CONSTRAINT = "booking_no_overlapping_rooms"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE facilities_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        "WHERE (is_exclusive AND status IN ('pending', 'confirmed'))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE facilities_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
