"""`folded_contains`: substring match on a column that already holds folded text
(portal.text.fold). SQLite's LIKE applies its own case rules byte by byte; instr() is a
plain substring search and several times faster. PostgreSQL keeps LIKE, which a pg_trgm
index can serve for queries of three characters or more."""

from __future__ import annotations

from typing import Any

from django.db.models import Field, Lookup


@Field.register_lookup
class FoldedContains(Lookup):
    lookup_name = "folded_contains"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "sqlite":
            return f"instr({lhs}, {rhs}) > 0", [*lhs_params, *rhs_params]
        escaped = [
            "%" + str(param).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for param in rhs_params
        ]
        return f"{lhs} LIKE {rhs}", [*lhs_params, *escaped]
