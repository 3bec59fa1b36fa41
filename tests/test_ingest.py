"""Ingest behaviour: hash-skip, replacement, one transaction per document, per-file failures."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from policy_etl.pipeline import ingest as ingest_module
from policy_etl.pipeline import load as load_module
from policy_etl.pipeline.ingest import ingest
from tests.conftest import SEED_FILES, seed_path

# Tables whose rows belong to documents; ingest_runs/ingest_errors grow with every run by design.
DOCUMENT_TABLES = (
    "documents",
    "sections",
    "doc_tables",
    "table_cells",
    "targets",
    "deadlines",
    "responsibilities",
    "responsibility_units",
    "organizations",
    "projects",
    "glossary_terms",
)


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        out = {}
        for table in DOCUMENT_TABLES:
            cols = [
                r[1]
                for r in conn.execute(f"pragma table_info({table})")
                if r[1] not in {"ingested_at", "run_id"}
            ]
            out[table] = conn.execute(f"select {', '.join(cols)} from {table} order by 1").fetchall()
        return out


def count(db: Path, sql: str, *args: object) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql, args).fetchone()[0])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in SEED_FILES:
        shutil.copy(path, docs / path.name)
    return docs


def test_first_ingest_stores_every_seed_and_a_second_changes_nothing(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "out" / "policy.db"
    first = ingest([folder], db)
    assert [r.status for r in first.results] == ["ingested"] * 5
    assert count(db, "select count(*) from v_documents") == 5
    before = snapshot(db)
    second = ingest([folder], db)
    assert [r.status for r in second.results] == ["unchanged"] * 5
    assert snapshot(db) == before
    assert count(db, "select count(*) from ingest_runs") == 2


def test_a_changed_file_replaces_its_document(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "policy.db"
    ingest([folder], db)
    target = folder / seed_path("000").name
    old_sha = ingest_module.hashlib.sha256(target.read_bytes()).hexdigest()
    old_cells = count(
        db,
        "select count(*) from v_table_cells c join v_documents d using (doc_id) where d.source_file = ?",
        target.name,
    )
    target.write_text(target.read_text(encoding="utf-8") + "\n附加一段新的说明文字。\n", encoding="utf-8")
    report = ingest([folder], db)
    assert [r.status for r in report.results].count("ingested") == 1
    assert count(db, "select count(*) from v_documents") == 5
    assert count(db, "select count(*) from documents where sha256 = ?", old_sha) == 0
    new_cells = count(
        db,
        "select count(*) from v_table_cells c join v_documents d using (doc_id) where d.source_file = ?",
        target.name,
    )
    assert new_cells == old_cells > 0  # replaced, not duplicated


def test_a_failure_midway_through_writing_leaves_no_trace_of_that_document(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "policy.db"
    original = load_module._insert_tables

    def explode_for_002(conn, doc_id, ex, section_ids):  # type: ignore[no-untyped-def]
        ids = original(conn, doc_id, ex, section_ids)  # rows are written, then the write fails
        if ex.document.source_file.startswith("002"):
            raise RuntimeError("disk full while writing tables")
        return ids

    monkeypatch.setattr(load_module, "_insert_tables", explode_for_002)
    report = ingest([folder], db)
    failed = report.of("failed")
    assert [(r.name[:3], r.stage) for r in failed] == [("002", "load")]
    assert "disk full" in (failed[0].reason or "")
    assert count(db, "select count(*) from documents where source_file like '002%'") == 0
    assert count(db, "select count(*) from doc_tables") == count(
        db, "select count(*) from doc_tables t join documents d on d.id = t.document_id"
    )
    # the cells of 002's three tables were inserted and rolled back
    assert (
        count(db, "select count(*) from table_cells where table_id not in (select id from doc_tables)") == 0
    )
    assert len(report.of("ingested")) == 4
    assert count(db, "select count(*) from ingest_errors where stage = 'load' and file like '%002_%'") == 1


def test_an_invalid_record_fails_its_file_naming_field_and_value(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policy_etl.schemas.records import DeadlineRecord

    real_extract = ingest_module.extract

    def bad_extract(doc):  # type: ignore[no-untyped-def]
        if doc.source_file.startswith("001"):
            DeadlineRecord(year=1850, kind="by", quote="到1850年", block=0)
        return real_extract(doc)

    monkeypatch.setattr(ingest_module, "extract", bad_extract)
    report = ingest([folder], tmp_path / "policy.db")
    (failed,) = report.of("failed")
    assert failed.stage == "extract"
    assert "DeadlineRecord.year = 1850" in (failed.reason or "")
    assert "greater than or equal to 1949" in (failed.reason or "")
    assert len(report.of("ingested")) == 4


def test_unreadable_and_empty_files_fail_alone(folder: Path, tmp_path: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"this is not a pdf at all")
    missing = tmp_path / "missing.txt"
    report = ingest([folder, missing], tmp_path / "policy.db")
    reasons = {r.name: (r.stage, r.reason) for r in report.of("failed")}
    assert reasons["empty.txt"] == ("parse", "the file is empty")
    assert reasons["broken.pdf"][0] == "parse" and "not a PDF" in (reasons["broken.pdf"][1] or "")
    assert reasons["missing.txt"][0] == "read"
    assert len(report.of("ingested")) == 5
    assert count(tmp_path / "policy.db", "select count(*) from ingest_errors") == 3
