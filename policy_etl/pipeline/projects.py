"""Key projects: rows of 重点工程 / 重点项目 tables and the numbered items of 专栏 boxes.

Tables are read by what their header says each column holds, never by position: the text grid
of seed 002 shifts the first item of each category one column left (its 序号 cell spans the
category column), and other plans order their columns differently. The category is carried
down from category rows (a row spanning the table) and from merged category cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from policy_etl.pipeline.context import ExtractContext
from policy_etl.pipeline.patterns.boxes import (
    SENTENCE_END,
    box_title,
    is_project_box,
    item_name_content,
    join_wrapped,
    leading_item_number,
    name_period,
    numbering_scheme,
    split_items,
    split_title,
    starts_with_chapter,
)
from policy_etl.pipeline.patterns.investment import (
    COMPLETION_HEADER,
    investment_in_yi,
    period_years,
    unit_from_header,
)
from policy_etl.pipeline.patterns.project_columns import (
    DOCUMENT_TRAILER,
    HEADER_ROWS_SCANNED,
    MIN_HEADER_ROLES,
    PROJECT_CAPTION,
    ROW_NUMBER,
    column_role,
)
from policy_etl.schemas.document import Block, Paragraph, Table
from policy_etl.schemas.records import ProjectRecord


@dataclass
class ColumnMap:
    """Which column holds which role, and what the header says about units and dates."""

    header_rows: int
    columns: dict[str, int] = field(default_factory=dict)
    extra_content: int | None = None  # a second column under a spanning 项目名称 header
    investment_unit: str | None = None
    completion_only: bool = False


def extract(ctx: ExtractContext) -> list[ProjectRecord]:
    records: list[ProjectRecord] = []
    for block in ctx.doc.blocks:
        if isinstance(block, Table):
            records.extend(_table_projects(ctx, block))
    records.extend(_paragraph_box_projects(ctx))
    return sorted(records, key=lambda r: r.block)


# --- key-project tables -------------------------------------------------------------------


def _table_projects(ctx: ExtractContext, table: Table) -> list[ProjectRecord]:
    record = ctx.table(table.index)
    title = (record.title if record else None) or table.caption
    columns = map_columns(table)
    kind = record.kind if record else None
    if columns is not None and "name" in columns.columns and _is_project_table(kind, title, columns):
        return list(_rows_to_projects(ctx, table, title, columns))
    box = _table_box_title(table)
    if box is not None and is_project_box(box):
        return _table_box_projects(ctx, table, box)
    return []


def _is_project_table(kind: str | None, title: str | None, columns: ColumnMap) -> bool:
    """A project table by its kind, or (when the kind says otherwise) by its caption or columns.

    The kind comes from the table classifier; a table captioned 重点项目表 or with an investment
    column is read as projects even if the classifier missed it.
    """
    if kind == "project":
        return True
    if kind in ("responsibility", "glossary"):
        return False
    return bool(title and PROJECT_CAPTION.search(title)) or "investment" in columns.columns


def map_columns(table: Table) -> ColumnMap | None:
    """Roles of the table's columns from its header rows, or None if no header names two roles."""
    grid = table.filled_grid()
    header_rows = 0
    headers = [""] * table.n_cols
    for row in grid[:HEADER_ROWS_SCANNED]:
        roles = {column_role(text) for text in row if text} - {None}
        if len(roles) < MIN_HEADER_ROLES:
            break
        header_rows += 1
        for col, text in enumerate(row):
            if text and text not in headers[col]:
                headers[col] = f"{headers[col]} {text}".strip()
    if not header_rows:
        return None
    mapping = ColumnMap(header_rows=header_rows)
    for col, header in enumerate(headers):
        role = column_role(header)
        if role is None:
            continue
        if role in mapping.columns:
            # 项目名称 spanning two columns: the second one holds the content.
            if role == "name" and headers[mapping.columns["name"]] == header:
                mapping.extra_content = col
            continue
        mapping.columns[role] = col
        if role == "investment":
            mapping.investment_unit = unit_from_header(header)
        if role == "period":
            mapping.completion_only = bool(COMPLETION_HEADER.search(header))
    if "content" not in mapping.columns and mapping.extra_content is not None:
        mapping.columns["content"] = mapping.extra_content
    return mapping


