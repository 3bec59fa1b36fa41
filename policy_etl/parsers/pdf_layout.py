"""Tables printed as positioned text, with no ruling lines, rebuilt as grids from the layout.

OCR converters (ABBYY FineReader: most of shared/corpus/real) and some WPS exports print a
table as lines of text placed in columns, with nothing drawn around the cells. pdfplumber's
`lines` strategy sees nothing there, and its `text` strategy cuts at every gap (a CJK run is one
"word", so `min_words_vertical` misfires). Here a table is found from the printed lines alone:

- a *region* is a run of lines set in two or more pieces far apart (a gap of over a character),
  with short single pieces (a cell's wrapped second line) between them, ended by a line of prose;
- *columns* are the x-ranges that the region's pieces cover, split where no piece (or only a
  header or a note crossing them) stands; a piece over two columns is a spanning cell;
- *rows* come from the 序号 column when there is one (each number is a row; the row boundary is
  the widest horizontal gap between two numbers), else from the gaps between the lines; the lines
  of a wrapped cell (ABBYY centres the 序号 and values between them) join into one cell;
- a sparse first column (类别, 领域) holds category cells, each spanning the rows around it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from policy_etl.parsers.pdf_tables import CAPTION, TableDraft, drop_empty_rows
from policy_etl.parsers.pdf_text import Line, clean_line_text, lines_with_chars
from policy_etl.parsers.textjoin import join_lines
from policy_etl.schemas.document import Cell

# Whitespace wider than this × the font size between two glyphs of a line separates two cells.
PIECE_GAP = 1.2
# Lines set in two or more pieces a region needs to be a table.
MIN_TABULAR_LINES = 3
# A region's columns: at least this many, with pieces in at least two of them.
MIN_COLUMNS = 2
# Lines further apart than this × size end a region.
MAX_LINE_GAP = 2.5
# A single piece narrower than this share of the page's widest line can be a wrapped cell line.
FRAGMENT_SHARE = 0.6
# A piece wider than this share of the region is a title or note line: it sets no columns.
WIDE_PIECE_SHARE = 0.45
# A serial-number cell: 1, 12, 3.
SERIAL = re.compile(r"^\d{1,3}$")
# A heading line (第三章 …) set with a wide gap is not a table row.
HEADING = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[章节篇]")


@dataclass
class Piece:
    """A run of a line's glyphs with no wide gap: one cell's text on that line."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    line: int  # index of its line in the page's lines
    chars: list[dict[str, Any]]


def line_pieces(chars: Sequence[dict[str, Any]], line: int) -> list[Piece]:
    """A printed line's glyphs split where the gap is wider than PIECE_GAP × size."""
    ink = sorted((c for c in chars if c["text"].strip()), key=lambda c: float(c["x0"]))
    groups: list[list[dict[str, Any]]] = []
    for char in ink:
        if groups and float(char["x0"]) - float(groups[-1][-1]["x1"]) <= PIECE_GAP * float(char["size"]):
            groups[-1].append(char)
        else:
            groups.append([char])
    return [_piece(group, line) for group in groups]


def _piece(group: list[dict[str, Any]], line: int) -> Piece:
    text = clean_line_text("".join(c["text"] for c in group))
    return Piece(
        text=text,
        x0=min(float(c["x0"]) for c in group),
        x1=max(float(c["x1"]) for c in group),
        top=min(float(c["top"]) for c in group),
        bottom=max(float(c["bottom"]) for c in group),
        size=max(float(c["size"]) for c in group),
        line=line,
        chars=group,
    )


@dataclass
class _Region:
    lines: list[int]
    pieces: list[Piece]


