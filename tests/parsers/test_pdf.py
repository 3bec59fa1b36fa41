"""The PDF parser on LibreOffice-made fixtures, on the real plans of corpus/extra, and its rules."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from policy_etl.parsers import ocr, parse_bytes, parse_file
from policy_etl.parsers.base import ParseError
from policy_etl.parsers.pdf import PAGE_NUMBER, TOC_ENTRY, PdfSettings
from policy_etl.parsers.pdf_tables import TableDraft, merge_continuation
from policy_etl.parsers.pdf_text import (
    PARAGRAPH_START,
    Line,
    Margins,
    ParagraphRules,
    cell_text,
    chars_to_lines,
    clean_line_text,
    join_paragraph_lines,
    lines_to_paragraphs,
    paragraph_text,
    text_measure,
)
from policy_etl.schemas.document import Cell, Document, Table
from tests.conftest import CORPUS_EXTRA

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pdf"


def _table_with(doc: Document, text: str) -> Table:
    (table,) = [t for t in doc.tables() if any(text in c.text for c in t.cells)]
    return table


def _row_of(table: Table, text: str) -> list[str]:
    (row,) = [row for row in table.filled_grid() if any(text in cell for cell in row)]
    return row


def _cell(table: Table, text: str) -> Any:
    (cell,) = [c for c in table.cells if c.text == text]
    return cell


# --- the LibreOffice fixture ------------------------------------------------------------------


@pytest.fixture(scope="session")
def plan() -> Document:
    return parse_file(FIXTURES / "plan.pdf")


def test_fixture_pages_and_format(plan: Document) -> None:
    assert plan.format == "pdf"
    assert plan.n_pages == 5


def test_cjk_lines_join_without_invented_spaces(plan: Document) -> None:
    texts = [p.text for p in plan.paragraphs()]
    assert texts[:4] == ["示范市“十四五”生态环境保护规划", texts[1], "一、基本形势", "（一）现状基础"]
    # a paragraph wrapped over three lines, with the space of "GB 3095" kept and PM2.5 intact
    assert texts[4] == (
        "“十三五”以来，全市认真学习贯彻习近平生态文明思想，污染防治攻坚战阶段性目标任务圆满完成。"
        "2020年，全市空气质量优良天数比例达到63%，细颗粒物（PM2.5）年均浓度累计下降46.9%，"
        "国省控断面全部达到Ⅳ类及以上水质，城市建成区黑臭水体全面消除，执行GB 3095—2012标准。"
    )
    assert texts[1].endswith(
        "（国发〔2021〕31号）及本市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要，制定本规划。"
    )


def test_heading_after_table_page_starts_its_own_paragraph(plan: Document) -> None:
    texts = [p.text for p in plan.paragraphs()]
    assert "二、重点工程" in texts
    assert texts[-2:] == [
        "三、保障措施",
        "加强组织领导，各区县（市）政府对本辖区生态环境质量负总责，确保规划目标任务如期完成。",
    ]


def test_running_header_and_page_numbers_are_furniture(plan: Document) -> None:
    body = " ".join(p.text for p in plan.paragraphs())
    assert "征求意见稿" not in body
    assert not any(PAGE_NUMBER.match(p.text) for p in plan.paragraphs())
    furniture = [b.text for b in plan.furniture]
    assert furniture.count("示范市“十四五”生态环境保护规划（征求意见稿）") == 5
    assert [t for t in furniture if t.startswith("—")] == [f"— {n} —" for n in range(1, 6)]
    assert [b.loc.page for b in plan.furniture if b.text.startswith("—")] == [1, 2, 3, 4, 5]


def test_merged_cells_become_spans(plan: Document) -> None:
    table = _table_with(plan, "环境质量改善")
    assert (table.n_rows, table.n_cols) == (7, 6)
    title = _cell(table, "“十四五”生态环境保护主要指标")
    assert (title.row, title.col, title.col_span, title.row_span) == (0, 0, 6, 1)
    assert (_cell(table, "环境质量改善").row, _cell(table, "环境质量改善").row_span) == (2, 3)
    assert _cell(table, "生态保护").row_span == 2
    assert _row_of(table, "国省控断面") == [
        "环境质量改善",
        "3",
        "国省控断面水质达标比率（%）",
        "87.5",
        "100",
        "约束性",
    ]
    assert table.caption == "专栏1 主要指标"
    assert table.loc.page == 1


def test_table_continued_over_pages_is_one_table_with_one_header(plan: Document) -> None:
    table = _table_with(plan, "重点工程1号")
    assert (table.n_rows, table.n_cols) == (16, 4)
    assert table.loc.page == 2
    grid = table.filled_grid()
    assert grid[0] == ["序号", "项目名称", "建设内容", "责任单位"]
    assert [row[0] for row in grid[1:]] == [str(n) for n in range(1, 16)]
    assert sum(c.text == "序号" for c in table.cells) == 1
    # a cell's wrapped lines are joined without a space
    assert grid[4][2] == "实施第4批污水管网改造和再生水利用工程，新建管网12公里，完善污泥处置设施。"
    assert len(plan.tables()) == 2


def test_table_text_is_not_repeated_as_paragraphs(plan: Document) -> None:
    body = " ".join(p.text for p in plan.paragraphs())
    assert "重点工程1号" not in body
    assert "约束性" not in body
    assert "国省控断面水质达标比率" not in body


def test_paragraphs_carry_their_page(plan: Document) -> None:
    pages = {p.text: p.loc.page for p in plan.paragraphs()}
    assert pages["一、基本形势"] == 1
    assert pages["二、重点工程"] == 2
    assert pages["三、保障措施"] == 5
    # offsets point into the page's text, which starts with the running header line
    first = plan.paragraphs()[0]
    header = "示范市“十四五”生态环境保护规划（征求意见稿）"
    assert (first.loc.char_start, first.loc.char_end) == (len(header) + 1, len(header) + 1 + len(first.text))


# --- files that cannot be read ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, make, words",
    [
        ("encrypted.pdf", lambda: (FIXTURES / "encrypted.pdf").read_bytes(), ("encrypted", "password")),
        ("half.pdf", lambda: (FIXTURES / "plan.pdf").read_bytes()[:40_000], ("damaged or truncated",)),
        ("head.pdf", lambda: (FIXTURES / "plan.pdf").read_bytes()[:1_500], ("damaged or truncated",)),
        ("junk.pdf", lambda: b"%PDF-1.7\n" + b"x" * 4000, ("damaged or truncated",)),
    ],
)
def test_unreadable_pdfs_fail_with_a_reason(name: str, make: Any, words: tuple[str, ...]) -> None:
    with pytest.raises(ParseError) as info:
        parse_bytes(Path(name), make())
    assert info.value.path == name
    for word in words:
        assert word in info.value.reason


def test_a_scan_with_ocr_off_is_refused_saying_how_to_read_it() -> None:
    with pytest.raises(ParseError) as info:
        parse_bytes(Path("scan.pdf"), (FIXTURES / "scan.pdf").read_bytes(), ocr="off")
    assert info.value.reason == (
        "the PDF is a scan with no text layer (only page images); "
        "OCR is off (--ocr off): ingest it with --ocr auto to read it by OCR"
    )


@pytest.mark.parametrize("mode", ["auto", "force"])
def test_a_scan_without_the_ocr_extra_fails_naming_the_extra(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ParseError) as info:
        parse_bytes(Path("scan.pdf"), (FIXTURES / "scan.pdf").read_bytes(), ocr=mode)  # type: ignore[arg-type]
    assert 'pip install "policy-etl[ocr]"' in info.value.reason
    assert ("scan with no text layer" if mode == "auto" else "ocr=force") in info.value.reason


def test_a_text_pdf_is_not_ocrd_in_auto_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ocr(*_: object) -> None:
        raise AssertionError("a page with a text layer was sent to OCR")

    monkeypatch.setattr(ocr, "read_region", no_ocr)
    doc = parse_bytes(Path("plan.pdf"), (FIXTURES / "plan.pdf").read_bytes())
    assert doc.ocr_pages == ()
    assert all(b.loc.ocr_confidence is None for b in doc.blocks)


def test_a_pdf_named_docx_is_still_read_as_pdf() -> None:
    doc = parse_bytes(Path("plan.docx"), (FIXTURES / "plan.pdf").read_bytes())
    assert doc.format == "pdf"
    assert doc.n_pages == 5


# --- rules on their own -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("⽣态环境⽅案", "生态环境方案"),  # Kangxi radicals U+2F63, U+2F45
        ("⼀、总体要求", "一、总体要求"),
        ("⺠生", "⺠生"),  # U+2EA0 is a CJK radical supplement, not Kangxi: left alone
        ("生 态 文 明", "生态文明"),
        ("（ 一 ） 指导思想", "（一）指导思想"),
        ("执行 GB 3095 标准", "执行 GB 3095 标准"),
        ("PM2.5  浓度", "PM2.5 浓度"),
        ("，", "，"),  # full-width punctuation is not folded to ASCII
    ],
)
def test_clean_line_text(raw: str, clean: str) -> None:
    assert clean_line_text(raw) == clean


@pytest.mark.parametrize(
    "text, starts",
    [
        ("一、总体要求", True),
        ("（一）指导思想", True),
        ("(三)主要目标", True),
        ("1.加强组织领导", True),
        ("2、严格考核", True),
        ("（1）强化监管", True),
        ("①按照生态环境部新调整", True),
        ("第一章形势背景", True),
        ("第三节 面临形势", True),
        ("专栏1 主要指标", True),
        ("附表3. 福建省各海湾", True),
        ("附件2", True),  # alone on its line, above the attachment's title
        ("附件：名词解释", True),
        ("附件所列项目", False),
        ("2025年，PM2.5年均浓度降至40微克", False),
        ("12.5%的断面", False),
        ("生态环境质量明显向好。", False),
        ("一是深化改革", False),
    ],
)
def test_paragraph_start_patterns(text: str, starts: bool) -> None:
    assert bool(PARAGRAPH_START.match(text)) is starts


@pytest.mark.parametrize(
    "text, is_number",
    [
        ("— 3 —", True),
        ("—12—", True),
        ("-3-", True),
        ("－ 1 －", True),
        ("第3页", True),
        ("36", True),
        ("第 3 页 共 70 页", True),
        ("2021年", False),
        ("— 3 — 郑州", False),
        ("3.强力推动", False),
    ],
)
def test_page_number_pattern(text: str, is_number: bool) -> None:
    assert bool(PAGE_NUMBER.match(text)) is is_number


@pytest.mark.parametrize(
    "text, is_toc",
    [
        ("第一章环境基础与形势..........................................7", True),
        ("第一节 工作成效 ...........................................", True),
        ("第三章 坚持系统治理，打造水清滩净美丽海湾 ……………… 14", True),
        ("（一）坚定政治站位................................. -6-", True),  # folio-style numbers
        ("五、重点工程 ……………………………… — 57 —", True),
        ("加强生态保护……", False),
        ("（三）主要目标", False),
    ],
)
def test_toc_entry_pattern(text: str, is_toc: bool) -> None:
    assert bool(TOC_ENTRY.search(text)) is is_toc


@pytest.mark.parametrize(
    "field, value",
    [("band_ratio", 0.0), ("band_ratio", 1.5), ("x_tolerance_ratio", -1.0), ("furniture_edge_lines", 0)],
)
def test_settings_are_validated(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        PdfSettings(**{field: value})


def _char(text: str, x0: float, top: float, size: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def test_subscripts_stay_in_their_line_and_gaps_between_hanzi_vanish() -> None:
    chars = [_char(c, 100 + 16 * i, 300, 16) for i, c in enumerate("颗粒物（PM")]
    chars += [_char("2", 196, 306, 8), _char(".", 204, 306, 8), _char("5", 208, 306, 8)]
    chars += [_char("）", 220, 300, 16), _char("浓", 250, 300, 16), _char("度", 266, 300, 16)]  # 14 pt gap
    chars += [_char(c, 100 + 16 * i, 330, 16) for i, c in enumerate("下一行")]
    lines = chars_to_lines(chars, page=3, x_tolerance_ratio=0.5)
    assert [line.text for line in lines] == ["颗粒物（PM2.5）浓度", "下一行"]
    assert lines[0].page == 3
    assert lines[0].size == 16


def test_a_small_page_number_on_a_text_baseline_is_split_off() -> None:
    chars = [_char(c, 100 + 16 * i, 775, 16) for i, c in enumerate("理长效机制。")]
    chars += [_char("3", 280, 778, 10.6), _char("6", 286, 778, 10.6)]
    assert [line.text for line in chars_to_lines(chars, 42, 0.5)] == ["理长效机制。", "36"]


def test_a_space_drawn_at_a_wrap_is_kept_beside_latin_text() -> None:
    """LibreOffice draws the space it wrapped 表1's "劣V 类…" at; a wrap at no space joins tight."""
    chars = [_char("劣", 247.1, 149, 11), _char("V", 260.3, 149, 8), _char(" ", 268.2, 149, 3.5)]
    chars += [_char(c, 247.1 + 11 * i, 161.8, 11) for i, c in enumerate("类水体")]
    lines = chars_to_lines(chars, 1, 0.5)
    assert [(line.text, line.ends_with_space) for line in lines] == [("劣V", True), ("类水体", False)]
    assert cell_text(chars, 0.5) == "劣V 类水体"
    assert join_paragraph_lines(lines) == "劣V 类水体"
    hanzi = [_char(c, 100 + 11 * i, 100, 11) for i, c in enumerate("生态")] + [_char(" ", 122, 100, 3.5)]
    hanzi += [_char(c, 100 + 11 * i, 115, 11) for i, c in enumerate("文明")]
    assert join_paragraph_lines(chars_to_lines(hanzi, 1, 0.5)) == "生态文明"


