"""The 32 real government PDFs of shared/corpus/real: every file ingests, numbers stay in their
sentences, and the main indicator tables come out whole with their targets.

One ingest of the folder serves the module (tests/conftest.py `real_corpus`). The expected rows
and targets are what each plan prints in its 主要指标 table; the producers differ (ABBYY
FineReader with no rules or some, WPS, Word, provincial-gazette typesetting, a table pasted as a
picture and read by OCR), so each kind of table drawing is covered by at least two plans.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def doc_id(db: Path, prefix: str) -> int:
    (found,) = rows(db, "select doc_id from v_documents where source_file like ?", f"{prefix}、%")
    return int(found[0])


def test_every_real_file_ingests_and_the_summary_shows_warnings(real_corpus: tuple) -> None:
    report, db = real_corpus
    assert [(r.name, r.reason) for r in report.of("failed")] == []
    assert len(report.of("ingested")) == 32
    assert rows(db, "select count(*) from v_documents")[0][0] == 32
    # the warnings channel is there for every file, empty or not
    assert all(isinstance(r.warnings, list | tuple) for r in report.results)


# A body passage of digits and punctuation only is a number torn from its sentence.
TORN = re.compile(r"^[\s0-9０-９.．,，%％。、:：;；()（）\-—~～+＋/／]+$")


# One glyph the OCR text layer itself places a line above its sentence: 湖南 81 p.30 prints
# "（1）生态天眼工程", but ABBYY put the "1" 14 pt above the "（）" it belongs in, overlapping
# nothing; no rule of geometry can put it back. Any other torn number fails the test.
OCR_MISPLACED = {("81、湖南省“十四五”生态环境保护规划.pdf", "1")}


def test_no_body_passage_is_only_digits_and_punctuation(real_corpus: tuple) -> None:
    _, db = real_corpus
    torn = [
        (name, text)
        for name, text in rows(
            db,
            "select d.source_file, p.text from passages p join documents d on d.id = p.document_id"
            " where p.table_id is null",
        )
        if TORN.match(text) and re.search(r"[0-9０-９]", text) and (name, text) not in OCR_MISPLACED
    ]
    assert torn == []


# The main indicator table of each plan: (prefix, producer, a row name the table prints, the
# number of its rows at least).
INDICATOR_TABLES = [
    ("466", "ABBYY, no rules", "湿地保护率", 27),
    ("451", "ABBYY, rules on some cells", "非化石能源消费比重", 21),
    ("456", "ABBYY, header alone on a page", "森林覆盖率", 21),
    ("442", "ABBYY, 续表 on the next page", "医疗废物无害化处置率", 28),
    ("86", "ABBYY", "森林覆盖率", 10),
    ("426", "ABBYY, white boxes behind the text, no top rule overleaf", "恢复或重现土著鱼类的水体数量", 23),
    ("415", "ABBYY, white boxes behind each cell line", "挥发性有机物", 21),
    ("454", "WPS", "森林覆盖率", 10),
    ("467", "WPS", "林木覆盖率", 10),
    ("423", "WPS", "森林覆盖率", 10),
    ("413", "Word", "森林覆盖率", 10),
    ("320", "gazette", "森林覆盖率", 21),
    ("542", "gazette", "森林覆盖率", 10),
    ("67", "gazette", "森林覆盖率", 10),
    ("428", "OFD, header row drawn as outlines (OCR)", "森林覆盖率", 28),
    # the table is a picture (no text over it) on a page of an ABBYY export: OCR'd (pdf_pictures)
    ("422", "picture, ruled, 五年累计 column", "城市空气质量优良天数比例", 20),
    ("376", "picture, ruled, category and sub-row cells", "连队生活污水治理率", 20),
    ("584", "picture, ruled, light grey rules", "兵团连队生活污水治理率", 34),
]


@pytest.mark.parametrize(("prefix", "producer", "row_name", "min_rows"), INDICATOR_TABLES)
def test_the_main_indicator_table_is_one_indicator_table_with_all_its_rows(
    real_corpus: tuple, prefix: str, producer: str, row_name: str, min_rows: int
) -> None:
    _, db = real_corpus
    doc = doc_id(db, prefix)
    found = rows(
        db,
        "select t.table_id, t.n_rows from v_tables t join v_table_cells c using (table_id)"
        " where t.doc_id = ? and t.kind = 'indicator' and c.text like ? group by t.table_id",
        doc,
        f"%{row_name}%",
    )
    assert found, f"{prefix} ({producer}): no indicator table holds {row_name}"
    assert max(n for _, n in found) >= min_rows


# Table targets of the 2025 column: (prefix, indicator key, comparator, value, baseline, binding).
TABLE_TARGETS = [
    ("466", "pm25_concentration", "=", 21.0, 21.0, "约束性"),
    ("466", "forest_cover", "=", 8.0, 7.5, "约束性"),
    ("451", "pm25_concentration", "=", 40.0, 52.0, "约束性"),
    ("456", "pm25_concentration", "=", 26.0, 27.0, "约束性"),
    ("442", "pm25_concentration", "<=", 11.0, 11.0, "预期性"),
    ("86", "pm25_concentration", "=", 30.5, 33.0, "约束性"),
    ("415", "pm25_concentration", "=", 39.0, 48.0, "约束性"),
    ("426", "surface_water_class_iii_share", "=", 85.7, 78.6, "约束性"),
    ("426", "water_consumption_total", "=", 12.02, 9.44, "约束性"),
    ("437", "pm25_concentration", "=", 34.8, 36.6, "约束性"),
    ("454", "pm25_concentration", "<=", 30.71, 32.33, "约束性"),
    ("467", "pm25_concentration", "<=", 30.0, 33.0, "约束性"),
    ("423", "pm25_concentration", "=", 18.0, 18.0, "约束性"),
    ("413", "pm25_concentration", "=", 26.0, 27.0, "约束性"),
    ("320", "pm25_concentration", "=", 25.0, 26.0, "约束性"),
    ("320", "forest_cover", "=", 12.0, 11.33, "约束性"),
    ("542", "forest_cover", "=", 8.0, 7.5, None),
    ("67", "forest_cover", "=", 23.5, 23.0, "约束性"),
    ("428", "pm25_concentration", "=", 14.3, 16.0, "约束性"),
    ("428", "forest_cover", "=", 27.5, 26.48, "约束性"),
    ("422", "pm25_concentration", "=", 29.3, 29.3, "约束性"),
    ("422", "rural_sewage_treatment", "=", 90.0, 78.0, "预期性"),
    ("376", "pm25_concentration", "=", 49.0, 59.5, "约束性"),
    ("376", "forest_cover", "=", 19.46, 19.16, "约束性"),
    ("584", "pm25_concentration", "=", 33.0, 36.2, "约束性"),
    ("584", "forest_cover", "=", 5.08, 5.02, "约束性"),
]


@pytest.mark.parametrize(("prefix", "key", "comparator", "value", "baseline", "binding"), TABLE_TARGETS)
def test_headline_table_targets_of_2025(
    real_corpus: tuple,
    prefix: str,
    key: str,
    comparator: str,
    value: float,
    baseline: float,
    binding: str | None,
) -> None:
    _, db = real_corpus
    found = rows(
        db,
        "select comparator, value, baseline, baseline_year, binding from v_targets"
        " where doc_id = ? and source = 'table' and indicator_key = ? and year = 2025",
        doc_id(db, prefix),
        key,
    )
    assert (comparator, value, baseline, 2020, binding) in found


# Rows that an ABBYY drawing used to cost, as the plan prints them: (prefix, the table's rows
# from the 序号 column or the first column's names, the indicator's name cells in print order).
WRAPPED_ROWS = [
    # 淮南 415 p.19: four names wrapped over two lines, a white box behind each line
    (
        "415",
        [
            "地级及以上城市细颗粒物（PM2.5）浓度（微克/立方米）",
            "地级及以上城市空气质量优良天数比率（%）",
            "地表水达到或好于Ⅲ类水体比例（%）",
            "单位国内生产总值二氧化碳排放降低（%）",
            "单位国内生产总值能源消耗降低（%）",
            "非化石能源占能源消费总量比重（%）",
            "放射源辐射事故年发生率（起/万枚）",
        ],
    ),
    # 驻马店 426 p.34-36: every name wrapped, its 20th row above a missing top rule
    (
        "426",
        [
            "万元GDP用水量下降率",
            "农田灌溉水有效利用系数",
            "城市集中式饮用水水源达到或好于Ⅲ类比例",
            "城市建成区黑臭水体控制比例",
            "恢复或重现土著鱼类的水体数量",
        ],
    ),
]


@pytest.mark.parametrize(("prefix", "names"), WRAPPED_ROWS)
def test_wrapped_indicator_names_are_one_cell_each(real_corpus: tuple, prefix: str, names: list[str]) -> None:
    _, db = real_corpus
    cells = {
        re.sub(r"\s+", "", text)
        for (text,) in rows(
            db,
            "select c.text from v_table_cells c join v_tables t using (table_id)"
            " where t.doc_id = ? and t.kind = 'indicator'",
            doc_id(db, prefix),
        )
    }
    assert [name for name in names if name not in cells] == []


def test_no_table_target_is_named_by_a_fragment_of_a_wrapped_name(real_corpus: tuple) -> None:
    """淮南 415 gave targets named 浓度, 比率 and 物 when each line of a wrapped name was a row."""
    _, db = real_corpus
    found = rows(
        db,
        "select indicator, value from v_targets where doc_id = ? and source = 'table' and year = 2025",
        doc_id(db, "415"),
    )
    assert sorted(found) == sorted(
        [
            ("地级及以上城市细颗粒物（PM2.5）浓度", 39.0),
            ("地级及以上城市空气质量优良天数比率", 75.0),
            ("地表水达到或好于Ⅲ类水体比例", 87.5),
            ("地表水劣Ⅴ类水体比例", 0.0),
            ("化学需氧量主要污染物重点工程减排量", 10809.0),
            ("氨氮主要污染物重点工程减排量", 494.0),
            ("氮氧化物主要污染物重点工程减排量", 6485.0),
            ("挥发性有机物主要污染物重点工程减排量", 1321.0),
        ]
    )


# Table targets without a baseline (the status cell prints — or --): (prefix, indicator,
# comparator, value, unit).
TARGETS_WITHOUT_BASELINE = [
    # 宁夏 86 p.17: the table's last row alone above its notes on the next page
    ("86", "放射源辐射事故年发生率", "<", 1.3, "起/每万枚"),
    # 南充 437 p.19: a total with its motor-vehicle share in one cell
    ("437", "氮氧化物重点工程减排量", "=", 2350.0, "吨"),
    ("437", "挥发性有机物重点工程减排量", "=", 680.0, "吨"),
    # 驻马店 426 p.36: the row above the missing top rule
    ("426", "恢复“有水”的河流数量", "=", 2.0, "个"),
]


@pytest.mark.parametrize(("prefix", "indicator", "comparator", "value", "unit"), TARGETS_WITHOUT_BASELINE)
def test_table_targets_of_rows_a_drawing_used_to_cost(
    real_corpus: tuple, prefix: str, indicator: str, comparator: str, value: float, unit: str
) -> None:
    _, db = real_corpus
    found = rows(
        db,
        "select comparator, value, unit from v_targets"
        " where doc_id = ? and source = 'table' and year = 2025 and indicator = ?",
        doc_id(db, prefix),
        indicator,
    )
    assert found == [(comparator, value, unit)]
