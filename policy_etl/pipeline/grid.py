"""Rows of cell texts with uneven lengths into a grid with row and column spans.

Text dumps and some converters lose the spans of merged cells: a row where two columns were
merged has one cell fewer, and a cell merged down from the row above comes out empty. This
module puts the spans back:

- the widest rows define the columns;
- in a shorter row one cell spans the missing columns; which one is decided by comparing each
  cell's shape (empty, number, short label, text) with what the widest rows hold in each
  column; header rows take the position most body rows chose;
- a leading empty cell below a body cell continues that cell downwards (row_span), which is how
  a group column such as 专项行动 or 领域 is merged over its rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from policy_etl.schemas.document import Cell, Loc, Table

HEADER_ROWS = 1

_NUMBER = re.compile(r"^[≥≤<>＜＞~～-]?\s*\d+(?:\.\d+)?\s*[%％‰*]?$")
_PLACEHOLDER = re.compile(r"^[-—/／\\]+$")
_SHORT_LABEL_MAX = 6


def cell_shape(text: str) -> str:
    text = text.strip()
    if not text:
        return "empty"
    if _NUMBER.match(text):
        return "number"
    if _PLACEHOLDER.match(text):
        return "placeholder"
    if len(text) <= _SHORT_LABEL_MAX:
        return "short"
    return "text"


def _column_profiles(rows: Sequence[Sequence[str]], n_cols: int) -> list[Counter[str]]:
    profiles: list[Counter[str]] = [Counter() for _ in range(n_cols)]
    for row in rows[HEADER_ROWS:] or rows:
        if len(row) == n_cols:
            for col, text in enumerate(row):
                if text.strip():
                    profiles[col][cell_shape(text)] += 1
    return profiles


def _placement(width: int, n_cols: int, wide_at: int) -> list[tuple[int, int]]:
    """(col, col_span) of each cell when the cell at `wide_at` absorbs the missing columns."""
    extra = n_cols - width
    placed = []
    col = 0
    for i in range(width):
        span = 1 + extra if i == wide_at else 1
        placed.append((col, span))
        col += span
    return placed


def _fit(row: Sequence[str], n_cols: int, wide_at: int, profiles: list[Counter[str]]) -> float:
    """How well the row's cell shapes match the columns they would land in.

    Empty cells say nothing (merged and blank cells look alike), and a widened cell scores the
    mean over the columns it covers, so widening a number over a text column costs something.
    """
    total = 0.0
    for text, (col, span) in zip(row, _placement(len(row), n_cols, wide_at), strict=True):
        shape = cell_shape(text)
        if shape == "empty":
            continue
        fits = [profiles[c][shape] / (sum(profiles[c].values()) or 1) for c in range(col, col + span)]
        total += sum(fits) / span
    return total


def _placements(rows: Sequence[Sequence[str]], n_cols: int) -> list[list[tuple[int, int]]]:
    """One widening position per row width: a table loses the same merged column in every row
    of the same length, so the rows vote together instead of each guessing alone."""
    profiles = _column_profiles(rows, n_cols)
    by_width: dict[int, list[Sequence[str]]] = {}
    for row in rows:
        if 0 < len(row) < n_cols:
            by_width.setdefault(len(row), []).append(row)
    choice: dict[int, int] = {}
    for width, same in by_width.items():
        # Ties go to the later cell: a short row most often lost its columns at the right.
        choice[width] = max(
            range(width), key=lambda i, same=same: (sum(_fit(r, n_cols, i, profiles) for r in same), i)
        )
    return [_placement(len(row), n_cols, choice.get(len(row), -1)) for row in rows]


def rows_to_table(
    rows: Sequence[Sequence[str]], *, index: int, loc: Loc | None = None, caption: str | None = None
) -> Table:
    """Build a Table block from rows of cell text (a missing or empty cell is "")."""
    rows = [list(row) for row in rows if row]
    n_cols = max((len(row) for row in rows), default=0)
    cells: dict[tuple[int, int], dict[str, int | str]] = {}
    owner: dict[tuple[int, int], tuple[int, int]] = {}  # grid slot -> origin of the cell covering it
    for r, (row, placed) in enumerate(zip(rows, _placements(rows, n_cols), strict=True)):
        leading = True
        for text, (col, span) in zip(row, placed, strict=True):
            above = owner.get((r - 1, col))
            if leading and not text.strip() and r > HEADER_ROWS and above is not None:
                origin = cells[above]
                if origin["col_span"] == span and (origin["text"] or origin["row_span"] > 1):
                    origin["row_span"] = int(origin["row_span"]) + 1
                    for c in range(col, col + span):
                        owner[(r, c)] = above
                    continue
            leading = leading and not text.strip()
            cells[(r, col)] = {"row": r, "col": col, "row_span": 1, "col_span": span, "text": text}
            for c in range(col, col + span):
                owner[(r, c)] = (r, col)
    return Table(
        index=index,
        n_rows=len(rows),
        n_cols=n_cols,
        cells=tuple(Cell(**cell) for cell in cells.values()),  # type: ignore[arg-type]
        caption=caption,
        loc=loc or Loc(),
    )
