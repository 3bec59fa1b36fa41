"""Dated commitment phrases (到2020年, 2017年底前, 2021年7月1日起, 展望二〇三五年) and what is not one.

A small table-driven grammar instead of a date library: plan dates are absolute years, and
JioNLP-style parsers need a reference time and change their answers with it (libraries.md §1).
"""

from __future__ import annotations

import re

# Years as printed: 2020, or digit by digit in Chinese (二〇三五). Spaces appear in PDF dumps
# ("至 2020 年").
YEAR = r"(?:(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})"
_SMALL_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"

# Words before the year that make it a deadline. 截至 / 截止 date a status ("截至2018年底共有"),
# so they are not here.
LEADS = r"(?:力争到|力争在|力争于|力争|展望到|展望|到|至|在|于|自|从)"
# The part of the year: 上半年 means by the end of June; 年底 / 底 / 末 leave the month open.
PARTS = r"(?:上半年|下半年|年底|年末|年内|底|末)"
TAILS = r"(?:之前|以前|前|起|开始|以后|为止)"

DEADLINE_PATTERN = re.compile(
    rf"(?P<lead>{LEADS})?\s*"
    rf"(?P<year>{YEAR})\s*年"
    rf"(?:\s*(?P<month>{_SMALL_NUMBER})\s*月份?)?"
    rf"(?:\s*(?P<day>{_SMALL_NUMBER})\s*日)?"
    rf"(?P<part>{PARTS})?"
    rf"(?P<tail>{TAILS})?"
)

# Text just before the year that makes it a baseline or a range end: 较2020年, 与2015年相比,
# 2016-2020年, 2016年至2020年.
BASELINE_BEFORE = re.compile(
    rf"(?:较|比|与|同|相对于|对比|相较|以|{YEAR}\s*年\s*|\d\s*[-－—–～~至到]\s*)\s*$"
)
# Text just after the phrase that makes it a baseline, a past period or a name: 2018年以来,
# 2015年相比, 2022年杭州亚运会, 2016-2020年, 2018年度.
NOT_DEADLINE_AFTER = re.compile(r"^\s*(?:以来|相比|比|度|[-－—–～~]|至\s*\d|的|水平|基础上|同期)")
# Words after a bare year that mean a past fact or status: "2018年嘉兴市共产生…".
PAST_MARKERS = re.compile(r"已|共产生|累计|共有|共计|同比|全年|实现了|完成了")

# (five-year plans: patterns/five_year_plans.py)

# A plan's period as printed in its title or first lines: （2016-2020）, （2019～2025年）.
PLAN_PERIOD_PATTERN = re.compile(rf"({YEAR})\s*年?\s*[-－—–～~至]\s*({YEAR})\s*年?")

# Phrases that say a number is recurring, with no year: "每年…审核100家以上", "年均下降4%". 年均
# before a noun names an indicator, not a rate: "PM2.5年均浓度降至40微克/立方米" (郑州) is for 2025.
RECURRING = re.compile(r"每年|年均(?!浓度|值|降尘)|逐年|每季度|每月|每半年")
