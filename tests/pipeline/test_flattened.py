"""One-cell-per-line tables (seed 003's attachments) rebuilt into rows."""

from __future__ import annotations

import pytest

from policy_etl.lexicon import is_unit, is_unit_list, split_units
from policy_etl.pipeline.flattened import header_role, line_class, read_flattened
from policy_etl.schemas.document import Document, Table


def _tables(seed_docs: dict[str, Document]) -> dict[str, Table]:
    tables = seed_docs["003"].tables()
    assert len(tables) == 3
    return dict(zip(("附件1", "附件2", "附件3"), tables, strict=True))


def _body(table: Table) -> list[list[str]]:
    """Filled rows that are not chapter rows (a chapter row is one cell across the table)."""
    chapters = {c.row for c in table.cells if c.col_span == table.n_cols}
    return [row for r, row in enumerate(table.filled_grid()) if r > 0 and r not in chapters]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17", "number"),
        ("2022", "year"),
        ("一、大力推进绿色发展", "chapter"),
        ("区发改局", "units"),
        ("区经信局、区质监局", "units"),
        ("区级相关部门、皋埠镇、富盛镇", "units"),
        ("越城区税务局", "units"),
        ("加快淘汰落后产能。", "sentence"),
        ("建设城镇生活小区“污水零直排区”。", "sentence"),
        ("优化调整", "label"),
        ("区”创建", "label"),
        ("“五水共治”碧水行动", "label"),
        ("各牵头单位、各镇街制定实施方案。", "sentence"),
    ],
)
def test_line_class(text: str, expected: str) -> None:
    assert line_class(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("序号", "no"),
        ("牵头单位", "unit"),
        ("完成时间", "year"),
        ("项目名称", "name"),
        ("项目", "group"),
        ("工作内容", "group"),
        ("主要工作任务", "text"),
        ("打赢蓝天保卫战", None),
        ("一、大力推进绿色发展", None),
    ],
)
def test_header_role(text: str, expected: str | None) -> None:
    assert header_role(text) == expected


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("区级相关部门、各镇街", ["区级相关部门", "各镇街"]),
        ("各区、市政府，市生态环境局", ["各区、市政府", "市生态环境局"]),
        ("经发局、环保局，质监分局，", ["经发局", "环保局", "质监分局"]),
        ("区环保分局\n区级相关部门、各镇街", ["区环保分局", "区级相关部门", "各镇街"]),
        ("财政（地税）分局；乍浦镇", ["财政（地税）分局", "乍浦镇"]),
    ],
)
def test_split_units(text: str, units: list[str]) -> None:
    assert split_units(text) == units
    assert is_unit_list(text)


@pytest.mark.parametrize(
    "text", ["优化城乡布局", "打印 关闭", "信息来源: 区府办", "天然气", "建制街道建设“污水零直排区”"]
)
def test_not_units(text: str) -> None:
    assert not is_unit(text)


def test_three_attachments_have_captions(seed_docs: dict[str, Document]) -> None:
    tables = _tables(seed_docs)
    assert tables["附件1"].caption == "越城区生态文明示范创建行动方案重点项目表"
    assert tables["附件2"].caption == "越城区生态文明示范创建行动方案工作任务责任分解表"
    assert tables["附件3"].caption == "越城区生态文明示范创建行动方案2018年主要工作任务清单"
    assert [t.n_cols for t in tables.values()] == [4, 5, 5]


def test_attachment2_rows(seed_docs: dict[str, Document]) -> None:
    table = _tables(seed_docs)["附件2"]
    grid = table.as_grid()
    assert grid[0] == ["序号", "工作内容", "工作任务", "牵头单位", "配合单位"]
    rows = _body(table)
    # 99 numbered rows (65 is skipped as printed) and one unnumbered row after 27
    assert len(rows) == 100
    numbers = [r[0] for r in grid[1:] if r[0] and r[0][0].isdigit()]
    assert numbers == [str(n) for n in range(1, 101) if n != 65]
    row21 = next(r for r in rows if r[0] == "21")
    assert row21[1] == "优化调整能源结构"  # group merged down from row 20
    assert row21[3:] == ["区发改局", "区经信局、区质监局"]
    # the row after 27 has no number of its own: the 序号 cell above covers it
    r27 = next(i for i, r in enumerate(grid) if r[0] == "27")
    assert grid[r27 + 1][0] is None
    assert grid[r27 + 1][2] == "严格控制餐饮油烟,加大超标排放处罚力度。"
    assert grid[r27 + 1][3:] == ["区综合执法局", "区市场监管局、各镇街"]
    chapters = [r[0] for r in grid if r[1] is None and r[0] and r[0][0] in "一二三四五六七八"]
    assert len(chapters) == 8 and chapters[0] == "一、大力推进绿色发展"


