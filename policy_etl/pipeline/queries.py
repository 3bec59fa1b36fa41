"""Read-only queries over the public views, for commands that compare plans.

Only the loader writes; these open the database with SQLite's `mode=ro` URI, so a query can never
change it, and read the `v_*` views, the public contract, rather than the tables behind them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

_TARGETS_SQL = """
SELECT d.doc_id, d.source_file, d.title, d.region, d.period_end,
       t.indicator, t.indicator_key, t.comparator, t.value, t.unit, t.year,
       t.baseline, t.baseline_year, t.binding, t.source, t.quote
FROM v_targets t JOIN v_documents d ON d.doc_id = t.doc_id
WHERE (:indicator IS NULL OR t.indicator_key = :indicator OR t.indicator LIKE '%' || :indicator || '%')
  AND (:region IS NULL OR d.region LIKE '%' || :region || '%' OR d.title LIKE '%' || :region || '%'
       OR d.source_file LIKE '%' || :region || '%')
  AND (:year IS NULL OR t.year = :year)
ORDER BY t.indicator_key IS NULL, t.indicator_key, t.year, d.source_file, t.value
"""


class DatabaseMissingError(FileNotFoundError):
    """The database file does not exist: a read-only query must not create it."""


def connect_read_only(db_path: Path) -> sqlite3.Connection:
    if not db_path.is_file():
        raise DatabaseMissingError(f"no database at {db_path}; run `etl ingest` first")
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def find_targets(
    db_path: Path, *, indicator: str | None = None, region: str | None = None, year: int | None = None
) -> list[dict[str, Any]]:
    """Targets across plans, filtered by indicator key (or wording), region and year."""
    with connect_read_only(db_path) as conn:
        rows = conn.execute(_TARGETS_SQL, {"indicator": indicator, "region": region, "year": year})
        return [dict(row) for row in rows]
