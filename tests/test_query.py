"""Researchers' interface: full-text search, read-only SQL, exports, listings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policy_etl.cli import app
from policy_etl.pipeline.ingest import ingest
from policy_etl.query.connection import PUBLIC_VIEWS, QueryError, open_readonly, run_sql
from policy_etl.query.search import make_snippet, query_to_match, search
from tests.conftest import SEED_FILES

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "policy.db"
    report = ingest(SEED_FILES, db)
    assert not report.has_failures
    return db


def test_search_finds_a_two_character_word_in_at_least_three_plans(seed_db: Path) -> None:
    with open_readonly(seed_db) as conn:
        hits = search(conn, "臭氧", limit=50)
    assert len({h.source_file for h in hits}) >= 3
    assert all("臭氧" in h.snippet for h in hits)
    assert all("【臭氧】" in h.snippet for h in hits)
    assert hits == sorted(hits, key=lambda h: h.rank)


def test_search_cli_json_and_region_filter(seed_db: Path) -> None:
    result = runner.invoke(app, ["search", "水质", "--db", str(seed_db), "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 3 and all("水质" in h["snippet"] for h in hits)


def test_query_to_match_quotes_user_input_so_fts_syntax_cannot_break_it() -> None:
    assert query_to_match('臭氧 OR "x') == '"臭氧" "OR" "x"'
    with pytest.raises(QueryError):
        query_to_match("，。")


def test_snippet_marks_the_hit_in_the_original_text() -> None:
    text = "到2025年，全市PM2.5平均浓度控制在25微克/立方米以下，臭氧浓度稳定下降。"
    assert "【臭氧】浓度" in make_snippet(text, "臭氧")


def test_query_refuses_writes_and_leaves_the_database_unchanged(seed_db: Path) -> None:
    before = seed_db.read_bytes()
    result = runner.invoke(app, ["query", "delete from documents", "--db", str(seed_db)])
    assert result.exit_code == 1
    assert "read-only" in result.stderr
    with sqlite3.connect(seed_db) as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == 5
    assert seed_db.read_bytes() == before


def test_query_prints_csv_and_json(seed_db: Path) -> None:
    result = runner.invoke(
        app, ["query", "select count(*) as n from v_documents", "--db", str(seed_db), "--format", "csv"]
    )
    assert result.stdout.splitlines() == ["n", "5"]
    result = runner.invoke(
        app,
        [
            "query",
            "select source_file from v_documents order by 1 limit 1",
            "--db",
            str(seed_db),
            "--format",
            "json",
        ],
    )
    assert json.loads(result.stdout) == [{"source_file": SEED_FILES[0].name}]


def test_sql_error_is_a_clear_message(seed_db: Path) -> None:
    with open_readonly(seed_db) as conn, pytest.raises(QueryError, match="no such table"):
        run_sql(conn, "select * from nowhere")


def test_export_writes_every_view_as_csv_with_bom(seed_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "x"), "--db", str(seed_db)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "x").iterdir())
    assert files == sorted(f"{v}.csv" for v in PUBLIC_VIEWS)
    raw = (tmp_path / "x" / "v_documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"doc_id,source_file,sha256")
    assert len(raw.decode("utf-8-sig").splitlines()) == 6


def test_export_jsonl(seed_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--out", str(tmp_path), "--db", str(seed_db), "--format", "jsonl"])
    assert result.exit_code == 0
    cells = (tmp_path / "v_table_cells.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(cells[0]).keys() >= {"doc_id", "table_id", "row", "col", "row_span", "col_span", "text"}


def test_stats_counts_records_per_document(seed_db: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(seed_db), "--format", "json"])
    stats = {row["source_file"][:3]: row for row in json.loads(result.stdout)}
    assert stats["002"]["tables"] == 3
    assert set(stats) == {"000", "001", "002", "003", "004"}
    assert {row["ocr_pages"] for row in stats.values()} == {0}  # text files: nothing OCR'd


def test_search_has_no_stale_hits_after_a_file_changes(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("一、总体要求\n到2025年，全面完成湿地保护修复。\n", encoding="utf-8")
    db = tmp_path / "p.db"
    ingest([doc], db)
    with open_readonly(db) as conn:
        assert len(search(conn, "湿地")) == 1
    doc.write_text("一、总体要求\n到2025年，全面完成海塘安澜工程。\n", encoding="utf-8")
    assert ingest([doc], db).of("ingested")
    with open_readonly(db) as conn:
        assert search(conn, "湿地") == []
        assert len(search(conn, "海塘")) == 1
        # the external-content index agrees with its content table
        n_fts = conn.execute("select count(*) from passages_fts").fetchone()[0]
        n_passages = conn.execute("select count(*) from passages").fetchone()[0]
    assert n_fts == n_passages
    with sqlite3.connect(db) as conn:
        conn.execute("insert into passages_fts(passages_fts, rank) values('integrity-check', 1)")


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "etl ingest" in result.stderr
