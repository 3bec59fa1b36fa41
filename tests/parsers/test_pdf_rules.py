"""Ruled tables as OCR converters draw them: what is a rule, and where a missing rule is implied.

ABBYY FineReader (most of shared/corpus/real) draws each rule as a thin black filled rectangle
and paints a white box behind every line of text it places: a full-width box per prose line,
stacked without gaps, and a box per cell line, offset from the cell's rules. 驻马店 426 p.33-36
and 淮南 415 p.19-20 are drawn this way; pdfplumber takes every side of those white boxes as a
rule, so the prose above joins the grid and each wrapped cell line becomes a row of its own
(426: 12 of 22 indicator rows readable, 415: four names split in two). The pages below are
drawn with the same operators (tests/parsers/pdf_drawing.py), in ASCII so no font is embedded;
the edge values in the unit tests are copied from those two files.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from policy_etl.parsers import parse_bytes
from policy_etl.parsers.pdf_tables import open_end_borders, table_to_draft, visible_edges
from policy_etl.schemas.document import Document, Paragraph, Table
from tests.parsers.pdf_drawing import PAGE_WIDTH, Page, pdf_bytes

# Column rules of the drawn table: 序号 | indicator | 2020 | 2025 | binding.
COLUMNS = (90.0, 140.0, 330.0, 400.0, 470.0, 540.0)
ROWS = [
    ("1", ("Forest cover", "rate (%)"), "23.5", "25.0", "binding"),
    ("2", ("Good air days", "ratio (%)"), "80.1", ">=85", "binding"),
    ("3", ("Water quality",), "70", "75", "expected"),
]


def _prose(page: Page, top: float, lines: int) -> float:
    """Prose lines, each over a full-width white box, the boxes stacked: returns their bottom."""
    for i in range(lines):
        if page.boxes:
            page.box(88.0, top + 31 * i, 507.0, top + 31 * (i + 1))
        page.text(100.0, top + 31 * i + 10, f"Prose line {i + 1} of the plan, set across the page width.")
    return top + 31 * lines


def _grid(page: Page, top: float, heights: list[float], top_rule: bool = True) -> list[float]:
    """ABBYY's rules: a black bar at each row boundary, the column bars drawn row by row."""
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    for i, y in enumerate(ys):
        if i or top_rule:
            page.hrule(COLUMNS[0], COLUMNS[-1] + 0.7, y)
    for a, b in itertools.pairwise(ys):
        for x in COLUMNS:
            page.vrule(x, a + 0.7, b)
    return ys


def _row(page: Page, top: float, bottom: float, serial: str, name: tuple[str, ...], *values: str) -> None:
    """One row: the name's lines each in a white box, the other cells centred between them."""
    middle = (top + bottom) / 2
    first = middle - 7 * len(name)
    for k, line in enumerate(name):
        page.boxed_text(COLUMNS[1] + 6, first + 14 * k + 2, line, pad=6.0 if page.boxes else 0.0)
    for x, text in zip((COLUMNS[0], *COLUMNS[2:]), (serial, *values), strict=False):
        page.boxed_text(x + 6, middle - 5, text, pad=6.0 if page.boxes else 0.0)


def _document(pages: list[Page]) -> Document:
    return parse_bytes(Path("drawn.pdf"), pdf_bytes(pages))


def _grid_rows(table: Table) -> list[list[str]]:
    return [[" ".join(c.split()) for c in row] for row in table.filled_grid()]


def _abbyy_page(boxes: bool = True) -> Page:
    """Prose, then the table with its header and three rows; `boxes`: the white boxes drawn."""
    page = Page(boxes=boxes)
    top = _prose(page, 80.0, 3)
    ys = _grid(page, top, [30.0, 46.0, 46.0, 46.0])
    for x, text in zip(COLUMNS, ("No", "Indicator", "2020", "2025", "Type"), strict=False):
        page.boxed_text(x + 6, ys[0] + 10, text, pad=6.0 if boxes else 0.0)
    for (serial, name, *values), a, b in zip(ROWS, ys[1:], ys[2:], strict=False):
        _row(page, a, b, serial, name, *values)
    return page


