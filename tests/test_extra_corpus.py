"""Every real file of corpus/extra ingests, with records a reader of the source would recognise."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from policy_etl.pipeline.ingest import IngestReport, IngestSettings, ingest
from tests.conftest import CORPUS_EXTRA


@pytest.fixture(scope="module")
def extra(tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestReport, Path]:
    if CORPUS_EXTRA is None:
        pytest.skip("corpus/extra not found next to the repository (set POLICY_ETL_CORPUS)")
    db = tmp_path_factory.mktemp("extra") / "policy.db"
    return ingest([CORPUS_EXTRA], db, settings=IngestSettings(workers=2)), db


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


@pytest.mark.slow
def test_every_extra_file_ingests(extra: tuple[IngestReport, Path]) -> None:
    report, db = extra
    assert [(r.name, r.reason) for r in report.of("failed")] == []
    assert len(report.of("ingested")) == 12
    formats = dict(rows(db, "select source_file, format from v_documents"))
    assert formats["gov_wufei_city_pilot_plan_2018.html"] == "html"
    assert formats["hailar_gov_work_report_2019_gbk.txt"] == "txt"
    assert sum(f == "pdf" for f in formats.values()) == 8


@pytest.mark.slow
def test_plan_titles_and_periods(extra: tuple[IngestReport, Path]) -> None:
    _, db = extra
    docs = {
        r[0]: r[1:]
        for r in rows(
            db, "select source_file, title, region, period_start, period_end, plan_kind from v_documents"
        )
    }
    assert docs["tianjin_14fyp_eco_plan.pdf"] == (
        "天津市生态环境保护“十四五”规划",
        "天津市",
        2021,
        2025,
        "规划",
    )
    assert docs["zhengzhou_14fyp_eco_plan_2022.pdf"][:4] == (
        "郑州市“十四五”生态环境保护规划",
        "郑州市",
        2021,
        2025,
    )
    assert docs["qingdao_ghg_air_coctrl_action_2021_2023.pdf"][2:] == (2021, 2023, "行动方案")
    assert docs["gov_wufei_city_pilot_plan_2018.html"][0] == "“无废城市”建设试点工作方案"


@pytest.mark.slow
def test_inline_responsibility_notes_become_responsibilities(extra: tuple[IngestReport, Path]) -> None:
    _, db = extra
    sql = "select count(*) from v_responsibilities r join v_documents d using (doc_id) where d.source_file = ? and r.table_title is null"
    assert rows(db, sql, "qingdao_ghg_air_coctrl_action_2021_2023.pdf") == [(28,)]
    assert rows(db, sql, "gov_wufei_city_pilot_plan_2018.html")[0][0] >= 30
    leads = rows(
        db,
        "select r.task, r.lead_units, r.support_units from v_responsibilities r join v_documents d using (doc_id) where d.source_file like 'gov_wufei%'",
    )
    first = next(json.loads(lead) for task, lead, _ in leads if task.startswith("强化顶层设计引领"))
    assert first == ["生态环境部"]


@pytest.mark.slow
def test_pdf_indicator_table_target_and_tables_have_pages(extra: tuple[IngestReport, Path]) -> None:
    _, db = extra
    pm25 = rows(
        db,
        "select t.comparator, t.value, t.year, t.source from v_targets t join v_documents d using (doc_id) where d.source_file like 'bazhong%' and t.indicator_key = 'pm25_concentration'",
    )
    assert ("<", 27.0, 2025, "table") in pm25
    pages = rows(
        db,
        "select min(page) from v_tables t join v_documents d using (doc_id) where d.source_file like 'tianjin%'",
    )
    assert pages == [(10,)]


@pytest.mark.slow
def test_box_projects_from_a_real_pdf(extra: tuple[IngestReport, Path]) -> None:
    _, db = extra
    (n,) = rows(
        db,
        "select count(*) from v_projects p join v_documents d using (doc_id) where d.source_file like 'zhengzhou%'",
    )[0]
    assert n >= 20


@pytest.mark.slow
def test_pm25_targets_of_the_tianjin_and_zhengzhou_indicator_tables(extra: tuple[IngestReport, Path]) -> None:
    _, db = extra
    sql = (
        "select t.comparator, t.value, t.year, t.baseline, t.baseline_year, t.binding, t.source"
        " from v_targets t join v_documents d using (doc_id)"
        " where d.source_file = ? and t.indicator_key = 'pm25_concentration'"
    )
    # 天津 表 (page 10): 细颗粒物（PM2.5）浓度 | 49① | 38 | 约束性
    assert ("=", 38.0, 2025, 49.0, 2020, "约束性", "table") in rows(db, sql, "tianjin_14fyp_eco_plan.pdf")
    # 郑州 专栏1: PM2.5年均浓度 | 51 | 40 | 约束性; the 主要目标 text "PM2.5年均浓度降至40" is for 2025
    zhengzhou = rows(db, sql, "zhengzhou_14fyp_eco_plan_2022.pdf")
    assert ("=", 40.0, 2025, 51.0, 2020, "约束性", "table") in zhengzhou
    assert ("=", 40.0, 2025, None, None, None, "text") in zhengzhou


@pytest.mark.slow
def test_titles_without_dates_and_regions_of_opinions_and_workplans(extra: tuple[IngestReport, Path]) -> None:
    _, db = extra
    sql = "select title, region, issue_date from v_documents where source_file = ?"
    assert rows(db, sql, "beijing_pollution_battle_opinions_2022.pdf") == [
        ("中共北京市委北京市人民政府关于深入打好北京市污染防治攻坚战的实施意见", "北京市", "2022-03-24")
    ]
    assert rows(db, sql, "liaoning_nrd_eco_workplan_2021.pdf") == [
        ("辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单", "辽宁省", "2021-04-21")
    ]
    undated = rows(
        db,
        "select count(*) from v_targets t join v_documents d using (doc_id)"
        " where d.source_file like 'beijing_pollution%' and t.year is null",
    )
    assert undated == [(0,)]


@pytest.mark.slow
def test_fujian_indicator_table_with_a_completion_status_column(extra: tuple[IngestReport, Path]) -> None:
    _, db = extra
    found = rows(
        db,
        "select t.comparator, t.value, t.year, t.baseline, t.binding from v_targets t join v_documents d using (doc_id)"
        " where d.source_file like 'fujian%' and t.source = 'table' and t.indicator_key = 'nearshore_water_quality_share'",
    )
    assert found == [(">=", 86.0, 2025, 85.2, "约束性")]
