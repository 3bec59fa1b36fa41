"""Word (.docx) files: the body's paragraphs and tables, in document order.

The body XML is walked directly rather than through python-docx's paragraph and cell objects,
because what the extractors need is exactly what those objects smooth away:

- the list number Word draws from `w:numPr` (rendered by `docx_numbering`), which holds the
  一、/（一）/1. that the section extractor reads;
- merged cells as spans: `gridSpan`, `vMerge` restart/continue and `gridBefore`, which
  python-docx reports as the same cell object repeated in every slot;
- tracked changes: a deletion (`w:del`) is not in the document any more, an insertion is.

Headers, footers, footnotes and comments live in other parts and are never read. python-docx
still opens the package: its lxml parser is built with `resolve_entities=False`, so a DOCX
cannot pull a local file or URL into its text through an external entity.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from policy_etl.parsers.base import ParseError
from policy_etl.parsers.captions import caption_above
from policy_etl.parsers.docx_numbering import MAX_LEVELS, Numbering, W
from policy_etl.parsers.textjoin import join_lines
from policy_etl.schemas.document import Block, Cell, Document, DocumentFormat, Loc, Paragraph, Table

# A real plan's document.xml is a few MB; 200 MB of declared XML is a zip bomb or not a plan.
# zipfile never inflates past a member's declared size, so checking the declaration suffices.
MAX_DOCUMENT_XML_BYTES = 200 * 1024 * 1024
# Every part together (images included) is bounded too: python-docx loads them all.
MAX_PACKAGE_BYTES = 1024 * 1024 * 1024

# Elements whose content is not part of the document's current text.
_SKIPPED = {
    f"{W}del",  # tracked deletion
    f"{W}moveFrom",  # tracked move, old position
    f"{W}instrText",  # field code (the field's result follows as ordinary runs)
    f"{W}delInstrText",
    f"{W}delText",
    f"{{{'http://schemas.openxmlformats.org/markup-compatibility/2006'}}}Fallback",  # duplicate of Choice
}
# Containers whose children are body content (content controls, custom XML, tracked moves/inserts).
_TRANSPARENT = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo", f"{W}smartTag"}
# Heading styles without an outline level still say their level in the name ("Heading 2", "标题 2").
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
# Table-of-contents entry styles ("toc 1", "TOC 2", "目录 1"): a 目录 lists the headings again, with
# page numbers, and must not become a second set of sections.
_TOC_NAME = re.compile(r"^(?:toc|目录)\s*\d$", re.IGNORECASE)
_TOC_GALLERY = "Table of Contents"


@dataclass(frozen=True)
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    toc: bool = False


@dataclass
class _Context:
    """What a walk over the body needs besides the element at hand."""

    numbering: Numbering
    styles: dict[str, _Style]
    default_style: str | None
    para_count: int = 0
    blocks: list[Block] = field(default_factory=list)
    furniture: list[Block] = field(default_factory=list)


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _int(text: str | None, default: int) -> int:
    match = re.match(r"\d+", text or "")
    return int(match.group()) if match else default


# --- package guard ----------------------------------------------------------------------------


def check_package(path: Path, data: bytes, max_xml_bytes: int | None = None) -> None:
    """Refuse a package whose declared sizes would blow up memory, before anything inflates it.

    The limit defaults to MAX_DOCUMENT_XML_BYTES, read at call time so it can be configured.
    """
    max_xml_bytes = MAX_DOCUMENT_XML_BYTES if max_xml_bytes is None else max_xml_bytes
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ParseError(path, f"not a readable Word file (broken ZIP: {exc})") from exc
    sizes = {info.filename: info.file_size for info in infos}
    if "word/document.xml" not in sizes:
        raise ParseError(path, "not a Word document: the ZIP has no word/document.xml")
    if sizes["word/document.xml"] > max_xml_bytes:
        mb = sizes["word/document.xml"] // (1024 * 1024)
        raise ParseError(
            path, f"word/document.xml declares {mb} MB uncompressed: refused as a likely zip bomb"
        )
    if sum(sizes.values()) > MAX_PACKAGE_BYTES:
        raise ParseError(
            path, "the Word package declares over 1 GB uncompressed: refused as a likely zip bomb"
        )


# --- styles -----------------------------------------------------------------------------------


def _read_styles(document: docx.document.Document) -> tuple[dict[str, _Style], str | None]:
    styles: dict[str, _Style] = {}
    default: str | None = None
    root = document.styles.element
    for style in root.findall(f"{W}style"):
        style_id = style.get(f"{W}styleId")
        if not style_id:
            continue
        if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
            default = style_id
        ppr = style.find(f"{W}pPr")
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        name = _val(style.find(f"{W}name")) or ""
        name_match = _HEADING_NAME.match(name)
        styles[style_id] = _Style(
            based_on=_val(style.find(f"{W}basedOn")),
            num_id=_val(num_pr.find(f"{W}numId")) if num_pr is not None else None,
            ilvl=_int(_val(num_pr.find(f"{W}ilvl")), 0)
            if num_pr is not None and num_pr.find(f"{W}ilvl") is not None
            else None,
            outline=_int(_val(outline), 9)
            if outline is not None
            else (int(name_match.group(1)) - 1 if name_match else None),
            toc=bool(_TOC_NAME.match(name)),
        )
    return styles, default


def _style_chain(ctx: _Context, style_id: str | None) -> Iterator[tuple[str, _Style]]:
    seen: set[str] = set()
    while style_id and style_id in ctx.styles and style_id not in seen:
        seen.add(style_id)
        yield style_id, ctx.styles[style_id]
        style_id = ctx.styles[style_id].based_on


# --- paragraphs -------------------------------------------------------------------------------


def _run_texts(element: etree._Element) -> Iterator[str]:
    """Text of a paragraph in order; a line break yields "\n" so the caller can split on it."""
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == f"{W}t":
            # A newline inside w:t is XML whitespace, not a line break: Word shows a space.
            yield (child.text or "").replace("\n", " ")
        elif tag == f"{W}tab":
            yield "\t"
        elif tag in (f"{W}br", f"{W}cr"):
            yield "\n"
        elif tag == f"{W}noBreakHyphen":
            yield "-"
        elif tag == f"{W}sym":
            yield ""
        else:
            yield from _run_texts(child)


def _numbering_of(p: etree._Element, ctx: _Context) -> tuple[str | None, int]:
    """(numId, level) of a paragraph: its own w:numPr, else the nearest style's."""
    ppr = p.find(f"{W}pPr")
    num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
    style_id = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
    if num_pr is not None and num_pr.find(f"{W}numId") is not None:
        ilvl = _int(_val(num_pr.find(f"{W}ilvl")), 0)
        return _val(num_pr.find(f"{W}numId")), ilvl
    for sid, style in _style_chain(ctx, style_id or ctx.default_style):
        if style.num_id is not None:
            ilvl = style.ilvl if style.ilvl is not None else ctx.numbering.level_for_style(style.num_id, sid)
            return style.num_id, ilvl or 0
    return None, 0


