"""What targets and deadlines both need to know about a block: is it a past review, which goal
list (到2020年实现以下八个方面主要目标) governs it, and what period the plan covers.

Uses the outline when the sections extractor provides one; otherwise it tracks heading-like
paragraphs itself, so the extractors work on a document without an outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policy_etl.pipeline.context import ExtractContext
from policy_etl.pipeline.patterns.deadline_phrases import DEADLINE_PATTERN, PLAN_PERIOD_PATTERN, YEAR
from policy_etl.pipeline.patterns.five_year_plans import FIVE_YEAR_PLAN, FIVE_YEAR_PLANS
from policy_etl.pipeline.patterns.numbers import chinese_year_to_int
from policy_etl.schemas.document import Paragraph
from policy_etl.schemas.records import FIRST_YEAR, LAST_YEAR

# Heading titles whose sections report the past or the status quo: their numbers are not targets
# and their dates are not deadlines (十三五回顾, 主要成效, 现状与问题, 面临形势).
PAST_SECTION_TITLE = re.compile(r"回顾|成效|成绩|现状|问题|形势|进展|基础|完成情况|评估|挑战")
# Paragraphs that describe a past value even inside a goal section: "指标说明：2018年…".
PAST_PARAGRAPH = re.compile(r"^\s*(?:指标说明|注[:：]|备注)")
# A paragraph introducing a list of goals: its year covers the list ("具体目标如下").
GOAL_LIST_INTRO = re.compile(r"目标[^。]*[:：]\s*$|以下[^。]{0,12}目标|目标如下|如下[:：]?\s*$")

# A goals heading ("（三）主要目标", "工作目标") and the goal year its first paragraph opens with
# ("到2025年，生态文明水平明显提升…"): the end year of a plan that prints no period (北京's 实施意见).
GOALS_HEADING = re.compile(r"目标")
GOALS_OPENING_YEAR = re.compile(rf"^\s*(?:到|至)\s*(?P<year>{YEAR})\s*年")

# Heading-like paragraphs when there is no outline, outermost first. A title has no sentence
# end within its first 40 characters, or is a run-in heading "（二）主要目标。…".
_FALLBACK_HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"^\s*第[一二三四五六七八九十]+[章篇部分]")),
    (2, re.compile(r"^\s*第[一二三四五六七八九十]+节")),
    (3, re.compile(r"^\s*[一二三四五六七八九十]+[、.．]")),
    (4, re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")),
    (5, re.compile(r"^\s*\d+、")),
    (6, re.compile(r"^\s*\d+[.．]\d+(?:[.．]\d+)*\s*[\u4e00-\u9fff“]")),
    (7, re.compile(r"^\s*\d+[.．](?!\d)")),
    (8, re.compile(r"^\s*[（(]\d+[)）]")),
)


@dataclass(frozen=True)
class Heading:
    block: int
    level: int
    title: str


@dataclass(frozen=True)
class BlockScope:
    past: bool = False
    list_year: int | None = None
    binding: str | None = None


def heading_title(text: str) -> str:
    """A run-in heading's title is the phrase before its first 。."""
    return re.split(r"[。：:]", text.strip(), maxsplit=1)[0][:40]


def fallback_headings(ctx: ExtractContext) -> list[Heading]:
    headings = []
    for block in ctx.doc.blocks:
        if not isinstance(block, Paragraph):
            continue
        for level, pattern in _FALLBACK_HEADINGS:
            if pattern.match(block.text):
                headings.append(Heading(block.index, level, heading_title(block.text)))
                break
    return headings


def headings_of(ctx: ExtractContext) -> list[Heading]:
    if ctx.outline.sections:
        return [Heading(s.block, s.level, s.title) for s in ctx.outline.sections]
    return fallback_headings(ctx)


def _list_year(text: str) -> int | None:
    if not GOAL_LIST_INTRO.search(text):
        return None
    for match in DEADLINE_PATTERN.finditer(text):
        if match.group("lead") or match.group("tail") or match.group("part"):
            year = chinese_year_to_int(match.group("year"))
            return year if _recordable(year) else None
    return None


def _recordable(year: int | None) -> bool:
    """A year a record can hold; others are typos and cannot date a target."""
    return year is not None and FIRST_YEAR <= year <= LAST_YEAR


def _binding_of(title: str) -> str | None:
    found = re.search(r"(约束性|预期性|参考性|导向性)指标", title)
    return found.group(1) if found else None


def block_scopes(ctx: ExtractContext) -> dict[int, BlockScope]:
    """Scope of every block, walking headings as a stack (a heading closes deeper ones)."""
    starts = {h.block: h for h in headings_of(ctx)}
    stack: list[tuple[int, bool, int | None, str | None]] = []  # level, past, list year, binding
    scopes: dict[int, BlockScope] = {}
    for block in ctx.doc.blocks:
        heading = starts.get(block.index)
        if heading is not None:
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            stack.append((heading.level, bool(PAST_SECTION_TITLE.search(heading.title)), None, None))
            stack[-1] = (*stack[-1][:3], _binding_of(heading.title))
        text = block.text if isinstance(block, Paragraph) else ""
        year = _list_year(text) if text else None
        if year is not None:
            level, past, _, binding = stack[-1] if stack else (0, False, None, None)
            if stack:
                stack[-1] = (level, past, year, binding)
            else:
                stack.append((0, False, year, None))
        scopes[block.index] = BlockScope(
            past=any(s[1] for s in stack) or bool(text and PAST_PARAGRAPH.match(text)),
            list_year=next((s[2] for s in reversed(stack) if s[2] is not None), None),
            binding=next((s[3] for s in reversed(stack) if s[3] is not None), None),
        )
    return scopes


def plan_period(ctx: ExtractContext) -> tuple[int | None, int | None]:
    """The plan's period from metadata, else from the first lines ((2019～2025年), “十四五”)."""
    if ctx.meta.period_end is not None:
        return ctx.meta.period_start, ctx.meta.period_end
    head = " ".join(b.text for b in ctx.doc.paragraphs()[:40])
    found = PLAN_PERIOD_PATTERN.search(head)
    if found:
        start, end = chinese_year_to_int(found.group(1)), chinese_year_to_int(found.group(2))
        if _recordable(start) and _recordable(end):
            return start, end
    # A plan reviews the previous five-year plan before its own: the latest one named is its own.
    named = [FIVE_YEAR_PLANS[m.group(0)] for m in FIVE_YEAR_PLAN.finditer(head)]
    if named:
        return max(named)
    return None, _goals_year(ctx)


def _goals_year(ctx: ExtractContext) -> int | None:
    """The year the goals section opens with: "（三）主要目标" / "到2025年，…" → 2025."""
    blocks = {b.index: b for b in ctx.doc.blocks}
    for heading in headings_of(ctx):
        if not GOALS_HEADING.search(heading.title):
            continue
        run_in = re.split(r"[。：:]", getattr(blocks.get(heading.block), "text", ""), maxsplit=1)[1:]
        following = blocks.get(heading.block + 1)
        opening = run_in[0] if run_in and run_in[0].strip() else getattr(following, "text", "")
        found = GOALS_OPENING_YEAR.match(opening) if isinstance(opening, str) else None
        year = chinese_year_to_int(found["year"]) if found else None
        if _recordable(year):
            return year
    return None
