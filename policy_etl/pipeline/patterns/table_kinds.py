"""Words in a table's header (or its caption) that say what kind of table it is.

Checked in order; the first kind whose header words all match wins. Indicator tables come
before project tables because project tables also name the indicators they serve (涉及考核指标).
"""

from __future__ import annotations

import re

# kind -> (pattern over the header text, pattern over the caption), either may match
TABLE_KIND_RULES: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    # 名词解释 appendices laid out as a table
    ("glossary", re.compile(r"名词|术语"), re.compile(r"名词解释|术语")),
    # task -> unit tables: 责任单位 / 牵头单位 / 配合单位 columns
    ("responsibility", re.compile(r"责任单位|牵头单位|配合单位|责任部门|牵头部门|责任主体"), None),
    # key projects: 项目名称 / 工程名称 / 投资 columns
    (
        "project",
        re.compile(r"项目名称|工程名称|建设内容.*投资|投资.*(?:亿元|万元)"),
        re.compile(r"重点(?:工程|项目)|工程清单|项目清单"),
    ),
    # indicator tables: 指标 with values by year or 指标属性
    ("indicator", re.compile(r"指标"), re.compile(r"指标")),
)


def classify_header(header: str, caption: str = "") -> str:
    for kind, header_pattern, caption_pattern in TABLE_KIND_RULES:
        if header_pattern.search(header) or (caption_pattern is not None and caption_pattern.search(caption)):
            return kind
    return "other"
