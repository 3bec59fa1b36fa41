"""Normalize: each text rule and each web-chrome rule on real phrases, and clean seeds."""

from __future__ import annotations

import pytest

from policy_etl.pipeline.normalize import (
    TEXT_RULES,
    clean_text,
    drop_bookmarks,
    footer_start,
    furniture_reason,
    join_cjk_spaces,
    normalize,
)
from policy_etl.schemas.document import Cell, Document, Paragraph, Table
from policy_etl.schemas.records import Extraction


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("[bookmark: _Toc8881]前  言", "前  言"),
        ("[bookmark: _Toc1][bookmark: _Toc2]1、“十三五”回顾", "1、“十三五”回顾"),
    ],
)
def test_drop_bookmarks(raw: str, clean: str) -> None:
    assert drop_bookmarks(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("生态文 明", "生态文明"),
        ("到 2025 年,绿色出行比例提升至 70%", "到2025年,绿色出行比例提升至70%"),
        ("前  言", "前言"),
        ("发挥嘉兴 G60科创大走廊作用", "发挥嘉兴 G60科创大走廊作用"),  # a Latin letter keeps its space
        ("GB 3095-2012", "GB 3095-2012"),
        ("实施 NOx 和 VOCs 协同控制", "实施 NOx 和 VOCs 协同控制"),
    ],
)
def test_join_cjk_spaces(raw: str, clean: str) -> None:
    assert join_cjk_spaces(raw) == clean


def test_text_rules_order() -> None:
    assert [r.__name__ for r in TEXT_RULES] == [
        "drop_bookmarks",
        "join_cjk_spaces",
        "join_split_decimals",
        "collapse_space_runs",
        "strip_edges",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("表1  上虞区环境保护“十三五”规划指标完成情况表", "表1 上虞区环境保护“十三五”规划指标完成情况表"),
        ("表2 嘉兴市生态文明建设规划指标（省级）", "表2 嘉兴市生态文明建设规划指标（省级）"),
        ("专栏3 重点工程", "专栏3 重点工程"),
        ("全市 2 个站点", "全市2个站点"),
        ("国控站点PM2. 5年均浓度控制在38微克/立方米以下", "国控站点PM2.5年均浓度控制在38微克/立方米以下"),
        ("1. 5年内完成", "1. 5年内完成"),
        ("PM2 .5浓度下降幅度", "PM2.5浓度下降幅度"),
        ("PM2 . 5浓度", "PM2 . 5浓度"),
        ("表1 .5", "表1 .5"),
    ],
)
def test_caption_labels_keep_their_space(text: str, expected: str) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("首页 > 大气治理 > 脱硫脱硝 > 烟气脱硫 > 政策 > 正文", "breadcrumb"),
        ("首页", "breadcrumb"),
        (">政务公开>组织机构>区政府部门(单位)>区政府办公室(区外事办、区数据局)>部门文件", "breadcrumb"),
        ("索引号: 592878027/2018-04271组配分类: 部门文件", "info_box"),
        ("发布机构: 区府办发文日期: 2018-11-01", "info_box"),
        ("公开方式: 主动公开公开范围: 面向全社会", "info_box"),
        ("发布日期: 2018-11-01 20: 46浏览次数:", "info_box"),
        ("2021-12-16 11:16来源: 北极星环保网", "source_line"),
        ("来源：北京日报", "source_line"),
        ("时间：2026-02-02", "source_line"),
        (
            "北极星环保网获悉,12月10日,嘉兴市发展改革委、市生态环境局发布关于印发《嘉兴市生态环境保护“十四五”规划》的通知",
            "news_lead",
        ),
        ("殷勇同志作政府工作报告。本报记者戴冰摄", "photo_caption"),
        ("打开北极星学社APP,阅读体验更佳", "page_tool"),
        ("展开全文", "page_tool"),
        ("收藏", "page_tool"),
        ("【字号：", "page_tool"),
        ("相关报道：", "page_tool"),
        ("今日", "ranking"),
        ("本周", "ranking"),
        ("本月", "ranking"),
        ("新闻排行榜", "ranking"),
        ("1.png", "image_placeholder"),
        ("24.png", "image_placeholder"),
        ("凡来源注明北极星*网的内容为北极星原创,转载需获授权。", "copyright"),
    ],
)
def test_web_chrome_rules(line: str, rule: str) -> None:
    assert furniture_reason(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "嘉兴市生态环境保护“十四五”规划",
        "(一)主要成效",
        "1.总体目标",
        "积极畅通公众参与渠道。落实生态环境政府信息公开相关要求,继续推进环境政务新媒体矩阵建设。",
        "来源解析表明，PM2.5主要来自机动车。",
        "今日起实施新的排放标准。",
        "2020",  # a 完成时间 cell of 003's appendix, not a counter
        "附件1",
    ],
)
def test_plan_text_is_not_chrome(line: str) -> None:
    assert furniture_reason(line) is None


