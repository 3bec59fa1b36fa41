"""Plain-text dumps of Word files, PDFs and web pages: one paragraph per non-blank line.

Blank lines are not blocks; they stay visible as gaps in the paragraphs' line numbers
(`Loc.line`), which is what the normalize stage's table recovery (`pipeline/recover_tables.py`)
reads them from. A line that starts with a TAB keeps that one TAB: Word-to-text converters dump
a table one cell per line, each cell line starting with a TAB, and that mark is how the
recovery tells a cell from a paragraph (an empty cell is a line holding only the TAB). Tables
are not rebuilt here: the same dumps reach us pasted into DOCX and HTML, so the rebuilding
lives in one place for every format.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policy_etl.parsers.base import ParseError
from policy_etl.parsers.encoding import UndecodableError, decode_bytes
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


def split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n")
        lines.append(_Line(number, offset, body))
        offset += len(raw)
    return lines


def _line_text(line: _Line) -> str:
    """The paragraph text of a line: stripped, but a cell line keeps its leading TAB."""
    if line.is_cell:
        return CELL_MARK + line.text[len(CELL_MARK) :].strip()
    return line.text.strip()


def lines_to_blocks(lines: list[_Line]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        if line.is_cell or not line.is_blank:
            loc = Loc(line=line.number, char_start=line.start, char_end=line.start + len(line.text))
            blocks.append(Paragraph(index=len(blocks), text=_line_text(line), loc=loc))
    return blocks


def parse(path: Path, data: bytes, sha256: str) -> Document:
    try:
        text, _encoding = decode_bytes(data)
    except UndecodableError as exc:
        raise ParseError(path, str(exc)) from exc
    if "\x00" in text:
        raise ParseError(path, "the text holds NUL bytes: it is binary data, not a text document")
    blocks = lines_to_blocks(split_lines(text))
    return Document(source_file=path.name, sha256=sha256, format="txt", blocks=tuple(blocks))
