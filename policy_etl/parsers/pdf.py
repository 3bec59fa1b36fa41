"""PDF files into the document model, with pdfplumber (and OCR where a page has no text layer).

Each page is read once and closed: characters are de-duplicated (fake bold is drawn twice),
ruled tables become grids and their characters are taken out of the body, and the remaining
characters become lines (`pdf_text`). Then, over the whole file:

- lines repeated in the top or bottom band of many pages (digits masked, so "— 3 —" matches
  "— 4 —"), lone page numbers there, and table-of-contents entries ("第一章 … 12") go to
  `Document.furniture`, never to the body;
- a table that is the first thing on a page and has the columns of the table that ended the
  page before is merged into it;
- the body lines become paragraphs across wraps and page breaks.

A page without a text layer (a scan, text turned into outlines) is read by OCR
(`parsers/ocr.py`, settings `ocr="auto"`); with `ocr="force"` every page is, its text layer set
aside; with `ocr="off"` none is, and a file that is all scan is refused with an error saying so,
as it is when the OCR extra is not installed. OCR gives character dicts like pdfplumber's, so an
OCR'd page goes through the same steps as a text page from de-duplication on: ruled tables
(from the page's rules, which a scan lacks), lines, layout tables and paragraphs. On a text
page, two things the text layer lacks are read by OCR too: a table pasted as a picture
(`pdf_pictures`, `_picture_tables`: its glyphs join the page's characters and the rules in its
pixels the page's edges, so it is built like a drawn table) and text drawn as glyph outlines
(`pdf_outlines`: bold headings and table headers of OFD conversions).

Provenance: `Loc.page` is the 1-based page; `Loc.char_start`/`char_end` are offsets into the
page's text as this parser reads it (its non-table lines, top to bottom, joined with newlines,
running headers included); `char_end` is left out when a paragraph runs onto the next page.
`style_hint` is the font size of the paragraph's first line ("size:16"). A block read by OCR has
`Loc.ocr_confidence`, the mean confidence of its characters (0–1), and `Document.ocr_pages` lists
the pages OCR read.
"""

from __future__ import annotations

import math
import re
import struct
import warnings
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils import obj_to_edges
from pdfplumber.utils.exceptions import PdfminerException

from policy_etl.parsers import ocr, pdf_pictures
from policy_etl.parsers.base import OCR_MODES, OcrMode, ParseError, ParseWarning
from policy_etl.parsers.captions import caption_above
from policy_etl.parsers.ocr import Confidence
from policy_etl.parsers.pdf_layout import extend_with_unruled_rows, find_layout_tables
from policy_etl.parsers.pdf_outlines import outline_chars, page_outline_lines
from policy_etl.parsers.pdf_tables import (
    TableDraft,
    chars_inside,
    continues,
    drop_empty_columns,
    drop_empty_rows,
    extend_with_unruled_columns,
    merge_continuation,
    open_end_borders,
    open_side_borders,
    table_to_draft,
    visible_edges,
)
from policy_etl.parsers.pdf_tabstops import NO_LAYOUT, PrintedLayout, printed_layout
from policy_etl.parsers.pdf_text import (
    Line,
    Margins,
    Measure,
    ParagraphRules,
    dedupe_chars,
    line_starts,
    lines_to_paragraphs,
    lines_with_chars,
    page_margins,
    paragraph_text,
    text_measure,
)
from policy_etl.schemas.document import Block, Document, Loc, Paragraph, Table

# A page number printed alone in the header/footer band: "3", "— 3 —", "-3-", "第3页", "第 3 页 共 70 页".
PAGE_NUMBER = re.compile(
    r"^[-－—–‒―~·\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/共]\s*\d{1,4}\s*页?)?[-－—–‒―~·\s]*$"
)
# A table-of-contents entry: a title, a dot/ellipsis leader and (usually) a page number.
# The page number may be full-width, bracketed ("……（３４）" in gazette contents pages) or set
# as a folio between dashes ("……-12-", "…… — 12 —", as the pages themselves are numbered).
TOC_ENTRY = re.compile(r"[.．…·⋯]{4,}\s*[-－—–]?\s*[（(]?\s*[\d０-９]*\s*[)）]?\s*[-－—–]?\s*$")
# The title of a table-of-contents page ("目 录").
TOC_TITLE = re.compile(r"^目\s*录$")
_DIGITS = re.compile(r"\d+")
# Type this much smaller than the page's text is a folio or a note, not body text.
SMALL_TYPE = 0.9
_SPACES = re.compile(r"\s+")
# An image covering this share of a page without a text layer is the scan of the page, not a
# table picture printed on it.
SCAN_PAGE_SHARE = 0.8


