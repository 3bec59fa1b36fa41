"""Table recovery in the normalize stage: tables flattened into paragraphs, whatever the format."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_etl.parsers import parse_bytes, parse_file, pdf_tabstops
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.normalize import TABLE_RECOVERIES, normalize
from policy_etl.pipeline.recover_tables import recover_flattened_tables, recover_tab_cell_rows
from policy_etl.schemas.document import Document, DocumentFormat, Loc, Paragraph, Table
from tests.conftest import seed_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def doc_of(paragraphs: list[tuple[str, Loc]], fmt: DocumentFormat = "docx") -> Document:
    blocks = tuple(Paragraph(index=i, text=text, loc=loc) for i, (text, loc) in enumerate(paragraphs))
    return Document(source_file=f"t.{fmt}", sha256="0" * 64, format=fmt, blocks=blocks)


def test_normalize_names_its_recoveries_in_order() -> None:
    assert (recover_tab_cell_rows, recover_flattened_tables) == TABLE_RECOVERIES


def test_tab_cells_in_docx_paragraphs_read_row_breaks_from_gaps_in_the_paragraph_count() -> None:
    # DOCX keeps no empty paragraph, but counts it: para 3 and 6 are the blank lines
    doc = doc_of(
        [
            ("表1 示例", Loc(para=0)),
            ("\t序号", Loc(para=1)),
            ("\t任务", Loc(para=2)),
            ("\t1", Loc(para=4)),
            ("\t治水", Loc(para=5)),
            ("\t2", Loc(para=7)),
            ("\t", Loc(para=8)),
            ("后文。", Loc(para=11)),
        ]
    )
    out = normalize(doc)
    (table,) = out.tables()
    assert table.as_grid() == [["序号", "任务"], ["1", "治水"], ["2", ""]]
    assert table.caption == "表1 示例"
    assert table.loc == Loc(para=1)  # the first paragraph of the table
    assert [b.kind for b in out.blocks] == ["paragraph", "table", "paragraph"]


def test_whitespace_paragraphs_are_blank_lines_and_the_caption_is_above_them() -> None:
    # an HTML page: <p>&nbsp;</p> between rows; the caption is found above the blank
    doc = doc_of(
        [
            ("表2 指标", Loc(para=0)),
            ("\xa0", Loc(para=1)),
            ("\t指标", Loc(para=2)),
            ("\t单位", Loc(para=3)),
            ("\xa0", Loc(para=4)),
            ("\tPM2.5浓度", Loc(para=5)),
            ("\t微克/立方米", Loc(para=6)),
        ],
        fmt="html",
    )
    (table,) = normalize(doc).tables()
    assert table.as_grid() == [["指标", "单位"], ["PM2.5浓度", "微克/立方米"]]
    assert table.caption == "表2 指标"


def test_text_table_keeps_the_first_lines_loc_and_the_last_lines_end() -> None:
    text = "\t甲\n\t乙\n\n\t1\n\t2\n"
    doc = normalize(parse_bytes(Path("t.txt"), text.encode("utf-8")))
    (table,) = doc.tables()
    assert table.loc == Loc(line=1, char_start=0, char_end=len(text) - 1)


def test_a_table_a_parser_built_splits_the_runs() -> None:
    parsed = Table(index=1, n_rows=1, n_cols=1, cells=(), loc=Loc(para=3))
    blocks = [
        Paragraph(index=0, text="\t甲", loc=Loc(para=1)),
        parsed,
        Paragraph(index=2, text="\t乙", loc=Loc(para=4)),
    ]
    assert recover_tab_cell_rows(blocks) == blocks  # one cell on each side: no table


def _flattened_003(with_blank_lines: bool) -> list[Table]:
    """Seed 003's lines as paragraphs of a PDF (a page, no line numbers, no blank lines) or of
    a text file (line numbers with their gaps)."""
    lines = seed_path("003").read_text(encoding="utf-8").splitlines()
    paragraphs = [
        (line.strip(), Loc(line=n) if with_blank_lines else Loc(page=1))
        for n, line in enumerate(lines, start=1)
        if line.strip()
    ]
    return normalize(doc_of(paragraphs, fmt="txt" if with_blank_lines else "pdf")).tables()


def test_flattened_tables_need_no_blank_lines() -> None:
    with_gaps, without = _flattened_003(True), _flattened_003(False)
    assert [(t.n_rows, t.n_cols) for t in without] == [(28, 4), (109, 5), (46, 5)]
    assert [t.as_grid() for t in without] == [t.as_grid() for t in with_gaps]


def _glued(*lines: str, loc: Loc | None = None) -> Paragraph:
    """A PDF paragraph the parser joined from printed `lines`, each join a possible end."""
    ends = tuple(sum(len(line) for line in lines[: k + 1]) for k in range(len(lines) - 1))
    return Paragraph(index=0, text="".join(lines), loc=loc or Loc(page=1), possible_ends=ends)


PROSE = ("为切实做好生态环境保护工作，根据《中华人民共", "和国环境保护法》", "和国家有关规划，制定本规划。")
FLAT_LINES = [
    ("附件1",),
    ("越城区生态文明示范创建行动方案重点项目表",),
    ("序号", "项目名称", "完成时间"),
    ("打赢蓝天保卫战", "1", "天然气", "管网建设"),
    ("配合市级部门加快推进天然气管网建设，基本完成干线管网建设。", "2020"),
    ("2", "十大重点行业", "废气深化治理"),
    ("实施工业涂装、包装印刷等重点行业VOCs治理与减排项目10个。", "2020", "附件2"),
    ("后文。",),
]


def test_pdf_paragraphs_split_at_their_possible_ends_only_where_the_pieces_are_a_flattened_table() -> None:
    """One cell per printed line, glued by the PDF parser into paragraphs: the pieces give the
    table the same lines as separate paragraphs give; prose keeps its paragraphs whole."""
    head, tail = Loc(page=1, char_start=40, char_end=50), Loc(page=1, char_start=100, char_end=160)
    glued = [_glued(*PROSE), *(_glued(*group) for group in FLAT_LINES[:2]), _glued(*FLAT_LINES[2], loc=head)]
    glued += [_glued(*group) for group in FLAT_LINES[3:-2]]
    glued += [_glued(*FLAT_LINES[-2], loc=tail), _glued(*FLAT_LINES[-1])]
    apart = [Paragraph(index=0, text=line) for group in (PROSE, *FLAT_LINES) for line in group]

    def document(paragraphs: list[Paragraph]) -> Document:
        blocks = tuple(p.model_copy(update={"index": i}) for i, p in enumerate(paragraphs))
        return Document(source_file="t.pdf", sha256="0" * 64, format="pdf", blocks=blocks)

    out, want = normalize(document(glued)), normalize(document(apart))
    ((table,), (twin,)) = out.tables(), want.tables()
    assert table.as_grid() == twin.as_grid() and table.n_rows == 4
    assert table.as_grid()[2] == [
        "1",
        "天然气管网建设",
        "配合市级部门加快推进天然气管网建设，基本完成干线管网建设。",
        "2020",
    ]
    assert table.caption == twin.caption == "越城区生态文明示范创建行动方案重点项目表"
    # from its header's start; its end is not its last paragraph's, which goes on with 附件2
    assert table.loc == Loc(page=1, char_start=40, char_end=None)
    texts = [b.text if isinstance(b, Paragraph) else None for b in out.blocks]
    assert texts == [
        "".join(PROSE),
        "附件1",
        "越城区生态文明示范创建行动方案重点项目表",
        None,
        "附件2",
        "后文。",
    ]
    prose, piece = out.blocks[0], out.blocks[4]
    assert isinstance(prose, Paragraph) and prose.possible_ends == glued[0].possible_ends
    # the piece the table left of its paragraph: that paragraph's page and end, not its start
    assert piece.loc == Loc(page=1, char_start=None, char_end=160)


@pytest.mark.parametrize(
    "source",
    [
        "docx/seed003_flattened.docx",
        "html/seed003_flattened.html",
        "pdf_parity/seed003_flattened.pdf",
        "pdf_parity/seed003_flattened_blanklines.pdf",
    ],
)
def test_seed003_attachments_give_their_projects_and_responsibilities_in_every_format(source: str) -> None:
    extraction = extract(normalize(parse_file(FIXTURES / source)))
    assert len(extraction.projects) == 21
    assert len(extraction.responsibilities) == 145
    first = extraction.projects[0]
    assert first.name == "天然气管网建设"
    tasks = {r.task for r in extraction.responsibilities}
    assert "加快淘汰落后产能。" in tasks


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_tab_cell_tables_give_responsibilities_and_indicator_rows(fmt: str) -> None:
    responsibilities = extract(normalize(parse_file(FIXTURES / fmt / f"seed000_tabcells.{fmt}")))
    assert len(responsibilities.responsibilities) == 48
    indicators = extract(normalize(parse_file(FIXTURES / fmt / f"seed004_tabcells.{fmt}")))
    from_table = [t for t in indicators.targets if t.source == "table"]
    assert len(from_table) == 10
    assert any(t.indicator_key == "pm25_concentration" and t.value == 25 for t in from_table)


def test_tab_cell_table_printed_to_pdf_gives_its_responsibilities() -> None:
    extraction = extract(normalize(parse_file(FIXTURES / "pdf_parity" / "seed000_tabcells.pdf")))
    assert len(extraction.responsibilities) == 48
    tasks = {r.task: r for r in extraction.responsibilities}
    assert "大力发展绿色产业" in tasks


# A TAB-cell dump, and what a PDF printed from it shows: (text, at a tab stop, empty lines above).
TAB_DUMP = "表1 示例\n\t序号\n\t牵头\n\n（单位）\n\t任务\n\n\t1\n\t经发局\n\t治水\n\n\t\n\t\n\t节水\n\n\t3\n\t生态局\n\t\n\n\t4\n\t水利局\n\t治土\n\n\n后文。\n"
PRINTED = [
    ("表1 示例", False, 0),
    ("序号", True, 0),
    ("牵头", True, 0),
    ("（单位）", False, 1),  # at the margin below one empty line: the cell goes on
    ("任务", True, 0),
    ("1", True, 1),  # the first row ends at the first empty line before a cell: 3 wide
    ("经发局", True, 0),
    ("治水", True, 0),
    ("节水", True, 3),  # a full row: the blank line, then two empty cells
    ("3", True, 1),
    ("生态局", True, 0),
    ("4", True, 2),  # a row a cell short: its empty cell, then the blank line
    ("水利局", True, 0),
    ("治土", True, 0),
    ("后文。", False, 2),  # at the margin below two empty lines: the table has ended
]


def _printed(lines: list[tuple[str, bool, int]], glue: tuple[int, int]) -> Document:
    """PDF paragraphs of the printed lines, one per line but lines `glue` joined into one (the
    parser's guess), each join a possible end."""
    groups = [[line] for line in lines[: glue[0]]] + [lines[glue[0] : glue[1]]]
    groups += [[line] for line in lines[glue[1] :]]
    blocks = []
    for i, group in enumerate(groups):
        starts = [sum(len(t) for t, _, _ in group[:k]) for k in range(len(group))]
        blocks.append(
            Paragraph(
                index=i,
                text="".join(t for t, _, _ in group),
                loc=Loc(page=1),
                possible_ends=tuple(starts[1:]),
                tab_starts=tuple(s for s, (_, tab, _) in zip(starts, group, strict=True) if tab),
                empty_lines=tuple((s, n) for s, (_, _, n) in zip(starts, group, strict=True) if n),
            )
        )
    return Document(source_file="t.pdf", sha256="0" * 64, format="pdf", blocks=tuple(blocks))


def test_pdf_tab_cells_read_empty_lines_as_blank_lines_or_empty_cells_by_the_first_rows_width() -> None:
    want = normalize(parse_bytes(Path("t.txt"), TAB_DUMP.encode("utf-8")))
    out = normalize(_printed(PRINTED, glue=(9, 13)))  # 3 … 水利局 glued into one paragraph
    ((table,), (twin,)) = out.tables(), want.tables()
    assert (
        table.as_grid()
        == twin.as_grid()
        == [
            ["序号", "牵头（单位）", "任务"],
            ["1", "经发局", "治水"],
            [None, None, "节水"],  # empty cells under a cell: merged into it
            ["3", "生态局", ""],
            ["4", "水利局", "治土"],
        ]
    )
    assert table.caption == twin.caption == "表1 示例"
    assert [b.text for b in out.paragraphs()] == ["表1 示例", "后文。"]


def test_pdf_paragraphs_without_tab_stops_are_not_read_as_tab_cells() -> None:
    """Empty lines alone (paragraph spacing) make no TAB-cell table; the glued paragraph stays."""
    flat = [(text, False, n) for text, _, n in PRINTED]
    out = normalize(_printed(flat, glue=(9, 13)))
    assert not out.tables()
    assert "3生态局4水利局" in [b.text for b in out.paragraphs()]


def test_a_printed_tab_dump_whose_rows_outgrow_the_first_row_is_left_as_paragraphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seed 004's 表2 printed: rows a cell wider than the first one, ending with empty cells,
    whose blank line the page cannot place among them. Even where the parser is made to see
    its tab stop (one line shows the margin, fewer than the edge needs), the reading is refused
    and the paragraphs stay as they were without the marks."""
    source = FIXTURES / "pdf" / "seed004_tabcells.pdf"
    plain = parse_file(source)
    assert not any(p.tab_starts for p in plain.paragraphs())
    monkeypatch.setattr(pdf_tabstops, "MIN_EDGE_LINES", 1)
    marked = parse_file(source)
    assert sum(len(p.tab_starts) for p in marked.paragraphs()) > 100
    out, want = normalize(marked), normalize(plain)
    assert not out.tables()
    assert [b.text for b in out.blocks] == [b.text for b in want.blocks]
