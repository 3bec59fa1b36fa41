"""专栏 boxes: the framed lists of key projects that 十四五 plans put between their chapters.

A box is titled "专栏2 生态保护建设重点工程" and holds numbered items "1．再生水利用。马头岗…";
PDFs draw it as a one-column table (title row + item row, or one cell), text dumps print it as a
title line followed by item lines. Only boxes of projects (工程 / 项目 in the title) give
project records; a 专栏 of indicators or typical cases does not.
"""

from __future__ import annotations

import re

# The box title: 专栏 + its number, then the title proper. "专栏 2：" and "专栏二" occur too.
BOX_TITLE = re.compile(r"^\s*专栏\s*(?:\d+|[一二三四五六七八九十]+)\s*[:：．.、]?\s*(?P<title>\S.*)?$")

# Title words of a box that lists projects (重点工程, 重大项目, 工程项目).
PROJECT_BOX_TITLE = re.compile(r"工程|项目")

# Item numbering inside a box: 1． / 1. / 1、 / （1） / (1) / ①. A decimal ("2.5万") is not an
# item number, hence the look-ahead for a digit.
CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ITEM_NUMBER = re.compile(
    rf"(?:(?P<arabic>\d{{1,2}})\s*[．.、](?!\d)|[（(](?P<paren>\d{{1,2}})[)）]|(?P<circled>[{CIRCLED_NUMBERS}]))\s*"
)

# Where an item's name ends: the first full stop ("再生水利用。马头岗…" → 再生水利用).
ITEM_NAME_END = "。"

# Characters that end a sentence; an item line ending otherwise continues on the next line.
SENTENCE_END = "。；;！!？?"


def box_title(text: str) -> str | None:
    """The full title line of a 专栏 box ("专栏2 生态保护建设重点工程"), or None."""
    first_line = text.strip().split("\n", 1)[0].strip()
    return first_line if BOX_TITLE.match(first_line) else None


def is_project_box(title: str) -> bool:
    return bool(PROJECT_BOX_TITLE.search(title))


def item_number(match: re.Match[str]) -> int:
    if match.group("arabic"):
        return int(match.group("arabic"))
    if match.group("paren"):
        return int(match.group("paren"))
    return CIRCLED_NUMBERS.index(match.group("circled")) + 1


def leading_item_number(text: str) -> int | None:
    """The item number a line starts with, or None."""
    match = ITEM_NUMBER.match(text.strip())
    return item_number(match) if match else None


def split_items(text: str, first: int = 1) -> list[tuple[str, str]]:
    """The numbered items of a box body as (number as printed, item text).

    Numbers are accepted only in sequence (1, 2, 3 …) and only at the start or after a
    sentence end or line break, so "建设20条200公里" or "（1）排涝泵站工程" inside item 2 never
    starts an item of its own unless it is the next number expected. Text before the first
    number is not an item.
    """
    items: list[tuple[str, str]] = []
    expected = first
    starts: list[tuple[int, int, str]] = []  # (match start, text start, printed number)
    for match in ITEM_NUMBER.finditer(text):
        if item_number(match) != expected:
            continue
        before = text[: match.start()].rstrip(" \t")
        if before and before[-1] not in SENTENCE_END + "\n":
            continue
        printed = match.group("arabic") or match.group("paren") or match.group("circled")
        starts.append((match.start(), match.end(), printed))
        expected += 1
    for i, (_, body_start, printed) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        items.append((printed, join_wrapped(text[body_start:end])))
    return items


def split_name(item: str) -> tuple[str, str | None]:
    """An item's name (its phrase before the first 。) and the rest as its content."""
    head, sep, rest = item.partition(ITEM_NAME_END)
    if not sep:
        return item.strip(), None
    return head.strip(), rest.strip() or None


# A line break between two Latin letters or digits stands for a space ("PM2.5\n浓度" joins
# without one, "GB\n3095" with one); everywhere else a wrapped line joins with nothing.
_LATIN_BREAK = re.compile(r"(?<=[A-Za-z0-9])\s*\n\s*(?=[A-Za-z0-9])")
_OTHER_BREAK = re.compile(r"\s*\n\s*")


def join_wrapped(text: str) -> str:
    """One line from a box body that the layout wrapped, without spaces inside Chinese text."""
    return _OTHER_BREAK.sub("", _LATIN_BREAK.sub(" ", text.strip()))
