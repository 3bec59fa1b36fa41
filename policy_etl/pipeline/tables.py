"""Every table as a lossless grid record, with its kind decided from its header rows."""

from __future__ import annotations

import re

from policy_etl.pipeline.context import Outline
from policy_etl.pipeline.patterns.table_kinds import classify_header
from policy_etl.schemas.document import Document, Table
from policy_etl.schemas.records import CellRecord, TableRecord

# A table names its columns in at most this many leading rows (002's tables use two).
MAX_HEADER_ROWS = 3
# A header cell is a short name: no sentence punctuation, not a bare number (a 序号 cell).
_HEADER_CELL_MAX_CHARS = 30
_NOT_HEADER = re.compile(r"[。；;]|^\s*\d+\s*$")


def _is_header_row(table: Table, row: int) -> bool:
    cells = [c for c in table.cells if c.row == row]
    if len(cells) == 1 and cells[0].col_span == table.n_cols and row > 0:
        return False  # a chapter row spanning the table
    texts = [c.text.strip() for c in cells if c.text.strip()]
    return bool(texts) and all(len(t) <= _HEADER_CELL_MAX_CHARS and not _NOT_HEADER.search(t) for t in texts)


def header_rows(table: Table) -> int:
    """How many leading rows name the columns: the first row always, then rows that look alike."""
    n = 1
    while n < min(MAX_HEADER_ROWS, table.n_rows) and _is_header_row(table, n):
        n += 1
    return n


def header_text(table: Table) -> str:
    """The text of the header rows, where a table names its columns."""
    n = header_rows(table)
    return " ".join(c.text for c in sorted(table.cells, key=lambda c: (c.row, c.col)) if c.row < n)


def table_to_record(table: Table, outline: Outline) -> TableRecord:
    return TableRecord(
        index=table.index,
        section=outline.section_at(table.index),
        title=table.caption,
        kind=classify_header(header_text(table), table.caption or ""),  # type: ignore[arg-type]
        n_rows=table.n_rows,
        n_cols=table.n_cols,
        page=table.loc.page,
        cells=[CellRecord(**c.model_dump()) for c in table.cells],
    )


def extract_tables(doc: Document, outline: Outline) -> list[TableRecord]:
    return [table_to_record(t, outline) for t in doc.tables()]
