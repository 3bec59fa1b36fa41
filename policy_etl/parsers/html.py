"""Web pages: the article body of a government CMS page, as paragraphs and grid tables.

Government sites wrap a plan in navigation, breadcrumbs, layout tables, share bars and footers.
The body is found with an ordered list of the selectors their CMSs use (TRS, UCAP, …), and
with a text-density fallback for the rest; everything outside it, and chrome inside it, goes
to `Document.furniture`. A table is a data table unless it holds another table (then it is a
layout table and its cells are read as containers), so an article laid out in tables is not
swallowed into one giant cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import soupsieve
from bs4 import BeautifulSoup, CData, Comment, NavigableString, Tag

from policy_etl.parsers.base import ParseError
from policy_etl.parsers.captions import caption_above
from policy_etl.parsers.encoding import UndecodableError, decode_bytes
from policy_etl.parsers.textjoin import join_lines
from policy_etl.schemas.document import Block, Cell, Document, Loc, Paragraph, Table

# Article containers of Chinese government CMSs, most specific first. A selector is used when
# the element it finds holds at least MIN_BODY_CHARS of text (some pages carry empty ones).
CONTENT_SELECTORS = (
    "#UCAP-CONTENT",  # UCAP (gov.cn, State Council pages)
    "#zoom",  # TRS WCM "font size" container, most provincial and city sites
    ".TRS_Editor",  # TRS editor output
    ".TRS_UEDITOR",
    ".pages_content",  # gov.cn policy pages
    ".article-content",
    ".article_content",
    "#article-content",
    ".con_text",
    ".content_text",
    "#Zoom",
    "#content",
    "article",
    ".content",
)
MIN_BODY_CHARS = 50
# Compiled at import: soupsieve builds its own patterns on the first select (~0.1 s), which each
# forked ingest worker would otherwise pay again; the parent imports this module before forking.
_COMPILED_SELECTORS = [soupsieve.compile(selector) for selector in CONTENT_SELECTORS]

# Never content.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "template",
    "svg",
    "button",
    "input",
    "select",
    "textarea",
    "head",
)
# Chrome: dropped from the body, kept as furniture.
CHROME_TAGS = ("nav", "header", "footer", "aside", "form")
# class/id words that mark chrome: navigation, breadcrumbs (当前位置), share bars (分享到),
# print/close links, QR codes, related links, page footers.
CHROME_NAMES = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|share|bdshare\w*|bdsharebuttonbox|"
    r"print|close|qrcode|ewm|footer|foot|copyright|header|topbar|related|xgwz|sidebar|toolbar|fenxiang)($|[-_\s\d])",
    re.IGNORECASE,
)
# Block-level elements: each starts a new paragraph.
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "caption",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "body",
    "html",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# The longest text a data cell holds; project descriptions run to a few hundred characters.
MAX_DATA_CELL_CHARS = 1500
# rowspan/colspan beyond this are typos or hostile ("colspan=9999" would allocate a huge grid).
MAX_SPAN = 100
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


@dataclass
class _Walk:
    blocks: list[Block] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    hint: str | None = None
    para: int = 0  # paragraphs so far, blank lines (`<p>&nbsp;</p>`) counted: `Loc.para`

    def flush(self) -> None:
        raw = "".join(self.buffer)
        text = _WHITESPACE.sub(" ", raw).strip()
        self.buffer.clear()
        if raw.startswith("\t"):
            # A TAB right after the tag opens (`<p>\t序号</p>`, not `<p>\n\t\t…` of indented source)
            # marks a cell of a table pasted one cell per paragraph (`<p>\t&nbsp;</p>` an empty
            # one): kept for the normalize stage's table recovery, which cleaning runs after.
            text = "\t" + text
        elif not text and "\xa0" in raw:
            # An editor's empty line (`<p>&nbsp;</p>`) is no block, but the recovery reads a table's
            # row breaks from blank lines, so it stays visible as a gap in `Loc.para`.
            self.para += 1
        if text:
            self.blocks.append(
                Paragraph(index=len(self.blocks), text=text, loc=Loc(para=self.para), style_hint=self.hint)
            )
            self.para += 1


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in `<meta charset>` or `http-equiv` (gb2312/gbk map to gb18030 later)."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _span(value: object) -> int:
    """A rowspan/colspan read defensively: "2;" or " 3px" count as their digits, junk as 1."""
    match = re.match(r"\s*(\d+)", str(value or ""))
    if not match:
        return 1
    return max(1, min(int(match.group(1)), MAX_SPAN))


def _is_chrome(tag: Tag) -> bool:
    if tag.name in CHROME_TAGS:
        return True
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
    return bool(names and CHROME_NAMES.search(names))


# --- body selection ---------------------------------------------------------------------------


def _text_len(tag: Tag) -> int:
    return len(_WHITESPACE.sub("", tag.get_text()))


@dataclass(frozen=True)
class _Measure:
    text: int  # characters of text beneath, whitespace excluded (as _text_len)
    links: int  # of which inside <a>
    has_block: bool  # a p/div/table lies beneath


_VOTE_BLOCKERS = ("p", "div", "table")
_TEXT_TYPES = (NavigableString, CData)  # what get_text() counts: not comments or doctypes


def _measure(root: Tag) -> dict[int, _Measure]:
    """Text, link text and block content of every tag, in one post-order pass: asking each tag
    for its text separately costs the whole subtree every time, which is quadratic on a page
    nested 100,000 levels deep."""
    found: dict[int, _Measure] = {}
    stack: list[tuple[Tag, bool]] = [(root, False)]
    while stack:
        tag, children_done = stack.pop()
        if not children_done:
            stack.append((tag, True))
            stack.extend((child, False) for child in tag.children if isinstance(child, Tag))
            continue
        text = links = 0
        has_block = False
        for child in tag.children:
            if isinstance(child, Tag):
                below = found[id(child)]
                text, links = text + below.text, links + below.links
                has_block = has_block or below.has_block or child.name in _VOTE_BLOCKERS
            elif type(child) in _TEXT_TYPES:
                text += len(_WHITESPACE.sub("", str(child)))
        found[id(tag)] = _Measure(text, text if tag.name == "a" else links, has_block)
    return found


def _densest(soup: BeautifulSoup) -> Tag | None:
    """Readability's idea, small: each paragraph-like element credits its parent with its
    non-link text, and the parent with most credit is the article."""
    measures = _measure(soup)
    scores: dict[int, tuple[float, Tag]] = {}
    for node in soup.find_all(["p", "br", "div", "td", "span", "font"]):
        parent = node.parent
        if not isinstance(parent, Tag):
            continue
        measure = measures[id(node)]
        if node.name in ("div", "td") and measure.has_block:
            continue  # only leaf-ish blocks vote
        credit = max(0, measure.text - measure.links) if node.name != "br" else 20
        old = scores.get(id(parent), (0.0, parent))
        scores[id(parent)] = (old[0] + credit, parent)
    if not scores:
        return None
    best = max(scores.values(), key=lambda pair: pair[0])
    return best[1] if best[0] >= MIN_BODY_CHARS else None


def find_body(soup: BeautifulSoup) -> Tag:
    for selector in CONTENT_SELECTORS:
        for found in soup.select(selector):
            if _text_len(found) >= MIN_BODY_CHARS:
                return found
    return _densest(soup) or soup.body or soup


# --- tables -----------------------------------------------------------------------------------


def _own_rows(table: Tag) -> list[Tag]:
    """The table's rows, not those of tables nested in its cells."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _own_cells(tr: Tag) -> list[Tag]:
    return [c for c in tr.find_all(["td", "th"], recursive=False)]


