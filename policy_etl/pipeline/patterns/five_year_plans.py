"""China's five-year plans and their years: "十四五" means 2021–2025.

Plans name their period this way (“十四五”规划), indicator tables head their columns with it
("十三五"末, "十四五"末指标目标), and project tables print it as a period.
"""

from __future__ import annotations

import re

FIVE_YEAR_PLANS: dict[str, tuple[int, int]] = {
    "十一五": (2006, 2010),
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
    "十五五": (2026, 2030),
}
FIVE_YEAR_PLAN = re.compile("|".join(FIVE_YEAR_PLANS))