@dataclass(frozen=True)
class PdfSettings:
    """Every threshold of the PDF parser, in one place, checked when built."""

    x_tolerance_ratio: float = 0.5  # a gap wider than this × font size is a space
    dedupe_tolerance: float = 1.0  # characters drawn twice within this many points are one
    band_ratio: float = 0.12  # header/footer bands: this share of the page height at top and bottom
    furniture_share: float = 0.3  # a band line repeated on this share of pages is a running header/footer
    furniture_edge_lines: int = 2  # only the first/last lines of a page can be headers/footers
    snap_tolerance: float = 3.0  # table rules closer than this are one boundary
    continuation_top_ratio: float = 0.25  # a continued table starts within this share of the page top
    paragraph: ParagraphRules = field(default_factory=ParagraphRules)
    # OCR (parsers/ocr.py): "auto" reads only what has no text layer, "off" never, "force" every page.
    ocr: OcrMode = "auto"

    def __post_init__(self) -> None:
        if self.ocr not in OCR_MODES:
            raise ValueError(f"PdfSettings.ocr must be one of {', '.join(OCR_MODES)}, got {self.ocr!r}")
        ratios = {
            "band_ratio": self.band_ratio,
            "furniture_share": self.furniture_share,
            "continuation_top_ratio": self.continuation_top_ratio,
        }
        for name, value in ratios.items():
            if not 0 < value < 1:
                raise ValueError(f"PdfSettings.{name} must be between 0 and 1, got {value}")
        for name in ("x_tolerance_ratio", "dedupe_tolerance", "snap_tolerance"):
            if getattr(self, name) <= 0:
                raise ValueError(f"PdfSettings.{name} must be positive, got {getattr(self, name)}")
        if self.furniture_edge_lines < 1:
            raise ValueError(f"PdfSettings.furniture_edge_lines must be ≥ 1, got {self.furniture_edge_lines}")

    @property
    def table_settings(self) -> dict[str, Any]:
        return {
            "vertical_strategy": "explicit",  # the page's visible rules, given by `_ruled_tables`
            "horizontal_strategy": "explicit",
            "snap_tolerance": self.snap_tolerance,
        }


DEFAULT_SETTINGS = PdfSettings()


@dataclass
class _Page:
    number: int  # 1-based
    height: float
    lines: list[Line]
    tables: list[TableDraft]
    n_chars: int
    n_images: int
    source: PageSource = "text"


# Where a page's characters came from: its text layer; OCR of its image; nowhere because it has
# no text layer and OCR is off ("image") or not installed ("unread"), or its text is printed
# sideways, which OCR does not read ("sideways"); nowhere, it is blank.
PageSource = Literal["text", "ocr", "image", "unread", "sideways", "blank"]


class _OcrFailed(Exception):
    """The OCR engine failed on a page (its message says how)."""


@dataclass
class _PageInk:
    """A page's characters, the table rules printed in its image (an OCR'd page's; a text page's
    rules are its vector edges), and where the characters came from."""

    chars: list[dict[str, Any]]
    rules: list[dict[str, Any]]
    source: PageSource


