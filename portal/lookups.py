"""`folded_contains`: substring match on a column that already holds folded text
(portal.text.fold). A plain substring search — instr() on SQLite, strpos() on
PostgreSQL — is faster than LIKE (no pattern or collation rules) and needs no escaping
of % and _. No index serves either, and none could for one- and two-character queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Field, Lookup


@Field.register_lookup
class FoldedContains(Lookup):
    lookup_name = "folded_contains"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        function = "instr" if connection.vendor == "sqlite" else "strpos"
        return f"{function}({lhs}, {rhs}) > 0", [*lhs_params, *rhs_params]
