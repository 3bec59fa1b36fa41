"""Faults: SIGKILL mid-ingest, two writers at once, duplicate content, size limits."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policy_etl.pipeline.ingest import IngestSettings, ingest
from policy_etl.schemas import orm
from tests.conftest import SEED_FILES, seed_path

ROOT = Path(__file__).resolve().parent.parent
PER_DOC_COUNTS = """
SELECT d.sha256,
  (SELECT count(*) FROM sections WHERE document_id = d.id),
  (SELECT count(*) FROM doc_tables WHERE document_id = d.id),
  (SELECT count(*) FROM table_cells c JOIN doc_tables t ON t.id = c.table_id WHERE t.document_id = d.id),
  (SELECT count(*) FROM targets WHERE document_id = d.id),
  (SELECT count(*) FROM deadlines WHERE document_id = d.id),
  (SELECT count(*) FROM responsibilities WHERE document_id = d.id),
  (SELECT count(*) FROM projects WHERE document_id = d.id),
  (SELECT count(*) FROM passages WHERE document_id = d.id)
FROM documents d
"""


def make_corpus(folder: Path, copies: int) -> Path:
    """Copies of the seeds with distinct content, so none is skipped as unchanged."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for seed in SEED_FILES:
            text = seed.read_text(encoding="utf-8") + f"\n第{i}份副本。\n"
            (folder / f"{i:02d}_{seed.name}").write_text(text, encoding="utf-8")
    return folder


def per_doc_counts(db: Path) -> dict[str, tuple[int, ...]]:
    with sqlite3.connect(db) as conn:
        return {row[0]: tuple(row[1:]) for row in conn.execute(PER_DOC_COUNTS)}


def assert_consistent(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        conn.execute("insert into passages_fts(passages_fts, rank) values('integrity-check', 1)")


def wait_for_schema(db: Path, proc: subprocess.Popen[str], timeout: float = 120.0) -> None:
    """Block until the ingest process has made the database's schema (its first transaction).

    Killing it before that point tests nothing (no table exists yet) and, on a loaded machine,
    Python's start-up alone can outlast a fixed sleep.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    if conn.execute("pragma user_version").fetchone()[0] == orm.SCHEMA_VERSION:
                        return
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)
    raise AssertionError(f"the ingest process made no schema in {timeout:.0f} s")


def etl(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "policy_etl.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_every_document_whole(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "docs", copies=2)
    clean_db = tmp_path / "clean.db"
    ingest([corpus], clean_db)
    clean = per_doc_counts(clean_db)
    db = tmp_path / "killed.db"
    rng = random.Random(20261123)
    for _attempt in range(4):
        proc = etl("ingest", str(corpus), "--db", str(db), "--force", "--json")
        wait_for_schema(db, proc)
        time.sleep(rng.uniform(0.2, 3.0))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        assert_consistent(db)
        for sha, counts in per_doc_counts(db).items():
            assert counts == clean[sha], "a document is only partly present after SIGKILL"
    # and a normal run afterwards completes the database
    assert not ingest([corpus], db).has_failures
    assert per_doc_counts(db) == clean


@pytest.mark.slow
def test_two_ingest_processes_on_one_database_both_finish(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "docs", copies=2)
    db = tmp_path / "shared.db"
    first, second = (
        etl("ingest", str(corpus), "--db", str(db), "--json"),
        etl("ingest", str(corpus), "--db", str(db), "--json"),
    )
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    for proc, (out, errs) in zip((first, second), outputs, strict=True):
        assert proc.returncode == 0, errs
        assert "locked" not in errs
        summary = json.loads(out)
        assert summary["failed"] == 0
    totals = [json.loads(out)["ingested"] for out, _ in outputs]
    assert sum(totals) >= 10
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*), count(distinct sha256) from documents").fetchone() == (10, 10)
    assert_consistent(db)


def test_same_content_under_two_names_is_stored_once_with_both_names(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    text = seed_path("003").read_bytes()
    (docs / "a.txt").write_bytes(text)
    (docs / "b.txt").write_bytes(text)
    db = tmp_path / "p.db"
    report = ingest([docs], db, settings=IngestSettings(workers=2))
    assert sorted(r.status for r in report.results) == ["ingested", "unchanged"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == 1
        names = [r[0] for r in conn.execute("select name from document_names order by name")]
    assert names == ["a.txt", "b.txt"]


def test_a_file_over_the_size_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("生态" * 400_000, encoding="utf-8")  # 2.4 MB
    report = ingest([big], tmp_path / "p.db", settings=IngestSettings(max_bytes=1024 * 1024))
    (failed,) = report.of("failed")
    assert failed.stage == "read"
    assert failed.reason == "the file is 2 MB, over the 1 MB limit (see --max-size)"


def test_parallel_ingest_gives_the_same_records_as_serial(tmp_path: Path) -> None:
    serial, parallel = tmp_path / "s.db", tmp_path / "p.db"
    ingest(SEED_FILES, serial, settings=IngestSettings(workers=1))
    ingest(SEED_FILES, parallel, settings=IngestSettings(workers=2))
    assert per_doc_counts(serial) == per_doc_counts(parallel)
