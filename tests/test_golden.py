"""Re-parse the corpus and compare every record with the golden snapshots in tests/golden/.

A change that alters extracted records fails here with a readable diff; when the change is
meant, `make golden` rewrites the snapshots and the reviewer reads their diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from policy_etl.parsers import parse_file
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.normalize import normalize
from policy_etl.query.snapshot import dumps_golden, extraction_to_golden
from policy_etl.schemas.records import Extraction
from tests.conftest import CORPUS_REAL, SEED_FILES

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
# Real plans of shared/corpus/real snapshotted too, one per kind of producer: ABBYY FineReader
# with no rules (青海 466) and with some (德州 451), WPS (商洛 454), Word (白银 413), a
# provincial gazette (青海 542). Read from ../shared at test time; snapshots in golden/real/.
REAL_GOLDEN = ("466", "451", "454", "413", "542")


@pytest.mark.parametrize("source", SEED_FILES, ids=lambda p: p.name)
def test_records_match_golden(
    source: Path, corpus: dict[str, Extraction], request: pytest.FixtureRequest
) -> None:
    _compare(corpus[source.name[:3]], GOLDEN_DIR / f"{source.name}.json", request)


@pytest.mark.slow
@pytest.mark.parametrize("prefix", REAL_GOLDEN)
def test_real_plan_records_match_golden(prefix: str, request: pytest.FixtureRequest) -> None:
    if CORPUS_REAL is None:
        pytest.skip("shared/corpus/real not found next to the repository")
    (source,) = CORPUS_REAL.glob(f"{prefix}、*.pdf")
    extraction = extract(normalize(parse_file(source)))
    _compare(extraction, GOLDEN_DIR / "real" / f"{prefix}.json", request)


def _compare(extraction: Extraction, golden: Path, request: pytest.FixtureRequest) -> None:
    actual = dumps_golden(extraction_to_golden(extraction))
    source = extraction.document
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
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
            f"extracted records of {source.source_file} changed (run `make golden` if meant):\n{shown}",
            pytrace=False,
        )
