"""`folded_contains`: substring match on a column that already holds folded text
(portal.text.fold). A plain substring search — instr() on SQLite, strpos() on
PostgreSQL — is faster than LIKE (no pattern or collation rules) and needs no escaping
of % and _. No index serves either, and none could for one- and two-character queries."""

from __future__ import annotations

from typing import Any

from django.db import NotSupportedError
from django.db.models import Field, Lookup


@Field.register_lookup
class FoldedContains(Lookup):
    lookup_name = "folded_contains"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        function = "instr" if connection.vendor == "sqlite" else "strpos"
        return f"{function}({lhs}, {rhs}) > 0", [*lhs_params, *rhs_params]


@Field.register_lookup
class GramsMatch(Lookup):
    """`grams__grams_match=[tokens]`: the row's `grams` (space-separated tokens,
    portal.search.text_grams) holds every token, answered from the engine's inverted
    index: on PostgreSQL the GIN index over `portal_grams(grams)` (the tokens as an
    array; migration portal 0014 says why it is a function), on SQLite the FTS5 table
    `portal_searchentry_fts` (migration portal 0012)."""

    lookup_name = "grams_match"
    prepare_rhs = False
    can_use_none_as_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        tokens = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"portal_grams({lhs}) @> %s::text[]", [*lhs_params, tokens]
        if connection.vendor == "sqlite":
            column = self.lhs
            model = column.target.model
            alias = compiler.quote_name(column.alias)
            fts = f"{model._meta.db_table}_fts"
            match = " ".join(f'"{token}"' for token in tokens)
            # Table and column names come from the model, never from input; the tokens are a parameter.
            sql = f'{alias}."{model._meta.pk.column}" IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)'  # noqa: S608
            return sql, [match]
        raise NotSupportedError("grams_match needs PostgreSQL or SQLite.")
