"""The intermediate document model every parser produces and every extractor reads.

A flat, ordered stream of blocks (paragraphs and tables) rather than a tree: the section tree
comes from the numbering printed in the text, so building it is an extractor's job, not a
parser's. Blocks are frozen so an extractor can never change what another one sees.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Loc(_Frozen):
    """Where a block sits in its source file, so a record can be traced back and cited.

    `char_start`/`char_end` are offsets into the decoded source text (text formats) or the
    page's extracted text (PDF); `para` is the paragraph index for DOCX/HTML; `line` is the
    1-based first line in a text file. `ocr_confidence` is set only on a block read by OCR from
    a page image (PDF): the mean confidence of its characters, 0–1; None means the block's text
    was in the file.
    """

    page: int | None = None
    para: int | None = None
    line: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    ocr_confidence: float | None = None


class Paragraph(_Frozen):
    kind: Literal["paragraph"] = "paragraph"
    index: int
    text: str
    loc: Loc = Loc()
    # The unchanged text as the parser read it, kept when normalization changed `text`.
    source_text: str | None = None
    # A layout hint only (DOCX outline level, HTML h2, PDF font size); numbering decides headings.
    style_hint: str | None = None
    # Offsets into the parser's text (`source_text`, or `text` when that is None) where a printed
    # line ended and the paragraph may have ended with it although the parser read the next
    # printed line as part of it: the line stopped short of the text width or ended a sentence,
    # or the next one starts further below than a wrapped line would. Only the PDF parser sets
    # them: which printed lines belong together is a guess from geometry (a fragment of a
    # wrapped line, or one cell of a table printed one cell per line), so normalize's
    # flattened-table recovery may split the paragraph there when its pieces read as such a table.
    possible_ends: tuple[int, ...] = ()
    # What a PDF's geometry shows of a paragraph that was one TAB-marked cell per line in the
    # file it was printed from (Word-to-text dumps of tables, printed): `tab_starts`, the offsets
    # (0, or one of `possible_ends`) of printed lines that start at a tab stop rather than at the
    # left margin or the first-line indent, where the source had a TAB; `empty_lines`, (offset,
    # n) for a printed line with n empty lines above it (0 for the paragraph's first line). An
    # empty paragraph and a paragraph holding only a TAB (an empty cell) print alike, so only
    # their number is known. Only the PDF parser sets them, and only in a document with lines at
    # a tab stop; normalize's TAB-cell recovery reads them as the dump's lines.
    tab_starts: tuple[int, ...] = ()
    empty_lines: tuple[tuple[int, int], ...] = ()


class Cell(_Frozen):
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str = ""


class Table(_Frozen):
    kind: Literal["table"] = "table"
    index: int
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    # The 表N / 附件 title line printed above the table, when the parser can see one.
    caption: str | None = None
    loc: Loc = Loc()

    def as_grid(self) -> list[list[str | None]]:
        """Rows of cell text; a slot covered by a merged cell holds None."""
        grid: list[list[str | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            grid[cell.row][cell.col] = cell.text
        return grid

    def filled_grid(self) -> list[list[str]]:
        """Rows of cell text with a merged cell's text repeated in every slot it covers.

        Record extractors read this: a row of a responsibility table must see its group even
        when the group cell was merged down from a row above.
        """
        grid = [[""] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                    grid[r][c] = cell.text
        return grid


Block = Annotated[Paragraph | Table, Field(discriminator="kind")]

DocumentFormat = Literal["txt", "pdf", "docx", "html", "doc"]


class Document(_Frozen):
    source_file: str
    sha256: str
    format: DocumentFormat
    blocks: tuple[Block, ...]
    # Page headers/footers and web chrome, kept out of the body for debugging only.
    furniture: tuple[Block, ...] = ()
    n_pages: int | None = None
    # 1-based pages whose text was read by OCR from the page image (PDF).
    ocr_pages: tuple[int, ...] = ()

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
