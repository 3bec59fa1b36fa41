"""Printed lines that start at a tab stop, and the empty lines printed above a line.

A Word or Writer file of a table dumped one TAB-marked cell per paragraph (rows a blank
paragraph apart) prints as a run of short lines that all start one default tab interval in
from the text's left edge, with empty lines between them. The PDF keeps no TAB and no empty
paragraph, only where the glyphs are; this module reads back what the geometry shows, for
normalize's TAB-cell reader (`Paragraph.tab_starts`, `Paragraph.empty_lines`):

- a line starts at a tab stop when its indent from the document's left text edge is a multiple
  of a default tab interval (Word's 0.5 in, Writer's 1.25 cm) and not the prose first-line
  indent of two characters (at 16 pt the two are 4 pt apart; the tolerance is 1 pt);
- the empty lines above a line are the line slots of the page's usual pitch left empty between
  it and the line above; over a page break, the slots left at the foot of one page (those that
  start above the slot under the lowest line any page prints) and at the head of the next
  (below the highest line any page prints).

Only a stop at which at least MIN_TAB_LINES lines start, most of them short and half of them
followed by another line at the stop, counts (a few lines at 36 pt are indents or centred
titles, a run of full lines an indented prose paragraph, headings set a tab in are each followed
by their text: 青岛's 一、/（一） and 内蒙古's 第一章/第一节 headings); a document without one gets
nothing recorded at all.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from policy_etl.parsers.pdf_text import Line

# Default tab intervals in points: Word (0.5 in) and LibreOffice Writer (1.25 cm).
TAB_INTERVALS = (36.0, 1.25 / 2.54 * 72)
TAB_TOLERANCE = 1.0  # points
PROSE_INDENT_CHARS = 2  # 首行缩进
# Lines that must start at an x for it to be the left text edge, and tab-stop lines a document
# needs before any is recorded.
MIN_EDGE_LINES = 2
MIN_TAB_LINES = 12
# Cells: most lines at the stop end this many characters short of the rightmost line end (a
# prose paragraph indented by a tab runs to the margin; a few centred titles that happen to
# start at a stop are fewer than MIN_TAB_LINES).
SHORT_BY = 2.0
SHORT_SHARE = 0.75
# Cells come in runs: at least this share of the lines at the stop have the next line at the
# stop too (headings indented by a tab's width are each followed by their text).
FOLLOWED_SHARE = 0.5
# Over a page break, the slots below the page's last line that fit on it: those starting above
# the one under the lowest line any page prints (which did not fit), less this part of a pitch.
# A line that wrapped moves the slots off the grid of single lines, so one may start lower than
# that lowest line.
SLOT_SLACK = 0.1


@dataclass(frozen=True)
class PrintedLayout:
    """Per body line (by identity): whether it starts at a tab stop, and the empty lines above it."""

    tab_lines: frozenset[int]
    empty_above: dict[int, int]

    def at_tab_stop(self, line: Line) -> bool:
        return id(line) in self.tab_lines

    def empty_lines_above(self, line: Line) -> int:
        return self.empty_above.get(id(line), 0)

    def __bool__(self) -> bool:
        return bool(self.tab_lines)


NO_LAYOUT = PrintedLayout(frozenset(), {})


def left_edge(lines: Sequence[Line]) -> float | None:
    """The leftmost x at which at least MIN_EDGE_LINES lines start (rounded to the point)."""
    counts = Counter(round(line.x0) for line in lines)
    edges = [x for x, n in counts.items() if n >= MIN_EDGE_LINES]
    return float(min(edges)) if edges else None


def _at_tab_stop(line: Line, edge: float) -> bool:
    indent = line.x0 - edge
    if indent < min(TAB_INTERVALS) - TAB_TOLERANCE:
        return False
    if abs(indent - PROSE_INDENT_CHARS * line.size) <= TAB_TOLERANCE:
        return False
    return any(abs(indent - round(indent / step) * step) <= TAB_TOLERANCE for step in TAB_INTERVALS)


def _pitch(lines: Sequence[Line]) -> float | None:
    """The most common step between two lines on one page (one paragraph to the next)."""
    steps = Counter(
        round(line.top - prev.top, 1)
        for prev, line in itertools.pairwise(lines)
        if line.page == prev.page and line.top > prev.top
    )
    return steps.most_common(1)[0][0] if steps else None


def printed_layout(lines: Sequence[Line]) -> PrintedLayout:
    """Tab-stop lines and empty lines of a document's body lines (in reading order)."""
    edge = left_edge(lines)
    if edge is None:
        return NO_LAYOUT
    right = max(line.x1 for line in lines)
    by_x: dict[int, list[tuple[Line, Line | None]]] = {}
    for line, after in itertools.zip_longest(lines, lines[1:]):
        if _at_tab_stop(line, edge):
            by_x.setdefault(round(line.x0), []).append((line, after))

    def cells(group: list[tuple[Line, Line | None]]) -> bool:
        short = sum(right - line.x1 > SHORT_BY * line.size for line, _ in group)
        followed = sum(after is not None and round(after.x0) == round(line.x0) for line, after in group)
        return (
            len(group) >= MIN_TAB_LINES
            and short >= SHORT_SHARE * len(group)
            and followed >= FOLLOWED_SHARE * len(group)
        )

    tab_lines = frozenset(id(line) for group in by_x.values() if cells(group) for line, _ in group)
    pitch = _pitch(lines)
    if not tab_lines or not pitch:
        return NO_LAYOUT
    head = min(line.top for line in lines)
    foot = max(line.top for line in lines)
    empty: dict[int, int] = {}
    for prev, line in itertools.pairwise(lines):
        if line.page == prev.page:
            n = round((line.top - prev.top) / pitch) - 1
        else:
            below = math.ceil((foot + (1 - SLOT_SLACK) * pitch - prev.top) / pitch) - 1
            n = below + round((line.top - head) / pitch)
        if n > 0:
            empty[id(line)] = n
    return PrintedLayout(tab_lines, empty)