def _page_ink(page: Any, settings: PdfSettings) -> _PageInk:
    """The page's characters and where they came from: its text layer, or OCR of its image.

    "auto" reads by OCR a page with no text layer that has something drawn on it (page images
    for a scan; curves for text turned into outlines); "force" every page, its text layer set
    aside (a text layer that is garbage: a broken font map, a bad OCR layer); "off" none. The
    OCR'd characters are de-duplicated like a text layer's, so everything after is one path.
    """
    chars = page.chars
    has_text = any(c["text"].strip() for c in chars)
    drawn = bool(page.images or page.curves)
    if settings.ocr == "off" or (settings.ocr == "auto" and (has_text or not drawn)):
        source: PageSource = "text" if has_text else "image" if drawn else "blank"
        return _PageInk(dedupe_chars(chars, settings.dedupe_tolerance), [], source)
    if not ocr.available():
        return _PageInk(dedupe_chars(chars, settings.dedupe_tolerance), [], "text" if has_text else "unread")
    try:
        reading = ocr.read_region(page)
    except Exception as exc:  # whatever the engine raises fails the file, naming the page
        raise _OcrFailed(f"{type(exc).__name__}: {exc}") from exc
    if reading.sideways:  # OCR cannot read it: a text layer, where there is one, is kept
        return _PageInk(
            dedupe_chars(chars, settings.dedupe_tolerance), [], "text" if has_text else "sideways"
        )
    return _PageInk(dedupe_chars(reading.chars, settings.dedupe_tolerance), reading.rules, "ocr")


def _read_page(page: Any, number: int, settings: PdfSettings) -> _Page:
    """Everything later steps need from one page, so the page can be closed right after."""
    ink = _page_ink(page, settings)
    chars, source = ink.chars, ink.source
    pictures = _picture_tables(page, chars, settings) if source in ("text", "ocr") else []
    if source == "ocr":  # the scan itself is the page's image, no table picture on it
        pictures = [p for p in pictures if _page_share(p.bbox, page) < SCAN_PAGE_SHARE]
    chars = chars + [c for picture in pictures for c in picture.chars]
    if source == "text":
        chars = chars + _outlined_text(page, chars, settings)
    tables: list[TableDraft] = []
    for found in _ruled_tables(page, settings, _image_rules(ink.rules, pictures)):
        inside = [c for c, hit in zip(chars, chars_inside(chars, [found.bbox]), strict=True) if hit]
        draft = table_to_draft(
            found.cells,
            found.bbox,
            inside,
            number,
            settings.snap_tolerance,
            settings.x_tolerance_ratio,
            ends_page=found.bbox[3] >= float(page.height) * (1 - settings.band_ratio * 2),
            starts_page=found.bbox[1] <= float(page.height) * settings.continuation_top_ratio,
        )
        if draft is not None:
            tables.append(draft)
    outside = [
        c for c, hit in zip(chars, chars_inside(chars, [t.bbox for t in tables]), strict=True) if not hit
    ]
    for draft in tables:
        extend_with_unruled_columns(draft, outside, settings.x_tolerance_ratio)
        extend_with_unruled_rows(draft, outside)
    in_tables = chars_inside(chars, [t.bbox for t in tables])
    body = [c for c, hit in zip(chars, in_tables, strict=True) if not hit]
    built = lines_with_chars(body, number, settings.x_tolerance_ratio)
    layout, used = find_layout_tables(
        [line for line, _ in built], [members for _, members in built], number, _text_width(built)
    )
    tables.extend(layout)
    _score_tables(tables, chars)
    lines = _with_offsets([line for i, (line, _) in enumerate(built) if i not in used])
    n_ink = sum(1 for c in chars if c["text"].strip())
    return _Page(number, float(page.height), lines, tables, n_ink, len(page.images), source)


def _page_share(bbox: tuple[float, float, float, float], page: Any) -> float:
    return (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]) / (float(page.width) * float(page.height))


