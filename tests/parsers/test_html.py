"""The HTML parser: GBK pages inside CMS chrome, rowspan tables, layout tables, the State Council page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policy_etl.parsers import ParseError, parse_bytes, parse_file
from policy_etl.parsers.html import MAX_SPAN, _span, declared_charset
from policy_etl.schemas.document import Document, Paragraph, Table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PLAN = FIXTURES / "html" / "seed000_plan.html"
TABLE1 = FIXTURES / "html" / "seed002_table1.html"
WUFEI = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "corpus"
    / "extra"
    / "gov_wufei_city_pilot_plan_2018.html"
)
if not WUFEI.exists():  # the worktree lives in /work/wt/<name>; main in /work/main
    WUFEI = Path("/work/shared/corpus/extra/gov_wufei_city_pilot_plan_2018.html")


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


@pytest.fixture(scope="module")
def plan() -> Document:
    return parse_file(PLAN)


@pytest.fixture(scope="module")
def wufei() -> Document:
    return parse_file(WUFEI)


# --- the GBK fixture ----------------------------------------------------------------------------


def test_gbk_page_decodes_with_its_meta_charset(plan: Document) -> None:
    data = PLAN.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert declared_charset(data) == "gb2312"
    body = texts(plan)
    assert body[0] == "“811”美丽港区建设行动方案（2016-2020）"
    assert "一、指导思想和基本原则" in body
    assert any("PM2.5浓度下降至38微克/立方米以下" in t for t in body)


def test_chrome_is_dropped_and_kept_as_furniture(plan: Document) -> None:
    body = "\n".join(texts(plan))
    for chrome in ("首页", "当前位置", "分享到", "主办单位", "统计代码", "打印", "text-indent"):
        assert chrome not in body
    furniture = "\n".join(b.text for b in plan.furniture if isinstance(b, Paragraph))
    assert "当前位置" in furniture and "分享到" in furniture and "主办单位" in furniture


def test_nested_inline_markup_and_br_make_paragraphs(plan: Document) -> None:
    body = texts(plan)
    # Split over <b>, <span> and <font> in the source, whole here.
    assert any(t.startswith("为深入贯彻落实《“811”美丽嘉兴建设行动方案》") and t.endswith("。") for t in body)
    # Two lines separated by <br> inside one <p>.
    i = body.index("——建成区污水基本实现全收集、全处理、全达标，污水处理率达到95%以上。")
    assert body[i + 1].startswith("——全面完成固废处置设施建设")


def test_heading_tags_give_style_hints(plan: Document) -> None:
    hints = {b.text: b.style_hint for b in plan.blocks if isinstance(b, Paragraph)}
    assert hints["（一）指导思想"] == "h3"


def test_rowspan_colspan_table_matches_the_docx_grid() -> None:
    (html_table,) = parse_file(TABLE1).tables()
    (docx_table,) = parse_file(FIXTURES / "docx" / "seed002_table1.docx").tables()
    assert html_table.as_grid() == docx_table.as_grid()
    assert sorted(html_table.cells, key=lambda c: (c.row, c.col)) == sorted(
        docx_table.cells, key=lambda c: (c.row, c.col)
    )
    assert html_table.caption == "表1 嘉兴市生态文明建设规划指标（国家级）"


# --- grid building ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "span"), [("2", 2), ("2;", 2), (" 3px", 3), ("abc", 1), ("", 1), ("0", 1), ("9999", MAX_SPAN)]
)
def test_spans_are_parsed_defensively(raw: str, span: int) -> None:
    assert _span(raw) == span


def one_table(body: str) -> Table:
    (table,) = parse_bytes(Path("t.html"), page(body)).tables()
    return table


def test_row_header_th_and_rowspan_that_runs_past_the_last_row() -> None:
    table = one_table(
        "<p>表2 主要任务分工</p><table>"
        "<tr><th>领域</th><th>任务</th><th>牵头单位</th></tr>"
        "<tr><th rowspan='5'>水</th><td>河道整治</td><td>区水利局</td></tr>"
        "<tr><td>污水收集</td><td colspan='1;'>区住建局</td></tr></table>"
    )
    assert table.as_grid() == [
        ["领域", "任务", "牵头单位"],
        ["水", "河道整治", "区水利局"],
        [None, "污水收集", "区住建局"],
    ]
    assert next(c for c in table.cells if c.text == "水").row_span == 2  # clipped to the table
    assert table.caption == "表2 主要任务分工"


def test_short_row_under_a_rowspan_does_not_shift_cells_left() -> None:
    table = one_table(
        "<table><tr><td rowspan='2'>1</td><td>大气</td><td colspan='2'>PM2.5浓度</td></tr>"
        "<tr><td>水</td><td>断面达标率</td><td>100%</td></tr></table>"
    )
    assert table.as_grid() == [["1", "大气", "PM2.5浓度", None], [None, "水", "断面达标率", "100%"]]


def test_layout_tables_do_not_swallow_the_article_and_inner_data_tables_survive() -> None:
    body = (
        "<table class='main'><tr><td><table><tr><td>"
        "<div class='content'><p>一、总体要求</p><p>到2025年，全市PM2.5平均浓度下降到30微克/立方米，地表水达标率稳步提高。</p>"
        "<table border='1'><tr><td>指标</td><td>目标值</td></tr><tr><td>PM2.5浓度</td><td>30</td></tr></table>"
        "<p>二、主要任务</p></div></td></tr></table></td></tr></table>"
    )
    doc = parse_bytes(Path("layout.html"), page(body))
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    assert doc.tables()[0].as_grid() == [["指标", "目标值"], ["PM2.5浓度", "30"]]


def test_density_fallback_without_a_known_container() -> None:
    body = (
        "<div class='menu'><a href='/'>首页</a><a href='/a'>机构</a><a href='/b'>新闻</a></div>"
        "<div class='main-x'><div class='wz'>"
        + "".join(
            f"<p>第{i}段：推进生态环境保护，强化污染防治攻坚，确保空气质量持续改善。</p>" for i in range(1, 6)
        )
        + "</div></div><div class='bottom'><a href='/c'>网站地图</a> 联系我们</div>"
    )
    doc = parse_bytes(Path("plain.html"), page(body))
    assert len(texts(doc)) == 5 and "首页" not in "".join(texts(doc))


def test_gb2312_label_means_gb18030() -> None:
    # 𠮷 is outside GB2312 and GBK; pages labelled gb2312 carry such characters in GB18030 bytes.
    data = page("<div id='zoom'><p>" + "生态环境局𠮷" * 10 + "</p></div>", '<meta charset="gb2312">')
    data = data.decode("utf-8").encode("gb18030")
    assert "𠮷" in texts(parse_bytes(Path("x.html"), data))[0]


def test_a_page_with_no_text_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="no readable text"):
        parse_bytes(Path("empty.html"), page("<script>var a=1;</script>"))


# --- the real State Council page ---------------------------------------------------------------


def test_state_council_page_body(wufei: Document) -> None:
    body = texts(wufei)
    assert len(body) == 51 and not wufei.tables()
    assert body[:3] == ["国务院办公厅关于印发“无废城市”建设", "试点工作方案的通知", "国办发〔2018〕128号"]
    for heading in ("一、总体要求", "二、主要任务", "三、实施步骤", "四、保障措施"):
        assert heading in body
    assert body[-1].startswith("（四）强化宣传引导。面向学校、社区、家庭、企业开展生态文明教育")
    # The metadata table around the article is not body; it stays in furniture for the curious.
    assert not any("索 引 号" in t or "主题分类" in t for t in body)
    meta = next(b for b in wufei.furniture if isinstance(b, Table))
    assert meta.as_grid()[3][:2] == ["发文字号：", "国办发〔2018〕128号"]


def test_state_council_inline_responsibility_notes_survive(wufei: Document) -> None:
    text = "\n".join(texts(wufei))
    notes = re.findall(r"（[^（）]{0,60}(?:牵头|负责|参与|指导)[^（）]{0,40}）", text)
    assert len(notes) == 36
    assert (
        "（生态环境部牵头，国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国家统计局参与）"
        in notes
    )
    assert "（市场监管总局、工业和信息化部负责）" in notes


def test_thousands_of_unclosed_font_tags_do_not_overflow_the_stack() -> None:
    body = "<div id='zoom'><p>" + "<font>生态" * 5000 + "环境保护</p></div>"
    (paragraph,) = texts(parse_bytes(Path("deep.html"), page(body)))
    assert paragraph == "生态" * 5000 + "环境保护"


def test_two_column_layout_without_nested_tables_is_not_a_data_table() -> None:
    article = "".join(
        f"<p>（{i}）加强生态环境保护，" + "推进污染防治攻坚战，" * 20 + "</p>" for i in range(1, 9)
    )
    body = f"<div id='zoom'><table><tr><td>索引</td><td>{article}</td></tr></table></div>"
    doc = parse_bytes(Path("layout2.html"), page(body))
    assert not doc.tables()
    assert sum(t.startswith("（") for t in texts(doc)) == 8
