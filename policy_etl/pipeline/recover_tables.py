"""Tables that reach us flattened into paragraphs, rebuilt whatever format carried them.

A table copied out of a web page or a Word file into a text dump, a CMS or another Word file
often arrives as paragraphs, one cell per paragraph. The same plan then comes as a .txt, a
DOCX (one paragraph per line), an HTML page (one `<p>` per line) or a PDF printed from that DOCX,
and every one of them must give the same records. So the rebuilding is not a parser's job: it
runs here, in the normalize stage, over each run of consecutive Paragraph blocks of the document
model. Parsers keep only what needs their format (DOCX spans, HTML rowspan/colspan, PDF
positions).

A run of paragraphs is read as the lines of a text dump. Blank lines matter to both readers
(they separate rows, and two of them end a table), and the model has no blank blocks, so a
blank line is seen where the paragraphs' positions in their source leave a gap (`Loc.line` of a
text file, `Loc.para` of DOCX, whose empty paragraphs are counted but not kept), or where a
paragraph holds only whitespace (an HTML `<p>&nbsp;</p>`). A PDF has neither; the readers do
not need them there (a flattened table ends at the next 附件 or at a line that fits no column).
A PDF's paragraphs are guessed from printed lines, and one-cell lines get glued (a short
unpunctuated line reads as a fragment of the next); the parser records where a paragraph may
have ended (`Paragraph.possible_ends`), and the one-cell-per-line reader reads those pieces as
lines. A paragraph none of whose pieces a table takes stays as the parser made it. A TAB-cell
dump printed to PDF keeps neither its TABs nor its blank lines; where the parser saw lines at a
tab stop it records them and the empty lines above each line (`Paragraph.tab_starts`,
`Paragraph.empty_lines`), and the TAB-cell reader reads the run as the dump (`printed_view`).

Two recoveries, each a function from blocks to blocks (`normalize.TABLE_RECOVERIES` runs them
in order):

- `recover_tab_cell_rows`: each cell is a paragraph starting with a TAB (Word-to-text
  converters' table dump); a blank line starts the next row, two blank lines or a blank line
  and text end the table, a paragraph without TAB continues the cell. The uneven rows become a
  grid with spans (`grid.rows_to_table`). In a PDF, a blank line and an empty cell print alike:
  `printed_view` tells them apart by the width of the table's first row.
- `recover_flattened_tables`: no TAB and no row marks (seed 003's attachments): a run of header
  paragraphs (序号 / 工作任务 / 牵头单位 …) then the body one cell per paragraph, the rows rebuilt
  from what each line is (`flattened.read_flattened`).

A rebuilt table keeps the provenance of its first paragraph (and the end offset of its last,
when both sit on the same page), and takes as caption the short title paragraph above it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from policy_etl.parsers.captions import caption_above
from policy_etl.parsers.textjoin import join_lines
from policy_etl.pipeline.flattened import read_flattened
from policy_etl.pipeline.grid import rows_to_table
from policy_etl.schemas.document import Block, Loc, Paragraph, Table

CELL_MARK = "\t"
# A TAB-marked run is a table only with at least two rows and two columns: Word files indent
# paragraphs with a TAB, and a run of indented paragraphs is one row (no blank between them) or
# one column (a blank between each), never a table.
MIN_TAB_ROWS = 2
MIN_TAB_COLS = 2

Recovery = Callable[[Sequence[Block]], list[Block]]


@dataclass(frozen=True)
class _LineView:
    """A run of paragraphs as text-dump lines: `texts[i]` is piece `piece[i]` of paragraph
    `owner[i]` of the run, or a blank line the source had there (owner None)."""

    texts: list[str]
    owner: list[int | None]
    piece: list[int]


def _position(paragraph: Paragraph) -> int | None:
    """Where the paragraph sits among its source's lines or paragraphs, blank ones counted."""
    return paragraph.loc.line if paragraph.loc.line is not None else paragraph.loc.para


