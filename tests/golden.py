"""Golden snapshots: every record extracted from a document, as stable, diff-friendly JSON.

One record per line, keys sorted, Chinese kept readable, no database ids, timestamps or block
indexes (block indexes shift whenever cleanup drops a paragraph, which would bury real changes).
"""

from __future__ import annotations

import json
from typing import Any

from policy_etl.schemas.records import Extraction

# Record fields left out of the snapshots: positions that shift for reasons no reader cares about.
VOLATILE_FIELDS = {"block"}
# Derived for search only; the paragraphs and cells they copy are covered by the other records.
LEFT_OUT_KINDS = {"passages"}


def _strip(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in VOLATILE_FIELDS}


def _table(record: dict[str, Any]) -> dict[str, Any]:
    """A table's cells as compact "row,col[+rs x cs]: text" strings, one per cell."""
    record = _strip(record)
    cells = []
    for c in record.pop("cells"):
        span = f" {c['row_span']}x{c['col_span']}" if (c["row_span"], c["col_span"]) != (1, 1) else ""
        cells.append(f"{c['row']},{c['col']}{span}: {c['text']}")
    record["cells"] = cells
    return record


def extraction_to_golden(ex: Extraction) -> dict[str, Any]:
    data = ex.model_dump(mode="json")
    out: dict[str, Any] = {"document": data["document"]}
    for kind, records in data.items():
        if kind == "document" or kind in LEFT_OUT_KINDS:
            continue
        out[kind] = [_table(r) if kind == "tables" else _strip(r) for r in records]
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