def _draft(page: int, cells: list[tuple[int, int, int, str]]) -> TableDraft:
    """A 4-column table draft from (row, col, row_span, text)."""
    n_rows = max(r + rs for r, _c, rs, _t in cells)
    return TableDraft(
        page=page,
        bbox=(50, 100, 450, 700),
        last_page=page,
        columns=[50, 100, 150, 250, 450],
        n_rows=n_rows,
        cells=[Cell(row=r, col=c, row_span=rs, text=t) for r, c, rs, t in cells],
    )


def _row(r: int, *texts: str) -> list[tuple[int, int, int, str]]:
    return [(r, c, 1, t) for c, t in enumerate(texts)]


def test_a_merged_cell_cut_by_the_page_break_is_rejoined() -> None:
    """表1: 序号 "8" and 水环境质量 are merged over three rows, one of them on the first page."""
    first = _draft(
        1, [*_row(0, "7", "空气质量", "优良天数比例", "%"), *_row(1, "8", "水环境质量", "达标比例", "%")]
    )
    continued = [(0, 0, 2, ""), (0, 1, 2, ""), (0, 2, 1, "劣V 类比例"), (0, 3, 1, "%")]
    more = _draft(
        2, [*continued, (1, 2, 1, "近岸海域"), (1, 3, 1, "%"), *_row(2, "9", "森林", "覆盖率", "%")]
    )
    merge_continuation(first, more, 6.0)
    spans = {(c.row, c.col, c.row_span, c.text) for c in first.cells}
    assert {(1, 0, 3, "8"), (1, 1, 3, "水环境质量"), (2, 2, 1, "劣V 类比例"), (4, 0, 1, "9")} <= spans
    assert not any(c.text == "" for c in first.cells) and first.n_rows == 5


