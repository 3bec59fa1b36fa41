"""Section hierarchy: numbering schemes, first-use levels, run-in titles, and the seeds' outlines."""

from __future__ import annotations

from collections import Counter

import pytest

from policy_etl.pipeline.sections import extract_sections, match_appendix, match_heading, split_run_in
from policy_etl.schemas.document import Cell, Document, Paragraph, Table
from policy_etl.schemas.records import Extraction, SectionRecord


@pytest.mark.parametrize(
    ("line", "scheme", "label", "title"),
    [
        ("第一章 总体要求", "chapter", "第一章", "总体要求"),
        ("第二节 深入打好蓝天保卫战", "jie", "第二节", "深入打好蓝天保卫战"),
        ("三、深入实施十一项专项行动", "cn_dun", "三", "深入实施十一项专项行动"),
        ("（一）指导思想。全面贯彻落实国家、省、市关于生态文明建设的有关部署", "cn_paren", "一", "指导思想"),
        ("(十)坚持共建共享,构建全民环保行动体系", "cn_paren", "十", "坚持共建共享,构建全民环保行动体系"),
        ("1.促进产业结构和布局调整。按照主体功能区制度要求", "arabic_dot", "1", "促进产业结构和布局调整"),
        ("2．深化工业废气治理。推进燃煤热电综合改造升级", "arabic_dot", "2", "深化工业废气治理"),
        (
            "1. 绿色化与智能化协同，全面推进制造业升级提升。",
            "arabic_dot",
            "1",
            "绿色化与智能化协同，全面推进制造业升级提升",
        ),
        ("4、重点工作任务", "arabic_dun", "4", "重点工作任务"),
        ("（2）滨海湿地修复面积。", "arabic_paren", "2", "滨海湿地修复面积"),
        ("4.12坚持数字赋能，提升整体智治水平", "decimal2", "4.12", "坚持数字赋能，提升整体智治水平"),
        ("1.1“十三五”工作成效", "decimal2", "1.1", "“十三五”工作成效"),
        ("3.3.1总体目标", "decimal3", "3.3.1", "总体目标"),
        ("①加快淘汰落后产能。", "circled", "①", "加快淘汰落后产能"),
        ("一、2018年工作回顾", "cn_dun", "一", "2018年工作回顾"),
    ],
)
def test_heading_schemes(line: str, scheme: str, label: str, title: str) -> None:
    heading = match_heading(line)
    assert heading is not None
    assert (heading.scheme, heading.label, heading.title) == (scheme, label, title)


@pytest.mark.parametrize(
    "line",
    [
        "2020年全国生态环境保护工作会议中明确提出要统筹谋划“十四五”生态环境重点工作",
        "1.5万亩高标准农田",  # a quantity, not 1.
        "2.67万亿元",
        "1. 2021年6月底前完成",  # a list of dates
        "一是生态环境质量持续改善基础仍不稳固。",
        "生态优先，低碳发展。推进经济生态化",  # bold lead phrase without a number
        "1",  # a 序号 cell
        "十四五时期",
    ],
)
def test_not_headings(line: str) -> None:
    assert match_heading(line) is None


@pytest.mark.parametrize(
    ("line", "label", "title"),
    [
        ("附件1", "附件1", ""),
        ("附件", "附件", ""),
        ("附件: 名词解释", "附件", "名词解释"),
        ("附件2：项目表", "附件2", "项目表"),
    ],
)
def test_appendix_headings(line: str, label: str, title: str) -> None:
    heading = match_appendix(line)
    assert heading is not None and (heading.label, heading.title) == (label, title)


@pytest.mark.parametrize(
    "line", ["附件:1.越城区生态文明示范创建行动方案重点项目表", "附件所列项目由各地负责实施。"]
)
def test_appendix_lists_and_sentences_are_not_headings(line: str) -> None:
    assert match_appendix(line) is None


def test_long_run_in_title_is_cut_at_first_clause_break() -> None:
    # 001's 保障措施: the converter ran the heading into its body; no 。 for 60+ characters.
    title, rest = split_run_in(
        "强化组织领导,落实目标任务建立市级部门推进规划落实的分工协作机制,明确职责分工,加强规划实施的组织领导。各级政府"
    )
    assert title == "强化组织领导"
    assert rest.startswith("落实目标任务") and rest.endswith("各级政府")


def _doc(*lines: str) -> Document:
    blocks = tuple(Paragraph(index=i, text=t) for i, t in enumerate(lines))
    return Document(source_file="t.txt", sha256="0" * 64, format="txt", blocks=blocks)


