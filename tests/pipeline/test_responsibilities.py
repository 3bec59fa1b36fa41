"""Responsibilities from seed tables, and from inline notes in real plans' sentences."""

from __future__ import annotations

import pytest

from policy_etl.pipeline.context import ExtractContext, Outline
from policy_etl.pipeline.responsibilities import extract, parse_note
from policy_etl.schemas.document import Document, Paragraph
from policy_etl.schemas.records import DocumentRecord, Extraction, ResponsibilityRecord, SectionRecord

SHA = "0" * 64


def _by_table(extraction: Extraction, title_part: str) -> list[ResponsibilityRecord]:
    return [r for r in extraction.responsibilities if r.table_title and title_part in r.table_title]


def test_seed000_48_rows_first_unit_leads(corpus: dict[str, Extraction]) -> None:
    records = corpus["000"].responsibilities
    assert len(records) == 48
    assert all(r.table is not None and r.lead_units for r in records)
    car = next(r for r in records if r.task == "强化机动车污染防治")
    assert car.lead_units == ["公安分局"]
    assert car.support_units[:3] == ["规划建设局", "环保局", "经发局"]
    assert "中石化嘉兴分公司" in car.support_units
    first = records[0]
    # the group cell's bracketed lead is not part of the group's name
    assert (first.no, first.group_name, first.task) == ("1", "绿色经济培育行动", "促进产业结构和布局调整")
    assert first.lead_units == ["经发局"]
    assert first.support_units[-1] == "财政（地税）分局"  # trailing "，" dropped, brackets kept
    assert records[1].no is None  # the 序号 is printed once, over the action's rows


def test_seed003_attachment2(corpus: dict[str, Extraction]) -> None:
    records = _by_table(corpus["003"], "责任分解表")
    # counted by hand: 序号 1-100 without 65, plus the unnumbered row after 27
    assert len(records) == 100
    row21 = next(r for r in records if r.no == "21")
    assert row21.lead_units == ["区发改局"]
    assert row21.support_units == ["区经信局", "区质监局"]
    assert row21.group_name == "优化调整能源结构"
    after27 = records[[r.no for r in records].index("27") + 1]
    assert after27.no is None
    assert after27.task == "严格控制餐饮油烟,加大超标排放处罚力度。"
    assert after27.group_name == "强化重点领域臭气异味治理"
    assert after27.lead_units == ["区综合执法局"]
    row58 = next(r for r in records if r.no == "58")
    assert row58.lead_units == ["区环保分局"]
    assert row58.support_units == ["区综合执法局", "区农水局", "区商务局", "区卫计局", "区建设局", "各镇街"]
    row95 = next(r for r in records if r.no == "95")
    assert row95.lead_units == ["区级相关部门", "各镇街"] and row95.support_units == []


def test_seed003_attachment3(corpus: dict[str, Extraction]) -> None:
    records = _by_table(corpus["003"], "2018年主要工作任务清单")
    assert len(records) == 45  # 序号 1-45, counted by hand
    assert [r.no for r in records] == [str(n) for n in range(1, 46)]
    assert records[0].group_name == "打赢蓝天保卫战"
    r43 = records[42]
    assert r43.lead_units == ["区环保分局"]
    assert r43.support_units == ["区委组织部", "区编办", "区人社局"]
    assert records[26].support_units == []  # 27: 区环保分局 alone


def test_seed003_project_table_gives_no_responsibilities(corpus: dict[str, Extraction]) -> None:
    assert not _by_table(corpus["003"], "重点项目表")
    assert len(corpus["003"].responsibilities) == 145


# ---- inline notes: sentences copied from corpus/extra ---------------------------------------


@pytest.mark.parametrize(
    ("body", "lead", "support"),
    [
        # qingdao_ghg_air_coctrl_action_2021_2023.pdf
        (
            "责任单位：市生态环境局，市委组织部，各区、市政府",
            ["市生态环境局"],
            ["市委组织部", "各区、市政府"],
        ),
        (
            "责任单位：市生态环境局，人民银行青岛市中心支行，西海岸新区管委",
            ["市生态环境局"],
            ["人民银行青岛市中心支行", "西海岸新区管委"],
        ),
        # gov_wufei_city_pilot_plan_2018.html
        (
            "生态环境部牵头，国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国家统计局参与",
            ["生态环境部"],
            ["国家发展改革委", "工业和信息化部", "住房城乡建设部", "农业农村部", "国家统计局"],
        ),
        ("市场监管总局、工业和信息化部负责", ["市场监管总局", "工业和信息化部"], []),
        ("商务部指导，供销合作总社参与", ["商务部"], ["供销合作总社"]),
        (
            "生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出",
            ["生态环境部", "试点城市政府"],
            [],
        ),
        # the labelled form the issue names
        (
            "牵头单位：市发展改革委；配合单位：市生态环境局、市统计局",
            ["市发展改革委"],
            ["市生态环境局", "市统计局"],
        ),
        # liaoning_nrd_eco_workplan_2021.pdf, a line rather than a bracket
        ("责任处室：自然资源调查监测处", ["自然资源调查监测处"], []),
    ],
)
def test_parse_note(body: str, lead: list[str], support: list[str]) -> None:
    note = parse_note(body)
    assert note is not None
    assert (note.lead, note.support) == (lead, support)


