"""The front matter of a plan: the cover notice, 文号, signature, the plan's own title, its kind.

A plan is usually published inside a notice ("关于印发《X》的通知", signed and dated), followed by
the plan itself, which repeats X as its title. The body (and its sections) starts after that title.
"""

from __future__ import annotations

import re

# How far into a document the front matter may reach, in paragraphs.
FRONT_MAX_PARAGRAPHS = 40

# The cover notice: "…关于印发《X》的通知" (sometimes wrapped over two or three lines).
NOTICE_START = re.compile(r"关于印发")
NOTICE_END = re.compile(r"(?:的)?通知$")
# A web page's byline run into the notice title: "…的通知来源：国土空间生态修复处时间：2021-04-22
# 14:28:00" (辽宁, a page printed to PDF). It is not part of the notice.
WEB_BYLINE = re.compile(r"\s*来源\s*[:：].*$")
# The plan name inside the notice: quoted 《X》, else whatever sits between 印发 and 的通知.
NOTICE_QUOTED = re.compile(r"印发\s*《(?P<name>[^》]+)》")
NOTICE_BARE = re.compile(r"印发(?P<name>.+?)的?通知$")
# The issuers named before 关于 in the notice title ("市发展改革委市生态环境局关于印发…").
NOTICE_ISSUER = re.compile(r"^(?P<issuer>.+?)关于印发")

# 文号: 嘉港区工委办〔2017〕31号, 嘉政发〔2020〕15号; brackets vary between 〔〕, [] and （）.
DOC_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［（(【]\s*(?:19|20)\d{2}\s*[〕\]］）)】]\s*\d{1,4}\s*号$"
)

# A line of the signature block: a short organ name without punctuation.
ISSUER_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()]{3,40}"
    r"(?:人民政府|政府|办公室|办公厅|委员会|管委会|工委|党委|市委|区委|县委|局|厅|委|部|署|院|中心|办)$"
)

# What a plan's title ends with (optionally followed by its period in brackets).
TITLE_END = re.compile(
    r"(?:规划|方案|计划|纲要|报告|意见|办法|规定|通知|清单|措施)(?:（[^）]*）|\([^)]*\))*$"
)
# The issue date printed in brackets after a title: "…的实施意见（2022年3月24日）" (北京). It dates
# the document; the title is what stands before it.
TITLE_DATE_SUFFIX = re.compile(
    r"\s*[（(]\s*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[）)]\s*$"
)
# A line that only holds a period or a (修编) tag and continues the title above it: （2019～2025年）.
TITLE_CONTINUATION = re.compile(r"^[（(][^）)]{2,20}[）)]$")
# Longest title line we accept.
TITLE_MAX_CHARS = 60
# When no title line exists (004), the plan names itself in its preface: "科学编制上虞区…规划".
SELF_NAMED = re.compile(r"(?:编制|制定|印发)(?:本|了)?(?P<name>[^，。、；《》：:]{4,40}?(?:规划|方案|计划))")

# Plan kind from the title: a 规划 or a 方案/计划; reports, opinions and the rest are 其他.
PLAN_KIND_BY_TITLE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"规划|纲要"), "规划"),
    (re.compile(r"方案|计划"), "行动方案"),
)