def test_an_empty_single_row_cell_after_a_page_break_stays_a_cell() -> None:
    """Without a merge on either side an empty first cell is a real empty cell (a blank 备注)."""
    first = _draft(1, _row(0, "1", "甲", "乙", "丙"))
    more = _draft(2, _row(0, "2", "丁", "", "戊"))
    merge_continuation(first, more, 6.0)
    assert (1, 2, 1, "") in {(c.row, c.col, c.row_span, c.text) for c in first.cells}


def _line(text: str, x0: float, x1: float, top: float, page: int = 1) -> Line:
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top + 16, size=16, page=page)


def test_paragraph_rules() -> None:
    margins = {1: Margins(80, 516), 2: Margins(80, 516)}
    lines = [
        _line("一、总体要求", 112, 210, 100),  # heading
        _line("“十四五”时期，是天津在全面建成高质量小康社会基础上，", 112, 516, 130),  # indented start
        _line("开启全面建设社会主义现代化大都市新征程的第一个五年。", 80, 400, 160),  # short, ends 。
        _line("为切实做好“十四五”时期生态环境保护工作，根据《中华人民共", 112, 516, 190),
        _line("和国环境保护法》", 80, 200, 220),  # ABBYY fragment: short but unpunctuated
        _line("和国家有关规划计划，制定本规划，全面推进生态环境保护", 80, 516, 250),
        _line("工作，持续改善生态环境质量。", 80, 300, 100, page=2),  # continues over the page break
    ]
    groups = lines_to_paragraphs(lines, margins, ParagraphRules())
    assert ["".join(line.text for line in group) for group in groups] == [
        "一、总体要求",
        "“十四五”时期，是天津在全面建成高质量小康社会基础上，开启全面建设社会主义现代化大都市新征程的第一个五年。",
        "为切实做好“十四五”时期生态环境保护工作，根据《中华人民共和国环境保护法》和国家有关规划计划，"
        "制定本规划，全面推进生态环境保护工作，持续改善生态环境质量。",
    ]


