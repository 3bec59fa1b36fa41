"""Tables printed as pictures inside a text PDF: which images to OCR, and the rules drawn in them.

Some plans paste their indicator table into the document as an image (a screenshot of a Word or
Excel table): the page has a text layer, but the table's cells are pixels. Such a picture is read
like the rest of the page: it is rendered, OCR'd (`parsers/ocr.py`), and its glyphs join the
page's characters; the ruling lines visible in its pixels become explicit edges for pdfplumber's
`lines` strategy, so the same ruled-table code that reads a drawn table builds the grid (and a
picture without rules falls to the positioned-text tables of `pdf_layout`).

Not every image is a table picture. Only an image that is

- large: it covers `MIN_PAGE_SHARE` of the page (about a quarter of an A4 page's text block), so
  logos, stamps (公章, ~4 cm), QR codes and 红头 banners are left alone;
- bare: at most `MAX_TEXT_CHARS` text-layer glyphs stand over it. An OCR converter (ABBYY
  FineReader) lays its recognized text layer over the page scan: that image has the whole page's
  text over it, and the text layer already says what it shows;
- not red: most of its ink is not red (a seal, a red header);
- ruled: it shows at least `MIN_ROW_RULES` horizontal rules (a table ruled row by row; maps,
  photos and charts show a frame and a few grid lines at most)

is OCR'd. `candidates` applies the first two tests without rendering anything, `is_table_picture`
the last two on the rendered pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

BBox = tuple[float, float, float, float]

# An image smaller than this share of the page's area is never a table picture. An A4 page's
# text block is ~60% of the page; a quarter of it is 15% (a 10-row table set the full width).
MIN_PAGE_SHARE = 0.15
# Text-layer glyphs (their centre) over an image beyond this count mean the image is a page scan
# under its OCR text layer, or a background under printed text: its content is read already.
MAX_TEXT_CHARS = 5
# A pixel darker than this (0-255 grey) is ink (for the red share).
INK_GREY = 200
# A pixel darker than this, and by RULE_CONTRAST than the pixels RULE_SIDE points away on one
# side across the rule, may be part of a rule: table rules are often thin and light grey once
# rendered (584 新疆's are ~228), and a shaded header row (grey fill) still shows its rules.
RULE_GREY = 240
RULE_CONTRAST = 12
RULE_SIDE = 2.0
# A rule is a straight run of ink at least this long (points): longer than any glyph's stroke
# (a 16 pt 一 is ~15 pt) or a dash cell (一一 at 10.5 pt), shorter than a narrow column's width.
MIN_RULE_LENGTH = 22.0
# A shorter vertical run (down to this, points) is a rule when it runs from one horizontal rule to
# another (within RULE_END_SLACK points) in line with a long vertical rule: the column's border
# in a row lower than MIN_RULE_LENGTH (a glyph's stroke in a tight row meets both rules too, but
# is not in line with a border).
MIN_CELL_BORDER = 6.0
RULE_END_SLACK = 2.0
# Gaps in a rule up to this many pixels are closed (a scan's broken line). More would join the
# strokes of neighbouring glyphs (一一, 三) into a rule through a line of text.
RULE_GAP_PIXELS = 1
# Runs of ink this many pixels apart or closer, overlapping, are one (thick) rule.
RULE_THICKNESS_PIXELS = 3
# A rule is thin: a run of ink thicker than this (points) is an area (a map's sea, a photo).
MAX_RULE_THICKNESS = 2.5
# A table picture shows at least this many dark horizontal rules across a third of its width
# (a table of seven rows or more, ruled row by row).
MIN_ROW_RULES = 8
ROW_RULE_SHARE = 0.33
# A table picture is mostly paper: more than this share of ink is a map, a photo or a chart's fill.
MAX_INK_SHARE = 0.3
# Recognized glyph boxes this many times taller than wide (their median) are text set sideways: a
# landscape table turned on a portrait page, which the line assembly cannot read.
SIDEWAYS_RATIO = 2.0
# A picture with more than this share of its ink red is a seal or a red header (红头), not a table.
MAX_RED_SHARE = 0.5


@dataclass
class Picture:
    """A table picture on a page: its box, its recognized glyphs and its rules (page coordinates)."""

    bbox: BBox
    chars: list[dict[str, Any]] = field(default_factory=list)
    horizontal: list[dict[str, Any]] = field(default_factory=list)
    vertical: list[dict[str, Any]] = field(default_factory=list)


def _clip(image: dict[str, Any], width: float, height: float) -> BBox | None:
    x0, top = max(float(image["x0"]), 0.0), max(float(image["top"]), 0.0)
    x1, bottom = min(float(image["x1"]), width), min(float(image["bottom"]), height)
    return (x0, top, x1, bottom) if x1 > x0 and bottom > top else None


def text_chars_over(bbox: BBox, chars: Sequence[dict[str, Any]]) -> int:
    """Text-layer glyphs (not OCR'd ones) whose centre lies in `bbox`."""
    x0, top, x1, bottom = bbox
    return sum(
        1
        for c in chars
        if c["text"].strip()
        and "ocr_confidence" not in c
        and x0 <= (float(c["x0"]) + float(c["x1"])) / 2 <= x1
        and top <= (float(c["top"]) + float(c["bottom"])) / 2 <= bottom
    )


def candidates(
    images: Sequence[dict[str, Any]], chars: Sequence[dict[str, Any]], width: float, height: float
) -> list[BBox]:
    """The boxes of the page's images that may be table pictures: large and with no text over.

    Decided from the page's objects alone (nothing rendered), so it costs nothing on a page
    without a large image — which is every page of most plans.
    """
    boxes: list[BBox] = []
    for image in images:
        bbox = _clip(image, width, height)
        if bbox is None or (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]) < MIN_PAGE_SHARE * width * height:
            continue
        if text_chars_over(bbox, chars) > MAX_TEXT_CHARS:
            continue
        if any(_contains(done, bbox) for done in boxes):
            continue  # an image drawn over another (a soft mask, a duplicate)
        boxes.append(bbox)
    return boxes


