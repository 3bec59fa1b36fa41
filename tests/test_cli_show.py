"""`etl show`: a document's section tree with record counts, read back from the database."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policy_etl.cli import app
from policy_etl.pipeline.ingest import ingest
from policy_etl.query.outline import RECORD_VIEWS, counts_to_text
from policy_etl.schemas.records import Extraction
from tests.conftest import RAW_DOCS

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("show") / "policy.db"
    report = ingest([RAW_DOCS], path)
    assert not report.has_failures
    return path


def _show(db: Path, *args: str) -> str:
    result = runner.invoke(app, ["show", *args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_prints_the_tree(db: Path) -> None:
    lines = _show(db, "004").splitlines()
    assert lines[0].startswith("004_6a48d62c348c883e.txt (doc ") and lines[0].endswith(
        "上虞区生态环境保护“十四五”规划"
    )
    # each line is the section (indented by level) and, after two spaces, its record counts
    headings = [line.split("  [")[0] for line in lines]
    assert "  4 重点工作任务" in headings
    assert "    4.12 坚持数字赋能，提升整体智治水平" in headings
    assert "        3.3.1 总体目标" in headings
    assert headings[-1] == "  附件 名词解释"
    assert any(line.startswith("        3.3.2 指标体系  [") and "tables" in line for line in lines)


def _expected_counts(extraction: Extraction) -> dict[int, dict[str, int]]:
    counts: dict[int, Counter[str]] = {}
    for kind in RECORD_VIEWS:
        for record in getattr(extraction, kind):
            if record.section is not None:
                counts.setdefault(record.section, Counter())[kind] += 1
    return {k: dict(v) for k, v in counts.items()}


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_show_counts_match_the_extraction(db: Path, corpus: dict[str, Extraction], seed: str) -> None:
    outline = json.loads(_show(db, seed, "--json"))
    expected = _expected_counts(corpus[seed])
    assert [s["ordinal"] for s in outline["sections"]] == [s.ordinal for s in corpus[seed].sections]
    for section in outline["sections"]:
        assert section["counts"] == expected.get(section["ordinal"], {}), section


def test_show_counts_tables_under_their_section(db: Path) -> None:
    lines = _show(db, "004").splitlines()
    assert "    1.1 “十三五”工作成效  [1 tables]" in lines
    assert counts_to_text({"targets": 2, "tables": 1}) == "1 tables, 2 targets"


def test_show_does_not_write_the_database(db: Path) -> None:
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    _show(db, "000_98e2c67f74ab2280.txt")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("ref", ["00", "999"])
def test_show_unknown_or_ambiguous_document(db: Path, ref: str) -> None:
    result = runner.invoke(app, ["show", ref, "--db", str(db)])
    assert result.exit_code == 1
    assert "matches" in result.output


def test_show_missing_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "004", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert not (tmp_path / "none.db").exists()
