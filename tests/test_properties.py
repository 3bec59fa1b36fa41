"""Property tests: the text parser, normalize and every extractor on generated input.

Whatever text arrives, parsing raises nothing but ParseError, tables are well-formed grids,
normalize is idempotent and only removes, and extraction raises nothing and produces records
that validate again from their own dump.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policy_etl.parsers import ParseError, parse_bytes
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.normalize import normalize, recover_tables
from policy_etl.schemas.document import Document, Paragraph, Table
from policy_etl.schemas.records import Extraction

PROFILE = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# Numbering the section extractor reads, as the seeds print it.
NUMBERING = [
    "一、", "二、", "十二、", "（一）", "（三）", "(二)", "1.", "2、", "12．", "（1）", "(4)", "①", "⑩",
    "1.1", "2.3.1", "附件1", "附件", "附表2", "第一章", "第三节", "专栏1", "专栏 2", "表1", "表 3",
]  # fmt: skip
# Phrases from the seeds: deadlines, comparators, units, agencies, money, periods.
PHRASES = [
    "到2025年", "到2035年底", "2021—2025年", "“十四五”期间", "全市PM2.5平均浓度", "下降到30微克/立方米",
    "达到90%以上", "不低于95%", "控制在", "以内", "完成国家下达的任务", "市生态环境局牵头",
    "（区发改局、区住建局负责）", "责任单位：", "总投资5.2亿元", "万元", "基本消除劣V类水体",
    "主要指标", "约束性", "预期性", "2020年基准值", "目标值", "序号", "指标名称", "单位", "%", "吨",
    "。", "；", "：", "，", " ", "\u3000", "生态环境保护", "规划", "行动方案", "嘉兴市", "港区",
]  # fmt: skip

# Header rows of the table kinds the extractors read (indicator, responsibility, project, glossary).
HEADERS = [
    ["序号", "指标名称", "单位", "2020年", "2025年", "属性"],
    ["序号", "主要任务", "牵头单位", "配合单位", "完成时限"],
    ["序号", "项目名称", "建设内容", "总投资（万元）", "建设期限", "责任单位"],
    ["序号", "名词", "解释"],
    ["类别", "指标", "目标值"],
]
# Front matter the metadata extractor reads: titles with periods, document numbers, issue dates.
FRONT = st.one_of(
    st.tuples(st.integers(1800, 2300), st.integers(1800, 2300)).map(
        lambda p: f"嘉兴市生态环境保护“十四五”规划（{p[0]}—{p[1]}年）"
    ),
    st.integers(1800, 2300).map(lambda y: f"嘉港区工委办〔{y}〕31号"),
    st.tuples(st.integers(1800, 2300), st.integers(0, 13), st.integers(0, 32)).map(
        lambda d: f"{d[0]}年{d[1]}月{d[2]}日"
    ),
    st.just("关于印发《美丽港区建设行动方案》的通知"),
    st.just("名词解释"),
    st.just("专栏1 重点工程"),
)

numbers = st.one_of(
    st.integers(-10, 10**7).map(str),
    st.floats(0, 1000, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.integers(0, 300).map(lambda n: f"{n}%"),
    st.integers(1800, 2300).map(lambda y: f"{y}年"),
    st.integers(1800, 2300).map(lambda y: f"到{y}年"),
    st.tuples(st.integers(1900, 2200), st.integers(0, 13)).map(lambda ym: f"{ym[0]}年{ym[1]}月"),
)
fragment = st.one_of(st.sampled_from(PHRASES), numbers, st.text(max_size=6))
sentence = st.lists(fragment, min_size=1, max_size=6).map("".join)
numbered_line = st.tuples(st.sampled_from(["", *NUMBERING]), sentence).map("".join)


@st.composite
def tab_table(draw: st.DrawFn) -> list[str]:
    """A table as Word-to-text converters dump it: a TAB line per cell, a blank line per row."""
    n_cols = draw(st.integers(1, 6))
    lines: list[str] = ["\t" + cell for cell in draw(st.sampled_from([[], *HEADERS]))]
    for r in range(draw(st.integers(1, 6))):
        if r or lines:
            lines.append("")
        for _ in range(draw(st.integers(1, n_cols))):  # short rows: merged cells
            lines.append("\t" + draw(st.one_of(st.just(""), sentence)))
    return lines


@st.composite
def plan_text(draw: st.DrawFn) -> str:
    lines: list[str] = [draw(sentence), *draw(st.lists(FRONT, max_size=4))]
    for _ in range(draw(st.integers(0, 25))):
        lines.extend(
            draw(
                st.one_of(
                    numbered_line.map(lambda x: [x]), tab_table(), st.just([""]), FRONT.map(lambda x: [x])
                )
            )
        )
    return "\n".join(lines)


# Random structure: cells, blank lines and paragraphs in any order.
structured_text = st.lists(
    st.one_of(st.just(""), st.just("\t"), sentence.map(lambda s: "\t" + s), sentence, st.just("\n")),
    max_size=40,
).map("\n".join)


def parse_text(text: str) -> Document | None:
    try:
        return parse_bytes(Path("generated.txt"), text.encode("utf-8"))
    except ParseError:
        return None


def assert_tables_well_formed(doc: Document) -> None:
    for table in doc.tables():
        covered: set[tuple[int, int]] = set()
        for cell in table.cells:
            assert cell.row >= 0 and cell.row + cell.row_span <= table.n_rows, cell
            assert cell.col >= 0 and cell.col + cell.col_span <= table.n_cols, cell
            slots = {
                (r, c)
                for r in range(cell.row, cell.row + cell.row_span)
                for c in range(cell.col, cell.col + cell.col_span)
            }
            assert not covered & slots, f"cells overlap at {covered & slots}"
            covered |= slots


@PROFILE
@given(st.one_of(st.text(), structured_text))
def test_text_parser_raises_only_parse_error_and_builds_sound_grids(text: str) -> None:
    doc = parse_text(text)
    if doc is not None:
        # the grids the normalize stage rebuilds from the paragraphs, before any repair
        assert_tables_well_formed(doc.model_copy(update={"blocks": tuple(recover_tables(doc.blocks))}))


@PROFILE
@given(st.binary(max_size=2000))
def test_text_parser_on_arbitrary_bytes_raises_only_parse_error(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        parse_bytes(Path("generated.txt"), data)


def _is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


def _texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)] + [
        c.text for b in doc.blocks if isinstance(b, Table) for c in b.cells
    ]


@PROFILE
@given(st.one_of(structured_text, plan_text()))
def test_normalize_is_idempotent_and_only_removes(text: str) -> None:
    doc = parse_text(text)
    if doc is None:
        return
    once = normalize(doc)
    assert normalize(once) == once
    original = "".join(_texts(doc)).translate(_NO_SPACE)
    for cleaned in _texts(once) + [b.text for b in once.furniture if isinstance(b, Paragraph)]:
        assert _is_subsequence(cleaned.translate(_NO_SPACE), original)


_NO_SPACE = str.maketrans("", "", " \t\u00a0\u3000\ufeff")


@PROFILE
@given(plan_text())
@example("嘉兴市生态环境保护规划\n一、总体要求\n到2025年，PM2.5平均浓度下降到30微克/立方米。")
# Regressions hypothesis found: a year before 1949 became a record the schema rejects, failing
# the whole file (deadline, title period, list year of a goal list, project box period), and a
# box item without a name became a nameless project.
@example("嘉兴市生态环境保护规划\n一、总体要求\n到1934年，全面完成任务。")
@example("嘉兴市生态环境保护“十四五”规划（1924—2028年）\n一、总体要求\n全面完成任务。")
@example("嘉兴市生态环境保护规划（1930-1935年）\n一、主要目标\n全市PM2.5平均浓度下降到30微克/立方米。")
@example(
    "嘉兴市生态环境保护规划\n一、主要目标\n到1930年，主要目标如下：\n（一）全市PM2.5平均浓度下降到30微克/立方米。"
)
@example(
    "嘉兴市生态环境保护规划\n专栏1 重点工程\n①。建设污水处理厂。\n②污水管网工程（1912-1918年）。建设管网。"
)
def test_every_extractor_runs_and_every_record_validates_again(text: str) -> None:
    doc = parse_text(text)
    if doc is None:
        return
    extraction = extract(normalize(doc))
    again = Extraction.model_validate(extraction.model_dump())
    assert again == extraction
    for kind in ("sections", "tables", "targets", "deadlines", "responsibilities", "projects", "glossary"):
        for record in getattr(extraction, kind):
            assert type(record).model_validate(record.model_dump()) == record