def test_possible_ends_are_the_joins_geometry_does_not_show_to_be_wraps() -> None:
    """A paragraph's text records where it may have ended: after a short line (an ABBYY
    fragment, or one cell of a table printed one cell per line), and after a full line the next
    one sits further below than wrapped lines do (paragraph spacing); never at a wrap."""
    margins = {1: Margins(80, 516), 2: Margins(80, 516)}
    wraps = [
        _line("为切实做好“十四五”时期生态环境保护工作，根据《中华人民共", 80, 516, 100 + 20 * i)
        for i in range(4)
    ]
    rules = ParagraphRules()
    measure = text_measure(wraps, margins, rules)
    assert measure is not None and (measure.width, measure.wrap_pitch) == (436, 20)
    fragment = [
        _line("为切实做好“十四五”时期生态环境保护工作，根据《中华人民共", 112, 516, 190),
        _line("和国环境保护法》", 80, 200, 210),  # short: joined by the rules, recorded
        _line("和国家有关规划计划，制定本规划。", 80, 400, 230),
    ]
    text, ends = paragraph_text(fragment, margins, measure, rules)
    assert ends == (len(fragment[0].text) + len(fragment[1].text),)
    assert text[: ends[0]].endswith("环境保护法》")
    cells = [
        _line("配合市级部门加快推进天然气管网建设，基本完成干线管网建设，全", 80, 516, 300),
        _line("面推进天然气输气干线沿线各规划支线和联络线建设。", 80, 450, 320),  # a wrap: 20 below
        _line("2020", 80, 112, 360),  # short line above it: recorded
        _line("实施工业涂装、包装印刷、合成革、纺织印染、石化化工等重点行", 80, 516, 400),
        _line("区经信局", 80, 144, 440),  # full line, but 40 below: paragraph spacing, recorded
        _line("加快推进一般工业固体废物处置设施建设，提高一般工业固体废物处置。", 80, 516, 700),
        _line("区综合执法局", 80, 176, 100, page=2),  # a full line ends a sentence: recorded
    ]
    text, ends = paragraph_text(cells, margins, measure, rules)
    assert [text[:end][-4:] for end in ends] == [
        "线建设。",
        "2020",
        "等重点行",
        "区经信局",
        "物处置。",
    ]
    assert paragraph_text(cells, margins, None, rules) == (text, ())  # no measure, nothing recorded


