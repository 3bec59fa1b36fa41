"""One cleanup stage between parsing and extraction, for every format.

Each rule is a named function from text to text, listed in `TEXT_RULES` in the order they run,
so a rule can be tested on its own and a reader sees every rewrite the pipeline makes. The
original text stays on the block (`source_text`) so provenance still points into the source.
Paragraphs that are empty after cleanup are dropped. Paragraphs that are web-page chrome
(`PARAGRAPH_RULES`, tables in `patterns/chrome.py`) and a page footer after 特别声明 move to
`Document.furniture`. Block indexes are renumbered so that extractors see a dense sequence.

Before any of this, tables that a format flattened into paragraphs are rebuilt
(`TABLE_RECOVERIES`, in `recover_tables.py`), then every table is made valid
(`repair.repair_tables`): a grid a parser got wrong is repaired or dropped with a warning, so one
bad cell never costs the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from policy_etl.parsers.textjoin import CJK_OR_FULLWIDTH
from policy_etl.pipeline.patterns import chrome
from policy_etl.pipeline.recover_tables import Recovery, recover_flattened_tables, recover_tab_cell_rows
from policy_etl.pipeline.repair import repair_tables
from policy_etl.schemas.document import Block, Cell, Document, Paragraph, Table

# Table recoveries, in the order they run, over the parser's blocks before anything else: they
# read the raw paragraph text (cleaning drops the TAB that marks a cell), and the tables they
# make are repaired and cleaned like a parser's. TAB-marked cells first: the mark is explicit,
# so those paragraphs are settled before the unmarked one-cell-per-line reader looks at the rest.
TABLE_RECOVERIES: tuple[Recovery, ...] = (
    recover_tab_cell_rows,
    recover_flattened_tables,
)

TextRule = Callable[[str], str]
# A paragraph rule names why a cleaned paragraph is furniture, or returns None.
ParagraphRule = Callable[[str], str | None]

# Word-to-text converters leave bookmark anchors such as "[bookmark: _Toc8881]" in the text.
_BOOKMARK = re.compile(r"\[bookmark:\s*[^\]]*\]")

# A space between two CJK characters comes from PDF line wrapping or justified text ("生态文 明"),
# and so does a space between CJK text and a number ("到 2025 年", "提升至 70%"). The exception is
# the space after a caption's label ("表1 嘉兴市…", "专栏2 生态保护…"), which is meant. Spaces
# between Latin words and numbers stay ("GB 3095").
_SPACE_IN_CJK = re.compile(f"(?<=[{CJK_OR_FULLWIDTH}])[ \\t\\u00a0\\u3000]+(?=[{CJK_OR_FULLWIDTH}])")
_SPACE_CJK_THEN_DIGIT = re.compile(f"(?<=[{CJK_OR_FULLWIDTH}])[ \\t\\u00a0]+(?=[0-9])")
_SPACE_DIGIT_THEN_CJK = re.compile(f"(?P<number>[0-9][0-9.,%]*)[ \\t\\u00a0]+(?=[{CJK_OR_FULLWIDTH}])")
# Labels after which "N " keeps its space: captions and box titles.
CAPTION_LABELS = ("表", "图", "附件", "附表", "专栏")


def _join_digit_cjk(match: re.Match[str]) -> str:
    before = match.string[: match.start()]
    keep = before.endswith(CAPTION_LABELS) and (match.start() == 0 or before[-1:] != " ")
    return match.group(0) if keep else match.group("number")


def drop_bookmarks(text: str) -> str:
    return _BOOKMARK.sub("", text)


def join_cjk_spaces(text: str) -> str:
    text = _SPACE_IN_CJK.sub("", text)
    text = _SPACE_CJK_THEN_DIGIT.sub("", text)
    return _SPACE_DIGIT_THEN_CJK.sub(_join_digit_cjk, text)


# A decimal point next to a space inside a code such as "PM2. 5" (a wrapped web page) or
# "PM2 .5" (a PDF table cell wrapped before the point); only after a letter and a digit, so a
# numbered item "1. 5年内…" keeps its space.
_SPLIT_DECIMAL = re.compile(r"(?<=[A-Za-z][0-9])(?:\.[ \u00a0]+|[ \u00a0]+\.)(?=[0-9])")


def join_split_decimals(text: str) -> str:
    return _SPLIT_DECIMAL.sub(".", text)


# Runs of spaces used for layout in text dumps ("表1  上虞区…") carry no meaning.
_SPACE_RUN = re.compile(r"[ \u00a0]{2,}")


def collapse_space_runs(text: str) -> str:
    return _SPACE_RUN.sub(" ", text)


def strip_edges(text: str) -> str:
    return text.strip(" \t\u00a0\u3000\ufeff")


TEXT_RULES: tuple[TextRule, ...] = (
    drop_bookmarks,
    join_cjk_spaces,
    join_split_decimals,
    collapse_space_runs,
    strip_edges,
)


def clean_text(text: str) -> str:
    for rule in TEXT_RULES:
        text = rule(text)
    return text


def web_chrome(text: str) -> str | None:
    """Name of the chrome rule a whole paragraph matches (breadcrumb, info box, share prompt…)."""
    return next((name for name, rule in chrome.CHROME_PARAGRAPHS.items() if rule.search(text)), None)


PARAGRAPH_RULES: tuple[ParagraphRule, ...] = (web_chrome,)


def furniture_reason(text: str) -> str | None:
    return next((reason for rule in PARAGRAPH_RULES if (reason := rule(text))), None)


def footer_start(blocks: list[Block]) -> int | None:
    """Position of a web page's footer (特别声明…): a short, table-free tail of site chrome."""
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph) and chrome.FOOTER_START.match(block.text):
            tail = blocks[i:]
            short = len(tail) <= chrome.FOOTER_MAX_PARAGRAPHS
            return i if short and all(isinstance(b, Paragraph) for b in tail) else None
    return None


