"""The DOCX parser and its Word numbering renderer, on fixtures made from seeds 000 and 002."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from policy_etl.parsers import ParseError, parse_file
from policy_etl.parsers import docx as docx_parser
from policy_etl.parsers.docx_numbering import Numbering
from policy_etl.schemas.document import Document, Paragraph, Table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "docx"
PLAN = FIXTURES / "seed000_plan.docx"
TABLE1 = FIXTURES / "seed002_table1.docx"


@pytest.fixture(scope="module")
def plan() -> Document:
    return parse_file(PLAN)


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


# --- numbering renderer -------------------------------------------------------------------------


def numbering(levels: str, overrides: str = "") -> Numbering:
    xml = (
        f"<w:numbering {nsdecls('w')}><w:abstractNum w:abstractNumId='1'>{levels}</w:abstractNum>"
        f"<w:num w:numId='5'><w:abstractNumId w:val='1'/>{overrides}</w:num></w:numbering>"
    )
    return Numbering.from_xml(etree.fromstring(xml))


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f"<w:lvl w:ilvl='{ilvl}'><w:start w:val='{start}'/><w:numFmt w:val='{fmt}'/>"
        f"<w:lvlText w:val='{text}'/>{extra}</w:lvl>"
    )


@pytest.mark.parametrize(
    ("fmt", "text", "count", "last"),
    [
        ("chineseCounting", "%1、", 11, "十一、"),
        ("chineseCountingThousand", "%1、", 21, "二十一、"),
        ("chineseCounting", "（%1）", 3, "（三）"),
        ("decimal", "%1.", 12, "12."),
        ("decimal", "（%1）", 2, "（2）"),
        ("decimalEnclosedCircle", "%1", 3, "③ "),
        ("ideographTraditional", "%1、", 4, "丁、"),
        ("chineseLegalSimplified", "%1、", 2, "贰、"),
        ("upperRoman", "%1.", 4, "IV."),
        ("lowerLetter", "%1)", 2, "b)"),
        ("chineseCounting", "第%1章", 2, "第二章 "),  # suffix tab, no closing punctuation: a space
        ("none", "%1、", 2, ""),  # LibreOffice's unnumbered heading levels draw nothing
        ("bullet", "", 1, ""),
    ],
)
def test_number_formats(fmt: str, text: str, count: int, last: str) -> None:
    nums = numbering(lvl(0, fmt, text))
    rendered = [nums.render("5", 0) for _ in range(count)]
    assert rendered[-1] == last


def test_lower_levels_restart_when_an_outer_level_advances() -> None:
    nums = numbering(
        lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）") + lvl(2, "decimal", "%3.")
    )
    sequence = [(0,), (1,), (2,), (2,), (1,), (2,), (0,), (1,), (2,)]
    rendered = [nums.render("5", level) for (level,) in sequence]
    assert rendered == ["一、", "（一）", "1.", "2.", "（二）", "1.", "二、", "（一）", "1."]


def test_multilevel_text_and_legal_numbering() -> None:
    nums = numbering(lvl(0, "chineseCounting", "%1、") + lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>"))
    assert [nums.render("5", 0), nums.render("5", 1), nums.render("5", 1)] == ["一、", "1.1 ", "1.2 "]


def test_lvl_restart_zero_keeps_counting_across_outer_levels() -> None:
    nums = numbering(
        lvl(0, "chineseCounting", "%1、") + lvl(1, "decimal", "%2.", extra="<w:lvlRestart w:val='0'/>")
    )
    assert [nums.render("5", n) for n in (0, 1, 1, 0, 1)] == ["一、", "1.", "2.", "二、", "3."]


def test_start_override_and_unknown_lists() -> None:
    nums = numbering(
        lvl(0, "chineseCounting", "%1、"),
        "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='3'/></w:lvlOverride>",
    )
    assert nums.render("5", 0) == "三、"
    assert nums.render("0", 0) == ""  # numId 0 switches numbering off
    assert nums.render("77", 0) == ""  # a list numbering.xml does not define
    assert Numbering.from_xml(None).render("5", 0) == ""


# --- the seed fixtures --------------------------------------------------------------------------


def test_automatic_numbers_are_rendered_although_the_runs_hold_none(plan: Document) -> None:
    raw = [p.text for p in docx.Document(str(PLAN)).paragraphs]
    assert "指导思想和基本原则" in raw and "一、指导思想和基本原则" not in raw
    body = texts(plan)
    for heading in (
        "一、指导思想和基本原则",
        "（一）指导思想",
        "（八）制度创新目标",
        "二、总体目标和主要目标",
        "四、保障措施",
    ):
        assert heading in body
    assert any(t.startswith("1.促进产业结构和布局调整。") for t in body)
    assert any(t.startswith("3.推进资源节约集约高效利用。") for t in body)  # restarted under （二）
    assert any(t.startswith("（五）引导社会参与。充分发挥主流媒体作用") for t in body)


def test_heading_styles_become_style_hints(plan: Document) -> None:
    hints = {b.text: b.style_hint for b in plan.blocks if isinstance(b, Paragraph)}
    assert hints["一、指导思想和基本原则"] == "h1"
    assert hints["（二）基本原则"] == "h2"
    assert hints["“811”美丽港区建设行动方案（2016-2020）"] is None


def test_headers_footers_comments_and_deletions_are_left_out(plan: Document) -> None:
    text = "\n".join(texts(plan))
    assert "页眉" not in text and "— 1 —" not in text
    assert "批注" not in text
    assert "此句已删除" not in text


def test_tracked_insertion_and_manual_break_are_kept(plan: Document) -> None:
    body = texts(plan)
    # The inserted clause follows the paragraph's first sentence, as its own text.
    source = docx.Document(str(PLAN)).element.body
    inserted = "".join(source.xpath(".//w:ins//w:t/text()"))
    assert inserted and any(inserted in t for t in body)
    # Two "——" lines written as one Word paragraph with a line break come out as two paragraphs.
    assert "——建成区污水基本实现全收集、全处理、全达标，污水处理率达到95%以上。" in body


def test_responsibility_table_merged_cells(plan: Document) -> None:
    (table,) = plan.tables()
    assert (table.n_rows, table.n_cols) == (8, 4)
    assert table.caption == "“811”美丽港区建设行动任务责任分解表"
    cells = {(c.row, c.col): c for c in table.cells}
    assert cells[(0, 1)].text == "专项行动（牵头单位）"  # two cell paragraphs, joined
    assert (cells[(1, 1)].text, cells[(1, 1)].row_span) == ("绿色经济培育行动（经发局）", 4)
    assert (cells[(5, 0)].text, cells[(5, 0)].row_span) == ("2", 3)
    assert table.filled_grid()[7][1] == "节能减排行动（经发局、环保局）"
    assert table.as_grid()[7] == [
        None,
        None,
        "推进资源集约节约高效利用",
        "经发局、规划建设局，乍浦镇，滨海供电分局",
    ]


def test_indicator_table_column_and_row_spans() -> None:
    (table,) = parse_file(TABLE1).tables()
    assert (table.n_rows, table.n_cols) == (13, 11)
    cells = {(c.row, c.col): c for c in table.cells}
    assert (cells[(0, 3)].text, cells[(0, 3)].col_span) == ("指标名称", 2)
    assert (cells[(1, 0)].text, cells[(1, 0)].row_span) == ("生态制度", 6)
    assert (cells[(7, 3)].text, cells[(7, 3)].row_span) == ("环境空气质量", 2)
    assert cells[(8, 4)].text == "PM2.5浓度下降幅度"
    assert table.as_grid()[12][3:5] == ["近岸海域水质优良（一、二类）比例", None]


def test_grid_before_and_a_vertical_merge_away_from_the_left_edge(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    merged = table.cell(1, 2).merge(table.cell(2, 2))  # vMerge restart/continue in the last column
    merged.paragraphs[0].text = "约束性"
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    row = table.rows[2]._tr  # the last row starts one grid column in (gridBefore) and lost a cell
    row.remove(row.tc_lst[0])
    row.insert(0, parse_xml(f"<w:trPr {nsdecls('w')}><w:gridBefore w:val='1'/></w:trPr>"))
    path = tmp_path / "merge.docx"
    document.save(str(path))
    (parsed,) = parse_file(path).tables()
    assert parsed.as_grid() == [["00", "01", "02"], ["10", "11", "约束性"], [None, "21", None]]
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in parsed.cells}
    assert spans[(1, 2)] == (2, 1)


def test_numbering_from_a_heading_style(tmp_path: Path) -> None:
    document = docx.Document()
    numbering_xml = document.part.numbering_part.element
    numbering_xml.insert(
        0,
        parse_xml(
            f"<w:abstractNum {nsdecls('w')} w:abstractNumId='70'>{lvl(0, 'chineseCounting', '%1、')}</w:abstractNum>"
        ),
    )
    numbering_xml.append(
        parse_xml(f"<w:num {nsdecls('w')} w:numId='70'><w:abstractNumId w:val='70'/></w:num>")
    )
    ppr = document.styles["Heading 1"].element.get_or_add_pPr()
    ppr.append(parse_xml(f"<w:numPr {nsdecls('w')}><w:numId w:val='70'/></w:numPr>"))
    document.add_paragraph("总体要求", style="Heading 1")
    document.add_paragraph("正文段落。")
    document.add_paragraph("主要任务", style="Heading 1")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    assert texts(parse_file(path)) == ["一、总体要求", "正文段落。", "二、主要任务"]


# --- hostile packages ---------------------------------------------------------------------------


def _rewrite(source: Path, target: Path, name: str, content: bytes) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, content if info.filename == name else src.read(info.filename))
    return target


def test_zip_bomb_guard_refuses_an_oversized_document_xml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_parser, "MAX_DOCUMENT_XML_BYTES", 10_000)
    with pytest.raises(ParseError, match="zip bomb"):
        parse_file(PLAN)


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        f"<w:document {nsdecls('w')}><w:body><w:p><w:r><w:t>正文&xxe;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    path = _rewrite(PLAN, tmp_path / "xxe.docx", "word/document.xml", xml)
    assert texts(parse_file(path)) == ["正文"]  # the entity stays unexpanded, the file unread


def test_a_zip_without_a_word_document_is_a_clear_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "sheet.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ParseError, match="not a Word document"):
        parse_file(path)


def test_table_blocks_are_tables(plan: Document) -> None:
    assert isinstance(plan.blocks[-1], Table)
    assert plan.format == "docx"


def test_table_of_contents_goes_to_furniture(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("目  录")
    document.add_paragraph("一、总体要求\t1", style="toc 1")  # a 目录 typed with TOC styles
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/>"
        "</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>二、主要任务</w:t></w:r><w:r><w:tab/></w:r>"
        "<w:r><w:t>5</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(2, sdt)  # a 目录 generated by Word, inside its content control
    document.add_paragraph("一、总体要求")
    path = tmp_path / "toc.docx"
    document.save(str(path))
    doc = parse_file(path)
    assert texts(doc) == ["目  录", "一、总体要求"]
    assert [b.text for b in doc.furniture if isinstance(b, Paragraph)] == [
        "一、总体要求\t1",
        "二、主要任务\t5",
    ]
