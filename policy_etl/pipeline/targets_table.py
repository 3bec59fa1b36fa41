"""Targets from indicator tables (seed 002 表1/表2, seed 004 表2).

Each numeric cell of a planning-year column (2020年规划值, "十四五"末指标目标) is a target of that
year; the status column (2018年现状值, "十三五"末指标情况) gives the baseline, 指标属性/指标性质 the
binding, the 单位 column or the name's parentheses the unit, and ≥/≤ in the cell the comparator.
Past-results tables (十三五 完成情况) and qualitative cells (保持稳定) give no targets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policy_etl.pipeline.patterns.comparators import CELL_SYMBOLS
from policy_etl.pipeline.patterns.deadline_phrases import YEAR
from policy_etl.pipeline.patterns.five_year_plans import FIVE_YEAR_PLAN, FIVE_YEAR_PLANS
from policy_etl.pipeline.patterns.indicators import indicator_key
from policy_etl.pipeline.patterns.numbers import (
    ARABIC_NUMBER,
    FOOTNOTE_MARKERS,
    chinese_year_to_int,
    fold_digits,
)
from policy_etl.pipeline.patterns.units import UNIT_PATTERN, normalize_unit
from policy_etl.schemas.document import Table
from policy_etl.schemas.records import TargetRecord

# Tables (caption or header) that report a finished plan: no targets (004 表1).
PAST_TABLE = re.compile(r"完成情况|回顾|评估|完成值")
# Header words of each column role.
NAME_HEADER = re.compile(r"指标名称|名称|^指标$|具体指标|^指标体系$")
UNIT_HEADER = re.compile(r"^单位$|计量单位")
BINDING_HEADER = re.compile(r"属性|性质|类型")
STATUS_HEADER = re.compile(r"现状|基准|基期|现值|末指标情况|完成情况|实际")
TARGET_HEADER = re.compile(r"规划|目标|预期|指标值$|^\s*\d{4}\s*年?\s*$")
# A header that is only a year ("2020年", 天津's table): the status column when the year is
# before the plan's period, a planning-year column otherwise.
BARE_YEAR_HEADER = re.compile(r"^\s*\d{4}\s*年?\s*$")
# 指标值 without a year is the assessment standard (≥20), not this plan's commitment.
STANDARD_HEADER = re.compile(r"^指标值$|标准值|考核要求")
BINDINGS = ("约束性", "预期性", "参考性", "导向性")
# A cell holding one number: "≥95", "77.8（国控断面）", "73.5*", "100 (民用)", "20万吨", "市≥95",
# "93左右" (天津), and "［19075］", a five-year cumulative value in 郑州's table ("注：[]为五年累计值").
CELL_NUMBER = re.compile(
    rf"^(?P<scope>[\u4e00-\u9fff]{{0,3}}?)[［\[]?(?P<sym>≥|≤|>=|<=|＞|＜|>|<)?\s*(?P<num>{ARABIC_NUMBER})\s*"
    rf"(?P<unit>{UNIT_PATTERN})?\s*[］\]]?\s*(?:左右)?\s*\*?\s*(?:[（(][^）)]*[）)])?\s*$"
)
# A unit in the name's trailing parentheses: 优良天数比例(%), 浓度(μg/m3).
# "其中：" opening a sub-indicator's name (福建 表1: 其中：红树林营造修复面积) is not part of it.
SUB_INDICATOR_LEAD = re.compile(r"^其中[:：]?")
# A rate per count, "（起/万枚）" (天津's 放射源辐射事故5年累计发生率), is a unit too.
NAME_UNIT = re.compile(
    rf"\s*[（(]\s*(?P<unit>{UNIT_PATTERN}|[a-zA-Zμµ]+/[a-zA-Z0-9³]+|[\u4e00-\u9fff]{{1,3}}/[\u4e00-\u9fff]{{1,3}})"
    rf"\s*[）)]\s*$"
)


@dataclass(frozen=True)
class Columns:
    header_row: int
    names: tuple[int, ...]
    unit: int | None
    binding: int | None
    status: int | None
    status_year: int | None
    targets: tuple[tuple[int, int], ...]  # (column, year)


def header_year(header: str, plan_end: int | None) -> int | None:
    """2020年规划值 → 2020; "十四五"末 → 2025; 规划目标 with no year → the plan's end year."""
    found = re.search(rf"({YEAR})\s*年?", fold_digits(header))
    if found:
        return chinese_year_to_int(found.group(1))
    plan = FIVE_YEAR_PLAN.search(header)
    if plan:
        return FIVE_YEAR_PLANS[plan.group(0)][1]
    return plan_end


def _is_title_row(row: list[str]) -> bool:
    """A caption printed as the table's first row spans every column (郑州's 专栏1 …主要指标)."""
    return len({c.strip() for c in row if c.strip()}) <= 1