def _doc(*blocks: Paragraph | Table) -> Document:
    return Document(source_file="t.txt", sha256="0" * 64, format="txt", blocks=blocks)


def test_footer_after_special_statement_moves_to_furniture() -> None:
    lines = ["四、保障措施", "（一）强化组织领导。", "特别声明:北极星转载其他网站内容。", "2", "投稿"]
    doc = normalize(_doc(*(Paragraph(index=i, text=t) for i, t in enumerate(lines))))
    assert [b.text for b in doc.blocks] == lines[:2]  # type: ignore[union-attr]
    assert [b.text for b in doc.furniture] == lines[2:]  # type: ignore[union-attr]


def test_no_footer_when_a_table_follows() -> None:
    table = Table(index=1, n_rows=1, n_cols=1, cells=(Cell(row=0, col=0, text="x"),))
    blocks = [Paragraph(index=0, text="特别声明：以下为附表。"), table]
    assert footer_start(blocks) is None


def test_blocks_are_renumbered_and_source_kept(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    first = seed_docs["004"].blocks[0]
    assert isinstance(first, Paragraph)
    assert (first.text, first.source_text) == ("前言", "[bookmark: _Toc8881]前  言")


def test_001_news_lead_and_page_chrome_are_furniture(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["001"]
    furniture = [b.text for b in doc.furniture]  # type: ignore[union-attr]
    # the site's summary is printed twice before the notice: both copies are furniture
    assert sum(t.startswith("北极星环保网获悉") for t in furniture) == 2
    assert (
        furniture[-1] == "打开北极星学社APP,阅读体验更佳" and "1.png" in furniture and "24.png" in furniture
    )
    assert len(furniture) == 19
    texts = [b.text for b in doc.paragraphs()]
    assert "市发展改革委市生态环境局关于印发《嘉兴市生态环境保护“十四五”规划》的通知" in texts
    assert texts[-1].startswith("(五)强化评估考核,力推规划实施")


def test_003_disclosure_box_is_furniture(seed_docs: dict[str, Document]) -> None:
    doc = seed_docs["003"]
    assert len(doc.furniture) == 7
    assert doc.paragraphs()[0].text.startswith("绍兴市越城区人民政府办公室关于印发")


# Text that must never reach the database: converter artefacts and web chrome.
FORBIDDEN = (
    "[bookmark",
    "北极星",
    "浏览次数",
    "索引号",
    "发布机构",
    "首页",
    "特别声明",
    "APP",
    ".png",
    "排行榜",
)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_chrome_or_artefact_in_stored_text(
    corpus: dict[str, Extraction], seed_docs: dict[str, Document]
) -> None:
    for key, extraction in corpus.items():
        stored = _strings(extraction.model_dump(exclude={"document": {"sha256", "source_file"}}))
        stored += [p.text for p in seed_docs[key].paragraphs()]
        stored += [c.text for t in seed_docs[key].tables() for c in t.cells]
        for text in stored:
            assert not any(word in text for word in FORBIDDEN), (key, text[:80])
            assert furniture_reason(text) is None, (key, text[:80])
