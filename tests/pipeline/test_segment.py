"""The search cut (rjieba) must equal jieba's, so adopting it changed no search result."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from policy_etl.segment import search_tokens, tokenizer
from tests.conftest import SEED_FILES


@pytest.fixture(scope="module")
def jieba_search_cut() -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("地表水水质", ["地表", "地表水", "水质"]),
        ("PM2.5浓度下降", ["PM2", "5", "浓度", "下降"]),
        ("区发改局牵头", ["区", "发", "改", "局", "牵头"]),  # the search cut has no agency words
    ],
)
def test_search_tokens(text: str, words: list[str]) -> None:
    assert search_tokens(text) == words


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_rjieba_cut_equals_jieba_cut_on_every_seed_line(
    path: Path, jieba_search_cut: jieba.Tokenizer
) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ours = [tokenizer().cut_for_search(line, False) for line in lines]
    theirs = [list(jieba_search_cut.cut_for_search(line, HMM=False)) for line in lines]
    assert len(lines) > 100
    assert ours == theirs
