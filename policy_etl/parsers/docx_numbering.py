"""Word's automatic list numbering, rendered back into paragraph text.

A Word heading such as "一、总体要求" often holds only "总体要求" in its runs: the "一、" is
drawn by Word from `w:numPr` (on the paragraph or its style) and the list definitions in
numbering.xml. Chinese plans number their whole outline that way, so without this renderer
the section extractor would see no headings at all.

Counters live per `numId` and level, as the brief for this parser asks; a level's counter
restarts whenever a lower (outer) level of the same list advances, unless `w:lvlRestart`
says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import cn2an
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

MAX_LEVELS = 9


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(f"{W}val", default)


def _int_val(element: etree._Element | None, default: int) -> int:
    match = re.match(r"-?\d+", _val(element) or "")
    return int(match.group()) if match else default


def _attr_int(element: etree._Element, name: str, default: int) -> int:
    match = re.match(r"\d+", element.get(f"{W}{name}") or "")
    return int(match.group()) if match else default


def _roman(n: int) -> str:
    pairs = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
    pairs += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in pairs:
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    # Word repeats the letter past Z: 27 -> AA, 28 -> BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _chinese(n: int) -> str:
    return str(cn2an.an2cn(n, "low"))


def _chinese_legal(n: int) -> str:
    return str(cn2an.an2cn(n, "up"))


# Heavenly stems and earthly branches: 甲乙丙丁 numbering ("ideographTraditional") is used for
# the fourth and lower outline levels of some plans.
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULL_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _from_table(table: str) -> Callable[[int], str]:
    """Symbols for 1..len(table); past the end Word falls back to plain digits."""
    return lambda n: table[n - 1] if 1 <= n <= len(table) else str(n)


# numFmt value -> how Word writes the counter. Formats not listed fall back to decimal, which
# keeps the number visible; "none" and "bullet" write nothing (LibreOffice-made files carry
# numFmt="none" on unnumbered heading levels, and a bullet is not part of the text).
NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULLWIDTH_DIGITS),
    "decimalFullWidth2": lambda n: str(n).translate(_FULLWIDTH_DIGITS),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _from_table(_CIRCLED),
    "decimalEnclosedCircleChinese": _from_table(_CIRCLED),
    "decimalEnclosedParen": _from_table(_PARENTHESIZED),
    "decimalEnclosedFullstop": _from_table(_FULL_STOP),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "chineseLegalSimplified": _chinese_legal,
    "ideographLegalTraditional": _chinese_legal,
    "ideographTraditional": _from_table(_STEMS),
    "ideographZodiac": _from_table(_BRANCHES),
    "none": lambda n: "",
    "bullet": lambda n: "",
}

# Level text ending in one of these needs no separator before the paragraph text ("一、", "（一）", "1.").
_CLOSING_PUNCTUATION = ("、", "）", ")", ".", "．", "。", "，", ":", "：", "]", "】")
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    is_legal: bool = False  # w:isLgl: every counter in this level's text is written in decimal
    suffix: str = "tab"
    restart: int | None = None  # w:lvlRestart: 0 = never restart; n = restart after level n-1
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


def _parse_level(lvl: etree._Element) -> Level:
    restart = lvl.find(f"{W}lvlRestart")
    return Level(
        start=_int_val(lvl.find(f"{W}start"), 1),
        fmt=_val(lvl.find(f"{W}numFmt"), "decimal") or "decimal",
        text=_val(lvl.find(f"{W}lvlText"), "") or "",
        is_legal=lvl.find(f"{W}isLgl") is not None and _val(lvl.find(f"{W}isLgl"), "1") not in ("0", "false"),
        suffix=_val(lvl.find(f"{W}suff"), "tab") or "tab",
        restart=_int_val(restart, 0) if restart is not None else None,
        style=_val(lvl.find(f"{W}pStyle")),
    )


def _parse_levels(parent: etree._Element) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in parent.findall(f"{W}lvl"):
        ilvl = _attr_int(lvl, "ilvl", 0)
        if ilvl < MAX_LEVELS:
            levels[ilvl] = _parse_level(lvl)
    return levels


@dataclass
class Numbering:
    """The list definitions of one document and the running counters of its lists."""

    # numId -> level -> definition (abstract definition with the num's overrides applied)
    lists: dict[str, dict[int, Level]] = field(default_factory=dict)
    # numId -> level -> the last number drawn at that level (None: not drawn since its restart)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> Numbering:
        if root is None:
            return cls()
        abstracts = {a.get(f"{W}abstractNumId"): a for a in root.findall(f"{W}abstractNum")}
        style_links = {
            _val(a.find(f"{W}styleLink")): a
            for a in abstracts.values()
            if a.find(f"{W}styleLink") is not None
        }
        lists: dict[str, dict[int, Level]] = {}
        for num in root.findall(f"{W}num"):
            num_id = num.get(f"{W}numId")
            abstract = abstracts.get(_val(num.find(f"{W}abstractNumId")))
            if num_id is None or abstract is None:
                continue
            # A numStyleLink points at the abstract definition that declares the same styleLink.
            link = _val(abstract.find(f"{W}numStyleLink"))
            if link is not None and link in style_links:
                abstract = style_links[link]
            levels = _parse_levels(abstract)
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = _attr_int(override, "ilvl", 0)
                replaced = override.find(f"{W}lvl")
                if replaced is not None:
                    levels[ilvl] = _parse_level(replaced)
                start = override.find(f"{W}startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = replace(levels[ilvl], start=_int_val(start, 1))
            lists[num_id] = levels
        return cls(lists=lists)

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose w:pStyle names this style (heading styles linked to a list)."""
        for ilvl, level in self.lists.get(num_id, {}).items():
            if level.style == style_id:
                return ilvl
        return None

    def render(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at `ilvl` and return the number text Word would draw."""
        levels = self.lists.get(num_id)
        if not levels or num_id == "0" or not 0 <= ilvl < MAX_LEVELS or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [None] * MAX_LEVELS)
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for lower in range(ilvl + 1, MAX_LEVELS):
            lower_level = levels.get(lower)
            if lower_level is None or lower_level.restart != 0:
                counters[lower] = None
        return self._format(levels, counters, level)

    def _format(self, levels: dict[int, Level], counters: list[int | None], level: Level) -> str:
        if level.fmt in ("none", "bullet"):
            return ""

        def one(match: re.Match[str]) -> str:
            ilvl = int(match.group(1)) - 1
            other = levels.get(ilvl)
            if other is None:
                return ""
            value = counters[ilvl] if counters[ilvl] is not None else other.start
            fmt = "decimal" if level.is_legal else other.fmt
            return NUMBER_FORMATS.get(fmt, str)(int(value or 0))

        text = _PLACEHOLDER.sub(one, level.text)
        if not text or level.suffix == "nothing" or text.endswith(_CLOSING_PUNCTUATION):
            return text
        return text + " "
