"""What each column of a key-project table holds, read from its header text.

Project tables name their columns differently from plan to plan (项目名称 / 工程名称, 实施年限 /
建设年限 / 完成时间, 组织实施单位 / 责任单位), so the extractor reads rows by these roles rather
than by position. Checked in order, first match wins: 项目内容 must be tested before 项目名称's
bare 项目, and 涉及考核指标 before anything that says 项目.
"""

from __future__ import annotations

import re

PROJECT_COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("no", re.compile(r"^\s*(?:序\s*号|编\s*号|序列)\s*$")),
    ("indicators", re.compile(r"指标")),
    ("investment", re.compile(r"投资|资金|金额|估算")),
    ("implementer", re.compile(r"单位|主体|部门|责任")),
    ("period", re.compile(r"年限|期限|时间|时限|年度|周期|进度|起止")),
    ("content", re.compile(r"内容|规模|建设任务|主要任务")),
    ("name", re.compile(r"名\s*称|^\s*(?:项\s*目|工\s*程)\s*$")),
    ("category", re.compile(r"类\s*别|类\s*型|领\s*域|分\s*类|专项|板块")),
)

# Header rows are looked for among the first rows only: a title row or a two-row header
# (投资 over 总投资 / 其中中央资金) come before the first project.
HEADER_ROWS_SCANNED = 3

# A header needs at least this many recognised roles: a category row spanning the table
# ("推进产业高质量发展") never names two.
MIN_HEADER_ROLES = 2

# Captions of key-project tables, for tables whose kind was not decided as "project".
PROJECT_CAPTION = re.compile(r"重点(?:工程|项目)|工程清单|项目清单|项目表|工程表")

# Rows that close an official document after its last table: the distribution list.
DOCUMENT_TRAILER = re.compile(r"^\s*(?:抄送|印发|主送|抄报)\s*[:：]")

# A 序号 cell as printed: 1, 12, 一, （1）; anything else in that column is not a number.
ROW_NUMBER = re.compile(r"^\s*[（(]?\s*(?:\d{1,3}|[一二三四五六七八九十]+)\s*[)）.．、]?\s*$")


def column_role(header: str) -> str | None:
    """The role a column's header text names, or None for an unrecognised column."""
    for role, pattern in PROJECT_COLUMN_ROLES:
        if pattern.search(header):
            return role
    return None
