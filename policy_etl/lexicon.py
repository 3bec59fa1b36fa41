"""Government-unit names: the word list both the text parser and the extractors need.

It sits at package level because the flattened-table reader (`pipeline/flattened.py`) must tell
a line of unit names (区发改局 / 区经信局、区质监局) from a task sentence, the responsibility
extractor splits the same lists into units, and parsers, which may not import `pipeline/`, can
use it too.

The list is `data/agencies.txt`, a jieba user dictionary (`word freq tag`): tag `nt` marks a
whole unit name, tag `sfx` a suffix that ends one (局, 分局, 办, 委, 部门 …). A piece of text is a
unit when it is a listed name, or when jieba's last token is a suffix or a name ending in one:
segmenting first is what keeps 布局 or 格局 (one word) from passing for a …局.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jieba

AGENCIES_FILE = "agencies.txt"
NAME_TAG = "nt"
SUFFIX_TAG = "sfx"

# Between units of a list: 、 ， , ； ; and line breaks (a cell holding one unit per line).
UNIT_SEPARATORS = re.compile(r"[、，,；;\n]+")
# Punctuation left at either end of a piece ("质监分局，" at the end of a 000 cell).
UNIT_EDGE_PUNCTUATION = "、，,；;。.：:　 \t"
# A unit name is short; a longer piece is a sentence that happens to end in 局 or 部.
UNIT_MAX_CHARS = 20
# Characters no unit name holds: sentence punctuation and quotes mean running text.
NOT_IN_UNIT = re.compile(r"[。！？!?“”\"《》：:]")
# jieba only segments runs of these; a listed name with （）or 、 is matched as a whole string.
_JIEBA_WORD = re.compile(r"^[\u4e00-\u9fa5A-Za-z0-9]+$")


@dataclass(frozen=True)
class Lexicon:
    names: frozenset[str]
    suffixes: tuple[str, ...]  # longest first
    compounds: tuple[str, ...]  # names holding a separator (各区、市政府), longest first


@cache
def lexicon() -> Lexicon:
    """Read the word list once and teach jieba its names (HMM stays off everywhere)."""
    names: set[str] = set()
    suffixes: set[str] = set()
    text = resources.files("policy_etl").joinpath("data", AGENCIES_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        word, _freq, tag = parts
        (suffixes if tag == SUFFIX_TAG else names).add(word)
    jieba.setLogLevel(logging.WARNING)
    for name in names:
        if _JIEBA_WORD.match(name):
            jieba.add_word(name, tag=NAME_TAG)
    compounds = tuple(sorted((n for n in names if UNIT_SEPARATORS.search(n)), key=len, reverse=True))
    return Lexicon(frozenset(names), tuple(sorted(suffixes, key=len, reverse=True)), compounds)


def clean_unit(piece: str) -> str:
    return piece.strip(UNIT_EDGE_PUNCTUATION)


def split_units(text: str) -> list[str]:
    """Units of a list cell, in order; never split inside a listed name such as 各区、市政府."""
    lex = lexicon()
    protected: dict[str, str] = {}
    for i, compound in enumerate(lex.compounds):
        if compound in text:
            key = f"\ue000{i}\ue001"
            protected[key] = compound
            text = text.replace(compound, key)
    units: list[str] = []
    for piece in UNIT_SEPARATORS.split(text):
        for key, compound in protected.items():
            piece = piece.replace(key, compound)
        piece = clean_unit(piece)
        if piece:
            units.append(piece)
    return units


def is_unit(piece: str) -> bool:
    """Is this piece (one item of a list) the name of a government unit?"""
    piece = clean_unit(piece)
    lex = lexicon()
    if not piece or len(piece) > UNIT_MAX_CHARS or NOT_IN_UNIT.search(piece):
        return False
    if piece in lex.names:
        return True
    # Brackets inside a name (财政（地税）分局) are not words: judge the text after the last one.
    tail = re.split(r"[（）()]", piece)[-1] or piece
    tokens = [t for t in jieba.lcut(tail, HMM=False) if t.strip()]
    if not tokens:
        return False
    last = tokens[-1]
    return last in lex.suffixes or last in lex.names or (len(last) >= 3 and last.endswith(lex.suffixes))


def is_unit_list(text: str) -> bool:
    """Is the whole text a list of unit names (a 牵头单位 / 配合单位 cell)?"""
    units = split_units(text)
    return bool(units) and all(is_unit(u) for u in units)
