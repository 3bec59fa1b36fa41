"""The normalized SQLite schema, as SQLAlchemy 2.x models.

Every child row hangs off `documents` with ON DELETE CASCADE, so replacing a document is one
DELETE of its row inside the same transaction that inserts the new version. Units named by
responsibilities live once in `organizations` (same name, same row) and are linked with a role,
so "which tasks does X lead" is one join. Researchers query the `v_*` views (views.sql), not
these tables, which may change.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# 2: targets.value_std/unit_std/baseline_std, deadlines.table_id
# 3: documents.parser_fingerprint/extract_fingerprint, ingest_runs.n_reparsed/n_reextracted
# 4: documents.ocr_pages, ocr_blocks
SCHEMA_VERSION = 4


class Base(DeclarativeBase):
    pass


def _doc_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


def _section_fk() -> Mapped[int | None]:
    return mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = {"comment": "One row per ingested document (current version of each source file)."}

    id: Mapped[int] = mapped_column(primary_key=True)
    source_file: Mapped[str] = mapped_column(String, unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str]
    title: Mapped[str | None]
    doc_number: Mapped[str | None]
    issuers: Mapped[list[str]] = mapped_column(JSON, default=list)
    issue_date: Mapped[str | None]
    region: Mapped[str | None]
    plan_kind: Mapped[str | None]
    period_start: Mapped[int | None]
    period_end: Mapped[int | None]
    base_year: Mapped[int | None]
    n_pages: Mapped[int | None]
    ocr_pages: Mapped[int] = mapped_column(default=0)  # pages whose text was read by OCR
    size_bytes: Mapped[int | None]
    ingested_at: Mapped[datetime]
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id", ondelete="SET NULL"))
    # Which pipeline made the rows (policy_etl/fingerprint.py): a stored document whose
    # fingerprint differs from the running code's is parsed or extracted again by `etl ingest`.
    parser_fingerprint: Mapped[str | None]
    extract_fingerprint: Mapped[str | None]


class DocumentNameRow(Base):
    __tablename__ = "document_names"
    __table_args__ = {"comment": "Every file name a document's content was ingested under."}

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String, primary_key=True)


class SectionRow(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int]
    level: Mapped[int]
    label: Mapped[str]
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    block: Mapped[int]
    page: Mapped[int | None]

    __table_args__ = (UniqueConstraint("document_id", "ordinal"),)


class TableRow(Base):
    __tablename__ = "doc_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    section_id: Mapped[int | None] = _section_fk()
    block: Mapped[int]
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str]
    n_rows: Mapped[int]
    n_cols: Mapped[int]
    page: Mapped[int | None]


class OcrBlockRow(Base):
    """A block read by OCR: a record with this (document, block) came from a page image."""

    __tablename__ = "ocr_blocks"
    __table_args__ = {"comment": "Blocks (paragraphs, tables) read by OCR, with their mean confidence."}

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    block: Mapped[int] = mapped_column(primary_key=True)
    page: Mapped[int | None]
    confidence: Mapped[float]


class TableCellRow(Base):
    __tablename__ = "table_cells"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("doc_tables.id", ondelete="CASCADE"), index=True)
    row: Mapped[int]
    col: Mapped[int]
    row_span: Mapped[int]
    col_span: Mapped[int]
    text: Mapped[str] = mapped_column(Text)


class TargetRow(Base):
    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    section_id: Mapped[int | None] = _section_fk()
    table_id: Mapped[int | None] = mapped_column(ForeignKey("doc_tables.id", ondelete="CASCADE"))
    indicator: Mapped[str] = mapped_column(Text)
    indicator_key: Mapped[str | None] = mapped_column(index=True)
    comparator: Mapped[str]
    value: Mapped[float]
    unit: Mapped[str | None]
    year: Mapped[int | None] = mapped_column(index=True)
    baseline: Mapped[float | None]
    baseline_year: Mapped[int | None]
    binding: Mapped[str | None]
    source: Mapped[str]
    quote: Mapped[str] = mapped_column(Text)
    block: Mapped[int]
    value_std: Mapped[float | None]
    unit_std: Mapped[str | None]
    baseline_std: Mapped[float | None]


class DeadlineRow(Base):
    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    section_id: Mapped[int | None] = _section_fk()
    table_id: Mapped[int | None] = mapped_column(ForeignKey("doc_tables.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(index=True)
    month: Mapped[int | None]
    day: Mapped[int | None]
    kind: Mapped[str]
    quote: Mapped[str] = mapped_column(Text)
    block: Mapped[int]


class OrganizationRow(Base):
    __tablename__ = "organizations"
    __table_args__ = {"comment": "Each unit named by any responsibility, once per distinct name."}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)


class ResponsibilityRow(Base):
    __tablename__ = "responsibilities"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    section_id: Mapped[int | None] = _section_fk()
    table_id: Mapped[int | None] = mapped_column(ForeignKey("doc_tables.id", ondelete="CASCADE"))
    table_title: Mapped[str | None] = mapped_column(Text)
    group_name: Mapped[str | None] = mapped_column(Text)
    no: Mapped[str | None]
    task: Mapped[str] = mapped_column(Text)
    block: Mapped[int]
    ordinal: Mapped[int]


class ResponsibilityUnitRow(Base):
    __tablename__ = "responsibility_units"

    responsibility_id: Mapped[int] = mapped_column(
        ForeignKey("responsibilities.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String, primary_key=True)  # "lead" or "support"
    position: Mapped[int]

    __table_args__ = (Index("ix_responsibility_units_org", "organization_id", "role"),)


class ProjectRow(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    section_id: Mapped[int | None] = _section_fk()
    table_id: Mapped[int | None] = mapped_column(ForeignKey("doc_tables.id", ondelete="CASCADE"))
    table_title: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(Text)
    no: Mapped[str | None]
    name: Mapped[str] = mapped_column(Text)
    content: Mapped[str | None] = mapped_column(Text)
    investment: Mapped[str | None]
    investment_value: Mapped[float | None]
    period: Mapped[str | None]
    start_year: Mapped[int | None]
    end_year: Mapped[int | None]
    implementer: Mapped[str | None] = mapped_column(Text)
    indicators: Mapped[str | None] = mapped_column(Text)
    block: Mapped[int]
    ordinal: Mapped[int]


class GlossaryRow(Base):
    __tablename__ = "glossary_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    section_id: Mapped[int | None] = _section_fk()
    term: Mapped[str]
    definition: Mapped[str] = mapped_column(Text)
    block: Mapped[int]


class PassageRow(Base):
    __tablename__ = "passages"
    __table_args__ = {"comment": "Paragraphs and table cells with segmented words; indexed by passages_fts."}

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    section_id: Mapped[int | None] = _section_fk()
    table_id: Mapped[int | None] = mapped_column(ForeignKey("doc_tables.id", ondelete="CASCADE"))
    cell_row: Mapped[int | None]
    cell_col: Mapped[int | None]
    block: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    tokens: Mapped[str] = mapped_column(Text)


class IngestRunRow(Base):
    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    n_ingested: Mapped[int] = mapped_column(default=0)
    n_unchanged: Mapped[int] = mapped_column(default=0)
    n_failed: Mapped[int] = mapped_column(default=0)
    n_reparsed: Mapped[int] = mapped_column(default=0)
    n_reextracted: Mapped[int] = mapped_column(default=0)
    tool_version: Mapped[str]


class IngestErrorRow(Base):
    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_runs.id", ondelete="CASCADE"), index=True)
    file: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None]
    stage: Mapped[str]
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class IngestWarningRow(Base):
    __tablename__ = "ingest_warnings"
    __table_args__ = {
        "comment": "Warnings raised while a file was processed (a repaired table, a library's warning)."
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_runs.id", ondelete="CASCADE"), index=True)
    file: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(index=True)
    stage: Mapped[str]
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
