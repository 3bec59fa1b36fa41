"""Units and measure words after a target's number, and their spelling normalization.

Units are normalized in spelling only (public-views.md): μg/m3, ug/m3 and μg/m³ are one unit, ％
is %, but 微克/立方米 stays as printed and 个百分点 stays distinct from %.
"""

from __future__ import annotations

import re

# Spelling variants -> the canonical spelling. Applied to a unit string as a whole.
UNIT_SPELLINGS: dict[str, str] = {
    "％": "%",
    "μg/m3": "μg/m³",
    "ug/m3": "μg/m³",
    "µg/m3": "μg/m³",  # micro sign U+00B5
    "µg/m³": "μg/m³",
    "ug/m³": "μg/m³",
    "mg/m3": "mg/m³",
    "m3": "m³",
    "m2": "m²",
    "‰": "‰",
}

# Units a target value may carry, longest first so 微克/立方米 wins over 米. A magnitude (万/亿)
# stays inside the unit (1.58 万立方米) so the value matches the printed number.
_MAGNITUDE = "(?:万|亿|千)?"
_BASE_UNITS = (
    "微克/立方米",
    "毫克/立方米",
    "μg/m3",
    "μg/m³",
    "µg/m3",
    "ug/m3",
    "mg/m3",
    "吨标准煤/万元",
    "吨标煤/万元",
    "吨/万元",
    "立方米/万元",
    "平方米/人",
    "千克/公顷",
    "千克/亩",
    "蒸吨/小时",
    # Rates and capacities are one unit, never cut at the slash: "51万立方米/日", "20万吨/年",
    # "500吨干物质/日", "2起/每万枚" (a rate per ten thousand radioactive sources).
    "吨干物质/日",
    "吨干物质/天",
    "立方米/秒",
    "立方米/天",
    "立方米每秒",
    "吨/年",
    "吨/小时",
    "起/每万枚",
    "起/万枚",
    "人次",
    "亩次",
    "吨/月·平方公里",  # dust fall: "平均降尘量不得高于6吨/月·平方公里" (郑州)
    "吨/平方公里·月",
    "吨/日",
    "吨/天",
    "立方米/日",
    "平方公里",
    "平方千米",
    "平方米",
    "m2",  # 人均公园绿地面积达到15m2: square metres typed without the superscript
    "m²",
    "立方米",
    "公里",
    "千米",
    "毫米",  # a thickness bound: "厚度低于0.025毫米的超薄塑料袋" (郑州) sizes what it bans
    "公顷",
    "千瓦时",
    "千瓦",
    "吨标准煤",
    "吨标煤",
    "人民币",
    "元",
    "吨",
    "亩",
    "%",
    "％",
    "‰",
)
# Measure words counting things: "4家企业15台锅炉" holds two targets, 家 and 台.
MEASURE_WORDS = (
    "家",
    "个",
    "台",
    "条",
    "座",
    "处",
    "套",
    "辆",
    "艘",
    "项",
    "批",
    "所",
    "只",
    "片",
    "块",
    "户",
    "名",
    "人",
    "次",
    "场",
    "根",
    "口",
    "棵",
    "株",
    "本",
    "部",
    "宗",
    "段",
    "眼",
    "支",
    "幢",
    "栋",
    "间",
    "张",
)
UNIT_PATTERN = (
    r"(?:个\s?百\s?分\s?点|"
    rf"{_MAGNITUDE}(?:"
    + "|".join(re.escape(u) for u in sorted(_BASE_UNITS, key=len, reverse=True))
    + ")|(?:万|亿)?(?:"
    + "|".join(MEASURE_WORDS)
    + "))"
)
# Units that only count things: a target with one of these needs an action verb (see comparators).
COUNT_UNITS = frozenset(MEASURE_WORDS)


def normalize_unit(unit: str | None) -> str | None:
    """The unit in its canonical spelling; None for an empty unit or a placeholder (-, /)."""
    if unit is None:
        return None
    unit = unit.strip().replace(" ", "")
    if unit in ("", "-", "—", "/", "／"):
        return None
    for variant, canonical in UNIT_SPELLINGS.items():
        if unit == variant or unit.endswith(variant):
            return unit[: len(unit) - len(variant)] + canonical
    return unit


def is_count_unit(unit: str | None) -> bool:
    """True for measure words (家, 万个): counts need an action verb to be a commitment."""
    return bool(unit) and unit.lstrip("万亿") in COUNT_UNITS