def _rows_to_projects(
    ctx: ExtractContext, table: Table, title: str | None, columns: ColumnMap
) -> Iterator[ProjectRecord]:
    grid = table.filled_grid()
    category: str | None = None
    previous: ProjectRecord | None = None
    for row in grid[columns.header_rows :]:
        if any(DOCUMENT_TRAILER.match(text) for text in row if text):
            return
        banner = _banner_text(row)
        if banner is not None:
            category = banner
            continue
        category = _row_category(row, columns, category)
        cells = {role: row[col].strip() for role, col in columns.columns.items()}
        name = cells.get("name", "")
        no = cells.get("no", "")
        if not name and previous is not None and not no and (cells.get("content") or cells.get("period")):
            # A second content/year pair printed on a row of its own under the same project.
            previous = _with_pair(previous, cells, columns)
            yield previous
            continue
        if not name or name == category:
            continue
        for content, period in _content_pairs(cells.get("content", ""), cells.get("period", "")):
            previous = _project(ctx, table, title, columns, category, {**cells, "content": content}, period)
            yield previous


def _banner_text(row: list[str]) -> str | None:
    """The text of a row that is one cell across the table: a category row like 推进产业高质量发展."""
    texts = {text.strip() for text in row}
    if len(texts) == 1 and len(row) > 1:
        (text,) = texts
        return text or None
    return None


def _row_category(row: list[str], columns: ColumnMap, current: str | None) -> str | None:
    """The category cell when it holds a category, else the one carried down.

    A category cell that repeats the row's 序号 is the grid's spill-over of a 序号 cell (seed
    002's first item of each category), not a category.
    """
    col = columns.columns.get("category")
    if col is None:
        return current
    text = row[col].strip()
    no_col = columns.columns.get("no")
    if not text or ROW_NUMBER.match(text) or (no_col is not None and text == row[no_col].strip()):
        return current
    return text


def _content_pairs(content: str, period: str) -> list[tuple[str, str]]:
    """One (content, period) pair per project; a cell pair with one line per project gives several."""
    periods = [p for p in period.split("\n") if p.strip()]
    contents = [c for c in content.split("\n") if c.strip()]
    if len(periods) > 1 and len(periods) == len(contents):
        return list(zip(contents, periods, strict=True))
    return [(content, period)]


def _project(
    ctx: ExtractContext,
    table: Table,
    title: str | None,
    columns: ColumnMap,
    category: str | None,
    cells: dict[str, str],
    period: str,
) -> ProjectRecord:
    start, end = period_years(period, columns.completion_only)
    investment = cells.get("investment") or None
    return ProjectRecord(
        section=ctx.outline.section_at(table.index),
        table=table.index,
        table_title=title,
        category=category,
        no=cells.get("no") or None,
        name=join_wrapped(cells["name"]),
        content=join_wrapped(cells.get("content", "")) or None,
        investment=investment,
        investment_value=investment_in_yi(investment, columns.investment_unit),
        period=join_wrapped(period) or None,
        start_year=start,
        end_year=end,
        implementer=join_wrapped(cells.get("implementer", "")) or None,
        indicators=join_wrapped(cells.get("indicators", "")) or None,
        block=table.index,
    )


def _with_pair(previous: ProjectRecord, cells: dict[str, str], columns: ColumnMap) -> ProjectRecord:
    """The previous row's project with this row's own content and period."""
    period = cells.get("period", "")
    start, end = period_years(period, columns.completion_only)
    return previous.model_copy(
        update={
            "content": join_wrapped(cells.get("content", "")) or None,
            "period": join_wrapped(period) or None,
            "start_year": start,
            "end_year": end,
        }
    )


