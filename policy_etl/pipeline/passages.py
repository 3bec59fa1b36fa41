"""Searchable passages: each paragraph and each table cell, with its words segmented once.

Segmenting here, in the pipeline, keeps the loader a plain writer and lets the benchmark time
segmentation as its own stage.
"""

from __future__ import annotations

from policy_etl.pipeline.context import Outline
from policy_etl.schemas.document import Document, Paragraph
from policy_etl.schemas.records import PassageRecord
from policy_etl.segment import search_tokens


def extract_passages(doc: Document, outline: Outline) -> list[PassageRecord]:
    passages: list[PassageRecord] = []
    for block in doc.blocks:
        section = outline.section_at(block.index)
        if isinstance(block, Paragraph):
            texts = [(None, block.text)]
        else:
            texts = [((c.row, c.col), c.text) for c in block.cells if c.text.strip()]
        for cell, text in texts:
            passages.append(
                PassageRecord(
                    section=section,
                    table=None if cell is None else block.index,
                    cell_row=None if cell is None else cell[0],
                    cell_col=None if cell is None else cell[1],
                    block=block.index,
                    text=text,
                    tokens=" ".join(search_tokens(text)),
                )
            )
    return passages
