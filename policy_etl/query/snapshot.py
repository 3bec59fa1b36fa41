"""Golden snapshots: every record extracted from a document, as stable, diff-friendly JSON.

One record per line, keys sorted, Chinese kept readable, no database ids, timestamps or block
indexes (block indexes shift whenever cleanup drops a paragraph, which would bury real changes):
a table is given by its number in the document (1 = its first table), not its block index,
both in its own record (`number`) and in the records that cite it (`table`).
The seed snapshots in tests/golden/ are made from fresh extractions; `etl snapshot DB DIR`
makes the same files from any database, by reading its records back (`read_extractions`), so a
group can keep its own corpus's records in git and review their diff.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from policy_etl.schemas.records import (
    CellRecord,
    DeadlineRecord,
    DocumentRecord,
    Extraction,
    GlossaryRecord,
    ProjectRecord,
    ResponsibilityRecord,
    SectionRecord,
    TableRecord,
    TargetRecord,
)

# Record fields left out of the snapshots: positions that shift for reasons no reader cares about.
VOLATILE_FIELDS = {"block"}
# Derived for search only; the paragraphs and cells they copy are covered by the other records.
# OCR confidences are the recognizer's scores, which change with its version, not with ours.
LEFT_OUT_KINDS = {"passages", "ocr_blocks"}
# Document fields shown only when they differ from their default: no text PDF, DOCX or HTML
# snapshot carries an `"ocr_pages": 0`.
DEFAULT_HIDDEN = {"ocr_pages": 0}


def _strip(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in VOLATILE_FIELDS}


def _table(record: dict[str, Any], number: int) -> dict[str, Any]:
    """A table's cells as compact "row,col[+rs x cs]: text" strings, one per cell."""
    record = _strip(record)
    del record["index"]
    record["number"] = number
    cells = []
    for c in record.pop("cells"):
        span = f" {c['row_span']}x{c['col_span']}" if (c["row_span"], c["col_span"]) != (1, 1) else ""
        cells.append(f"{c['row']},{c['col']}{span}: {c['text']}")
    record["cells"] = cells
    return record


def _numbered(record: dict[str, Any], table_numbers: dict[int, int]) -> dict[str, Any]:
    """The record without volatile fields, its table reference as the table's number."""
    record = _strip(record)
    if record.get("table") is not None:
        record["table"] = table_numbers.get(record["table"])
    return record


def extraction_to_golden(ex: Extraction) -> dict[str, Any]:
    data = ex.model_dump(mode="json")
    table_numbers = {table["index"]: n for n, table in enumerate(data.get("tables", []), start=1)}
    document = {k: v for k, v in data["document"].items() if DEFAULT_HIDDEN.get(k, ...) != v}
    out: dict[str, Any] = {"document": document}
    for kind, records in data.items():
        if kind == "document" or kind in LEFT_OUT_KINDS:
            continue
        if kind == "tables":
            out[kind] = [_table(r, table_numbers[r["index"]]) for r in records]
        else:
            out[kind] = [_numbered(r, table_numbers) for r in records]
    return out


def dumps_golden(golden: dict[str, Any]) -> str:
    """JSON with one record per line, so a changed record is a one-line diff."""

    def line(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    parts = ["{", f' "document": {line(golden["document"])},']
    kinds = [k for k in golden if k != "document"]
    for i, kind in enumerate(kinds):
        records = golden[kind]
        comma = "," if i < len(kinds) - 1 else ""
        if not records:
            parts.append(f' "{kind}": []{comma}')
            continue
        parts.append(f' "{kind}": [')
        for j, record in enumerate(records):
            sep = "," if j < len(records) - 1 else ""
            if "cells" in record:  # a table: one cell per line
                head = line({k: v for k, v in record.items() if k != "cells"})[:-1]
                parts.append(f'  {head}, "cells": [')
                parts.extend(
                    f"   {line(c)}{',' if n < len(record['cells']) - 1 else ''}"
                    for n, c in enumerate(record["cells"])
                )
                parts.append(f"  ]}}{sep}")
            else:
                parts.append(f"  {line(record)}{sep}")
        parts.append(f" ]{comma}")
    parts.append("}")
    return "\n".join(parts) + "\n"


# -- reading records back from a database -----------------------------------------------------

# Record kind -> (table, ORDER BY): the order the loader inserted them in, which is the order
# the extractor produced them in.
RECORD_TABLES: dict[str, tuple[str, str]] = {
    "targets": ("targets", "id"),
    "deadlines": ("deadlines", "id"),
    "responsibilities": ("responsibilities", "ordinal"),
    "projects": ("projects", "ordinal"),
    "glossary": ("glossary_terms", "id"),
}
RECORD_MODELS: dict[str, type[BaseModel]] = {
    "targets": TargetRecord,
    "deadlines": DeadlineRecord,
    "responsibilities": ResponsibilityRecord,
    "projects": ProjectRecord,
    "glossary": GlossaryRecord,
}


def _rows(conn: sqlite3.Connection, sql: str, *args: object) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, args)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _record(model: type[BaseModel], row: dict[str, Any], **refs: Any) -> Any:
    """A record from a row: the model's fields that the row has (an older database may lack a
    newer column; the field keeps its default), with references given by position."""
    values = {name: row[name] for name in model.model_fields if name in row and name not in refs}
    return model(**values, **refs)


