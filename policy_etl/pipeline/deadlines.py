"""Deadlines: every dated commitment phrase (到2020年, 2017年底前, 2021年7月1日起, 展望二〇三五年).

Not deadlines (extraction-rules.md): the plan period in a title, the issue date, baseline years
(较2020年), past dates and years inside names. Dates in past-review sections are skipped, and so
are years before the plan starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policy_etl.pipeline.context import ExtractContext
from policy_etl.pipeline.patterns.deadline_phrases import (
    BASELINE_BEFORE,
    DEADLINE_PATTERN,
    NOT_DEADLINE_AFTER,
    PAST_MARKERS,
)
from policy_etl.pipeline.patterns.numbers import chinese_year_to_int, parse_number
from policy_etl.pipeline.plan_scope import block_scopes, plan_period
from policy_etl.pipeline.table_cells import prose_cells, reads_as_prose
from policy_etl.schemas.document import Paragraph
from policy_etl.schemas.records import FIRST_YEAR, LAST_YEAR, DeadlineRecord

# A bare year ("2020年，…") governs a commitment only at the start of a clause.
_CLAUSE_START = re.compile(r"(?:^|[，,。；;：:！？—（(\s])\s*$")
_NAME_BRACKETS = (("《", "》"), ("“", "”"), ("〔", "〕"), ("[", "]"), ("【", "】"))


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase found in a text, with its position (targets read the year from it)."""

    start: int
    end: int
    year: int
    month: int | None
    day: int | None
    kind: str


def inside_brackets(text: str, pos: int) -> bool:
    """True when `pos` sits inside 《…》, “…”, 〔…〕: titles, names and document numbers."""
    before = text[:pos]
    return any(before.count(o) > before.count(c) for o, c in _NAME_BRACKETS)


def _month_day(match: re.Match[str]) -> tuple[int | None, int | None]:
    month = int(parse_number(match.group("month")) or 0) if match.group("month") else None
    day = int(parse_number(match.group("day")) or 0) if match.group("day") else None
    if match.group("part") == "上半年":
        month = 6
    return (month if month and month <= 12 else None), (day if day and day <= 31 else None)


def _is_commitment(text: str, match: re.Match[str]) -> bool:
    before, after = text[: match.start()], text[match.end() :]
    if BASELINE_BEFORE.search(before) or NOT_DEADLINE_AFTER.match(after):
        return False
    if inside_brackets(text, match.start()):
        return False
    lead, part, tail = match.group("lead"), match.group("part"), match.group("tail")
    if lead or tail or (part and part != "年内"):
        return not (lead in ("在", "于", "从") and not (tail or part))
    # A bare year: "2020年，高标准打赢…" governs what follows; "2018年嘉兴市共产生…" is a fact.
    return (
        bool(_CLAUSE_START.search(before))
        and bool(re.match(r"\s*[，,]", after))
        and not (PAST_MARKERS.search(after[:20]))
    )


def find_deadlines(text: str) -> Iterator[Deadline]:
    """Every deadline phrase of one text, in order (without the past-year check)."""
    for match in DEADLINE_PATTERN.finditer(text):
        year = chinese_year_to_int(match.group("year"))
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR or not _is_commitment(text, match):
            continue  # 到1850年 is a typo or history, not a commitment a record can hold
        month, day = _month_day(match)
        lead, tail = match.group("lead") or "", match.group("tail") or ""
        kind = "from" if tail in ("起", "开始", "以后") else "by"
        start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()) if not lead else 0)
        yield Deadline(start, match.end(), year, month, day, kind)


def quote_of(text: str, deadline: Deadline) -> str:
    """The phrase itself, plus the rest of its clause: what the date commits to."""
    clause_end = re.search(r"[。；;！]", text[deadline.end :])
    end = deadline.end + (clause_end.start() if clause_end else len(text) - deadline.end)
    return text[deadline.start : min(end, deadline.end + 60)].strip()


def extract(ctx: ExtractContext) -> list[DeadlineRecord]:
    scopes = block_scopes(ctx)
    start_year, _ = plan_period(ctx)
    records = []
    for block in ctx.doc.blocks:
        if scopes[block.index].past:
            continue
        if isinstance(block, Paragraph):
            texts: list[tuple[str, int | None]] = [(block.text, None)]
        elif reads_as_prose(ctx, block):
            # Task-table cells are sentences too ("到2022年，建成美丽河湖16条"); each names its table.
            texts = [(cell.text, block.index) for cell in prose_cells(block)]
        else:
            continue
        for text, table in texts:
            for deadline in find_deadlines(text):
                if start_year is not None and deadline.year < start_year:
                    continue
                records.append(
                    DeadlineRecord(
                        section=ctx.outline.section_at(block.index),
                        year=deadline.year,
                        month=deadline.month,
                        day=deadline.day,
                        kind=deadline.kind,  # type: ignore[arg-type]
                        quote=quote_of(text, deadline),
                        block=block.index,
                        table=table,
                    )
                )
    return records