# --- the real plans of corpus/extra (each parsed once per session) ---------------------------

REAL_PDFS = {
    "bazhong_14fyp_eco_plan_2021.pdf": 70,
    "beijing_pollution_battle_opinions_2022.pdf": 6,
    "fujian_marine_eco_plan_14fyp_2022.pdf": 88,
    "liaoning_nrd_eco_workplan_2021.pdf": 8,
    "qingdao_ghg_air_coctrl_action_2021_2023.pdf": 12,
    "shanghai_eco_3yr_action_2021_2023.pdf": 15,
    "tianjin_14fyp_eco_plan.pdf": 47,
    "zhengzhou_14fyp_eco_plan_2022.pdf": 54,
}


@pytest.fixture(scope="session")
def real() -> dict[str, Document]:
    if CORPUS_EXTRA is None:
        pytest.skip("corpus/extra not found next to the repository (set POLICY_ETL_CORPUS)")
    started = time.perf_counter()
    docs = {name: parse_file(CORPUS_EXTRA / name) for name in REAL_PDFS}
    print(f"\nparsed {len(docs)} real PDFs in {time.perf_counter() - started:.1f} s")
    return docs


def _body(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs()]


slow = pytest.mark.slow


@slow
@pytest.mark.parametrize("name, n_pages", REAL_PDFS.items())
def test_every_real_pdf_parses_without_furniture_in_the_body(
    real: dict[str, Document], name: str, n_pages: int
) -> None:
    doc = real[name]
    assert doc.n_pages == n_pages
    assert len(doc.paragraphs()) > 40
    for text in _body(doc):
        assert not PAGE_NUMBER.match(text), text
        assert not TOC_ENTRY.search(text), text
        assert not re.search(r"\(cid:\d+\)", text)
    assert all(p.loc.page is not None and 1 <= p.loc.page <= n_pages for p in doc.paragraphs())


