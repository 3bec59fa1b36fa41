"""Glossary: seed 004's 附件 名词解释, term line by term line, and glossary tables."""

from __future__ import annotations

import pytest

from policy_etl.pipeline import glossary
from policy_etl.pipeline.context import ExtractContext, Outline
from policy_etl.pipeline.patterns.glossary import is_term_line, split_terms
from policy_etl.pipeline.tables import extract_tables
from policy_etl.schemas.document import Block, Cell, Document, Paragraph, Table
from policy_etl.schemas.records import DocumentRecord, Extraction, GlossaryRecord

SHA = "0" * 64

# Every term of raw_docs/004's 名词解释, counted by hand: 32 term lines, one of which
# ("“四个全面”“四个意识”“四个自信") names three terms.
TERMS_004 = [
    "五水共治",
    "山水林田湖草",
    "取缔一批、搬迁一批、豁免一批、规范一批的原则",
    "8个100%",
    "污水零直排区",
    "无废城市",
    "放管服改革",
    "两个较快增长探索",
    "五位一体总体布局",
    "四个全面",
    "四个意识",
    "四个自信",
    "三线一单",
    "亩均论英雄改革",
    "能源双控行动",
    "两横两纵两联结综合运输通道",
    "乘数效应",
    "万亩千亿",
    "一体两翼三大走廊",
    "3+7现代产业体系",
    "1+6规划体系",
    "零碳",
    "碳中和",
    "双控双减",
    "田长制",
    "占补平衡制度",
    "小箱进大箱管理体系",
    "规划一张图",
    "一条红线管控",
    "四边三化",
    "一村万树",
    "双十双百集群",
    "放管服政策",
    "双随机抽查",
    "静脉产业",
]


def run(blocks: list[Block]) -> list[GlossaryRecord]:
    doc = Document(source_file="t.txt", sha256=SHA, format="txt", blocks=tuple(blocks))
    outline = Outline.of([])
    meta = DocumentRecord(source_file="t.txt", sha256=SHA, format="txt")
    return glossary.extract(ExtractContext(doc, outline, meta, tuple(extract_tables(doc, outline))))


@pytest.fixture(scope="module")
def glossary_004(corpus: dict[str, Extraction]) -> dict[str, GlossaryRecord]:
    return {record.term: record for record in corpus["004"].glossary}


def test_004_every_term_in_order(corpus: dict[str, Extraction]) -> None:
    assert len(TERMS_004) == 35
    assert [record.term for record in corpus["004"].glossary] == TERMS_004


@pytest.mark.parametrize(
    ("term", "definition"),
    [
        ("五水共治", "指治污水、防洪水、排涝水、保供水、抓节水五项。"),
        ("能源双控行动", "能源消费总量和工业增加值能耗强度。"),
        ("万亩千亿", "具有万亩左右空间（5～10平方公里）、产出在千亿元以上。"),
        ("3+7现代产业体系", "做强做优三大主导产业，加快发展七个特色产业。"),
        ("静脉产业", "指将生产和消费过程中产生的废弃物进行资源循环利用的产业。"),
        # the three terms of one heading line take the three definition lines in order
        (
            "四个全面",
            "全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党。“四个全面”战略布局。",
        ),
        ("四个意识", "指政治意识、大局意识、核心意识、看齐意识。"),
        ("四个自信", "中国特色社会主义道路自信、理论自信、制度自信、文化自信。"),
    ],
)
def test_004_definitions(glossary_004: dict[str, GlossaryRecord], term: str, definition: str) -> None:
    assert glossary_004[term].definition == definition


def test_004_quotation_marks_stay_inside_definitions_only(glossary_004: dict[str, GlossaryRecord]) -> None:
    assert not [term for term in glossary_004 if any(q in term for q in '“”"')]
    assert glossary_004["双控双减"].definition.startswith("能耗强度和总量的“双控”目标。")


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_seeds_without_glossary(corpus: dict[str, Extraction], key: str) -> None:
    assert corpus[key].glossary == []


@pytest.mark.parametrize(
    ("line", "is_term"),
    [
        ("“五水共治”", True),
        ("能源“双控”行动", True),
        ("“取缔一批、搬迁一批、豁免一批、规范一批”的原则", True),
        ("“3+7”现代产业体系", True),
        ("能源消费总量和工业增加值能耗强度。", False),
        ("做强做优三大主导产业，加快发展七个特色产业。", False),
        ("GDP和GEP规模总量协同较快增长,GDP和GEP之间转化效率实现较快增长。", False),
    ],
)
def test_is_term_line(line: str, is_term: bool) -> None:
    assert is_term_line(line) is is_term


@pytest.mark.parametrize(
    ("line", "terms"),
    [
        ("“四个全面”“四个意识”“四个自信", ["四个全面", "四个意识", "四个自信"]),
        ("“五水共治”", ["五水共治"]),
        ("规划“一张图”", ["规划一张图"]),
        ("“取缔一批、搬迁一批、豁免一批、规范一批”的原则", ["取缔一批、搬迁一批、豁免一批、规范一批的原则"]),
    ],
)
def test_split_terms(line: str, terms: list[str]) -> None:
    assert split_terms(line) == terms


def test_glossary_ends_at_the_next_attachment() -> None:
    lines = [
        "附件1 名词解释",
        "“三线一单”",
        "指生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。",
        "附件2",
        "重点任务分工",
    ]
    records = run([Paragraph(index=i, text=line) for i, line in enumerate(lines)])
    assert [(r.term, r.definition, r.block) for r in records] == [
        ("三线一单", "指生态保护红线、环境质量底线、资源利用上线和生态环境准入清单。", 1)
    ]


def test_term_lines_outside_a_glossary_are_not_terms() -> None:
    lines = ["“五水共治”", "指治污水、防洪水、排涝水、保供水、抓节水五项。"]
    assert run([Paragraph(index=i, text=line) for i, line in enumerate(lines)]) == []


def test_glossary_table() -> None:
    rows = [
        ("名词", "解释"),
        ("“无废城市”", "以创新、协调、绿色、开放、共享的新发展理念为引领的城市发展模式。"),
        ("“田长制”", "为落实永久基本农田保护而建立的以村（社区）为单位的网格化管理机制。"),
    ]
    cells = tuple(Cell(row=r, col=c, text=text) for r, row in enumerate(rows) for c, text in enumerate(row))
    table = Table(index=0, n_rows=3, n_cols=2, cells=cells, caption="名词解释")
    records = run([table])
    assert [(r.term, r.block) for r in records] == [("无废城市", 0), ("田长制", 0)]
    assert records[1].definition == "为落实永久基本农田保护而建立的以村（社区）为单位的网格化管理机制。"
