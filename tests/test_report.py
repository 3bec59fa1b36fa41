"""`etl report` (the self-contained HTML page) and `etl stats --keys` (indicator_key coverage)."""

from __future__ import annotations

import json
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policy_etl.cli import app
from policy_etl.pipeline.ingest import ingest
from policy_etl.pipeline.load import Store
from policy_etl.pipeline.targets import with_standard_units
from policy_etl.query.report import (
    HEADLINES,
    LABEL_WIDTH,
    RIGHT_PAD,
    WIDTH,
    Plan,
    nice_ticks,
    plan_labels,
)
from policy_etl.schemas.records import DocumentRecord, Extraction, TargetRecord
from tests.conftest import SEED_FILES

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("report") / "policy.db"
    assert not ingest(SEED_FILES, db).has_failures
    return db


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, args).fetchall()


class PageParser(HTMLParser):
    """Collects, per chart, its marks and their circles; per section, its no-target items; all URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: dict[str, list[dict[str, object]]] = {}
        self.tables: dict[str, list[str]] = {}
        self.missing: dict[str, list[tuple[str, str]]] = {}
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: list[str] = []
        self._chart: str | None = None
        self._section: str | None = None
        self._table: str | None = None
        self._mark: dict[str, object] | None = None
        self._li: list[str] | None = None
        self._li_doc = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        for name in ("src", "href", "xlink:href", "action", "data"):
            if name in a:
                self.urls.append((tag, name, a[name]))
        if tag == "section":
            self._section = a.get("data-indicator")
        elif tag == "svg":
            self._chart = a["data-indicator"]
            self.charts[self._chart] = []
        elif tag == "g" and "mark" in a.get("class", "").split() and self._chart:
            self._mark = {"doc": int(a["data-doc"]), "circles": {}}
            self.charts[self._chart].append(self._mark)
        elif tag == "circle" and self._mark is not None:
            self._mark["circles"][a["class"]] = float(a["cx"])  # type: ignore[index]
        elif tag == "table":
            self._table = a.get("data-indicator")
            self.tables[self._table or ""] = []
        elif tag == "tr" and self._table and "data-doc" in a:
            self.tables[self._table].append(a["data-doc"])
        elif tag == "li" and "data-doc" in a and self._section:
            self._li, self._li_doc = [], a["data-doc"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._chart = None
        elif tag == "g":
            self._mark = None
        elif tag == "table":
            self._table = None
        elif tag == "li" and self._li is not None and self._section:
            self.missing.setdefault(self._section, []).append((self._li_doc, "".join(self._li)))
            self._li = None

    def handle_data(self, data: str) -> None:
        if self._li is not None:
            self._li.append(data)


def parse_page(path: Path) -> tuple[PageParser, str]:
    text = path.read_text(encoding="utf-8")
    parser = PageParser()
    parser.feed(text)
    parser.close()
    return parser, text


@pytest.fixture(scope="module")
def seed_report(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("page") / "sub" / "report.html"
    result = runner.invoke(app, ["report", str(out), "--db", str(seed_db)])
    assert result.exit_code == 0, result.output
    assert "pm25_concentration: 5 plans with a target, 0 without" in result.stderr
    return out


def doc_ids(db: Path) -> dict[str, int]:
    return {f[:3]: d for d, f in rows(db, "SELECT doc_id, source_file FROM v_documents")}


def test_report_has_one_chart_per_headline_with_a_mark_per_plan_with_a_target(
    seed_db: Path, seed_report: Path
) -> None:
    page, _ = parse_page(seed_report)
    assert list(page.charts) == [h.key for h in HEADLINES]
    for headline in HEADLINES:
        with_target = {
            d
            for (d,) in rows(
                seed_db,
                "SELECT DISTINCT doc_id FROM v_indicator_panel WHERE indicator_key = ? AND value_std IS NOT NULL",
                headline.key,
            )
        }
        marks = [m["doc"] for m in page.charts[headline.key]]
        assert sorted(marks) == sorted(with_target), headline.key  # one mark per plan, no plan twice
        if with_target:
            assert sorted(int(d) for d in page.tables[headline.key]) == sorted(with_target)
    # every dot lies on its chart's axis, between the plan labels and the value column
    for marks in page.charts.values():
        for mark in marks:
            assert all(LABEL_WIDTH <= x <= WIDTH - RIGHT_PAD for x in mark["circles"].values()), mark
    counts = {key: len(marks) for key, marks in page.charts.items()}
    assert counts == {
        "pm25_concentration": 5,
        "good_air_days_ratio": 5,
        "surface_water_class_iii_share": 3,
        "surface_water_worse_than_v_share": 0,  # no seed plan sets one
        "forest_cover": 4,
    }


def test_report_marks_run_from_baseline_to_target(seed_db: Path, seed_report: Path) -> None:
    page, _ = parse_page(seed_report)
    ids = doc_ids(seed_db)
    pm25 = {m["doc"]: m["circles"] for m in page.charts["pm25_concentration"]}
    # 004 (上虞区): 35.2 in 2020 → 25 μg/m³ in 2025, so its target sits left of its baseline
    shangyu = pm25[ids["004"]]
    assert set(shangyu) == {"baseline", "target"} and shangyu["target"] < shangyu["baseline"]
    # 001 (嘉兴市 十四五) states ≤27 with no baseline: a target dot alone, left of 000's ≤38
    assert set(pm25[ids["001"]]) == {"target"}
    assert pm25[ids["001"]]["target"] < pm25[ids["000"]]["target"]
    # 002's good-air days rise 76.7 → 85 (2025, its end year, not its 2020 milestone of 80)
    air = {m["doc"]: m["circles"] for m in page.charts["good_air_days_ratio"]}
    assert air[ids["002"]]["baseline"] < air[ids["002"]]["target"]
    assert air[ids["002"]]["target"] > air[ids["000"]]["target"]  # 85 > 83


def test_report_lists_the_plans_without_a_target(seed_db: Path, seed_report: Path) -> None:
    page, _ = parse_page(seed_report)
    ids = {v: k for k, v in doc_ids(seed_db).items()}
    listed = {key: {ids[int(d)]: text for d, text in items} for key, items in page.missing.items()}
    assert set(listed["surface_water_class_iii_share"]) == {"000", "003"}
    assert "嘉兴港区" in listed["surface_water_class_iii_share"]["000"]
    assert "no target" in listed["surface_water_class_iii_share"]["003"]
    assert set(listed["surface_water_worse_than_v_share"]) == {"000", "001", "002", "003", "004"}
    assert set(listed["forest_cover"]) == {"004"}
    assert "pm25_concentration" not in listed  # every seed plan sets one


def test_report_is_self_contained(seed_report: Path) -> None:
    page, text = parse_page(seed_report)
    external = [(tag, attr, url) for tag, attr, url in page.urls if not url.startswith("#")]
    assert external == []
    assert "http://" not in text and "https://" not in text and "//cdn" not in text
    assert "link" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    assert page.tags.count("script") == 1 and "@import" not in text and "url(http" not in text
    assert text.count('class="sortable"') == 4  # a table per headline with a target (劣V类: none)


def _target(key: str, value: float, unit: str, year: int, block: int, baseline: float | None = None):  # type: ignore[no-untyped-def]
    return with_standard_units(
        TargetRecord(
            indicator=key,
            indicator_key=key,
            comparator="<=",
            value=value,
            unit=unit,
            year=year,
            baseline=baseline,
            baseline_year=2020 if baseline else None,
            source="text",
            quote=f"{key} {value}{unit}",
            block=block,
        )
    )


def test_report_picks_the_end_year_and_lists_an_unconvertible_target(tmp_path: Path) -> None:
    db = tmp_path / "made.db"
    store = Store(db)
    plans = [
        ("a.txt", "甲市", [_target("pm25_concentration", 30, "微克/立方米", 2025, 1, baseline=36),
                          _target("pm25_concentration", 33, "μg/m³", 2023, 2)]),
        ("b.txt", "乙市", [_target("pm25_concentration", 5, "个", 2025, 1)]),  # a count: no value_std
        ("c.txt", "丙市", []),
    ]  # fmt: skip
    for name, region, targets in plans:
        document = DocumentRecord(
            source_file=name,
            sha256=name[0] * 64,
            format="txt",
            region=region,
            period_start=2021,
            period_end=2025,
        )
        store.write_document(Extraction(document=document, targets=targets), run_id=None, size_bytes=None)
    store.close()
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["report", str(out), "--db", str(db)]).exit_code == 0
    page, text = parse_page(out)
    (mark,) = page.charts["pm25_concentration"]
    assert mark["doc"] == 1 and set(mark["circles"]) == {"baseline", "target"}
    assert "2023: ≤33" in text  # the other year, in the table
    missing = dict(page.missing["pm25_concentration"])
    assert "not in a comparable unit" in missing["2"] and "no target" in missing["3"]


def test_plan_labels_tell_plans_of_one_region_apart() -> None:
    plans = [
        Plan(1, "a.txt", "嘉兴市", "t1", 2021, 2025),
        Plan(2, "b.txt", "嘉兴市", "t2", 2019, 2025),
        Plan(3, "c.txt", "上虞区", "t3", 2021, 2025),
        Plan(4, "d.txt", "嘉兴市", "t4", 2021, 2025),
        Plan(5, "e.txt", None, None, None, None),
        Plan(6, "467、盐城市“十四五”生态环境保护规划.pdf", None, None, 2021, 2025),  # no region read
    ]
    assert plan_labels(plans) == {
        1: "嘉兴市 2021–2025 #1",
        2: "嘉兴市 2019–2025",
        3: "上虞区",
        4: "嘉兴市 2021–2025 #4",
        5: "e",
        6: "盐城市“十四五”生态环境保护规划",  # the file's catalogue number and suffix dropped
    }


def test_nice_ticks_cover_the_range_in_round_steps() -> None:
    assert nice_ticks(25, 39) == [25, 30, 35, 40]
    assert nice_ticks(0.4, 2.9) == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    assert nice_ticks(76.7, 100) == [75, 80, 85, 90, 95, 100]
    assert nice_ticks(100, 100) == [99.0, 99.5, 100.0, 100.5, 101.0]


# -- etl stats --keys -----------------------------------------------------------------------------


def test_stats_keys_reports_the_keyed_share_overall_and_per_document(seed_db: Path) -> None:
    result = runner.invoke(app, ["stats", "--keys", "--db", str(seed_db), "--format", "json", "--top", "50"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    ((tables, keyed),) = rows(
        seed_db,
        "SELECT count(*), count(indicator_key) FROM v_targets WHERE source = 'table'",
    )
    assert tables > 100 and 0 < keyed < tables
    assert got["overall"]["table_targets"] == tables
    assert got["overall"]["keyed_table_targets"] == keyed
    assert got["overall"]["table_share"] == round(keyed / tables, 4)
    per_doc = {d["source_file"][:3]: d for d in got["documents"]}
    assert set(per_doc) == {"000", "001", "002", "003", "004"}
    assert per_doc["000"]["table_targets"] == 0 and per_doc["000"]["table_share"] is None  # prose only
    ((t004, k004),) = rows(
        seed_db,
        "SELECT count(*), count(t.indicator_key) FROM v_targets t JOIN v_documents d USING (doc_id) "
        "WHERE t.source = 'table' AND d.source_file LIKE '004%'",
    )
    assert per_doc["004"]["table_share"] == round(k004 / t004, 4) and t004 == 10
    names = {u["name"]: u for u in got["unkeyed"]}
    assert len(got["unkeyed"]) == 50
    # 002's indicator-table row, one target per year column, grouped under one name
    assert names["河湖岸线保护率"]["table_targets"] == 4 and names["河湖岸线保护率"]["plans"] == 1
    # every indicator two or more seed plans name carries a key
    assert max(u["plans"] for u in got["unkeyed"]) == 1
    assert all(u["matches_key"] is None for u in got["unkeyed"])


def test_stats_keys_says_when_an_unkeyed_name_matches_a_key(tmp_path: Path) -> None:
    """A table's 五年累计 change beside its level keeps no key on purpose: the listing says which."""
    made = [
        TargetRecord(
            indicator=name, indicator_key=key, comparator="=", value=value, unit="%", year=2025,
            source="table", quote=f"{name} {value}", block=block,
        )
        for name, key, value, block in [
            ("森林覆盖率（%）", "forest_cover", 70, 1),
            ("森林覆盖率（%）", None, 0.44, 1),  # the [0.44] five-year change
            ("河湖岸线保护率", None, 90, 2),
        ]
    ]  # fmt: skip
    db = tmp_path / "made.db"
    store = Store(db)
    document = DocumentRecord(source_file="m.txt", sha256="d" * 64, format="txt")
    store.write_document(Extraction(document=document, targets=made), run_id=None, size_bytes=None)
    store.close()
    result = runner.invoke(app, ["stats", "--keys", "--db", str(db), "--format", "json"])
    got = json.loads(result.stdout)
    assert got["overall"]["table_share"] == round(1 / 3, 4)
    assert {u["name"]: u["matches_key"] for u in got["unkeyed"]} == {
        "森林覆盖率": "forest_cover",
        "河湖岸线保护率": None,
    }


def test_stats_keys_table_and_csv(seed_db: Path) -> None:
    ((tables, keyed),) = rows(
        seed_db, "SELECT count(*), count(indicator_key) FROM v_targets WHERE source = 'table'"
    )
    table = runner.invoke(app, ["stats", "--keys", "--db", str(seed_db), "--top", "3"])
    assert table.exit_code == 0
    share = f"{keyed / tables:.1%} ({keyed} of {tables})"
    assert f"table targets with an indicator_key: {share}" in table.stdout.replace("\n", " ")
    csv_out = runner.invoke(app, ["stats", "--keys", "--db", str(seed_db), "--format", "csv"])
    lines = csv_out.stdout.splitlines()
    assert lines[0].startswith("doc_id,source_file,table_targets,keyed_table_targets,table_share")
    assert lines[-1].startswith(f"all,,{tables},{keyed},{round(keyed / tables, 4)},")
    assert len(lines) == 1 + 5 + 1
