"""A bad table never costs a document: grids a parser got wrong are repaired or dropped, with a
warning that names the table and what was done, and the rest of the document lands."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest

from policy_etl.parsers import parse_bytes
from policy_etl.parsers.base import OcrMode
from policy_etl.pipeline import ingest as ingest_module
from policy_etl.pipeline.diagnostics import IngestWarning, PipelineWarning
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.ingest import ingest
from policy_etl.pipeline.normalize import normalize
from policy_etl.pipeline.repair import repair_table, repair_tables
from policy_etl.schemas.document import Cell, Document, Loc, Paragraph, Table
from tests.conftest import SHARED, seed_path

ZHUMADIAN = "426、驻马店市“十四五”水安全保障和水生态环境保护规划.pdf"


def bad_table(index: int = 1) -> Table:
    """A 3×3 indicator table with every fault a layout rebuild can make."""
    return Table(
        index=index,
        n_rows=3,
        n_cols=3,
        caption="表1 主要指标",
        loc=Loc(page=4),
        cells=(
            Cell(row=0, col=0, text="指标"),
            Cell(row=0, col=1, col_span=2, text="2025年目标"),
            Cell(row=0, col=1, col_span=0, text=""),  # a sliver under a double rule: span 0
            Cell(row=1, col=0, text="PM2.5浓度"),
            Cell(row=1, col=1, row_span=0, text="≤35"),  # span 0 with text: kept, span 1
            Cell(row=1, col=2, col_span=4, text="微克/立方米"),  # runs past the grid
            Cell(row=2, col=0, row_span=1, text="优良天数比率"),
            Cell(row=2, col=1, text="≥85%"),
            Cell(row=2, col=1, text="重复"),  # overlaps ≥85%, which came first
            Cell(row=5, col=0, text="表外"),  # below the grid
            Cell(row=0, col=-1, text=""),  # left of the grid
        ),
    )


def cells(table: Table) -> list[tuple[int, int, int, int, str]]:
    return [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells]


def test_a_bad_table_is_repaired_to_a_valid_grid() -> None:
    repaired, done = repair_table(bad_table())
    assert repaired is not None
    assert cells(repaired) == [
        (0, 0, 1, 1, "指标"),
        (0, 1, 1, 2, "2025年目标"),
        (1, 0, 1, 1, "PM2.5浓度"),
        (1, 1, 1, 1, "≤35"),
        (1, 2, 1, 1, "微克/立方米"),
        (2, 0, 1, 1, "优良天数比率"),
        (2, 1, 1, 1, "≥85%"),
    ]
    assert done == [
        "1 cell with a span of 0 set to 1",
        "1 span running past the grid clamped to it",
        "2 cells outside the 3×3 grid dropped",
        "2 cells overlapping another cell dropped",
        "the text of 2 dropped cells lost",
    ]


def test_the_warning_names_the_table_its_page_and_caption() -> None:
    doc = [
        Paragraph(index=0, text="一、总体要求"),
        Table(index=1, n_rows=1, n_cols=1, cells=(Cell(row=0, col=0, text="好"),)),
        bad_table(2),
    ]
    with pytest.warns(PipelineWarning) as caught:
        blocks = repair_tables(doc)
    assert [str(w.message) for w in caught] == [
        "table 2 (page 4, “表1 主要指标”) repaired: 1 cell with a span of 0 set to 1; "
        "1 span running past the grid clamped to it; 2 cells outside the 3×3 grid dropped; "
        "2 cells overlapping another cell dropped; the text of 2 dropped cells lost"
    ]
    assert len(blocks) == 3 and blocks[1] == doc[1]  # a valid table is left as it was


def test_a_valid_table_raises_no_warning(seed_docs: dict[str, Document]) -> None:
    tables = [t for doc in seed_docs.values() for t in doc.tables()]
    assert len(tables) >= 5
    with warnings.catch_warnings():
        warnings.simplefilter("error", PipelineWarning)
        assert repair_tables(tables) == tables


def test_a_table_nothing_valid_is_left_of_is_dropped_with_a_warning() -> None:
    outside = Table(
        index=0, n_rows=2, n_cols=2, cells=(Cell(row=3, col=0, text="甲"), Cell(row=0, col=4, text="乙"))
    )
    no_columns = Table(index=1, n_rows=2, n_cols=0, cells=())
    with pytest.warns(PipelineWarning) as caught:
        assert repair_tables([outside, no_columns, Paragraph(index=2, text="正文")]) == [
            Paragraph(index=2, text="正文")
        ]
    assert [str(w.message) for w in caught] == [
        "table 1 dropped: 2 cells outside the 2×2 grid dropped; the text of 2 dropped cells lost; "
        "no valid cell left",
        "table 2 dropped: no rows or columns (2×0)",
    ]


def test_the_repaired_table_extracts_as_valid_records() -> None:
    doc = Document(source_file="t.txt", sha256="0" * 64, format="txt", blocks=(bad_table(0),))
    with pytest.warns(PipelineWarning):
        extraction = extract(normalize(doc))
    (table,) = extraction.tables
    assert (table.n_rows, table.n_cols, len(table.cells)) == (3, 3, 7)
    assert all(c.row_span >= 1 and c.col_span >= 1 for c in table.cells)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_with_a_bad_table_lands_with_the_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """A parser that builds a bad table (injected after seed 000's one table) costs the faults, not the file;
    the warning travels back from the forked worker and is kept in ingest_warnings."""

    def with_bad_table(path: Path, data: bytes, sha256: str, *, ocr: OcrMode = "auto") -> Document:
        doc = parse_bytes(path, data, sha256, ocr=ocr)
        return doc.model_copy(update={"blocks": (*doc.blocks, bad_table(len(doc.blocks)))})

    monkeypatch.setattr(ingest_module, "parse_bytes", with_bad_table)
    source = seed_path("000")
    db = tmp_path / "policy.db"
    report = ingest([source], db, settings=ingest_module.IngestSettings(workers=workers))
    (result,) = report.results
    assert result.status == "ingested", result.reason
    (warning,) = result.warnings
    assert warning.stage == "normalize"
    assert warning.message.startswith("table 2 (page 4, “表1 主要指标”) repaired: 1 cell with a span of 0")
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "select file, sha256, stage, message, run_id from ingest_warnings"
        ).fetchall() == [(str(source), result.sha256, "normalize", warning.message, report.run_id)]
        assert conn.execute("select title from v_documents").fetchall() == [
            ("“811”美丽港区建设行动方案（2016-2020）",)
        ]
        assert conn.execute(
            "select count(*) from v_table_cells c join v_tables t using (table_id) where t.title = '表1 主要指标'"
        ).fetchone() == (7,)
    assert report.as_dict()["files"][0]["warnings"] == [  # type: ignore[index]
        {"stage": "normalize", "message": warning.message}
    ]
    assert isinstance(warning, IngestWarning)


@pytest.mark.slow
def test_zhumadian_ingests_with_its_funding_table(tmp_path: Path) -> None:
    """426 驻马店 draws its table borders as double rules; the continued 资金筹措 table (pages
    108–109) used to leave sliver cells with a span of 0 and failed the whole plan."""
    assert SHARED is not None, "shared/ (the corpus) is not beside the clone"
    db = tmp_path / "policy.db"
    report = ingest([SHARED / "corpus" / "real" / ZHUMADIAN], db)
    (result,) = report.results
    assert result.status == "ingested", result.reason
    assert result.warnings == ()  # the parser no longer makes the bad cells: nothing to repair
    with sqlite3.connect(db) as conn:
        assert conn.execute("select title, region from v_documents").fetchall() == [
            ("驻马店市“十四五”水安全保障和水生态环境保护规划", "驻马店市")
        ]
        (table_id,) = conn.execute("select table_id from v_table_cells where text = '筹资方案'").fetchone()
        funding = conn.execute(
            "select row, group_concat(text, '|') from (select * from v_table_cells"
            " where table_id = ? and text != '' order by row, col) group by row",
            (table_id,),
        ).fetchall()
        assert conn.execute(
            "select min(row_span), min(col_span) from v_table_cells where table_id = ?", (table_id,)
        ).fetchone() == (1, 1)
    rows = [texts for _, texts in funding]
    header = rows.index("资金来源|投资金额（亿元）|投资占比")
    assert rows[header + 1 : header + 4] == [  # page 108
        "水灾害防控工程|国家及省级投资|30.31|35.96%",
        "市县地方投资|49.16|58.32%",
        "融资|4.82|5.72%",
    ]
    assert "融资|182.78|87.81%" in rows  # page 109, after the page break
    assert "总投资|国家及省级投资|89.90|20.43%" in rows
