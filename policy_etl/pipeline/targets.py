"""Targets: forward commitments that put a number on an indicator, from prose and indicator tables.

Prose targets take their year from their own clause (到2020年), else from the goal list they sit
in (到2020年实现以下八个方面主要目标), else from the plan's end year; every-year commitments have
none. Numbers in past-review sections (回顾, 主要成效, 现状) and before the plan starts are results,
not targets.
"""

from __future__ import annotations

from collections.abc import Iterator

from policy_etl.pipeline.context import ExtractContext
from policy_etl.pipeline.patterns.unit_conversions import standardize
from policy_etl.pipeline.plan_scope import BlockScope, block_scopes, plan_period
from policy_etl.pipeline.table_cells import ProseCell, prose_cells, reads_as_prose
from policy_etl.pipeline.targets_table import iter_table_targets
from policy_etl.pipeline.targets_text import find_targets, is_recurring, key_of, year_of
from policy_etl.schemas.document import Paragraph, Table
from policy_etl.schemas.records import TargetRecord


def _text_targets(
    ctx: ExtractContext,
    text: str,
    block: int,
    scope: BlockScope,
    period: tuple[int | None, int | None],
    cell: ProseCell | None = None,
) -> Iterator[TargetRecord]:
    """Targets of a paragraph, or of a task-table cell (`cell`): the same reader for both, a
    cell's targets falling back on its row's completion year, then its table's title year."""
    start_year, end_year = period
    for found in find_targets(text):
        year = year_of(text, found)
        if year is None and cell is not None:
            year = cell.row_year or cell.table_year
        if year is not None and start_year is not None and year < start_year:
            continue  # "至2020年…达到91.8%" in a 2021 plan reports a result
        if year is None and not is_recurring(text, found):
            year = scope.list_year or end_year
        yield TargetRecord(
            section=ctx.outline.section_at(block),
            indicator=found.indicator,
            indicator_key=key_of(found.indicator),
            comparator=found.comparator,  # type: ignore[arg-type]
            value=found.value,
            unit=found.unit,
            year=year,
            baseline_year=found.baseline_year,
            binding=scope.binding,  # type: ignore[arg-type]
            source="text" if cell is None else "table",
            quote=found.quote,
            block=block,
            table=None if cell is None else block,
        )


def _is_indicator_table(ctx: ExtractContext, table: Table) -> bool:
    record = ctx.table(table.index)
    return record is None or record.kind == "indicator"


def with_standard_units(target: TargetRecord) -> TargetRecord:
    """The target with value_std / unit_std / baseline_std in its indicator's canonical unit.

    Applied once, to the finished records, so no reader can forget it and no later copy with
    another unit can leave a stale standard value behind.
    """
    std = standardize(target.indicator_key, target.value, target.unit, target.baseline)
    if std is None:
        return target.model_copy(update={"value_std": None, "unit_std": None, "baseline_std": None})
    return target.model_copy(
        update={"value_std": std.value, "unit_std": std.unit, "baseline_std": std.baseline}
    )


def extract(ctx: ExtractContext) -> list[TargetRecord]:
    scopes = block_scopes(ctx)
    period = plan_period(ctx)
    records: list[TargetRecord] = []
    for block in ctx.doc.blocks:
        if isinstance(block, Paragraph):
            if not scopes[block.index].past:
                records.extend(_text_targets(ctx, block.text, block.index, scopes[block.index], period))
        elif reads_as_prose(ctx, block):
            scope = scopes[block.index]
            if not scope.past:
                for cell in prose_cells(block):
                    records.extend(_text_targets(ctx, cell.text, block.index, scope, period, cell))
        elif _is_indicator_table(ctx, block):
            # Tables say by their columns what is planned: seed 002 prints its planning values
            # under "三、指标体系现状", so the section title does not decide here.
            section = ctx.outline.section_at(block.index)
            records.extend(
                t.model_copy(update={"section": section})
                for t in iter_table_targets(block, period[1], period[0])
            )
    return [with_standard_units(t) for t in records]
