"""Tables whose cells a web-to-text dump printed one per line, with no row markers at all.

Seed 003's attachments look like this: the header cells (序号 / 工作内容 / 工作任务 / 牵头单位 /
配合单位), then every body cell on its own line, a long label cell broken over several lines
(优化调整 / 能源结构), a merged cell printed once, and chapter rows (一、大力推进绿色发展, or an
unnumbered 打赢蓝天保卫战) between the rows. No TAB, no blank-line rhythm: rows have to be rebuilt
from what each line *is*:

- a number (1-3 digits) is a 序号 and starts a row; a year is a 完成时间 cell;
- a line of government units (lexicon.py) is a 牵头单位 cell, the unit lines after it are the
  配合单位 cell (seed 003 prints one row's supporting units one per line where the same row of
  another attachment has them in one 、 list: 附件3 row 43 vs 附件2 row 83);
- a sentence (ends with 。, holds a comma, or is long) is a task or content cell; a short line is
  a label: part of a group or name cell, or a chapter row between rows;
- a sentence after a complete row is a row without its own 序号 (003 附件2's row after 27,
  附件1's second content/year pair of rows 17 and 18): the cells it lacks are merged down.

The header line(s) say which columns exist and in which order, so the same reader handles the
three attachments. 序号 stays as printed (003 skips 65).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from policy_etl.lexicon import is_unit_list
from policy_etl.parsers.textjoin import join_lines
from policy_etl.schemas.document import Cell, Loc, Table

# What each header word says its column holds; checked in order, the first match wins.
HEADER_ROLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:序号|编号)$"), "no"),
    (re.compile(r"单位|部门|责任人"), "unit"),
    (re.compile(r"时间|时限|年份|年度|进度"), "year"),
    (re.compile(r"名称"), "name"),  # 项目名称: a name (label lines) and its content (sentences)
    (re.compile(r"^(?:工作内容|项目|类别|领域|专项行动|分类|重点领域)$"), "group"),
    (re.compile(r"任务|内容|措施|事项"), "text"),
)
HEADER_MAX_CHARS = 12
MIN_HEADER_CELLS = 3
# A label cell (group, name, category) is short; a longer line is running text.
LABEL_MAX_CHARS = 16
# Blank lines in a row that end the table (cells are one or two blank lines apart).
TABLE_END_GAP = 3

_NUMBER = re.compile(r"^\d{1,3}$")
_YEAR = re.compile(r"^(?:19|20)\d{2}年?(?:[-—–～~至](?:(?:19|20)\d{2}|\d{1,2})(?:年|月)?)?(?:年底|底|前)?$")
_CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")
_SENTENCE = re.compile(r"[。；;，,]")
# The next attachment starts: the table is over.
_STOP = re.compile(r"^附\s*件\s*\d*\s*[:：]?$|^附\s*件\s*\d+")

MERGE = object()  # a cell covered by the cell above it


@dataclass
class _Row:
    first: int  # index of its first line
    last: int = -1
    chapter: str | None = None
    pre: list[str] = field(default_factory=list)  # group cell printed before the 序号
    no: str | None = None
    mid: list[tuple[str, str]] = field(default_factory=list)  # (line class, text) after the 序号
    units: list[str] = field(default_factory=list)
    year: str | None = None
    continuation: bool = False

    @property
    def complete(self) -> bool:
        return bool(self.units or self.year is not None)


@dataclass(frozen=True)
class FlatTable:
    """A rebuilt table: its cells, and the lines it took (`end` is the first line after it)."""

    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    start: int
    last: int
    end: int

    def to_table(self, *, index: int, loc: Loc | None = None, caption: str | None = None) -> Table:
        return Table(
            index=index,
            n_rows=self.n_rows,
            n_cols=self.n_cols,
            cells=self.cells,
            caption=caption,
            loc=loc or Loc(),
        )


def header_role(text: str) -> str | None:
    text = text.strip()
    if not text or len(text) > HEADER_MAX_CHARS or _SENTENCE.search(text):
        return None
    return next((role for pattern, role in HEADER_ROLES if pattern.search(text)), None)


def line_class(text: str) -> str:
    """What a body line is: number, year, chapter, units, sentence or label."""
    text = text.strip()
    if _NUMBER.match(text):
        return "number"
    if _YEAR.match(text):
        return "year"
    if _CHAPTER.match(text):
        return "chapter"
    if is_unit_list(text):
        return "units"
    if _SENTENCE.search(text) or len(text) > LABEL_MAX_CHARS:
        return "sentence"
    return "label"


def _nonblank(texts: Sequence[str], start: int) -> list[tuple[int, int]]:
    """(line index, blank lines before it) of the non-blank lines from `start`."""
    found: list[tuple[int, int]] = []
    gap = 0
    for i in range(start, len(texts)):
        if texts[i].strip():
            found.append((i, gap))
            gap = 0
        else:
            gap += 1
    return found


def read_header(texts: Sequence[str], start: int) -> tuple[list[tuple[str, str]], int] | None:
    """The header cells starting at line `start` as (text, role), and the index after them."""
    header: list[tuple[str, str]] = []
    end = start
    for i, gap in _nonblank(texts, start):
        if header and gap >= TABLE_END_GAP:
            break
        role = header_role(texts[i])
        if role is None:
            break
        header.append((texts[i].strip(), role))
        end = i + 1
    roles = [role for _, role in header]
    if len(header) < MIN_HEADER_CELLS or "no" not in roles or not {"text", "name"} & set(roles):
        return None
    return header, end


def _read_rows(texts: Sequence[str], start: int, roles: list[str]) -> list[_Row]:
    """Rows in reading order; an incomplete row at the end is dropped (it is not table text)."""
    group_first = roles.index("no") > 0 and roles[0] == "group"
    rows: list[_Row] = []
    cur: _Row | None = None

    def close() -> None:
        nonlocal cur
        if cur is not None:
            rows.append(cur)
        cur = None

    for i, gap in _nonblank(texts, start):
        text = texts[i].strip()
        if ((rows or cur) and gap >= TABLE_END_GAP) or _STOP.match(text):
            break
        cls = line_class(text)
        if cls == "units" and "unit" not in roles:
            cls = "label"
        if cls == "year" and "year" not in roles:
            cls = "label"
        if cls == "chapter":
            close()
            rows.append(_Row(first=i, last=i, chapter=text))
            continue
        if cls == "number":
            if cur is not None and cur.no is None and cur.pre and not cur.mid and not cur.complete:
                cur.no, cur.last = text, i
            else:
                close()
                cur = _Row(first=i, last=i, no=text)
            continue
        if cls in ("units", "year"):
            if cur is None or (cls == "year" and cur.year is not None):
                break
            if cls == "units":
                cur.units.append(text)
            else:
                cur.year = text
            cur.last = i
            continue
        # a sentence or a label
        if cur is None or cur.complete:
            close()
            if cls == "sentence" and rows and not rows[-1].chapter:
                cur = _Row(first=i, last=i, mid=[(cls, text)], continuation=True)
            elif cls == "label" and group_first:
                cur = _Row(first=i, last=i, pre=[text])
            elif cls == "label":
                rows.append(_Row(first=i, last=i, chapter=text))
            else:
                break
            continue
        if cur.no is None and not cur.mid and cls == "label" and group_first:
            cur.pre.append(text)
        else:
            cur.mid.append((cls, text))
        cur.last = i
    close()
    while rows and (rows[-1].chapter or not rows[-1].complete):
        rows.pop()
    return rows


def _body_roles(roles: list[str]) -> list[str]:
    """The text columns printed between the 序号 and the units/year."""
    return [r for r in roles[roles.index("no") + 1 :] if r in ("group", "text", "name")]


def _split_mid(mid: list[tuple[str, str]], body_roles: list[str]) -> dict[str, list[str]]:
    """Share the lines between the 序号 and the units/year among the columns printed there."""
    lines = [text for _, text in mid]
    if body_roles == ["group", "text"]:
        # the task is the trailing run of sentences (or the last line); the group is before it
        k = len(mid)
        while k > 0 and mid[k - 1][0] == "sentence":
            k -= 1
        if k == len(mid):
            k = len(mid) - 1
        return {"group": lines[:k], "text": lines[k:]}
    if "name" in body_roles:
        k = 0
        while k < len(mid) and mid[k][0] == "label":
            k += 1
        return {"name": lines[:k], "content": lines[k:]}
    role = body_roles[-1] if body_roles else "text"
    return {role: lines}


@dataclass(frozen=True)
class _Column:
    role: str
    header: str
    header_span: int = 1  # the header cell of a name column also covers its content column


def _columns(header: list[tuple[str, str]], rows: list[_Row]) -> list[_Column]:
    body_roles = _body_roles([role for _, role in header])
    has_content = any(_split_mid(r.mid, body_roles).get("content") for r in rows if not r.chapter)
    columns: list[_Column] = []
    for text, role in header:
        if role == "name" and has_content:
            columns.append(_Column("name", text, 2))
            columns.append(_Column("content", ""))
        else:
            columns.append(_Column(role, text))
    return columns


def _row_values(row: _Row, columns: list[_Column], previous: _Row | None) -> list[object]:
    """Cell text per column; MERGE where the row shows nothing and the cell above goes on."""
    roles = [c.role for c in columns]
    no_at = roles.index("no")
    parts = _split_mid(row.mid, _body_roles(roles))
    carry = previous is not None and previous.chapter is None
    unit_cols = [i for i, r in enumerate(roles) if r == "unit"]
    values: list[object] = []
    for i, role in enumerate(roles):
        if role == "no":
            value: object = row.no or (MERGE if row.continuation and carry else "")
        elif role == "group" and i < no_at:
            value = join_lines(row.pre) or (MERGE if carry else "")
        elif role == "group":
            value = join_lines(parts.get("group", [])) or (MERGE if carry else "")
        elif role == "name":
            value = join_lines(parts.get("name", [])) or (MERGE if row.continuation and carry else "")
        elif role in ("content", "text"):
            value = join_lines(parts.get(role, []))
        elif role == "unit":
            if len(unit_cols) == 1:
                value = "\n".join(row.units)
            elif i == unit_cols[0]:
                value = row.units[0] if row.units else ""
            elif i == unit_cols[-1]:
                value = "\n".join(row.units[1:])
            else:
                value = ""
        elif role == "year":
            value = row.year or ""
        else:
            value = ""
        values.append(value)
    return values


def _cells(columns: list[_Column], rows: list[_Row]) -> list[Cell]:
    n_cols = len(columns)
    cells: dict[tuple[int, int], Cell] = {}
    owner: dict[tuple[int, int], tuple[int, int]] = {}  # grid slot -> origin of its cell
    for col, column in enumerate(columns):
        if column.role != "content":  # the name column's header cell covers it
            cells[(0, col)] = Cell(row=0, col=col, col_span=column.header_span, text=column.header)
    previous: _Row | None = None
    for r, row in enumerate(rows, start=1):
        if row.chapter is not None:
            cells[(r, 0)] = Cell(row=r, col=0, col_span=n_cols, text=row.chapter)
            previous = row
            continue
        for c, value in enumerate(_row_values(row, columns, previous)):
            above = owner.get((r - 1, c))
            if value is MERGE and above is not None:
                origin = cells[above]
                cells[above] = origin.model_copy(update={"row_span": r - origin.row + 1})
                owner[(r, c)] = above
                continue
            cells[(r, c)] = Cell(row=r, col=c, text=value if isinstance(value, str) else "")
            owner[(r, c)] = (r, c)
        previous = row
    return sorted(cells.values(), key=lambda cell: (cell.row, cell.col))


def read_flattened(texts: Sequence[str], start: int) -> FlatTable | None:
    """The one-cell-per-line table whose header starts at line `start`, if there is one."""
    if header_role(texts[start]) is None:
        return None
    found = read_header(texts, start)
    if found is None:
        return None
    header, body_start = found
    rows = _read_rows(texts, body_start, [role for _, role in header])
    if not any(row.chapter is None for row in rows):
        return None
    columns = _columns(header, rows)
    cells = _cells(columns, rows)
    return FlatTable(
        n_rows=len(rows) + 1,
        n_cols=len(columns),
        cells=tuple(cells),
        start=start,
        last=rows[-1].last,
        end=rows[-1].last + 1,
    )
