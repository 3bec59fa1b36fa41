"""The plain-text parser (one paragraph per line, a cell line keeps its TAB), and the tab-per-cell
tables the normalize stage rebuilds from its paragraphs into grids with spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_etl.parsers import parse_bytes
from policy_etl.parsers.text import lines_to_blocks, split_lines
from policy_etl.pipeline.normalize import normalize
from policy_etl.schemas.document import Document, Paragraph, Table


def parse_text(text: str, name: str = "t.txt") -> Document:
    """Parsed and normalized: tables are rebuilt in the normalize stage."""
    return normalize(parse_bytes(Path(name), text.encode("utf-8")))


def test_the_parser_keeps_cell_lines_as_paragraphs_with_their_tab_and_builds_no_table() -> None:
    doc = parse_bytes(Path("t.txt"), "表1 示例\n\t序号 \n\t\n\n\t1\n".encode())
    assert not doc.tables()
    assert [(b.text, b.loc.line) for b in doc.blocks] == [
        ("表1 示例", 1),
        ("\t序号", 2),
        ("\t", 3),
        ("\t1", 5),
    ]


def only_table(doc: Document) -> Table:
    (table,) = doc.tables()
    return table


def test_each_nonblank_line_is_a_paragraph_with_its_line_and_offsets() -> None:
    doc = parse_text("一、总体要求\n\n（一）指导思想。全面贯彻。\n")
    assert [b.text for b in doc.blocks] == ["一、总体要求", "（一）指导思想。全面贯彻。"]
    second = doc.blocks[1]
    assert isinstance(second, Paragraph)
    assert second.loc.line == 3
    assert second.loc.char_start == len("一、总体要求\n\n")


def test_tab_lines_form_cells_and_blank_lines_separate_rows() -> None:
    text = "表1 示例\n\t序号\n\t任务\n\n\t1\n\t治水\n\n\t2\n\t治气\n\n\n正文。\n"
    doc = parse_text(text)
    table = only_table(doc)
    assert table.as_grid() == [["序号", "任务"], ["1", "治水"], ["2", "治气"]]
    assert table.caption == "表1 示例"
    assert isinstance(doc.blocks[-1], Paragraph) and doc.blocks[-1].text == "正文。"


def test_a_line_without_tab_continues_the_cell_and_cjk_lines_join_without_space() -> None:
    text = "\t专项行动\n\n（牵头单位）\n\t指标\n性质\n\n\t绿色\n\tPM2.5\nconcentration\n"
    table = only_table(parse_text(text))
    assert table.as_grid()[0] == ["专项行动（牵头单位）", "指标性质"]
    assert table.as_grid()[1] == ["绿色", "PM2.5 concentration"]


def test_empty_leading_cells_below_a_body_cell_merge_downwards() -> None:
    text = "\t序号\n\t行动\n\t任务\n\n\t1\n\t治水\n\t甲\n\n\t\n\t\n\t乙\n\n\t2\n\t治气\n\t丙\n"
    table = only_table(parse_text(text))
    spans = {(c.row, c.col): (c.row_span, c.col_span, c.text) for c in table.cells}
    assert spans[(1, 0)] == (2, 1, "1")
    assert spans[(1, 1)] == (2, 1, "治水")
    assert (2, 0) not in spans and (2, 1) not in spans
    assert spans[(3, 0)] == (1, 1, "2")
    assert table.filled_grid()[2] == ["1", "治水", "乙"]


def test_empty_cells_under_the_header_row_stay_empty() -> None:
    text = "\t甲\n\t乙\n\n\t\n\t值\n"
    table = only_table(parse_text(text))
    assert table.as_grid() == [["甲", "乙"], ["", "值"]]


def test_two_blank_lines_end_the_table() -> None:
    doc = parse_text("\t甲\n\t乙\n\n\t1\n\t2\n\n\n后文\n")
    assert isinstance(doc.blocks[0], Table)
    assert doc.blocks[0].as_grid() == [["甲", "乙"], ["1", "2"]]
    assert isinstance(doc.blocks[1], Paragraph) and doc.blocks[1].text == "后文"


@pytest.mark.parametrize(
    "text",
    [
        "\t一、总体要求\n\t二、主要目标\n\t三、重点任务\n",  # TAB-indented paragraphs: one row
        "\t一、总体要求\n\n\t二、主要目标\n\n\t三、重点任务\n",  # with blank lines: one column
    ],
)
def test_tab_indented_paragraphs_are_no_table(text: str) -> None:
    doc = parse_text(text)
    assert [b.text for b in doc.blocks] == ["一、总体要求", "二、主要目标", "三、重点任务"]


def test_split_lines_keeps_offsets_for_crlf() -> None:
    lines = split_lines("甲\r\n乙\r\n")
    assert [(x.number, x.start, x.text) for x in lines] == [(1, 0, "甲"), (2, 3, "乙")]
    assert [b.text for b in lines_to_blocks(lines)] == ["甲", "乙"]  # type: ignore[union-attr]


# -- the seeds' tables ------------------------------------------------------------------------


def test_seed_000_responsibility_table_has_four_columns_and_48_task_rows(
    seed_docs: dict[str, Document],
) -> None:
    (table,) = seed_docs["000"].tables()
    grid = table.filled_grid()
    assert table.n_cols == 4
    assert grid[0] == ["序号", "专项行动（牵头单位）", "主要任务", "责任单位（排在第一位的为牵头单位）"]
    assert table.n_rows == 1 + 48
    assert grid[1][:3] == ["1", "绿色经济培育行动（经发局）", "促进产业结构和布局调整"]
    # the 专项行动 cell is merged over its four tasks
    group = next(c for c in table.cells if c.text == "绿色经济培育行动（经发局）")
    assert (group.row, group.col, group.row_span) == (1, 1, 4)
    assert grid[-1][2:] == ["建立“多元投入”体系", "财政（地税）分局，环保局"]


def test_seed_002_table1_keeps_merged_domain_and_split_indicator_name(seed_docs: dict[str, Document]) -> None:
    table = seed_docs["002"].tables()[0]
    assert table.caption == "表1 嘉兴市生态文明建设规划指标（国家级）"
    assert table.n_cols == 11
    cells = {(c.row, c.col): c for c in table.cells}
    header = [cells[(0, col)].text for col in (0, 1, 2, 3, 5, 6, 7, 8, 9, 10)]
    assert header == [
        "领域",
        "任务",
        "序号",
        "指标名称",
        "单位",
        "指标值",
        "指标属性",
        "2018年现状值",
        "2020年规划值",
        "2025年规划值",
    ]
    assert cells[(0, 3)].col_span == 2
    domain = cells[(1, 0)]
    assert (domain.text, domain.row_span) == ("生态制度", 6)
    # a row without a sub-indicator: the name spans both name columns, values under their headers
    row3 = [c for c in table.cells if c.row == 3]
    assert [(c.col, c.col_span, c.text) for c in row3][:3] == [
        (2, 1, "3"),
        (3, 2, "生态文明建设工作占党政实绩考核的比例"),
        (5, 1, "%"),
    ]
    grid = table.filled_grid()
    assert grid[3][5:] == ["%", "≥20", "约束性", "22", "25", "30"]
    # a row with a sub-indicator keeps both name cells
    air = next(r for r in grid if r[4] == "优良天数比例")
    assert air[3] == "环境空气质量"
    assert air[5:] == ["%", "完成上级规定的考核任务；保持稳定或持续改善", "约束性", "76.7", "80", "85"]
    pm = next(r for r in grid if r[4] == "PM2.5浓度下降幅度")
    assert pm[3] == "环境空气质量" and pm[8:10] == ["39", "35"]


def test_seed_004_indicator_table_rows(seed_docs: dict[str, Document]) -> None:
    tables = seed_docs["004"].tables()
    assert [t.caption for t in tables][:2] == [
        "表1 上虞区环境保护“十三五”规划指标完成情况表",
        "表2 上虞区生态环境保护“十四五”重点指标",
    ]
    grid = tables[1].filled_grid()
    pm = next(r for r in grid if "PM2.5" in r[3])
    assert pm[-2:] == ["35.2（“十三五”均值）", "25"]
    assert pm[0] == "约束性指标"


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-16"])
def test_seed_in_another_encoding_parses_to_the_same_blocks(
    encoding: str, seed_docs: dict[str, Document]
) -> None:
    from policy_etl.pipeline.normalize import normalize
    from tests.conftest import seed_path

    text = seed_path("002").read_text(encoding="utf-8")
    data = text.encode(encoding)
    doc = normalize(parse_bytes(Path("002.txt"), data))
    expected = seed_docs["002"]
    assert [b.model_dump(exclude={"loc"}) for b in doc.blocks] == [
        b.model_dump(exclude={"loc"}) for b in expected.blocks
    ]
