"""Deadlines: dated commitment phrases, from real corpus phrases and the seeds."""

from __future__ import annotations

import pytest

from policy_etl.pipeline import deadlines
from policy_etl.pipeline.context import ExtractContext, Outline
from policy_etl.pipeline.deadlines import find_deadlines
from policy_etl.schemas.document import Document, Paragraph
from policy_etl.schemas.records import DocumentRecord, Extraction, SectionRecord

SHA = "0" * 64


@pytest.mark.parametrize(
    ("text", "phrase", "year", "month", "day", "kind"),
    [
        ("到2020年，全区水环境质量进一步改善", "到2020年", 2020, None, None, "by"),
        ("到2016年年底，防洪薄弱环节基本得到治理", "到2016年年底", 2016, None, None, "by"),
        ("2017年底前全面清理非法设置的入海排污口", "2017年底前", 2017, None, None, "by"),
        ("2021年6月底前完成排查", "2021年6月底前", 2021, 6, None, "by"),
        ("2021年7月1日起,所有重型柴油车注册登记应当符合", "2021年7月1日起", 2021, 7, 1, "from"),
        ("力争2021年完成创建", "力争2021年", 2021, None, None, "by"),
        ("展望二〇三五年，生态环境根本好转", "展望二〇三五年", 2035, None, None, "by"),
        ("展望 2035 年,高质量建成美丽中国先行示范区", "展望 2035 年", 2035, None, None, "by"),
        ("2030年前实现碳达峰", "2030年前", 2030, None, None, "by"),
        ("2021年上半年完成方案编制", "2021年上半年", 2021, 6, None, "by"),
        ("自2022年开始实施", "自2022年开始", 2022, None, None, "from"),
        ("2025年,力争长三角生态绿色一体化发展示范区嘉善片区率先实现碳达峰", "2025年", 2025, None, None, "by"),
    ],
)
def test_deadline_phrases(
    text: str, phrase: str, year: int, month: int | None, day: int | None, kind: str
) -> None:
    (found,) = list(find_deadlines(text))
    assert (text[found.start : found.end], found.year, found.month, found.day, found.kind) == (
        phrase,
        year,
        month,
        day,
        kind,
    )


@pytest.mark.parametrize(
    "text",
    [
        "单位GDP二氧化碳排放较2020年下降16%",  # baseline year
        "与2015年相比，下降18.5%",  # baseline year
        "2018年嘉兴市共产生危险废物65.77万吨",  # a past fact
        "做好2022年杭州亚运会环境质量保障",  # a year inside a name
        "《“811”美丽港区建设行动方案（2016-2020）》",  # the plan period in a title
        "2017年5月19日",  # the issue date
        "现就2016－2020年开展“811”美丽港区建设",  # a period, not a deadline
        "2012～2018年，交通、城镇工矿用地分别增加",  # a past period
        "2018年以来，全市累计完成",  # a past period
        "2016年至2020年",  # a range
    ],
)
def test_not_deadlines(text: str) -> None:
    assert list(find_deadlines(text)) == []


def _doc(*texts: str) -> Document:
    return Document(
        source_file="t.txt",
        sha256=SHA,
        format="txt",
        blocks=tuple(Paragraph(index=i, text=t) for i, t in enumerate(texts)),
    )


def _ctx(doc: Document, sections: list[SectionRecord] | None = None, **meta: int) -> ExtractContext:
    record = DocumentRecord(source_file="t.txt", sha256=SHA, format="txt", **meta)
    return ExtractContext(doc=doc, outline=Outline.of(sections or []), meta=record)


def test_review_sections_and_years_before_the_plan_give_no_deadlines() -> None:
    doc = _doc(
        "一、“十三五”回顾",
        "到2020年，市控以上断面水质达到91.8%。",
        "二、主要目标",
        "到2025年，全市PM2.5平均浓度控制在27微克/立方米以下。",
        "至2020年底已完成整治。",
    )
    records = deadlines.extract(_ctx(doc, period_start=2021, period_end=2025))
    assert [(r.block, r.year) for r in records] == [(3, 2025)]


def test_outline_sections_are_used_when_present() -> None:
    doc = _doc("现状与问题", "到2020年完成。", "主要任务", "到2022年完成。")
    sections = [
        SectionRecord(ordinal=1, level=1, label="一", title="现状与问题", block=0),
        SectionRecord(ordinal=2, level=1, label="二", title="主要任务", block=2),
    ]
    records = deadlines.extract(_ctx(doc, sections))
    assert [(r.section, r.year, r.quote) for r in records] == [(2, 2022, "到2022年完成")]


def test_seed_deadlines(corpus: dict[str, Extraction]) -> None:
    d000 = {(r.year, r.month, r.kind, r.quote[:8]) for r in corpus["000"].deadlines}
    assert (2016, None, "by", "到2016年年底") in d000
    assert (2017, None, "by", "2017年底前全面"[:8]) in d000
    d001 = {(r.year, r.month, r.day, r.kind) for r in corpus["001"].deadlines}
    assert {(2021, 7, 1, "from"), (2035, None, None, "by"), (2025, None, None, "by")} <= d001
    # 002 states its two horizons; its 2018 status notes (指标说明) give none
    assert [(r.year, r.quote[:8]) for r in corpus["002"].deadlines if r.table is None] == [
        (2020, "到2020年底，"),
        (2025, "到2025年底，"),
    ]
    assert {r.year for r in corpus["003"].deadlines} >= {2020, 2022}
    assert {r.year for r in corpus["004"].deadlines} >= {2025}
    for extraction in corpus.values():
        assert all(r.year >= 2016 for r in extraction.deadlines)
        assert not any("亚运会" in r.quote[:12] for r in extraction.deadlines)