def pieces(paragraph: Paragraph) -> list[tuple[int, int]]:
    """The paragraph's text cut at its `possible_ends`, as (start, end) offsets: the printed
    lines a PDF parser joined where geometry does not show a wrap (a short line, or paragraph
    spacing below it). Offsets are into the parser's text, so a paragraph normalization already
    rewrote (`source_text` set) stays whole."""
    ends = [e for e in paragraph.possible_ends if 0 < e < len(paragraph.text)]
    if not ends or paragraph.source_text is not None:
        return [(0, len(paragraph.text))]
    bounds = [0, *sorted(set(ends)), len(paragraph.text)]
    return list(itertools.pairwise(bounds))


def line_view(run: Sequence[Paragraph], split: bool = False) -> _LineView:
    """The run as lines; with `split`, each paragraph's pieces are lines of their own."""
    texts: list[str] = []
    owner: list[int | None] = []
    piece: list[int] = []
    previous: int | None = None
    for k, paragraph in enumerate(run):
        position = _position(paragraph)
        if previous is not None and position is not None and position - previous > 1:
            gap = position - previous - 1
            texts.extend([""] * gap)
            owner.extend([None] * gap)
            piece.extend([0] * gap)
        cuts = pieces(paragraph) if split else [(0, len(paragraph.text))]
        for j, (start, end) in enumerate(cuts):
            texts.append(paragraph.text[start:end])
            owner.append(k)
            piece.append(j)
        previous = position if position is not None else previous
    return _LineView(texts, owner, piece)


def _is_printed(paragraph: Paragraph) -> bool:
    """A PDF paragraph whose printed lines' tab stops and empty lines the parser recorded."""
    return bool(paragraph.tab_starts or paragraph.empty_lines) and paragraph.source_text is None


def printed_view(run: Sequence[Paragraph]) -> _LineView:
    """A run of PDF paragraphs as the TAB-cell dump printed there: each piece a line, with a TAB
    where it starts at a tab stop, below the empty lines printed above it.

    An empty line is a blank line or an empty cell (a paragraph holding only a TAB), which print
    alike. The page shows how many there are, not which is which, so they are read by the table
    they sit in: the first row (its cells are printed, a header has no empty cell) ends at the
    first empty line before a cell and gives the table's width; after that, a gap before a cell
    holds the cells the current row lacks of that width, the blank line, then the empty cells
    that open the next row. Before a line at the margin, one empty line is the blank after
    which a cell goes on; more end the table. A dump whose rows are not all as wide as its
    first row (empty cells at the end of a longer row) cannot be told from the page: when a row
    comes out wider or narrower than the first, the run is read as its paragraphs, unmarked.
    """
    texts: list[str] = []
    owner: list[int | None] = []
    piece: list[int] = []

    def emit(text: str, k: int | None, j: int = 0) -> None:
        texts.append(text)
        owner.append(k)
        piece.append(j)

    width: int | None = None
    cells = 0  # cells of the current row
    in_table = False
    for k, paragraph in enumerate(run):
        empty = dict(paragraph.empty_lines)
        tabs = set(paragraph.tab_starts)
        cuts = pieces(paragraph) if _is_printed(paragraph) else [(0, len(paragraph.text))]
        for j, (start, end) in enumerate(cuts):
            n = empty.get(start, 0) if _is_printed(paragraph) else 0
            at_tab = start in tabs and _is_printed(paragraph)
            if in_table and at_tab and n:
                if width is None:
                    width, fill = cells, 0
                else:
                    fill = min(n - 1, max(0, width - cells))
                if cells + fill != width:
                    return line_view(run)  # a row wider or narrower than the first: unreadable
                for _ in range(fill):
                    emit(CELL_MARK, None)
                emit("", None)
                for _ in range(n - 1 - fill):
                    emit(CELL_MARK, None)
                cells = n - 1 - fill
            else:
                for _ in range(n):
                    emit("", None)
                if in_table and not at_tab and n > 1:
                    if width is not None and cells != width:
                        return line_view(run)
                    in_table, width, cells = False, None, 0
            emit(CELL_MARK + paragraph.text[start:end] if at_tab else paragraph.text[start:end], k, j)
            if at_tab:
                in_table = True
                cells += 1
    if in_table and width is not None and cells != width:
        return line_view(run)
    return _LineView(texts, owner, piece)


