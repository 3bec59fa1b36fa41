"""What a PDF's geometry shows of a table printed one TAB-marked cell per line (pdf_tabstops)."""

from __future__ import annotations

from policy_etl.parsers.pdf_tabstops import NO_LAYOUT, printed_layout
from policy_etl.parsers.pdf_text import Line

MARGIN = 80.0
PITCH = 26.0
FULL = "为切实做好生态环境保护工作，根据有关规划制定本规划，"  # 25 characters: margin to margin


def _line(text: str, indent: float, slot: int, page: int = 1, size: float = 16) -> Line:
    """A line `indent` points in from the margin, in line slot `slot` of its page."""
    top = 100 + PITCH * slot
    return Line(
        text=text,
        x0=MARGIN + indent,
        x1=MARGIN + indent + size * len(text),
        top=top,
        bottom=top + size,
        size=size,
        page=page,
    )


def test_lines_at_a_tab_stop_are_not_the_two_character_indent_and_empty_slots_are_counted() -> None:
    # 16 pt text: the 首行缩进 is 32 pt, Word's first tab stop 36 pt, Writer's second 70.9 pt
    lines = [
        _line("为切实做好生态环境保护工作，根据有关规划，", 32, 0),  # prose first line: not a tab stop
        _line("制定本规划。", 0, 1),
        _line("序号", 36, 3),  # one empty slot above
        _line("任务", 36, 4),
        _line("1", 36, 6),
        _line("治水", 36, 7),
        _line("（牵头单位）", 0, 9),  # at the margin, one empty slot above
        _line("2", 36, 13),  # three empty slots: a blank line and two empty cells print alike
        *(_line(f"格{i}", 36, 14 + i) for i in range(8)),
    ]
    layout = printed_layout(lines)
    assert [layout.at_tab_stop(line) for line in lines[:8]] == [
        False,
        False,
        True,
        True,
        True,
        True,
        False,
        True,
    ]
    assert [layout.empty_lines_above(line) for line in lines[:8]] == [0, 0, 1, 0, 1, 0, 1, 3]


def test_writer_sets_its_default_stops_every_1_25_cm() -> None:
    lines = [_line(FULL, 0, 0), _line("说明", 0, 1), *(_line(f"格{i}", 70.87, 2 + i) for i in range(12))]
    assert all(printed_layout(lines).at_tab_stop(line) for line in lines[2:])


def test_empty_lines_over_a_page_break_are_the_slots_left_at_the_foot_and_the_head() -> None:
    # slots 0-9 of page 1 full (the lowest line), two lines at the margin
    full_page = [_line(FULL, 0, 0), _line("说明", 0, 1), *(_line(f"格{i}", 36, i) for i in range(2, 10))]
    lines = [
        *full_page,
        _line("甲", 36, 8, page=2),  # slots 0-7 of page 2 left empty, none of page 1
        _line("乙", 36, 2, page=3),  # slot 9 of page 2 and slots 0-1 of page 3
        _line("丙", 36, 9, page=3),
        _line("丁", 36, 0, page=4),  # from slot 9: nothing left below
    ]
    layout = printed_layout(lines)
    assert [layout.empty_lines_above(line) for line in lines[-4:]] == [8, 3, 6, 0]


def test_a_few_lines_or_full_lines_at_a_stop_are_indents_not_cells() -> None:
    lines = [_line("正文", 0, i) for i in range(6)] + [_line("缩进", 36, 6 + i) for i in range(11)]
    assert printed_layout(lines) is NO_LAYOUT
    lines = [_line(FULL, 0, i) for i in range(6)] + [_line(FULL[:22], 36, 6 + i) for i in range(20)]
    assert printed_layout(lines) is NO_LAYOUT
    # and a page with one line further left than the rest has no edge to measure from
    alone = [_line("标题", 0, 0), *(_line(f"格{i}", 36, 1 + i) for i in range(14))]
    assert not printed_layout(alone)


def test_headings_set_a_tab_in_are_not_cells() -> None:
    """Each heading at the stop is followed by its text at the margin (青岛's 一、 and （一）
    headings sit 36 pt in at 16 pt), not by another line at the stop."""
    lines = []
    for i in range(14):
        lines += [
            _line(f"（{i}）加强组织领导", 36, 3 * i),
            _line(FULL, 32, 3 * i + 1),
            _line("制定本规划。", 0, 3 * i + 2),
        ]
    assert printed_layout(lines) is NO_LAYOUT
