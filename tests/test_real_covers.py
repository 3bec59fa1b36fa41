"""Every real plan of shared/corpus/real gets its title and region from its cover.

Reads the metadata stored by the session's one ingest of the folder (tests/conftest.py
`real_corpus`); the expected titles and regions are what each cover prints.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from policy_etl.schemas.records import DocumentRecord

# Every run of digits in a title is one of its years (2021-2025); a date or 文号 glued to it is not.
_DIGITS = re.compile(r"[0-9０-９]+")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


@pytest.fixture(scope="module")
def covers(real_corpus: tuple[object, Path]) -> dict[str, DocumentRecord]:
    """Metadata of every real PDF as stored, keyed by the number its file name starts with."""
    _, db = real_corpus
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("select * from v_documents").fetchall()
    return {
        row["source_file"].split("、", 1)[0]: DocumentRecord(
            **{k: row[k] for k in row.keys() if k in DocumentRecord.model_fields and k != "issuers"},  # noqa: SIM118 (a Row iterates values)
            issuers=json.loads(row["issuers"] or "[]"),
        )
        for row in rows
    }


@pytest.mark.slow
def test_every_real_plan_has_a_title_without_glued_digits_and_a_region(
    covers: dict[str, DocumentRecord],
) -> None:
    assert len(covers) == 32
    missing = {
        key: (meta.title, meta.region) for key, meta in covers.items() if not meta.title or not meta.region
    }
    assert missing == {}
    glued = {
        key: meta.title
        for key, meta in covers.items()
        if any(not _YEAR.fullmatch(run) for run in _DIGITS.findall(meta.title or ""))
    }
    assert glued == {}


@pytest.mark.slow
def test_every_real_plan_is_a_fourteenth_five_year_plan(covers: dict[str, DocumentRecord]) -> None:
    kinds = {key: (meta.plan_kind, meta.period_start, meta.period_end) for key, meta in covers.items()}
    assert {key: k for key, k in kinds.items() if k != ("规划", 2021, 2025)} == {}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("key", "title", "region"),
    [
        # a notice without a printed title (白银), wrapped at 关于 (甘南), without the place (商洛)
        ("413", "白银市“十四五”生态环境保护规划（2021-2025）", "白银市"),
        ("429", "甘南州“十四五”生态环境保护规划", "甘南州"),
        ("454", "商洛市“十四五”生态环境保护规划", "商洛市"),
        # no cover: named in the preface (盐城)
        ("467", "盐城市“十四五”生态环境保护规划", "盐城市"),
        # regions: 兵团, a prefecture's short name, a province's short name, autonomous regions
        ("376", "新疆生产建设兵团“十四五”生态环境保护规划", "新疆生产建设兵团"),
        ("445", "海西州“十四五”生态环境保护规划", "海西州"),
        ("584", "新疆生态环境保护“十四五”规划", "新疆维吾尔自治区"),
        ("86", "宁夏回族自治区生态环境保护“十四五”规划", "宁夏回族自治区"),
        ("428", "阿坝藏族羌族自治州“十四五”生态环境保护规划", "阿坝藏族羌族自治州"),
        # gazette PDFs with scattered digits on the cover (甘肃, 济南), a two-line notice (驻马店)
        ("320", "甘肃省“十四五”生态环境保护规划", "甘肃省"),
        ("461", "济南市“十四五”生态环境保护规划", "济南市"),
        ("426", "驻马店市“十四五”水安全保障和水生态环境保护规划", "驻马店市"),
        # ABBYY, WPS and Word exports
        ("466", "青海省“十四五”生态环境保护规划", "青海省"),
        ("542", "青海省“十四五”生态文明建设规划", "青海省"),
        ("76", "福建省“十四五”生态环境保护专项规划", "福建省"),
        ("442", "三亚市“十四五”生态环境保护规划", "三亚市"),
    ],
)
def test_real_cover_title_and_region(
    covers: dict[str, DocumentRecord], key: str, title: str, region: str
) -> None:
    assert (covers[key].title, covers[key].region) == (title, region)


@pytest.mark.slow
def test_real_cover_issue_data(covers: dict[str, DocumentRecord]) -> None:
    found = {
        key: (covers[key].doc_number, covers[key].issue_date) for key in ("413", "320", "461", "454", "456")
    }
    assert found == {
        "413": ("市政办发〔2022〕91号", "2022-05-26"),
        "320": ("甘政办发〔2021〕105号", "2021-11-27"),
        "461": ("济政字〔2021〕92号", "2021-12-17"),
        "454": ("商政办发〔2021〕34号", "2021-12-31"),
        "456": ("天政办发〔2021〕99号", "2021-12-28"),
    }
    assert covers["67"].region == "内蒙古自治区"