def _piece_paragraph(paragraph: Paragraph, first: int, last: int) -> Paragraph:
    """Pieces `first`..`last` of a paragraph a table took other pieces of, as a paragraph of
    their own. Its Loc keeps the page the paragraph starts on (its pieces' own pages are not
    known) and the character offsets only where they still hold."""
    cuts = pieces(paragraph)
    start, end = cuts[first][0], cuts[last][1]
    loc = paragraph.loc
    update = {
        "char_start": loc.char_start if first == 0 else None,
        "char_end": loc.char_end if last == len(cuts) - 1 else None,
    }
    return paragraph.model_copy(
        update={
            "text": paragraph.text[start:end],
            "loc": loc.model_copy(update=update),
            "possible_ends": tuple(e - start for e in paragraph.possible_ends if start < e < end),
            "tab_starts": tuple(e - start for e in paragraph.tab_starts if start <= e < end),
            "empty_lines": tuple((e - start, n) for e, n in paragraph.empty_lines if start <= e < end),
        }
    )


def _span_loc(first: Paragraph, last: Paragraph) -> Loc:
    """The first paragraph's Loc, ending where the last paragraph ends when that is comparable."""
    loc = first.loc
    if last.loc.char_end is not None and last.loc.page == loc.page and loc.char_end is not None:
        return loc.model_copy(update={"char_end": last.loc.char_end})
    return loc


@dataclass(frozen=True)
class _Found:
    """A table found in a line view: lines `first`..`last` (inclusive) become `build(...)`."""

    first: int
    last: int
    build: Callable[[int, Loc, str | None], Table]


def _is_blank(block: Block) -> bool:
    return isinstance(block, Paragraph) and not block.text.strip()


def _caption(out: Sequence[Block]) -> str | None:
    """The caption above a table: the last block that is not a whitespace-only paragraph."""
    before = next((b for b in reversed(out) if not _is_blank(b)), None)
    return caption_above([before]) if before is not None else None


def _table_loc(run: Sequence[Paragraph], view: _LineView, table: _Found) -> Loc:
    """The table's Loc from its first and last paragraphs; an offset a piece of a paragraph
    does not share with its paragraph (a table starting or ending inside it) is left out."""
    head = view.owner[table.first]
    last = max(i for i in range(table.first, table.last + 1) if view.owner[i] is not None)
    tail = view.owner[last]
    assert head is not None and tail is not None  # a table starts at a text line
    loc = _span_loc(run[head], run[tail])
    if view.piece[table.first] > 0:
        loc = loc.model_copy(update={"char_start": None})
    after = last + 1
    if after < len(view.owner) and view.owner[after] == tail:
        loc = loc.model_copy(update={"char_end": None})
    return loc


def _replace_runs(
    blocks: Sequence[Block],
    find: Callable[[list[str]], list[_Found]],
    split: bool = False,
    printed: bool = False,
) -> list[Block]:
    """Run `find` over each run of consecutive paragraphs; put its tables in place of their lines.

    With `split`, `find` reads each paragraph's pieces as lines (`pieces`); a paragraph no table
    takes a piece of stays as it was, the pieces a table leaves become paragraphs of their own.
    With `printed`, a run holding PDF paragraphs with tab stops or empty lines recorded is read
    as the dump printed there (`printed_view`).
    """
    out: list[Block] = []
    run: list[Paragraph] = []

    def flush() -> None:
        view = printed_view(run) if printed and any(map(_is_printed, run)) else line_view(run, split)
        found = {f.first: f for f in find(view.texts)}
        taken = {view.owner[i] for f in found.values() for i in range(f.first, f.last + 1)}
        i = 0
        while i < len(view.texts):
            table = found.get(i)
            if table is not None:
                out.append(table.build(len(out), _table_loc(run, view, table), _caption(out)))
                i = table.last + 1
                continue
            k = view.owner[i]
            if k is None:
                i += 1
                continue
            j = i
            while j + 1 < len(view.texts) and view.owner[j + 1] == k and j + 1 not in found:
                j += 1
            out.append(run[k] if k not in taken else _piece_paragraph(run[k], view.piece[i], view.piece[j]))
            i = j + 1
        run.clear()

    for block in blocks:
        if isinstance(block, Paragraph):
            run.append(block)
            continue
        flush()
        out.append(block)
    flush()
    return out