def is_layout_table(table: Tag) -> bool:
    """A table that lays out the page rather than holding data: it nests another table, has a
    single column, or has a cell holding a whole article (no data cell is that long)."""
    if table.get("role") == "presentation" or any(
        t.find_parent("table") is table for t in table.find_all("table")
    ):
        return True
    rows = _own_rows(table)
    cells = [c for tr in rows for c in _own_cells(tr)]
    widths = [sum(_span(c.get("colspan")) for c in _own_cells(tr)) for tr in rows]
    return not rows or max(widths, default=0) < 2 or any(_text_len(c) > MAX_DATA_CELL_CHARS for c in cells)


def _cell_text(cell: Tag) -> str:
    """Lines of a cell (its blocks and <br>s) joined as the text parser joins a cell's lines."""
    walk = _Walk()
    _walk(cell, walk, in_cell=True)
    walk.flush()
    return join_lines([b.text for b in walk.blocks if isinstance(b, Paragraph)])


def table_block(table: Tag, index: int, before: list[Block]) -> Table | None:
    """A two-pass rowspan/colspan expander: each origin cell keeps its spans, covered slots are
    skipped when placing later cells."""
    rows = _own_rows(table)
    taken: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    for r, tr in enumerate(rows):
        col = 0
        for td in _own_cells(tr):
            while (r, col) in taken:
                col += 1
            row_span = min(_span(td.get("rowspan")), len(rows) - r)
            col_span = _span(td.get("colspan"))
            cells.append(Cell(row=r, col=col, row_span=row_span, col_span=col_span, text=_cell_text(td)))
            taken.update((r + dr, col + dc) for dr in range(row_span) for dc in range(col_span))
            col += col_span
    if not cells:
        return None
    n_cols = max(c.col + c.col_span for c in cells)
    caption_tag = table.find("caption")
    caption = _WHITESPACE.sub(" ", caption_tag.get_text()).strip() if caption_tag else caption_above(before)
    return Table(
        index=index,
        n_rows=len(rows),
        n_cols=n_cols,
        cells=tuple(cells),
        caption=caption or None,
        loc=Loc(para=index),
    )


