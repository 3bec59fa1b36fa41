"""Lines as printed: characters sharing a baseline are one line, whatever their font's box says.

The character boxes below are copied from real gazette PDFs of shared/corpus/real, where a font
with wrong ascent/descent metrics puts the box of full-width digits a whole line below the text
they are printed in (济南 461 p.3), and from ABBYY FineReader's tables, whose stacked cell lines
overlap each other's boxes (青海 466 p.10).
"""

from __future__ import annotations

from typing import Any

import pytest

from policy_etl.parsers.pdf_text import baseline, chars_to_lines, clean_line_text

PAGE_HEIGHT = 841.92


def _char(text: str, x0: float, top: float, bottom: float, base: float, size: float = 15.9) -> dict[str, Any]:
    """A pdfplumber-like char: `base` is the baseline in top-down page coordinates."""
    y0 = PAGE_HEIGHT - bottom
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size,
        "top": top,
        "bottom": bottom,
        "y0": y0,
        "size": size,
        "upright": True,
        "matrix": (1.0, 0.0, 0.0, 1.0, x0, PAGE_HEIGHT - base),
    }


def test_baseline_comes_from_the_text_matrix_not_the_box() -> None:
    digit = _char("３", 421.5, 527.0, 542.9, base=526.5)
    assert baseline(digit) == pytest.approx(526.5)


def test_full_width_digits_with_a_shifted_box_stay_in_their_sentence() -> None:
    """济南 461: "…同比增长３．７％,达到" — the digits' font declares a box 15 pt lower."""
    hanzi = [_char(c, 366.8 + 18.1 * i, 512.3, 528.2, base=524.4) for i, c in enumerate("比增长")]
    digits = [_char(c, 421.5 + 13 * i, 527.0, 542.9, base=526.5) for i, c in enumerate("３．７％")]
    tail = [_char(",", 474.0, 513.1, 529.1, base=523.8)]
    tail += [_char(c, 483.8 + 18.1 * i, 512.3, 528.2, base=524.4) for i, c in enumerate("达到")]
    below = [_char(c, 73.1 + 18.1 * i, 545.3, 561.2, base=557.4) for i, c in enumerate("持续优化")]
    lines = chars_to_lines([*hanzi, *digits, *tail, *below], page=3, x_tolerance_ratio=0.5)
    assert [line.text for line in lines] == ["比增长３．７％,达到", "持续优化"]
    # the line keeps the box most of its glyphs share, not the digits' shifted one
    assert (lines[0].top, lines[0].bottom) == (512.3, 528.2)


def test_superscripts_and_subscripts_join_their_line() -> None:
    line = [_char(c, 100 + 16 * i, 300, 316, base=313, size=16) for i, c in enumerate("万立方米")]
    sup = [_char("3", 164, 296, 304, base=303.5, size=8)]  # m³-style, raised a third of a size
    sub = [_char(c, 172 + 5 * i, 308, 316, base=317.5, size=8) for i, c in enumerate("2.5")]
    lines = chars_to_lines([*line, *sup, *sub], page=1, x_tolerance_ratio=0.5)
    assert [line.text for line in lines] == ["万立方米32.5"]


def test_stacked_table_lines_whose_boxes_overlap_stay_apart() -> None:
    """青海 466: a wrapped name cell and the row's values 7.7 pt apart with 12 pt type."""
    name = [_char(c, 208.9 + 12 * i, 469.6, 481.6, base=479.2, size=12) for i, c in enumerate("草原综合")]
    values = [_char(c, 172.9 + 6 * i, 477.3, 489.3, base=486.9, size=12) for i, c in enumerate("57.4")]
    rest = [_char(c, 253.8 + 6 * i, 485.2, 497.2, base=494.8, size=12) for i, c in enumerate("(%)")]
    lines = chars_to_lines([*name, *values, *rest], page=10, x_tolerance_ratio=0.5)
    assert [line.text for line in lines] == ["草原综合", "57.4", "(%)"]


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        # Founder gazette fonts (甘肃 320, 青海 542) print the decimal point as U+1001B0
        ("１５１６\U001001b0５万千瓦", "１５１６．５万千瓦"),
        ("分别达到７\U001001b0５％和５７", "分别达到７．５％和５７"),
        # a contents page's dot leader, and the middle dot of 六·五环境日
        ("前言\U001001ba\U001001ba\U001001ba\U001001ba（６）", "前言…………（６）"),
        ("“六\U00100170五”环境日", "“六·五”环境日"),
    ],
)
def test_private_use_glyphs_read_as_the_character_they_print(raw: str, printed: str) -> None:
    assert clean_line_text(raw) == printed