def _regions(lines: Sequence[Line], pieces: Sequence[list[Piece]], text_width: float) -> list[_Region]:
    regions: list[_Region] = []
    current: list[int] = []

    def close() -> None:
        while current and len(pieces[current[-1]]) < 2 and not _tight(lines, current[-2:]):
            current.pop()  # a region ends on a row or a cell's wrapped line, not on loose text
        if sum(1 for i in current if len(pieces[i]) >= 2) >= MIN_TABULAR_LINES:
            regions.append(_Region(list(current), [p for i in current for p in pieces[i]]))
        current.clear()

    for i, line in enumerate(lines):
        tabular = len(pieces[i]) >= 2 and not CAPTION.match(line.text) and not HEADING.match(line.text)
        fragment = len(pieces[i]) == 1 and line.x1 - line.x0 < FRAGMENT_SHARE * text_width
        near = current and line.page == lines[current[-1]].page
        near = near and line.top - lines[current[-1]].bottom <= MAX_LINE_GAP * line.size
        if current and not near:
            close()
        if tabular and not current:
            current.extend(_wrapped_above(lines, pieces, i, text_width))
        if tabular or (current and fragment and not CAPTION.match(line.text)):
            current.append(i)
        else:
            close()
    close()
    return regions


def _tight(lines: Sequence[Line], pair: Sequence[int]) -> bool:
    """Two lines set closer than a line's height apart: one wrapped cell, or a cell and its row."""
    if len(pair) < 2:
        return False
    above, below = lines[pair[0]], lines[pair[1]]
    return above.page == below.page and below.top - above.top < below.size


def _wrapped_above(
    lines: Sequence[Line], pieces: Sequence[list[Piece]], i: int, text_width: float
) -> list[int]:
    """Single pieces set tight above a region's first row: the first line of a wrapped header
    cell ("指标属" over "性") or of a row's name cell, which ABBYY centres its values against."""
    out: list[int] = []
    k = i - 1
    while k >= 0 and len(out) < 2:
        line, below = lines[k], lines[out[0] if out else i]
        tight = line.page == below.page and below.top - line.top < line.size
        narrow = len(pieces[k]) == 1 and line.x1 - line.x0 < FRAGMENT_SHARE * text_width
        if not (tight and narrow) or CAPTION.match(line.text):
            break
        out.insert(0, k)
        k -= 1
    return out


def _columns(region: _Region) -> list[tuple[float, float]]:
    """x-ranges covered by more pieces than a crossing header or note accounts for."""
    left = min(p.x0 for p in region.pieces)
    right = max(p.x1 for p in region.pieces)
    narrow = [p for p in region.pieces if p.x1 - p.x0 <= WIDE_PIECE_SHARE * (right - left)]
    rows = len({p.line for p in narrow})
    allowed = max(1, rows // 12)  # pieces that may cross a gap between two columns
    edges = sorted({round(v, 1) for p in narrow for v in (p.x0, p.x1)})
    covered: list[tuple[float, float]] = []
    for a, b in itertools.pairwise(edges):
        mid = (a + b) / 2
        if sum(1 for p in narrow if p.x0 <= mid <= p.x1) > allowed:
            if covered and covered[-1][1] >= a - 0.05:
                covered[-1] = (covered[-1][0], b)
            else:
                covered.append((a, b))
    # a piece that stands in no column yet (a category printed only a few times) makes its own
    for p in sorted(narrow, key=lambda p: p.x0):
        if not any(min(p.x1, b) - max(p.x0, a) > 0 for a, b in covered):
            covered.append((p.x0, p.x1))
    covered.sort()
    merged: list[tuple[float, float]] = []
    for a, b in covered:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _column_range(piece: Piece, columns: Sequence[tuple[float, float]]) -> tuple[int, int]:
    hits = [j for j, (a, b) in enumerate(columns) if min(piece.x1, b) - max(piece.x0, a) > 0]
    if not hits:
        middle = (piece.x0 + piece.x1) / 2
        nearest = min(range(len(columns)), key=lambda j: abs((columns[j][0] + columns[j][1]) / 2 - middle))
        return nearest, nearest
    return hits[0], hits[-1]


def _split_over_columns(piece: Piece, columns: Sequence[tuple[float, float]]) -> list[Piece]:
    """A piece over two columns whose glyphs fall apart at the column gap is two cells
    ("稳中向好预期性" printed with a narrow gap between the value and the 指标属性 cell)."""
    first, last = _column_range(piece, columns)
    if first == last:
        return [piece]
    parts: list[list[dict[str, Any]]] = [[] for _ in range(last - first + 1)]
    for char in piece.chars:
        middle = (float(char["x0"]) + float(char["x1"])) / 2
        j = min(
            range(first, last + 1),
            key=lambda k: (
                0
                if columns[k][0] <= middle <= columns[k][1]
                else min(abs(middle - columns[k][0]), abs(middle - columns[k][1]))
            ),
        )
        parts[j - first].append(char)
    if any(not part for part in parts):
        return [piece]  # one run of text over the columns: a spanning cell
    for left, right in itertools.pairwise(parts):
        gap = float(right[0]["x0"]) - float(left[-1]["x1"])
        if gap < SPLIT_GAP * float(right[0]["size"]):
            return [piece]  # glyphs set tight over the column edge: one cell spanning both
    return [_piece(part, piece.line) for part in parts]


# Two cells printed close (a value and the next column's word) still leave this × size between
# them; the glyphs of one word or name run on with less.
SPLIT_GAP = 0.25


def _gutters(pieces: Sequence[Piece]) -> list[tuple[float, float]]:
    """Vertical gaps (top, bottom) where no piece stands, top to bottom."""
    spans = sorted((p.top, p.bottom) for p in pieces)
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1] if spans else 0.0
    for top, bottom in spans[1:]:
        if top > reach:
            gaps.append((reach, top))
        reach = max(reach, bottom)
    return gaps


