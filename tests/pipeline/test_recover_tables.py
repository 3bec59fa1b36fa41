"""Table recovery in the normalize stage: tables flattened into paragraphs, whatever the format."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_etl.parsers import parse_bytes, parse_file
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.normalize import TABLE_RECOVERIES, normalize
from policy_etl.pipeline.recover_tables import recover_flattened_tables, recover_tab_cell_rows
from policy_etl.schemas.document import Document, DocumentFormat, Loc, Paragraph, Table
from tests.conftest import seed_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def doc_of(paragraphs: list[tuple[str, Loc]], fmt: DocumentFormat = "docx") -> Document:
    blocks = tuple(Paragraph(index=i, text=text, loc=loc) for i, (text, loc) in enumerate(paragraphs))
    return Document(source_file=f"t.{fmt}", sha256="0" * 64, format=fmt, blocks=blocks)


def test_normalize_names_its_recoveries_in_order() -> None:
    assert (recover_tab_cell_rows, recover_flattened_tables) == TABLE_RECOVERIES


def test_tab_cells_in_docx_paragraphs_read_row_breaks_from_gaps_in_the_paragraph_count() -> None:
    # DOCX keeps no empty paragraph, but counts it: para 3 and 6 are the blank lines
    doc = doc_of(
        [
            ("表1 示例", Loc(para=0)),
            ("\t序号", Loc(para=1)),
            ("\t任务", Loc(para=2)),
            ("\t1", Loc(para=4)),
            ("\t治水", Loc(para=5)),
            ("\t2", Loc(para=7)),
            ("\t", Loc(para=8)),
            ("后文。", Loc(para=11)),
        ]
    )
    out = normalize(doc)
    (table,) = out.tables()
    assert table.as_grid() == [["序号", "任务"], ["1", "治水"], ["2", ""]]
    assert table.caption == "表1 示例"
    assert table.loc == Loc(para=1)  # the first paragraph of the table
    assert [b.kind for b in out.blocks] == ["paragraph", "table", "paragraph"]


def test_whitespace_paragraphs_are_blank_lines_and_the_caption_is_above_them() -> None:
    # an HTML page: <p>&nbsp;</p> between rows; the caption is found above the blank
    doc = doc_of(
        [
            ("表2 指标", Loc(para=0)),
            ("\xa0", Loc(para=1)),
            ("\t指标", Loc(para=2)),
            ("\t单位", Loc(para=3)),
            ("\xa0", Loc(para=4)),
            ("\tPM2.5浓度", Loc(para=5)),
            ("\t微克/立方米", Loc(para=6)),
        ],
        fmt="html",
    )
    (table,) = normalize(doc).tables()
    assert table.as_grid() == [["指标", "单位"], ["PM2.5浓度", "微克/立方米"]]
    assert table.caption == "表2 指标"


def test_text_table_keeps_the_first_lines_loc_and_the_last_lines_end() -> None:
    text = "\t甲\n\t乙\n\n\t1\n\t2\n"
    doc = normalize(parse_bytes(Path("t.txt"), text.encode("utf-8")))
    (table,) = doc.tables()
    assert table.loc == Loc(line=1, char_start=0, char_end=len(text) - 1)


def test_a_table_a_parser_built_splits_the_runs() -> None:
    parsed = Table(index=1, n_rows=1, n_cols=1, cells=(), loc=Loc(para=3))
    blocks = [
        Paragraph(index=0, text="\t甲", loc=Loc(para=1)),
        parsed,
        Paragraph(index=2, text="\t乙", loc=Loc(para=4)),
    ]
    assert recover_tab_cell_rows(blocks) == blocks  # one cell on each side: no table


def _flattened_003(with_blank_lines: bool) -> list[Table]:
    """Seed 003's lines as paragraphs of a PDF (a page, no line numbers, no blank lines) or of
    a text file (line numbers with their gaps)."""
    lines = seed_path("003").read_text(encoding="utf-8").splitlines()
    paragraphs = [
        (line.strip(), Loc(line=n) if with_blank_lines else Loc(page=1))
        for n, line in enumerate(lines, start=1)
        if line.strip()
    ]
    return normalize(doc_of(paragraphs, fmt="txt" if with_blank_lines else "pdf")).tables()


def test_flattened_tables_need_no_blank_lines() -> None:
    with_gaps, without = _flattened_003(True), _flattened_003(False)
    assert [(t.n_rows, t.n_cols) for t in without] == [(28, 4), (109, 5), (46, 5)]
    assert [t.as_grid() for t in without] == [t.as_grid() for t in with_gaps]


@pytest.mark.parametrize(
    "source",
    ["docx/seed003_flattened.docx", "html/seed003_flattened.html"],
)
def test_seed003_attachments_give_their_projects_and_responsibilities_in_every_format(source: str) -> None:
    extraction = extract(normalize(parse_file(FIXTURES / source)))
    assert len(extraction.projects) == 21
    assert len(extraction.responsibilities) == 145
    first = extraction.projects[0]
    assert first.name == "天然气管网建设"
    tasks = {r.task for r in extraction.responsibilities}
    assert "加快淘汰落后产能。" in tasks


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_tab_cell_tables_give_responsibilities_and_indicator_rows(fmt: str) -> None:
    responsibilities = extract(normalize(parse_file(FIXTURES / fmt / f"seed000_tabcells.{fmt}")))
    assert len(responsibilities.responsibilities) == 48
    indicators = extract(normalize(parse_file(FIXTURES / fmt / f"seed004_tabcells.{fmt}")))
    from_table = [t for t in indicators.targets if t.source == "table"]
    assert len(from_table) == 10
    assert any(t.indicator_key == "pm25_concentration" and t.value == 25 for t in from_table)
