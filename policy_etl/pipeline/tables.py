"""Every table as a lossless grid record, with its kind decided from its header row."""

from __future__ import annotations

from policy_etl.pipeline.context import Outline
from policy_etl.pipeline.patterns.table_kinds import classify_header
from policy_etl.schemas.document import Document, Table
from policy_etl.schemas.records import CellRecord, TableRecord

HEADER_ROWS_TO_READ = 2


def header_text(table: Table) -> str:
    """The text of the first rows, where a table names its columns."""
    return " ".join(c.text for c in table.cells if c.row < HEADER_ROWS_TO_READ)


def table_to_record(table: Table, outline: Outline) -> TableRecord:
    return TableRecord(
        index=table.index,
        section=outline.section_at(table.index),
        title=table.caption,
        kind=classify_header(header_text(table), table.caption or ""),
        n_rows=table.n_rows,
        n_cols=table.n_cols,
        page=table.loc.page,
        cells=[CellRecord(**c.model_dump()) for c in table.cells],
    )


def extract_tables(doc: Document, outline: Outline) -> list[TableRecord]:
    return [table_to_record(t, outline) for t in doc.tables()]
