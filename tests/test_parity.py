"""Parity: a real DOCX, DOC, HTML or PDF file yields the same records as the same content as a text dump.

Every fixture under tests/fixtures/{docx,html,doc,pdf_parity} has a `.txt` twin written by
tests/fixtures/make_fixtures.py from the same content (the PDFs are the DOCX files as published,
exported by LibreOffice, and committed), or by make_flat_fixtures.py (`seed003_flattened`,
`seed00N_tabcells`: tables flattened one cell per paragraph, which normalize rebuilds; the
flattened one and seed 000's TAB-cell one also as LibreOffice PDFs, whose parser glues cells
into paragraphs and records where they may be split, which lines start at a tab stop and how many
empty lines are above a line). Both are parsed, normalized and
extracted; the extractions must be equal once provenance is set aside (file name, hash, format,
page numbers, and `block`, which only says where a record was found). Block indexes are not set
aside: every format must yield the same sequence of blocks. Tables are compared
directly as well, spans included. As extractors land, this test covers their records unchanged.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from policy_etl.parsers import parse_file
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.normalize import normalize
from policy_etl.schemas.document import Document, Paragraph, Table

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = sorted(
    p
    for sub in ("docx", "html", "doc", "pdf_parity")
    for p in (FIXTURES / sub).glob("*")
    if p.suffix != ".txt"
)
# The .doc fixture converts through LibreOffice at test time (once: `both` is cached); the only
# tests that need soffice, so CI must install libreoffice-writer-nogui.
CASES = [pytest.param(p, marks=pytest.mark.slow) if p.suffix == ".doc" else p for p in SOURCES]
PROVENANCE = {"block", "page", "source_file", "sha256", "format", "n_pages"}


def without_provenance(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_provenance(v) for k, v in value.items() if k not in PROVENANCE}
    if isinstance(value, list):
        return [without_provenance(v) for v in value]
    return value


@cache  # the .doc converts through LibreOffice once, not once per test
def both(source: Path) -> tuple[Document, Document]:
    twin = source.with_suffix(".txt")
    assert twin.exists(), f"{source.name} has no text twin; rerun tests/fixtures/make_fixtures.py"
    return normalize(parse_file(source)), normalize(parse_file(twin))


def test_every_format_has_fixtures() -> None:
    assert {p.suffix for p in SOURCES} == {".docx", ".html", ".doc", ".pdf"}


@pytest.mark.parametrize("source", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_records_equal_those_of_the_text_twin(source: Path) -> None:
    doc, text = both(source)
    assert doc.format == source.suffix[1:]
    got = without_provenance(extract(doc).model_dump())
    want = without_provenance(extract(text).model_dump())
    assert got == want


@pytest.mark.parametrize("source", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_blocks_and_table_grids_equal_those_of_the_text_twin(source: Path) -> None:
    doc, text = both(source)
    assert [b.kind for b in doc.blocks] == [b.kind for b in text.blocks]
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == [
        b.text for b in text.blocks if isinstance(b, Paragraph)
    ]
    tables, text_tables = doc.tables(), text.tables()
    assert tables, "each fixture holds a table"
    for table, twin in zip(tables, text_tables, strict=True):
        assert (table.n_rows, table.n_cols, table.caption) == (twin.n_rows, twin.n_cols, twin.caption)
        assert table.as_grid() == twin.as_grid()
        assert spans(table) == spans(twin)


def spans(table: Table) -> list[tuple[int, int, int, int]]:
    return sorted((c.row, c.col, c.row_span, c.col_span) for c in table.cells)


def test_fixture_tables_really_hold_merged_cells() -> None:
    """Guards the parity test against fixtures that lost their merges when regenerated."""
    (plan,) = parse_file(FIXTURES / "docx" / "seed000_plan.docx").tables()
    (table1,) = parse_file(FIXTURES / "html" / "seed002_table1.html").tables()
    assert (1, 1, 4, 1) in spans(plan)
    assert (0, 3, 1, 2) in spans(table1) and (1, 0, 6, 1) in spans(table1)


@pytest.mark.parametrize("name", ["seed003_flattened", "seed003_flattened_blanklines"])
def test_flattened_pdf_fixtures_really_glue_their_cells(name: str) -> None:
    """Guards the PDF twins of seed 003's attachments against a regeneration the parser reads
    one line per paragraph: cells glued into paragraphs, over page breaks too (a 序号 at a
    page's foot with the next page's first cell), are what the recovery has to split at
    `possible_ends`."""
    doc = parse_file(FIXTURES / "pdf_parity" / f"{name}.pdf")
    twin = (FIXTURES / "pdf_parity" / f"{name}.txt").read_text(encoding="utf-8")
    lines = [line for line in twin.splitlines() if line.strip()]
    glued = [p for p in doc.paragraphs() if p.possible_ends]
    assert len(doc.paragraphs()) < len(lines) - 100 and len(glued) > 100
    over_a_page_break = [p for p in glued if p.loc.char_end is None]
    assert any(re.match(r"\d+\D", p.text) for p in over_a_page_break)


def test_pdf_fixture_table_really_continues_over_a_page_break() -> None:
    """表1 breaks after row 9, inside the 序号 8 / 水环境质量 cells merged over rows 9-11, so the
    PDF parity covers a continued table and a merged cell rejoined over the break."""
    doc = parse_file(FIXTURES / "pdf_parity" / "seed002_table1.pdf")
    (table1,) = doc.tables()
    assert doc.n_pages == 2 and table1.n_rows == 13
    assert {(9, 2, 3, 1), (9, 3, 3, 1)} <= set(spans(table1))


def test_tab_cell_pdf_fixture_really_lost_its_tabs_and_empty_paragraphs() -> None:
    """Guards the PDF twin of seed 000's TAB-cell table: no TAB reaches the text, every cell is
    a printed line at the tab stop, and a blank line with two empty cells is three empty lines,
    over page breaks too (a page ending or starting with them)."""
    doc = parse_file(FIXTURES / "pdf_parity" / "seed000_tabcells.pdf")
    twin = (FIXTURES / "pdf_parity" / "seed000_tabcells.txt").read_text(encoding="utf-8").splitlines()
    assert not any("\t" in p.text for p in doc.paragraphs())
    cells = [line for line in twin if line.startswith("\t") and line.strip()]
    assert sum(len(p.tab_starts) for p in doc.paragraphs()) == len(cells)
    gaps = [(p, n) for p in doc.paragraphs() for start, n in p.empty_lines if n == 3]
    assert len(gaps) > 20 and any(p.loc.char_end is None for p, _ in gaps)
