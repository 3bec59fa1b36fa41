"""Lists of indicators under one comparator: "化肥、农药利用率均达到43%以上" is two targets.

extraction-rules.md, Targets: one comparator over a list gives one target per member, each with
its own name. A member that lacks the measured noun borrows it from the last member (化肥 +
利用率), or borrows what follows a shared place word ("城市、农村生活垃圾分类覆盖面").
"""

from __future__ import annotations

import re

# Words saying one comparator covers every member ("均达到", "分别下降"); not 人均 / 年均 / 平均.
LIST_QUANTIFIER = re.compile(r"(?<![人年平日月户亩])均|分别|都")
# Separators between members. 以及 before 及 so it is read whole; not the 及 of 普及 / 涉及, the 和 of
# 碳中和 / 和谐, the 与 of 参与.
MEMBER_SEPARATOR = re.compile(r"、|以及|(?<![中温缓])和(?!谐)|(?<![普涉波危以])及(?![时早])|(?<![参给])与")
# The measured noun closing a member's name: a rate, an amount, a share. Longest first.
MEASURE_HEADS = (
    "排放总量",
    "排放强度",
    "排放量",
    "利用率",
    "普及率",
    "覆盖率",
    "覆盖面",
    "处理率",
    "处置率",
    "达标率",
    "合格率",
    "比例",
    "比重",
    "占比",
    "浓度",
    "强度",
    "总量",
    "面积",
    "运距",
    "长度",
    "指数",
    "天数",
    "能力",
    "率",
    "量",
    "度",
)
MEASURE_HEAD = re.compile("|".join(MEASURE_HEADS))
# Short words before a shared name: "城市、农村生活垃圾分类覆盖面" shares 生活垃圾分类覆盖面.
SHARED_NAME_QUALIFIERS = re.compile(r"^(?:城市|农村|城镇|县城|城区|乡镇|省级|市级|县级|工业|生活)")
