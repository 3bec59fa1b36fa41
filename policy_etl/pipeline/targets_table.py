"""Targets from indicator tables (主要指标 / 规划指标体系), read by their columns.

Each numeric cell of a planning-year column (2025年, 2025年目标值, 规划目标, “十四五”目标, 2035年,
"十四五"末指标目标, a 五年累计 column) is a target of that year; the status column (2020年现状值,
基准值, "十三五"末, a year before the plan) gives the baseline and its year, 指标属性 / 指标性质 (or
a column of 约束性 / 预期性 cells) the binding, the 单位 column or the name's parentheses the unit,
and ≥ / ≤ / 以上 in the cell the comparator. A column's header is read down all the header rows, so
a merged parent ("规划目标" over "2025年目标值" | "五年累计") names each child. Past-results tables
(十三五 完成情况) and qualitative cells (保持稳定, 完成省下达任务) give no targets.
See the Targets rules of extraction-rules.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policy_etl.pipeline.patterns.comparators import (
    CELL_SYMBOLS,
    PREFIX_COMPARATORS,
    SUFFIX_COMPARATORS,
)
from policy_etl.pipeline.patterns.deadline_phrases import YEAR
from policy_etl.pipeline.patterns.five_year_plans import FIVE_YEAR_PLAN, FIVE_YEAR_PLANS
from policy_etl.pipeline.patterns.indicator_columns import (
    BARE_YEAR_HEADER,
    BINDING_HEADER,
    BINDING_WORDS,
    CATEGORY_HEADER,
    CUMULATIVE_CLOSE,
    CUMULATIVE_HEADER,
    CUMULATIVE_OPEN,
    FOOTNOTE_MARKS,
    HEADER_CELL,
    HEADER_CELL_MAX_CHARS,
    HEADER_START,
    MAX_HEADER_ROWS,
    MEASURE_WORDS,
    NAME_BINDING_NOTE,
    NAME_HEADER,
    NAME_NUMBERING,
    NOTE_HEADER,
    OTHER_BINDING_WORDS,
    PAST_TABLE,
    SERIAL_HEADER,
    STANDARD_HEADER,
    STATUS_HEADER,
    SUB_INDICATOR_LEAD,
    SUBSTANCES,
    TARGET_HEADER,
    TRAILING_NOTE_NUMBER,
    UNIT_HEADER,
    VALUE_BREAKDOWN,
    VALUE_NOTE_REFERENCE,
)
from policy_etl.pipeline.patterns.indicators import indicator_key
from policy_etl.pipeline.patterns.numbers import ARABIC_NUMBER, chinese_year_to_int, fold_digits
from policy_etl.pipeline.patterns.units import UNIT_PATTERN, normalize_unit
from policy_etl.schemas.document import Table
from policy_etl.schemas.records import TargetRecord

_SYMBOLS = "|".join(re.escape(s) for s, _ in sorted(CELL_SYMBOLS, key=lambda p: -len(p[0])))
_PREFIX_VERBS = "|".join(re.escape(p) for p, _ in sorted(PREFIX_COMPARATORS, key=lambda p: -len(p[0])))
_SUFFIXES = "|".join(re.escape(s) for s, _ in SUFFIX_COMPARATORS)
# A cell holding one number, after folding and without footnote marks: "≥95", "≦30.71", "1.3<"
# (ABBYY prints the symbol after the number), "77.8（国控断面）", "4.5（2019）" (the status's own
# year), "20万吨", "90以上", "93左右", "稳定保持在70%以上", "减少10%以上", "市≥95" (a short scope
# before the number), "-14.75", and a five-year cumulative value in brackets: [18], ［16］, 〔18〕,
# [≥15], "〔〕14.9" (a gazette PDF printing the empty brackets before the number).
CELL_NUMBER = re.compile(
    rf"^(?P<scope>[\u4e00-\u9fff]{{0,3}}?)(?P<verb>{_PREFIX_VERBS})?"
    rf"(?P<open>[{re.escape(CUMULATIVE_OPEN)}](?:[{re.escape(CUMULATIVE_CLOSE)}])?)?"
    rf"(?P<sym>{_SYMBOLS})?(?P<neg>[-－])?(?P<num>{ARABIC_NUMBER})(?P<unit>{UNIT_PATTERN})?"
    rf"(?P<close>[{re.escape(CUMULATIVE_CLOSE)}])?(?P<tsym>{_SYMBOLS})?(?P<suffix>{_SUFFIXES})?"
    rf"(?:[（(](?P<note>[^）)]*)[）)])?$"
)
# "86.1(2020) 74.2(2019)" (湘潭): values of several years, each with its year; the first is read.
YEARED_VALUES = re.compile(
    rf"^(?P<num>{ARABIC_NUMBER})[（(](?P<year>{YEAR})[）)](?:{ARABIC_NUMBER}[（(]{YEAR}[）)])+$"
)
# A unit in the name's trailing parentheses: 优良天数比例(%), 浓度(μg/m3).
# A rate per count, "（起/万枚）" (天津's 放射源辐射事故5年累计发生率), is a unit too.
NAME_UNIT = re.compile(
    rf"\s*[（(]\s*(?P<unit>{UNIT_PATTERN}|[a-zA-Zμµ]+/[a-zA-Z0-9³]+|[\u4e00-\u9fff]{{1,3}}/[\u4e00-\u9fff]{{1,3}})"
    rf"\s*[）)]\s*$"
)


@dataclass(frozen=True)
class TargetColumn:
    col: int
    year: int
    cumulative: bool  # a 五年累计 column


@dataclass(frozen=True)
class Columns:
    header_start: int
    header_end: int  # first body row
    headers: tuple[str, ...]  # each column's header, read down the header rows
    names: tuple[int, ...]
    unit: int | None
    binding: int | None
    status: int | None
    status_year: int | None
    targets: tuple[TargetColumn, ...]


@dataclass(frozen=True)
class CellValue:
    comparator: str
    value: float
    unit: str | None
    cumulative: bool  # printed in brackets: a five-year cumulative value
    year: int | None  # a year printed with the value: "4.5（2019）"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def header_year(header: str, plan_end: int | None) -> int | None:
    """2020年规划值 → 2020; "十四五"末 → 2025; 规划目标 with no year → the plan's end year.

    A range (2021-2025年) names its last year. Gazette PDFs interleave a header's digits with its
    words ("年2目02标5值" for 2025年目标值); the digits alone still spell the year.
    """
    folded = fold_digits(header)
    years = [chinese_year_to_int(m.group(1)) for m in re.finditer(rf"({YEAR})\s*年?", folded)]
    years = [y for y in years if y is not None]
    if years:
        return max(years)
    plan = FIVE_YEAR_PLAN.search(header)
    if plan:
        return FIVE_YEAR_PLANS[plan.group(0)][1]
    digits = re.sub(r"\D", "", folded)
    if re.fullmatch(r"(?:19|20)\d{2}", digits):
        return int(digits)
    return plan_end


def _header_words(header: str) -> str:
    """The header without its digits, so words split by interleaved digits match (年2现02状0值)."""
    return re.sub(r"[\d.．]", "", fold_digits(header))


def _is_title_row(row: list[str]) -> bool:
    """A caption, chapter or note row spans every column (郑州's 专栏1 …主要指标, （一）环境治理)."""
    return len({c.strip() for c in row if c.strip()}) <= 1


def binding_of(cell: str) -> str | None:
    """约束性指标 / 约束性 / 约束 → 约束性 (likewise 预期性, 参考性, 导向性); None for anything else."""
    text = FOOTNOTE_MARKS.sub("", _squash(cell)).removesuffix("指标")
    return BINDING_WORDS.get(text)


def _is_binding_word(cell: str) -> bool:
    text = FOOTNOTE_MARKS.sub("", _squash(cell)).removesuffix("指标")
    return text in BINDING_WORDS or text in OTHER_BINDING_WORDS


def _continues_header(row: list[str], above: list[str]) -> bool:
    """A further header row: every cell is merged from above or a short column name. A row that
    one text fills across the table is a chapter row ("一、主要指标"), the body's first."""
    first = _squash(row[0])
    if len(row) > 1 and first and len({_squash(c) for c in row}) == 1 and first != _squash(above[0]):
        return False
    for cell, over in zip(row, above, strict=True):
        text = _squash(cell)
        if not text or text == _squash(over):
            continue
        if len(text) > HEADER_CELL_MAX_CHARS or _is_binding_word(text) or read_cell(text) is not None:
            return False
        if not (HEADER_CELL.search(_header_words(text)) or BARE_YEAR_HEADER.match(fold_digits(text))):
            return False
    return True


def _header_span(grid: list[list[str]]) -> tuple[int, int] | None:
    """The header rows [start, end): from the first row naming the indicator column, then the
    rows below it that still name columns (a parent header's children, 德州's six ABBYY rows)."""
    start = next(
        (
            i
            for i, row in enumerate(grid[:4])
            if not _is_title_row(row) and any(HEADER_START.search(c) for c in row)
        ),
        None,
    )
    if start is None:
        return None
    end = start + 1
    while end < min(len(grid), start + MAX_HEADER_ROWS) and _continues_header(grid[end], grid[end - 1]):
        end += 1
    return start, end


def _column_headers(grid: list[list[str]], start: int, end: int) -> list[str]:
    """Each column's header read down the header rows: 规划目标 + 2025年目标值, 现状值 + 2020年."""
    headers = []
    for col in range(len(grid[start])):
        parts: list[str] = []
        for row in grid[start:end]:
            text = _squash(row[col])
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        headers.append("".join(parts))
    return headers


def _table_end_year(caption: str, headers: list[str]) -> int | None:
    """The plan's end year from the table when the document does not state its period: the
    caption's five-year plan (表2 盐城市“十四五”…), else the latest year a planning column names."""
    plan = FIVE_YEAR_PLAN.search(caption)
    if plan:
        return FIVE_YEAR_PLANS[plan.group(0)][1]
    years = [
        header_year(h, None)
        for h in headers
        if TARGET_HEADER.search(_header_words(h)) or BARE_YEAR_HEADER.match(fold_digits(h))
    ]
    return max((y for y in years if y is not None), default=None)


def _is_binding_column(grid: list[list[str]], col: int, body_start: int) -> bool:
    """Most of the column's body cells are binding words (南平's 类型, 宁夏's 指标类别)."""
    cells = [row[col] for row in grid[body_start:] if row[col].strip() and not _is_title_row(row)]
    return bool(cells) and sum(_is_binding_word(c) for c in cells) * 2 >= len(cells)


def find_columns(
    grid: list[list[str]],
    plan_end: int | None,
    plan_start: int | None = None,
    caption: str = "",
) -> Columns | None:
    """Each column's role from its header words (and, for the binding, its cells)."""
    span = _header_span(grid)
    if span is None:
        return None
    start, end = span
    headers = _column_headers(grid, start, end)
    plan_end = plan_end or _table_end_year(caption, headers)
    first_year = plan_start if plan_start is not None else (plan_end - 4 if plan_end else None)
    base_year = first_year - 1 if first_year else None
    names: list[int] = []
    unit: int | None = None
    binding: int | None = None
    statuses: list[tuple[int, int | None]] = []
    targets: list[TargetColumn] = []
    for col, header in enumerate(headers):
        words = _header_words(header)
        folded = fold_digits(header)
        has_year = bool(re.search(YEAR, folded)) or bool(FIVE_YEAR_PLAN.search(header))
        if not header or SERIAL_HEADER.match(words):
            continue
        if binding is None and (_is_binding_column(grid, col, end) or BINDING_HEADER.search(words)):
            binding = col
        elif NOTE_HEADER.search(words):
            continue
        elif UNIT_HEADER.search(words):
            unit = col
        elif CATEGORY_HEADER.search(words):
            continue
        elif NAME_HEADER.search(words) and not has_year and not re.search(r"目标|现状|基准|值|累计", words):
            names.append(col)
        elif STANDARD_HEADER.search(words):
            continue
        elif CUMULATIVE_HEADER.search(words) and not STATUS_HEADER.search(words):
            year = header_year(header, plan_end)
            if year is not None and first_year and year < first_year:
                statuses.append((col, year))  # “十三五”累计: the last plan's five years
            elif year is not None:
                targets.append(TargetColumn(col, year, True))
        elif STATUS_HEADER.search(words):
            statuses.append((col, header_year(header, None) or base_year))
        elif TARGET_HEADER.search(words) or BARE_YEAR_HEADER.match(folded) or has_year:
            year = header_year(header, plan_end)
            if year is None:
                continue
            if first_year and year < first_year:
                if not TARGET_HEADER.search(words):
                    statuses.append((col, year))  # a bare year before the plan: 2020年, 2019年
                continue  # a past plan's target column (2020年目标)
            targets.append(TargetColumn(col, year, False))
    if not names or not targets:
        return None
    status, status_year = max(statuses, key=lambda s: s[1] or 0, default=(None, None))
    return Columns(
        start, end, tuple(headers), tuple(names), unit, binding, status, status_year, tuple(targets)
    )


def read_cell(cell: str) -> CellValue | None:
    """The number a cell commits to, with its comparator and unit; None for qualitative cells
    (保持稳定, 完成省下达任务, 稳中向好) and for cells holding more than one number — except a
    total followed by its breakdown ("2350，其中机动车…1800"), which commits to the total."""
    text = FOOTNOTE_MARKS.sub("", _squash(fold_digits(cell))).replace("％", "%")
    text = VALUE_NOTE_REFERENCE.sub("", VALUE_BREAKDOWN.sub("", text))
    match = CELL_NUMBER.match(text)
    if match is None:
        yeared = YEARED_VALUES.match(text)
        if yeared is None:
            return None
        return CellValue(
            "=", float(yeared.group("num")), None, False, chinese_year_to_int(yeared.group("year"))
        )
    symbol = match.group("sym") or match.group("tsym")
    if symbol:
        comparator = dict(CELL_SYMBOLS)[symbol]
    elif match.group("suffix"):
        comparator = dict(SUFFIX_COMPARATORS)[match.group("suffix")]
    elif match.group("verb"):
        comparator = dict(PREFIX_COMPARATORS)[match.group("verb")]
    else:
        comparator = "="
    value = float(match.group("num")) * (-1 if match.group("neg") else 1)
    note = match.group("note") or ""
    year = chinese_year_to_int(note) if re.fullmatch(YEAR, note) else None
    cumulative = bool(match.group("open")) and (len(match.group("open")) == 2 or bool(match.group("close")))
    return CellValue(comparator, value, normalize_unit(match.group("unit")), cumulative, year)


def parse_cell(cell: str) -> tuple[str, float, str | None] | None:
    """(comparator, value, unit) of a numeric cell; None for qualitative cells (保持稳定)."""
    found = read_cell(cell)
    return None if found is None else (found.comparator, found.value, found.unit)


def split_name_unit(name: str) -> tuple[str, str | None]:
    """细颗粒物（PM2.5）浓度(ug/m3) → (细颗粒物（PM2.5）浓度, μg/m³)."""
    found = NAME_UNIT.search(name)
    if found is None:
        return name, None
    return name[: found.start()].strip(), normalize_unit(found.group("unit"))


def clean_name(cell: str) -> str:
    """A name cell without its numbering (（1）), 其中： lead, footnote marks (*, ①, a note number
    after the unit) or a binding note; the unit parentheses stay (split_name_unit reads them)."""
    text = NAME_BINDING_NOTE.sub("", _squash(cell))
    text = NAME_NUMBERING.sub("", text)
    text = SUB_INDICATOR_LEAD.sub("", text)
    text = FOOTNOTE_MARKS.sub("", text)
    return TRAILING_NOTE_NUMBER.sub("", text)


def _name_parts(row: list[str], cols: Columns) -> list[str]:
    """The row's distinct name cells, left to right (a parent merged down, then its child)."""
    parts: list[str] = []
    for col in cols.names:
        text = clean_name(row[col])
        if re.search(r"[\u4e00-\u9fff]", text) and (not parts or parts[-1] != text):
            parts.append(text)
    return parts


def compose_name(parts: list[str]) -> tuple[str, str | None, list[str]]:
    """(indicator, unit, the cells it was read from) of a row; a sub-indicator names its parent too.

    The child alone when it is a whole indicator (地表水 | 地表水达到或好于Ⅲ类水体比例, 重点工程减排量 |
    挥发性有机物减排量); a substance before the quantity measured of it, whichever is the parent
    (化学需氧量 | 重点工程减排量（吨）, 重点工程减排量（万吨） | 氮氧化物 → 化学需氧量重点工程减排量,
    氮氧化物重点工程减排量, as other plans print it in one cell); a child that only narrows its
    parent to a scope (陆域, 县城) in parentheses after it (生态保护红线占国土面积比例（陆域）). The
    unit is the child's, else the parent's.
    """
    if not parts:
        return "", None, []
    child, child_unit = split_name_unit(parts[-1])
    if len(parts) == 1:
        return child, child_unit, parts
    parent, parent_unit = split_name_unit(parts[-2])
    unit = child_unit or parent_unit
    if parent in child:
        return child, child_unit, parts[-1:]
    parent_measures = bool(MEASURE_WORDS.search(parent)) and not SUBSTANCES.match(parent)
    if SUBSTANCES.match(parent) and MEASURE_WORDS.search(child):
        return parent + child, unit, parts[-2:]
    if SUBSTANCES.match(child) and parent_measures:
        return child + parent, unit, parts[-2:]
    if parent_measures and not MEASURE_WORDS.search(child):
        return f"{parent}（{child}）", unit, parts[-2:]
    return child, unit, parts[-1:]


def _reports_the_past(table: Table, grid: list[list[str]], cols: Columns, plan_start: int | None) -> bool:
    """A completion table (004 表1) reports a finished plan. A header's "2020年完成情况" is only the
    status column of a plan table (福建 表1: 2020年完成情况 | 2025年目标值) when it also has
    planning-year columns inside the plan's period, named by their own year."""
    if PAST_TABLE.search(table.caption or ""):
        return True
    if not PAST_TABLE.search(" ".join(grid[0] + list(cols.headers))):
        return False
    if plan_start is None:
        return True
    named = [t for t in cols.targets if header_year(cols.headers[t.col], None) is not None]
    return not named or all(t.year < plan_start for t in named)


def iter_table_targets(
    table: Table, plan_end: int | None, plan_start: int | None = None
) -> Iterator[TargetRecord]:
    grid = table.filled_grid()
    cols = find_columns(grid, plan_end, plan_start, table.caption or "")
    if cols is None or _reports_the_past(table, grid, cols, plan_start):
        return
    header_rows = [grid[r] for r in range(cols.header_start, cols.header_end)]
    last_binding: str | None = None
    for row in grid[cols.header_end :]:
        if _is_title_row(row) or row in header_rows:
            continue  # chapter and note rows; a header repeated on the next page
        name, name_unit, parts = compose_name(_name_parts(row, cols))
        if not name:
            continue
        binding: str | None = None
        if cols.binding is not None:
            cell = row[cols.binding]
            binding = binding_of(cell)
            if binding is None and not cell.strip():
                binding = last_binding  # sub-indicator rows leave the merged 指标属性 cell empty
            elif binding is None and not _is_binding_word(cell):
                continue  # a row the parser mis-split: its binding cell holds other text
        last_binding = binding
        unit = normalize_unit(_squash(row[cols.unit])) if cols.unit is not None else None
        unit = unit or name_unit
        status = read_cell(row[cols.status]) if cols.status is not None else None
        values = [(target, read_cell(row[target.col])) for target in cols.targets]
        has_level = any(found and not target.cumulative for target, found in values)
        for target, found in values:
            if found is None:
                continue
            # A 五年累计 value beside the row's planned level is that level's five-year change
            # (商洛: PM2.5 ≦30.71 and [5%], 森林覆盖率 ≧70 and [0.44]), and a cell printed with a
            # unit unlike the indicator's measures something else: neither is the canonical
            # indicator's value, so neither carries its key.
            change = target.cumulative and has_level
            other_unit = found.unit is not None and unit is not None and found.unit != unit
            yield TargetRecord(
                indicator=name,
                indicator_key=None if change or other_unit else indicator_key(name),
                comparator=found.comparator,  # type: ignore[arg-type]
                value=found.value,
                unit=found.unit or unit,
                year=target.year,
                baseline=status.value if status else None,
                baseline_year=(status.year or cols.status_year) if status else None,
                binding=binding,  # type: ignore[arg-type]
                source="table",
                quote=f"{' '.join(parts)} {cols.headers[target.col]} {row[target.col].strip()}",
                block=table.index,
                table=table.index,
            )