def _document_record(row: dict[str, Any]) -> DocumentRecord:
    issuers = row["issuers"]
    row = {**row, "issuers": json.loads(issuers) if isinstance(issuers, str) else issuers}
    return _record(DocumentRecord, row)


def read_extraction(conn: sqlite3.Connection, doc_row: dict[str, Any]) -> Extraction:
    """One stored document's records, as the extractor made them (without the search passages)."""
    doc_id = doc_row["id"]
    section_rows = _rows(conn, "select * from sections where document_id = ? order by ordinal", doc_id)
    ordinal = {r["id"]: r["ordinal"] for r in section_rows}
    sections = [_record(SectionRecord, r, parent=ordinal.get(r["parent_id"])) for r in section_rows]
    table_rows = _rows(conn, "select * from doc_tables where document_id = ? order by id", doc_id)
    index = {r["id"]: r["block"] for r in table_rows}
    tables = []
    for r in table_rows:
        cells = [
            _record(CellRecord, c)
            for c in _rows(conn, "select * from table_cells where table_id = ? order by id", r["id"])
        ]
        tables.append(
            _record(TableRecord, r, index=r["block"], section=ordinal.get(r["section_id"]), cells=cells)
        )
    kinds: dict[str, list[Any]] = {}
    for kind, (table, order) in RECORD_TABLES.items():
        model = RECORD_MODELS[kind]
        records = []
        for r in _rows(conn, f"select * from {table} where document_id = ? order by {order}", doc_id):
            refs: dict[str, Any] = {"section": ordinal.get(r["section_id"])}
            if "table" in model.model_fields:
                refs["table"] = index.get(r.get("table_id"))
            if kind == "responsibilities":
                units = _rows(
                    conn,
                    "select o.name, u.role from responsibility_units u join organizations o"
                    " on o.id = u.organization_id where u.responsibility_id = ? order by u.role, u.position",
                    r["id"],
                )
                refs["lead_units"] = [u["name"] for u in units if u["role"] == "lead"]
                refs["support_units"] = [u["name"] for u in units if u["role"] == "support"]
            records.append(_record(model, r, **refs))
        kinds[kind] = records
    return Extraction(document=_document_record(doc_row), sections=sections, tables=tables, **kinds)


def read_extractions(conn: sqlite3.Connection, doc: str | None = None) -> list[Extraction]:
    """Every stored document's records, by source file; `doc` keeps the documents whose file
    name is it or starts with it."""
    docs = _rows(conn, "select * from documents order by source_file")
    if doc is not None:
        docs = [d for d in docs if d["source_file"] == doc or d["source_file"].startswith(doc)]
    return [read_extraction(conn, d) for d in docs]


def snapshot_name(source_file: str) -> str:
    """The snapshot file of a document: its source file name plus .json, as in tests/golden/."""
    return f"{Path(source_file).name}.json"


def write_snapshot(conn: sqlite3.Connection, out: Path, doc: str | None = None) -> list[Path]:
    """Write one golden-style JSON file per stored document into `out`; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for ex in read_extractions(conn, doc):
        path = out / snapshot_name(ex.document.source_file)
        path.write_text(dumps_golden(extraction_to_golden(ex)), encoding="utf-8")
        written.append(path)
    return written
