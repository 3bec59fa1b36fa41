"""Re-parse the corpus and compare every record with the golden snapshots in tests/golden/.

A change that alters extracted records fails here with a readable diff; when the change is
meant, `make golden` rewrites the snapshots and the reviewer reads their diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from policy_etl.query.snapshot import dumps_golden, extraction_to_golden
from policy_etl.schemas.records import Extraction
from tests.conftest import SEED_FILES

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("source", SEED_FILES, ids=lambda p: p.name)
def test_records_match_golden(
    source: Path, corpus: dict[str, Extraction], request: pytest.FixtureRequest
) -> None:
    actual = dumps_golden(extraction_to_golden(corpus[source.name[:3]]))
    golden = GOLDEN_DIR / f"{source.name}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.exists(), f"no golden snapshot {golden.name}: run `make golden` and review it"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            f"golden/{golden.name}",
            "extracted now",
            lineterm="",
            n=0,
        )
        lines = list(diff)
        shown = "\n".join(lines[:80]) + (f"\n… {len(lines) - 80} more diff lines" if len(lines) > 80 else "")
        pytest.fail(
            f"extracted records of {source.name} changed (run `make golden` if meant):\n{shown}",
            pytrace=False,
        )
