"""Heading numbering schemes of Chinese government plans.

Each scheme is a regex anchored at the start of a paragraph; group ``label`` is the label stored
with the section (the token without brackets or punctuation). Schemes carry no level: a plan's
levels come from the order in which it first uses each scheme (see ``sections.py``), because
plans disagree (004 puts 1、 above 1.1 above 1.; most others use 一、（一）1.（1）).

The table is ordered so that the more specific pattern is tried first (1.1.1 before 1.1 before 1.).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Chinese numerals as printed in headings (一 … 九十九, with 〇/零/两 for safety).
CN_DIGITS = "〇零一二两三四五六七八九十百"
# Circled numbers ①–⑳ used for the innermost list level.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# What may follow a decimal heading number: a heading word, a quote or a space — never a unit
# or another digit ("1.5万亩", "2.67万亿元" are quantities, not headings).
_DECIMAL_END = r"(?=[\s\u3000“\"《（(\u4e00-\u9fff])(?![万亿千百倍个%％])"


@dataclass(frozen=True)
class Scheme:
    name: str
    pattern: re.Pattern[str]
    # Labels of a first item: a scheme's first use in a document must be one, so a stray "3.…"
    # line cannot invent a level (decimals: any x.1, since 3.3.1 opens its level under 3.3).
    first: re.Pattern[str]


def _scheme(name: str, regex: str, first: str) -> Scheme:
    return Scheme(name, re.compile(regex), re.compile(first))


SCHEMES: tuple[Scheme, ...] = (
    # 第一章 / 第一节 / 第一部分: chapter-style divisions of long plans (巴中, 福建, 天津).
    _scheme("chapter", rf"^(?P<label>第[{CN_DIGITS}]+章)[\s\u3000、：:]*", r"^第一章$"),
    _scheme("jie", rf"^(?P<label>第[{CN_DIGITS}]+节)[\s\u3000、：:]*", r"^第一节$"),
    _scheme("part", rf"^(?P<label>第[{CN_DIGITS}]+部分)[\s\u3000、：:]*", r"^第一部分$"),
    # 一、 top-level parts of most plans.
    _scheme("cn_dun", rf"^(?P<label>[{CN_DIGITS}]+)[、．.]\s*", r"^一$"),
    # （一） / (一): second level of most plans; half-width brackets come from web pages (001, 003).
    _scheme("cn_paren", rf"^[（(](?P<label>[{CN_DIGITS}]+)[）)]\s*", r"^一$"),
    # 1.1.1 and 1.1: decimal outline of 004 (1.1“十三五”工作成效, 3.3.1总体目标).
    _scheme("decimal3", rf"^(?P<label>\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}}){_DECIMAL_END}\s*", r"^\d+\.\d+\.1$"),
    _scheme("decimal2", rf"^(?P<label>\d{{1,2}}\.\d{{1,2}}){_DECIMAL_END}\s*", r"^\d+\.1$"),
    # 1、 (004's top level) — kept apart from 1. because a plan may use both at different levels.
    _scheme("arabic_dun", r"^(?P<label>\d{1,2})、\s*", r"^1$"),
    # 1. / 1． (full-width dot in 000 and 002) followed by the heading, never by another digit.
    _scheme("arabic_dot", r"^(?P<label>\d{1,2})[.．](?![\d%％])\s*", r"^1$"),
    # （1） / (1)
    _scheme("arabic_paren", r"^[（(](?P<label>\d{1,2})[）)]\s*", r"^1$"),
    # ①
    _scheme("circled", rf"^(?P<label>[{CIRCLED}])\s*", r"^①$"),
)

# Appendix headings: "附件1", "附件 2", "附件", "附件：名词解释", "附表1". An appendix is always a
# top-level division, whatever numbering the body used.
APPENDIX = re.compile(r"^(?P<label>附[件表]\s*\d{0,2})\s*(?:[:：]\s*)?(?P<rest>.*)$")
# The list of attachments at the end of a notice or plan ("附件:1.越城区…重点项目表"): the
# items after it are a list, not headings.
APPENDIX_LIST = re.compile(r"^附[件表]\s*[:：]\s*\d{1,2}[.．、]")

# A table of contents: its entries repeat the headings and must not become sections.
TOC_HEADING = re.compile(r"^目\s*录$")
# Trailing page numbers and dot leaders of a table-of-contents entry ("一、总体要求……3").
TOC_PAGE_SUFFIX = re.compile(r"[\s.…·．\-—]*\d{1,3}$")

# 专栏 boxes (专栏1 重点工程 …): their numbered items are box content, not the plan's outline.
BOX_HEADING = re.compile(r"^专栏\s*[\d一二三四五六七八九十]+")

# A heading title longer than this with no 。 is a heading run into its body text by a converter
# (001: "(一)强化组织领导,落实目标任务建立市级部门…"); cut it at the first clause break.
TITLE_MAX_CHARS = 40
TITLE_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
# A paragraph that is only a row number (序号 cell of a table dumped one cell per line): the
# numbered line above it is a table's group row, not a heading.
TABLE_ROW_NUMBER = re.compile(r"^\d{1,3}$")
# Punctuation that ends a run-in heading.
RUN_IN_END = "。"
# Punctuation a title never ends with.
TITLE_TRAILING = "。．.；;：:，, \u3000"


def to_label(raw: str) -> str:
    """Normalize a printed token to its label: no spaces inside (附件 1 → 附件1)."""
    return re.sub(r"\s+", "", raw)
