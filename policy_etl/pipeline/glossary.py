"""Glossary: term → definition pairs of a 名词解释 appendix, printed as lines or as a table.

Plans explain their slogans ("五水共治", "三线一单") in an appendix; researchers look the terms
up across plans, so each term is one record and the quotation marks around it are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policy_etl.pipeline.context import ExtractContext
from policy_etl.pipeline.patterns.glossary import (
    DEFINITION_HEADER,
    GLOSSARY_END,
    GLOSSARY_HEADING,
    TERM_HEADER,
    clean_term,
    is_term_line,
    split_terms,
)
from policy_etl.schemas.document import Paragraph, Table
from policy_etl.schemas.records import GlossaryRecord


@dataclass
class _Entry:
    """Terms of one term line and the definition lines that follow it."""

    terms: list[str]
    block: int
    definitions: list[str] = field(default_factory=list)


def extract(ctx: ExtractContext) -> list[GlossaryRecord]:
    records: list[GlossaryRecord] = []
    for block in ctx.doc.blocks:
        if isinstance(block, Table) and _is_glossary_table(ctx, block):
            records.extend(_table_terms(ctx, block))
    records.extend(_paragraph_terms(ctx))
    return sorted(records, key=lambda r: r.block)


def _paragraph_terms(ctx: ExtractContext) -> list[GlossaryRecord]:
    entries: list[_Entry] = []
    inside = False
    for block in ctx.doc.blocks:
        if not isinstance(block, Paragraph):
            inside = False
            continue
        text = block.text.strip()
        if GLOSSARY_HEADING.match(text):
            inside = True
            continue
        if not inside:
            continue
        if GLOSSARY_END.match(text):
            inside = False
        elif is_term_line(text):
            entries.append(_Entry(split_terms(text), block.index))
        elif entries:
            entries[-1].definitions.append(text)
    return [record for entry in entries for record in _entry_records(ctx, entry)]


def _entry_records(ctx: ExtractContext, entry: _Entry) -> list[GlossaryRecord]:
    """One record per term; a line of n terms followed by n definitions pairs them in order."""
    if not entry.definitions:
        return []
    if len(entry.terms) > 1 and len(entry.definitions) == len(entry.terms):
        pairs = list(zip(entry.terms, entry.definitions, strict=True))
    else:
        pairs = [(term, "".join(entry.definitions)) for term in entry.terms]
    section = ctx.outline.section_at(entry.block)
    return [
        GlossaryRecord(section=section, term=term, definition=definition, block=entry.block)
        for term, definition in pairs
        if term
    ]


def _is_glossary_table(ctx: ExtractContext, table: Table) -> bool:
    record = ctx.table(table.index)
    if record is not None and record.kind == "glossary":
        return True
    header = " ".join(c.text for c in table.cells if c.row == 0)
    return bool(TERM_HEADER.search(header) and DEFINITION_HEADER.search(header))


def _table_terms(ctx: ExtractContext, table: Table) -> list[GlossaryRecord]:
    """Rows of a two-column glossary table: the term column and the definition column."""
    grid = table.filled_grid()
    if not grid:
        return []
    header = grid[0]
    term_col = next((i for i, h in enumerate(header) if TERM_HEADER.search(h)), None)
    def_col = next((i for i, h in enumerate(header) if DEFINITION_HEADER.search(h) and i != term_col), None)
    if term_col is None or def_col is None:
        return []
    section = ctx.outline.section_at(table.index)
    return [
        GlossaryRecord(
            section=section,
            term=clean_term(row[term_col]),
            definition=row[def_col].strip(),
            block=table.index,
        )
        for row in grid[1:]
        if clean_term(row[term_col]) and row[def_col].strip() and row[term_col] != row[def_col]
    ]