def _image_rules(
    page_rules: Sequence[dict[str, Any]], pictures: Sequence[pdf_pictures.Picture]
) -> list[dict[str, Any]]:
    """The rules found in pixels: a table picture's own (`pdf_pictures.find_rules`, which sees
    light grey rules and shaded header rows) where there is one, the OCR'd page's elsewhere.

    A page without a text layer that carries a table picture on part of it (新疆 584 p.15, an
    ABBYY page with nothing but the picture) is OCR'd whole; the whole page's rule finder looks
    for black ink only and misses the picture's grey rules, and both finders' rules together
    would double the columns."""

    def outside(rule: dict[str, Any]) -> bool:
        x, y = (rule["x0"] + rule["x1"]) / 2, (rule["top"] + rule["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in (p.bbox for p in pictures))

    own = [rule for picture in pictures for rule in (*picture.horizontal, *picture.vertical)]
    return [*(rule for rule in page_rules if outside(rule)), *own]


def _score_tables(tables: Sequence[TableDraft], chars: Sequence[dict[str, Any]]) -> None:
    """Give each table the confidence of the OCR'd characters inside it (a text page has none)."""
    if not tables or not any("ocr_confidence" in c for c in chars):
        return
    for draft in tables:
        inside = chars_inside(chars, [draft.bbox])
        draft.ocr = Confidence.of(c for c, hit in zip(chars, inside, strict=True) if hit)


def _outlined_text(page: Any, chars: list[dict[str, Any]], settings: PdfSettings) -> list[dict[str, Any]]:
    """Characters of the text the page draws as glyph outlines (`pdf_outlines`), read by OCR."""
    if settings.ocr == "off":
        return []
    if not ocr.available():
        if page_outline_lines(page, chars):
            warnings.warn(
                f"page {page.page_number} draws text as outlines, which needs OCR: {ocr.MISSING_EXTRA}",
                ParseWarning,
                stacklevel=2,
            )
        return []
    return outline_chars(page, chars)


def _ruled_tables(page: Any, settings: PdfSettings, image_rules: Sequence[dict[str, Any]] = ()) -> list[Any]:
    """pdfplumber's tables of the page, from its visible rules alone (its characters unused):
    its vector edges, and the rules found in the pixels of an OCR'd page or a table picture."""
    drawn = [
        e
        for e in visible_edges(page.edges)
        if float(e["width"] if e["orientation"] == "h" else e["height"]) >= 1
    ]
    # borders left out are implied from drawn rules only: the rules found in pixels are whole
    # (a picture's short cell borders end at its row rules a pixel or two off them)
    rules = [*drawn, *(e for rule in image_rules for e in obj_to_edges(rule))]
    vertical = [e for e in rules if e["orientation"] == "v"]
    vertical += open_side_borders(drawn, settings.snap_tolerance)
    horizontal = [e for e in rules if e["orientation"] == "h"]
    horizontal += open_end_borders(drawn, settings.snap_tolerance)
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    return page.find_tables(
        {
            **settings.table_settings,
            "explicit_vertical_lines": vertical,
            "explicit_horizontal_lines": horizontal,
        }
    )


def _picture_tables(
    page: Any, chars: Sequence[dict[str, Any]], settings: PdfSettings
) -> list[pdf_pictures.Picture]:
    """The page's table pictures (`pdf_pictures`): their OCR'd glyphs and the rules in their pixels.

    The glyphs join the page's characters and the rules its edges, so the table is built by
    the same code as a drawn one. With `ocr="off"`, or without the OCR packages, a picture is
    left unread. A picture already read (the whole page was OCR'd: its glyphs are over it)
    only gives its rules.
    """
    if settings.ocr == "off" or not page.images:
        return []
    if not ocr.available():
        return []
    boxes = pdf_pictures.candidates(page.images, chars, float(page.width), float(page.height))
    if not boxes:
        return []
    pictures = []
    for bbox in boxes:
        pixels = np.asarray(
            page.crop(bbox, strict=False).to_image(resolution=72 * ocr.RENDER_SCALE).original.convert("RGB")
        )
        if not pdf_pictures.is_table_picture(pixels, ocr.RENDER_SCALE):
            continue
        horizontal, vertical = pdf_pictures.find_rules(pixels, (bbox[0], bbox[1]), ocr.RENDER_SCALE)
        read = any("ocr_confidence" in c for c in chars if _centre_in(c, bbox))
        glyphs = [] if read else ocr.page_chars(page, bbox)
        if pdf_pictures.sideways(glyphs):
            continue  # a landscape table turned on the page: its lines run down, left unread
        pictures.append(pdf_pictures.Picture(bbox, glyphs, horizontal, vertical))
    return pictures


def _centre_in(char: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    x, y = (float(char["x0"]) + float(char["x1"])) / 2, (float(char["top"]) + float(char["bottom"])) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _text_width(built: Sequence[tuple[Line, Any]]) -> float:
    """The width of the page's widest line: prose is set the full width, a wrapped cell never."""
    return max((line.x1 - line.x0 for line, _ in built), default=1.0)


def _with_offsets(lines: list[Line]) -> list[Line]:
    """Give each line its offset in the page text (the lines joined with newlines)."""
    out, offset = [], 0
    for line in lines:
        out.append(replace(line, offset=offset))
        offset += len(line.text) + 1
    return out


def _band(line: Line, page: _Page, settings: PdfSettings) -> str | None:
    if line.bottom <= page.height * settings.band_ratio:
        return "top"
    if line.top >= page.height * (1 - settings.band_ratio):
        return "bottom"
    return None


def _edge_lines(page: _Page, settings: PdfSettings) -> Iterator[tuple[str, Line]]:
    n = settings.furniture_edge_lines
    edges = page.lines[:n] + page.lines[max(n, len(page.lines) - n) :]
    for line in edges:
        band = _band(line, page, settings)
        if band is not None:
            yield band, line


_LineKey = tuple[int, float, float]


def _key(line: Line) -> _LineKey:
    return (line.page, line.top, line.x0)


def _mask(text: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub("", text))


def _furniture(pages: Sequence[_Page], settings: PdfSettings) -> set[_LineKey]:
    """(page, top) of every line that is a running header/footer, page number or TOC entry."""
    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        counts.update({(band, _mask(line.text)) for band, line in _edge_lines(page, settings)})
    threshold = max(2, math.ceil(settings.furniture_share * len(pages)))
    repeated = {key for key, n in counts.items() if n >= threshold}
    marked: set[_LineKey] = set()
    for page in pages:
        for band, line in _edge_lines(page, settings):
            if (band, _mask(line.text)) in repeated or PAGE_NUMBER.match(line.text):
                marked.add(_key(line))
        # a page number set smaller than the text is one wherever it falls in its band (a page
        # whose text overflows the bottom margin prints it between two body lines)
        sizes = Counter(line.size for line in page.lines)
        body_size = sizes.most_common(1)[0][0] if sizes else 0.0
        marked.update(
            _key(line)
            for line in page.lines
            if line.size < SMALL_TYPE * body_size
            and _band(line, page, settings) is not None
            and PAGE_NUMBER.match(line.text)
        )
        toc = [line for line in page.lines if TOC_ENTRY.search(line.text)]
        if toc:
            marked.update(_key(line) for line in toc)
            marked.update(_key(line) for line in page.lines if TOC_TITLE.match(line.text))
    return marked


_Item = Line | TableDraft


def _top(item: _Item) -> float:
    return item.top if isinstance(item, Line) else item.bbox[1]


# "续表1", "续表": the caption of a table continued from the page before.
CONTINUED_CAPTION = re.compile(r"^\s*[（(]?续表\s*[\d一二三四五六七八九十-]*[）)]?")


def _body_stream(pages: Sequence[_Page], furniture: set[_LineKey], settings: PdfSettings) -> list[_Item]:
    """Body lines and tables in reading order, with continued tables merged."""
    stream: list[_Item] = []
    for page in pages:
        lines = [line for line in page.lines if _key(line) not in furniture]
        items: list[_Item] = sorted([*lines, *page.tables], key=_top)
        for i, item in enumerate(items):
            # a 续表 caption between the two parts is the continuation's label, not body text
            labelled = i == 1 and isinstance(items[0], Line) and CONTINUED_CAPTION.match(items[0].text)
            previous = stream[-2 if labelled else -1] if len(stream) > (1 if labelled else 0) else None
            if (
                (i == 0 or labelled)
                and isinstance(item, TableDraft)
                and isinstance(previous, TableDraft)
                and previous.last_page == page.number - 1
                and item.bbox[1] <= page.height * settings.continuation_top_ratio
                and continues(previous, item, 2 * settings.snap_tolerance)
            ):
                if labelled:
                    stream.pop()  # the 续表 line
                merge_continuation(previous, item, 2 * settings.snap_tolerance)
                previous.ocr = Confidence.combine([previous.ocr, item.ocr])
                continue
            stream.append(item)
    return stream


def _paragraph(
    lines: Sequence[Line],
    index: int,
    margins: dict[int, Margins],
    measure: Measure | None,
    rules: ParagraphRules,
    layout: PrintedLayout = NO_LAYOUT,
) -> Paragraph:
    first, last = lines[0], lines[-1]
    char_end = last.offset + len(last.text) if last.page == first.page else None
    loc = Loc(
        page=first.page,
        char_start=first.offset,
        char_end=char_end,
        ocr_confidence=_rounded(Confidence.combine(line.ocr for line in lines)),
    )
    text, possible_ends = paragraph_text(lines, margins, measure, rules)
    tab_starts: tuple[int, ...] = ()
    empty_lines: tuple[tuple[int, int], ...] = ()
    if layout:
        # a line at a tab stop or below empty lines begins a cell of its own: a possible end
        starts = line_starts(lines)
        marked = [
            k for k, line in enumerate(lines) if layout.at_tab_stop(line) or layout.empty_lines_above(line)
        ]
        possible_ends = tuple(sorted({*possible_ends, *(starts[k] for k in marked if k > 0)}))
        tab_starts = tuple(starts[k] for k in marked if layout.at_tab_stop(lines[k]))
        empty_lines = tuple((starts[k], n) for k in marked if (n := layout.empty_lines_above(lines[k])) > 0)
    return Paragraph(
        index=index,
        text=text,
        loc=loc,
        style_hint=f"size:{first.size:g}",
        possible_ends=possible_ends,
        tab_starts=tab_starts,
        empty_lines=empty_lines,
    )


# Digits of a block's OCR confidence: a mean of hundreds of scores needs no more.
CONFIDENCE_DIGITS = 3


def _rounded(confidence: Confidence | None) -> float | None:
    return round(confidence.mean, CONFIDENCE_DIGITS) if confidence is not None else None


def _title_row(draft: TableDraft) -> str | None:
    """A first row that is one cell across the whole table is the table's title (郑州's 专栏1)."""
    first = [c for c in draft.cells if c.row == 0]
    if len(first) == 1 and first[0].col_span == draft.n_cols and draft.n_cols > 1:
        return first[0].text or None
    return None


def _table(draft: TableDraft, index: int, caption: str | None) -> Table:
    cells, n_rows = drop_empty_rows(draft.cells, draft.n_rows)
    cells, n_cols = drop_empty_columns(cells, draft.n_cols)
    return Table(
        index=index,
        n_rows=n_rows,
        n_cols=n_cols,
        cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))),
        caption=caption or _title_row(draft),
        loc=Loc(page=draft.page, ocr_confidence=_rounded(draft.ocr)),
    )


