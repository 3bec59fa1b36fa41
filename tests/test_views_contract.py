"""The public v_* views exist with exactly the contract's columns, in order (public-views.md).

The contract is restated here so the test passes on a clone without ../shared; a second test
checks it against the spec file when that file is present.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from policy_etl.pipeline.load import Store
from tests.conftest import SHARED

CONTRACT = {
    "v_documents": "doc_id source_file sha256 format title doc_number issuers issue_date region plan_kind period_start period_end base_year",
    "v_sections": "doc_id section_id parent_id level label title ordinal",
    "v_targets": "doc_id section_id indicator indicator_key comparator value unit year baseline baseline_year binding source quote",
    "v_deadlines": "doc_id section_id year month day kind quote",
    "v_responsibilities": "doc_id table_title group_name task lead_units support_units",
    "v_projects": "doc_id table_title category no name content investment investment_value period start_year end_year implementer",
    "v_glossary": "doc_id term definition",
    "v_tables": "doc_id table_id section_id title kind n_rows n_cols",
    "v_table_cells": "doc_id table_id row col row_span col_span text",
    "v_indicator_panel": "doc_id region title period_end indicator_key indicator year comparator value_std unit_std baseline_std baseline_year binding source",
}
SPEC = SHARED / "spec" / "public-views.md" if SHARED else None


def view_columns(db: Path, view: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [d[0] for d in conn.execute(f"select * from {view} limit 0").description]


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "policy.db"
    Store(path).close()
    return path


@pytest.mark.parametrize("view", sorted(CONTRACT))
def test_view_starts_with_the_contract_columns_in_order(empty_db: Path, view: str) -> None:
    expected = CONTRACT[view].split()
    assert view_columns(empty_db, view)[: len(expected)] == expected


def test_contract_restated_here_matches_the_spec_when_present() -> None:
    if SPEC is None or not SPEC.exists():
        pytest.skip("no ../shared/spec beside this clone")  # the columns are asserted above anyway
    rows = re.findall(r"^\| `(v_\w+)` \| [^|]+ \| ([^|]+) \|$", SPEC.read_text(encoding="utf-8"), re.M)
    spec = {view: " ".join(c.split()[0] for c in cols.split(",")) for view, cols in rows}
    assert spec == CONTRACT


def test_schema_is_stamped_and_foreign_keys_are_declared(empty_db: Path) -> None:
    with sqlite3.connect(empty_db) as conn:
        assert conn.execute("pragma user_version").fetchone()[0] >= 1
        fks = conn.execute("pragma foreign_key_list(sections)").fetchall()
        assert {fk[2] for fk in fks} == {"documents", "sections"}
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
