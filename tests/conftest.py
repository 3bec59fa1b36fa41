"""Shared fixtures: the seed corpus is parsed and extracted once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policy_etl.parsers import parse_file
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.normalize import normalize
from policy_etl.schemas.document import Document
from policy_etl.schemas.records import Extraction

ROOT = Path(__file__).resolve().parent.parent
RAW_DOCS = ROOT / "raw_docs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_FILES = sorted(RAW_DOCS.glob("*.txt"))
# The project's shared/ folder (spec, corpus) stands beside the clone in CI, or one level further
# up in a worktree or scratch clone; None when there is none.
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), None)
# The real government files of shared/corpus/extra; POLICY_ETL_CORPUS overrides.
_CORPUS_CANDIDATES = [
    Path(os.environ.get("POLICY_ETL_CORPUS", "/nonexistent")),
    *([SHARED / "corpus" / "extra"] if SHARED else []),
]
CORPUS_EXTRA = next((p for p in _CORPUS_CANDIDATES if p.is_dir()), None)
# The real "十四五" plans of shared/corpus/real (PDFs of several producers; SOURCES.md).
CORPUS_REAL = SHARED / "corpus" / "real" if SHARED and (SHARED / "corpus" / "real").is_dir() else None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/*.json instead of comparing"
    )


def seed_path(prefix: str) -> Path:
    """The raw_docs file whose name starts with `prefix` ("000" … "004")."""
    (path,) = [p for p in SEED_FILES if p.name.startswith(prefix)]
    return path


@pytest.fixture(scope="session")
def seed_docs() -> dict[str, Document]:
    """Normalized document models of the seeds, keyed by their three-digit prefix."""
    return {p.name[:3]: normalize(parse_file(p)) for p in SEED_FILES}


@pytest.fixture(scope="session")
def corpus(seed_docs: dict[str, Document]) -> dict[str, Extraction]:
    """Extractions of the seeds, keyed by their three-digit prefix."""
    return {key: extract(doc) for key, doc in seed_docs.items()}


@pytest.fixture(scope="session")
def real_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    """shared/corpus/real ingested once for the whole run (slow: the 32 real PDFs), shared by
    every test that asserts records of real plans: (IngestReport, database path)."""
    if CORPUS_REAL is None:
        pytest.skip("shared/corpus/real not found next to the repository")
    from policy_etl.pipeline.ingest import IngestSettings, ingest

    db = tmp_path_factory.mktemp("real") / "policy.db"
    return ingest([CORPUS_REAL], db, settings=IngestSettings(workers=2)), db
