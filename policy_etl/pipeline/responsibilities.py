"""Who leads and who supports each task: from responsibility tables and from inline notes.

Tables: one record per task row (a chapter row spanning the table is not a task). A 牵头单位
column leads and a 配合单位 column supports; a single 责任单位 column lists the lead first (000
says so in its header, the extraction rules make it the default). A group cell's bracketed
units (绿色经济培育行动（经发局）) lead the group: they stay out of `group_name`, and they become
a row's lead only when the row names no unit of its own — a row that names units says who leads
that task (000's 强化机动车污染防治 is led by 公安分局 inside an action the 环保局 leads).
`no` is the 序号 as printed on the row: None where the row has no number of its own.

Inline notes: the task is the item the note closes. A note after text in the same paragraph
closes that text (its first sentence is the task, or the heading title when the paragraph is a
heading). A note standing alone closes the paragraphs above it back to the previous note; when
the next heading has the level of a heading among them (or nothing follows), the note closes
that whole section (辽宁's 责任处室 lines after 一、…'s sub-items) and the task is its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policy_etl.pipeline.context import ExtractContext
from policy_etl.pipeline.patterns import agencies as ag
from policy_etl.pipeline.tables import header_rows
from policy_etl.schemas.document import Paragraph, Table
from policy_etl.schemas.records import ResponsibilityRecord

# Headings when the outline is empty (before the sections extractor runs): the common schemes,
# ranked as they nest in these plans. The outline, when present, is used instead.
FALLBACK_HEADINGS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^[一二三四五六七八九十]+、\s*"),
    re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*"),
    re.compile(r"^\d+[.．、](?!\d)\s*"),
    re.compile(r"^[（(]\d+[）)]\s*"),
)


def extract(ctx: ExtractContext) -> list[ResponsibilityRecord]:
    records: list[ResponsibilityRecord] = []
    blocks = {b.index: b for b in ctx.doc.tables()}
    for record in ctx.tables:
        table = blocks.get(record.index)
        if record.kind == "responsibility" and table is not None:
            records.extend(_from_table(table, ctx))
    records.extend(_from_notes(ctx))
    return sorted(records, key=lambda r: r.block)


# ---- tables ---------------------------------------------------------------------------------


def _column_roles(table: Table, n_header: int) -> dict[str, int]:
    """role -> column, from the header words; the first column claiming a role keeps it."""
    grid = table.filled_grid()
    roles: dict[str, int] = {}
    for col in range(table.n_cols):
        words = "".join(dict.fromkeys(grid[r][col] for r in range(n_header)))
        for role, pattern in ag.COLUMN_ROLES:
            if pattern.search(words):
                roles.setdefault(role, col)
                break
    return roles


def _group(text: str) -> tuple[str | None, list[str]]:
    """A group cell's name and the units its brackets name as the group's lead."""
    text = text.strip()
    match = ag.GROUP_LEAD.match(text)
    if match and ag.is_unit_list(match["units"]):
        return match["name"].strip(), ag.split_units(match["units"])
    return text or None, []


def _is_chapter_row(table: Table, row: int) -> bool:
    cells = [c for c in table.cells if c.row == row]
    return len(cells) == 1 and cells[0].col_span == table.n_cols and table.n_cols > 1


def _from_table(table: Table, ctx: ExtractContext) -> list[ResponsibilityRecord]:
    n_header = header_rows(table)
    roles = _column_roles(table, n_header)
    if "task" not in roles:
        return []
    filled, printed = table.filled_grid(), table.as_grid()
    out: list[ResponsibilityRecord] = []
    chapter: str | None = None
    for r in range(n_header, table.n_rows):
        if _is_chapter_row(table, r):
            chapter = filled[r][0].strip() or chapter
            continue
        task = filled[r][roles["task"]].strip()
        if not task or printed[r][roles["task"]] is None:
            continue
        group, group_leads = _group(filled[r][roles["group"]]) if "group" in roles else (chapter, [])
        lead, support = _row_units(filled[r], roles)
        no = printed[r][roles["no"]] if "no" in roles else None
        out.append(
            ResponsibilityRecord(
                section=ctx.outline.section_at(table.index),
                table=table.index,
                table_title=table.caption,
                group_name=group,
                no=(no or "").strip() or None,
                task=task,
                lead_units=lead or group_leads,
                support_units=[u for u in support if u not in lead],
                block=table.index,
            )
        )
    return out


def _row_units(row: list[str], roles: dict[str, int]) -> tuple[list[str], list[str]]:
    lead = ag.split_units(row[roles["lead"]]) if "lead" in roles else []
    support = ag.split_units(row[roles["support"]]) if "support" in roles else []
    if "units" in roles:
        units = ag.split_units(row[roles["units"]])
        if not lead and units:
            lead, units = units[:1], units[1:]
        support = support + units
    return lead, support


# ---- inline notes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Note:
    lead: list[str]
    support: list[str]


def parse_note(body: str) -> _Note | None:
    """The units a note names, or None when the bracket is not a responsibility note."""
    body = body.strip()
    lead_match, support_match = ag.LABELLED_LEAD.search(body), ag.LABELLED_SUPPORT.search(body)
    if lead_match or support_match:
        lead = ag.split_units(lead_match["units"]) if lead_match else []
        support = ag.split_units(support_match["units"]) if support_match else []
        return _Note(lead, support) if lead or support else None
    labelled = ag.LABELLED_UNITS.search(body)
    if labelled:
        units = ag.split_units(re.split(r"完成时限", labelled["units"])[0])
        return _Note(units[:1], units[1:]) if units else None
    lead, support = [], []
    for clause in re.split(r"[，,；;。]", body):
        match = ag.CLAUSE_ROLE.match(clause.strip())
        if not match:
            continue
        units = ag.split_units(match["units"].removeprefix("由"))
        if not units or not all(ag.is_unit(u) for u in units):
            continue
        (lead if match["verb"] in ag.LEAD_VERBS else support).extend(units)
    return _Note(lead, support) if lead or support else None


@dataclass(frozen=True)
class _Heading:
    block: int
    level: int
    title: str


def _headings(ctx: ExtractContext, paragraphs: list[Paragraph]) -> dict[int, _Heading]:
    if ctx.outline.sections:
        return {s.block: _Heading(s.block, s.level, s.title) for s in ctx.outline.sections}
    found: dict[int, _Heading] = {}
    for p in paragraphs:
        for level, pattern in enumerate(FALLBACK_HEADINGS, start=1):
            match = pattern.match(p.text)
            if match:
                found[p.index] = _Heading(p.index, level, _first_sentence(p.text[match.end() :]))
                break
    return found


def _first_sentence(text: str) -> str:
    return ag.SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()


def _notes_in(p: Paragraph) -> list[tuple[int, int, _Note]]:
    """(start, end, note) of each note in the paragraph, in order."""
    if ag.NOTE_LINE.match(p.text):
        note = parse_note(p.text)
        return [(0, len(p.text), note)] if note else [(0, len(p.text), _Note([], []))]
    found = []
    for match in ag.NOTE_IN_PARENS.finditer(p.text):
        note = parse_note(match["body"])
        if note is not None:
            found.append((match.start(), match.end(), note))
    return found


def _from_notes(ctx: ExtractContext) -> list[ResponsibilityRecord]:
    paragraphs = ctx.doc.paragraphs()
    heads = _headings(ctx, paragraphs)
    notes = {p.index: _notes_in(p) for p in paragraphs}
    out: list[ResponsibilityRecord] = []
    for pos, p in enumerate(paragraphs):
        previous_end = 0
        for start, end, note in notes[p.index]:
            item = p.text[previous_end:start].strip(" 。；;，,")
            at_start = previous_end == 0
            previous_end = end
            if not (note.lead or note.support):
                continue  # a 完成时限 line: a deadline, not a unit
            if item:
                heading = heads.get(p.index) if at_start else None
                task = heading.title if heading else _first_sentence(item)
                first_block = p.index
            else:
                task, first_block, heading = _standalone_task(paragraphs, pos, notes, heads)
            if not task:
                continue
            out.append(
                ResponsibilityRecord(
                    section=ctx.outline.section_at(p.index),
                    group_name=_group_above(heads, first_block, heading),
                    task=task,
                    lead_units=note.lead,
                    support_units=[u for u in note.support if u not in note.lead],
                    block=p.index,
                )
            )
    return out


def _standalone_task(
    paragraphs: list[Paragraph],
    pos: int,
    notes: dict[int, list[tuple[int, int, _Note]]],
    heads: dict[int, _Heading],
) -> tuple[str, int, _Heading | None]:
    """Task of a note that is a paragraph of its own: walk back to the previous note."""
    item: list[Paragraph] = []
    j = pos - 1
    while j >= 0 and not notes[paragraphs[j].index]:
        item.insert(0, paragraphs[j])
        j -= 1
    following = next((q for q in paragraphs[pos + 1 :] if not notes[q.index]), None)
    next_head = heads.get(following.index) if following else None
    in_item = [heads[q.index] for q in item if q.index in heads]
    if next_head is not None:
        same_level = [h for h in in_item if h.level == next_head.level]
        if same_level:
            return same_level[-1].title, same_level[-1].block, same_level[-1]
    elif following is None and in_item:  # the last note of the document closes all above it
        return in_item[0].title, in_item[0].block, in_item[0]
    if in_item:
        last = in_item[-1]
        body = [q for q in item if q.index > last.block]
        if not body:
            return last.title, last.block, last
        item = body
    if not item:
        return "", paragraphs[pos].index, None
    return _first_sentence(item[0].text), item[0].index, None


def _group_above(heads: dict[int, _Heading], block: int, task_heading: _Heading | None) -> str | None:
    """The heading the task sits under: the nearest one above it (above its own heading)."""
    above = [h for b, h in sorted(heads.items()) if b < block or (task_heading is None and b == block)]
    if task_heading is not None:
        above = [h for h in above if h.level < task_heading.level]
    return above[-1].title if above else None
