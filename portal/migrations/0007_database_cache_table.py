"""The database cache's table (CACHE_URL unset: the default shared cache), made by
`migrate` so that a deployment that forgets `createcachetable` does not answer every
request with an error. Idempotent; `createcachetable` still makes the tables of any
other database cache configured."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "portal_cache"


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    if TABLE in schema_editor.connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_english_labels")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
