"""Words in a table's header rows (or its caption) that say what kind of table it is.

Header words decide first, in the order below; the caption is asked only when no header word
matched, because captions are loose (a 责任分解表 caption sits above many kinds of layout).
Project tables come before responsibility tables because a project list may also name who
carries each project out (责任单位), while a task table never has a 项目名称 / 投资 column; a
lone 项目 column (003 附件3) is a group column, not a project name. Indicator tables come after
both because project tables name the indicators they serve (涉及考核指标).
"""

from __future__ import annotations

import re

# kind -> pattern over the header text, tried in order
HEADER_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 名词解释 appendices laid out as a table: 名词 / 术语 | 解释 / 含义
    ("glossary", re.compile(r"名词|术语|释义")),
    # key projects: 项目名称 / 工程名称 / 建设内容 with 投资 (002 部分重点工程清单, 003 附件1)
    ("project", re.compile(r"项目名称|工程名称|项目内容|投资(?:额|估算|规模|总额)?|建设规模")),
    # task -> unit tables: 责任单位 / 牵头单位 / 配合单位 columns (000, 003 附件2/3)
    (
        "responsibility",
        re.compile(r"责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门|责任主体|责任处室|协办单位"),
    ),
    # indicator tables: 指标名称 / 指标 with values by year, 指标属性 (002 表1/表2, 004 表1/表2)
    ("indicator", re.compile(r"指标")),
)

# kind -> pattern over the caption, asked when no header word matched
CAPTION_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("glossary", re.compile(r"名词解释|术语")),
    ("project", re.compile(r"重点(?:工程|项目)|工程清单|项目(?:清单|表)")),
    ("responsibility", re.compile(r"责任分解|任务分解|分工|任务清单")),
    ("indicator", re.compile(r"指标")),
)


def classify_header(header: str, caption: str = "") -> str:
    """The table's kind from its header text, else its caption; "other" when neither says."""
    for kind, pattern in HEADER_KIND_RULES:
        if pattern.search(header):
            return kind
    for kind, pattern in CAPTION_KIND_RULES:
        if pattern.search(caption):
            return kind
    return "other"


# Kinds of table whose cells are sentences (a task, a project's content, a duty): their cells are
# read by the prose target and deadline readers. Indicator tables are read by their columns
# (targets_table.py); glossary cells define terms, and "other" tables are mostly indicator-table
# pieces whose bare numbers mean nothing outside their columns.
PROSE_TABLE_KINDS = frozenset({"project", "responsibility"})

# Column roles (patterns/project_columns.py) whose cells hold no commitment text: row numbers,
# money, who does it, the completion time (read as the row's year instead) and the indicators a
# project serves.
NON_PROSE_COLUMN_ROLES = frozenset({"no", "investment", "implementer", "period", "indicators"})
