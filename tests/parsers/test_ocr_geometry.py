"""What parsers/ocr.py makes of the recognizer's boxes and of a page image, without running OCR.

The recognizer's output is given here as it comes (lines of (text, score, four-point box) in
pixels at RENDER_SCALE), so these rules are checked in milliseconds; tests/test_ocr.py runs the
real engine on real scans.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_etl.parsers import ocr, parse_bytes
from policy_etl.parsers.base import ParseError, ParseWarning

SCALE = ocr.RENDER_SCALE
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pdf"


def _line(text: str, x: float, y: float, pitch: float, height: float, score: float = 0.99) -> list:  # type: ignore[type-arg]
    """A recognized line as RapidOCR gives it: one item per character, boxes `pitch` apart."""
    items = []
    for i, ch in enumerate(text):
        x0, x1 = x + i * pitch, x + i * pitch + pitch * 0.8  # boxes narrower than the glyphs
        items.append((ch, score, [(x0, y), (x1, y), (x1, y + height), (x0, y + height)]))
    return items


def _chars(lines: list) -> list[ocr.OcrChar]:  # type: ignore[type-arg]
    measured = [m for line in lines if (m := ocr._measure(line, (0.0, 0.0), SCALE)) is not None]
    ocr._snap_sizes(measured)
    return [c for m in measured for c in ocr._line_chars(m, (0.0, 0.0), SCALE)]


def test_lines_of_one_paragraph_get_one_type_size_whatever_their_boxes() -> None:
    """10.5 pt type at 2 px/pt: 21 px a glyph. The detector pads a line with a dash more
    (34 px) than one without (28 px): both lines get 10.5 pt, boxes of that height."""
    chars = _chars(
        [
            _line("——全面完成固废处置设施建设工业固废", 180, 1276, 21, 34),
            _line("化处置率达到农村生活垃圾无害化处理", 180, 1306, 21, 28),
        ]
    )
    assert {c.bottom - c.top for c in chars} == {10.5}
    assert chars[0].top < chars[-1].top


def test_a_title_keeps_its_larger_size() -> None:
    chars = _chars(
        [
            _line("示范市生态环境保护规划", 200, 100, 44, 60),  # 22 pt
            *(_line("正文正文正文正文正文正文正文正文", 180, 200 + 30 * i, 21, 28) for i in range(4)),
        ]
    )
    assert chars[0].bottom - chars[0].top == 22.0
    assert chars[-1].bottom - chars[-1].top == 10.5


def test_characters_of_a_line_touch_so_no_space_is_read_between_them() -> None:
    (first, second, *_) = _chars([_line("规划建设行动方案", 100, 100, 21, 28)])
    assert first.x1 == second.x0


def test_a_bracket_the_recognizer_hesitates_over_is_kept() -> None:
    line = _line("（一）加强组织领导", 100, 100, 21, 28)
    line[2] = (")", 0.5, line[2][2])  # scored 0.5: the half- or the full-width form
    assert "".join(c.text for c in _chars([line])) == "（一)加强组织领导"


def test_text_printed_sideways_is_told_from_upright_text() -> None:
    upright = [_line("生态环境保护规划", 100, 100 + 30 * i, 21, 28) for i in range(3)]
    turned = [
        [
            (ch, 0.9, [(100 + 30 * i, y), (128 + 30 * i, y), (128 + 30 * i, y + 21), (100 + 30 * i, y + 21)])
            for ch, y in zip("指标属性", range(100, 200, 25), strict=False)
        ]
        for i in range(3)
    ]
    assert not ocr.sideways(upright)
    assert ocr.sideways(turned)


def test_rules_printed_in_an_image_are_found_at_their_place() -> None:
    """A 3 × 2 grid drawn 2 px thick at 2 px/pt: its 4 horizontal and 3 vertical rules, in page
    points, offset by the region's origin; a word of text beside it is no rule."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 400), 255)
    draw = ImageDraw.Draw(image)
    for y in (40, 120, 200, 280):
        draw.line([(50, y), (450, y)], fill=0, width=2)
    for x in (50, 250, 450):
        draw.line([(x, 40), (x, 280)], fill=0, width=2)
    draw.text((470, 100), "PM2.5", fill=0)
    rules = ocr.image_rules(image, origin=(10.0, 20.0))
    horizontal = sorted((r["top"], r["x0"], r["x1"]) for r in rules if r["top"] == r["bottom"])
    vertical = sorted((r["x0"], r["top"], r["bottom"]) for r in rules if r["x0"] == r["x1"])
    assert [round(t) for t, _, _ in horizontal] == [40, 80, 120, 160]
    assert [round(x) for x, _, _ in vertical] == [35, 135, 235]
    assert all(abs(x0 - 35) <= 1 and abs(x1 - 235) <= 1 for _, x0, x1 in horizontal)
    assert all(abs(top - 40) <= 1 and abs(bottom - 160) <= 1 for _, top, bottom in vertical)
    assert all(r["object_type"] == "line" for r in rules)


def test_a_scan_printed_sideways_is_refused_saying_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "read_region", lambda page, bbox=None: ocr.Reading([], [], sideways=True))
    with pytest.raises(ParseError) as info:
        parse_bytes(Path("scan.pdf"), (FIXTURES / "scan.pdf").read_bytes())
    assert info.value.reason == (
        "the PDF is a scan with no text layer (only page images), printed sideways: "
        "OCR reads upright text only"
    )


def test_a_text_pdf_with_a_page_to_ocr_warns_when_the_extra_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """plan.pdf with its page 2 seen as a scan (no characters, one image) and no OCR extra:
    the file is read without that page, and a warning says which page and what to install."""
    import pdfplumber.page

    real_chars = pdfplumber.page.Page.chars

    def chars(self: pdfplumber.page.Page) -> list:  # type: ignore[type-arg]
        return [] if self.page_number == 2 else real_chars.fget(self)  # type: ignore[attr-defined]

    monkeypatch.setattr(pdfplumber.page.Page, "chars", property(chars))
    monkeypatch.setattr(
        pdfplumber.page.Page,
        "images",
        property(lambda self: [{"x0": 0, "top": 0, "x1": self.width, "bottom": self.height}]),
    )
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.warns(ParseWarning) as caught:
        doc = parse_bytes(Path("plan.pdf"), (FIXTURES / "plan.pdf").read_bytes())
    (warning,) = caught
    assert str(warning.message) == ("1 page without a text layer left out (page 2): " + ocr.MISSING_EXTRA)
    assert {b.loc.page for b in doc.blocks} >= {1, 3}
    assert 2 not in {b.loc.page for b in doc.blocks}
