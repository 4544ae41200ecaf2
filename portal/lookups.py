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
    """`grams__grams_match=[tokens]`: the row holds every token, answered from the
    engine's inverted index. The tokens are those of `grams` (portal.search.text_grams)
    and at most one kind token, "k" + the entry's kind (portal.search.kind_token).

    On PostgreSQL the GIN index over `portal_grams(kind, grams)` (the tokens as an
    array with the kind token; migrations portal 0014 and 0015 say why it is a costly
    function and why the kind is in it) answers the whole condition. On SQLite the
    FTS5 table `portal_searchentry_fts` (migration portal 0012) holds the grams only:
    the kind token becomes a plain `kind =` condition."""

    lookup_name = "grams_match"
    prepare_rhs = False
    can_use_none_as_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        tokens = list(self.rhs)
        column = self.lhs
        model = column.target.model
        alias = compiler.quote_name(column.alias)
        kind_column = f'{alias}."{model._meta.get_field("kind").column}"'
        if connection.vendor == "postgresql":
            return f"portal_grams({kind_column}, {lhs}) @> %s::text[]", [*lhs_params, tokens]
        if connection.vendor == "sqlite":
            kinds = [token[1:] for token in tokens if token.startswith("k")]
            grams = [token for token in tokens if not token.startswith("k")]
            conditions, params = [], []
            for kind in kinds:
                conditions.append(f"{kind_column} = %s")
                params.append(kind)
            if grams:
                # Table and column names come from the model, never from input; the tokens are a parameter.
                fts = f"{model._meta.db_table}_fts"
                pk = f'{alias}."{model._meta.pk.column}"'
                conditions.append(f"{pk} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)")  # noqa: S608
                params.append(" ".join(f'"{token}"' for token in grams))
            return "(" + " AND ".join(conditions or ["1 = 1"]) + ")", params
        raise NotSupportedError("grams_match needs PostgreSQL or SQLite.")
