"""Chinese word segmentation, set up once per process.

jieba builds its prefix dictionary in about a second, so one tokenizer is created lazily and
shared; `HMM=False` keeps segmentation deterministic (the HMM guesses unknown words, and a
guess that differs between the indexed text and a query would lose the match). The cache file
goes to the user's cache folder rather than a shared /tmp, where another user's file has made
jieba fail with PermissionError.
"""

from __future__ import annotations

import logging
import os
import re
from functools import cache
from pathlib import Path

import jieba

# Tokens that carry no meaning for search: punctuation and whitespace.
_NOT_A_WORD = re.compile(r"^[\W_]+$")


def _cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    path = base / "policy-etl"
    path.mkdir(parents=True, exist_ok=True)
    return path


@cache
def tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(_cache_dir())
    tok.initialize()
    return tok


def search_tokens(text: str) -> list[str]:
    """Words for the full-text index: the fine-grained search cut, so that both 地表水 and 水质
    are found in 地表水水质."""
    return [t for t in tokenizer().cut_for_search(text, HMM=False) if not _NOT_A_WORD.match(t)]