# --- TAB-marked cells -----------------------------------------------------------------------


def _is_cell(text: str) -> bool:
    return text.startswith(CELL_MARK)


def _is_blank_line(text: str) -> bool:
    return not text.strip() and not _is_cell(text)


@dataclass
class _TabDraft:
    first: int
    last: int
    rows: list[list[list[str]]] = field(default_factory=list)  # row -> cell -> lines

    def add_cell(self, i: int, text: str, new_row: bool) -> None:
        if new_row or not self.rows:
            self.rows.append([])
        self.rows[-1].append([text[len(CELL_MARK) :]])
        self.last = i

    def continue_cell(self, i: int, text: str) -> None:
        self.rows[-1][-1].append(text)
        self.last = i


def _tab_table_ends(texts: list[str], i: int) -> bool:
    """At a blank line inside a table: does the table end here?"""
    j = i
    while j < len(texts) and _is_blank_line(texts[j]):
        j += 1
    if j >= len(texts):
        return True
    if _is_cell(texts[j]):
        return False
    return j - i > 1  # text after one blank line continues the cell; after two, it is the body


def _draft_found(draft: _TabDraft) -> _Found | None:
    rows = [[join_lines(cell) for cell in row] for row in draft.rows]
    if len(rows) < MIN_TAB_ROWS or max(len(row) for row in rows) < MIN_TAB_COLS:
        return None

    def build(index: int, loc: Loc, caption: str | None) -> Table:
        return rows_to_table(rows, index=index, loc=loc, caption=caption)

    return _Found(draft.first, draft.last, build)


def find_tab_tables(texts: list[str]) -> list[_Found]:
    found: list[_Found] = []
    draft: _TabDraft | None = None
    pending_blank = False

    def close() -> None:
        nonlocal draft
        if draft is not None and (table := _draft_found(draft)) is not None:
            found.append(table)
        draft = None

    for i, text in enumerate(texts):
        if _is_cell(text):
            if draft is None:
                draft = _TabDraft(first=i, last=i)
                pending_blank = True
            draft.add_cell(i, text, new_row=pending_blank)
            pending_blank = False
        elif not text.strip():
            if draft is not None and _tab_table_ends(texts, i):
                close()
            elif draft is not None:
                pending_blank = True
        elif draft is not None:
            draft.continue_cell(i, text)
            pending_blank = False
    close()
    return found


def recover_tab_cell_rows(blocks: Sequence[Block]) -> list[Block]:
    """Tables dumped one TAB-marked cell per paragraph, rows apart by a blank line."""
    return _replace_runs(blocks, find_tab_tables, printed=True)


# --- one cell per line, no marks ------------------------------------------------------------


def find_flattened_tables(texts: list[str]) -> list[_Found]:
    found: list[_Found] = []
    i = 0
    while i < len(texts):
        flat = read_flattened(texts, i) if texts[i].strip() else None
        if flat is None:
            i += 1
            continue
        found.append(
            _Found(
                flat.start,
                flat.last,
                lambda index, loc, caption, flat=flat: flat.to_table(index=index, loc=loc, caption=caption),
            )
        )
        i = flat.end
    return found


def recover_flattened_tables(blocks: Sequence[Block]) -> list[Block]:
    """Tables printed one cell per paragraph with no row marks (a header, then the cells)."""
    return _replace_runs(blocks, find_flattened_tables, split=True)
