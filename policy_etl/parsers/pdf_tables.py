"""Ruled tables of a PDF page as grids with spans, and tables continued over a page break.

pdfplumber's `extract()` puts None where a merged cell covers a slot and loses the span, so the
grid is rebuilt from `table.cells`: the distinct (snapped) cell edges are the column and row
boundaries, and a cell spans as many columns/rows as boundaries it crosses. Cell text is read
with the same CJK line rules as the body text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from policy_etl.parsers.ocr import Confidence
from policy_etl.parsers.pdf_text import baseline, cell_text
from policy_etl.parsers.textjoin import join_lines
from policy_etl.schemas.document import Cell

BBox = tuple[float, float, float, float]


@dataclass
class TableDraft:
    """A table found on one page (or several, once continuations are merged into it)."""

    page: int  # 1-based page of its first row
    bbox: BBox  # on its last page
    last_page: int
    columns: list[float]  # x boundaries, left to right
    n_rows: int
    cells: list[Cell] = field(default_factory=list)
    layout: bool = False  # rebuilt from positioned text (no ruling lines): its column edges are estimates
    extended: bool = False  # has columns printed beside its rules: its outer edges are estimates
    row_edges: list[float] = field(default_factory=list)  # y of the row rules on its first page
    ocr: Confidence | None = None  # read by OCR from a page image: its characters' confidence

    @property
    def n_cols(self) -> int:
        return len(self.columns) - 1

    def row_texts(self, row: int) -> list[str]:
        return [cell.text for cell in sorted(self.cells, key=lambda c: c.col) if cell.row == row]


def snap(values: Sequence[float], tolerance: float) -> list[float]:
    """Distinct boundaries: values closer than `tolerance` to the previous one are the same."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


def _index(boundaries: Sequence[float], value: float) -> int:
    return min(range(len(boundaries)), key=lambda i: abs(boundaries[i] - value))


# A glyph's middle stands this share of its size above its baseline.
MIDDLE_ABOVE_BASELINE = 0.35


def glyph_middle(char: dict[str, Any]) -> float:
    """The glyph's vertical middle from its baseline: a font with wrong ascent/descent metrics
    (gazette PDFs' Latin and digit fonts) puts its box half a line low, into the next row."""
    return baseline(char) - MIDDLE_ABOVE_BASELINE * float(char["size"])


def _inside(char: dict[str, Any], box: BBox) -> bool:
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = glyph_middle(char)
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def chars_inside(chars: Sequence[dict[str, Any]], boxes: Sequence[BBox]) -> list[bool]:
    return [any(_inside(char, box) for box in boxes) for char in chars]


# A caption (表1 …, 续表, 专栏一 …, 附表) is a table's or a box's title, never one of its rows.
CAPTION = re.compile(r"^\s*(?:续?表\s*\d|续表|专栏\s*[\d一二三四五六七八九十]|附表)")
# Rows with two or more filled cells a ruled area needs to be a table (a header and one row).
MIN_TABLE_ROWS = 2
# Horizontal rules shorter than this (points) are underlines or marks, not table borders.
MIN_RULE_LENGTH = 20.0


# A colour this close to 1 in every component (gray, RGB) is white: paper, not ink.
WHITE_LEVEL = 0.95


def _white(color: Any) -> bool:
    """Whether a PDF colour (gray, RGB or CMYK, as pdfminer reports it) paints white."""
    if isinstance(color, int | float):
        color = (color,)
    if not isinstance(color, tuple | list) or not color or not all(isinstance(v, int | float) for v in color):
        return False  # a pattern or an unknown colour space: assume it shows
    if len(color) == 4:  # CMYK: white is no ink at all
        return all(float(v) <= 1 - WHITE_LEVEL for v in color)
    return all(float(v) >= WHITE_LEVEL for v in color)