def _contains(outer: BBox, inner: BBox, slack: float = 2.0) -> bool:
    return (
        outer[0] - slack <= inner[0]
        and outer[1] - slack <= inner[1]
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def ink_share(pixels: np.ndarray) -> float:
    """The share of the picture's pixels that are ink."""
    return float((pixels.astype(np.int16).mean(axis=2) < INK_GREY).mean())


def red_share(pixels: np.ndarray) -> float:
    """The share of the picture's ink that is red (RGB array)."""
    rgb = pixels.astype(np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    red = (r > 150) & (r - g > 60) & (r - b > 60)
    ink = (rgb.mean(axis=2) < INK_GREY) | red
    return float(red.sum()) / max(1, int(ink.sum()))


def _runs(line: np.ndarray, min_length: int) -> list[tuple[int, int]]:
    """Runs of True in a 1-D array (gaps up to RULE_GAP_PIXELS closed), at least `min_length` long."""
    padded = np.concatenate(([False], line, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    runs: list[tuple[int, int]] = []
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        if runs and start - runs[-1][1] <= RULE_GAP_PIXELS:
            runs[-1] = (runs[-1][0], int(end))
        else:
            runs.append((int(start), int(end)))
    return [(s, e) for s, e in runs if e - s >= min_length]


def _rules(ink: np.ndarray, min_length: int, max_thickness: int) -> list[tuple[float, int, int]]:
    """Horizontal rules of an ink mask: (y, x start, x end) in pixels, the runs of ink of
    neighbouring pixel rows that cover the same stretch merged into one rule, which is dropped
    if thicker than `max_thickness`."""
    done: list[list[float]] = []
    active: list[list[float]] = []  # [y sum, count, x0, x1, last y, first y]
    for y in range(ink.shape[0]):
        done.extend(rule for rule in active if y - rule[4] > RULE_THICKNESS_PIXELS)
        active = [rule for rule in active if y - rule[4] <= RULE_THICKNESS_PIXELS]
        for start, end in _runs(ink[y], min_length):
            for rule in active:
                # the same rule one pixel row on: a run overlapping most of it (a glyph's stroke
                # set against the rule is not its thickness)
                if min(end, rule[3]) - max(start, rule[2]) >= 0.5 * max(end - start, rule[3] - rule[2]):
                    rule[0] += y
                    rule[1] += 1
                    rule[2], rule[3], rule[4] = min(rule[2], start), max(rule[3], end), y
                    break
            else:
                active.append([float(y), 1, start, end, y, y])
    return [
        (rule[0] / rule[1], int(rule[2]), int(rule[3]))
        for rule in done + active
        if rule[4] - rule[5] + 1 <= max_thickness
    ]


def _thin_lines(grey: np.ndarray, side: int) -> np.ndarray:
    """Pixels of thin horizontal lines: darker than RULE_GREY and than the lighter of the pixels
    `side` rows above and below. The inside of a filled area is not a line; a rule across a
    shaded row is, and so is a rule with text set against it (one side dark with a glyph)."""
    padded = np.pad(grey, ((side, side), (0, 0)), mode="edge")
    above, below = padded[: -2 * side], padded[2 * side :]
    return (grey < RULE_GREY) & (grey + RULE_CONTRAST < np.maximum(above, below))


def find_rules(
    pixels: np.ndarray, origin: tuple[float, float], scale: float
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The horizontal and vertical rules drawn in a picture, as pdfplumber line objects on the page.

    `pixels` is the picture rendered at `scale` pixels per point with its top-left corner at
    `origin` (page points, top-down).
    """
    grey = pixels.astype(np.int16).mean(axis=2)
    side = max(1, round(RULE_SIDE * scale))
    min_length = max(1, round(MIN_RULE_LENGTH * scale))
    thickness = max(1, round(MAX_RULE_THICKNESS * scale))
    left, top = origin

    def line(x0: float, x1: float, y0: float, y1: float) -> dict[str, Any]:
        return {
            "object_type": "line",
            "x0": x0,
            "x1": x1,
            "top": y0,
            "bottom": y1,
            "width": x1 - x0,
            "height": y1 - y0,
        }

    horizontal = [
        line(left + x0 / scale, left + x1 / scale, top + y / scale, top + y / scale)
        for y, x0, x1 in _rules(_thin_lines(grey, side), min_length, thickness)
    ]
    slack = RULE_END_SLACK * scale

    def bordered(x: float, y0: int, y1: int) -> bool:
        """Whether both ends of a vertical run meet a horizontal rule crossing its x."""
        crossing = [y for y, x0, x1 in rows if x0 - slack <= x <= x1 + slack]
        return any(abs(y - y0) <= slack for y in crossing) and any(abs(y - y1) <= slack for y in crossing)

    rows = _rules(_thin_lines(grey, side), min_length, thickness)
    runs = _rules(_thin_lines(grey.T, side), max(1, round(MIN_CELL_BORDER * scale)), thickness)
    borders = [x for x, y0, y1 in runs if y1 - y0 >= min_length]
    vertical = [
        line(left + x / scale, left + x / scale, top + y0 / scale, top + y1 / scale)
        for x, y0, y1 in runs
        if y1 - y0 >= min_length or (any(abs(x - b) <= slack for b in borders) and bordered(x, y0, y1))
    ]
    return horizontal, vertical


def row_rules(pixels: np.ndarray, scale: float) -> int:
    """Dark horizontal rules (darker than INK_GREY) crossing ROW_RULE_SHARE of the picture's width.

    Counted dark: a chart's grid lines are light grey, a table's row rules are printed black.
    """
    ink = pixels.astype(np.int16).mean(axis=2) < INK_GREY
    thickness = max(1, round(MAX_RULE_THICKNESS * scale))
    return len(_rules(ink, max(1, round(ROW_RULE_SHARE * ink.shape[1])), thickness))


def is_table_picture(pixels: np.ndarray, scale: float) -> bool:
    """Whether a rendered candidate looks like a table: mostly paper, ruled row by row, and not
    a red seal. `pixels` is the picture rendered at `scale` pixels per point.
    """
    return (
        ink_share(pixels) <= MAX_INK_SHARE
        and row_rules(pixels, scale) >= MIN_ROW_RULES
        and red_share(pixels) <= MAX_RED_SHARE
    )


def sideways(chars: Sequence[dict[str, Any]]) -> bool:
    """Whether recognized glyphs run down the page (a table printed turned by 90°)."""
    if not chars:
        return False
    widths = sorted(float(c["x1"]) - float(c["x0"]) for c in chars)
    heights = sorted(float(c["bottom"]) - float(c["top"]) for c in chars)
    middle = len(chars) // 2
    return heights[middle] > SIDEWAYS_RATIO * max(widths[middle], 0.1)
