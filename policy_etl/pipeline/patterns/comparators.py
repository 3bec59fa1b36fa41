"""Commitment verbs and qualifiers around a target's number, and the comparator each one sets.

extraction-rules.md, Targets: 以上 / 不低于 / 至少 → >=; 以下 / 以内 / 不高于 / 不超过 → <=;
超过 / 大于 → >; 低于 → <; 达到 / 提高到 / 下降至 / 稳定在 / 保持 / 左右 / 约 / plain numbers → =.
A qualifier after the number wins over the verb before it ("控制在38微克/立方米以下" is <=).
"""

from __future__ import annotations

import re

# Qualifiers printed after the number and unit. Checked first: they are the most specific.
SUFFIX_COMPARATORS: tuple[tuple[str, str], ...] = (
    ("及以上", ">="),
    ("以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
    ("以内", "<="),
    ("之内", "<="),
    ("左右", "="),
)

# Verbs and adverbs printed just before the number: they make a number a commitment and, where
# no qualifier follows, set the comparator. Longest first, so 不低于 is not read as 低于.
PREFIX_COMPARATORS: tuple[tuple[str, str], ...] = (
    # 不得 negates like 不: "各建成区平均降尘量不得高于6吨" (郑州) is <= 6, not > 6.
    ("不得低于", ">="),
    ("不得少于", ">="),
    ("不得高于", "<="),
    ("不得超过", "<="),
    ("不得大于", "<="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不大于", "<="),
    ("不多于", "<="),
    ("控制在", "="),
    ("稳定在", "="),
    ("保持在", "="),
    ("维持在", "="),
    ("提高到", "="),
    ("提高至", "="),
    ("提升到", "="),
    ("提升至", "="),
    ("增加到", "="),
    ("增加至", "="),
    ("增长到", "="),
    ("下降到", "="),
    ("下降至", "="),
    ("降低到", "="),
    ("降低至", "="),
    ("减少到", "="),
    ("减少至", "="),
    ("降到", "="),
    ("降至", "="),
    ("达到", "="),
    ("达", "="),
    ("为", "="),
    ("超过", ">"),
    ("大于", ">"),
    ("高于", ">"),
    ("低于", "<"),
    ("小于", "<"),
    ("保持", "="),
    ("下降", "="),
    ("降低", "="),
    ("削减", "="),
    ("减少", "="),
    ("提高", "="),
    ("提升", "="),
    ("增长", "="),
    ("新增", "="),
    ("约", "="),
)
PREFIX_PATTERN = "|".join(re.escape(p) for p, _ in PREFIX_COMPARATORS)

# Action verbs that make a count (4家企业, 20公里) a commitment when no comparator verb is present:
# "完成4家企业15台锅炉改造", "新建污水管网20公里".
COUNT_ACTION_VERBS = re.compile(
    r"(?:完成|新建|建成|建设|改造|淘汰|整治|创建|实施|新增|培育|打造|关停|治理|削减|审核|推广|"
    r"创成|建立|开展|清理|关闭|取缔|搬迁|修复|治理|种植|植树|造林|改建|提标|新改建|配备|安装|"
    r"争创|推进|铺设|提升|恢复|清淤|补植|营造|扩建)"
)

# Words before a number that make it a size or threshold, not a commitment: "日处理20吨",
# "装机90万千瓦", "年销售汽油量大于5000吨的加油站", "35蒸吨/小时以下燃煤锅炉", and the size of a
# project's site or building ("总建筑面积约26.3万平方米", "占地面积约235亩", "全长37.5公里").
# A capacity a plan adds is a target, not a size: "提升污水处理能力51万立方米/日" (处理能力 is
# not here; "日处理能力在30吨以上的设施" is a threshold by its 以上的).
SCOPE_PREFIXES = re.compile(
    r"(?:日处理|规模|装机|容量|功率|年产|年销售|销售量|汽油量|排水量|吨位|"
    r"总投资|投资|投入|总长|全长|占地|日均|设计|(?<!绿色)建筑面积|用地面积|总面积|规划面积|"
    r"新征用地|征用|库容|年发电量)[^，,；;。]{0,6}$"
)


# Words right after a number's unit that make it the size of an area around something, not a
# commitment: "30万千瓦及以上热电联产电厂30公里范围内全部燃煤锅炉" (天津).
SCOPE_SUFFIXES = re.compile(r"^\s*(?:范围|半径|以内的|内的)")

# Words before a number that make it a count inside a definition, not a commitment: "指标包括环境
# 质量、绿色发展…等5类23项" (天津). Only without a commitment verb before the number.
DEFINITION_PREFIXES = re.compile(r"包括|包含|分为|涵盖")


def prefix_comparator(verb: str) -> str:
    """The comparator a verb before the number sets."""
    return dict(PREFIX_COMPARATORS)[verb]


def suffix_comparator(text_after: str) -> tuple[str, str] | None:
    """(qualifier, comparator) when the text after the number starts with a qualifier."""
    for word, comparator in SUFFIX_COMPARATORS:
        if text_after.startswith(word):
            return word, comparator
    return None


# Symbols in table cells: "≥95" → >=, "<27.0" → <. ABBYY and WPS print the slanted forms ≧ ≦ ⩾ ⩽
# (商洛 "≦30.71", 陇南 "≧30") and the small forms ﹥ ﹤ (湖南 "﹥59"); all read alike.
CELL_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("≥", ">="),
    ("≧", ">="),
    ("⩾", ">="),
    (">=", ">="),
    ("＞＝", ">="),
    ("≤", "<="),
    ("≦", "<="),
    ("⩽", "<="),
    ("<=", "<="),
    ("＜＝", "<="),
    ("＞", ">"),
    ("﹥", ">"),
    (">", ">"),
    ("＜", "<"),
    ("﹤", "<"),
    ("<", "<"),
    ("不低于", ">="),
    ("不高于", "<="),
    ("大于等于", ">="),
    ("小于等于", "<="),
)
