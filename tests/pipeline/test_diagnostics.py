"""Warnings are captured per file and kept with it: the report, --json, the summary and
ingest_warnings, never raw on the terminal."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policy_etl import fingerprint
from policy_etl.cli import app
from policy_etl.fingerprint import Fingerprints
from policy_etl.pipeline.diagnostics import IngestWarning, PipelineWarning, capturing
from policy_etl.pipeline.ingest import IngestSettings, ingest
from tests.conftest import seed_path

# An XML document (an RSS-like export) saved with an .html name: bs4 warns that an HTML parser
# reads XML, with several paragraphs of advice for programmers.
XML_PAGE = (
    '<?xml version="1.0" encoding="utf-8"?><doc><title>嘉兴市生态环境保护规划</title>'
    "<p>嘉兴市生态环境保护规划</p><p>到2025年，全市空气质量优良天数比率达到90%以上。</p></doc>"
).encode()
BS4_WARNING = (
    "XMLParsedAsHTMLWarning (bs4): It looks like you're using an HTML parser to parse an XML document."
)
runner = CliRunner()


def test_a_library_warning_is_kept_as_one_line_with_its_class_and_package(
    capfd: pytest.CaptureFixture[str],
) -> None:
    from bs4 import BeautifulSoup

    notes: list[IngestWarning] = []
    with capturing("parse", notes):
        BeautifulSoup(XML_PAGE.decode(), "lxml")
    assert notes == [IngestWarning("parse", BS4_WARNING)]
    assert capfd.readouterr().err == ""


def test_repeated_warnings_are_counted_and_deprecations_left_to_python() -> None:
    notes: list[IngestWarning] = []
    with capturing("normalize", notes):
        for _ in range(3):
            warnings.warn(PipelineWarning("table 2 repaired: 1 cell with a span of 0 set to 1"), stacklevel=1)
        warnings.warn("old API", DeprecationWarning, stacklevel=1)
        warnings.warn("odd input", UserWarning, stacklevel=1)
    assert notes == [
        IngestWarning("normalize", "table 2 repaired: 1 cell with a span of 0 set to 1 (3 times)"),
        IngestWarning("normalize", "UserWarning: odd input"),
    ]


def test_a_logged_library_warning_is_kept_and_not_printed(capfd: pytest.CaptureFixture[str]) -> None:
    """pdfminer reports odd fonts and colours through logging, which prints to stderr by default."""
    notes: list[IngestWarning] = []
    with capturing("parse", notes):
        logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox from font descriptor")
        logging.getLogger("pdfminer.pdffont").info("not a warning")
    assert notes == [IngestWarning("parse", "pdfminer.pdffont: Could not get FontBBox from font descriptor")]
    assert capfd.readouterr().err == ""
    assert not any(type(h).__name__ == "_LogCollector" for h in logging.getLogger().handlers)


def test_warnings_raised_before_a_failure_are_still_kept() -> None:
    notes: list[IngestWarning] = []
    with pytest.raises(ValueError), capturing("extract", notes):
        warnings.warn(PipelineWarning("table 1 dropped: no rows or columns (0×0)"), stacklevel=1)
        raise ValueError("boom")
    assert notes == [IngestWarning("extract", "table 1 dropped: no rows or columns (0×0)")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(seed_path("000"), docs / "000.txt")
    (docs / "feed.html").write_bytes(XML_PAGE)
    return docs


@pytest.mark.parametrize("workers", [1, 2])
def test_a_library_warning_travels_back_from_the_worker_into_the_report_and_the_table(
    folder: Path, workers: int
) -> None:
    db = folder.parent / "policy.db"
    report = ingest([folder], db, settings=IngestSettings(workers=workers))
    by_name = {r.name: r for r in report.results}
    assert [r.status for r in report.results] == ["ingested", "ingested"]
    assert by_name["feed.html"].warnings == (IngestWarning("parse", BS4_WARNING),)
    assert by_name["000.txt"].warnings == ()
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "select file, sha256, stage, message, run_id from ingest_warnings"
        ).fetchall() == [
            (str(folder / "feed.html"), by_name["feed.html"].sha256, "parse", BS4_WARNING, report.run_id)
        ]
    summary = report.as_dict()
    assert summary["warnings"] == 1
    files = {Path(f["path"]).name: f for f in summary["files"]}  # type: ignore[attr-defined, index]
    assert files["feed.html"]["warnings"] == [{"stage": "parse", "message": BS4_WARNING}]


def test_the_human_summary_counts_and_shows_warnings_without_the_library_advice(folder: Path) -> None:
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(folder.parent / "p.db")])
    assert result.exit_code == 0, result.stderr
    assert f"warning: feed.html: [parse] {BS4_WARNING}" in result.stderr.splitlines()
    assert "2 ingested · 0 unchanged · 0 failed · 1 warning" in result.stderr
    assert "1 warning" in next(line for line in result.stderr.splitlines() if line.startswith("│ feed.html"))
    assert "filterwarnings" not in result.stderr and "BeautifulSoup constructor" not in result.stderr


def test_etl_extract_prints_a_warning_line_not_the_raw_warning(folder: Path) -> None:
    result = runner.invoke(app, ["extract", str(folder / "feed.html")])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"warning: feed.html: [parse] {BS4_WARNING}"]
    assert '"type": "targets"' in result.stdout


def test_a_re_extracted_file_reports_the_parse_warnings_kept_in_the_cache(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = folder.parent / "policy.db"
    ingest([folder], db)
    real = fingerprint.compute()
    monkeypatch.setattr(fingerprint, "current", lambda: Fingerprints(real.parser, "e" * 16))
    report = ingest([folder], db)
    by_name = {r.name: r for r in report.results}
    assert by_name["feed.html"].status == "re-extracted" and by_name["feed.html"].cached
    assert by_name["feed.html"].warnings == (IngestWarning("parse", BS4_WARNING),)
    with sqlite3.connect(db) as conn:
        kept = conn.execute("select stage, message from ingest_warnings where run_id = ?", (report.run_id,))
        assert kept.fetchall() == [("parse", BS4_WARNING)]