@pytest.mark.parametrize("body", ["以下简称“无废城市”", "GB13223-2011", "含变型拖拉机", "2018年", "试行"])
def test_not_a_note(body: str) -> None:
    assert parse_note(body) is None


def _ctx(texts: list[str], sections: list[SectionRecord] | None = None) -> ExtractContext:
    blocks = tuple(Paragraph(index=i, text=t) for i, t in enumerate(texts))
    doc = Document(source_file="x.txt", sha256=SHA, format="txt", blocks=blocks)
    meta = DocumentRecord(source_file="x.txt", sha256=SHA, format="txt")
    return ExtractContext(doc=doc, outline=Outline.of(sections or []), meta=meta)


QINGDAO = [
    "二、主要任务",
    "（一）体制机制融合创新行动",
    "围绕减污降碳，破除一切制约创新的制度藩篱，最大限度释放市场与政府作用叠加集成效应。",
    "强化战略规划衔接融合机制。将推动大气环境质量持续改善各项任务要求融入应对气候变化规划中。"
    "（责任单位：市生态环境局）",
    "创新政策标准协同机制。推动生态环境保护与应对气候变化制度体系统筹融合。（责任单位：市生态环境局）"
    "加快推进气候投融资试点建设，研究制定适合我市的气候投融资标准，建立气候投融资项目库。"
    "（责任单位：市生态环境局，人民银行青岛市中心支行，西海岸新区管委）",
]


def test_inline_notes_in_paragraphs_qingdao() -> None:
    records = extract(_ctx(QINGDAO))
    assert [r.task for r in records] == [
        "强化战略规划衔接融合机制",
        "创新政策标准协同机制",
        "加快推进气候投融资试点建设，研究制定适合我市的气候投融资标准，建立气候投融资项目库",
    ]
    assert all(r.table is None and r.table_title is None for r in records)
    assert records[2].support_units == ["人民银行青岛市中心支行", "西海岸新区管委"]
    assert records[0].group_name == "体制机制融合创新行动"  # fallback headings: outline empty


WUFEI = [
    "（一）强化顶层设计引领，发挥政府宏观指导作用。",
    "建立“无废城市”建设指标体系，发挥导向引领作用。2019年6月底前，研究建立以固体废物减量化和循环利用率为核心指标的"
    "“无废城市”建设指标体系。",
    "（生态环境部牵头，国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国家统计局参与）",
    "优化固体废物管理体制机制，强化部门分工协作。",
    "根据城市经济社会发展实际，以深化地方机构改革为契机，建立部门责任清单。",
    "（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）",
    "（二）实施工业绿色生产，推动大宗工业固体废物贮存处置总量趋零增长。",
]


def test_standalone_notes_wufei() -> None:
    records = extract(_ctx(WUFEI))
    assert [r.task for r in records] == [
        "建立“无废城市”建设指标体系，发挥导向引领作用",
        "优化固体废物管理体制机制，强化部门分工协作",
    ]
    assert records[0].lead_units == ["生态环境部"] and len(records[0].support_units) == 5
    assert records[1].lead_units == ["生态环境部", "试点城市政府"]
    assert records[0].group_name == "强化顶层设计引领，发挥政府宏观指导作用"


LIAONING = [
    "一、完善自然资源调查监测体系",
    "1.组织开展全省自然资源调查监测工作。",
    "2.强力推动工作进展。定期召开各市自然资源部门分管负责同志参加的工作调度会议。",
    "责任处室：自然资源调查监测处",
    "完成时限：2021年12月底前",
    "二、建立自然资源统一确权登记工作机制",
    "1.与项目相关市政府联合印发工作实施方案。",
    "责任处室：自然资源确权登记处",
    "完成时限：2021年12月底前",
]


def _section(
    ordinal: int, block: int, level: int, label: str, title: str, parent: int | None
) -> SectionRecord:
    return SectionRecord(ordinal=ordinal, parent=parent, level=level, label=label, title=title, block=block)


def test_note_lines_close_their_section_with_outline() -> None:
    outline = [
        _section(1, 0, 1, "一", "完善自然资源调查监测体系", None),
        _section(2, 1, 2, "1", "组织开展全省自然资源调查监测工作", 1),
        _section(3, 2, 2, "2", "强力推动工作进展", 1),
        _section(4, 5, 1, "二", "建立自然资源统一确权登记工作机制", None),
        _section(5, 6, 2, "1", "与项目相关市政府联合印发工作实施方案", 4),
    ]
    records = extract(_ctx(LIAONING, outline))
    assert [(r.task, r.lead_units, r.section) for r in records] == [
        ("完善自然资源调查监测体系", ["自然资源调查监测处"], 3),
        ("建立自然资源统一确权登记工作机制", ["自然资源确权登记处"], 5),
    ]
