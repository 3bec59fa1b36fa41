"""indicator_key: which canonical indicator a target's wording names, by jieba tokens.

The canonical keys and their wording variants live in data/indicators.json. Matching on tokens,
not substrings, keeps 林木覆盖率 from matching inside unrelated words, and a user dictionary built
from the variants' terms makes jieba keep those terms whole. The tokenizer is private to this
module (a jieba.Tokenizer, not the global one), so other extractors' dictionaries cannot change
what matches here; it is built once per process, with HMM off so keys never depend on guessing.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jieba

# Characters folded before segmenting: jieba's token class excludes Ⅲ / Ⅴ and full-width forms,
# so 劣Ⅴ类 and 劣V类 must become the same string first.
_FOLD = str.maketrans(
    {
        "Ⅰ": "i",
        "Ⅱ": "ii",
        "Ⅲ": "iii",
        "Ш": "iii",  # Cyrillic Sha printed for Ⅲ in a PDF dump of seed 001
        "Ⅳ": "iv",
        "Ⅴ": "v",
        "Ⅵ": "vi",
        "（": "(",
        "）": ")",
        "．": ".",
        "₂": "2",
        "₃": "3",
        "－": "-",
        "—": "-",
        "～": "-",
        "\U001001b0": ".",  # the private-use decimal point of gazette PDFs (ＰＭ２\U001001b0５)
    }
)
# Full-width ASCII (Ｐ Ｍ ２) to ASCII.
_FULLWIDTH_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


@dataclass(frozen=True)
class IndicatorRule:
    key: str
    label: str
    variants: tuple[frozenset[str], ...]
    vetoes: frozenset[str]


def fold(text: str) -> str:
    """The wording as the matcher sees it: lower case, no spaces, Roman numerals spelled out."""
    text = text.translate(_FULLWIDTH_ASCII).translate(_FOLD).lower()
    return re.sub(r"\s+", "", text)


@cache
def load_rules() -> tuple[IndicatorRule, ...]:
    raw = json.loads(resources.files("policy_etl.data").joinpath("indicators.json").read_text("utf-8"))
    return tuple(
        IndicatorRule(
            key=item["key"],
            label=item["label"],
            variants=tuple(frozenset(fold(t) for t in terms) for terms in item["any"]),
            vetoes=frozenset(fold(t) for t in item.get("none", [])),
        )
        for item in raw["indicators"]
    )


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for rule in load_rules():
        for term in set().union(*rule.variants, rule.vetoes):
            tokenizer.add_word(term, freq=100000)
    tokenizer.initialize()
    return tokenizer


def tokens(text: str) -> frozenset[str]:
    """jieba tokens of the folded wording, with the search-mode sub-words (覆盖率 inside 森林覆盖率)."""
    folded = fold(text)
    tokenizer = _tokenizer()
    return frozenset(tokenizer.lcut(folded, HMM=False)) | frozenset(
        tokenizer.cut_for_search(folded, HMM=False)
    )


def indicator_key(indicator: str) -> str | None:
    """The canonical key of an indicator's wording, or None when no curated indicator matches."""
    words = tokens(indicator)
    for rule in load_rules():
        if rule.vetoes & words:
            continue
        if any(variant <= words for variant in rule.variants):
            return rule.key
    return None


# What is stripped from an indicator's wording to group the same unkeyed indicator across plans
# (`etl stats --keys`): the printed notes around a name, not the name. Each entry is one class:
NAME_NOISE: tuple[tuple[str, re.Pattern[str]], ...] = (
    # a row number or list marker before the name: "3.", "12、", "（2）", "①"
    ("numbering", re.compile(r"^(?:\d+[.、．]?|\(\d+\)|[①-⑳])+")),
    # a parenthesised unit, binding or period note: "(%)", "(约束性)", "(2020年)", "(μg/m³)"
    ("note", re.compile(r"\((?:[^()]*?(?:%|约束|预期|年|/|单位|万|吨|个|公顷|亩|天)[^()]*?)\)")),
    # a bracketed cumulative mark "[ ]" and quotes around a term
    ("marks", re.compile(r"[\[\]【】〔〕\"“”‘’'《》*]")),
    # a trailing unit printed as part of the name: "森林覆盖率%", "PM2.5浓度μg/m³"
    ("trailing_unit", re.compile(r"(?:%|‰|μg/m³|ug/m3|微克/立方米)$")),
)


def grouping_name(indicator: str) -> str:
    """An indicator's wording folded and stripped of NAME_NOISE, so one name groups across plans."""
    name = fold(indicator)
    for _, pattern in NAME_NOISE:
        name = pattern.sub("", name)
    return name.strip("()（）:：,，;；、.。")