# --- walking the body -------------------------------------------------------------------------


@dataclass(frozen=True)
class _BlockEnd:
    """Marks the end of a block element on the walk's stack, with the hint to restore."""

    hint: str | None


def _walk(node: Tag, walk: _Walk, in_cell: bool = False) -> None:
    """Depth-first over the body with an explicit stack: pages with thousands of unclosed
    <font> tags nest that deep, far past Python's recursion limit."""
    stack: list[tuple[Iterator[object], _BlockEnd | None]] = [(iter(node.children), None)]
    while stack:
        children, end = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if end is not None:
                walk.flush()
                walk.hint = end.hint
            continue
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            walk.buffer.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            walk.flush()
        elif name == "table" and not in_cell and not is_layout_table(child):
            walk.flush()
            table = table_block(child, len(walk.blocks), walk.blocks)
            if table is not None:
                walk.blocks.append(table)
        elif name in BLOCK_TAGS or name == "table":
            walk.flush()
            stack.append((iter(child.children), _BlockEnd(walk.hint)))
            if name in HEADING_TAGS:
                walk.hint = name
        else:
            stack.append((iter(child.children), None))


def _remove_chrome(root: Tag) -> list[Tag]:
    """Detach chrome inside the body (outermost elements only) and return it."""
    found: list[Tag] = []
    stack = [root]
    while stack:
        tag = stack.pop()
        children = tag.find_all(True, recursive=False)
        found.extend(child for child in children if _is_chrome(child))
        stack.extend(reversed([child for child in children if not _is_chrome(child)]))
    for tag in found:
        tag.extract()
    return found


def _furniture(tags: list[Tag]) -> tuple[Block, ...]:
    walk = _Walk()
    for tag in tags:
        _walk(tag, walk)
        walk.flush()
    return tuple(walk.blocks)


def parse(path: Path, data: bytes, sha256: str) -> Document:
    try:
        text, _encoding = decode_bytes(data, declared=declared_charset(data))
    except UndecodableError as exc:
        raise ParseError(path, str(exc)) from exc
    soup = BeautifulSoup(text, "lxml")
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    body = find_body(soup)
    removed = _remove_chrome(body)
    body.extract()
    outside = [t for t in (soup.body or soup).find_all(True, recursive=False)]
    walk = _Walk()
    _walk(body, walk)
    walk.flush()
    if not any(isinstance(b, Paragraph | Table) for b in walk.blocks):
        raise ParseError(path, "the page has no readable text in its body")
    return Document(
        source_file=path.name,
        sha256=sha256,
        format="html",
        blocks=tuple(walk.blocks),
        furniture=_furniture(removed + outside),
    )
