"""Cross-plan comparison: v_indicator_panel, table_id in v_targets / v_deadlines, and `etl panel`."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from policy_etl.cli import app
from policy_etl.pipeline.ingest import ingest
from policy_etl.pipeline.load import Store
from policy_etl.pipeline.targets import with_standard_units
from policy_etl.schemas.records import (
    DeadlineRecord,
    DocumentRecord,
    Extraction,
    TableRecord,
    TargetRecord,
)
from tests.conftest import SEED_FILES

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("panel") / "policy.db"
    assert not ingest(SEED_FILES, db).has_failures
    return db


def rows(db: Path, sql: str, *args: object) -> list[dict[str, object]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, args)]


PM25_SQL = """
    SELECT substr(d.source_file, 1, 3) AS plan, p.year, p.comparator, p.value_std, p.unit_std,
           p.baseline_std, p.baseline_year, p.binding, p.source, p.indicator
    FROM v_indicator_panel p JOIN v_documents d USING (doc_id)
    WHERE p.indicator_key = 'pm25_concentration' ORDER BY plan, p.year
"""


def test_panel_has_pm25_for_every_seed_plan_with_its_year_and_baseline(seed_db: Path) -> None:
    got = [tuple(r.values()) for r in rows(seed_db, PM25_SQL)]
    assert got == [
        ("000", 2020, "<=", 38.0, "μg/m³", None, None, None, "text", "PM2.5浓度"),
        ("001", 2025, "<=", 27.0, "μg/m³", None, None, None, "text", "细颗粒物(PM2.5)平均浓度"),
        ("002", 2020, "=", 35.0, "μg/m³", 39.0, 2018, "约束性", "table", "PM2.5浓度"),
        ("003", 2020, "<=", 38.0, "μg/m³", None, None, None, "text", "PM2.5平均浓度"),
        # 004 states 25 in prose (微克/立方米) and in its indicator table (μg/m³): the table's wins
        ("004", 2025, "=", 25.0, "μg/m³", 35.2, 2020, "约束性", "table", "城市细颗粒物(PM2.5)浓度"),
    ]


def test_panel_is_one_row_per_plan_key_and_year_and_covers_every_keyed_target(seed_db: Path) -> None:
    panel = rows(seed_db, "SELECT doc_id, indicator_key, year FROM v_indicator_panel")
    assert len(panel) == len({tuple(r.values()) for r in panel})
    keyed = rows(
        seed_db,
        "SELECT DISTINCT doc_id, indicator_key, year FROM v_targets WHERE indicator_key IS NOT NULL",
    )
    assert {tuple(r.values()) for r in keyed} == {tuple(r.values()) for r in panel}
    assert len({r["doc_id"] for r in panel}) == 5


def test_panel_reads_plan_columns_from_the_document(seed_db: Path) -> None:
    (row,) = rows(
        seed_db,
        "SELECT p.region, p.title, p.period_end FROM v_indicator_panel p JOIN v_documents d USING (doc_id) "
        "WHERE d.source_file LIKE '004%' AND p.indicator_key = 'pm25_concentration'",
    )
    assert row == {"region": "上虞区", "title": "上虞区生态环境保护“十四五”规划", "period_end": 2025}


def test_table_targets_point_at_their_table_and_prose_targets_at_none(seed_db: Path) -> None:
    targets = rows(seed_db, "SELECT doc_id, source, table_id, quote FROM v_targets")
    table_targets = [t for t in targets if t["source"] == "table"]
    assert len(table_targets) > 100
    assert all(t["table_id"] is None for t in targets if t["source"] == "text")
    tables = {r["table_id"]: r["doc_id"] for r in rows(seed_db, "SELECT table_id, doc_id FROM v_tables")}
    for t in table_targets:
        assert tables[t["table_id"]] == t["doc_id"]
        # the quote starts with the row's indicator cell (indicator tables), or is a span of a
        # task cell (task, project and responsibility tables), which the pointed-at table holds
        cells = rows(seed_db, "SELECT text FROM v_table_cells WHERE table_id = ?", t["table_id"])
        assert any(
            c["text"] and (str(t["quote"]).startswith(str(c["text"])) or str(t["quote"]) in str(c["text"]))
            for c in cells
        ), t
    (pm25,) = rows(
        seed_db,
        "SELECT t.table_id, tb.kind, tb.n_cols FROM v_targets t JOIN v_tables tb USING (table_id) "
        "JOIN v_documents d ON d.doc_id = t.doc_id "
        "WHERE d.source_file LIKE '004%' AND t.indicator_key = 'pm25_concentration'",
    )
    assert pm25["kind"] == "indicator"
    text_pm25 = rows(
        seed_db,
        "SELECT table_id FROM v_targets WHERE indicator_key = 'pm25_concentration' AND source = 'text'",
    )
    assert len(text_pm25) == 6 and {r["table_id"] for r in text_pm25} == {None}
    # task-table cells state deadlines too (issue 13): each names a task table of its document
    deadlines = rows(seed_db, "SELECT doc_id, table_id, quote FROM v_deadlines")
    in_tables = [d for d in deadlines if d["table_id"] is not None]
    assert in_tables and any(d["table_id"] is None for d in deadlines)
    kinds = {r["table_id"]: r["kind"] for r in rows(seed_db, "SELECT table_id, kind FROM v_tables")}
    for d in in_tables:
        assert tables[d["table_id"]] == d["doc_id"] and kinds[d["table_id"]] in ("project", "responsibility")


def test_v_targets_carries_the_standard_values(seed_db: Path) -> None:
    got = rows(
        seed_db,
        "SELECT value, unit, baseline, value_std, unit_std, baseline_std FROM v_targets "
        "WHERE indicator_key = 'pesticide_intensity' AND source = 'table' ORDER BY year",
    )
    assert got == [
        {
            "value": 0.17,
            "unit": "千克/亩",
            "baseline": 0.21,
            "value_std": 2.55,
            "unit_std": "千克/公顷",
            "baseline_std": 3.15,
        },
        {
            "value": 0.16,
            "unit": "千克/亩",
            "baseline": 0.21,
            "value_std": 2.4,
            "unit_std": "千克/公顷",
            "baseline_std": 3.15,
        },
    ]


# -- the pick rule and the deadline plumbing, on a hand-made document --------------------------


def _target(key: str, value: float, unit: str, block: int, *, table: bool = False) -> TargetRecord:
    return with_standard_units(
        TargetRecord(
            indicator=key,
            indicator_key=key,
            comparator="=",
            value=value,
            unit=unit,
            year=2025,
            source="table" if table else "text",
            quote=f"{key} {value}{unit}",
            block=block,
            table=block if table else None,
        )
    )


def test_panel_picks_convertible_then_table_then_document_order(tmp_path: Path) -> None:
    extraction = Extraction(
        document=DocumentRecord(source_file="made.txt", sha256="0" * 64, format="txt", region="某区"),
        tables=[TableRecord(index=5, n_rows=0, n_cols=0, cells=[], kind="indicator")],
        targets=[
            _target("pm25_concentration", 30, "微克/立方米", 1),
            _target("pm25_concentration", 28, "μg/m³", 5, table=True),  # a table over prose
            _target("good_air_days_ratio", 3, "个百分点", 1),  # first, but no standard value
            _target("good_air_days_ratio", 90, "%", 2),
            _target("forest_cover", 30, "%", 1),  # first in document order
            _target("forest_cover", 35, "%", 2),
            _target("coal_consumption", 5, "%", 3),  # only an unconvertible one: kept, value null
        ],
        deadlines=[
            DeadlineRecord(year=2025, kind="by", quote="到2025年", block=1),
            DeadlineRecord(year=2023, kind="by", quote="2023年底前", block=5, table=5),
        ],
    )
    db = tmp_path / "made.db"
    store = Store(db)
    store.write_document(extraction, run_id=None, size_bytes=None)
    store.close()
    picked = rows(db, "SELECT indicator_key, value_std, unit_std, source FROM v_indicator_panel ORDER BY 1")
    assert [tuple(r.values()) for r in picked] == [
        ("coal_consumption", None, None, "text"),
        ("forest_cover", 30.0, "%", "text"),
        ("good_air_days_ratio", 90.0, "%", "text"),
        ("pm25_concentration", 28.0, "μg/m³", "table"),
    ]
    (table_id,) = [r["table_id"] for r in rows(db, "SELECT table_id FROM v_tables")]
    deadlines = rows(db, "SELECT quote, table_id FROM v_deadlines ORDER BY year")
    assert deadlines == [
        {"quote": "2023年底前", "table_id": table_id},
        {"quote": "到2025年", "table_id": None},
    ]


# -- etl panel ----------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_panel_command_csv_has_one_row_per_plan_and_a_bom(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "panel.csv"
    result = runner.invoke(
        app, ["panel", "--indicator", "pm25_concentration", "--db", str(seed_db), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, *body = _csv_rows(raw.decode("utf-8-sig"))
    assert header == [
        "doc_id", "source_file", "region", "title", "period_start", "period_end",
        "pm25_concentration_2020_baseline", "pm25_concentration_2020_baseline_year", "pm25_concentration_2020_target",
        "pm25_concentration_2025_baseline", "pm25_concentration_2025_baseline_year", "pm25_concentration_2025_target",
    ]  # fmt: skip
    assert [(r[1][:3], r[2], r[4], r[5], *r[6:]) for r in body] == [
        ("000", "嘉兴港区", "2016", "2020", "", "", "38.0", "", "", ""),
        ("001", "嘉兴市", "2021", "2025", "", "", "", "", "", "27.0"),
        ("002", "嘉兴市", "2019", "2025", "39.0", "2018", "35.0", "", "", ""),
        ("003", "越城区", "2018", "2022", "", "", "38.0", "", "", ""),
        ("004", "上虞区", "2021", "2025", "", "", "", "35.2", "2020", "25.0"),
    ]


def test_panel_command_lists_plans_without_a_target(seed_db: Path) -> None:
    # only 002 sets a 生态环境状况指数 (EI, a unitless index); the other four plans still get a row
    result = runner.invoke(app, ["panel", "--indicator", "ecological_index", "--db", str(seed_db)])
    assert result.exit_code == 0, result.output
    header, *body = _csv_rows(result.stdout.lstrip("\ufeff"))
    assert header[6:] == [
        f"ecological_index_{year}_{m}"
        for year in (2020, 2025)
        for m in ("baseline", "baseline_year", "target")
    ]
    assert [(r[1][:3], *r[6:]) for r in body] == [
        ("000", "", "", "", "", "", ""),
        ("001", "", "", "", "", "", ""),
        ("002", "62.7", "2018", "64.4", "62.7", "2018", "65.0"),
        ("003", "", "", "", "", "", ""),
        ("004", "", "", "", "", "", ""),
    ]


def test_panel_command_jsonl_matches_the_csv(seed_db: Path) -> None:
    args = ["panel", "--indicator", "pm25_concentration", "--indicator", "forest_cover", "--db", str(seed_db)]
    csv_out = runner.invoke(app, args)
    jsonl_out = runner.invoke(app, [*args, "--format", "jsonl"])
    assert csv_out.exit_code == jsonl_out.exit_code == 0
    header, *body = _csv_rows(csv_out.stdout.lstrip("\ufeff"))
    records = [json.loads(line) for line in jsonl_out.stdout.splitlines()]
    assert [list(r) for r in records] == [header] * 5
    for record, row in zip(records, body, strict=True):
        assert ["" if v is None else str(v) for v in record.values()] == row
    assert records[4]["pm25_concentration_2025_target"] == 25.0
    assert records[4]["pm25_concentration_2025_baseline_year"] == 2020


def test_panel_command_xlsx_opens_back_cell_by_cell(seed_db: Path, tmp_path: Path) -> None:
    args = ["panel", "--indicator", "pm25_concentration", "--indicator", "good_air_days_ratio"]
    out = tmp_path / "panel.xlsx"
    result = runner.invoke(app, [*args, "--db", str(seed_db), "--out", str(out)])  # format from suffix
    assert result.exit_code == 0, result.output
    header, *body = _csv_rows(runner.invoke(app, [*args, "--db", str(seed_db)]).stdout.lstrip("\ufeff"))
    book = load_workbook(out)
    assert book.sheetnames == ["panel", "columns"]
    sheet = book["panel"]
    assert sheet.max_row == 6 and sheet.max_column == len(header)
    assert [c.value for c in sheet[1]] == header
    for r, csv_row in enumerate(body, start=2):
        for c, text in enumerate(csv_row, start=1):
            value = sheet.cell(row=r, column=c).value
            if text == "":
                assert value is None, (r, c)
            elif c in (2, 3, 4):  # source_file, region, title
                assert value == text, (r, c)
            else:  # numbers stay numbers, so Excel can sort and chart them
                assert isinstance(value, int | float) and value == float(text), (r, c, value)
    # concrete cells: 004's PM2.5 for 2025 and its baseline; 000's good-air days in 2020
    col = {name: i + 1 for i, name in enumerate(header)}
    assert sheet.cell(row=6, column=col["pm25_concentration_2025_target"]).value == 25.0
    assert sheet.cell(row=6, column=col["pm25_concentration_2025_baseline"]).value == 35.2
    assert sheet.cell(row=6, column=col["pm25_concentration_2025_baseline_year"]).value == 2020
    assert sheet.cell(row=2, column=col["good_air_days_ratio_2020_target"]).value == 83.0
    assert sheet.cell(row=2, column=3).value == "嘉兴港区"
    about = {row[0]: row[1:] for row in book["columns"].iter_rows(min_row=2, values_only=True)}
    assert about["pm25_concentration_2025_target"] == (
        "pm25_concentration", "细颗粒物(PM2.5)浓度", 2025, "target", "μg/m³",
    )  # fmt: skip
    assert about["good_air_days_ratio_2020_baseline_year"][-1] is None


def test_panel_command_usage_errors(seed_db: Path, tmp_path: Path) -> None:
    unknown = runner.invoke(app, ["panel", "--indicator", "pm2.5", "--db", str(seed_db)])
    assert unknown.exit_code == 2 and "unknown indicator key pm2.5" in unknown.output
    no_file = runner.invoke(app, ["panel", "--format", "xlsx", "--db", str(seed_db)])
    assert no_file.exit_code == 2 and "--out" in no_file.output
    bad = runner.invoke(app, ["panel", "--format", "xls", "--db", str(seed_db)])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["panel", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and not (tmp_path / "none.db").exists()