@slow
def test_tianjin_indicator_table_is_merged_over_two_pages(real: dict[str, Document]) -> None:
    doc = real["tianjin_14fyp_eco_plan.pdf"]
    assert "四、主要指标" in _body(doc)
    (table,) = doc.tables()
    assert table.caption == "天津市“十四五”时期生态环境保护规划指标体系"
    assert (table.loc.page, table.n_rows, table.n_cols) == (10, 27, 7)
    assert sum(c.text == "指标类别" for c in table.cells) == 1  # page 11's repeated header dropped
    assert _row_of(table, "细颗粒物")[2:] == ["细颗粒物（PM2.5）浓度（微克/立方米）"] * 2 + [
        "49①",
        "38",
        "约束性",
    ]
    assert _row_of(table, "氨氮")[3:6] == ["氨氮", "—", "0.04"]
    # 绿色发展 is merged from row 8 on page 10 down over row 12 on page 11
    assert _row_of(table, "单位GDP水污染物")[:2] == ["绿色发展", "12"]
    assert [b.text for b in doc.furniture if b.loc.page == 11] == ["— 11 —"]


@slow
def test_bazhong_open_sided_indicator_table_and_toc(real: dict[str, Document]) -> None:
    doc = real["bazhong_14fyp_eco_plan_2021.pdf"]
    table = _table_with(doc, "（一）生态环境质量改善")
    assert (table.n_rows, table.n_cols, table.loc.page) == (26, 6, 19)
    assert table.caption == "专栏一“十四五”生态环境保护规划主要指标"
    assert table.filled_grid()[0] == ["类别", "序号", "指标名称", "2020年基准值", "2025年目标", "指标属性"]
    assert _cell(table, "（一）生态环境质量改善").row_span == 10
    assert _row_of(table, "细颗粒物")[3:] == ["28.1", "<27.0", "约束性"]
    furniture = [b.text for b in doc.furniture]
    assert "目录" in furniture
    assert any(t.startswith("第一章环境基础与形势....") for t in furniture)
    assert "—12—" in furniture
    assert "前言" in _body(doc)
    assert _body(doc)[0] == "巴中市人民政府关于印发《巴中市“十四五”生态环境保护规划》的通知"