def _boundary(gaps: Sequence[tuple[float, float]], above: float, below: float) -> float:
    """The row boundary between two rows' anchors: the widest gap between them (the lowest of
    those nearly as wide, for rows whose wrapped cell lines are spaced too), else the middle."""
    inside = [(a, b) for a, b in gaps if a >= above - 0.1 and b <= below + 0.1]
    if not inside:
        return (above + below) / 2
    widest = max(b - a for a, b in inside)
    a, b = [g for g in inside if g[1] - g[0] >= 0.8 * widest][-1]
    return (a + b) / 2


def _row_bounds(region: _Region, columns: Sequence[tuple[float, float]], category: int | None) -> list[float]:
    """y boundaries: header top, row 1 top, …, bottom."""
    body = [p for p in region.pieces if category is None or _column_range(p, columns) != (category, category)]
    gaps = _gutters(body)
    top = min(p.top for p in region.pieces) - 0.1
    bottom = max(p.bottom for p in region.pieces) + 0.1
    serials = _serial_column(region, columns, category)
    if serials:
        bounds = [top, _boundary(gaps, top, serials[0].top)]
        for prev, nxt in itertools.pairwise(serials):
            bounds.append(_boundary(gaps, prev.bottom, nxt.top))
        return [*bounds, bottom]
    if not gaps:
        return [top, bottom]
    smallest = min(b - a for a, b in gaps)
    cuts = [(a + b) / 2 for a, b in gaps if b - a >= 1.5 * smallest] or [(a + b) / 2 for a, b in gaps]
    if len(cuts) == len(gaps) or all(b - a < 1.5 * smallest for a, b in gaps):
        cuts = [(a + b) / 2 for a, b in gaps]
    return [top, *cuts, bottom]


def _serial_column(
    region: _Region, columns: Sequence[tuple[float, float]], category: int | None
) -> list[Piece]:
    """The pieces of a 序号 column (each a small number), top to bottom, or [] when none."""
    for j in range(min(3, len(columns))):
        if j == category:
            continue
        inside = [p for p in region.pieces if _column_range(p, columns) == (j, j)]
        numbers = [p for p in inside if SERIAL.match(p.text)]
        if len(numbers) >= MIN_TABULAR_LINES and len(numbers) >= 0.8 * len(inside):
            return sorted(numbers, key=lambda p: p.top)
    return []