def test_white_boxes_behind_text_are_not_rules() -> None:
    doc = _document([_abbyy_page()])
    (table,) = doc.tables()
    assert _grid_rows(table) == [
        ["No", "Indicator", "2020", "2025", "Type"],
        ["1", "Forest cover rate (%)", "23.5", "25.0", "binding"],
        ["2", "Good air days ratio (%)", "80.1", ">=85", "binding"],
        ["3", "Water quality", "70", "75", "expected"],
    ]
    prose = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert any(text.startswith("Prose line 1") for text in prose)
    assert not any("Prose" in c.text for c in table.cells)


def test_a_continued_table_without_its_top_rule_keeps_its_first_row() -> None:
    """驻马店 426 p.36: the column rules start at the head of the page, the first horizontal
    rule is under the first row (20 城市建成区黑臭水体控制比例, wrapped over seven lines)."""
    first = _abbyy_page(boxes=False)
    more = Page(boxes=False)
    ys = _grid(more, 72.0, [60.0, 46.0], top_rule=False)
    _row(more, ys[0], ys[1], "4", ("Black and odorous", "water bodies", "ratio (%)"), "-", "0", "binding")
    _row(more, ys[1], ys[2], "5", ("Wetland area",), "-", "3.6", "expected")
    (table,) = _document([first, more]).tables()
    rows = _grid_rows(table)
    assert len(rows) == 6
    assert rows[4] == ["4", "Black and odorous water bodies ratio (%)", "-", "0", "binding"]
    assert rows[5] == ["5", "Wetland area", "-", "3.6", "expected"]


def test_a_single_row_carried_over_joins_its_table() -> None:
    """宁夏 86 p.17: the table's last row alone at the head of the page, above a box of notes
    framed by the outer rules only; one ruled row with its cells filled is the table's rest."""
    first = _abbyy_page(boxes=False)
    more = Page(boxes=False)
    ys = _grid(more, 72.0, [40.0])
    _row(more, ys[0], ys[1], "4", ("Radiation accidents",), "-", "<1.3", "expected")
    for x in (COLUMNS[0], COLUMNS[-1]):
        more.vrule(x, ys[1] + 0.7, ys[1] + 60)
    more.hrule(COLUMNS[0], COLUMNS[-1] + 0.7, ys[1] + 60)
    more.text(COLUMNS[0] + 6, ys[1] + 10, "Notes: 1. Values of 2020 are measured.")
    (table,) = _document([first, more]).tables()
    rows = _grid_rows(table)
    assert rows[4] == ["4", "Radiation accidents", "-", "<1.3", "expected"]
    assert rows[5][0].startswith("Notes:")


def _edge(orientation: str, fill: Any, stroke: bool = False, stroking: Any = 0) -> dict[str, Any]:
    return {
        "object_type": "rect_edge",
        "orientation": orientation,
        "fill": fill is not None,
        "stroke": stroke,
        "non_stroking_color": fill,
        "stroking_color": stroking,
        "x0": 90.0,
        "x1": 90.0 if orientation == "v" else 556.5,
        "top": 72.0,
        "bottom": 72.0 if orientation == "h" else 134.4,
        "width": 0.0 if orientation == "v" else 466.5,
        "height": 62.4 if orientation == "v" else 0.0,
    }


@pytest.mark.parametrize(
    ("edge", "visible"),
    [
        (_edge("h", (1.0, 1.0, 1.0)), False),  # 426, 415: ABBYY's white RGB box
        (_edge("h", 1.0), False),  # 白银 413: white in DeviceGray
        (_edge("h", (0.0, 0.0, 0.0, 0.0)), False),  # CMYK without ink
        (_edge("v", 0), True),  # 426 p.34: a black bar in DeviceGray
        (_edge("v", (0.0, 0.0, 0.0)), True),
        (_edge("v", (0.2, 0.2, 0.2)), True),  # 415: dark gray rules
        (_edge("h", (0.749, 0.749, 0.749)), True),  # 广元 427: a gray header band
        (_edge("h", (0.0, 0.0, 0.0, 1.0)), True),  # 甘肃 320: CMYK black
        (_edge("h", None, stroke=True, stroking=(0.0, 0.0, 0.0)), True),  # a stroked line
        (_edge("h", None, stroke=True, stroking=(1.0, 1.0, 1.0)), False),  # a white stroke
        (_edge("h", "P0"), True),  # a pattern: assume it shows
    ],
)
def test_only_edges_that_print_are_rules(edge: dict[str, Any], visible: bool) -> None:
    assert bool(visible_edges([edge])) is visible


