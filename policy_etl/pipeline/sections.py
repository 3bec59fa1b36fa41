"""The section hierarchy, from the numbering printed at the start of heading lines.

Levels are not fixed per scheme: a document's levels follow the order in which its body first
uses each scheme (004: 1、 → 1.1 → 1.; most others: 一、 → （一） → 1. → （1）). An appendix
(附件1) is always level 1 and starts a fresh ranking for the numbering inside it.

Numbering is a signal, not proof. Only paragraphs of the body count (not the cover notice, not
a 目录, not table cells, which are separate blocks); a scheme's first use must be its first item
(一, 1, ①…), so a stray "3.…" line cannot invent a level; items of a 专栏 box and of a list of
attachments are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from policy_etl.pipeline.metadata import read_front
from policy_etl.pipeline.patterns import numbering as nb
from policy_etl.schemas.document import Document, Paragraph, Table
from policy_etl.schemas.records import SectionRecord

APPENDIX = "appendix"


@dataclass(frozen=True)
class Heading:
    """A numbered line: its scheme, label, title and the run-in text after the title."""

    scheme: str
    label: str
    title: str
    rest: str


def split_run_in(text: str) -> tuple[str, str]:
    """(title, rest) of a heading's text after its token: the title is the phrase before 。."""
    title, sep, rest = text.partition(nb.RUN_IN_END)
    if len(title) > nb.TITLE_MAX_CHARS:
        cut = nb.TITLE_CLAUSE_BREAK.search(title)
        if cut:
            title, rest = title[: cut.start()], title[cut.end() :] + sep + rest
    return title.strip().rstrip(nb.TITLE_TRAILING), rest.strip()


def match_heading(text: str) -> Heading | None:
    """The numbered heading a paragraph starts with, if any (appendix headings excluded)."""
    for scheme in nb.SCHEMES:
        match = scheme.pattern.match(text)
        if match is None:
            continue
        body = text[match.end() :].strip()
        if not body or (body[0].isdigit() and match["label"][-1].isdigit()):
            return None  # "1. 2021年3月…": a list of dates or values, not a heading
        title, rest = split_run_in(body)
        return Heading(scheme.name, nb.to_label(match["label"]), title, rest) if title else None
    return None


def match_appendix(text: str) -> Heading | None:
    """附件1 / 附件 / 附件：名词解释 on a line of its own (not "附件所列…", not a list)."""
    if nb.APPENDIX_LIST.match(text):
        return None
    match = nb.APPENDIX.match(text)
    if match is None:
        return None
    label, rest = nb.to_label(match["label"]), match["rest"].strip()
    has_number = label[-1].isdigit()
    separated = len(text) > len(match["label"]) and not text[len(match["label"])].isalnum()
    if rest and not (has_number or separated):
        return None
    if nb.RUN_IN_END in rest or len(rest) > nb.TITLE_MAX_CHARS:
        return None
    return Heading(APPENDIX, label, rest.rstrip(nb.TITLE_TRAILING), "")


@dataclass
class _Ranking:
    """Scheme order of first use within one division (the body, or one appendix)."""

    base: int = 0
    order: list[str] = field(default_factory=list)

    def level(self, heading: Heading) -> int | None:
        if heading.scheme not in self.order:
            first = next(s.first for s in nb.SCHEMES if s.name == heading.scheme)
            if not first.match(heading.label):
                return None
            self.order.append(heading.scheme)
        return self.base + self.order.index(heading.scheme) + 1


def _skip_toc(paras: list[Paragraph], i: int) -> int:
    """Position after a table of contents that starts at `i` (the 目录 line)."""
    first: str | None = None
    j = i + 1
    while j < len(paras):
        text = paras[j].text
        entry = nb.TOC_PAGE_SUFFIX.sub("", text)
        if len(text) > nb.TITLE_MAX_CHARS * 1.5 or text.endswith("。") or (first and entry == first):
            break
        first = first or entry
        j += 1
    return j