@slow
def test_zhengzhou_column_table_and_ruled_pages(real: dict[str, Document]) -> None:
    doc = real["zhengzhou_14fyp_eco_plan_2022.pdf"]
    (table,) = doc.tables()  # the ruled pages and 专栏 boxes are not tables
    assert table.caption == "专栏1 郑州市“十四五”生态环境保护主要指标"  # its title row
    assert _row_of(table, "PM2.5年均浓度") == [
        "环境质量改善",
        "1",
        "PM2.5年均浓度（微克/立方米）",
        "51",
        "40",
        "约束性",
    ]
    body = _body(doc)
    assert {"一、基本形势", "（一）现状基础", "专栏2 生态保护建设重点工程"} <= set(body)
    assert any(t.startswith("1．再生水利用。马头岗污水处理厂厂外再生水管线工程") for t in body)


@slow
def test_fujian_tables_toc_and_boxed_text(real: dict[str, Document]) -> None:
    doc = real["fujian_marine_eco_plan_14fyp_2022.pdf"]
    captions = [t.caption for t in doc.tables()]
    assert captions[0] == "表1 “十四五”海洋生态环境保护主要指标"
    assert len(captions) == 4
    projects = _table_with(doc, "人工渔礁工程")
    assert projects.filled_grid()[0][-1] == "责任单位"
    assert projects.loc.page == 78 and projects.n_rows == 71  # pages 78–87, one header
    assert sum(c.text == "沿海地市" for c in projects.cells) == 1
    # a row Word broke over pages 86/87 is joined back: "…海域渔业养殖垃圾基本消" + "除。"
    assert _row_of(projects, "海洋养殖尾水治理")[7].endswith("海域渔业养殖垃圾基本消除。")
    (bays,) = [t for t in doc.tables() if (t.caption or "").startswith("附表1.")]
    assert bays.n_rows == 37  # two header rows, repeated on every page, kept once, and 35 bays
    assert sum(c.text == "全省规划目标" for c in bays.cells) == 1
    assert [row[0] for row in bays.filled_grid()[2:]] == [str(n) for n in range(1, 36)]
    body = _body(doc)
    assert "第三章坚持系统治理，打造水清滩净美丽海湾" in body
    assert not any(t.endswith(" 36") for t in body)
    # the lines of a 专栏 box, narrower than the page, make one paragraph per item
    assert any(
        t.startswith("2.滨海湿地生态修复工程（2021-2023年）。") and t.endswith("来物种入侵防治。")
        for t in body
    )
    toc = [b for b in doc.furniture if b.loc.page == 4]
    assert toc[0].text == "目录" and len(toc) > 10


@slow
def test_shanghai_abbyy_fragments_rejoin(real: dict[str, Document]) -> None:
    body = _body(real["shanghai_eco_3yr_action_2021_2023.pdf"])
    (intro,) = [t for t in body if t.startswith("为统筹加强应对气候变化和生态环境保护")]
    assert "促进经济社会发展全面绿色转型，推进生态环境治理体系和治理能力现代化建设，制定本行动计划。" in intro
    assert "（一）指导思想" in body