def _blocks(stream: Sequence[_Item], margins: dict[int, Margins], rules: ParagraphRules) -> list[Block]:
    blocks: list[Block] = []
    run: list[Line] = []
    body = [item for item in stream if isinstance(item, Line)]
    measure = text_measure(body, margins, rules)
    layout = printed_layout(body)

    def flush() -> None:
        for group in lines_to_paragraphs(run, margins, rules):
            blocks.append(_paragraph(group, len(blocks), margins, measure, rules, layout))
        run.clear()

    for item in stream:
        if isinstance(item, Line):
            run.append(item)
            continue
        flush()
        blocks.append(_table(item, len(blocks), caption_above(blocks)))
    flush()
    return blocks


# Lines a group of pages needs before its own margins are trusted over the whole file's.
MIN_LINES_FOR_MARGINS = 30


def _margins(pages: Sequence[_Page]) -> dict[int, Margins]:
    """Body margins of odd and of even pages: Word's mirrored margins differ between the two.

    A page alone (a table page, a page of notes) is too little to tell its margins, so odd and
    even pages are pooled, and the whole file is used when a pool is small.
    """
    everything = page_margins([line for page in pages for line in page.lines])
    by_parity: dict[int, Margins | None] = {}
    for parity in (0, 1):
        lines = [line for page in pages if page.number % 2 == parity for line in page.lines]
        by_parity[parity] = page_margins(lines) if len(lines) >= MIN_LINES_FOR_MARGINS else everything
    return {page.number: m for page in pages if (m := by_parity[page.number % 2]) is not None}


