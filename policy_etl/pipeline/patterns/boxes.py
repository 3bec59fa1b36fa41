"""专栏 boxes: the framed lists of key projects that 十四五 plans put between their chapters.

A box is titled "专栏2 生态保护建设重点工程" and holds numbered items "1．再生水利用。马头岗…";
PDFs draw it as a one-column table (title row + item row, or one cell), text dumps print it as a
title line followed by item lines. Some plans head each item with a line of its own
("（一）绿色转型提升工程", then the content, in the Bazhong plan). Only boxes of projects
(工程 / 项目 in the title) give project records; a 专栏 of indicators or tasks does not.
"""

from __future__ import annotations

import re

import cn2an

# The box title: 专栏 + its number, then the title proper. "专栏 2：" and "专栏二" occur too.
BOX_TITLE = re.compile(r"^\s*专栏\s*(?:\d+|[一二三四五六七八九十]+)\s*[:：．.、]?\s*(?P<title>\S.*)?$")

# Title words of a box that lists projects (重点工程, 重点项目, 工程项目).
PROJECT_BOX_TITLE = re.compile(r"工程|项目")

# Item numbering inside a box: 1． / 1. / 1、 / （1） / (1) / ① / （一） / 一、. A decimal
# ("2.5万") is not an item number, hence the look-ahead for a digit.
CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CHINESE_DIGITS = "一二三四五六七八九十"
ITEM_NUMBER = re.compile(
    rf"(?:(?P<arabic>\d{{1,2}})\s*[．.、](?!\d)"
    rf"|[（(](?P<paren>\d{{1,2}})[)）]"
    rf"|(?P<circled>[{CIRCLED_NUMBERS}])"
    rf"|[（(](?P<cn_paren>[{CHINESE_DIGITS}]{{1,3}})[)）]"
    rf"|(?P<cn>[{CHINESE_DIGITS}]{{1,3}})、)\s*"
)

# Where an item's name ends: the first full stop ("再生水利用。马头岗…" → 再生水利用).
ITEM_NAME_END = "。"

# An item whose first line is this short and has no full stop is headed by its name on a line
# of its own ("（一）绿色转型提升工程"); a longer first line is wrapped body text.
MAX_HEADING_LINE_CHARS = 24

# Characters that end a sentence; an item line ending otherwise continues on the next line.
SENTENCE_END = "。；;！!？?"

# A period printed in an item's name: "滨海湿地生态修复工程（2021-2023 年）".
NAME_PERIOD = re.compile(r"[（(]\s*((?:19|20)\d{2}\s*[-－—~～至到]\s*(?:19|20)\d{2}\s*年?)\s*[)）]")


# Chapter headings of the body (第四章, 第二节), which end a box printed as text.
CHAPTER_HEADING = re.compile(r"^\s*第[一二三四五六七八九十百零\d]+[章节部分篇]")


def starts_with_chapter(text: str) -> bool:
    """A chapter heading or the next box's title: lines no box item runs on into."""
    return bool(CHAPTER_HEADING.match(text) or BOX_TITLE.match(text))


def box_title(text: str) -> str | None:
    """The full title line of a 专栏 box ("专栏2 生态保护建设重点工程"), or None."""
    first_line = text.strip().split("\n", 1)[0].strip()
    return first_line if BOX_TITLE.match(first_line) else None


def is_project_box(title: str) -> bool:
    return bool(PROJECT_BOX_TITLE.search(title))


def split_title(line: str) -> tuple[str, str]:
    """A title line that also holds the box's first item, split: (title, items text).

    Parsers that join a box into one paragraph give "专栏2 生态保护建设重点工程1．再生水利用。…".
    """
    for match in ITEM_NUMBER.finditer(line):
        if item_number(match) == 1 and match.start() > 0 and PROJECT_BOX_TITLE.search(line[: match.start()]):
            return line[: match.start()].strip(), line[match.start() :]
    return line.strip(), ""


