"""Targets stated in prose and in task-table cells, read around quantities.

Every number with its unit in a clause is a candidate (`_candidate`): codes and names (“811”,
GB13223-2011, PM2.5), Chinese-numeral structure counts (三个方面), dates and years are not
quantities at all. The clause then decides: a scope, definition or status (`_states_a_fact`:
"日处理20吨", "包括…5类23项", "已建成…") or a bound or size of what follows (`_sizes_what_follows`:
"35蒸吨/小时以下燃煤锅炉", "20万吨/年新材料项目") is no commitment; a commitment verb (达到, 控制在,
不低于…), a qualifier closing a measure (…以上。) or an action verb over a measure (新建污水管网
260公里) is (`_commits`). The indicator names what is measured or done, as a whole phrase
(`_named_target`, `action_name`); lists under one comparator give one target per member
(`_split_lists`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from policy_etl.pipeline.deadlines import find_deadlines, inside_brackets
from policy_etl.pipeline.patterns.actions import (
    ACTION_VERB,
    BARE_VERB,
    COMPLETION_VERBS,
    COUNTED_ACTORS,
    CREATION_VERBS,
    NEW_VERBS,
    PLACE_ONLY,
    STATUS_BEFORE,
    TAIL_FILLER,
)
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
from policy_etl.pipeline.patterns.lists import (
    LIST_QUANTIFIER,
    MEASURE_HEAD,
    MEASURE_HEADS,
    MEMBER_SEPARATOR,
    SHARED_NAME_QUALIFIERS,
)
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
# A rate named by its verb only ("利用率"), whose object is the clause before: "加强畜禽养殖粪污
# 资源化利用，利用率达到90%以上" (天津). The object starts after the clause's action verb.
BARE_RATE = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2})率")
RATE_SUBJECT_LEAD = re.compile(r"推进|推动|加强|强化|开展|实施|提高|提升|加快|深化|做好|完善|积极|全面")
BARE_RATE_MAX_SUBJECT = 20
# Units of a share: their subject is a ratio's name, which keeps its action words ("新建建筑比重",
# "治理行政村覆盖率"); only an action that opens it is dropped ("建立环境应急物资储备体系比例"),
# except 新增/新建, which say what is measured ("新增城市公交使用新能源…的比例").
SHARE_UNITS = frozenset({"%", "‰"})
# Verbs before a size word that make the size a capacity added: "新增污泥处理规模140吨干物质/日".
ADDED_CAPACITY = re.compile(r"(?:新增|新建|扩建|提升|增加)[^，,；;。]{0,8}$")
# Words a committed measure may run into before its clause ends: "新建管网20公里等", "…100万亩任务".
SIZE_OK_AFTER = re.compile(r"^\s*(?:等|任务|目标|工作|左右|[A-Za-z(（“])")
# Verbs that only state a value (约 / 为): they make a measured quantity a target, not a bare number
# or a sum of money.
WEAK_VERBS = frozenset({"约", "为"})
MONEY_UNIT = re.compile(r"元$")
# A share may follow a time or place ("“十四五”期间25%以上的矿山…", "全市约80%的村庄…"), never a
# measured subject of its own.
SHARE_LEAD_MAX = 8
# The noun after a leading share must do something the plan asks: 采用, 达到, 实现, 完成…
PREFIX_OR_ACTION = re.compile(rf"采用|使用|达到|实现|满足|符合|纳入|{COUNT_ACTION_VERBS.pattern}")
LEADING_ACTION_OF_SHARE = re.compile(rf"^(?!新增|新建)(?:{COUNT_ACTION_VERBS.pattern})")
# Words trimmed from the start of an indicator: places, time and connective words.
INDICATOR_LEAD_NOISE = re.compile(
    rf"^(?:\s|——|—|[、，,）)及]|[(（][^)）]*[)）]|(?:到|至|力争|确保|其中|同时|并|且|使|努力|实现|基本|全面|"
    rf"进一步|累计|近|“?十[一二三四五]五”?(?:期间|时期|末)?|"
    rf"{YEAR}\s*年(?:底|末)?(?:前)?)|(?:全区|全市|全县|全镇|全省|市区|城区|辖区|区域内|以上|每年))+"
)
# A baseline phrase inside an indicator's wording is not part of its name: "排放较2020年下降".
BASELINE_PHRASE = re.compile(rf"(?:较|比)\s*(?:{YEAR}\s*年|“?十[一二三四五]五”?末|上年)")
# "森林覆盖率达到并稳定在62%以上" (福建): the first of two chained verbs is not the name.
INDICATOR_TAIL_NOISE = re.compile(
    r"(?:年均|原则上|达到并|分别|均|各|全部|基本|总体|稳定|持续|进一步|力争|确保|要|将|的|和|及|与)+$"
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
    unit = match.group("unit")
    # Counts in Chinese numerals structure the text ("从三个方面构筑", "三条控制线", "五项主要任务");
    # plans print the counts they commit to in digits.
    return not unit or num in ("一", "两") or unit in ("批", "次") or is_count_unit(unit)


ONLY_WORKS = re.compile(rf"(?:{ACTION_VERB.pattern})+")


def action_name(subject: str) -> str:
    """What a quantity of action measures, named by the work and its object.

    "新建污水管网" stays (a "new" verb is part of the measure); "建设水源涵养林" becomes 水源涵养林建设
    (the work after its object); "完成河湖库塘清淤" and "建成美丽河湖" drop the verb that only says it
    gets done or made; words before the first action verb name the actor ("配合市级部门新建…").
    A subject without an action verb, or whose verb ends it ("河道综合整治"), is kept whole.
    """
    subject = _clean_indicator(subject)
    found = ACTION_VERB.search(subject)
    if found is None:
        return subject
    verb, rest = found.group(0), _clean_indicator(subject[found.end() :])
    says_done = bool(re.fullmatch(COMPLETION_VERBS, verb) or re.fullmatch(CREATION_VERBS, verb))
    one_noun = not says_done and (len(rest) == 1 or ONLY_WORKS.fullmatch(rest))
    if not rest or MEASURE_HEAD.match(rest) or one_noun:
        # "河道综合整治", "生态修复": the work is the name (a bare verb is caught later); in
        # "有机肥推广量", "种养推广面积" the verb is inside the measured noun; "营造林", "植树造林":
        # a work with a one-character object, or two works, are one noun.
        return subject
    if MEASURE_HEAD.search(rest[-2:]) and not re.fullmatch(NEW_VERBS, verb):
        # "整治修复亲海岸线长度", "恢复滨海湿地面积": the object is itself a measure and names it
        return _clean_indicator(ACTION_VERB.sub("", rest, count=1) if ACTION_VERB.match(rest) else rest)
    if says_done:
        inner = ACTION_VERB.match(rest)
        return action_name(rest) if inner else rest
    if re.fullmatch(NEW_VERBS, verb):
        return verb + rest
    chain = ACTION_VERB.match(rest)
    while chain and len(rest) > chain.end():  # "改造提升市级园区" is 市级园区改造提升
        verb, rest = verb + chain.group(0), rest[chain.end() :]
        chain = ACTION_VERB.match(rest)
    return rest + verb


def _count_tail(text: str, end: int, clause_end: int) -> tuple[str, int] | None:
    """What a measure word counts and where its name ends: "4个清新空气负氧离子监测站点建设".

    Up to 20 characters, stopping at a list or a number. The thing counted after a modifier
    ending in 的 is the thing itself ("1个符合要求的医疗废物集中处置中心" counts 医疗废物集中处置中心);
    actors doing a task are named by it ("280家企业清洁生产改造" counts 清洁生产改造企业, "4家企业15台
    锅炉淘汰改造" 锅炉淘汰改造企业).
    """
    found = re.match(r"(?![及和与])[^，,；;。、\d（(]{1,20}", text[end:clause_end])
    if found is None:
        return None
    tail_end = end + len(found.group(0))
    name = TAIL_FILLER.sub("", found.group(0).strip())
    if "的" in name and len(name.rsplit("的", 1)[1]) >= 2:
        modifier, thing = name.rsplit("的", 1)
        # "50条黑臭水体的治理": when a work follows 的, what is counted is before it
        name = modifier + thing if ACTION_VERB.match(thing) else thing
    actor = COUNTED_ACTORS.match(name)
    if actor and ACTION_VERB.search(name[actor.end() :] or "改造"):
        task = name[actor.end() :]
        if not task:  # "4家企业15台锅炉淘汰改造": the task is the next count's
            chained = NEXT_COUNT.match(text[tail_end:clause_end])
            task = TAIL_FILLER.sub("", chained.group(1)) if chained else ""
        if len(task) >= 2:
            name = task + actor.group(0)
    return (name, tail_end) if name else None


# An action verb right before a number: "建设10公里生态廊道" measures the work on what follows.
VERB_RIGHT_BEFORE = re.compile(rf"(?:{ACTION_VERB.pattern})\s*$")
# The object of a work after its measure: "建设10公里生态廊道", "推进4700亩受污染企业地块修复与风险
# 管控", up to a list ("光伏发电基地建设和西区整治" stops before 和).
WORK_OBJECT = re.compile(r"(?:(?![和及])[\u4e00-\u9fff“”]){2,20}")
# A measure sizing the noun after it: "30万吨/天的污水处理厂", "20万吨/日污水处理厂1座".
SIZED_NOUN = re.compile(rf"^\s*(?:的|[\u4e00-\u9fff]{{1,12}}{NUMBER})")
# A count right after another one: "4家企业15台锅炉淘汰改造" (the second names the task).
NEXT_COUNT = re.compile(rf"{NUMBER}\s*{UNIT_PATTERN}([^，,；;。、\d（(]{{2,20}})")


def _in_definition(text: str, clause_start: int, pos: int) -> bool:
    """A count inside a definition: "包括…等5类23项"; a 其中 clause continues the sentence's
    definition ("包括五大领域的106项工程…，其中推进产业高质量发展18项")."""
    if DEFINITION_PREFIXES.search(text[clause_start:pos]):
        return True
    if not text[clause_start:pos].lstrip().startswith("其中"):
        return False
    sentence_start = max(text.rfind(mark, 0, clause_start) for mark in "。；;\n") + 1
    return bool(DEFINITION_PREFIXES.search(text[sentence_start:clause_start]))


# A subject that is only a place ("县级城市", "其他县市") and the place opening a rate's name
# ("城市污泥无害化处置率", "合作市工地扬尘在线监控安装率").
PLACE_SUBJECT = re.compile(
    r"(?:其他|其余|各|全部)?[\u4e00-\u9fff]{0,4}(?:城市|县市|县城|区县|县区|乡镇|城区|地区)"
)
LEADING_PLACE = re.compile(r"城市|农村|城镇|县城|[\u4e00-\u9fff]{1,4}?[市县区州]")
# Nouns that name no particular thing: "4个工程", "3项任务".
GENERIC_NOUN = re.compile(r"工程|项目|任务|工作|措施|行动|方面|领域|重点|环节")
# A value stated before a name, in the same clause: the name starts after it and its separator.
STATED_VALUE = re.compile(rf"(?:为|达到?|率)\s*\d[\d.]*\s*(?:{UNIT_PATTERN})(?:以上|以下)?[、和及]?")
# A value stated inside a name ("能耗为0.9687吨标准煤/万元", "达标率100％、…") means two quantities
# were read as one; a threshold inside a name ("日处理能力在30吨以上的处理设施…比例") does not.
QUANTITY_IN_NAME = re.compile(rf"(?:为|达到?|率)\s*\d[\d.]*\s*(?:{UNIT_PATTERN})")


def _names_something(indicator: str, unit: str | None) -> bool:
    """False for a bare action verb ("完成" = 100 万亩) or, for a measurement, a place alone
    ("主城都市区" = 400 万平方米): neither says what is measured."""
    if BARE_VERB.fullmatch(indicator) or indicator in MEASURE_HEADS or GENERIC_NOUN.fullmatch(indicator):
        return False  # "完成", a bare "面积" / "总量", or "4个工程"
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", QUANTITY.sub("", indicator).replace("、", "")):
        return False  # "448吨、22287吨": a chain of values with no name
    if QUANTITY_IN_NAME.search(indicator):
        return False  # "…能耗为0.9687吨标准煤/万元" = 10 %: another quantity read into the name
    return is_count_unit(unit) or not PLACE_ONLY.match(indicator)


# "80%以上的产品采用国六货车运输", "30%以上的城市建成区达到海绵城市建设要求": a share printed before its
# noun is a target of the noun and what it does, to the clause end.
SHARE_BEFORE_NOUN = re.compile(r"^\s*的(?P<noun>[^，,；;。]{2,30})")
SHARE_NOUN_AFTER_QUALIFIER = re.compile(r"^\s*(?P<noun>[\u4e00-\u9fff][^，,；;。]{1,29})")


@dataclass
class _Clause:
    text: str  # the whole paragraph (folded digits)
    start: int
    end: int
    cursor: int  # where the subject of the next target starts
    verb: str | None = None  # the last verb seen, for chained numbers
    indicator: str | None = None  # the last target's indicator, for places that borrow it


@dataclass(frozen=True)
class _Candidate:
    """A number with its unit in a clause, and the words around it that decide what it is."""

    clause: _Clause
    match: re.Match[str]
    value: float
    unit: str | None
    qualifier: tuple[str, str] | None  # ("以上", ">=") printed right after the unit
    end: int  # where the quantity and its qualifier end
    verb: re.Match[str] | None  # a commitment verb right before the number (VERB_BEFORE)
    chained: bool  # the number continues the previous target's list ("分别达100%、80%以上")

    @property
    def before(self) -> str:
        """The clause up to the number."""
        return self.clause.text[self.clause.start : self.match.start()]

    @property
    def subject(self) -> str:
        """The words since the previous target, up to the number."""
        return self.clause.text[self.clause.cursor : self.match.start()]

    @property
    def after(self) -> str:
        """The clause after the quantity and its qualifier."""
        return self.clause.text[self.end : self.clause.end]


def _candidate(clause: _Clause, match: re.Match[str]) -> _Candidate | None:
    """The quantity a number states, or None when it is no quantity: a code or a name (PM2.5,
    “811”), a Chinese numeral counting structure (三个方面), a date, an ordinal or a year."""
    text = clause.text
    if _is_code(text, match) or _chinese_article(match):
        return None
    if not match.group("unit") and NOT_QUANTITY_AFTER.match(text[match.end("num") : clause.end]):
        return None
    value = parse_number(match.group("num"))
    if value is None or (not match.group("unit") and re.fullmatch(r"(?:19|20)\d\d", match.group("num"))):
        return None  # a year ("规划期为2021-2025"), not a quantity
    before = text[clause.cursor : match.start()]
    qualifier = suffix_comparator(text[match.end() : clause.end])
    return _Candidate(
        clause=clause,
        match=match,
        value=value,
        unit=normalize_unit("%" if match.group("pct") else match.group("unit")),
        qualifier=qualifier,
        end=match.end() + (len(qualifier[0]) if qualifier else 0),
        verb=VERB_BEFORE.search(before),
        chained=bool(clause.verb is not None and CHAIN_BEFORE.match(before)),
    )


def _states_a_fact(c: _Candidate) -> bool:
    """The clause makes the number a scope, a definition or a status, whatever verb it has:
    "日处理20吨", "30公里范围内", "包括…等5类23项", "全市现有污水处理厂12座"."""
    text = c.clause.text
    scoped = SCOPE_PREFIXES.search(c.before)
    if scoped and ADDED_CAPACITY.search(c.before[: scoped.start()]):
        scoped = None  # "新增污泥处理规模140吨干物质/日": a capacity the plan adds
    if scoped or SCOPE_SUFFIXES.match(c.after):
        return True
    if c.verb is None and not c.chained and _in_definition(text, c.clause.start, c.match.start()):
        return True
    if c.verb is not None:
        # With a commitment verb, only a status word on the verb itself makes a fact ("水质已达到
        # 100%"); "已建成设施正常运行率达到85%以上" names the facilities built so far.
        return bool(STATUS_BEFORE.search(c.subject[max(0, c.verb.start() - 2) : c.verb.start()]))
    return bool(STATUS_BEFORE.search(c.subject))  # "已建成污水管网300公里": a fact of today


def _sizes_what_follows(c: _Candidate) -> bool:
    """The number bounds or sizes the noun after it: "淘汰35蒸吨/小时以下燃煤锅炉", "大于5000吨的
    加油站", "川发龙蟒20万吨/年新材料项目", "建设30万吨/天的污水处理厂"."""
    text, end = c.clause.text, c.end
    if c.verb is None and not c.chained:
        clause_ends = end >= c.clause.end or not SCOPE_AFTER.match(c.after)
        if c.qualifier and not clause_ends:
            return True  # the qualifier bounds what follows
        glued = not is_count_unit(c.unit) and not clause_ends and not SIZE_OK_AFTER.match(c.after)
        return glued and (not VERB_RIGHT_BEFORE.search(c.subject) or bool(SIZED_NOUN.match(c.after)))
    return bool(
        SCOPE_AFTER.match(c.after)
        and not re.match(r"^\s*[A-Za-z]", text[end:])
        and (text[end : end + 1] == "的" or (c.verb is not None and c.verb.group("verb") in ("大于", "超过")))
    )


def _commits(c: _Candidate) -> bool:
    """The clause commits to the number: a commitment verb before it, a chain after a target, a
    qualifier closing a measure (…以上。), or a measure counted after an action verb (新建…20公里).
    约 / 为 commit only to a measure that is not money (运西段约19.5亿元 is a cost)."""
    weak = c.verb is not None and c.verb.group("verb") in WEAK_VERBS
    if c.unit is None:
        return (c.verb is not None and not weak) or c.chained
    if MONEY_UNIT.search(c.unit) and (weak or c.verb is None):
        return False
    if c.verb is not None or c.chained:
        return True
    return bool(c.qualifier) or bool(COUNT_ACTION_VERBS.search(c.before))


def _quantity_to_target(clause: _Clause, match: re.Match[str]) -> TextTarget | None:
    """Every number with a unit is a candidate; its clause decides whether it is a commitment."""
    c = _candidate(clause, match)
    if c is None or _states_a_fact(c):
        return None
    share = _share_before_noun(clause, match, c.unit, c.end, c.verb)
    if share is not None:
        return share
    if _sizes_what_follows(c) or not _commits(c):
        return None
    return _named_target(c)


def _named_target(c: _Candidate) -> TextTarget | None:
    """The target with its indicator and quote; None when nothing measured can be named."""
    clause, match, unit, end, verb_match, chained = c.clause, c.match, c.unit, c.end, c.verb, c.chained
    text = clause.text
    verb = verb_match.group("verb") if verb_match else clause.verb
    comparator = c.qualifier[1] if c.qualifier else (prefix_comparator(verb) if verb else "=")
    if match.group("upper"):
        comparator = ">="  # a range "3-5条" commits to at least its lower bound
    subject_end = clause.cursor + verb_match.start() if verb_match else match.start()
    subject_start = clause.cursor
    stated = list(STATED_VALUE.finditer(text, clause.cursor, subject_end))
    if stated:  # "…冲洗率100％、设置扬尘在线监测仪率达100％": the name starts after the last value
        subject_start = stated[-1].end()
    subject = text[subject_start:subject_end]
    # "完成4家企业": the action is not the indicator; in a rate or share it is ("新建建筑比重", 郑州).
    if unit in SHARE_UNITS:
        indicator = _clean_indicator(LEADING_ACTION_OF_SHARE.sub("", subject.strip()))
    else:
        indicator = action_name(subject)
    indicator = indicator or _clean_indicator(subject)
    quote_start = subject_start + len(subject) - len(subject.lstrip()) if indicator else match.start()
    tail = _count_tail(text, end, clause.end) if is_count_unit(unit) else None
    if tail:
        indicator = tail[0]  # "4家企业": what is counted follows the measure word
        quote_start, end = match.start(), tail[1]
    elif unit and not is_count_unit(unit) and verb_match is None:
        work = VERB_RIGHT_BEFORE.search(c.subject)
        obj = WORK_OBJECT.match(c.after)
        if work and obj and not SIZE_OK_AFTER.match(c.after):
            # "建设10公里生态廊道": the work's measure before its object names 生态廊道建设
            indicator = action_name(work.group(0) + TAIL_FILLER.sub("", obj.group(0)))
            quote_start, end = clause.cursor + work.start(), end + len(obj.group(0))
            tail = (indicator, end)
    if chained and verb_match is None and (not indicator or CHAIN_BEFORE.match(indicator)):
        # "分别达100%、80%以上": the second number shares the first one's subject
        subject = re.split(PREFIX_PATTERN, text[clause.start : clause.cursor])[0]
        indicator = _clean_indicator(subject)
        quote_start = clause.start
    if not indicator or not re.search(r"[\u4e00-\u9fffA-Za-z]", indicator):
        return None
    if not tail and indicator in text[quote_start:end]:
        quote_start = text.find(indicator, quote_start, end)
    completed = _complete_bare_rate(text, clause.start, indicator)
    if completed is not None:
        indicator, quote_start = completed
    if clause.indicator and unit in SHARE_UNITS and PLACE_SUBJECT.fullmatch(indicator):
        # "城市污泥无害化处置率达100%、县级城市达70%": a place alone takes the previous rate
        lead = LEADING_PLACE.match(clause.indicator)
        if lead and len(clause.indicator) > lead.end():
            indicator = indicator + clause.indicator[lead.end() :]
    if not _names_something(indicator, unit) or indicator.count("（") > indicator.count("）"):
        return None
    baseline = BASELINE_YEAR.search(c.before)
    clause.verb, clause.indicator = verb, indicator
    return TextTarget(
        indicator=indicator,
        comparator=comparator,
        value=c.value,
        unit=unit,
        quote=text[quote_start:end].strip(),
        start=match.start(),
        baseline_year=int(fold_digits(baseline.group("year"))) if baseline else None,
    )


def _share_before_noun(
    clause: _Clause, match: re.Match[str], unit: str | None, end: int, verb: re.Match[str] | None
) -> TextTarget | None:
    """A share opening its clause and printed before its noun: "80%以上的产品采用国六货车运输"."""
    if unit not in SHARE_UNITS or (verb is not None and verb.group("verb") not in ("至少", "约")):
        return None
    lead = _clean_indicator(clause.text[clause.start : verb.start() if verb else match.start()])
    if verb is not None:
        lead = _clean_indicator(clause.text[clause.start : clause.cursor + verb.start()])
    if len(lead) > SHARE_LEAD_MAX or MEASURE_HEAD.search(lead):
        return None  # a measured subject before the number: "含量10%的涂料" sizes what follows
    found = SHARE_BEFORE_NOUN.match(clause.text[end : clause.end])
    if found is None and suffix_comparator(clause.text[match.end() : clause.end]):
        # "力争50%以上城市建成区达到海绵城市标准": after 以上 the 的 may be left out
        found = SHARE_NOUN_AFTER_QUALIFIER.match(clause.text[end : clause.end])
    if found is None or not PREFIX_OR_ACTION.search(found["noun"]):
        return None  # "10%的股份": no commitment on the noun
    qualifier = suffix_comparator(clause.text[match.end() : clause.end])
    noun = found["noun"].strip()
    comparator = qualifier[1] if qualifier else (prefix_comparator(verb.group("verb")) if verb else "=")
    return TextTarget(
        indicator=noun,
        comparator=comparator,
        value=parse_number(match.group("num")) or 0.0,
        unit=unit,
        quote=clause.text[match.start() : end + found.end()].strip(),
        start=match.start(),
        baseline_year=None,
    )


def list_members(indicator: str) -> list[str] | None:
    """The members of a listed indicator, each with its own name; None when it is no list.

    "化肥、农药利用率" → 化肥利用率, 农药利用率; "挥发性有机物、氮氧化物排放总量" → …排放总量 each;
    "城市、农村生活垃圾分类覆盖面" → 城市生活垃圾分类覆盖面, 农村…; "A普及率和B普及率" → A普及率, B普及率.
    """
    members = [m for m in MEMBER_SEPARATOR.split(indicator) if m]
    if len(members) < 2:
        return None
    last = members[-1]
    qualifier = SHARED_NAME_QUALIFIERS.match(last)
    # Only a head of two or more characters is shared: a bare 率 / 量 closes too many structures
    # ("核技术应用单位、…设施监督检查率、整改完成率" lists objects and rates at once).
    head = next((m for m in MEASURE_HEAD.finditer(last) if m.start() > 0 and len(m.group(0)) > 1), None)
    named = []
    for member in members[:-1]:
        if MEASURE_HEAD.search(member[-4:]):
            named.append(member)  # a complete name of its own
        elif qualifier and len(member) <= 2 and len(last) > qualifier.end():
            named.append(member + last[qualifier.end() :])
        elif head is not None:
            named.append(member + last[head.start() :])
        else:
            return None  # no measured noun to share: not a list of indicators
    return [*named, last]


# "分别为" / "均为" report values far more often than they commit to them.
REPORTED_LIST = re.compile(r"(?:分别|均)为\s*$|(?:分别|均)为[^，,；;。]{0,4}$")


def _split_lists(text: str, start: int, targets: list[TextTarget]) -> list[TextTarget]:
    """One target per member when one comparator covers a list ("均达到", "分别下降"): a single
    number goes to every member; as many numbers as members are paired in order."""
    if not targets or not LIST_QUANTIFIER.search(text[start : targets[0].start]):
        return targets
    shared = [t for t in targets if t.indicator == targets[0].indicator]
    if len(shared) != len(targets) or REPORTED_LIST.search(text[start : targets[0].start]):
        # numbers of other subjects in the clause, or values reported ("分别为11μg/m3", mostly
        # a review's wording): left as read
        return targets
    members = list_members(targets[0].indicator)
    if members is None or len(shared) not in (1, len(members)):
        return targets
    pairs = zip(members, shared * len(members) if len(shared) == 1 else shared, strict=False)
    split = [replace(target, indicator=member) for member, target in pairs]
    return split + [t for t in targets if t not in shared]


def find_targets(text: str) -> list[TextTarget]:
    """Every target of one paragraph, in order; each number of a clause is its own target."""
    text = fold_digits(text)
    found: list[TextTarget] = []
    for start, end in clause_spans(text):
        clause = _Clause(text, start, end, cursor=start)
        in_clause: list[TextTarget] = []
        for match in QUANTITY.finditer(text, start, end):
            target = _quantity_to_target(clause, match)
            if target is None:
                continue
            in_clause.append(target)
            qualifier = suffix_comparator(text[match.end() : end])
            clause.cursor = match.end() + (len(qualifier[0]) if qualifier else 0)
        found.extend(_split_lists(text, start, in_clause))
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
