"""Scanned PDFs read by OCR: offline, silent, and nearly as good as the text layer they picture.

The scanned twin (tests/fixtures/scan/seed000_plan_scan.pdf, made by make_scan_fixtures.py) is
the 6-page seed plan of tests/fixtures/pdf_parity rendered to black-and-white page images and
rebuilt as an image-only PDF. Both are ingested once for this module, with the process's
stdout and stderr captured at the file-descriptor level (forked workers write there too), and
the records of the scan are compared with those of the text version. OCR is slow (seconds a
page), so every fixture here is read once: the twin in `twin`, the one-page scan.pdf in
`offline_scan`.

Needs the `ocr` extra (rapidocr, onnxruntime); without it the module is skipped, and
tests/parsers/test_pdf.py checks the error a scan then fails with.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pytest.importorskip("rapidocr")
pytest.importorskip("onnxruntime")

from policy_etl.cli import app
from policy_etl.parsers import ocr, parse_file
from policy_etl.pipeline.ingest import IngestReport, IngestSettings, ingest
from policy_etl.schemas.document import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCAN = FIXTURES / "pdf" / "scan.pdf"
TEXT = FIXTURES / "pdf_parity" / "seed000_plan.pdf"
TWIN = FIXTURES / "scan" / "seed000_plan_scan.pdf"
runner = CliRunner()
MIN_SHARE = 0.9  # of the text version's sections and targets the scan must yield (issue #15)


# --- no network --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_scan() -> tuple[Document, list[tuple[Any, ...]]]:
    """scan.pdf parsed (auto mode) with every way out to the network refused, the OCR engine
    and its models loaded afresh inside; (the document, the connections attempted)."""
    attempts: list[tuple[Any, ...]] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network access during OCR")

    patch = pytest.MonkeyPatch()
    for owner, name in (
        (socket.socket, "connect"),
        (socket.socket, "connect_ex"),
        (socket, "create_connection"),
        (socket, "getaddrinfo"),
    ):
        patch.setattr(owner, name, refuse)
    ocr.engine.cache_clear()
    try:
        doc = parse_file(SCAN)
    finally:
        patch.undo()
        ocr.engine.cache_clear()
    return doc, attempts


def test_ocr_reads_a_scan_without_any_network_access(
    offline_scan: tuple[Document, list[tuple[Any, ...]]],
) -> None:
    doc, attempts = offline_scan
    assert attempts == []
    assert doc.ocr_pages == (1,)
    texts = [p.text for p in doc.paragraphs()]
    assert texts[:3] == ["示范市“十四五”生态环境保护规划", "一、基本形势", "（一）现状基础"]
    assert texts[3].startswith("到2025年，PM2.5年均浓度降至40微克/立")


def test_each_ocr_block_carries_its_confidence(offline_scan: tuple[Document, list[tuple[Any, ...]]]) -> None:
    doc, _ = offline_scan
    confidences = [b.loc.ocr_confidence for b in doc.blocks]
    assert all(c is not None and 0.8 <= c <= 1.0 for c in confidences), confidences
    assert all(b.loc.page == 1 for b in doc.blocks)


# --- the scanned twin, ingested beside its text version ------------------------------------------


@contextmanager
def _captured_fds() -> Iterator[list[str]]:
    """What is written to file descriptors 1 and 2 inside the block (by this process or by the
    workers it forks), appended to the yielded list when the block ends."""
    out: list[str] = []
    with tempfile.TemporaryFile(mode="w+b") as sink:
        saved = [os.dup(1), os.dup(2)]
        try:
            os.dup2(sink.fileno(), 1)
            os.dup2(sink.fileno(), 2)
            yield out
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
            sink.seek(0)
            out.append(sink.read().decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestReport, Path, str]:
    """The text plan and its scanned twin ingested into one database by a forked worker, as
    `etl ingest` does: (the report, the database, everything written to stdout/stderr)."""
    folder = tmp_path_factory.mktemp("twin")
    for source in (TEXT, TWIN):
        (folder / source.name).write_bytes(source.read_bytes())
    db = folder / "policy.db"
    with _captured_fds() as printed:
        report = ingest([folder], db, settings=IngestSettings(workers=1))
    return report, db, printed[0]


def _rows(db: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def _doc_id(db: Path, name: str) -> int:
    ((doc_id,),) = _rows(db, "select doc_id from v_documents where source_file = ?", name)
    return int(doc_id)


def test_an_ocr_ingest_prints_nothing_and_warns_of_nothing(twin: tuple[IngestReport, Path, str]) -> None:
    report, _, printed = twin
    assert printed == ""
    assert [(r.name, r.status) for r in report.results] == [
        (TEXT.name, "ingested"),
        (TWIN.name, "ingested"),
    ]
    assert [r.warnings for r in report.results] == [(), ()]  # RapidOCR's own logging is silenced


def _share(expected: list[Any], found: list[Any]) -> float:
    return sum(1 for item in expected if item in found) / len(expected)


def test_the_scan_yields_the_sections_of_its_text_version(twin: tuple[IngestReport, Path, str]) -> None:
    _, db, _ = twin
    sql = "select label, title from v_sections where doc_id = ? order by ordinal"
    text = _rows(db, sql, _doc_id(db, TEXT.name))
    scan = _rows(db, sql, _doc_id(db, TWIN.name))
    assert len(text) == 28
    assert _share(text, scan) >= MIN_SHARE, sorted(set(text) - set(scan))
    assert ("一", "指导思想和基本原则") in scan and ("四", "保障措施") in scan
    assert ("一", "加强组织领导") in scan  # printed （一）: a bracket OCR scores low is kept


def test_the_scan_yields_the_targets_of_its_text_version(twin: tuple[IngestReport, Path, str]) -> None:
    _, db, _ = twin
    sql = "select indicator, value, year from v_targets where doc_id = ?"
    text = _rows(db, sql, _doc_id(db, TEXT.name))
    scan = _rows(db, sql, _doc_id(db, TWIN.name))
    assert len(text) == 24
    assert _share(text, scan) >= MIN_SHARE, sorted(set(text) - set(scan))
    pm25 = _rows(
        db,
        "select comparator, value, unit, year, source from v_targets where doc_id = ? and indicator_key = ?",
        _doc_id(db, TWIN.name),
        "pm25_concentration",
    )
    assert pm25 == [("<=", 38.0, "微克/立方米", 2020, "text")]
    assert ("林木蓄积量", 1.58, 2020) in scan  # a decimal point read as one


def test_the_scans_ruled_table_is_read_from_the_rules_in_its_image(
    twin: tuple[IngestReport, Path, str],
) -> None:
    """The responsibility table's rules are pixels in the scan: found there, they make the same
    8 × 4 grid as the text version's vector rules, and the same responsibility rows."""
    _, db, _ = twin
    sql = "select title, kind, n_rows, n_cols, page from v_tables where doc_id = ?"
    assert _rows(db, sql, _doc_id(db, TWIN.name)) == _rows(db, sql, _doc_id(db, TEXT.name))
    sql = "select group_name, task, lead_units from v_responsibilities where doc_id = ? order by rowid"
    tasks = _rows(db, sql, _doc_id(db, TWIN.name))
    assert tasks == _rows(db, sql, _doc_id(db, TEXT.name))
    assert len(tasks) == 7
    assert ("节能减排行动", "强化污染物排放总量控制", '["环保局"]') in tasks


def test_records_of_the_scan_say_they_were_read_by_ocr(twin: tuple[IngestReport, Path, str]) -> None:
    _, db, _ = twin
    pages = dict(_rows(db, "select source_file, ocr_pages from v_documents"))
    assert pages == {TEXT.name: 0, TWIN.name: 6}
    stats = runner.invoke(app, ["stats", "--db", str(db), "--format", "json"])
    assert {row["source_file"]: row["ocr_pages"] for row in json.loads(stats.stdout)} == pages
    for view in ("v_targets", "v_sections", "v_tables"):
        sql = f"select ocr_confidence from {view} where doc_id = ?"
        scan = [c for (c,) in _rows(db, sql, _doc_id(db, TWIN.name))]
        text = [c for (c,) in _rows(db, sql, _doc_id(db, TEXT.name))]
        assert scan and all(c is not None and 0.8 <= c <= 1.0 for c in scan), (view, scan)
        assert text and all(c is None for c in text), view
    (metadata,) = _rows(
        db,
        "select title, plan_kind, period_start, period_end from v_documents where source_file = ?",
        TWIN.name,
    )
    assert metadata == ("“811”美丽港区建设行动方案(2016-2020)", "行动方案", 2016, 2020)
