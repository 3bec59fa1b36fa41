"""The front matter of a plan: the cover notice, 文号, signature, the plan's own title, its kind.

A plan is usually published inside a notice ("关于印发《X》的通知", signed and dated), followed by
the plan itself, which repeats X as its title. The body (and its sections) starts after that title.
"""

from __future__ import annotations

import re

# How far into a document the front matter may reach, in paragraphs.
FRONT_MAX_PARAGRAPHS = 40

# The cover notice: "…关于印发《X》的通知" (sometimes wrapped over two or three lines), or an organ
# that 印发 without 关于 ("甘肃省人民政府印发…的通知", the gazette's style).
NOTICE_START = re.compile(r"关于印发|(?:人民政府|政府|办公厅|办公室|委员会|党委|局|厅|部)印发")
NOTICE_END = re.compile(r"(?:的)?通知$")
# A web page's byline run into the notice title: "…的通知来源：国土空间生态修复处时间：2021-04-22
# 14:28:00" (辽宁, a page printed to PDF). It is not part of the notice.
WEB_BYLINE = re.compile(r"\s*来源\s*[:：].*$")
# The plan name inside the notice: quoted 《X》, else whatever sits between 印发 and 的通知.
NOTICE_QUOTED = re.compile(r"印发\s*[《«](?P<name>[^》»]+)[》»]")
NOTICE_BARE = re.compile(r"印发(?P<name>.+?)的?通知$")
# The notice's body names the plan in full, quoted, as it hands it out: "《白银市“十四五”生态环境
# 保护规划（2021-2025）》已经市政府第9次常务会议审议通过，现印发给你们" / "现将《X》印发给你们".
# Gazette PDFs print the quotes as « » (甘肃, 济南).
NOTICE_BODY = re.compile(r"印发(?:给)?你们|印发给|现予印发|现印发")
NOTICE_BODY_NAME = re.compile(r"[《«](?P<name>[^》»]{4,80})[》»]")
# What may stand between a notice's body and the plan: the signature, its date, a publication tag.
PUBLICATION_TAG = re.compile(r"^[（(]此件[^）)]{0,8}[）)]$")
# How many paragraphs the signature block under a notice's body may take, and how far into a
# document a notice's body may stand when its title is not printed (文号, addressee, body).
SIGNATURE_MAX_PARAGRAPHS = 6
NOTICE_BODY_REACH = 6
# The issuers named before 关于 in the notice title ("市发展改革委市生态环境局关于印发…").
NOTICE_ISSUER = re.compile(r"^(?P<issuer>.+?)(?:关于)?印发")

# 文号: 嘉港区工委办〔2017〕31号, 嘉政发〔2020〕15号; brackets vary between 〔〕, [] and （）, and a
# font may map 〔〕 to „‟ (白银: "市政办发„2022 ‟91号"), read as 〔〕.
DOC_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［（(【„]\s*(?:19|20)\d{2}\s*[〕\]］）)】‟]\s*\d{1,4}\s*号$"
)
DOC_NUMBER_BRACKETS = str.maketrans("„‟", "〔〕")


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
# A line of only digits (of either width), date words and separators: a signature date whose
# numbers the PDF scattered ("２０２１１０５", "年月日", "2021 9"). It is never part of a title.
DATE_LIKE_LINE = re.compile(r"^[\s0-9０-９〇零一二三四五六七八九十年月日.．/\-—－]+$")
# Digits glued to a title by line assembly ("２０２１６２甘肃省人民政府印发…"): a run of three or
# more digits at the start that is not the title's own year (2026年北京市政府工作报告), or at the end
# right after a character of the title.
GLUED_DIGITS_START = re.compile(r"^[\s0-9０-９]{3,}(?![\s0-9０-９]*[年度—\-－～~至])\s*")
GLUED_DIGITS_END = re.compile(r"(?<=[\u4e00-\u9fff”》])\s*[0-9０-９]{3,}\s*$")
# Dashes of a year range, which one printing of a name may set differently from another.
DASHES = re.compile(r"[—–－~～-]")
# An attachment label before a title ("附件1：", "附件"): not part of the title.
ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?\s*")
# Longest title line we accept.
TITLE_MAX_CHARS = 60
# When no title line exists (004), the plan names itself in its preface: "科学编制上虞区…规划".
# The name may be quoted: "…围绕…的目标定位，编制《盐城市“十四五”生态环境保护规划》" (盐城).
SELF_NAMED_QUOTED = re.compile(
    r"(?:编制|制定|印发)(?:本|了)?《(?P<name>[^《》]{4,40}?(?:规划|纲要|方案|计划))》"
)
SELF_NAMED = re.compile(r"(?:编制|制定|印发)(?:本|了)?(?P<name>[^，。、；《》：:]{4,40}?(?:规划|方案|计划))")

# Plan kind from the title (extraction-rules.md): 规划/纲要 are 规划; 行动方案, 行动计划 and 三年行动 are
# 行动方案; the rest (实施意见, 工作方案, 工作计划, 工作要点, 清单, 办法, reports) are 其他.
PLAN_KIND_BY_TITLE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"规划|纲要"), "规划"),
    (re.compile(r"行动方案|行动计划|三年行动"), "行动方案"),
)
# A programme with goals to reach (any 规划, 纲要, 方案 or 计划, including a 工作方案): when neither its
# title nor its text states a period, it runs from its issue year to its latest goal year (003, 无废城市).
PROGRAMME_TITLE = re.compile(r"规划|纲要|方案|计划")
