"""The benchmark runs from a clean checkout and prints its table (a smoke test, never timed)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_bench_one_copy_of_the_text_seeds_prints_the_table() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--copies", "1", "--formats", "txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "parse normalize   extract     index      load" in out
    (row,) = [line for line in out.splitlines() if line.startswith("txt ")]
    assert row.split()[1] == "5"  # the five seeds, none skipped as unchanged
    assert "txt   vs jieba.lcut" in out
    assert "identical tokens: True" in out
    assert "re-ingest of the unchanged folder" in out