def _category_column(region: _Region, columns: Sequence[tuple[float, float]]) -> int | None:
    """The first column, when it is sparse beside the next one (类别/领域 printed once per group)."""
    if len(columns) < 3:
        return None
    counts = [sum(1 for p in region.pieces if _column_range(p, columns) == (j, j)) for j in (0, 1)]
    return 0 if counts[0] < counts[1] else None


def _row_of(y: float, bounds: Sequence[float]) -> int:
    for r in range(len(bounds) - 1):
        if y < bounds[r + 1]:
            return r
    return len(bounds) - 2


def _join(pieces: Sequence[Piece]) -> str:
    return join_lines([p.text for p in sorted(pieces, key=lambda p: (p.top, p.x0))])


def _category_cells(
    pieces: Sequence[Piece], bounds: Sequence[float], first_row: int, n_rows: int
) -> list[Cell]:
    """Category blocks (a group name wrapped over lines) spanning the rows they are centred on:
    as many rows above the name's middle as below, up to the block before and the block after."""
    blocks: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: p.top):
        if blocks and piece.top - blocks[-1][-1].bottom < piece.size:
            blocks[-1].append(piece)
        else:
            blocks.append([piece])
    cells: list[Cell] = []
    start = first_row
    for k, block in enumerate(blocks):
        middle = (min(p.top for p in block) + max(p.bottom for p in block)) / 2
        last = n_rows - 1
        if k + 1 < len(blocks):
            last = max(start, _row_of(min(p.top for p in blocks[k + 1]), bounds) - 1)
        half = min(middle - bounds[start], bounds[last + 1] - middle)
        first_here = max(start, _row_of(middle - half + 0.5, bounds))
        end = max(first_here, min(last, _row_of(middle + half - 0.5, bounds)))
        cells.append(
            Cell(row=first_here, col=0, row_span=end - first_here + 1, col_span=1, text=_join(block))
        )
        start = end + 1
        if start >= n_rows:
            break
    return cells


def _region_to_draft(region: _Region, page: int) -> TableDraft | None:
    columns = _columns(region)
    if len(columns) < MIN_COLUMNS:
        return None
    pieces = [part for p in region.pieces for part in _split_over_columns(p, columns)]
    region = _Region(region.lines, pieces)
    category = _category_column(region, columns)
    bounds = _row_bounds(region, columns, category)
    n_rows = len(bounds) - 1
    if n_rows < 2:
        return None
    slots: dict[tuple[int, int, int], list[Piece]] = {}
    category_pieces: list[Piece] = []
    for piece in pieces:
        first, last = _column_range(piece, columns)
        row = _row_of((piece.top + piece.bottom) / 2, bounds)
        if category is not None and first == last == category and row > 0:
            category_pieces.append(piece)
            continue
        slots.setdefault((row, first, last), []).append(piece)
    taken: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    for (row, first, last), group in sorted(slots.items(), key=lambda kv: (kv[0][2] - kv[0][1], kv[0])):
        span = range(first, last + 1)
        if any((row, c) in taken for c in span):
            span = range(first, first + 1) if (row, first) not in taken else range(0)
        if not span:
            continue
        taken.update((row, c) for c in span)
        cells.append(Cell(row=row, col=span[0], col_span=len(span), text=_join(group)))
    if category is not None:
        for cell in _category_cells(category_pieces, bounds, 1, n_rows):
            if all((r, 0) not in taken for r in range(cell.row, cell.row + cell.row_span)):
                taken.update((r, 0) for r in range(cell.row, cell.row + cell.row_span))
                cells.append(cell)
    cells, n_rows = drop_empty_rows(cells, n_rows)
    filled_rows = sum(1 for r in range(n_rows) if sum(1 for c in cells if c.row == r and c.text) >= 2)
    if filled_rows < 2:
        return None
    edges = [columns[0][0]] + [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(columns)]
    edges.append(columns[-1][1])
    bbox = (
        min(p.x0 for p in pieces),
        min(p.top for p in pieces),
        max(p.x1 for p in pieces),
        max(p.bottom for p in pieces),
    )
    return TableDraft(
        page=page, bbox=bbox, last_page=page, columns=edges, n_rows=n_rows, cells=cells, layout=True
    )


