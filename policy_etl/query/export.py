"""Every public view to one file each, for spreadsheets and notebooks.

CSV is written with a UTF-8 BOM: Excel on Chinese Windows reads BOM-less UTF-8 as mojibake.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Literal

from policy_etl.query.connection import PUBLIC_VIEWS

ExportFormat = Literal["csv", "jsonl"]


def export_view(conn: sqlite3.Connection, view: str, path: Path, fmt: ExportFormat) -> int:
    cursor = conn.execute(f"SELECT * FROM {view}")
    columns = [d[0] for d in cursor.description]
    count = 0
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in cursor:
                writer.writerow(row)
                count += 1
    else:
        with path.open("w", encoding="utf-8") as handle:
            for row in cursor:
                handle.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
                count += 1
    return count


def export_views(conn: sqlite3.Connection, out_dir: Path, fmt: ExportFormat = "csv") -> dict[str, int]:
    """Write each public view to OUT_DIR/<view>.<fmt>; returns the row count per view."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return {view: export_view(conn, view, out_dir / f"{view}.{fmt}", fmt) for view in PUBLIC_VIEWS}