def _outline_level(p: etree._Element, ctx: _Context) -> int | None:
    ppr = p.find(f"{W}pPr")
    if ppr is not None and ppr.find(f"{W}outlineLvl") is not None:
        return _int(_val(ppr.find(f"{W}outlineLvl")), 9)
    style_id = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
    for _sid, style in _style_chain(ctx, style_id or ctx.default_style):
        if style.outline is not None:
            return style.outline
    return None


def paragraph_lines(p: etree._Element, ctx: _Context) -> list[str]:
    """The paragraph's text with its list number in front, split at manual line breaks."""
    num_id, ilvl = _numbering_of(p, ctx)
    number = ctx.numbering.render(num_id, min(ilvl, MAX_LEVELS - 1)) if num_id else ""
    text = number + "".join(_run_texts(p))
    return [_strip_keeping_cell_mark(line) for line in text.split("\n")]


def _strip_keeping_cell_mark(line: str) -> str:
    """A line stripped, but one leading TAB kept: a table dumped one cell per paragraph marks each
    cell with a TAB, and the normalize stage's table recovery reads that mark (cleaning drops it)."""
    return "\t" + line[1:].strip() if line.startswith("\t") else line.strip()


def _style_hint(p: etree._Element, ctx: _Context) -> str | None:
    level = _outline_level(p, ctx)
    # Outline level 9 is Word's "body text"; 0..8 are heading levels 1..9.
    return f"h{level + 1}" if level is not None and 0 <= level < MAX_LEVELS else None


def _is_toc_entry(p: etree._Element, ctx: _Context) -> bool:
    ppr = p.find(f"{W}pPr")
    style_id = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
    return any(style.toc for _sid, style in _style_chain(ctx, style_id))


def _add_paragraph(p: etree._Element, ctx: _Context, furniture: bool = False) -> None:
    hint = _style_hint(p, ctx)
    para = ctx.para_count
    ctx.para_count += 1
    target = ctx.furniture if furniture or _is_toc_entry(p, ctx) else ctx.blocks
    for line in paragraph_lines(p, ctx):
        if line:
            target.append(Paragraph(index=len(target), text=line, loc=Loc(para=para), style_hint=hint))


# --- tables -----------------------------------------------------------------------------------


def _cell_text(tc: etree._Element, ctx: _Context) -> str:
    """Paragraphs of a cell (and of any table nested in it) joined as the text parser joins them."""
    lines: list[str] = []
    for child in _content(tc):
        if child.tag == f"{W}p":
            lines.extend(paragraph_lines(child, ctx))
        elif child.tag == f"{W}tbl":
            for row in _rows(child):
                for cell in _cells(row):
                    lines.append(_cell_text(cell, ctx))
    return join_lines(lines)


