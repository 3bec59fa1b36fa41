"""Runs every extractor over one normalized document, in dependency order.

Sections first (every record points at one), then metadata (later extractors read the plan's
period), then table kinds, then the record extractors, which are independent of each other.
"""

from __future__ import annotations

from policy_etl.lexicon import lexicon
from policy_etl.pipeline import deadlines, glossary, projects, responsibilities, targets
from policy_etl.pipeline.context import ExtractContext, Outline
from policy_etl.pipeline.metadata import extract_metadata
from policy_etl.pipeline.passages import extract_passages
from policy_etl.pipeline.patterns.indicators import indicator_key
from policy_etl.pipeline.sections import extract_sections
from policy_etl.pipeline.tables import extract_tables
from policy_etl.pipeline.timing import stage
from policy_etl.schemas.document import Document
from policy_etl.schemas.records import Extraction, OcrBlockRecord, PassageRecord
from policy_etl.segment import tokenizer


def warm_up() -> None:
    """Load what extractors load lazily (jieba's dictionary, pattern tables) in this process,
    so forked workers share it instead of each loading it again. There are three dictionaries:
    the search tokenizer (rjieba), the indicator tokenizer and the global jieba one that the
    agency lexicon teaches; a child that loads a jieba one itself pays about a second per file."""
    tokenizer()
    lexicon()
    indicator_key("")


def extract(doc: Document) -> Extraction:
    sections = extract_sections(doc)
    outline = Outline.of(sections)
    meta = extract_metadata(doc, outline)
    tables = extract_tables(doc, outline)
    ctx = ExtractContext(doc=doc, outline=outline, meta=meta, tables=tuple(tables))
    return Extraction(
        document=meta,
        sections=sections,
        tables=tables,
        targets=targets.extract(ctx),
        deadlines=deadlines.extract(ctx),
        responsibilities=responsibilities.extract(ctx),
        projects=projects.extract(ctx),
        glossary=glossary.extract(ctx),
        passages=_passages(doc, outline),
        ocr_blocks=ocr_blocks(doc),
    )


def ocr_blocks(doc: Document) -> list[OcrBlockRecord]:
    """The blocks OCR read, so a record can say it came from a page image (and how surely)."""
    return [
        OcrBlockRecord(block=block.index, page=block.loc.page, confidence=block.loc.ocr_confidence)
        for block in doc.blocks
        if block.loc.ocr_confidence is not None
    ]


def _passages(doc: Document, outline: Outline) -> list[PassageRecord]:
    with stage("index"):  # segmenting every passage for the search index: timed on its own
        return extract_passages(doc, outline)
