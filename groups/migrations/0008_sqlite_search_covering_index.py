"""On SQLite, a covering index lets the directory's substring search read only the
index (status, end date, furigana and folded text) instead of the wide table rows.
Not on PostgreSQL: a B-tree entry there is limited to about 2.7 kB, which long
activity texts exceed; PostgreSQL scans the heap fast enough."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS group_search_cover_idx ON groups_communitygroup "
            "(status, registered_until, name_kana, search_text)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS group_search_cover_idx")


class Migration(migrations.Migration):
    dependencies = [("groups", "0007_directory_order_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
