"""The PostgreSQL inverted index holds each entry's kind as one more token.

A list's `q` asks for one kind's entries holding the query's tokens. With the kind only
in the (kind, object_id) and (kind, date) B-tree indexes, the planner could answer
"kind = groups.group" from those and test every one of the kind's entries with
`portal_grams(grams)` (the GIN index of 0014 returns the entries of every kind, so
for a common token like こ it looked costlier): 5,000 token lists split one by one,
120 ms, where the GIN index alone takes 5. Now `portal_grams(kind, grams)` adds the
token "k<kind>" (kgroups.group) to the entry's tokens, and the query asks for it
with the others: the index returns exactly the kind's matching entries, so no other
path can look cheaper. The function keeps 0014's cost and parallel settings (see
there). SQLite (FTS5, with a plain `kind =` condition) is unchanged.

The index is rebuilt from the rows already there: nothing else to fill."""

from django.db import migrations

FUNCTION = (
    "CREATE OR REPLACE FUNCTION portal_grams(kind text, grams text) RETURNS text[] "
    "LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL RESTRICTED COST 1000 "
    "AS $$ BEGIN RETURN string_to_array(grams, ' ') || ('k' || kind); END $$"
)
OLD_FUNCTION = (
    "CREATE OR REPLACE FUNCTION portal_grams(grams text) RETURNS text[] "
    "LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL RESTRICTED COST 1000 "
    "AS $$ BEGIN RETURN string_to_array(grams, ' '); END $$"
)
FORWARD = [
    FUNCTION,
    "DROP INDEX IF EXISTS searchentry_grams_gin",
    "CREATE INDEX searchentry_grams_gin ON portal_searchentry USING gin (portal_grams(kind, grams))",
    "DROP FUNCTION IF EXISTS portal_grams(text)",
    "ANALYZE portal_searchentry",  # the planner's statistics of the new index expression
]
REVERSE = [
    OLD_FUNCTION,
    "DROP INDEX IF EXISTS searchentry_grams_gin",
    "CREATE INDEX searchentry_grams_gin ON portal_searchentry USING gin (portal_grams(grams))",
    "DROP FUNCTION IF EXISTS portal_grams(text, text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0014_search_grams_function")]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE))]