def visible_edges(edges: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The edges of the page's graphics that print as a rule: a white box is not one.

    OCR converters paint a white background box behind each block of text they place (ABBYY
    FineReader in 驻马店 426: a full-width box per prose line, a box per table cell's text,
    offset from the cell's black rules), and pdfplumber takes every rectangle's sides as
    ruling lines, so the table grid gets a boundary at each box and takes the prose in. Only an
    edge of something drawn in a colour other than white — a stroked outline, or a filled
    rectangle (thin filled rectangles are how the same converters draw rules) — is a rule.
    """
    out = []
    for edge in edges:
        stroked = edge.get("stroke", True) and not _white(edge.get("stroking_color"))
        filled = edge.get("fill", False) and not _white(edge.get("non_stroking_color"))
        if stroked or filled:
            out.append(edge)
    return out


def open_side_borders(edges: Sequence[dict[str, Any]], tolerance: float) -> list[dict[str, Any]]:
    """Vertical borders for tables drawn without them (巴中's 专栏一 has no left or right rule).

    Where two or more horizontal rules end at the same x, a vertical line is assumed there,
    from the highest to the lowest of those rules; pdfplumber's `lines` strategy then sees
    the outer column as closed.
    """
    rules = [
        e for e in edges if e["orientation"] == "h" and float(e["x1"]) - float(e["x0"]) >= MIN_RULE_LENGTH
    ]
    ends: list[tuple[float, float]] = [(float(e[k]), float(e["top"])) for e in rules for k in ("x0", "x1")]
    drawn = [float(e["x0"]) for e in edges if e["orientation"] == "v"]
    borders = []
    for x in snap([x for x, _ in ends], tolerance):
        if any(abs(v - x) <= tolerance for v in drawn):
            continue  # a real border is drawn there; bridging it could join two tables
        tops = [top for ex, top in ends if abs(ex - x) <= tolerance]
        if len(tops) >= 2 and max(tops) - min(tops) > tolerance:
            top, bottom = min(tops), max(tops)
            borders.append(
                {
                    "object_type": "line",
                    "x0": x,
                    "x1": x,
                    "top": top,
                    "bottom": bottom,
                    "width": 0.0,
                    "height": bottom - top,
                }
            )
    return borders


# Vertical rules a missing top or bottom border is inferred from (the columns of a row).
MIN_OPEN_END_RULES = 3


def open_end_borders(edges: Sequence[dict[str, Any]], tolerance: float) -> list[dict[str, Any]]:
    """Horizontal borders where a table's vertical rules end and no horizontal rule is drawn.

    OCR converters leave out the top rule of a table continued on a new page (驻马店 426 p.36:
    the column rules start at the top of the page, the first horizontal rule is under the first
    row): where `MIN_OPEN_END_RULES` or more vertical rules start (or stop) at the same y with
    no horizontal rule there, a rule across them is assumed, so the row they enclose is a row.
    """
    segments = [e for e in edges if e["orientation"] == "v"]
    vertical = [e for e in segments if float(e["height"]) >= MIN_RULE_LENGTH]
    drawn = [
        e for e in edges if e["orientation"] == "h" and float(e["x1"]) - float(e["x0"]) >= MIN_RULE_LENGTH
    ]
    borders = []
    for key, other in (("top", "bottom"), ("bottom", "top")):
        # a rule drawn in pieces (湖南 81: ABBYY breaks a column rule inside a row) ends where no
        # piece of it goes on
        ends = [
            (float(e[key]), float(e["x0"]))
            for e in vertical
            if not any(
                abs(float(s["x0"]) - float(e["x0"])) <= tolerance
                and abs(float(s[other]) - float(e[key])) <= tolerance
                for s in segments
                if s is not e
            )
        ]
        for y in snap([y for y, _ in ends], tolerance):
            xs = snap([x for ey, x in ends if abs(ey - y) <= tolerance], tolerance)
            if len(xs) < MIN_OPEN_END_RULES:
                continue
            x0, x1 = min(xs), max(xs)
            if any(
                abs(float(e["top"]) - y) <= tolerance and float(e["x0"]) < x1 and float(e["x1"]) > x0
                for e in drawn
            ):
                continue  # a rule is drawn there, if only over some columns
            borders.append(
                {
                    "object_type": "line",
                    "x0": x0,
                    "x1": x1,
                    "top": y,
                    "bottom": y,
                    "width": x1 - x0,
                    "height": 0.0,
                }
            )
    return borders


def table_to_draft(
    cell_boxes: Sequence[BBox],
    bbox: BBox,
    chars: Sequence[dict[str, Any]],
    page: int,
    tolerance: float,
    x_tolerance_ratio: float,
    ends_page: bool = False,
    starts_page: bool = False,
) -> TableDraft | None:
    """A grid from pdfplumber's cell boxes, or None when it is a frame rather than a table.

    A single column of boxes is how Word draws a bordered text box or a ruled page (郑州's
    pages are one 22-row "table", with a 专栏 box wider than the rules split into three), so a
    table needs `MIN_TABLE_ROWS` rows with text in two or more cells — unless it `ends_page`
    (a header whose rows follow overleaf) or `starts_page` (the last row of a table carried
    over, as 宁夏 86 p.17 prints its row 22 alone above the table's notes).
    """
    xs = snap([v for box in cell_boxes for v in (box[0], box[2])], tolerance)
    ys = snap([v for box in cell_boxes for v in (box[1], box[3])], tolerance)
    if len(xs) < 3 or len(ys) < 2:
        return None
    cells: list[Cell] = []
    for box in sorted(cell_boxes, key=lambda b: (b[1], b[0])):
        col, end_col = _index(xs, box[0]), _index(xs, box[2])
        row, end_row = _index(ys, box[1]), _index(ys, box[3])
        if end_col <= col or end_row <= row:
            continue
        text = cell_text([c for c in chars if _inside(c, box)], x_tolerance_ratio)
        cells.append(Cell(row=row, col=col, row_span=end_row - row, col_span=end_col - col, text=text))
    cells.extend(_unruled_slots(cells, xs, ys, chars, x_tolerance_ratio))
    rows = sum(1 for n in Counter(cell.row for cell in cells if cell.text).values() if n >= 2)
    # a ruled frame around prose is not a table; a header alone at the foot of a page is one
    # whose rows continue on the next page (天水's 专栏2), a row alone at its head the rest of one
    first = next((c.text for c in sorted(cells, key=lambda c: (c.row, c.col)) if c.text.strip()), "")
    if rows < MIN_TABLE_ROWS and not (
        rows >= 1 and (ends_page or (starts_page and not CAPTION.match(first)))
    ):
        return None  # a lone row at a page's head titled 专栏一 is a box's title (广元 427 p.31)
    return TableDraft(
        page=page, bbox=bbox, last_page=page, columns=xs, n_rows=len(ys) - 1, cells=cells, row_edges=list(ys)
    )


def _unruled_slots(
    cells: Sequence[Cell],
    xs: Sequence[float],
    ys: Sequence[float],
    chars: Sequence[dict[str, Any]],
    x_tolerance_ratio: float,
) -> list[Cell]:
    """Cells for grid slots that no ruled cell covers but text stands in.

    OCR converters and WPS draw only some of a table's rules (德州's 2025年目标 column has its
    header boxed and its values not): the slot is still a cell of the grid the other rules make.
    """
    covered = {
        (r, c)
        for cell in cells
        for r in range(cell.row, cell.row + cell.row_span)
        for c in range(cell.col, cell.col + cell.col_span)
    }
    out: list[Cell] = []
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if (r, c) in covered:
                continue
            box = (xs[c], ys[r], xs[c + 1], ys[r + 1])
            inside = [ch for ch in chars if ch["text"].strip() and _inside(ch, box)]
            if inside:
                out.append(Cell(row=r, col=c, text=cell_text(inside, x_tolerance_ratio)))
    return out


def extend_with_unruled_columns(
    draft: TableDraft, chars: Sequence[dict[str, Any]], x_tolerance_ratio: float
) -> None:
    """Add the columns printed beside a ruled table but outside its rules.

    Partly ruled tables (OCR converters, WPS) leave a last column without rules on some pages
    (德州's 2025年目标 on pages 13-14): text set beside the table, within its rows, is a column
    of it — a single-column plan prints nothing else beside a table. Columns are the x-ranges
    the text covers; each character goes to the row whose rules it stands between.
    """
    x0, top, x1, bottom = draft.bbox
    ys = _row_edges(draft)
    beside = [
        c
        for c in chars
        if c["text"].strip()
        and top <= glyph_middle(c) <= bottom
        and (float(c["x0"]) >= x1 or float(c["x1"]) <= x0)
    ]
    if not beside:
        return
    for side in ("right", "left"):
        group = [c for c in beside if (float(c["x0"]) >= x1) == (side == "right")]
        ranges = _covered_ranges(group)
        if not ranges:
            continue
        if side == "right":
            edges = [draft.columns[-1], *[(a[1] + b[0]) / 2 for a, b in itertools.pairwise(ranges)]]
            edges.append(ranges[-1][1] + 1.0)
            first_new = draft.n_cols
            draft.columns = [*draft.columns[:-1], *edges]
        else:
            edges = [ranges[0][0] - 1.0, *[(a[1] + b[0]) / 2 for a, b in itertools.pairwise(ranges)]]
            edges.append(draft.columns[0])
            shift = len(ranges)
            draft.cells = [c.model_copy(update={"col": c.col + shift}) for c in draft.cells]
            first_new = 0
            draft.columns = [*edges[:-1], *draft.columns]
        for j in range(len(ranges)):
            lo, hi = draft.columns[first_new + j], draft.columns[first_new + j + 1]
            for r in range(len(ys) - 1):
                inside = [
                    c
                    for c in group
                    if lo <= (float(c["x0"]) + float(c["x1"])) / 2 <= hi
                    and ys[r] <= glyph_middle(c) <= ys[r + 1]
                ]
                if inside:
                    draft.cells.append(
                        Cell(row=r, col=first_new + j, text=cell_text(inside, x_tolerance_ratio))
                    )
    draft.bbox = (draft.columns[0], top, draft.columns[-1], bottom)
    draft.extended = True


def _row_edges(draft: TableDraft) -> list[float]:
    """The y of each row boundary, from the table's cells' rows spread over its bbox."""
    return draft.row_edges or [
        draft.bbox[1] + (draft.bbox[3] - draft.bbox[1]) * r / draft.n_rows for r in range(draft.n_rows + 1)
    ]


def _covered_ranges(chars: Sequence[dict[str, Any]]) -> list[tuple[float, float]]:
    """x-ranges covered by characters, ranges closer than a character's width merged."""
    out: list[tuple[float, float]] = []
    for c in sorted(chars, key=lambda c: float(c["x0"])):
        a, b = float(c["x0"]), float(c["x1"])
        if out and a - out[-1][1] <= float(c["size"]):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def drop_empty_rows(cells: list[Cell], n_rows: int) -> tuple[list[Cell], int]:
    """Rows in which no text starts (a header band left empty on a continued page, the thin
    rows between an OCR converter's doubled rules) are not rows."""
    starts = {c.row for c in cells if c.text}
    keep = [r for r in range(n_rows) if r in starts]
    new_index = {r: i for i, r in enumerate(keep)}
    out = []
    for cell in cells:
        rows = [new_index[r] for r in range(cell.row, cell.row + cell.row_span) if r in new_index]
        if rows:
            out.append(cell.model_copy(update={"row": rows[0], "row_span": len(rows)}))
    return out, len(keep)


def drop_empty_columns(cells: list[Cell], n_cols: int) -> tuple[list[Cell], int]:
    """Columns in which no text starts (the gap between doubled rules, an empty strip beside a
    partly ruled table) are not columns."""
    keep = [c for c in range(n_cols) if any(cell.text and cell.col == c for cell in cells)]
    new_index = {c: i for i, c in enumerate(keep)}
    out = []
    for cell in cells:
        cols = [new_index[c] for c in range(cell.col, cell.col + cell.col_span) if c in new_index]
        if cols:
            out.append(cell.model_copy(update={"col": cols[0], "col_span": len(cols)}))
    return out, len(keep)


def _subset(small: Sequence[float], big: Sequence[float], tolerance: float) -> bool:
    return all(any(abs(x - y) <= tolerance for y in big) for x in small)


def continues(a: TableDraft, b: TableDraft, tolerance: float) -> bool:
    """Whether `b` can be the rest of `a`: the same outer edges, and column rules that are the same
    or a refinement of one another (a sub-column split only on one page, as in 天津's 减排量).
    Tables rebuilt from positioned text have estimated edges: there, the same number of columns,
    each column's middle inside the other's."""
    if a.layout and b.layout:
        return a.n_cols == b.n_cols and all(
            a.columns[j] <= (b.columns[j] + b.columns[j + 1]) / 2 <= a.columns[j + 1] for j in range(a.n_cols)
        )
    if a.layout or b.layout:
        return False
    if a.extended or b.extended:  # estimated outer edges: the inner rules decide
        inner_a, inner_b = a.columns[1:-1], b.columns[1:-1]
        return _subset(inner_a, b.columns, tolerance) or _subset(inner_b, a.columns, tolerance)
    if abs(a.columns[0] - b.columns[0]) > tolerance or abs(a.columns[-1] - b.columns[-1]) > tolerance:
        return False
    return _subset(a.columns, b.columns, tolerance) or _subset(b.columns, a.columns, tolerance)


def _regrid(cells: Sequence[Cell], old: Sequence[float], new: Sequence[float], row_shift: int) -> list[Cell]:
    """The cells on the merged column boundaries `new`, rows moved down by `row_shift`.

    The merged boundaries are snapped with the continuation's (wider) tolerance, so both edges of
    a cell narrower than that tolerance can land on one boundary. Such a cell is a sliver between
    the strokes of a double or thick rule (驻马店's 资金筹措 table draws each border as two or three
    lines 4 pt apart, and each gap became a column): an empty sliver is dropped rather than left
    with a span of 0; one holding text (never seen) keeps one column, and the table repair step
    resolves any overlap it causes.
    """
    out = []
    for cell in cells:
        start, end = _index(new, old[cell.col]), _index(new, old[cell.col + cell.col_span])
        if end <= start:
            if not cell.text.strip():
                continue
            start, end = min(start, len(new) - 2), min(start, len(new) - 2) + 1
        out.append(
            cell.model_copy(update={"col": start, "col_span": end - start, "row": cell.row + row_shift})
        )
    return out


# Header rows a table may repeat on each page (福建 附表1 repeats two).
MAX_HEADER_ROWS = 3


def _repeated_header_rows(first: TableDraft, more: TableDraft) -> int:
    """How many leading rows of `more` repeat the leading rows of `first`."""
    count = 0
    while (
        count < MAX_HEADER_ROWS
        and count < min(first.n_rows, more.n_rows - 1)
        and more.row_texts(count) == first.row_texts(count)
        and any(more.row_texts(count))
    ):
        count += 1
    return count


def merge_continuation(first: TableDraft, more: TableDraft, tolerance: float) -> None:
    """Append the rows of `more` (the same table on the next page) to `first`.

    The column rules of both become one set; header rows repeated at the top of the next page
    (Word's "repeat header rows") are dropped.
    """
    if first.layout and more.layout:
        more.columns = list(first.columns)  # estimated edges: the first page's stand for both
    columns = snap([*first.columns, *more.columns], tolerance)
    skip = _repeated_header_rows(first, more)
    kept = [cell for cell in more.cells if cell.row >= skip]
    first.cells = _regrid(first.cells, first.columns, columns, 0) + _regrid(
        kept, more.columns, columns, first.n_rows - skip
    )
    first.columns = columns
    first.n_rows += more.n_rows - skip
    boundary = first.n_rows - (more.n_rows - skip)
    if _join_split_row(first, boundary):
        first.n_rows -= 1
    _extend_merged_down(first, boundary)
    first.bbox = more.bbox
    first.last_page = more.last_page


# A row continued from the page before fills at most this share of the columns.
SPLIT_ROW_MAX_FILLED = 1 / 3


def _join_split_row(table: TableDraft, boundary: int) -> bool:
    """Join a row that Word broke over the page break back into the row above it.

    The part on the new page has an empty key (first) column and only the few cells whose text
    overflowed (福建 附表3: "…拆" + "除。"); a real row names its 序号 and fills most columns.
    """
    row = [c for c in table.cells if c.row == boundary]
    filled = [c for c in row if c.text]
    if (
        boundary == 0
        or not filled
        or len(filled) > SPLIT_ROW_MAX_FILLED * table.n_cols
        or any(c.col == 0 and c.text for c in row)
        or any(c.row_span > 1 and c.text for c in row)
    ):
        return False
    # an empty group cell merged down from the split row now starts on the row below
    cells = [c for c in table.cells if c.row != boundary] + [
        c.model_copy(update={"row": c.row + 1, "row_span": c.row_span - 1}) for c in row if c.row_span > 1
    ]
    for part in filled:
        above = next(
            (
                i
                for i, c in enumerate(cells)
                if c.row <= boundary - 1 < c.row + c.row_span and c.col <= part.col < c.col + c.col_span
            ),
            None,
        )
        if above is None:
            return False
        cells[above] = cells[above].model_copy(update={"text": join_lines([cells[above].text, part.text])})
    table.cells = [c.model_copy(update={"row": c.row - 1}) if c.row > boundary else c for c in cells]
    return True


def _extend_merged_down(table: TableDraft, boundary: int) -> None:
    """Continue a vertically merged cell over the page break.

    Word splits a merged group cell (类别, 领域, 序号) at the page break and leaves the next page's
    part empty; an empty cell in the first continued row, right under a cell that was already
    merged over several rows, is that cell's continuation. So is an empty cell merged over several
    rows itself under a filled cell that ends the page (表1's 序号 "8" has one row on the first
    page and two on the next): a table has no empty merged cells of its own.
    """
    above = {(c.col, c.col_span): c for c in table.cells if c.row + c.row_span == boundary}
    for cell in [c for c in table.cells if c.row == boundary and not c.text]:
        origin = above.get((cell.col, cell.col_span))
        if origin is None or not (origin.row_span > 1 or (cell.row_span > 1 and origin.text)):
            continue
        table.cells.remove(cell)
        table.cells[table.cells.index(origin)] = origin.model_copy(
            update={"row_span": origin.row_span + cell.row_span}
        )
