"""`etl targets`: compares targets across plans from the database, read-only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policy_etl.cli import app
from tests.conftest import SEED_FILES


@pytest.mark.slow
def test_targets_command_compares_plans(tmp_path: Path) -> None:
    db = tmp_path / "policy.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", *map(str, SEED_FILES), "--db", str(db), "--json"]).exit_code == 0
    before = db.read_bytes()
    result = runner.invoke(app, ["targets", "--indicator", "pm25_concentration", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len({r["source_file"][:3] for r in rows}) >= 4
    assert {"<=", "="} >= {r["comparator"] for r in rows}
    # 微克/立方米 and μg/m³ as printed, one canonical unit beside them; table rows name their table
    assert {r["unit"] for r in rows} == {"微克/立方米", "μg/m³"}
    assert {(r["unit_std"], r["value_std"] == r["value"]) for r in rows} == {("μg/m³", True)}
    assert all((r["table_id"] is not None) == (r["source"] == "table") for r in rows)
    assert db.read_bytes() == before  # read-only
    only_2025 = json.loads(
        runner.invoke(
            app, ["targets", "--indicator", "pm25_concentration", "--year", "2025", "--db", str(db), "--json"]
        ).stdout
    )
    assert {r["year"] for r in only_2025} == {2025}
    assert runner.invoke(app, ["targets", "--db", str(db), "--region", "004"]).exit_code == 0


def test_targets_command_without_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["targets", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert not (tmp_path / "none.db").exists()
