"""Words of an indicator table (主要指标 / 规划指标体系) that say what each column and cell holds.

An indicator table names its columns in one to six header rows; a merged parent header spans its
children ("规划目标" over "2025年目标值" / "五年累计", "现状值" over "2020年"), so a column's header
is read down the header rows. The reader (targets_table.py) decides each column's role from these
words: the indicator's name, its category, unit, binding (指标属性), the status (baseline) column
and the planning-year columns whose numeric cells are the targets.
"""

from __future__ import annotations

import re

# --- header rows ------------------------------------------------------------------------------
# A row opens the header when a cell names the indicator column.
HEADER_START = re.compile(r"指标|名称|项目")
# Cells of a further header row: short column names, not body text (约束性 or a number is body).
HEADER_CELL = re.compile(
    r"指标|名称|序号|编号|类别|领域|分类|类型|单位|属性|性质|现状|基准|基期|基数|目标|规划|累计|预期|"
    r"年|值|末|项目|情况|备注|说明|任务|方面"
)
HEADER_CELL_MAX_CHARS = 16
# At most this many rows name the columns (德州's ABBYY table spreads its header over six).
MAX_HEADER_ROWS = 6

# --- column roles, by header words --------------------------------------------------------------
SERIAL_HEADER = re.compile(r"^(?:序号|编号)$")
# Remarks and who is responsible: never a value column, whatever year they name (备注：2021年起).
NOTE_HEADER = re.compile(r"备注|说明|责任单位|牵头单位|责任部门")
# 类别 / 领域 / 分类 / 类型 / 一级指标: the group a row belongs to, not its indicator.
CATEGORY_HEADER = re.compile(r"类别|领域|分类|类型|任务|方面|一级指标")
# The indicator's name: 指标 / 指标名称 / 指标项 / 规划指标 / 项目 / 二级指标 / 指标体系.
NAME_HEADER = re.compile(r"指标$|名称|指标项|^项目$|具体指标|指标体系")
UNIT_HEADER = re.compile(r"^单位$|计量单位")
# 指标属性 / 属性 / 指标性质. A column headed 类型 / 指标类别 is a binding column only when its cells
# hold binding words (南平 类型, 宁夏 指标类别), which the reader checks first.
BINDING_HEADER = re.compile(r"属性|性质")
# Status (baseline) columns: 现状值, 基准值, 2020年现状值, “十三五”末, 2020年完成情况 (福建 海洋).
STATUS_HEADER = re.compile(r"现状|基准|基期|现值|基数|基础|实际|末指标情况|完成情况|完成值")
# Planning-year columns: 2025年目标值, 规划目标, “十四五”目标, 目标值, 预期.
TARGET_HEADER = re.compile(r"规划|目标|预期|指标值")
# Five-year cumulative columns (五年累计, 累计): a target of the plan's end year.
CUMULATIVE_HEADER = re.compile(r"累计")
# A header that is only a year or a five-year plan's end: "2025年", "年２０２５" (gazette PDFs print
# the 年 first), "“十四五”末", "十三五末".
BARE_YEAR_HEADER = re.compile(r"^年?(?:19|20)\d{2}年?$|^[“”\"']*十[一二三四五]五[“”\"']*末?$")
# 指标值 / 标准值 without a year is the assessment standard (≥20), not this plan's commitment.
STANDARD_HEADER = re.compile(r"^指标值$|标准值|考核要求")
# Tables (caption or header) that report a finished plan: no targets (004 表1).
PAST_TABLE = re.compile(r"完成情况|回顾|评估|完成值")

# --- cells ---------------------------------------------------------------------------------------
# Binding words as printed, full or abbreviated, with or without 指标 (约束性指标, 约束).
BINDING_WORDS: dict[str, str] = {
    "约束性": "约束性",
    "约束": "约束性",
    "预期性": "预期性",
    "预期": "预期性",
    "参考性": "参考性",
    "参考": "参考性",
    "导向性": "导向性",
    "导向": "导向性",
}
# Words of the binding class the schema does not list (湘潭's 指导性): a binding column's cell,
# read as no binding rather than as a mis-split row.
OTHER_BINDING_WORDS = frozenset({"指导性", "指导"})

# Footnote marks printed after a name or value: *, ∗ (U+2217), △, ▲, ※, ①–⑳, ❶–❿, and a trailing
# "注1". They point at the table's notes and are neither name nor number.
FOOTNOTE_MARKS = re.compile(r"[*∗＊△▲※#＃\u2460-\u2473\u2776-\u277f]+|注\d+$")
# A note reference printed after a value: 淮南 "10809[1]", 白银 "[2669.9]1)".
VALUE_NOTE_REFERENCE = re.compile(r"(?<=\d)[\[［]\d{1,2}[\]］]$|(?<=[\]］])\d{1,2}[)）]$")
# A footnote number printed right after the name's closing parenthesis: 宁夏 "PM2.5年均浓度
# （微克/立方米）1".
TRAILING_NOTE_NUMBER = re.compile(r"(?<=[）)])\d{1,2}$")
# Numbering printed before a name: （1）, (12), 1. / 1、, ①, 一、, （一）.
NAME_NUMBERING = re.compile(
    r"^\s*(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]|\d{1,2}\s*[.、．](?!\d)|"
    r"[一二三四五六七八九十]{1,3}、|[\u2460-\u2473])\s*"
)
# A breakdown printed after a cell's total (南充 "2350，其中机动车2025年目标为1800"): the total is
# the row's value, the part after 其中 a share of it.
VALUE_BREAKDOWN = re.compile(r"[,，;；、]\s*其中.*$")
# "其中：" opening a sub-indicator's name (福建 表1: 其中：红树林营造修复面积) is not part of it.
SUB_INDICATOR_LEAD = re.compile(r"^其中[:：]?")
# A binding printed inside the name (广元: 市城区空气质量重污染天数比率（约束性）).
NAME_BINDING_NOTE = re.compile(r"[（(](?:约束性|预期性)(?:指标)?[）)]")

# Brackets that print a five-year cumulative value: [18], ［16］, 〔18〕, 【18】.
CUMULATIVE_OPEN = "[［〔【"
CUMULATIVE_CLOSE = "]］〕】"

# --- sub-indicator names ------------------------------------------------------------------------
# Words that make a name a measured quantity (…率, …比例, …浓度, …减排量) rather than a scope
# (陆域, 县城) or a substance (氮氧化物).
# 质量 (环境质量, 生态系统质量) names a topic, not a quantity.
MEASURE_WORDS = re.compile(
    r"率|比例|比率|比重|占比|浓度|(?<!质)量|指数|面积|天数|个数|数量|强度|降低|下降|减少|削减|增长|提高|"
    r"长度|密度|度|覆盖|保有"
)
# Substances a parent row measures for each child, or a child for its parent: 化学需氧量 |
# 重点工程减排量（吨） (白银), 重点工程减排量（万吨） | 氮氧化物 (天津).
SUBSTANCES = re.compile(
    r"^(?:化学需氧量|氨氮|氮氧化物|挥发性有机物|挥发性有机污染物|二氧化硫|总氮|总磷|烟粉尘|颗粒物|"
    r"VOCs|SO2|NOx|COD)$",
    re.IGNORECASE,
)
