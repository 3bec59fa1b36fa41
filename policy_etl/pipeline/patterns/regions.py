"""Place names: the area a plan governs, read from its title, its issuers or its opening lines.

A place name is a short run of characters ending in an administrative suffix. Characters that
belong to organ names (委, 局, 办, 府…) cannot be part of it, so "中共嘉兴市委嘉兴港区开发建设
工作委员会办公室" yields 嘉兴市 and 嘉兴港区, not 委嘉兴港区.
"""

from __future__ import annotations

import re

# Administrative suffixes, with their depth: a district is inside a city inside a province. This is
# the one table of region suffixes; PLACE is built from it. 兵团 is the provincial-level 新疆生产建设
# 兵团; 新区 a state-level new area (南京江北新区, 浦东新区), not a zone inside a city (see ZONE_ENDINGS).
SUFFIX_DEPTH: dict[str, int] = {
    "自治区": 1,
    "省": 1,
    "兵团": 1,
    "自治州": 2,
    "地区": 2,
    "市": 2,
    "盟": 2,
    "州": 2,
    "新区": 3,
    "县": 3,
    "区": 3,
    "旗": 3,
}

# 州 alone is how an autonomous prefecture prints its short name (海西州, 甘南州), but it also ends
# the first half of a city's name (郑州市, 兰州新区): it is only tried where no other suffix ends a
# place at the same start, and never right before another suffix.
SHORT_SUFFIXES = frozenset({"州"})

# Characters of organ names that never occur inside the place names we read.
_NOT_IN_PLACE = "委局办会府厅部共党政司处署院镇街"
_NAME_CHAR = rf"(?:(?![{_NOT_IN_PLACE}])[\u4e00-\u9fff])"
_FULL_SUFFIXES = "|".join(sorted((s for s in SUFFIX_DEPTH if s not in SHORT_SUFFIXES), key=len, reverse=True))
_SHORT_SUFFIXES = "|".join(sorted(SHORT_SUFFIXES))
_NEXT_SUFFIX = "|".join(sorted(SUFFIX_DEPTH, key=len, reverse=True))
PLACE = re.compile(
    rf"(?:{_NAME_CHAR}{{1,6}}?(?:{_FULL_SUFFIXES}))"
    rf"|(?:{_NAME_CHAR}{{1,4}}?(?:{_SHORT_SUFFIXES})(?!{_NEXT_SUFFIX}))"
)

# A place name at the very start of a title, after an optional year ("2026年北京市政府工作报告")
# or the party prefix of a joint issuer ("中共北京市委北京市人民政府关于…的实施意见").
TITLE_PLACE = re.compile(rf"^(?:(?:19|20)\d{{2}}年)?(?:中共)?(?P<place>{PLACE.pattern})")

# "规划范围为嘉兴市全域", "本规划范围为上虞区": the plan states the area it covers.
SCOPE_STATEMENT = re.compile(rf"(?:规划|实施)范围(?:为|是|：|:)(?P<place>{PLACE.pattern})")

# The opening lines name the governed area by one of its organs, right after the place: the byline
# of a work report ("——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上"), its
# speaker ("呼伦贝尔市海拉尔区人民政府代区长"), a letterhead ("甘肃省人民政府办公厅文件").
OPENING_PARAGRAPHS = 6
QUOTED_NAME = re.compile(r"《[^》]*》")
ORGAN_AFTER_PLACE = re.compile(
    r"(?:第[一二三四五六七八九十]+届)?(?:人民代表大会|人民政府|人大常委会|政府|党委|委员会)"
)

# Words that end like a place but are not the governed area: zones inside it (开发区, 高新区)…
ZONE_ENDINGS = ("开发区", "示范区", "高新区", "园区", "社区", "景区", "保护区", "功能区")
# …and generic words that are not names at all ("城区", "全市").
# An addressee or a letterhead names the kind of division, not one division ("各市、自治州人民政府").
GENERIC_PLACES = frozenset(
    {"城区", "市区", "地区", "全区", "全市", "全县", "全州", "全省", "本市", "本区", "本州", "我市", "我区"}
    | {"我州", "自治区", "自治州", "各市", "各县", "各区", "各州", "各省"}
)

# Provincial-level divisions, by the short name a title may print instead (新疆生态环境保护“十四五”
# 规划). The region is the full name when the document prints it somewhere, else the name as printed.
PROVINCES: dict[str, str] = {
    "北京": "北京市",
    "天津": "天津市",
    "上海": "上海市",
    "重庆": "重庆市",
    "河北": "河北省",
    "山西": "山西省",
    "辽宁": "辽宁省",
    "吉林": "吉林省",
    "黑龙江": "黑龙江省",
    "江苏": "江苏省",
    "浙江": "浙江省",
    "安徽": "安徽省",
    "福建": "福建省",
    "江西": "江西省",
    "山东": "山东省",
    "河南": "河南省",
    "湖北": "湖北省",
    "湖南": "湖南省",
    "广东": "广东省",
    "海南": "海南省",
    "四川": "四川省",
    "贵州": "贵州省",
    "云南": "云南省",
    "陕西": "陕西省",
    "甘肃": "甘肃省",
    "青海": "青海省",
    "台湾": "台湾省",
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
}
TITLE_PROVINCE = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?P<short>" + "|".join(sorted(PROVINCES, key=len, reverse=True)) + ")"
)

# National documents govern the whole country: issued by the Party centre, the State Council or a
# ministry/commission/administration of the central government (生态环境部, 国家发展改革委).
NATIONAL_REGION = "全国"
_NATIONAL_ORGAN = (
    r"(?:中共中央|国务院|全国人民代表大会(?:常务委员会)?|全国人大常委会"
    r"|国家(?:(?![省市县区州盟旗])[\u4e00-\u9fff]){1,12}?(?:委员会|委|局|署)"
    r"|(?:生态环境|自然资源|住房和城乡建设|交通运输|水利|农业农村|工业和信息化|财政|商务|科学技术"
    r"|教育|公安|民政|司法|人力资源和社会保障|文化和旅游|应急管理|外交|国防|退役军人事务)部)"
)
# An issuer made only of national organs ("中共中央、国务院", "国务院办公厅", "生态环境部"); a local
# branch named after one ("国家税务总局XX市税务局") is not national.
NATIONAL_ISSUER = re.compile(rf"^(?:(?:中华人民共和国)?{_NATIONAL_ORGAN}(?:办公厅|办公室)?[、，,\s]*)+$")


def is_region_name(place: str) -> bool:
    return place not in GENERIC_PLACES and not place.endswith(ZONE_ENDINGS)


def depth(place: str) -> int:
    return next(d for s, d in sorted(SUFFIX_DEPTH.items(), key=lambda i: -len(i[0])) if place.endswith(s))
