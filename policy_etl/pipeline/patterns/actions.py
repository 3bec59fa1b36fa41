"""Action words around a quantity: what makes a number the size of a task, and how the task is named.

extraction-rules.md, Targets: quantities of actions are targets when the clause commits to them
("新建污水管网260公里", "建设水源涵养林50亩", "累计推进280家企业清洁生产改造"); the indicator names what
is done or built (新建污水管网, 水源涵养林建设, 清洁生产改造企业), never a bare verb or place. Status
wording (现有, 已建成, 共有) makes the same numbers facts.
"""

from __future__ import annotations

import re

# Verbs that only say a task gets done; the task is what follows them ("完成河湖库塘清淤" is 河湖库塘
# 清淤, "实施…减排项目10个" counts 减排项目). Dropped from the indicator.
COMPLETION_VERBS = r"(?:累计推进|全面完成|基本完成|完成|实施|推进|开展|启动|配合|组织|力争|累计)"
# Verbs that bring the counted thing into being: the thing is the indicator ("建成美丽河湖16条" counts
# 美丽河湖, "争创国家级园区2个" counts 国家级园区). Dropped.
CREATION_VERBS = r"(?:建成|创建|创成|争创|打造|培育|建立|设立|认定|命名)"
# "Newly" verbs are part of what is measured: "新建污水管网260公里" is 新建污水管网. Kept in front.
NEW_VERBS = r"(?:新改建|新建|新增|新开工|扩建)"
# Work done on something: the indicator is the object and the work ("建设水源涵养林50亩" is 水源涵养林
# 建设, "整治堤防护岸130公里" is 堤防护岸整治). Moved after the object. 建设用地 is a land category,
# not building work.
WORK_VERBS = (
    r"(?:建设(?!用地)|改造|整治|治理|修复|淘汰|关停|关闭|取缔|搬迁|清理|种植|植树|造林|铺设|提标|"
    r"改建|清淤|疏浚|恢复|补植|营造|配备|安装|推广|审核|削减|提升)"
)
# A verb inside a noun is no action: 建成区 (built-up area), 治理率 (a rate's name).
ACTION_VERB = re.compile(rf"(?:{COMPLETION_VERBS}|{CREATION_VERBS}|{NEW_VERBS}|{WORK_VERBS})(?![区率])")

# What a count measure word counts when the tail names a unit of actors doing a task: "280家企业清洁
# 生产改造" counts 清洁生产改造企业 (the enterprises that do it), "4家企业15台锅炉淘汰改造" counts 锅炉淘汰
# 改造企业.
COUNTED_ACTORS = re.compile(r"^(?:企业|工业企业|重点企业|园区|工业园区|单位|行政村|村庄|乡镇|学校|医院|社区)")
# Words closing a count's tail that add nothing to its name: 工作, 任务, 目标 ("…淘汰改造工作",
# "完成23公里绿道网建设目标").
TAIL_FILLER = re.compile(r"(?:工作|任务|目标|的|和|及|与|或|等)+$")

# A place alone is never what is measured: "主城都市区400万平方米" measures something the clause
# does not name. Only for measurement units; counts of places (3个工业园区) are things.
PLACE_ONLY = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,6}(?:都市区|城区|市区|主城区|新区|开发区|片区|全域|市域|县域|区域|流域)|"
    r"全[市区县省镇]|各[市区县镇])$"
)

# Wording that makes a number a fact of today, not a commitment: "全市现有污水处理厂12座", "已建成污水
# 管网300公里", "共有自然保护区5个", "截至2020年底". (累计完成 is a commitment in a goal section and a
# result in a review section: the section decides, plan_scope.py.)
# 已 before a participle names a kind of land (已垦草原, 已沉稳采煤塌陷地), not a status.
STATUS_BEFORE = re.compile(
    r"已(?!达到要求|垦|沉稳|污染)|现有|共有|现已|目前|截至|截止|建成了|完成了|实现了|达到了"
)

# An indicator that is only a verb says nothing about what is measured ("完成" = 100 万亩, "建设" =
# 2 台); works that are nouns themselves (造林, 植树, 清淤) do.
BARE_VERB = re.compile(
    rf"(?:{COMPLETION_VERBS}|{CREATION_VERBS}|{NEW_VERBS}|建设|改造|整治|治理|修复|提升|推广|审核|削减|安装|配备)+"
)
