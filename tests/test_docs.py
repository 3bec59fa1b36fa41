"""The documentation is checked against the code: the ER diagram, the worked examples, Datasette metadata."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from policy_etl.pipeline.ingest import ingest
from policy_etl.query.connection import PUBLIC_VIEWS
from policy_etl.schemas.erd import END, START, metadata_to_mermaid
from policy_etl.schemas.orm import Base
from tests.conftest import ROOT, SEED_FILES

SCHEMA_MD = ROOT / "docs" / "schema.md"
METADATA = ROOT / "docs" / "metadata.json"
EXAMPLES = re.findall(r"^### (.+?)\n\n```sql\n(.*?)```", SCHEMA_MD.read_text(encoding="utf-8"), re.S | re.M)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("docs") / "policy.db"
    assert not ingest(SEED_FILES, db).has_failures
    return db


def test_the_er_diagram_is_generated_from_the_current_models() -> None:
    text = SCHEMA_MD.read_text(encoding="utf-8")
    block = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert block == metadata_to_mermaid(Base.metadata), "run: python -m policy_etl.schemas.erd docs/schema.md"


def test_there_are_at_least_ten_worked_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize(("title", "sql"), EXAMPLES, ids=[t for t, _ in EXAMPLES])
def test_worked_example_returns_rows(seed_db: Path, title: str, sql: str) -> None:
    with sqlite3.connect(f"file:{seed_db}?mode=ro", uri=True) as conn:
        rows = conn.execute(sql).fetchall()
    assert rows, f"example {title!r} returned no rows on the seed corpus"


def test_datasette_metadata_describes_only_what_exists(seed_db: Path) -> None:
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    tables = meta["databases"]["policy"]["tables"]
    with sqlite3.connect(seed_db) as conn:
        existing = {
            name for (name,) in conn.execute("select name from sqlite_master where type in ('table', 'view')")
        }
        for name, spec in tables.items():
            assert name in existing, name
            columns = {row[1] for row in conn.execute(f"pragma table_info({name})")}
            assert set(spec.get("columns", {})) <= columns, name
            if "fts_table" in spec:
                assert spec["fts_table"] in existing
    assert {f"v_{v}" for v in ("documents", "targets", "responsibilities", "projects")} <= set(tables)


def test_fts_table_is_declared_the_way_datasette_detects_it(seed_db: Path) -> None:
    with sqlite3.connect(seed_db) as conn:
        (sql,) = conn.execute("select sql from sqlite_master where name = 'passages_fts'").fetchone()
    assert 'content="passages"' in sql


def test_every_public_view_is_documented_in_schema_md_and_the_metadata() -> None:
    documented = set(re.findall(r"^\| `(v_\w+)` \|", SCHEMA_MD.read_text(encoding="utf-8"), re.M))
    assert documented == set(PUBLIC_VIEWS)
    tables = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["policy"]["tables"]
    assert set(PUBLIC_VIEWS) <= set(tables)