def find_columns(
    grid: list[list[str]], plan_end: int | None, plan_start: int | None = None
) -> Columns | None:
    header_row = next(
        (i for i, row in enumerate(grid[:3]) if not _is_title_row(row) and any("指标" in c for c in row)),
        None,
    )
    if header_row is None:
        return None
    first_year = plan_start if plan_start is not None else (plan_end - 4 if plan_end else None)
    names, unit, binding, status, status_year, targets = [], None, None, None, None, []
    for col, raw in enumerate(grid[header_row]):
        header = re.sub(r"\s+", "", raw)
        if NAME_HEADER.search(header):
            names.append(col)
        elif UNIT_HEADER.search(header):
            unit = col
        elif BINDING_HEADER.search(header):
            binding = col
        elif STATUS_HEADER.search(header):
            status, status_year = col, header_year(header, None)
        elif TARGET_HEADER.search(header) and not STANDARD_HEADER.search(header):
            year = header_year(header, plan_end)
            if BARE_YEAR_HEADER.match(header) and first_year and year and year < first_year:
                if status is None:
                    status, status_year = col, year
                continue
            if year is not None:
                targets.append((col, year))
    if not names or not targets:
        return None
    return Columns(header_row, tuple(names), unit, binding, status, status_year, tuple(targets))


def parse_cell(cell: str) -> tuple[str, float, str | None] | None:
    """(comparator, value, unit) of a numeric cell; None for qualitative cells (保持稳定)."""
    text = FOOTNOTE_MARKERS.sub("", fold_digits(cell.strip()).replace("\n", ""))
    match = CELL_NUMBER.match(text)
    if match is None:
        return None
    comparator = dict(CELL_SYMBOLS).get(match.group("sym") or "", "=")
    return comparator, float(match.group("num")), normalize_unit(match.group("unit"))


def split_name_unit(name: str) -> tuple[str, str | None]:
    """细颗粒物（PM2.5）浓度(ug/m3) → (细颗粒物（PM2.5）浓度, μg/m³)."""
    found = NAME_UNIT.search(name)
    if found is None:
        return name, None
    return name[: found.start()].strip(), normalize_unit(found.group("unit"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _binding(cell: str) -> str | None:
    text = cell.strip().removesuffix("指标")
    return text if text in BINDINGS else None


def _row_is_shifted(row: list[str], cols: Columns) -> bool:
    """A row whose binding cell holds neither a binding nor nothing was mis-split by the parser."""
    if cols.binding is None:
        return False
    cell = row[cols.binding].strip()
    return bool(cell) and _binding(cell) is None


def _name_of(row: list[str], cols: Columns) -> str:
    """The row's indicator, the deepest name column first (天津's 重点工程减排量 → 氮氧化物)."""
    for col in reversed(cols.names):
        name = SUB_INDICATOR_LEAD.sub("", FOOTNOTE_MARKERS.sub("", _squash(row[col])))
        if name:
            return name
    return ""


def _name_unit(row: list[str], cols: Columns) -> str | None:
    """The unit in a name's parentheses; a sub-indicator takes its parent's (…减排量（万吨）)."""
    for col in reversed(cols.names):
        unit = split_name_unit(FOOTNOTE_MARKERS.sub("", _squash(row[col])))[1]
        if unit:
            return unit
    return None


def _reports_the_past(table: Table, grid: list[list[str]], cols: Columns, plan_start: int | None) -> bool:
    """A completion table (004 表1) reports a finished plan. A header's "2020年完成情况" is only the
    status column of a plan table (福建 表1: 2020年完成情况 | 2025年目标值) when it also has
    planning-year columns inside the plan's period."""
    if PAST_TABLE.search(table.caption or ""):
        return True
    if not PAST_TABLE.search(" ".join(grid[0] + grid[cols.header_row])):
        return False
    return plan_start is None or all(year < plan_start for _, year in cols.targets)


def iter_table_targets(
    table: Table, plan_end: int | None, plan_start: int | None = None
) -> Iterator[TargetRecord]:
    grid = table.filled_grid()
    cols = find_columns(grid, plan_end, plan_start)
    if cols is None or _reports_the_past(table, grid, cols, plan_start):
        return
    last_binding: str | None = None
    for row in grid[cols.header_row + 1 :]:
        raw_name = _name_of(row, cols)
        if not re.search(r"[\u4e00-\u9fff]", raw_name) or _row_is_shifted(row, cols):
            continue
        name = split_name_unit(raw_name)[0]
        unit = normalize_unit(row[cols.unit]) if cols.unit is not None else None
        unit = unit or _name_unit(row, cols)
        binding = _binding(row[cols.binding]) if cols.binding is not None else None
        if binding is None and row[cols.binding if cols.binding is not None else 0].strip() == "":
            binding = last_binding  # sub-indicator rows leave the merged 指标属性 cell empty
        last_binding = binding
        status = parse_cell(row[cols.status]) if cols.status is not None else None
        for col, year in cols.targets:
            parsed = parse_cell(row[col])
            if parsed is None:
                continue
            comparator, value, cell_unit = parsed
            yield TargetRecord(
                indicator=name,
                indicator_key=indicator_key(name),
                comparator=comparator,  # type: ignore[arg-type]
                value=value,
                unit=cell_unit or unit,
                year=year,
                baseline=status[1] if status else None,
                baseline_year=cols.status_year if status else None,
                binding=binding,  # type: ignore[arg-type]
                source="table",
                quote=f"{raw_name} {_squash(grid[cols.header_row][col])} {row[col].strip()}",
                block=table.index,
                table=table.index,
            )
