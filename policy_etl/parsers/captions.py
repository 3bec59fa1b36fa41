"""The caption of a table: the short line printed right above it (表1 …, …分解表, …清单).

Shared by the parsers that build tables from their format (DOCX, HTML) and by the normalize
stage's table recovery (`pipeline/recover_tables.py`), so a table gets the same caption
whichever of them rebuilt it.
"""

from __future__ import annotations

from collections.abc import Sequence

from policy_etl.schemas.document import Block, Paragraph

CAPTION_MAX_CHARS = 60
# A paragraph ending like this is a sentence or runs on: no caption.
NOT_CAPTION_ENDINGS = ("。", "；", "，", "：", ":")


def caption_above(before: Sequence[Block]) -> str | None:
    """The text of the paragraph before a table when it reads as a title, else None."""
    if not before or not isinstance(before[-1], Paragraph):
        return None
    text = before[-1].text.strip()
    if len(text) > CAPTION_MAX_CHARS or text.endswith(NOT_CAPTION_ENDINGS):
        return None
    return text