def _clean_paragraph(block: Paragraph, index: int) -> Paragraph | None:
    text = clean_text(block.text)
    if not text:
        return None
    source = block.source_text if block.source_text is not None else block.text
    return block.model_copy(
        update={"index": index, "text": text, "source_text": source if source != text else None}
    )


def _clean_table(block: Table, index: int) -> Table:
    cells = tuple(Cell(**{**c.model_dump(), "text": clean_text(c.text)}) for c in block.cells)
    caption = clean_text(block.caption) if block.caption else None
    return block.model_copy(update={"index": index, "cells": cells, "caption": caption or None})


def _split_furniture(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    footer = footer_start(blocks)
    body = blocks if footer is None else blocks[:footer]
    kept = [b for b in body if not (isinstance(b, Paragraph) and furniture_reason(b.text))]
    moved = [b for b in body if isinstance(b, Paragraph) and furniture_reason(b.text)]
    return kept, moved + ([] if footer is None else blocks[footer:])


def _renumber(blocks: list[Block], first: int = 0) -> tuple[Block, ...]:
    return tuple(b.model_copy(update={"index": first + i}) for i, b in enumerate(blocks))


def recover_tables(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with every table a format flattened into paragraphs rebuilt (TABLE_RECOVERIES)."""
    out = list(blocks)
    for recovery in TABLE_RECOVERIES:
        out = recovery(out)
    return out


def normalize(doc: Document) -> Document:
    cleaned: list[Block] = []
    for block in repair_tables(recover_tables(doc.blocks)):
        if isinstance(block, Paragraph):
            paragraph = _clean_paragraph(block, len(cleaned))
            if paragraph is not None:
                cleaned.append(paragraph)
        else:
            cleaned.append(_clean_table(block, len(cleaned)))
    body, furniture = _split_furniture(cleaned)
    return doc.model_copy(
        update={
            "blocks": _renumber(body),
            "furniture": (*doc.furniture, *_renumber(furniture, len(doc.furniture))),
        }
    )