def find_layout_tables(
    lines: Sequence[Line], line_chars: Sequence[Sequence[dict[str, Any]]], page: int, text_width: float
) -> tuple[list[TableDraft], set[int]]:
    """Tables printed as positioned text on one page, and the indexes of the lines they hold."""
    pieces = [line_pieces(chars, i) for i, chars in enumerate(line_chars)]
    tables: list[TableDraft] = []
    used: set[int] = set()
    for region in _regions(lines, pieces, text_width):
        draft = _region_to_draft(region, page)
        if draft is not None:
            tables.append(draft)
            used.update(region.lines)
    return tables, used


# Lines above a ruled table that may be its first row, cut off by a missing top rule.
MAX_ROW_LINES = 3


def extend_with_unruled_rows(draft: TableDraft, chars: Sequence[dict[str, Any]]) -> None:
    """Prepend the row printed right above a ruled table's top rule when that rule is missing.

    OCR converters often leave out the rule above the first row of a table continued on a new
    page (天水 p.9-10, 青海): the row's lines sit tight above the table, each piece inside one of
    its columns. A caption (one piece over several columns) or prose (the full width) is not.
    """
    if draft.layout:
        return
    x0, top, x1, bottom = draft.bbox
    near = [
        c
        for c in chars
        if c["text"].strip()
        and x0 <= (float(c["x0"]) + float(c["x1"])) / 2 <= x1
        and top - 4 * float(c["size"]) <= float(c["bottom"]) <= top + 1
    ]
    if not near:
        return
    built = lines_with_chars(near, draft.page, 0.5)
    columns = list(itertools.pairwise(draft.columns))
    edge = top
    taken: list[tuple[Line, list[Piece]]] = []
    for line, members in reversed(built):
        pieces = [part for p in line_pieces(members, 0) for part in _split_over_columns(p, columns)]
        inside = all(_span(p, columns)[1] - _span(p, columns)[0] <= 1 for p in pieces)
        if not inside or edge - line.bottom > line.size or len(taken) == MAX_ROW_LINES:
            break
        taken.insert(0, (line, pieces))
        edge = line.top
    if not taken or not any(len(pieces) >= 2 for _, pieces in taken):
        return
    row: dict[tuple[int, int], list[Piece]] = {}
    for _, pieces in taken:
        for piece in pieces:
            row.setdefault(_span(piece, columns), []).append(piece)
    for first, last in sorted(row, key=lambda k: k[0] - k[1]):  # a spanning piece takes its columns
        for other in [k for k in row if k != (first, last) and first <= k[0] and k[1] <= last]:
            row[(first, last)].extend(row.pop(other))
    draft.cells = [c.model_copy(update={"row": c.row + 1}) for c in draft.cells]
    draft.cells.extend(
        Cell(row=0, col=first, col_span=last - first + 1, text=_join(pieces))
        for (first, last), pieces in row.items()
    )
    draft.n_rows += 1
    draft.row_edges = []
    draft.bbox = (x0, min(line.top for line, _ in taken) - 0.5, x1, bottom)


def _span(piece: Piece, columns: Sequence[tuple[float, float]]) -> tuple[int, int]:
    """The first and last column a piece covers, a character's overhang forgiven."""
    inner = (piece.x0 + piece.size, piece.x1 - piece.size)
    if inner[0] >= inner[1]:
        middle = (piece.x0 + piece.x1) / 2
        inner = (middle, middle)
    hits = [j for j, (a, b) in enumerate(columns) if a <= inner[1] and inner[0] <= b]
    if not hits:
        return (-1, len(columns))  # outside the table: never inside it
    return hits[0], hits[-1]
