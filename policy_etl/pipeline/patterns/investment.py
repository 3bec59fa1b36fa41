"""Investment amounts and implementation periods as key-project tables print them.

Project tables give money as "52.38" under a 投资额度（亿元） header, as "150以上", as "5000万元"
in the cell itself, or as "-" when no figure is known; periods as "2019-2025", "已开工-2020",
"2019- 2020", "2021～2023年" or a single year. Researchers compare projects across plans, so the
amount is read into one unit (亿元) and the period into start/end years, while the printed
text stays on the record.
"""

from __future__ import annotations

import re

from policy_etl.pipeline.patterns.five_year_plans import FIVE_YEAR_PLANS
from policy_etl.schemas.records import FIRST_YEAR, LAST_YEAR

# Money units, as printed in a cell or a column header, and what one of them is in 亿元.
# 亿元 is the unit of the plans' own totals ("计划总投资2782亿元"), so it is the common unit.
INVESTMENT_UNITS_IN_YI: dict[str, float] = {
    "万亿元": 10000.0,
    "亿元": 1.0,
    "亿": 1.0,
    "千万元": 0.1,
    "百万元": 0.01,
    "万元": 0.0001,
    "万": 0.0001,
    "元": 0.00000001,
}

# Longest unit first so 万亿元 is not read as 万 and 亿元 not as 亿 + 元.
_UNIT_ALTERNATION = "|".join(sorted(map(re.escape, INVESTMENT_UNITS_IN_YI), key=len, reverse=True))

# A number, optionally followed by its unit: "150以上", "约2.5亿元", "5,000万元". Thousands
# separators appear in tables exported from spreadsheets.
_AMOUNT = re.compile(rf"(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*({_UNIT_ALTERNATION})?")

# A unit named in a header's parentheses: 投资额度（亿元）, 总投资(万元).
_HEADER_UNIT = re.compile(rf"[（(]\s*({_UNIT_ALTERNATION})\s*[)）]|({_UNIT_ALTERNATION})")

# Years a plan can talk about; anything else in a period cell is not a year.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")

# Words that say the project started before the plan without giving the start year:
# "已开工-2020" has an end year only.
PERIOD_OPEN_START = re.compile(r"^\s*(?:已开工|已启动|在建|续建|持续推进|持续)")


# Column headers whose single year is a completion date, not a one-year period:
# a single 完成时间 2020 is the end year only.
COMPLETION_HEADER = re.compile(r"完成|竣工|建成|截止|时限")


def unit_from_header(header: str) -> str | None:
    """The money unit a column header names (投资额度（亿元） → 亿元), if any."""
    match = _HEADER_UNIT.search(header)
    if match is None:
        return None
    return match.group(1) or match.group(2)


def investment_in_yi(text: str | None, header_unit: str | None = None) -> float | None:
    """The amount of an investment cell in 亿元, or None when no number with a known unit is printed.

    The cell's own unit wins over the header's; a bare number without either is unreadable,
    since 万元 and 亿元 tables look the same. "150以上" reads as 150 (the floor the plan commits to).
    """
    if not text:
        return None
    match = _AMOUNT.search(text)
    if match is None:
        return None
    unit = match.group(2) or header_unit
    if unit is None:
        return None
    value = float(match.group(1).replace(",", "")) * INVESTMENT_UNITS_IN_YI[unit]
    return round(value, 6)


def period_years(text: str | None, completion_only: bool = False) -> tuple[int | None, int | None]:
    """Start and end years of a printed period.

    "2019-2025" → (2019, 2025); "已开工-2020" → (None, 2020); "2019" → (2019, 2019), or
    (None, 2019) under a completion header (`completion_only`); "十四五" → (2021, 2025).
    """
    if not text:
        return None, None
    years = [int(y) for y in _YEAR.findall(text) if FIRST_YEAR <= int(y) <= LAST_YEAR]
    if not years:
        for name, span in FIVE_YEAR_PLANS.items():
            if name in text:
                return span
        return None, None
    end = years[-1]
    if PERIOD_OPEN_START.match(text):
        return None, end
    if len(years) == 1:
        return (None, end) if completion_only else (end, end)
    return years[0], end