def _v(x: float, top: float, bottom: float) -> dict[str, Any]:
    return {"orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom, "height": bottom - top}


def _h(x0: float, x1: float, y: float) -> dict[str, Any]:
    return {"orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0}


# 426 p.36: column rules from 72.8 down to the first horizontal rule at 198.3 (x of each bar)
XS_426 = (90.0, 136.8, 185.8, 326.8, 373.6, 439.6, 506.4, 556.1)


def test_a_missing_top_rule_is_implied_where_the_column_rules_start() -> None:
    edges = [_v(x, 72.8, 198.3) for x in XS_426] + [_h(90.0, 557.0, 198.3), _h(90.0, 557.0, 262.6)]
    edges += [_v(x, 199.2, 262.6) for x in XS_426]
    (border,) = open_end_borders(edges, 3.0)
    assert (border["top"], border["x0"], border["x1"]) == (72.8, 90.0, 556.1)


def test_no_rule_is_implied_where_one_is_drawn_or_too_few_columns_end() -> None:
    drawn = [_v(x, 72.8, 198.3) for x in XS_426] + [_h(90.0, 557.0, 72.0), _h(90.0, 557.0, 198.3)]
    assert open_end_borders(drawn, 3.0) == []
    # a box's two sides (a 专栏 frame drawn without its top) are not a table's columns
    frame = [_v(90.0, 100.0, 300.0), _v(PAGE_WIDTH - 90.0, 100.0, 300.0), _h(90.0, 505.2, 300.0)]
    assert open_end_borders(frame, 3.0) == []


def test_a_column_rule_drawn_in_pieces_does_not_end_inside_its_row() -> None:
    """湖南 81 p.6: ABBYY breaks every column rule of row 6 at y 574.7 and goes on at 575.9;
    that is no end of the rules, so no border is implied there (it split 预期性 into two rows)."""
    xs = (56.4, 118.6, 188.7, 354.4, 419.7, 509.0, 539.3)
    edges = [_h(56.4, 539.7, 551.2), _h(56.4, 539.7, 600.9)]
    for x in xs:
        edges += [_v(x, 553.1, 574.7), _v(x, 574.7, 575.9), _v(x, 575.9, 600.9)]
    assert open_end_borders(edges, 3.0) == []


def _chars(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    return [
        {"text": ch, "x0": x0 + 12 * i, "x1": x0 + 12 * (i + 1), "top": top, "bottom": top + 12, "size": 12.0}
        for i, ch in enumerate(text)
    ]


def test_a_lone_row_at_a_page_head_is_kept_unless_it_is_a_caption() -> None:
    """宁夏 86 p.17 row 22 joins its table; 广元 427 p.31's ruled 专栏一 title box is no row."""
    boxes = [(90.0, 72.0, 140.0, 112.0), (140.0, 72.0, 330.0, 112.0), (330.0, 72.0, 400.0, 112.0)]
    row = (
        _chars("22", 100.0, 86.0)
        + _chars("放射源辐射事故年发生率", 145.0, 86.0)
        + _chars("＜1.3", 340.0, 86.0)
    )
    title = _chars("专栏一", 100.0, 86.0) + _chars("绿色低碳循环发展重点任务", 145.0, 86.0)
    bbox = (90.0, 72.0, 400.0, 112.0)
    kept = table_to_draft(boxes, bbox, row, 17, 3.0, 0.5, starts_page=True)
    assert kept is not None and kept.row_texts(0) == ["22", "放射源辐射事故年发生率", "＜1.3"]
    assert table_to_draft(boxes, bbox, row, 17, 3.0, 0.5) is None  # mid-page: a frame
    assert table_to_draft(boxes, bbox, title, 31, 3.0, 0.5, starts_page=True) is None