def item_number(match: re.Match[str]) -> int:
    for group in ("arabic", "paren"):
        if match.group(group):
            return int(match.group(group))
    if match.group("circled"):
        return CIRCLED_NUMBERS.index(match.group("circled")) + 1
    return int(cn2an.cn2an(match.group("cn_paren") or match.group("cn"), "smart"))


def printed_number(match: re.Match[str]) -> str:
    """The item number as printed, without brackets or punctuation (1, ①, 一)."""
    return next(match.group(g) for g in ("arabic", "paren", "circled", "cn_paren", "cn") if match.group(g))


def leading_item_number(text: str) -> int | None:
    """The item number a line starts with, or None."""
    match = ITEM_NUMBER.match(text.strip())
    return item_number(match) if match else None


def numbering_scheme(text: str) -> str | None:
    """Which numbering a line starts with (arabic, paren, circled, cn_paren, cn), or None."""
    match = ITEM_NUMBER.match(text.strip())
    return match.lastgroup if match else None


def split_items(text: str, first: int = 1) -> list[tuple[str, str]]:
    """The numbered items of a box body as (number as printed, item text with its line breaks).

    Numbers are accepted only in sequence (1, 2, 3 …) and only at the start or after a
    sentence end or line break, so "建设20条200公里" or "（1）排涝泵站工程" inside item 2 never
    starts an item of its own unless it is the next number expected in the same numbering
    scheme ("1．…。二、三级站点" has one item). Text before the first number is not an item.
    """
    expected = first
    scheme: str | None = None  # every item of a box uses the numbering of its first item
    starts: list[tuple[int, int, str]] = []  # (match start, text start, printed number)
    for match in ITEM_NUMBER.finditer(text):
        if item_number(match) != expected or (scheme is not None and match.lastgroup != scheme):
            continue
        before = text[: match.start()].rstrip(" \t")
        if before and before[-1] not in SENTENCE_END + "\n":
            continue
        starts.append((match.start(), match.end(), printed_number(match)))
        scheme = match.lastgroup
        expected += 1
    items: list[tuple[str, str]] = []
    for i, (_, body_start, printed) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        items.append((printed, text[body_start:end].strip()))
    return items


def item_name_content(item: str) -> tuple[str, str | None]:
    """An item's name and content: its own heading line, else its phrase before the first 。.

    `item` keeps its line breaks, which is how a heading line ("绿色转型提升工程") is told from
    a first line that the layout wrapped.
    """
    first_line, _, rest = item.strip().partition("\n")
    if rest.strip() and ITEM_NAME_END not in first_line and len(first_line.strip()) <= MAX_HEADING_LINE_CHARS:
        return first_line.strip(), join_wrapped(rest) or None
    return split_name(join_wrapped(item))


def split_name(item: str) -> tuple[str, str | None]:
    """An item's name (its phrase before the first 。) and the rest as its content."""
    head, sep, rest = item.partition(ITEM_NAME_END)
    if not sep:
        return item.strip(), None
    return head.strip(), rest.strip() or None


def name_period(name: str) -> str | None:
    """The period printed in an item's name ("…工程（2021-2023 年）" → "2021-2023 年"), or None."""
    match = NAME_PERIOD.search(name)
    return match.group(1) if match else None


# A line break between two Latin letters or digits stands for a space ("GB\n3095" → "GB 3095");
# everywhere else a wrapped line joins with nothing ("园区\n5G" → "园区5G").
_LATIN_BREAK = re.compile(r"(?<=[A-Za-z0-9])\s*\n\s*(?=[A-Za-z0-9])")
_OTHER_BREAK = re.compile(r"\s*\n\s*")


def join_wrapped(text: str) -> str:
    """One line from a box body that the layout wrapped, without spaces inside Chinese text."""
    return _OTHER_BREAK.sub("", _LATIN_BREAK.sub(" ", text.strip()))
