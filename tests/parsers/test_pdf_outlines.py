"""Text drawn as glyph outlines (bold type of OFD-converted plans) is found and read by OCR.

The fixture is page 23 of 阿坝州“十四五”生态环境保护规划 (shared/corpus/real/428), cut out with
pypdfium2: its heading （四）规划目标, the title of 专栏2 and the table's header and category rows
are filled paths, not text.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from pathlib import Path

import pdfplumber
import pytest

from policy_etl.parsers import ocr
from policy_etl.parsers.base import ParseWarning
from policy_etl.parsers.pdf import PdfSettings, parse
from policy_etl.parsers.pdf_outlines import glyph_paths, outline_chars, outline_lines
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.normalize import normalize
from policy_etl.schemas.document import Document, Paragraph, Table
from tests.conftest import CORPUS_REAL

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "pdf_outlines" / "aba_428_p23.pdf"
# The outlined heading; OCR reads its brackets as ASCII or full-width.
HEADING = re.compile(r"[（(]四[）)]规划目标")
TITLE = "专栏2“十四五”期间生态环境保护指标"
needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")


def _curve(x0: float, top: float, x1: float, bottom: float, fill: bool = True) -> dict[str, object]:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "fill": fill}


def _char(text: str, x0: float, top: float) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + 10, "top": top, "bottom": top + 10}


def test_glyph_paths_side_by_side_form_lines_and_a_wide_gap_splits_cells() -> None:
    glyphs = [_curve(100 + 11 * i, 200, 110 + 11 * i, 210) for i in range(4)]  # one word
    glyphs += [_curve(300 + 11 * i, 201, 310 + 11 * i, 211) for i in range(3)]  # the next cell
    glyphs.append(_curve(103, 203, 106, 205))  # the hole of 口, inside the first word
    glyphs.append(_curve(100, 400, 300, 401))  # a rule: too wide for a glyph
    glyphs.append(_curve(500, 500, 509, 509, fill=False))  # a stroked shape is not type
    paths = glyph_paths(glyphs)
    assert len(paths) == 8
    assert outline_lines(paths, []) == [(100.0, 200.0, 143.0, 210.0), (300.0, 201.0, 332.0, 211.0)]


def test_outlines_under_text_of_the_text_layer_are_not_read() -> None:
    paths = glyph_paths([_curve(100 + 11 * i, 200, 110 + 11 * i, 210) for i in range(4)])
    assert outline_lines(paths, [_char("指", 112, 200)]) == []  # the text layer has it
    assert outline_lines(paths, [_char("指", 112, 300)]) == [(100.0, 200.0, 143.0, 210.0)]


@pytest.fixture(scope="module")
def page_doc() -> Document:
    data = FIXTURE.read_bytes()
    return parse(FIXTURE, data, hashlib.sha256(data).hexdigest())


@needs_ocr
def test_an_outlined_heading_and_table_header_are_read(page_doc: Document) -> None:
    texts = [b.text for b in page_doc.blocks if isinstance(b, Paragraph)]
    assert any(HEADING.fullmatch(text) for text in texts), texts
    (table,) = [b for b in page_doc.blocks if isinstance(b, Table)]
    rows: dict[int, list[str]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell.text)
    assert [text.replace(" ", "") for text in rows[0]] == [TITLE]  # OCR may or may not see the gap
    assert rows[1][0] == "指标" and rows[1][-1] == "属性"
    assert any("2025" in text for text in rows[1]) and any("2020" in text for text in rows[1])
    assert rows[2] == ["环境质量"]
    assert rows[4] == ["（2）地级城市细颗粒物（PM2.5）浓度（μg/m3）", "14.2", "16", "14.3", "约束性"]


@needs_ocr
def test_the_outlined_header_makes_the_table_an_indicator_table_with_targets(page_doc: Document) -> None:
    extraction = extract(normalize(page_doc))
    (table,) = extraction.tables
    assert table.kind == "indicator" and (table.title or "").replace(" ", "") == TITLE
    by_key = {t.indicator_key: t for t in extraction.targets if t.source == "table"}
    pm25 = by_key["pm25_concentration"]
    assert (pm25.value, pm25.unit, pm25.year, pm25.baseline, pm25.baseline_year, pm25.binding) == (
        14.3,
        "μg/m³",
        2025,
        16.0,
        2020,
        "约束性",
    )
    assert by_key["good_air_days_ratio"].value == 100.0


def test_with_ocr_off_the_outlines_stay_unread() -> None:
    data = FIXTURE.read_bytes()
    doc = parse(FIXTURE, data, hashlib.sha256(data).hexdigest(), PdfSettings(ocr="off"))
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert not any(HEADING.fullmatch(text) for text in texts)
    assert any("一屏四带" in text for text in texts)  # the text layer is read as before


def test_without_the_ocr_packages_the_file_warns_which_page_it_could_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    data = FIXTURE.read_bytes()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = parse(FIXTURE, data, hashlib.sha256(data).hexdigest())
    messages = [str(w.message) for w in caught if issubclass(w.category, ParseWarning)]
    assert messages == [f"page 1 draws text as outlines, which needs OCR: {ocr.MISSING_EXTRA}"]
    assert any("一屏四带" in b.text for b in doc.blocks if isinstance(b, Paragraph))


@needs_ocr
def test_a_red_masthead_drawn_as_outlines_is_read_on_a_second_producer() -> None:
    """白银 413 (Word): only its 红头 masthead, in ~40 pt red type, is drawn as outlines."""
    if CORPUS_REAL is None:
        pytest.skip("shared/corpus/real not found next to the repository")
    (source,) = CORPUS_REAL.glob("413、*.pdf")
    with pdfplumber.open(source) as pdf:
        page = pdf.pages[0]
        read = outline_chars(page, page.chars)
        assert "".join(c["text"] for c in read) == "白银市人民政府办公室文件"
        assert all(c["fontname"] == "OCR" and c["ocr_confidence"] >= 0.8 for c in read)
        assert all(not outline_chars(p, p.chars) for p in pdf.pages[1:6])  # text pages: nothing


@needs_ocr
def test_reading_outlines_leaves_the_engine_detecting_for_the_next_page() -> None:
    """RapidOCR keeps a call's options for the next call: a recognizer-only read of outlines
    must not leave detection off (the next scan or picture would come back as WordInfo)."""
    with pdfplumber.open(FIXTURE) as pdf:
        page = pdf.pages[0]
        assert outline_chars(page, page.chars)
        image = ocr.render(page).crop((200, 1080, 1100, 1200))  # the 专栏2 title and header rows
        chars = ocr.recognize(image, (100.0, 540.0))
    assert chars and all(540 <= c.top < 600 for c in chars)
    assert "指标" in "".join(c.text for c in chars)
