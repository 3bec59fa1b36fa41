"""Tables made valid before anything reads them, whatever parser built them.

A parser rebuilding a grid from a layout can get a cell wrong: a span of 0 (two edges snapped
onto one boundary), a cell starting outside the grid or running past its edge, two cells claiming
one slot. The records schema refuses such a cell, and one bad cell would fail the whole
document. Here every table is checked against the model's rules first and, where it breaks them,
repaired: a span below 1 becomes 1, a span running past the grid is clamped to it, a cell outside
the grid or overlapping a cell already placed is dropped (cells with text are placed before empty
ones, so an empty sliver never displaces a filled cell). A table left without cells, or without
rows or columns, is dropped whole. Each repaired or dropped table raises a `PipelineWarning`
naming the table and what was done, which the file's result keeps.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from policy_etl.pipeline.diagnostics import PipelineWarning
from policy_etl.schemas.document import Block, Cell, Table

# How much of a caption the warning quotes to name the table.
NAME_CAPTION_CHARS = 30


def table_name(table: Table, number: int) -> str:
    """The table as a reader finds it: its number in the document, its page and its caption."""
    where = [f"page {table.loc.page}"] if table.loc.page is not None else []
    if table.caption:
        caption = table.caption
        if len(caption) > NAME_CAPTION_CHARS:
            caption = caption[: NAME_CAPTION_CHARS - 1] + "…"
        where.append(f"“{caption}”")
    return f"table {number}" + (f" ({', '.join(where)})" if where else "")


def _plural(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def repair_table(table: Table) -> tuple[Table | None, list[str]]:
    """The table with its cells made valid, or None when nothing valid is left; and what was done."""
    if table.n_rows < 1 or table.n_cols < 1:
        return None, [f"no rows or columns ({table.n_rows}×{table.n_cols})"]
    zero = clamped = outside = overlapping = lost_text = 0
    placed: list[Cell] = []
    taken: set[tuple[int, int]] = set()
    order = sorted(table.cells, key=lambda c: (not c.text.strip(), c.row, c.col))
    for cell in order:
        if not (0 <= cell.row < table.n_rows and 0 <= cell.col < table.n_cols):
            outside += 1
            lost_text += bool(cell.text.strip())
            continue
        row_span, col_span = max(cell.row_span, 1), max(cell.col_span, 1)
        fit_rows, fit_cols = min(row_span, table.n_rows - cell.row), min(col_span, table.n_cols - cell.col)
        slots = {
            (r, c) for r in range(cell.row, cell.row + fit_rows) for c in range(cell.col, cell.col + fit_cols)
        }
        if slots & taken:
            overlapping += 1
            lost_text += bool(cell.text.strip())
            continue
        taken |= slots
        zero += (row_span, col_span) != (cell.row_span, cell.col_span)
        clamped += (fit_rows, fit_cols) != (row_span, col_span)
        placed.append(cell.model_copy(update={"row_span": fit_rows, "col_span": fit_cols}))
    done = []
    if zero:
        done.append(f"{_plural(zero, 'cell')} with a span of 0 set to 1")
    if clamped:
        done.append(f"{_plural(clamped, 'span')} running past the grid clamped to it")
    if outside:
        done.append(f"{_plural(outside, 'cell')} outside the {table.n_rows}×{table.n_cols} grid dropped")
    if overlapping:
        done.append(f"{_plural(overlapping, 'cell')} overlapping another cell dropped")
    if lost_text:
        done.append(f"the text of {_plural(lost_text, 'dropped cell')} lost")
    if not placed:
        return None, [*done, "no valid cell left"]
    if not done:
        return table, []
    cells = tuple(sorted(placed, key=lambda c: (c.row, c.col)))
    return table.model_copy(update={"cells": cells}), done


def repair_tables(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with every table valid: repaired, or dropped with a warning when it cannot be."""
    out: list[Block] = []
    number = 0
    for block in blocks:
        if not isinstance(block, Table):
            out.append(block)
            continue
        number += 1
        repaired, done = repair_table(block)
        if done:
            verdict = "repaired" if repaired is not None else "dropped"
            warnings.warn(
                PipelineWarning(f"{table_name(block, number)} {verdict}: {'; '.join(done)}"), stacklevel=2
            )
        if repaired is not None:
            out.append(repaired)
    return out
