"""Document-level dates: the issue date under the signature, the plan period and its base year.

Deadlines inside the text are another module's business (``deadline_phrases.py``); these
patterns only read the front matter and the title.
"""

from __future__ import annotations

import re

_CN_NUM = "〇零一二三四五六七八九十"

# A paragraph that is only a date: the issue date printed under the issuers' signature.
# 2017年5月19日 (000), 20181031 (003, web page), 二〇二〇年四月三十日 (公文 style).
ISSUE_DATE_LINE: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$"),
    re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)$"),
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$"),
    re.compile(rf"^(?P<y>[{_CN_NUM}]{{4}})年(?P<m>[{_CN_NUM}]{{1,2}})月(?P<d>[{_CN_NUM}]{{1,3}})日$"),
)

# An explicit range of years: （2016-2020）, （2019～2025年）, 2021—2025年, 2021至2025年.
YEAR_RANGE = re.compile(r"(?P<start>(?:19|20)\d{2})\s*年?\s*[-－—–～~至到]\s*(?P<end>(?:19|20)\d{2})\s*年?")

# A one-year plan's year in its title: "辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单".
ANNUAL_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度")

# The stated planning period in the text ("规划期为2021-2025年", "规划期限：2021—2025年").
PERIOD_STATEMENT = re.compile(r"(?:规划|实施|行动)(?:期限?|时段|年限)(?:为|是|：|:)?\s*" + YEAR_RANGE.pattern)


# Goal years in the body ("到2022年,全面建成…"), used to derive a plan's end year when neither the
# title nor a period statement gives one (003). Vision years (展望2035年, 远景) are not the period.
GOAL_YEAR = re.compile(r"(?<!展望)(?:到|至)(?P<year>(?:19|20)\d{2})年")
# How far past its start a derived plan period may reach; a longer jump is a vision, not a goal.
MAX_DERIVED_SPAN = 10

# Base year of the plan's indicators: 基期为2020年, 基准年为2020年, 以2020年为基期.
BASE_YEAR: tuple[re.Pattern[str], ...] = (
    re.compile(r"基(?:期|准年)(?:年份)?(?:为|是|：|:)\s*(?P<year>(?:19|20)\d{2})\s*年?"),
    re.compile(r"以(?P<year>(?:19|20)\d{2})年为基(?:期|准年)"),
)
