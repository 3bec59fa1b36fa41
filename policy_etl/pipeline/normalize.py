"""One cleanup stage between parsing and extraction, for every format.

Each rule is a named function from text to text, listed in `TEXT_RULES` in the order they run,
so a rule can be tested on its own and a reader sees every rewrite the pipeline makes. The
original text stays on the block (`source_text`) so provenance still points into the source.
Paragraphs that are empty after cleanup are dropped; block indexes are renumbered so that
extractors see a dense sequence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from policy_etl.parsers.textjoin import CJK_OR_FULLWIDTH
from policy_etl.schemas.document import Block, Cell, Document, Paragraph, Table

TextRule = Callable[[str], str]

# Word-to-text converters leave bookmark anchors such as "[bookmark: _Toc8881]" in the text.
_BOOKMARK = re.compile(r"\[bookmark:\s*[^\]]*\]")

# A space between two CJK characters comes from PDF line wrapping or justified text ("生态文 明");
# a number with spaces on both sides inside CJK text is the same artefact ("到 2025 年"). A space
# on one side only may be meant ("表1 嘉兴市…"), and spaces between Latin words stay.
_SPACE_IN_CJK = re.compile(f"(?<=[{CJK_OR_FULLWIDTH}])[ \\t\\u00a0\\u3000]+(?=[{CJK_OR_FULLWIDTH}])")
_SPACED_NUMBER_IN_CJK = re.compile(
    f"(?<=[{CJK_OR_FULLWIDTH}])[ \\t\\u00a0]+([0-9][0-9.,%]*)[ \\t\\u00a0]+(?=[{CJK_OR_FULLWIDTH}])"
)


def drop_bookmarks(text: str) -> str:
    return _BOOKMARK.sub("", text)


def join_cjk_spaces(text: str) -> str:
    text = _SPACE_IN_CJK.sub("", text)
    return _SPACED_NUMBER_IN_CJK.sub(r"\1", text)


# Runs of spaces used for layout in text dumps ("表1  上虞区…") carry no meaning.
_SPACE_RUN = re.compile(r"[ \u00a0]{2,}")


def collapse_space_runs(text: str) -> str:
    return _SPACE_RUN.sub(" ", text)


def strip_edges(text: str) -> str:
    return text.strip(" \t\u00a0\u3000\ufeff")


TEXT_RULES: tuple[TextRule, ...] = (drop_bookmarks, join_cjk_spaces, collapse_space_runs, strip_edges)


def clean_text(text: str) -> str:
    for rule in TEXT_RULES:
        text = rule(text)
    return text


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


def normalize(doc: Document) -> Document:
    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            cleaned = _clean_paragraph(block, len(blocks))
            if cleaned is not None:
                blocks.append(cleaned)
        else:
            blocks.append(_clean_table(block, len(blocks)))
    return doc.model_copy(update={"blocks": tuple(blocks)})