def _content(element: etree._Element) -> Iterator[etree._Element]:
    """Children of a body, cell, row or table, looking through content controls and tracked inserts."""
    for child in element:
        if child.tag in _TRANSPARENT:
            yield from _content(child)
        elif child.tag not in _SKIPPED:
            yield child


def _rows(tbl: etree._Element) -> list[etree._Element]:
    return [el for el in _content(tbl) if el.tag == f"{W}tr"]


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [el for el in _content(tr) if el.tag == f"{W}tc"]


def _tc_prop(tc: etree._Element, name: str) -> etree._Element | None:
    tcpr = tc.find(f"{W}tcPr")
    return tcpr.find(f"{W}{name}") if tcpr is not None else None


@dataclass
class _GridCell:
    row: int
    col: int
    col_span: int
    text: str
    row_span: int = 1


def table_block(tbl: etree._Element, ctx: _Context, index: int, para: int) -> Table:
    """A w:tbl as a grid: vMerge continuations extend the cell above that starts in the same column."""
    cells: list[_GridCell] = []
    owner: dict[tuple[int, int], _GridCell] = {}
    rows = _rows(tbl)
    for r, tr in enumerate(rows):
        trpr = tr.find(f"{W}trPr")
        col = (
            _int(_val(trpr.find(f"{W}gridBefore")), 0)
            if trpr is not None and trpr.find(f"{W}gridBefore") is not None
            else 0
        )
        for tc in _cells(tr):
            span = max(1, _int(_val(_tc_prop(tc, "gridSpan")), 1))
            v_merge = _tc_prop(tc, "vMerge")
            h_merge = _tc_prop(tc, "hMerge")
            above = owner.get((r - 1, col))
            if (
                v_merge is not None
                and _val(v_merge) in (None, "continue")
                and above is not None
                and above.col == col
            ):
                above.row_span = r - above.row + 1
                target = above
            elif (
                h_merge is not None
                and _val(h_merge) in (None, "continue")
                and owner.get((r, col - 1)) is not None
            ):
                target = owner[(r, col - 1)]
                target.col_span += span
            else:
                target = _GridCell(r, col, span, _cell_text(tc, ctx))
                cells.append(target)
            for c in range(col, col + span):
                owner[(r, c)] = target
            col += span
    n_cols = max((c.col + c.col_span for c in cells), default=0)
    caption = caption_above(ctx.blocks)
    return Table(
        index=index,
        n_rows=len(rows),
        n_cols=n_cols,
        cells=tuple(
            Cell(row=c.row, col=c.col, row_span=c.row_span, col_span=c.col_span, text=c.text) for c in cells
        ),
        caption=caption,
        loc=Loc(para=para),
    )


# --- document ---------------------------------------------------------------------------------


def _is_toc_control(sdt: etree._Element) -> bool:
    """Word wraps a generated 目录 in a content control from the "Table of Contents" gallery."""
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return _val(gallery) == _TOC_GALLERY


def _walk_body(body: etree._Element, ctx: _Context) -> None:
    for child in body:
        if child.tag == f"{W}sdt" and _is_toc_control(child):
            for p in child.iter(f"{W}p"):
                _add_paragraph(p, ctx, furniture=True)
        elif child.tag in _TRANSPARENT:
            _walk_body(child, ctx)
        elif child.tag == f"{W}p":
            _add_paragraph(child, ctx)
        elif child.tag == f"{W}tbl":
            table = table_block(child, ctx, len(ctx.blocks), ctx.para_count)
            ctx.para_count += 1
            if table.n_rows and table.n_cols:
                ctx.blocks.append(table)


def _numbering_root(document: docx.document.Document) -> etree._Element | None:
    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return rel.target_part.element  # type: ignore[attr-defined, no-any-return]
    return None


def parse_docx(path: Path, data: bytes, sha256: str, fmt: DocumentFormat = "docx") -> Document:
    """Read DOCX bytes; `fmt` lets the legacy converter report the format the user gave us."""
    check_package(path, data)
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise ParseError(path, f"not a readable Word document ({type(exc).__name__}: {exc})") from exc
    styles, default_style = _read_styles(document)
    ctx = _Context(
        numbering=Numbering.from_xml(_numbering_root(document)), styles=styles, default_style=default_style
    )
    _walk_body(document.element.body, ctx)
    return Document(
        source_file=path.name,
        sha256=sha256,
        format=fmt,
        blocks=tuple(ctx.blocks),
        furniture=tuple(ctx.furniture),
    )


def parse(path: Path, data: bytes, sha256: str) -> Document:
    return parse_docx(path, data, sha256)