# --- 专栏 boxes ---------------------------------------------------------------------------


def _table_box_title(table: Table) -> str | None:
    """The 专栏 title of a framed box: its caption, or the first line of its first cell."""
    if table.caption and box_title(table.caption):
        return box_title(table.caption)
    first = min(table.cells, key=lambda c: (c.row, c.col), default=None)
    return box_title(first.text) if first is not None else None


def _table_box_projects(ctx: ExtractContext, table: Table, title: str) -> list[ProjectRecord]:
    """Items of a box drawn as a table: a title row and item rows, or one cell holding both."""
    body_parts = []
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        text = cell.text.strip()
        if text.startswith(title):
            text = text[len(title) :]
        if text.strip():
            body_parts.append(text.strip())
    body = "\n".join(body_parts)
    found = (_box_project(ctx, title, no, item, table.index, table.index) for no, item in split_items(body))
    return [record for record in found if record is not None]


def _box_project(
    ctx: ExtractContext, title: str, no: str, item: str, block: int, table: int | None
) -> ProjectRecord | None:
    """The project of one box item, or None when the item has no name ("①。…")."""
    name, content = item_name_content(item)
    if not name:
        return None
    period = name_period(name)
    start, end = period_years(period)
    return ProjectRecord(
        section=ctx.outline.section_at(block),
        table=table,
        table_title=title,
        no=no,
        name=name,
        content=content,
        period=period,
        start_year=start,
        end_year=end,
        block=block,
    )


def _paragraph_box_projects(ctx: ExtractContext) -> list[ProjectRecord]:
    """Items of boxes printed as text: a 专栏N title line, then numbered item paragraphs."""
    records: list[ProjectRecord] = []
    blocks = ctx.doc.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        title = box_title(block.text) if isinstance(block, Paragraph) else None
        if title is None or not is_project_box(title):
            i += 1
            continue
        title, first_items = split_title(title)
        items = [(no, item, block.index) for no, item in split_items(first_items)]
        items, i = _collect_paragraph_items(blocks, i + 1, items, numbering_scheme(first_items))
        found = (_box_project(ctx, title, no, text, start, None) for no, text, start in items)
        records.extend(record for record in found if record is not None)
    return records


def _collect_paragraph_items(
    blocks: tuple[Block, ...], start: int, items: list[tuple[str, str, int]], scheme: str | None
) -> tuple[list[tuple[str, str, int]], int]:
    """(number, text, first block) of each item from `start`, and the index after the box.

    A paragraph starting with the next number, in the numbering of the box's first item
    (`scheme`), opens an item (several, when the source put them on one line). A heading of
    the body ends the box. Any other paragraph continues the open item while that item's text
    has not ended a sentence (a wrapped line), or while the item is headed by a name line of
    its own ("（一）绿色转型提升工程").
    """
    i = start
    while i < len(blocks) and isinstance(blocks[i], Paragraph):
        text = blocks[i].text.strip()
        same_scheme = scheme is None or numbering_scheme(text) == scheme
        if leading_item_number(text) == len(items) + 1 and same_scheme:
            scheme = numbering_scheme(text)
            items.extend((no, item, blocks[i].index) for no, item in split_items(text, len(items) + 1))
        elif items and not _ends_box(text, scheme) and _continues(items[-1][1], text):
            no, so_far, first = items[-1]
            items[-1] = (no, f"{so_far}\n{text}", first)
        else:
            break
        i += 1
    return items, i


def _ends_box(text: str, scheme: str | None) -> bool:
    """A chapter heading, another box, a 一、 heading, or a number of the box's own scheme out of turn."""
    line_scheme = numbering_scheme(text)
    return (
        starts_with_chapter(text)
        or line_scheme == "cn"
        or (line_scheme is not None and line_scheme == scheme)
    )


def _continues(item: str, text: str) -> bool:
    if item[-1:] not in SENTENCE_END:
        return True
    return "\n" in item and item_name_content(item)[0] == item.split("\n", 1)[0].strip()
