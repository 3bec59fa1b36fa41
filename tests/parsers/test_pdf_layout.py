"""Tables printed as positioned text, with no ruling lines (ABBYY FineReader's output).

The characters below are placed where 青海 466's 表2 (p.10, shared/corpus/real) prints them:
12 pt type, wrapped name cells whose lines sit 7.7 pt apart with the 序号 and values centred
between them, a category name wrapped over two lines beside its rows, a header cell wrapped
("指标属" over "性"), and a paragraph of prose before and after.
"""

from __future__ import annotations

from typing import Any

from policy_etl.parsers.pdf_layout import find_layout_tables, line_pieces
from policy_etl.parsers.pdf_text import lines_with_chars

SIZE = 12.0


def _run(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    """Characters of one run: CJK a full em wide, ASCII half an em."""
    chars, x = [], x0
    for ch in text:
        width = SIZE / 2 if ch.isascii() else SIZE
        chars.append(
            {
                "text": ch,
                "x0": x,
                "x1": x + width,
                "top": top,
                "bottom": top + SIZE,
                "size": SIZE,
                "upright": True,
            }
        )
        x += width
    return chars


def _row(top: float, *cells: tuple[str, float]) -> list[dict[str, Any]]:
    return [c for text, x0 in cells for c in _run(text, x0, top)]


PROSE = "生态环境治理能力显著提升，深入推进生态环境监管能力建设，进一步完善监测网络体系"


def _page() -> list[dict[str, Any]]:
    chars = _run(PROSE, 102.5, 300)
    chars += _run("指标属", 449.2, 416.8)
    chars += _row(424.5, ("规划指标", 190.9), ("2020年", 350.0), ("2025年", 397.0))
    chars += _run("性", 461.2, 432.4)
    chars += _row(
        450.9, ("1", 172.9), ("森林覆盖率(%)", 208.9), ("7.5", 357.0), ("8.0", 402.0), ("约束性", 449.2)
    )
    chars += _run("草原综合植被覆盖度", 208.9, 469.6)
    chars += _row(477.3, ("2", 172.9), ("57.4", 357.0), ("58.5", 402.0), ("约束性", 449.2))
    chars += _run("(%)", 253.8, 485.2)
    chars += _run("生态保", 110.0, 479.0)
    chars += _row(
        503.7, ("3", 172.9), ("湿地保护率(%)", 208.9), ("64.31", 357.0), ("≥66", 402.0), ("约束性", 449.2)
    )
    chars += _run("护", 122.0, 494.6)
    chars += _row(
        522.4, ("4", 172.9), ("水土保持率(%)", 208.9), ("-", 357.0), ("78.02", 402.0), ("预期性", 449.2)
    )
    chars += _run(PROSE, 102.5, 580)
    return chars


def test_a_table_without_rules_is_rebuilt_as_a_grid() -> None:
    built = lines_with_chars(_page(), page=10, x_tolerance_ratio=0.5)
    lines = [line for line, _ in built]
    tables, used = find_layout_tables(lines, [m for _, m in built], 10, max(ln.x1 - ln.x0 for ln in lines))
    assert len(tables) == 1
    (table,) = tables
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    assert grid == [
        ["", "", "规划指标", "2020年", "2025年", "指标属性"],
        ["生态保护", "1", "森林覆盖率(%)", "7.5", "8.0", "约束性"],
        ["", "2", "草原综合植被覆盖度(%)", "57.4", "58.5", "约束性"],
        ["", "3", "湿地保护率(%)", "64.31", "≥66", "约束性"],
        ["", "4", "水土保持率(%)", "-", "78.02", "预期性"],
    ]
    category = next(c for c in table.cells if c.text == "生态保护")
    assert (category.row, category.row_span) == (1, 4)
    # the prose before and after stays body text
    assert {lines[i].text for i in range(len(lines)) if i not in used} == {PROSE}


def test_prose_and_headings_are_not_tables() -> None:
    chars = _run(PROSE, 102.5, 100)
    chars += _row(130, ("第三章", 172.0), ("坚决守护好“中华水塔”", 260.0))
    chars += _run(PROSE, 102.5, 160) + _run(PROSE, 102.5, 182)
    built = lines_with_chars(chars, page=1, x_tolerance_ratio=0.5)
    lines = [line for line, _ in built]
    tables, used = find_layout_tables(lines, [m for _, m in built], 1, max(ln.x1 - ln.x0 for ln in lines))
    assert (tables, used) == ([], set())


def test_a_line_splits_into_pieces_at_gaps_wider_than_a_character() -> None:
    chars = _row(10, ("1", 172.9), ("森林覆盖率(%)", 208.9), ("7.5", 357.0))
    assert [p.text for p in line_pieces(chars, 0)] == ["1", "森林覆盖率(%)", "7.5"]
