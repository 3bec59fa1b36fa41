"""Plain-text dumps of Word files, PDFs and web pages.

Most lines are paragraphs. Word-to-text converters dump tables one cell per line, each cell
line starting with a TAB:

- a line starting with TAB is a cell; an empty TAB line is an empty or merged cell;
- a following line without TAB continues the cell (after at most one blank line);
- a blank line followed by a TAB line starts the next row;
- two blank lines, or a blank line followed by non-cell text that cannot continue a cell, end
  the table.

The rows rebuilt this way have different lengths where the source had merged cells; `grid.py`
turns them into a grid with spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policy_etl.parsers.base import ParseError
from policy_etl.parsers.encoding import UndecodableError, decode_bytes
from policy_etl.parsers.flattened import read_flattened
from policy_etl.parsers.grid import rows_to_table
from policy_etl.parsers.textjoin import join_lines
from policy_etl.schemas.document import Block, Document, Loc, Paragraph

CELL_MARK = "\t"


@dataclass
class _Line:
    number: int  # 1-based
    start: int  # character offset in the decoded text
    text: str  # without the line break

    @property
    def is_cell(self) -> bool:
        return self.text.startswith(CELL_MARK)

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass
class _TableDraft:
    first: _Line
    rows: list[list[list[str]]] = field(default_factory=list)  # row -> cell -> lines
    last: _Line | None = None

    def add_cell(self, line: _Line, new_row: bool) -> None:
        if new_row or not self.rows:
            self.rows.append([])
        self.rows[-1].append([line.text[len(CELL_MARK) :]])
        self.last = line

    def continue_cell(self, line: _Line) -> None:
        self.rows[-1][-1].append(line.text)
        self.last = line


def split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n")
        lines.append(_Line(number, offset, body))
        offset += len(raw)
    return lines


def _table_end(lines: list[_Line], i: int) -> bool:
    """At a blank line inside a table: does the table end here?"""
    j = i
    while j < len(lines) and lines[j].is_blank and not lines[j].is_cell:
        j += 1
    if j >= len(lines):
        return True
    if lines[j].is_cell:
        return False
    return j - i > 1  # text after one blank line continues the cell; after two, it is the body


def lines_to_blocks(lines: list[_Line]) -> list[Block]:
    blocks: list[Block] = []
    texts = [line.text for line in lines]
    draft: _TableDraft | None = None
    pending_blank = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.is_cell:
            if draft is None:
                draft = _TableDraft(first=line)
                pending_blank = True
            draft.add_cell(line, new_row=pending_blank)
            pending_blank = False
        elif line.is_blank:
            if draft is not None and _table_end(lines, i):
                blocks.append(_draft_to_table(draft, len(blocks), blocks))
                draft = None
            elif draft is not None:
                pending_blank = True
        elif draft is not None:
            draft.continue_cell(line)
            pending_blank = False
        elif (flat := read_flattened(texts, i)) is not None:  # one cell per line, no TAB (seed 003)
            first, last = lines[flat.start], lines[flat.last]
            loc = Loc(line=first.number, char_start=first.start, char_end=last.start + len(last.text))
            blocks.append(flat.to_table(index=len(blocks), loc=loc, caption=_caption_above(blocks)))
            i = flat.end
            continue
        else:
            blocks.append(_line_to_paragraph(line, len(blocks)))
        i += 1
    if draft is not None:
        blocks.append(_draft_to_table(draft, len(blocks), blocks))
    return blocks


def _line_to_paragraph(line: _Line, index: int) -> Paragraph:
    text = line.text.strip()
    loc = Loc(line=line.number, char_start=line.start, char_end=line.start + len(line.text))
    return Paragraph(index=index, text=text, loc=loc)


def _draft_to_table(draft: _TableDraft, index: int, before: list[Block]) -> Block:
    rows = [[join_lines(cell) for cell in row] for row in draft.rows]
    last = draft.last or draft.first
    loc = Loc(line=draft.first.number, char_start=draft.first.start, char_end=last.start + len(last.text))
    caption = _caption_above(before)
    return rows_to_table(rows, index=index, loc=loc, caption=caption)


# A caption is a short line right above the table that names it (表1 …, …分解表, …清单).
_CAPTION_MAX_CHARS = 60


def _caption_above(before: list[Block]) -> str | None:
    if not before or not isinstance(before[-1], Paragraph):
        return None
    text = before[-1].text.strip()
    if len(text) > _CAPTION_MAX_CHARS or text.endswith(("。", "；", "：", ":")):
        return None
    return text


def parse(path: Path, data: bytes, sha256: str) -> Document:
    try:
        text, _encoding = decode_bytes(data)
    except UndecodableError as exc:
        raise ParseError(path, str(exc)) from exc
    if "\x00" in text:
        raise ParseError(path, "the text holds NUL bytes: it is binary data, not a text document")
    blocks = lines_to_blocks(split_lines(text))
    return Document(source_file=path.name, sha256=sha256, format="txt", blocks=tuple(blocks))