def test_attachment2_cells_broken_over_lines(seed_docs: dict[str, Document]) -> None:
    grid = _tables(seed_docs)["附件2"].filled_grid()
    by_no = {r[0]: r for r in grid[1:]}
    assert by_no["52"][1] == "推进农用地安全利用和治理修复"
    assert by_no["58"][4].split("\n") == [
        "区综合执法局",
        "区农水局",
        "区商务局",
        "区卫计局",
        "区建设局",
        "各镇街",
    ]
    assert by_no["95"][3:] == ["区级相关部门、各镇街", ""]


def test_attachment3_group_column_comes_first(seed_docs: dict[str, Document]) -> None:
    table = _tables(seed_docs)["附件3"]
    rows = _body(table)
    assert len(rows) == 45
    assert [r[1] for r in rows] == [str(n) for n in range(1, 46)]
    assert rows[0][0] == "打赢蓝天保卫战" and rows[7][0] == "打赢蓝天保卫战"
    assert rows[8][0] == "五水共治“碧水”行动"
    assert rows[44][3:] == ["区环保分局", "区发改局、区经信局、区财政局"]
    # the web page's "信息来源" / "打印 关闭" lines after the table are not a row (cleanup
    # moves them to the furniture)
    assert not any("信息来源" in c.text for c in table.cells)
    assert any("信息来源" in getattr(b, "text", "") for b in seed_docs["003"].furniture)


def test_attachment1_projects(seed_docs: dict[str, Document]) -> None:
    table = _tables(seed_docs)["附件1"]
    grid = table.as_grid()
    assert grid[0] == ["序号", "项目名称", None, "完成时间"]
    rows = _body(table)
    assert len(rows) == 21  # 19 projects, rows 17 and 18 with two content/year pairs
    assert [r[0] for r in rows].count("17") == 2
    first = rows[0]
    assert first[1] == "天然气管网建设" and first[3] == "2020"
    assert first[2].startswith("配合市级部门加快推进天然气管网建设")
    assert rows[4][1] == "污水“零直排区”创建"
    r17 = [r for r in rows if r[0] == "17"]
    assert [r[3] for r in r17] == ["2022", "2020"]
    assert r17[1][1] == "环境监测监控能力建设"
    categories = [r[0] for r in grid[1:] if r[1] is None and r[0] and not r[0].isdigit()]
    assert categories == [
        "打赢蓝天保卫战",
        "“五水共治”碧水行动",
        "净土行动",
        "清废行动",
        "生态保护",
        "能力建设",
    ]


def test_no_table_without_header() -> None:
    texts = ["序号", "", "一些文字", "", "1", "", "加快淘汰落后产能。"]
    assert read_flattened(texts, 0) is None


def test_minimal_table_from_lines() -> None:
    texts = [
        "序号",
        "",
        "工作任务",
        "",
        "牵头单位",
        "",
        "配合单位",
        "",
        "1",
        "",
        "加快淘汰落后产能。",
        "",
        "区经信局",
        "",
        "区级相关部门、各镇街",
        "",
        "",
        "",
        "正文继续。",
    ]
    flat = read_flattened(texts, 0)
    assert flat is not None
    assert flat.end == 15
    table = flat.to_table(index=0)
    assert table.as_grid() == [
        ["序号", "工作任务", "牵头单位", "配合单位"],
        ["1", "加快淘汰落后产能。", "区经信局", "区级相关部门、各镇街"],
    ]
