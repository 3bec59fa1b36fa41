"""Place names: the area a plan governs, read from its title or its issuers.

A place name is a short run of characters ending in an administrative suffix. Characters that
belong to organ names (委, 局, 办, 府…) cannot be part of it, so "中共嘉兴市委嘉兴港区开发建设
工作委员会办公室" yields 嘉兴市 and 嘉兴港区, not 委嘉兴港区.
"""

from __future__ import annotations

import re

# Administrative suffixes, with their depth: a district is inside a city inside a province.
SUFFIX_DEPTH: dict[str, int] = {
    "自治区": 1,
    "省": 1,
    "自治州": 2,
    "地区": 2,
    "市": 2,
    "盟": 2,
    "县": 3,
    "区": 3,
    "旗": 3,
}

# Characters of organ names that never occur inside the place names we read.
_NOT_IN_PLACE = "委局办会府厅部共党政司处署院镇街"
_SUFFIXES = "|".join(sorted(SUFFIX_DEPTH, key=len, reverse=True))
PLACE = re.compile(rf"(?:(?![{_NOT_IN_PLACE}])[\u4e00-\u9fff]){{1,6}}?(?:{_SUFFIXES})")

# A place name at the very start of a title, after an optional year ("2026年北京市政府工作报告")
# or the party prefix of a joint issuer ("中共北京市委北京市人民政府关于…的实施意见").
TITLE_PLACE = re.compile(rf"^(?:(?:19|20)\d{{2}}年)?(?:中共)?(?P<place>{PLACE.pattern})")

# "规划范围为嘉兴市全域", "本规划范围为上虞区": the plan states the area it covers.
SCOPE_STATEMENT = re.compile(rf"(?:规划|实施)范围(?:为|是|：|:)(?P<place>{PLACE.pattern})")

# Words that end like a place but are not the governed area: zones inside it (开发区, 示范区)…
ZONE_ENDINGS = ("开发区", "示范区", "新区", "园区", "社区", "景区", "保护区", "功能区")
# …and generic words that are not names at all ("城区", "全市").
GENERIC_PLACES = frozenset({"城区", "市区", "地区", "全区", "全市", "全县", "本市", "本区", "我市", "我区"})


def is_region_name(place: str) -> bool:
    return place not in GENERIC_PLACES and not place.endswith(ZONE_ENDINGS)


def depth(place: str) -> int:
    return next(d for s, d in sorted(SUFFIX_DEPTH.items(), key=lambda i: -len(i[0])) if place.endswith(s))
