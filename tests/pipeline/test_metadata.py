"""Document metadata: the issue's table for the five seeds, date/period/region rules, extra corpus."""

from __future__ import annotations

import pytest

from policy_etl.pipeline.context import Outline
from policy_etl.pipeline.metadata import (
    extract_metadata,
    parse_issue_date,
    period_of_title,
    plan_kind,
    read_front,
    title_region,
)
from policy_etl.pipeline.normalize import normalize
from policy_etl.schemas.document import Document, Paragraph
from policy_etl.schemas.records import Extraction

# The issue's table (title, doc_number, issue_date, region, period_start, period_end, base_year).
SEED_METADATA = {
    "000": (
        "“811”美丽港区建设行动方案（2016-2020）",
        "嘉港区工委办〔2017〕31号",
        "2017-05-19",
        "嘉兴港区",
        2016,
        2020,
        None,
    ),
    "001": ("嘉兴市生态环境保护“十四五”规划", None, "2021-12-01", "嘉兴市", 2021, 2025, None),
    "002": (
        "嘉兴市生态文明建设规划（修编）（2019～2025年）",
        "嘉政发〔2020〕15号",
        "2020-04-30",
        "嘉兴市",
        2019,
        2025,
        None,
    ),
    "003": (
        "越城区(高新区、袍江开发区)生态文明示范创建行动方案",
        None,
        "2018-10-31",
        "越城区",
        2018,
        2022,
        None,
    ),
    "004": ("上虞区生态环境保护“十四五”规划", None, None, "上虞区", 2021, 2025, 2020),
}
FIELDS = ("title", "doc_number", "issue_date", "region", "period_start", "period_end", "base_year")


@pytest.mark.parametrize(
    ("seed", "field", "expected"),
    [
        (seed, field, value)
        for seed, row in SEED_METADATA.items()
        for field, value in zip(FIELDS, row, strict=True)
    ],
)
def test_seed_metadata_table(corpus: dict[str, Extraction], seed: str, field: str, expected: object) -> None:
    assert getattr(corpus[seed].document, field) == expected


@pytest.mark.parametrize(
    ("seed", "issuers", "kind"),
    [
        (
            "000",
            ["中共嘉兴市委嘉兴港区开发建设工作委员会办公室", "嘉兴港区开发建设管理委员会办公室"],
            "行动方案",
        ),
        ("001", ["嘉兴市发展和改革委员会", "嘉兴市生态环境局"], "规划"),
        ("002", ["嘉兴市人民政府"], "规划"),
        ("003", ["绍兴市越城区人民政府办公室"], "行动方案"),
        ("004", [], "规划"),
    ],
)
def test_seed_issuers_and_kind(
    corpus: dict[str, Extraction], seed: str, issuers: list[str], kind: str
) -> None:
    assert corpus[seed].document.issuers == issuers
    assert corpus[seed].document.plan_kind == kind


def test_003_body_citation_is_not_the_doc_number(seed_docs: dict[str, Document]) -> None:
    assert any("浙政发〔201818号" in p.text for p in seed_docs["003"].paragraphs())
    assert extract_metadata(seed_docs["003"], Outline()).doc_number is None


def test_body_starts_after_the_plan_title(seed_docs: dict[str, Document]) -> None:
    front = read_front(seed_docs["002"])
    lines = [seed_docs["002"].blocks[i].text for i in front.title_blocks]  # type: ignore[union-attr]
    assert lines == ["嘉兴市生态文明建设规划（修编）", "（2019～2025年）"]
    assert front.body_start == front.title_blocks[-1] + 1


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2017年5月19日", "2017-05-19"),
        ("20181031", "2018-10-31"),
        ("二〇二〇年四月三十日", "2020-04-30"),
        ("二〇二一年十二月一日", "2021-12-01"),
        ("2021年12月1日", "2021-12-01"),
        ("2020年4月30日起施行", None),
        ("20181399", None),
        ("二〇二二年二月", None),
    ],
)
def test_parse_issue_date(line: str, iso: str | None) -> None:
    assert parse_issue_date(line) == iso


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("“811”美丽港区建设行动方案（2016-2020）", (2016, 2020)),
        ("嘉兴市生态文明建设规划（修编）（2019～2025年）", (2019, 2025)),
        ("嘉兴市生态环境保护“十四五”规划", (2021, 2025)),
        ("巴中市“十四五”生态环境保护规划", (2021, 2025)),
        ("青岛市温室气体减排和大气污染治理协同控制三年行动计划（2021-2023年）", (2021, 2023)),
        ("2026年北京市政府工作报告", None),
        ("辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单", (2021, 2021)),
    ],
)
def test_period_of_title(title: str, period: tuple[int, int] | None) -> None:
    assert period_of_title(title) == period


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("嘉兴市生态环境保护“十四五”规划", "规划"),
        ("越城区(高新区、袍江开发区)生态文明示范创建行动方案", "行动方案"),
        ("上海市2021-2023年生态环境保护和建设三年行动计划", "行动方案"),
        ("2026年北京市政府工作报告", "其他"),
        ("关于深入打好北京市污染防治攻坚战的实施意见", "其他"),
        (None, "其他"),
    ],
)
def test_plan_kind(title: str | None, kind: str) -> None:
    assert plan_kind(title) == kind


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("越城区(高新区、袍江开发区)生态文明示范创建行动方案", "越城区"),
        ("2026年内蒙古自治区政府工作报告", "内蒙古自治区"),
        ("嘉兴市生态文明建设规划（修编）（2019～2025年）", "嘉兴市"),
        ("“811”美丽港区建设行动方案（2016-2020）", None),
        ("政府工作报告", None),
        ("中共北京市委北京市人民政府关于深入打好北京市污染防治攻坚战的实施意见", "北京市"),
    ],
)
def test_title_region(title: str, region: str | None) -> None:
    assert title_region(title) == region


