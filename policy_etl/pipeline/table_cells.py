"""The cells of task, project and responsibility tables, read as prose.

A task table states its commitments in sentences ("完成3个工业园区“污水零直排区”创建", "到2022年，
建成美丽河湖16条"), so its cells go through the same target and deadline readers as paragraphs.
Each cell knows the year its row is due (a 完成时间 / 实施年限 column, "2020") and the year the
table's title gives all its rows ("2018年主要工作任务清单"); a cell's own deadline wins over both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policy_etl.pipeline.context import ExtractContext
from policy_etl.pipeline.patterns.deadline_phrases import PLAN_PERIOD_PATTERN, YEAR
from policy_etl.pipeline.patterns.numbers import chinese_year_to_int, fold_digits
from policy_etl.pipeline.patterns.project_columns import column_role
from policy_etl.pipeline.patterns.table_kinds import NON_PROSE_COLUMN_ROLES, PROSE_TABLE_KINDS
from policy_etl.pipeline.tables import header_rows
from policy_etl.schemas.document import Table
from policy_etl.schemas.records import FIRST_YEAR, LAST_YEAR

# A completion-time cell that names one year: "2020", "2020年", "2020年底", "2022年底前".
ROW_YEAR_CELL = re.compile(rf"^\s*(?P<year>{YEAR})\s*(?:年\s*(?:底|末|年底|年末)?\s*(?:前|之前)?)?\s*$")
# A title that dates the whole list: "2018年主要工作任务清单", "2021年度重点项目表".
TITLE_YEAR = re.compile(rf"(?P<year>{YEAR})\s*年度?[^，。]*?(?:任务|清单|计划|项目|工程)")


@dataclass(frozen=True)
class ProseCell:
    """One cell of a task table with the years its row and table give it."""

    row: int
    col: int
    text: str
    row_year: int | None
    table_year: int | None


def _recordable(year: int | None) -> int | None:
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else None


def reads_as_prose(ctx: ExtractContext, table: Table) -> bool:
    """True for tables whose cells are sentences: tasks, projects, duties."""
    record = ctx.table(table.index)
    return record is not None and record.kind in PROSE_TABLE_KINDS


def table_year(caption: str | None) -> int | None:
    """The one year a table's title dates its rows by; None for a period (2021-2025年)."""
    if not caption or PLAN_PERIOD_PATTERN.search(caption):
        return None
    found = TITLE_YEAR.search(fold_digits(caption))
    return _recordable(chinese_year_to_int(found["year"])) if found else None


def prose_cells(table: Table) -> Iterator[ProseCell]:
    """The body cells of a task table whose column holds sentences, each with its row's year."""
    n_header = header_rows(table)
    grid = table.filled_grid()
    columns = [" ".join(dict.fromkeys(grid[r][c] for r in range(n_header))) for c in range(table.n_cols)]
    roles = [column_role(h) for h in columns]
    period_cols = [c for c, role in enumerate(roles) if role == "period"]
    title_year = table_year(table.caption)
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if cell.row < n_header or not cell.text.strip() or roles[cell.col] in NON_PROSE_COLUMN_ROLES:
            continue
        row_year = None
        for col in period_cols:
            found = ROW_YEAR_CELL.match(fold_digits(grid[cell.row][col]))
            if found:
                row_year = _recordable(chinese_year_to_int(found["year"]))
                break
        yield ProseCell(cell.row, cell.col, cell.text, row_year, title_year)
