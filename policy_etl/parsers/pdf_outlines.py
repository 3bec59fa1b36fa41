"""Text drawn as glyph outlines: found from the page's filled curves and read by OCR.

Some converters (OFD → PDF among them: 阿坝 428) draw bold type — headings, table titles, header
rows, category rows — as filled vector paths instead of text. None of it is in the text layer,
so headings vanish from the section tree and an indicator table loses the header row that says
which column is 2025. Their shapes are recognisable without reading them: glyph-sized filled
curves set side by side in lines, where the text layer has no character. Each such line is cut
from a rendering of the page and read by OCR (`parsers/ocr.py`); the characters join the page's
text layer, so the same line, paragraph and table assembly reads them as if they were text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from policy_etl.parsers import ocr

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-down

# A glyph's outline is a filled path no bigger than this (points): body type is 9–22 pt, the red
# masthead of a 红头文件 (白银 413: 白银市人民政府办公室文件) up to ~50.
GLYPH_MAX_SIZE = 60.0
# A line of outlined text is at least this tall (smaller paths are dots, rules' ends, pieces
# of a glyph that are merged into the line holding them).
LINE_MIN_HEIGHT = 5.0
# Two glyph paths are one line when their vertical ranges overlap by this share of the smaller,
# and the gap between them is less than this many times the line's height (a space or two; a
# table rule between cells is a wider gap, so cells stay apart).
SAME_LINE_OVERLAP = 0.4
WORD_GAP = 1.0
# A page is searched only when it has this many glyph-sized filled paths: a few are bullets,
# arrows or a logo.
MIN_PAGE_GLYPHS = 8
# Lines OCR reads with a lower mean confidence are not text (a logo, a drawing): dropped.
MIN_LINE_CONFIDENCE = 0.8
# Outlined type is bold and small (table headers): read from a 216 dpi rendering.
OUTLINE_SCALE = 3.0
# Room around a line when it is cut from the rendering, so the recognizer sees whole glyphs.
PADDING = 2.0


@dataclass
class _Line:
    x0: float
    top: float
    x1: float
    bottom: float
    paths: int = 1

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def takes(self, other: _Line) -> bool:
        """Whether `other` (a glyph path or a line) continues this line or lies inside it."""
        overlap = min(self.bottom, other.bottom) - max(self.top, other.top)
        smaller = min(self.height, other.height) or 1.0
        if overlap <= SAME_LINE_OVERLAP * smaller:
            return False
        gap = max(other.x0 - self.x1, self.x0 - other.x1)
        return gap < WORD_GAP * max(self.height, other.height)

    def absorb(self, other: _Line) -> None:
        self.x0, self.top = min(self.x0, other.x0), min(self.top, other.top)
        self.x1, self.bottom = max(self.x1, other.x1), max(self.bottom, other.bottom)
        self.paths += other.paths


def glyph_paths(curves: Sequence[dict[str, Any]]) -> list[_Line]:
    """The filled curves of glyph size, each as a one-path line."""
    return [
        _Line(float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"]))
        for c in curves
        if c.get("fill")
        and 0 < float(c["bottom"]) - float(c["top"]) <= GLYPH_MAX_SIZE
        and 0 < float(c["x1"]) - float(c["x0"]) <= GLYPH_MAX_SIZE
    ]


def outline_lines(paths: Sequence[_Line], chars: Sequence[dict[str, Any]]) -> list[Box]:
    """The boxes of the lines the glyph paths form, where the text layer has no character."""
    lines: list[_Line] = []
    for path in sorted(paths, key=lambda p: (p.x0, p.top)):
        host = next((line for line in lines if line.takes(path)), None)
        if host is None:
            lines.append(_Line(path.x0, path.top, path.x1, path.bottom))
        else:
            host.absorb(path)
    merged = True
    while merged:  # a glyph's inner pieces (the hole of 口) may start lines of their own
        merged = False
        for i, line in enumerate(lines):
            other = next((o for o in lines[i + 1 :] if line.takes(o) or o.takes(line)), None)
            if other is not None:
                line.absorb(other)
                lines.remove(other)
                merged = True
                break
    return [
        line.box
        for line in sorted(lines, key=lambda line: (line.top, line.x0))
        if line.height >= LINE_MIN_HEIGHT and not _has_text(line.box, chars)
    ]


def _has_text(box: Box, chars: Sequence[dict[str, Any]]) -> bool:
    """Whether a character of the text layer stands inside the box (then the paths underline,
    frame or shade it, they are not its text)."""
    x0, top, x1, bottom = box
    for c in chars:
        cx = (float(c["x0"]) + float(c["x1"])) / 2
        cy = (float(c["top"]) + float(c["bottom"])) / 2
        if x0 <= cx <= x1 and top <= cy <= bottom and c["text"].strip():
            return True
    return False


def page_outline_lines(page: Any, chars: Sequence[dict[str, Any]]) -> list[Box]:
    """The boxes of the page's lines of outlined text (none on a page with few glyph paths)."""
    paths = glyph_paths(page.curves)
    return outline_lines(paths, chars) if len(paths) >= MIN_PAGE_GLYPHS else []


def outline_chars(page: Any, chars: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Characters read by OCR from the page's text drawn as outlines (none when there is none).

    Each returned dict is shaped like pdfplumber's, in the page's coordinates (`doctop` set
    from the page), with `ocr_confidence`.
    """
    boxes = page_outline_lines(page, chars)
    if not boxes:
        return []
    ocr.notify_page()  # the ingest's time limit grows with each page read by OCR
    image = ocr.render(page, OUTLINE_SCALE)
    height, width = float(page.height), float(page.width)
    found: list[dict[str, Any]] = []
    for x0, top, x1, bottom in boxes:
        box = (
            max(0.0, x0 - PADDING),
            max(0.0, top - PADDING),
            min(width, x1 + PADDING),
            min(height, bottom + PADDING),
        )
        line = ocr.line_chars(image, OUTLINE_SCALE, height, box)
        if line and sum(c["ocr_confidence"] for c in line) / len(line) >= MIN_LINE_CONFIDENCE:
            found.extend(line)
    offset = float(page.initial_doctop)
    return [{**c, "doctop": offset + c["top"]} for c in found]