def _body_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Paragraphs that may hold headings: after the front matter, outside a 目录."""
    start = read_front(doc).body_start
    paras = [b for b in doc.blocks if isinstance(b, Paragraph) and b.index >= start]
    i = 0
    while i < len(paras):
        if nb.TOC_HEADING.match(paras[i].text):
            i = _skip_toc(paras, i)
            continue
        yield paras[i]
        i += 1


@dataclass
class _Open:
    record: dict[str, object]
    texts: list[str]


class _Builder:
    """Turns the heading stream into records: levels, parents, own text."""

    def __init__(self, table_blocks: frozenset[int] = frozenset()) -> None:
        self.table_blocks = table_blocks
        self.ranking = _Ranking()
        self.stack: list[_Open] = []
        self.done: list[_Open] = []
        self.in_box = False
        self.box_scheme: str | None = None
        self.in_attachment_list = False
        self.awaiting_appendix_title: _Open | None = None

    def add(self, para: Paragraph, paras_after: list[Paragraph]) -> None:
        text = para.text
        if self._skipped(text, para.index):
            return
        if self.awaiting_appendix_title is not None and self._fill_appendix_title(text):
            return
        appendix = match_appendix(text)
        if appendix is not None:
            if paras_after and match_appendix(paras_after[0].text):
                return  # "附件：部分重点工程清单" right above "附件": a reference, not the heading
            self._open_appendix(appendix, para)
            return
        heading = match_heading(text)
        if heading and paras_after and nb.TABLE_ROW_NUMBER.match(paras_after[0].text):
            heading = None  # a group row of a table dumped one cell per line (003 附件2)
        level = self._level(heading) if heading else None
        if heading is None or level is None:
            self._append_text(text)
            return
        self._open(heading, level, para)

    def _skipped(self, text: str, index: int) -> bool:
        if nb.APPENDIX_LIST.match(text):
            self.in_attachment_list = True
            return True
        if self.in_attachment_list:
            heading = match_heading(text)
            if heading and heading.scheme in ("arabic_dot", "arabic_dun"):
                return True
            self.in_attachment_list = False
        if nb.BOX_HEADING.match(text):
            # a box printed as a table is closed by the table itself
            self.in_box, self.box_scheme = index + 1 not in self.table_blocks, None
            self._append_text(text)
            return True
        return False

    def _fill_appendix_title(self, text: str) -> bool:
        open_ = self.awaiting_appendix_title
        self.awaiting_appendix_title = None
        if open_ is None or match_heading(text) or match_appendix(text):
            return False
        if len(text) > nb.TITLE_MAX_CHARS or nb.RUN_IN_END in text:
            return False
        open_.record["title"] = text.rstrip(nb.TITLE_TRAILING)
        return True

    def _level(self, heading: Heading) -> int | None:
        if self.in_box:
            # A 专栏 box numbers its items in one scheme (the first one seen inside it); a heading
            # in any other scheme closes the box.
            self.box_scheme = self.box_scheme or heading.scheme
            if heading.scheme == self.box_scheme:
                return None
            self.in_box, self.box_scheme = False, None
        return self.ranking.level(heading)

    def _append_text(self, text: str) -> None:
        if self.stack:
            self.stack[-1].texts.append(text)

    def _open_appendix(self, heading: Heading, para: Paragraph) -> None:
        self.ranking = _Ranking(base=1)
        self.in_box, self.box_scheme = False, None
        opened = self._open(heading, 1, para)
        if not heading.title:
            self.awaiting_appendix_title = opened

    def _open(self, heading: Heading, level: int, para: Paragraph) -> _Open:
        while self.stack and self.stack[-1].record["level"] >= level:  # type: ignore[operator]
            self.stack.pop()
        parent = self.stack[-1].record["ordinal"] if self.stack else None
        record: dict[str, object] = {
            "ordinal": len(self.done) + 1,
            "parent": parent,
            "level": level,
            "label": heading.label,
            "title": heading.title,
            "block": para.index,
            "page": para.loc.page,
        }
        opened = _Open(record, [heading.rest] if heading.rest else [])
        self.stack.append(opened)
        self.done.append(opened)
        return opened

    def records(self) -> list[SectionRecord]:
        return [SectionRecord(**o.record, text="\n".join(o.texts)) for o in self.done]  # type: ignore[arg-type]


def extract_sections(doc: Document) -> list[SectionRecord]:
    paras = list(_body_paragraphs(doc))
    builder = _Builder(frozenset(b.index for b in doc.blocks if isinstance(b, Table)))
    for i, para in enumerate(paras):
        builder.add(para, paras[i + 1 : i + 2])
    return builder.records()