@slow
def test_qingdao_liaoning_beijing_spot_checks(real: dict[str, Document]) -> None:
    qingdao = real["qingdao_ghg_air_coctrl_action_2021_2023.pdf"]
    assert sum("（责任单位：" in t for t in _body(qingdao)) == 25
    assert _body(qingdao)[:2] == [
        "青岛市温室气体减排和大气污染治理协同控制三年行动计划（2021-2023年）",  # two centred title lines
        _body(qingdao)[1],
    ]
    assert _body(qingdao)[1].startswith(
        "为深入贯彻落实习近平生态文明思想，促进应对气候变化与环境治理协同增效"
    )
    assert [b.text for b in qingdao.furniture][:2] == ["－ 1 －", "－ 2 －"]
    liaoning = _body(real["liaoning_nrd_eco_workplan_2021.pdf"])
    assert liaoning.count("完成时限：2021年12月底前") == 12
    assert any(t.startswith("1.选用高水平作业队伍。通过公开招标") for t in liaoning)
    beijing = _body(real["beijing_pollution_battle_opinions_2022.pdf"])
    assert "（一）指导思想" in beijing


def _fake_bold_pdf(text: str) -> bytes:
    """A one-page PDF that draws `text` twice, 0.3 pt apart and in two font names with the same metrics: fake bold."""
    content = f"BT /F1 14 Tf 72 700 Td ({text}) Tj ET BT /F2 14 Tf 72.3 700 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_overprinted_fake_bold_is_read_once() -> None:
    doc = parse_bytes(Path("bold.pdf"), _fake_bold_pdf("GB 3095 PM2.5"))
    assert [p.text for p in doc.paragraphs()] == ["GB 3095 PM2.5"]


def test_a_continued_table_drawn_with_double_rules_keeps_no_zero_width_cell() -> None:
    """Borders drawn as two strokes 4 pt apart (驻马店's 资金筹措 table) make sliver columns; when
    the next page's rules are merged with the wider continuation tolerance both edges of a sliver
    land on one boundary. The empty sliver is dropped instead of kept with a span of 0."""
    first = TableDraft(
        page=1,
        bbox=(50, 100, 450, 700),
        last_page=1,
        columns=[50, 100, 104, 250, 450],  # 100–104: the gap between a double rule's strokes
        n_rows=2,
        cells=[
            Cell(row=0, col=0, text="资金来源"),
            Cell(row=0, col=1, text=""),
            Cell(row=0, col=2, text="投资金额（亿元）"),
            Cell(row=0, col=3, text="投资占比"),
            Cell(row=1, col=0, text="国家及省级投资"),
            Cell(row=1, col=1, text=""),
            Cell(row=1, col=2, text="30.31"),
            Cell(row=1, col=3, text="35.96%"),
        ],
    )
    more = TableDraft(
        page=2,
        bbox=(50, 100, 450, 700),
        last_page=2,
        columns=[50, 102, 250, 450],
        n_rows=1,
        cells=[
            Cell(row=0, col=0, text="融资"),
            Cell(row=0, col=1, text="4.82"),
            Cell(row=0, col=2, text="5.72%"),
        ],
    )
    merge_continuation(first, more, 6.0)
    assert sorted((c.row, c.col, c.col_span, c.text) for c in first.cells) == [
        (0, 0, 1, "资金来源"),
        (0, 1, 1, "投资金额（亿元）"),
        (0, 2, 1, "投资占比"),
        (1, 0, 1, "国家及省级投资"),
        (1, 1, 1, "30.31"),
        (1, 2, 1, "35.96%"),
        (2, 0, 1, "融资"),
        (2, 1, 1, "4.82"),
        (2, 2, 1, "5.72%"),
    ]
    assert (first.n_rows, first.n_cols) == (3, 3)
