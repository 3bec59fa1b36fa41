"""How plans say who does what: responsibility columns, group leads and inline notes.

The unit names themselves, and how a list of them is split, live in `policy_etl/lexicon.py`
with the word list in `data/agencies.txt`: the flattened-table reader (`pipeline/flattened.py`)
needs them too. This module re-exports the splitter so extractors have one place to look.
"""

from __future__ import annotations

import re

from policy_etl.lexicon import is_unit, is_unit_list, split_units

__all__ = [
    "CLAUSE_ROLE",
    "COLUMN_ROLES",
    "GROUP_LEAD",
    "INLINE_LABELLED",
    "LABELLED_LEAD",
    "LABELLED_SUPPORT",
    "LABELLED_UNITS",
    "NOTE_IN_PARENS",
    "NOTE_LINE",
    "SENTENCE_END",
    "is_unit",
    "is_unit_list",
    "split_units",
]

# Header words of a responsibility table's columns, tried in this order for each column.
# Group and 责任单位 come before 牵头单位 because 000 names the lead inside both headers:
# "专项行动（牵头单位）" is a group column, "责任单位（排在第一位的为牵头单位）" a single unit
# column whose first unit leads.
COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("no", re.compile(r"^序号$|^编号$")),
    ("group", re.compile(r"专项行动|工作内容|^项目$|类别|领域|行动名称|工作类别")),
    ("units", re.compile(r"责任单位|责任部门|责任主体|实施单位|责任处室")),
    ("lead", re.compile(r"牵头单位|牵头部门|主办单位|主责单位")),
    ("support", re.compile(r"配合单位|配合部门|协办单位|参与单位|协同单位")),
    ("task", re.compile(r"任务|措施|内容|事项|工作")),
)

# A group cell naming its lead in brackets: 绿色经济培育行动（经发局）, 节能减排行动（经发局、环保局）.
GROUP_LEAD = re.compile(r"^(?P<name>.+?)\s*[（(](?P<units>[^（）()]+)[）)]\s*$")

# An inline note in brackets at the end of a task: （责任单位：…）, （…牵头，…参与）, （…负责）.
NOTE_IN_PARENS = re.compile(r"[（(](?P<body>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]")

# Labelled lists inside a note or on their own line: 责任单位：A，B / 牵头单位：A；配合单位：B、C.
LABELLED_UNITS = re.compile(r"(?:责任单位|责任部门|责任处室|责任主体|实施单位)\s*[：:]\s*(?P<units>.+)")
LABELLED_LEAD = re.compile(r"(?:牵头单位|牵头部门|牵头处室)\s*[：:]\s*(?P<units>[^；;]+)")
LABELLED_SUPPORT = re.compile(r"(?:配合单位|配合部门|协办单位|参与单位)\s*[：:]\s*(?P<units>[^；;]+)")
# The labels that make a note even before its units are read.
INLINE_LABELLED = re.compile(r"责任单位|责任部门|责任处室|责任主体|牵头单位|牵头部门|配合单位|实施单位")

# A clause of a verb-style note: "生态环境部牵头" / "国家发展改革委、…参与" / "试点城市政府负责落实".
# 牵头 / 负责 / 指导 / 主责 lead; 参与 / 配合 / 协助 / 协同 support.
CLAUSE_ROLE = re.compile(
    r"^(?P<units>.+?)(?:等部门|等单位|等)?(?:按职责)?(?:分工)?(?:分别)?"
    r"(?P<verb>牵头|负责|指导|主责|参与|配合|协助|协同)(?:落实|实施|推进|抓落实)?$"
)
LEAD_VERBS = frozenset({"牵头", "负责", "指导", "主责"})

# A line that is a note by itself (text dumps and PDFs of work plans): 责任处室：… / 完成时限：…
NOTE_LINE = re.compile(r"^\s*(?:责任处室|责任单位|牵头单位|责任部门)\s*[：:]|^\s*完成时限\s*[：:]")
# The end of a task's first sentence.
SENTENCE_END = re.compile(r"[。！？；;]")
