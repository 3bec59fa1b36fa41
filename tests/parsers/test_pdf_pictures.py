"""Tables printed as pictures in a text PDF: which images are OCR'd, the rules read from their
pixels, the OCR fixes, and a page with a paragraph and a picture of a real indicator table."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw

from policy_etl.parsers import ocr, pdf_pictures
from policy_etl.parsers.ocr import OcrChar, fix_misreadings
from policy_etl.parsers.pdf import PdfSettings, parse
from policy_etl.pipeline.ingest import process_bytes
from policy_etl.schemas.records import Extraction, TableRecord

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "picture" / "table_picture.pdf"
A4 = (595.0, 842.0)

needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason="the OCR extra (rapidocr, onnxruntime) is not installed"
)


def _image(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom}


def _glyphs(text: str, x0: float, top: float) -> list[dict[str, Any]]:
    return [
        {"text": g, "x0": x0 + 10 * i, "x1": x0 + 10 * i + 10, "top": top, "bottom": top + 10}
        for i, g in enumerate(text)
    ]


# -- which images are candidates (nothing rendered) -------------------------------------------


def test_a_large_image_with_no_text_over_it_is_a_candidate() -> None:
    body = _glyphs("围绕十四五期间生态环境保护重点领域任务", 90, 60)  # a paragraph above it
    boxes = pdf_pictures.candidates([_image(90, 100, 505, 700)], body, *A4)
    assert boxes == [(90.0, 100.0, 505.0, 700.0)]


def test_a_page_scan_under_its_text_layer_is_not_a_candidate() -> None:
    # ABBYY FineReader: the page image, and its recognized text laid over it
    text_layer = [g for top in range(80, 760, 20) for g in _glyphs("生态环境质量持续改善", 90, top)]
    assert pdf_pictures.candidates([_image(0, 0, *A4)], text_layer, *A4) == []


def test_stamps_logos_and_banners_are_not_candidates() -> None:
    seal = _image(380, 700, 500, 820)  # a 公章, ~4 cm
    banner = _image(77, 199, 519, 356)  # a 红头 title banner: 14% of the page
    assert pdf_pictures.candidates([seal, banner], [], *A4) == []


def test_an_image_off_the_page_is_clipped_to_it() -> None:
    (box,) = pdf_pictures.candidates([_image(-20, 80, 520, 900)], [], *A4)
    assert box == (0.0, 80.0, 520.0, 842.0)


def test_ocr_glyphs_over_a_picture_do_not_count_as_its_text_layer() -> None:
    read = [{**g, "ocr_confidence": 0.9} for g in _glyphs("指标2020年2025年", 120, 150)]
    assert pdf_pictures.text_chars_over((100, 100, 500, 700), read) == 0


# -- the pixels: rules, and what is not a table ------------------------------------------------


def _table_pixels(rows: int = 10, scale: float = 2.0, fill: str | None = None) -> np.ndarray:
    """A grid drawn like a screenshot of a Word table: 300 × (rows × 20) points, 4 columns,
    thin grey rules, a 一一 dash in a cell, an optional shaded header row."""
    width, row = round(300 * scale), round(20 * scale)
    image = Image.new("RGB", (width + 2, rows * row + 2), "white")
    draw = ImageDraw.Draw(image)
    if fill:
        draw.rectangle((0, 0, width, row), fill=fill)
    for r in range(rows + 1):
        draw.line((0, r * row, width, r * row), fill=(90, 90, 90), width=1)
    for x in (0, 120, 190, 250, 300):
        draw.line((round(x * scale), 0, round(x * scale), rows * row), fill=(90, 90, 90), width=1)
    draw.line(
        (round(130 * scale), round(50 * scale), round(150 * scale), round(50 * scale)), fill="black", width=2
    )
    return np.asarray(image)


def test_the_rules_of_a_table_picture_are_found_in_page_coordinates() -> None:
    horizontal, vertical = pdf_pictures.find_rules(_table_pixels(), (100.0, 200.0), 2.0)
    assert sorted(round(r["top"]) for r in horizontal) == [200 + 20 * r for r in range(11)]
    assert all(round(r["x0"]) == 100 and round(r["x1"]) == 400 for r in horizontal)
    assert sorted(round(r["x0"]) for r in vertical) == [100, 220, 290, 350, 400]
    assert all(round(r["top"]) == 200 and round(r["bottom"]) == 400 for r in vertical)
    # the 20 pt dash (一一) in a cell is shorter than a rule
    assert not any(abs(r["top"] - 225) < 1 for r in horizontal)


def test_rules_across_a_shaded_header_row_are_found() -> None:
    _, vertical = pdf_pictures.find_rules(_table_pixels(fill=(200, 200, 200)), (0.0, 0.0), 2.0)
    # the fill's own edge beside the right border may read as a rule too: pdfplumber snaps them
    columns = sorted({round(r["x0"] / 2) * 2 for r in vertical})
    assert columns == [0, 120, 190, 250, 300]
    header = [r for r in vertical if r["top"] < 1]
    assert {round(r["x0"] / 2) * 2 for r in header} == {0, 120, 190, 250, 300}


def test_a_ruled_table_picture_is_a_table_and_a_map_or_a_seal_is_not() -> None:
    assert pdf_pictures.is_table_picture(_table_pixels(), 2.0)
    assert not pdf_pictures.is_table_picture(_table_pixels(rows=4), 2.0)  # too few rows to matter
    rng = np.random.default_rng(0)
    terrain = rng.integers(40, 160, size=(600, 700, 3), dtype=np.uint8)  # a satellite map: all ink
    assert not pdf_pictures.is_table_picture(terrain, 2.0)
    seal = _table_pixels()
    seal = np.where(seal.mean(axis=2, keepdims=True) < 200, np.array([220, 30, 30], dtype=np.uint8), seal)
    assert not pdf_pictures.is_table_picture(seal, 2.0)  # red ink: a seal over a grid


def test_text_set_sideways_is_recognized_as_such() -> None:
    upright = [{"x0": 0, "x1": 10, "top": 0, "bottom": 11}] * 5
    turned = [{"x0": 0, "x1": 12, "top": 0, "bottom": 48}] * 5  # a landscape table turned by 90°
    assert not pdf_pictures.sideways(upright)
    assert pdf_pictures.sideways(turned)


# -- OCR fixes ---------------------------------------------------------------------------------


def _fixed(text: str) -> str:
    line = [OcrChar(g, 10.0 * i, 0.0, 10.0 * i + 10, 10.0, 0.95) for i, g in enumerate(text)]
    return "".join(c.text for c in fix_misreadings(line))


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("城市细颗粒物（PM25）浓度（μg/m³）", "城市细颗粒物（PM2.5）浓度（μg/m³）"),  # 422 攀枝花
        ("细颗粒物(PM2,5)浓度", "细颗粒物(PM2.5)浓度"),
        ("可吸入颗粒物（PM10）浓度", "可吸入颗粒物（PM10）浓度"),  # PM10 is not touched
        ("PM2.5", "PM2.5"),
        ("兵团地表水质量达到或好于类比例", "兵团地表水质量达到或好于Ⅲ类比例"),  # 584 新疆
        ("地表水质量好于IIl类水体比例", "地表水质量好于Ⅲ类水体比例"),
        ("地表水质量劣V类水体比例", "地表水质量劣V类水体比例"),
        ("城市建成区黑类体比例(%)", "城市建成区黑臭水体比例(%)"),  # 422 攀枝花
        ("城市黑奥水体比例", "城市黑臭水体比例"),
        ("国省圆考断面", "国省国考断面"),
        ("（三）环境凤险防控", "（三）环境风险防控"),  # 422 攀枝花
        ("13:7%", "13.7%"),  # 584 新疆
        ("比例为1:2", "比例为1:2"),
        ("约灵性", "约束性"),  # 584 新疆
        ("约性", "约束性"),
        ("约束性", "约束性"),
        ("预期性", "预期性"),
    ],
)
def test_ocr_fixes_correct_classes_of_misreading(read: str, meant: str) -> None:
    assert _fixed(read) == meant


def test_a_fixed_run_keeps_the_box_of_what_it_replaces() -> None:
    line = [OcrChar(g, 10.0 * i, 5.0, 10.0 * i + 10, 15.0, 0.9) for i, g in enumerate("PM25浓度")]
    fixed = fix_misreadings(line)
    assert "".join(c.text for c in fixed) == "PM2.5浓度"
    assert fixed[0].x0 == 0.0 and fixed[4].x1 == pytest.approx(40.0)  # PM2.5 spans PM25's box
    assert fixed[5].text == "浓" and fixed[5].x0 == 40.0


def _mark(draw: ImageDraw.ImageDraw, kind: str) -> None:
    if kind == "/":
        draw.line((26, 6, 14, 34), fill="black", width=2)
    else:  # a printed 1: upright stem, flag to the left, foot serif
        draw.line((20, 6, 20, 34), fill="black", width=2)
        draw.line((20, 6, 15, 11), fill="black", width=2)
        draw.line((16, 34, 24, 34), fill="black", width=2)


@pytest.mark.parametrize(("kind", "read"), [("/", "/"), ("1", "1")])
def test_a_lone_slash_read_as_1_is_a_slash(kind: str, read: str) -> None:
    image = Image.new("RGB", (40, 40), "white")
    _mark(ImageDraw.Draw(image), kind)
    box = [[16, 4], [24, 4], [24, 36], [16, 36]]
    (item,) = ocr._slash_marks([("1", 0.99, box)], image)
    assert item[0] == read


# -- a page with a paragraph and a picture of a real indicator table ---------------------------


@pytest.fixture(scope="module")
def picture_plan() -> Extraction:
    """tests/fixtures/picture/table_picture.pdf (make_picture_fixtures.py): the indicator table
    of 413 白银 rendered to a picture under the plan's paragraph, OCR'd once for the module."""
    data = FIXTURE.read_bytes()
    return process_bytes(FIXTURE, data, hashlib.sha256(data).hexdigest())


def _grid(table: TableRecord) -> list[list[str]]:
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    return grid


def _row(table: TableRecord, text: str) -> list[str]:
    (row,) = [[c for c in row if c] for row in _grid(table) if any(text in c for c in row)]
    return row


@needs_ocr
def test_a_picture_of_an_indicator_table_yields_its_rows(picture_plan: Extraction) -> None:
    (table,) = picture_plan.tables
    assert table.kind == "indicator" and table.page == 1
    assert table.title is not None and "指标体系" in table.title  # its caption, read from the picture
    assert _row(table, "序号") == ["序号", "指标", "2020（现状值）", "2025（目标值）", "指标属性"]
    assert _row(table, "空气质量优良天数比率") == [
        "1",
        "环境治理",
        "空气质量优良天数比率（%）",
        "94.0",
        "95",
        "约束性",
    ]
    assert _row(table, "细颗粒物") == ["2", "细颗粒物（PM2.5）浓度（μm/m3）", "27", "26", "约束性"]
    assert _row(table, "化学需氧量") == [
        "9",
        "化学需氧量",
        "重点工程减排量（吨）",
        "[2669.9]",
        "1300",
        "约束性",
    ]
    assert _row(table, "森林覆盖率")[-3:] == ["13.62", "完成省定目标", "约束性"]
    numbered = [row[0] for row in _grid(table) if row[0].isdigit()]
    assert numbered == [str(n) for n in range(1, 22)]  # all 21 rows, none merged or split


@needs_ocr
def test_a_picture_of_an_indicator_table_yields_its_table_targets(picture_plan: Extraction) -> None:
    (table,) = picture_plan.tables
    targets = {
        t.indicator_key: t for t in picture_plan.targets if t.source == "table" and t.table == table.index
    }
    pm25 = targets["pm25_concentration"]
    assert (pm25.value, pm25.year, pm25.baseline, pm25.baseline_year) == (26.0, 2025, 27.0, 2020)
    assert pm25.binding == "约束性" and pm25.comparator == "="
    good_days = targets["good_air_days_ratio"]
    assert (good_days.value, good_days.unit, good_days.baseline) == (95.0, "%", 94.0)
    water = targets["surface_water_class_iii_share"]
    assert (water.indicator, water.value, water.baseline) == ("地表水达到或好于Ⅲ类水体比例", 75.0, 100.0)
    cod = targets["cod_reduction"]
    assert (cod.value, cod.unit, cod.binding) == (1300.0, "吨", "约束性")
    assert targets["pm10_concentration"].value == 62.0
    assert len(targets) >= 12


@needs_ocr
def test_the_paragraph_stays_prose_and_the_picture_text_is_not_duplicated(picture_plan: Extraction) -> None:
    prose = [p.text for p in picture_plan.passages if p.table is None]
    assert any(text.startswith("围绕“十四五”期间生态环境保护重点领域任务") for text in prose)
    assert not any("空气质量优良天数比率" in text for text in prose)  # the cells are the table's only
    cells = [p.text for p in picture_plan.passages if p.table is not None]
    assert cells.count("空气质量优良天数比率（%）") == 1


def test_with_ocr_off_the_picture_is_left_unread() -> None:
    data = FIXTURE.read_bytes()
    doc = parse(FIXTURE, data, hashlib.sha256(data).hexdigest(), PdfSettings(ocr="off"))
    assert doc.tables() == []
    assert [block.text[:8] for block in doc.blocks] == ["围绕“十四五”期"]