def _outline(sections: list[SectionRecord]) -> list[tuple[str, int, int | None]]:
    return [(s.label, s.level, s.parent) for s in sections]


def test_restarting_level_nests_under_the_new_parent() -> None:
    doc = _doc("一、任务", "（一）甲", "1.子一", "2.子二", "（二）乙", "1.子三", "3.跳号", "3.重号")
    assert _outline(extract_sections(doc)) == [
        ("一", 1, None),
        ("一", 2, 1),
        ("1", 3, 2),
        ("2", 3, 2),
        ("二", 2, 1),
        ("1", 3, 5),
        ("3", 3, 5),  # skipped numbers are kept as printed
        ("3", 3, 5),  # and so are repeated ones
    ]


def test_level_follows_first_use_not_a_fixed_table() -> None:
    doc = _doc("1、回顾", "1.1成效", "1.绿色发展。正文", "2、形势", "1.思想指引。正文")
    assert _outline(extract_sections(doc)) == [
        ("1", 1, None),
        ("1.1", 2, 1),
        ("1", 3, 2),
        ("2", 1, None),
        ("1", 3, 4),
    ]


def test_stray_number_cannot_open_a_level() -> None:
    doc = _doc("一、总体要求", "3.坚持问题导向。这一行不是标题", "（一）指导思想")
    assert _outline(extract_sections(doc)) == [("一", 1, None), ("一", 2, 1)]


def test_toc_and_box_items_are_not_sections() -> None:
    doc = _doc(
        "目录",
        "一、总体要求……1",
        "二、重点任务……5",
        "一、总体要求",
        "（一）指导思想。全面贯彻。",
        "专栏1 重点工程",
        "1.污水管网工程。新建管网100公里。",
        "2.清淤工程。清淤100万方。",
        "（二）主要目标",
    )
    sections = extract_sections(doc)
    assert [(s.label, s.title) for s in sections] == [
        ("一", "总体要求"),
        ("一", "指导思想"),
        ("二", "主要目标"),
    ]
    assert "专栏1 重点工程" in sections[1].text


def test_section_text_is_its_own_paragraphs() -> None:
    doc = _doc("一、总体要求", "导语一段。", "（一）指导思想。全面贯彻落实。", "第二段。", "（二）主要目标")
    sections = extract_sections(doc)
    assert [s.text for s in sections] == ["导语一段。", "全面贯彻落实。\n第二段。", ""]


def _by_title(extraction: Extraction, title: str) -> SectionRecord:
    (section,) = [s for s in extraction.sections if s.title == title]
    return section


def _parent(extraction: Extraction, section: SectionRecord) -> SectionRecord:
    return next(s for s in extraction.sections if s.ordinal == section.parent)


@pytest.mark.parametrize(
    ("seed", "level1"),
    [
        ("000", ["一", "二", "三", "四"]),
        ("001", ["一", "二", "三", "四"]),
        ("002", ["一", "二", "三", "四", "五", "六", "附件"]),
        ("003", ["一", "二", "三", "四", "五", "六", "七", "八", "九", "附件1", "附件2", "附件3"]),
        ("004", ["1", "2", "3", "4", "5", "附件"]),
    ],
)
def test_seed_level1_sections(corpus: dict[str, Extraction], seed: str, level1: list[str]) -> None:
    assert [s.label for s in corpus[seed].sections if s.level == 1] == level1


@pytest.mark.parametrize(
    ("seed", "counts"),
    [
        ("000", {1: 4, 2: 26, 3: 48}),
        ("001", {1: 4, 2: 21, 3: 47}),
        ("002", {1: 7, 2: 21, 3: 49, 4: 60}),
        ("003", {1: 12, 2: 36}),
        ("004", {1: 6, 2: 21, 3: 10, 4: 2}),
    ],
)
def test_seed_level_counts(corpus: dict[str, Extraction], seed: str, counts: dict[int, int]) -> None:
    assert dict(Counter(s.level for s in corpus[seed].sections)) == counts


def test_000_eleven_actions_under_section_three(corpus: dict[str, Extraction]) -> None:
    e = corpus["000"]
    three = _by_title(e, "深入实施十一项专项行动")
    children = [s for s in e.sections if s.parent == three.ordinal]
    assert (three.level, three.label) == (1, "三")
    assert len(children) == 11 and all(s.level == 2 for s in children)
    assert children[-1].title == "制度创新行动" and children[-1].label == "十一"
    item = _by_title(e, "深化工业废气治理")  # printed "2．" with a full-width dot
    assert (item.label, item.level, _parent(e, item).title) == ("2", 3, "大气污染防治行动")
    assert item.text.startswith("推进燃煤热电综合改造升级")


