"""Chinese full-text search over paragraphs and table cells.

The index holds jieba's search cut of every passage; a query is cut the same way and each word
must match (FTS5 AND of quoted phrases, so user input is never parsed as FTS syntax). Ranking is
FTS5's bm25. Snippets are cut from the original text, not from the segmented words, so they read
as the document does.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass

from policy_etl.query.connection import QueryError
from policy_etl.segment import search_tokens

SNIPPET_CONTEXT = 24  # characters shown on each side of the first hit
MARK_OPEN, MARK_CLOSE = "【", "】"


@dataclass(frozen=True)
class Hit:
    doc_id: int
    source_file: str
    title: str | None
    region: str | None
    section_path: str
    snippet: str
    rank: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def query_to_match(query: str) -> str:
    words = list(dict.fromkeys(search_tokens(query)))
    if not words:
        raise QueryError(f"nothing to search for in {query!r}")
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def make_snippet(text: str, query: str) -> str:
    """A window of the original text around the first query word found, with hits marked."""
    words = sorted(set(search_tokens(query)) | {query.strip()}, key=len, reverse=True)
    positions = [(text.find(w), w) for w in words if w and text.find(w) >= 0]
    if not positions:
        return text[: 2 * SNIPPET_CONTEXT] + ("…" if len(text) > 2 * SNIPPET_CONTEXT else "")
    start = max(0, min(p for p, _ in positions) - SNIPPET_CONTEXT)
    end = min(len(text), max(p + len(w) for p, w in positions) + SNIPPET_CONTEXT)
    end = min(end, start + 4 * SNIPPET_CONTEXT + len(query))
    window = text[start:end]
    for word in words:
        if word in window and MARK_OPEN not in word:
            window = window.replace(word, f"{MARK_OPEN}{word}{MARK_CLOSE}")
            break
    return ("…" if start else "") + window + ("…" if end < len(text) else "")


_SEARCH_SQL = """
SELECT p.document_id, d.source_file, d.title, d.region, p.section_id, p.text, bm25(passages_fts) AS rank
FROM passages_fts
JOIN passages p ON p.id = passages_fts.rowid
JOIN documents d ON d.id = p.document_id
WHERE passages_fts MATCH ?
  AND (? IS NULL OR d.region LIKE '%' || ? || '%')
  AND (? IS NULL OR (coalesce(d.period_start, 0) <= ? AND ? <= coalesce(d.period_end, 9999)))
ORDER BY rank
LIMIT ?
"""


def section_path(conn: sqlite3.Connection, section_id: int | None) -> str:
    """Titles from the outermost section down to this one, joined with ' > '."""
    titles: list[str] = []
    while section_id is not None:
        row = conn.execute(
            "SELECT parent_id, label, title FROM sections WHERE id = ?", (section_id,)
        ).fetchone()
        if row is None:
            break
        section_id, label, title = row
        titles.append(f"{label} {title}".strip())
    return " > ".join(reversed(titles))


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    region: str | None = None,
    year: int | None = None,
    limit: int = 20,
) -> list[Hit]:
    match = query_to_match(query)
    rows = conn.execute(_SEARCH_SQL, (match, region, region, year, year, year, limit)).fetchall()
    return [
        Hit(
            doc_id=doc_id,
            source_file=source_file,
            title=title,
            region=doc_region,
            section_path=section_path(conn, section_id),
            snippet=make_snippet(text, query),
            rank=round(rank, 4),
        )
        for doc_id, source_file, title, doc_region, section_id, text, rank in rows
    ]