# The opening lines of the extra corpus's government work reports (corpus/extra/*.txt), as the
# text parser reads them: a report is not a plan, has no notice, 文号, issue date or period.
WORK_REPORT_HEADS = {
    "beijing": [
        "下载",
        "打印",
        "全屏",
        "收藏",
        "【字号：",
        "加大",
        "还原",
        "减小",
        "】",
        "2026年北京市政府工作报告",
        "——2026年1月25日在北京市第十六届人民代表大会第四次会议上",
        "来源：北京日报",
        "时间：2026-02-02",
        "北京市市长殷勇",
        "殷勇同志作政府工作报告。本报记者戴冰摄",
        "各位代表：",
        "一、2025年工作回顾",
        "2025年是“十四五”规划收官之年。到2025年，完成“十四五”规划主要目标。",
    ],
    "neimenggu": [
        "下载",
        "打印",
        "2026年内蒙古自治区政府工作报告",
        "——2026年2月4日在内蒙古自治区第十四届人民代表大会第五次会议上",
        "来源：内蒙古日报",
        "时间：2026-02-12",
        "各位代表：",
    ],
    "hailar": [
        "政 府 工 作 报 告",
        "——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上",
        "呼伦贝尔市海拉尔区人民政府代区长  萨国文",
        "各位代表：",
        "一、2018年工作回顾",
    ],
}


def _doc(lines: list[str]) -> Document:
    blocks = tuple(Paragraph(index=i, text=t) for i, t in enumerate(lines))
    return Document(source_file="r.txt", sha256="0" * 64, format="txt", blocks=blocks)


@pytest.mark.parametrize(
    ("key", "title", "region"),
    [
        ("beijing", "2026年北京市政府工作报告", "北京市"),
        ("neimenggu", "2026年内蒙古自治区政府工作报告", "内蒙古自治区"),
        # No place in the title: the speaker's line names the district by its government.
        ("hailar", "政府工作报告", "海拉尔区"),
    ],
)
def test_extra_work_reports(key: str, title: str, region: str | None) -> None:
    doc = normalize(_doc(WORK_REPORT_HEADS[key]))
    meta = extract_metadata(doc, Outline())
    assert (meta.title, meta.region, meta.plan_kind) == (title, region, "其他")
    assert (meta.doc_number, meta.issue_date, meta.period_start, meta.period_end) == (None, None, None, None)
    assert meta.issuers == []


def test_numbered_heading_is_never_the_title() -> None:
    doc = normalize(
        _doc(["前言", "本规划依据上位规划编写。", "一、总则", "（三）科学编制规划", "（四）组织实施方案"])
    )
    assert read_front(doc).title is None
    assert read_front(doc).body_start == 0


# The first lines of two real PDFs of corpus/extra as the PDF parser reads them.
BEIJING_OPINIONS_HEAD = [
    "中共北京市委北京市人民政府关于深入打好北京市污染防治攻坚战的实施意见（2022年3月24日）",
    "为贯彻落实《中共中央、国务院关于深入打好污染防治攻坚战的意见》，进一步加强生态环境保护,"
    "推动首都生态环境质量持续改善，结合实际，提出如下实施意见。",
    "一、总体要求",
]
LIAONING_WORKPLAN_HEAD = [
    "关于印发《辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单》的通知"
    "来源：国土空间生态修复处时间：2021-04-22 14:28:00",
    "厅机关各处室：",
    "按照《中共辽宁省委辽宁省人民政府关于全面加强生态环境保护坚决打好污染防治攻坚战的实施意见》"
    "（辽委发〔2018〕27号）文件要求，制定了本计划和措施清单，现印发给你们，请认真贯彻落实。",
    "辽宁省自然资源厅",
    "2021年4月21日",
    "辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单",
    "一、开展年度国土变更调查工作",
]


def test_beijing_opinions_title_date_is_the_issue_date_not_the_title() -> None:
    meta = extract_metadata(normalize(_doc(BEIJING_OPINIONS_HEAD)), Outline())
    assert meta.title == "中共北京市委北京市人民政府关于深入打好北京市污染防治攻坚战的实施意见"
    assert (meta.region, meta.issue_date) == ("北京市", "2022-03-24")
    assert read_front(normalize(_doc(BEIJING_OPINIONS_HEAD))).body_start == 1


def test_liaoning_notice_with_web_byline_and_signature_date() -> None:
    meta = extract_metadata(normalize(_doc(LIAONING_WORKPLAN_HEAD)), Outline())
    assert meta.title == "辽宁省自然资源厅2021年度生态环境保护工作计划和措施清单"
    assert (meta.region, meta.issue_date, meta.issuers) == ("辽宁省", "2021-04-21", ["辽宁省自然资源厅"])
    # A 工作计划 (and its 清单) is not an action plan: extraction-rules.md puts it under 其他.
    assert (meta.period_start, meta.period_end, meta.plan_kind) == (2021, 2021, "其他")
    assert read_front(normalize(_doc(LIAONING_WORKPLAN_HEAD))).body_start == 6
