"""Read one document's outline back from the database, for `etl show`.

It reads the public `v_*` views on a read-only connection, so it shows exactly what
researchers' queries see.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from policy_etl.query.connection import QueryError

# Record views counted per section, in display order; each has doc_id and section_id columns.
RECORD_VIEWS: dict[str, str] = {
    "tables": "v_tables",
    "targets": "v_targets",
    "deadlines": "v_deadlines",
    "responsibilities": "v_responsibilities",
    "projects": "v_projects",
    "glossary": "v_glossary",
}


class DocumentNotFoundError(QueryError):
    """No document, or more than one, matches what the user typed."""


@dataclass(frozen=True)
class SectionNode:
    section_id: int
    parent_id: int | None
    level: int
    label: str
    title: str
    ordinal: int
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentOutline:
    doc_id: int
    source_file: str
    title: str | None
    sections: list[SectionNode]
    # Records that belong to no section (before the first heading).
    outside: dict[str, int] = field(default_factory=dict)


def find_document(conn: sqlite3.Connection, ref: str) -> tuple[int, str, str | None]:
    """A document by file name, by the start of its file name ("004"), else by doc_id.

    Names win over ids because the seeds' names are numbers too: "004" means 004_….txt.
    """
    query = "SELECT doc_id, source_file, title FROM v_documents WHERE "
    rows = conn.execute(query + "source_file = ?", (ref,)).fetchall()
    if not rows:
        rows = conn.execute(query + "source_file LIKE ? ORDER BY source_file", (f"{ref}%",)).fetchall()
    if not rows and ref.isdigit():
        rows = conn.execute(query + "doc_id = ?", (int(ref),)).fetchall()
    if len(rows) != 1:
        names = ", ".join(r[1] for r in rows) or "none"
        raise DocumentNotFoundError(f"{ref!r} matches {len(rows)} documents ({names})")
    return rows[0]


def _counts(conn: sqlite3.Connection, doc_id: int) -> dict[int | None, dict[str, int]]:
    by_section: dict[int | None, dict[str, int]] = {}
    for kind, view in RECORD_VIEWS.items():
        sql = f"SELECT section_id, count(*) FROM {view} WHERE doc_id = ? GROUP BY section_id"
        for section_id, n in conn.execute(sql, (doc_id,)):
            by_section.setdefault(section_id, {})[kind] = n
    return by_section


def load_outline(conn: sqlite3.Connection, ref: str) -> DocumentOutline:
    doc_id, source_file, title = find_document(conn, ref)
    counts = _counts(conn, doc_id)
    rows = conn.execute(
        "SELECT section_id, parent_id, level, label, title, ordinal FROM v_sections "
        "WHERE doc_id = ? ORDER BY ordinal",
        (doc_id,),
    ).fetchall()
    sections = [SectionNode(*row, counts=counts.get(row[0], {})) for row in rows]
    return DocumentOutline(doc_id, source_file, title, sections, counts.get(None, {}))


def counts_to_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[k]} {k}" for k in RECORD_VIEWS if counts.get(k))


def render_outline(outline: DocumentOutline) -> list[str]:
    """Indented lines: one per section, with the record counts that point at it."""
    lines = [f"{outline.source_file} (doc {outline.doc_id}): {outline.title or '(no title)'}"]
    if outline.outside:
        lines.append(f"  (before the first section)  [{counts_to_text(outline.outside)}]")
    for s in outline.sections:
        counts = counts_to_text(s.counts)
        suffix = f"  [{counts}]" if counts else ""
        lines.append(f"{'  ' * s.level}{s.label} {s.title}{suffix}")
    return lines