# What pdfminer raises on a broken object, stream or cross-reference table while reading a page.
_DAMAGED = (
    PdfminerException,
    PSException,
    PDFSyntaxError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AssertionError,
    EOFError,
    struct.error,
    zlib.error,
)


def _open(path: Path, data: bytes) -> Any:
    try:
        return pdfplumber.open(BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ParseError(path, "the PDF is encrypted: a password is required to read it") from exc
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise ParseError(path, "the PDF is encrypted: a password is required to read it") from exc
        raise ParseError(path, f"the PDF is damaged or truncated and cannot be opened ({cause})") from exc
    except (PSException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ParseError(path, f"the PDF is damaged or truncated and cannot be opened ({exc})") from exc


def _read_pages(path: Path, data: bytes, settings: PdfSettings) -> list[_Page]:
    if settings.ocr == "force" and not ocr.available():
        raise ParseError(path, f"OCR of every page was asked for (ocr=force), but {ocr.MISSING_EXTRA}")
    pages: list[_Page] = []
    with _open(path, data) as pdf:
        try:
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_read_page(page, number, settings))
                page.close()
        except _OcrFailed as exc:
            raise ParseError(path, f"OCR failed on page {len(pages) + 1} ({exc})") from exc
        except _DAMAGED as exc:
            raise ParseError(
                path, f"the PDF is damaged or truncated (page {len(pages) + 1} cannot be read: {exc})"
            ) from exc
    if not pages:
        raise ParseError(path, "the PDF has no pages (the file is damaged or truncated)")
    if sum(page.n_chars for page in pages) == 0:
        raise ParseError(path, _no_text_reason(pages, settings))
    turned = [page.number for page in pages if page.source == "sideways"]
    if turned:
        warnings.warn(
            f"{_count_pages(turned)} without a text layer printed sideways left out ("
            f"{_page_list(turned)}): OCR reads upright text only",
            ParseWarning,
            stacklevel=2,
        )
    unread = [page.number for page in pages if page.source == "unread"]
    if unread:
        warnings.warn(
            f"{_count_pages(unread)} without a text layer left out ({_page_list(unread)}): "
            f"{ocr.MISSING_EXTRA}",
            ParseWarning,
            stacklevel=2,
        )
    return pages


def _no_text_reason(pages: Sequence[_Page], settings: PdfSettings) -> str:
    """Why a PDF with no text in any page cannot be read, and what to do about it."""
    what = "only page images" if any(page.n_images for page in pages) else "no text at all"
    scan = f"the PDF is a scan with no text layer ({what})"
    if any(page.source == "unread" for page in pages):
        return f"{scan}; {ocr.MISSING_EXTRA}"
    if settings.ocr == "off":
        return f"{scan}; OCR is off (--ocr off): ingest it with --ocr auto to read it by OCR"
    if any(page.source == "sideways" for page in pages):
        return f"{scan}, printed sideways: OCR reads upright text only"
    if any(page.source == "ocr" for page in pages):
        return f"{scan}, and OCR recognized no text on its pages"
    return f"{scan}: nothing is drawn on its pages"


def _count_pages(numbers: Sequence[int]) -> str:
    return "1 page" if len(numbers) == 1 else f"{len(numbers)} pages"


def _page_list(numbers: Sequence[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(str(n) for n in numbers)


def parse(
    path: Path,
    data: bytes,
    sha256: str,
    settings: PdfSettings = DEFAULT_SETTINGS,
    *,
    ocr: OcrMode | None = None,
) -> Document:
    """The document model of a PDF; `ocr` overrides `settings.ocr` (`parse_bytes(..., ocr=)`)."""
    if ocr is not None and ocr != settings.ocr:
        settings = replace(settings, ocr=ocr)
    pages = _read_pages(path, data, settings)
    furniture = _furniture(pages, settings)
    stream = _body_stream(pages, furniture, settings)
    sizes = Counter(item.size for item in stream if isinstance(item, Line))
    rules = replace(settings.paragraph, body_size=sizes.most_common(1)[0][0]) if sizes else settings.paragraph
    blocks = _blocks(stream, _margins(pages), rules)
    furniture_blocks = [
        Paragraph(index=i, text=line.text, loc=Loc(page=line.page, char_start=line.offset))
        for i, line in enumerate(line for page in pages for line in page.lines if _key(line) in furniture)
    ]
    return Document(
        source_file=path.name,
        sha256=sha256,
        format="pdf",
        blocks=tuple(blocks),
        furniture=tuple(furniture_blocks),
        n_pages=len(pages),
        ocr_pages=tuple(page.number for page in pages if page.source == "ocr"),
    )
