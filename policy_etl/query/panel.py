"""The plan-by-indicator panel behind `etl panel`: one row per plan, for Excel, Stata or pandas.

`v_indicator_panel` is long (one row per plan, key and year); researchers comparing plans want it
wide: one row per plan, and for each indicator and year its baseline, the baseline's year and its
target, all in the indicator's canonical unit (unit_std), so a column compares directly. Every plan
gets a row, also one that sets none of the chosen indicators: "which plans set no target" is a
question the panel must answer. An empty target cell means the plan states no target for that
indicator and year, or states it in a unit that does not convert (v_targets has it as printed).

Column names are identifiers (`pm25_concentration_2025_target`) so Stata and pandas keep them;
a target without a year (an every-year commitment) is `<key>_annual_target`. The xlsx has a second
sheet describing every column with the indicator's label and unit.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from policy_etl.pipeline.patterns.indicators import load_rules
from policy_etl.pipeline.patterns.unit_conversions import CANONICAL_UNITS
from policy_etl.query.connection import QueryError

PanelFormat = Literal["csv", "xlsx", "jsonl"]
PLAN_COLUMNS = ("doc_id", "source_file", "region", "title", "period_start", "period_end")
# Per indicator and year: what each column holds, in this order.
MEASURES = ("baseline", "baseline_year", "target")


@dataclass(frozen=True)
class PanelColumn:
    name: str
    indicator_key: str | None = None
    year: int | None = None
    measure: str | None = None  # one of MEASURES; None for the plan's own columns


@dataclass(frozen=True)
class Panel:
    columns: list[PanelColumn]
    rows: list[list[object]]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def indicator_years(self) -> list[tuple[str, int | None]]:
        """The (indicator_key, year) pairs that have columns, in column order."""
        return list(dict.fromkeys((c.indicator_key, c.year) for c in self.columns if c.indicator_key))


def indicator_keys() -> list[str]:
    """Every indicator key, in the curated order of data/indicators.json (air first, then water …)."""
    return [rule.key for rule in load_rules()]


def indicator_label(key: str) -> str:
    return next(rule.label for rule in load_rules() if rule.key == key)


def _column_name(key: str, year: int | None, measure: str) -> str:
    return f"{key}_{'annual' if year is None else year}_{measure}"


def build_panel(conn: sqlite3.Connection, indicators: Sequence[str] | None = None) -> Panel:
    """The wide panel from `v_indicator_panel`, for the given keys (default: every key any plan has)."""
    known = indicator_keys()
    unknown = [k for k in indicators or () if k not in known]
    if unknown:
        raise QueryError(f"unknown indicator key {', '.join(unknown)}: see data/indicators.json")
    wanted = list(dict.fromkeys(indicators)) if indicators else known
    order = {key: i for i, key in enumerate(known)}
    cells: dict[tuple[int, str, int | None], tuple[object, object, object]] = {}
    pairs: set[tuple[str, int | None]] = set()
    for doc_id, key, year, baseline, baseline_year, value in conn.execute(
        "SELECT doc_id, indicator_key, year, baseline_std, baseline_year, value_std FROM v_indicator_panel"
    ):
        if key in wanted:
            cells[(doc_id, key, year)] = (baseline, baseline_year, value)
            pairs.add((key, year))
    ordered = sorted(pairs, key=lambda p: (order[p[0]], p[1] is None, p[1] or 0))
    columns = [PanelColumn(name) for name in PLAN_COLUMNS] + [
        PanelColumn(_column_name(key, year, measure), key, year, measure)
        for key, year in ordered
        for measure in MEASURES
    ]
    rows = []
    for plan in conn.execute(f"SELECT {', '.join(PLAN_COLUMNS)} FROM v_documents ORDER BY doc_id"):
        row = list(plan)
        for key, year in ordered:
            row.extend(cells.get((plan[0], key, year), (None, None, None)))
        rows.append(row)
    return Panel(columns, rows)


def write_csv(panel: Panel, handle: IO[str]) -> None:
    """CSV with a UTF-8 BOM (the caller opens `handle`; a file wants newline="")."""
    handle.write("\ufeff")  # Excel on Chinese Windows reads BOM-less UTF-8 as mojibake
    writer = csv.writer(handle)
    writer.writerow(panel.names)
    writer.writerows(panel.rows)


def write_jsonl(panel: Panel, handle: IO[str]) -> None:
    for row in panel.rows:
        handle.write(json.dumps(dict(zip(panel.names, row, strict=True)), ensure_ascii=False) + "\n")


def write_xlsx(panel: Panel, path: Path) -> None:
    """An .xlsx workbook: sheet `panel` (header frozen), sheet `columns` saying what each column is."""
    from openpyxl import Workbook  # imported here: only this export needs it
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "panel"
    sheet.append(panel.names)
    for row in panel.rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "E2"  # plan columns and the header stay in view
    about = book.create_sheet("columns")
    about.append(["column", "indicator_key", "indicator", "year", "measure", "unit"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for column in panel.columns:
        if column.indicator_key is None:
            about.append([column.name, None, None, None, None, None])
            continue
        unit = CANONICAL_UNITS.get(column.indicator_key) if column.measure != "baseline_year" else None
        about.append(
            [
                column.name,
                column.indicator_key,
                indicator_label(column.indicator_key),
                column.year,
                column.measure,
                unit,
            ]
        )
    book.save(path)
