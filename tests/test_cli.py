"""The `etl` command line: exit codes, the summary, --json, and the debugging commands."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from policy_etl.cli import app
from tests.conftest import seed_path

runner = CliRunner()


def test_ingest_exit_0_and_json_summary(tmp_path: Path) -> None:
    shutil.copy(seed_path("000"), tmp_path / "000.txt")
    db = tmp_path / "db" / "p.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "000.txt"), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["ingested"], summary["unchanged"], summary["failed"]) == (1, 0, 0)
    assert summary["files"][0]["counts"]["tables"] == 1
    again = runner.invoke(app, ["ingest", str(tmp_path / "000.txt"), "--db", str(db), "--json"])
    assert json.loads(again.stdout)["unchanged"] == 1


def test_ingest_exit_1_when_a_file_fails_and_the_others_are_ingested(tmp_path: Path) -> None:
    shutil.copy(seed_path("004"), tmp_path / "004.txt")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "p.db")])
    assert result.exit_code == 1
    assert "bad.docx" in result.stderr and "[parse]" in result.stderr
    assert "1 ingested · 0 unchanged · 1 failed" in result.stderr


def test_ingest_ocr_off_refuses_a_scan_naming_the_file_and_the_option(tmp_path: Path) -> None:
    scan = Path(__file__).resolve().parent / "fixtures" / "pdf" / "scan.pdf"
    shutil.copy(scan, tmp_path / "scan.pdf")
    db = tmp_path / "p.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "scan.pdf"), "--db", str(db), "--ocr", "off"])
    assert result.exit_code == 1
    assert (
        "error: scan.pdf: [parse] the PDF is a scan with no text layer (only page images); "
        "OCR is off (--ocr off): ingest it with --ocr auto to read it by OCR"
    ) in " ".join(result.stderr.split())


def test_ingest_refuses_an_unknown_ocr_mode(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(tmp_path), "--db", str(tmp_path / "p.db"), "--ocr", "sometimes"]
    )
    assert result.exit_code == 2
    assert "unknown --ocr mode 'sometimes': use auto, off, force" in result.stderr


def test_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["ingest", "--no-such-option"]).exit_code == 2


def test_extract_prints_json_lines_of_records() -> None:
    result = runner.invoke(app, ["extract", str(seed_path("002"))])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["type"] == "document"
    tables = [r for r in records if r["type"] == "tables"]
    assert [t["n_cols"] for t in tables][:2] == [11, 11]


def test_parse_dumps_the_document_model() -> None:
    result = runner.invoke(app, ["parse", str(seed_path("000"))])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["format"] == "txt"
    assert any(b["kind"] == "table" and b["n_cols"] == 4 for b in doc["blocks"])


def test_every_command_has_help() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, name


def test_console_script_runs_as_a_real_process(tmp_path: Path) -> None:
    shutil.copy(seed_path("003"), tmp_path / "003.txt")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "policy_etl.cli",
            "ingest",
            str(tmp_path),
            "--db",
            str(tmp_path / "p.db"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["ingested"] == 1
