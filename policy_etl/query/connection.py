"""A read-only connection, so that `etl query` can never change the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path


class QueryError(Exception):
    """A query the user can fix: a missing database, a write attempt, an SQL error."""


PUBLIC_VIEWS = (
    "v_documents",
    "v_sections",
    "v_targets",
    "v_deadlines",
    "v_responsibilities",
    "v_projects",
    "v_glossary",
    "v_tables",
    "v_table_cells",
    "v_indicator_panel",
)


def open_readonly(db: Path) -> sqlite3.Connection:
    """Open `db` so that any write fails: the file is opened read-only and query_only is set."""
    if not db.exists():
        raise QueryError(f"no database at {db}: run `etl ingest` first")
    conn = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
    conn.execute("PRAGMA query_only=ON")
    return conn


def run_sql(
    conn: sqlite3.Connection, sql: str, params: Sequence[object] | Mapping[str, object] = ()
) -> tuple[list[str], list[tuple]]:
    """Columns and rows of one SQL statement; a write or an SQL error becomes a QueryError."""
    try:
        cursor = conn.execute(sql, params)
    except sqlite3.Warning as exc:
        raise QueryError(f"only one SQL statement at a time: {exc}") from exc
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "readonly" in message or "query_only" in message or "read-only" in message:
            raise QueryError(
                "the database is opened read-only: `etl query` runs SELECT statements only"
            ) from exc
        raise QueryError(f"SQL error: {message}") from exc
    except sqlite3.DatabaseError as exc:
        raise QueryError(f"SQL error: {exc}") from exc
    columns = [d[0] for d in cursor.description or ()]
    return columns, cursor.fetchall()
