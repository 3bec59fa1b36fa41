"""Targets stated in prose: "PM2.5平均浓度控制在38微克/立方米以下，AQI优良天数比例达到81%以上".

A number is a target when a commitment verb stands right before it (达到, 控制在, 不低于…), or a
qualifier right after it ends the clause (…以上。), or it counts things (4家企业) after an action
verb (完成, 新建…). Numbers inside names and document numbers (“811”, 〔2017〕31号, GB13223-2011),
dates, sizes and thresholds ("35蒸吨/小时以下燃煤锅炉", "日处理20吨") are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policy_etl.pipeline.deadlines import find_deadlines, inside_brackets
from policy_etl.pipeline.patterns.comparators import (
    COUNT_ACTION_VERBS,
    DEFINITION_PREFIXES,
    PREFIX_PATTERN,
    SCOPE_PREFIXES,
    SCOPE_SUFFIXES,
    prefix_comparator,
    suffix_comparator,
)
from policy_etl.pipeline.patterns.deadline_phrases import RECURRING, YEAR
from policy_etl.pipeline.patterns.indicators import indicator_key
from policy_etl.pipeline.patterns.numbers import CHINESE_DIGIT_CODE, NUMBER, fold_digits, parse_number
from policy_etl.pipeline.patterns.units import UNIT_PATTERN, is_count_unit, normalize_unit

# A number with its unit ("38微克/立方米", "81%", "4家", "1.58万立方米"), percent words (百分之九十五)
# read before the number.
QUANTITY = re.compile(
    rf"(?P<pct>百分之)?(?P<num>{NUMBER})(?:\s*[-－~～—至到]\s*(?P<upper>{NUMBER}))?"
    rf"\s*(?P<unit>{UNIT_PATTERN}|倍)?"
)
# Clause separators: a clause holds one subject and its numbers. ASCII commas separate clauses in
# PDF dumps ("到2020年,全区…") but not inside a number (1,000).
CLAUSE_SEPARATORS = re.compile(r"[，；;。：:！？\n]|,(?!\d{3})|——")
# The verb right before the number, with the adverbs allowed between ("均达到", "分别达").
# A share of a whole may sit between them: "生态控制区面积力争达到市域面积的75%" (北京).
VERB_BEFORE = re.compile(rf"(?P<verb>{PREFIX_PATTERN})(?:了|或以上)?(?:[\u4e00-\u9fff]{{2,8}}的)?\s*$")
# Numbers chained after a target: "分别达100%、80%以上", "3-5条".
CHAIN_BEFORE = re.compile(r"^\s*(?:[、和及或至到\-－~～—]|以及)?\s*$")
# Characters that glue a number to a code or a name: PM2.5, O3, GB13223-2011, 5G, No.1.
CODE_NEIGHBOUR_BEFORE = re.compile(r"[A-Za-z0-9.\-/_第]$")
# A fraction "超过1/3" or a ratio "不低于1︰8" (天津, 郑州) is not read as the number 1.
CODE_NEIGHBOUR_AFTER = re.compile(r"^(?:[A-Za-z0-9_]|[-－]\d|\.\d|[/:：︰∶]\d)")
# Words after a number that make it a date, an ordinal or a name rather than a quantity.
NOT_QUANTITY_AFTER = re.compile(r"^\s*(?:年|月|日|号|时|周年|届|期|级|类|星|大|项目|版|代)")
# Text right after a target that makes its number a threshold of what follows (…的加油站).
SCOPE_AFTER = re.compile(r"^\s*(?:的(?!目标)|[\u4e00-\u9fff])")
# Action verbs dropped from a count's subject ("完成4家企业"), except where a verb is part of a
# noun: 建成区, 治理率 ("区县（市）城市建成区道路机械化清扫率", "历史遗留矿山地质环境治理率", 郑州).
ACTION_VERB_IN_SUBJECT = re.compile(rf"(?:{COUNT_ACTION_VERBS.pattern})(?![区率])")
# A rate named by its verb only ("利用率"), whose object is the clause before: "加强畜禽养殖粪污
# 资源化利用，利用率达到90%以上" (天津). The object starts after the clause's action verb.
BARE_RATE = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2})率")
RATE_SUBJECT_LEAD = re.compile(r"推进|推动|加强|强化|开展|实施|提高|提升|加快|深化|做好|完善|积极|全面")
BARE_RATE_MAX_SUBJECT = 20
# Units of a share: their subject is a ratio's name, which keeps its action words ("新建建筑比重",
# "治理行政村覆盖率"); only an action that opens it is dropped ("建立环境应急物资储备体系比例"),
# except 新增/新建, which say what is measured ("新增城市公交使用新能源…的比例").
SHARE_UNITS = frozenset({"%", "‰"})
LEADING_ACTION_OF_SHARE = re.compile(rf"^(?!新增|新建)(?:{COUNT_ACTION_VERBS.pattern})")
# Words trimmed from the start of an indicator: places, time and connective words.
INDICATOR_LEAD_NOISE = re.compile(
    rf"^(?:\s|——|—|[、，,）)及]|[(（][^)）]*[)）]|(?:到|至|力争|确保|其中|同时|并|且|使|努力|实现|基本|全面|"
    rf"进一步|累计|近|"
    rf"{YEAR}\s*年(?:底|末)?(?:前)?)|(?:全区|全市|全县|全镇|全省|市区|城区|辖区|区域内|以上|每年))+"
)
# A baseline phrase inside an indicator's wording is not part of its name: "排放较2020年下降".
BASELINE_PHRASE = re.compile(rf"(?:较|比)\s*{YEAR}\s*年")
# "森林覆盖率达到并稳定在62%以上" (福建): the first of two chained verbs is not the name.
INDICATOR_TAIL_NOISE = re.compile(
    r"(?:年均|原则上|达到并|分别|均|全部|基本|总体|稳定|持续|进一步|力争|确保|要|将|的)+$"
)
# Baselines stated in the clause: "较2015年下降", "比2020年提高", "与2015年相比".
BASELINE_YEAR = re.compile(rf"(?:较|比|与|相比)\s*(?P<year>{YEAR})\s*年")


@dataclass(frozen=True)
class TextTarget:
    """One target found in a text, before section and year are resolved."""

    indicator: str
    comparator: str
    value: float
    unit: str | None
    quote: str
    start: int  # where the number starts, for year lookup
    baseline_year: int | None


def clause_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for sep in CLAUSE_SEPARATORS.finditer(text):
        yield start, sep.start()
        start = sep.end()
    yield start, len(text)


def _clean_indicator(text: str) -> str:
    text = INDICATOR_LEAD_NOISE.sub("", BASELINE_PHRASE.sub("", text.strip()))
    return INDICATOR_TAIL_NOISE.sub("", text).strip(" ，,、")


def _complete_bare_rate(text: str, clause_start: int, indicator: str) -> tuple[str, int] | None:
    """ "推进主要农作物秸秆综合利用，利用率达到98%以上" (天津): a bare 利用率 is the rate of what the
    clause before names; the indicator becomes 主要农作物秸秆综合利用率, quoted from its start."""
    found = BARE_RATE.fullmatch(indicator)
    if found is None:
        return None
    before = text[:clause_start].rstrip("，,")
    if not before.endswith(found["stem"]):
        return None
    previous = re.split(r"[，,；;。：:！？\n]", before)[-1]
    lead = list(RATE_SUBJECT_LEAD.finditer(previous))
    subject = previous[lead[-1].end() :] if lead else ""
    if len(subject) <= len(found["stem"]) or len(subject) > BARE_RATE_MAX_SUBJECT:
        return None
    return subject + "率", len(before) - len(subject)


def _is_code(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start("num")]
    after = text[match.end("upper" if match.group("upper") else "num") :]
    if CODE_NEIGHBOUR_BEFORE.search(before) or inside_brackets(text, match.start()):
        return True
    return not match.group("unit") and bool(CODE_NEIGHBOUR_AFTER.match(after))


def _chinese_article(match: re.Match[str]) -> bool:
    """一个 / 一批 / 两个: Chinese numerals count only with a real unit, and 一 is an article."""
    num = match.group("num")
    if re.fullmatch(r"[\d.]+", num):
        return False
    if CHINESE_DIGIT_CODE.match(num):
        return True
    if match.group("pct"):
        return False
    return not match.group("unit") or num in ("一", "两") or match.group("unit") in ("批", "次")


@dataclass
class _Clause:
    text: str  # the whole paragraph (folded digits)
    start: int
    end: int
    cursor: int  # where the subject of the next target starts
    verb: str | None = None  # the last verb seen, for chained numbers


def _quantity_to_target(clause: _Clause, match: re.Match[str]) -> TextTarget | None:
    text = clause.text
    if _is_code(text, match) or _chinese_article(match):
        return None
    after_num = text[match.end("num") : clause.end]
    if not match.group("unit") and NOT_QUANTITY_AFTER.match(after_num):
        return None
    value = parse_number(match.group("num"))
    if value is None or (not match.group("unit") and re.fullmatch(r"(?:19|20)\d\d", match.group("num"))):
        return None  # a year ("规划期为2021-2025"), not a quantity
    before = text[clause.cursor : match.start()]
    verb_match = VERB_BEFORE.search(before)
    chained = clause.verb is not None and CHAIN_BEFORE.match(before)
    rest = text[match.end() : clause.end]
    qualifier = suffix_comparator(rest)
    end = match.end() + (len(qualifier[0]) if qualifier else 0)
    unit = normalize_unit("%" if match.group("pct") else match.group("unit"))
    subject_end = clause.cursor + verb_match.start() if verb_match else match.start()
    if SCOPE_PREFIXES.search(text[clause.start : match.start()]) or SCOPE_SUFFIXES.match(
        text[end : clause.end]
    ):
        return None
    if verb_match is None and not chained and DEFINITION_PREFIXES.search(text[clause.start : match.start()]):
        return None
    if verb_match is None and not chained:
        clause_ends = end >= clause.end or not SCOPE_AFTER.match(text[end : clause.end])
        if qualifier and not clause_ends:
            return None  # "淘汰35蒸吨/小时以下燃煤锅炉": the qualifier bounds what follows
        counts = unit and COUNT_ACTION_VERBS.search(text[clause.start : match.start()])
        if not ((qualifier and unit) or counts):
            return None
    elif (
        SCOPE_AFTER.match(text[end : clause.end])
        and not re.match(r"^\s*[A-Za-z]", text[end:])
        and (text[end : end + 1] == "的" or (verb_match and verb_match.group("verb") in ("大于", "超过")))
    ):
        return None  # "达到100吨的企业", "大于5000吨的加油站": the number sizes what follows
    if unit is None and verb_match is None and not chained:
        return None
    verb = verb_match.group("verb") if verb_match else clause.verb
    comparator = qualifier[1] if qualifier else (prefix_comparator(verb) if verb else "=")
    if match.group("upper"):
        comparator = ">="  # a range "3-5条" commits to at least its lower bound
    subject = text[clause.cursor : subject_end]
    # "完成4家企业": the action is not the indicator; in a rate or share it is ("新建建筑比重", 郑州).
    if unit in SHARE_UNITS:
        action_free = LEADING_ACTION_OF_SHARE.sub("", subject.strip())
    else:
        action_free = ACTION_VERB_IN_SUBJECT.sub("", subject)
    indicator = _clean_indicator(action_free) or _clean_indicator(subject)
    quote_start = clause.cursor + len(subject) - len(subject.lstrip()) if indicator else match.start()
    tail = re.match(r"[^，,；;。、\d（(]{1,12}", text[end : clause.end])
    if is_count_unit(unit) and tail:
        indicator = tail.group(0)  # "4家企业": what is counted follows the measure word
        quote_start, end = match.start(), end + len(tail.group(0))
    if chained and verb_match is None and (not indicator or CHAIN_BEFORE.match(indicator)):
        # "分别达100%、80%以上": the second number shares the first one's subject
        subject = re.split(PREFIX_PATTERN, text[clause.start : clause.cursor])[0]
        indicator = _clean_indicator(subject)
        quote_start = clause.start
    if not indicator or not re.search(r"[\u4e00-\u9fffA-Za-z]", indicator):
        return None
    if not (is_count_unit(unit) and tail) and indicator in text[quote_start:end]:
        quote_start = text.find(indicator, quote_start, end)
    completed = _complete_bare_rate(text, clause.start, indicator)
    if completed is not None:
        indicator, quote_start = completed
    baseline = BASELINE_YEAR.search(text[clause.start : match.start()])
    clause.verb = verb
    return TextTarget(
        indicator=indicator,
        comparator=comparator,
        value=value,
        unit=unit,
        quote=text[quote_start:end].strip(),
        start=match.start(),
        baseline_year=int(fold_digits(baseline.group("year"))) if baseline else None,
    )


def find_targets(text: str) -> list[TextTarget]:
    """Every target of one paragraph, in order; each number of a clause is its own target."""
    text = fold_digits(text)
    found: list[TextTarget] = []
    for start, end in clause_spans(text):
        clause = _Clause(text, start, end, cursor=start)
        for match in QUANTITY.finditer(text, start, end):
            target = _quantity_to_target(clause, match)
            if target is None:
                continue
            found.append(target)
            qualifier = suffix_comparator(text[match.end() : end])
            clause.cursor = match.end() + (len(qualifier[0]) if qualifier else 0)
    return found


def year_of(text: str, target: TextTarget) -> int | None:
    """The year of the nearest deadline phrase before the number in the same paragraph."""
    years = [d.year for d in find_deadlines(fold_digits(text)) if d.start < target.start]
    return years[-1] if years else None


def is_recurring(text: str, target: TextTarget) -> bool:
    """每年…审核100家以上: a commitment repeated each year has no year."""
    clause_start = max((s for s, _ in clause_spans(text) if s <= target.start), default=0)
    return bool(RECURRING.search(text[clause_start : target.start]))


def key_of(indicator: str) -> str | None:
    return indicator_key(indicator)