def test_000_cover_notice_is_not_a_section(corpus: dict[str, Extraction]) -> None:
    first = corpus["000"].sections[0]
    assert (first.ordinal, first.label, first.title, first.parent) == (1, "一", "指导思想和基本原则", None)


def test_001_sections(corpus: dict[str, Extraction]) -> None:
    e = corpus["001"]
    ten = _by_title(e, "坚持共建共享,构建全民环保行动体系")
    assert (ten.label, ten.level, _parent(e, ten).title) == ("十", 2, "重点任务")
    goal = _by_title(e, "总体目标")
    assert (goal.label, goal.level, _parent(e, goal).title) == ("1", 3, "目标指标")
    lead = _by_title(e, "强化组织领导")  # run into its body by the web converter
    assert (lead.label, lead.level, _parent(e, lead).title) == ("一", 2, "保障措施")


def test_002_sections(corpus: dict[str, Extraction]) -> None:
    e = corpus["002"]
    sub = _by_title(e, "滨海湿地修复面积")
    assert (sub.label, sub.level, _parent(e, sub).title) == ("2", 4, "海岸生态修复")
    appendix = e.sections[-1]
    assert (appendix.label, appendix.title, appendix.level, appendix.parent) == (
        "附件",
        "部分重点工程清单",
        1,
        None,
    )
    assert not any(s.title.startswith("部分重点工程清单") for s in e.sections[:-1])


def test_003_sections(corpus: dict[str, Extraction]) -> None:
    e = corpus["003"]
    goal = _by_title(e, "主要目标")
    assert (goal.label, goal.level, _parent(e, goal).title) == ("二", 2, "总体要求")
    assert goal.text.startswith("2020年,高标准打赢污染防治攻坚战")
    appendix = [s for s in e.sections if s.label.startswith("附件")]
    assert [s.title for s in appendix] == [
        "越城区生态文明示范创建行动方案重点项目表",
        "越城区生态文明示范创建行动方案工作任务责任分解表",
        "越城区生态文明示范创建行动方案2018年主要工作任务清单",
    ]
    # the list of attachments ("附件:1.…", "2.…", "3.…") under 九、 is not an outline
    nine = _by_title(e, "不断加强组织领导")
    assert [s.label for s in e.sections if s.parent == nine.ordinal] == ["一", "二", "三", "四"]


def test_004_sections(corpus: dict[str, Extraction]) -> None:
    e = corpus["004"]
    item = _by_title(e, "坚持数字赋能，提升整体智治水平")
    assert (item.label, item.level) == ("4.12", 2)
    assert (_parent(e, item).label, _parent(e, item).title) == ("4", "重点工作任务")
    # 1. sits directly under 2、 and still is level 3
    guide = _by_title(e, "习近平生态文明思想为新时代生态环境保护工作指明方向")
    assert (guide.level, _parent(e, guide).label) == (3, "2")
    goal = _by_title(e, "总体目标")
    assert (goal.label, goal.level, _parent(e, goal).label) == ("3.3.1", 4, "3.3")
    assert e.sections[-1].title == "名词解释"


def test_titles_keep_no_token_or_closing_mark(corpus: dict[str, Extraction]) -> None:
    for e in corpus.values():
        for s in e.sections:
            assert not s.title.endswith(("。", "：", "；")), s
            assert match_heading(s.title) is None or s.title.startswith("“"), s


def test_box_items_do_not_claim_a_level() -> None:
    # ① items inside a 专栏 must not make ① a level of the outline used later by the body
    doc = _doc("一、任务", "专栏1 重点工程", "①污水管网工程", "②清淤工程", "（一）甲", "1.子一")
    assert _outline(extract_sections(doc)) == [("一", 1, None), ("一", 2, 1), ("1", 3, 2)]


def test_box_printed_as_a_table_closes_itself() -> None:
    table = Table(index=3, n_rows=1, n_cols=1, cells=(Cell(row=0, col=0, text="PM2.5浓度"),))
    blocks = [Paragraph(index=i, text=t) for i, t in enumerate(["一、任务", "（一）甲", "专栏1 主要指标"])]
    blocks += [table, Paragraph(index=4, text="（二）乙")]
    doc = Document(source_file="t.txt", sha256="0" * 64, format="txt", blocks=tuple(blocks))
    assert _outline(extract_sections(doc)) == [("一", 1, None), ("一", 2, 1), ("二", 2, 1)]
