"""Text from page images, offline: RapidOCR with the PP-OCR models shipped inside its wheel.

OCR is the fallback of the PDF parser for what has no text layer (a scanned page, a table
printed as a picture). Its output is made to look like what pdfplumber gives for a text page,
one character dict per recognized glyph in the page's top-down PDF coordinates, so the same
line, paragraph and table assembly reads both: there is one code path after recognition.

Only the default models are used: they are inside the installed `rapidocr` package, so nothing
is downloaded (choosing another model version or language would fetch it from the network).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

# Rendering scale: 2 × 72 dpi. PP-OCR reads 10.5–16 pt Chinese type reliably from 144 dpi;
# more costs time without better characters on the plans tried.
RENDER_SCALE = 2.0
# Characters recognized with less confidence than this are dropped (noise, stamps, smudges).
MIN_CHAR_CONFIDENCE = 0.5


@dataclass(frozen=True)
class OcrChar:
    """One recognized character with its box (top-down PDF points) and confidence."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float

    def as_pdf_char(self, page_height: float) -> dict[str, Any]:
        """The pdfplumber character dict the PDF line and table assembly reads."""
        return {
            "text": self.text,
            "x0": self.x0,
            "x1": self.x1,
            "top": self.top,
            "bottom": self.bottom,
            "y0": page_height - self.bottom,
            "y1": page_height - self.top,
            "size": self.bottom - self.top,
            "upright": True,
            "fontname": "OCR",
            "ocr_confidence": self.confidence,
        }


@dataclass(frozen=True)
class OcrFix:
    """A class of misreading that PP-OCR makes on the plans' type, and its correction.

    `pattern` is matched on the text of one recognized line and replaced by `replacement`
    (a `re` template); each fix names the class of wording it reads, not one document.
    """

    pattern: re.Pattern[str]
    replacement: str
    why: str


# Misreadings of the names of indicators (and the words of their tables) seen on the table
# pictures of 376 新疆生产建设兵团, 422 攀枝花 and 584 新疆; applied to every recognized line.
OCR_FIXES: tuple[OcrFix, ...] = (
    OcrFix(
        re.compile(r"PM\s*2\s*[.,，。·:：]?\s*5(?!\d)|PM\s*25(?!\d)"),
        "PM2.5",
        "PM₂.₅ set in subscript: the dot is lost or read as a comma (PM25, PM2,5); PM10 is not touched",
    ),
    OcrFix(
        re.compile(r"(?<=[于劣为到])[IlＩ|1]{3}(?=类)"),
        "Ⅲ",
        "the Roman numeral Ⅲ of a water-quality class (好于Ⅲ类) read as three Latin strokes",
    ),
    OcrFix(
        re.compile(r"(?<=[于劣为到])[IlＩ|1]{2}(?=类)"),
        "Ⅱ",
        "the Roman numeral Ⅱ of a water-quality class read as two Latin strokes",
    ),
    OcrFix(
        re.compile(r"(好于|优于)(类)"),
        r"\1Ⅲ\2",
        "the Ⅲ of 好于Ⅲ类 / 优于Ⅲ类 dropped (the recognizer skips a narrow Roman numeral): the "
        "water-quality targets of the plans are all stated against class Ⅲ",
    ),
    OcrFix(re.compile(r"黑[奥类英]水?体"), "黑臭水体", "臭 of 黑臭水体 read as its look-alike 奥 or 类"),
    OcrFix(re.compile(r"圆考"), "国考", "国 of 国考 (断面) read as its look-alike 圆"),
    OcrFix(re.compile(r"凤险"), "风险", "风 of 风险 (环境风险防控) read as its look-alike 凤"),
    OcrFix(
        re.compile(r"(?<=\d)[:：](?=\d+\s*[%％])"),
        ".",
        "the decimal point of a percentage read as a colon (13:7% for 13.7%)",
    ),
    OcrFix(
        re.compile(r"约[灵柬東来]?性"),
        "约束性",
        "束 of the binding word 约束性 read as a look-alike (灵, 柬) or dropped",
    ),
)


def fix_misreadings(chars: Sequence[OcrChar]) -> list[OcrChar]:
    """One recognized line's characters with `OCR_FIXES` applied.

    A replaced run's glyphs share out the box of the characters they replace, with the lowest
    confidence among them.
    """
    out = list(chars)
    for fix in OCR_FIXES:
        text = "".join(c.text for c in out)
        if not fix.pattern.search(text):
            continue
        # character index of every text offset (a char's text is one glyph)
        fixed: list[OcrChar] = []
        position = 0
        for match in fix.pattern.finditer(text):
            start, end = match.span()
            fixed.extend(out[position:start])
            replaced = out[start:end]
            glyphs = match.expand(fix.replacement)
            if replaced:
                x0, x1 = replaced[0].x0, replaced[-1].x1
                top, bottom = replaced[0].top, replaced[0].bottom
                score = min(c.confidence for c in replaced)
                width = (x1 - x0) / len(glyphs)
                fixed.extend(
                    OcrChar(g, x0 + i * width, top, x0 + (i + 1) * width, bottom, score)
                    for i, g in enumerate(glyphs)
                )
            position = end
        fixed.extend(out[position:])
        out = fixed
    return out


class OcrUnavailableError(RuntimeError):
    """The OCR packages are not installed (the `ocr` extra: rapidocr and onnxruntime)."""


def available() -> bool:
    """Whether the OCR packages are importable (checked without loading the models)."""
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def engine() -> Any:
    """The process's one RapidOCR engine, with its own logging silenced.

    Loading the models takes a moment and ~100 MB, so it is done once per process, on first use.
    """
    try:
        from rapidocr import RapidOCR
    except ImportError as exc:
        raise OcrUnavailableError("OCR needs the packages rapidocr and onnxruntime") from exc
    logging.getLogger("RapidOCR").setLevel(logging.CRITICAL)
    ocr = RapidOCR(params={"Global.log_level": "critical"})
    logging.getLogger("RapidOCR").setLevel(logging.CRITICAL)
    return ocr


def recognize(
    image: Any, origin: tuple[float, float] = (0.0, 0.0), scale: float = RENDER_SCALE
) -> list[OcrChar]:
    """The characters of an image (PIL or numpy) rendered at `scale` pixels per PDF point.

    `origin` is where the image's top-left corner lies on the page (PDF points, top-down), so
    an image of part of a page gives characters in that page's coordinates.
    """
    result = engine()(image, return_word_box=True, return_single_char_box=True)
    if result is None or not getattr(result, "txts", None):
        return []
    chars: list[OcrChar] = []
    for line in result.word_results or ():
        chars.extend(fix_misreadings(_line_chars(_slash_marks(line, image), origin, scale)))
    return chars


# A lone stroke recognized as one of these may be a slash: "/" (not applicable) in a table cell.
SLASH_LOOKALIKES = frozenset("1lI|")
# Its ink leaning right by more than this share of its height, top against bottom, makes it "/"
# (a printed 1 is upright, its flag to the left).
SLASH_LEAN = 0.2
# Grey (0-255) below which a pixel is the mark's ink: a thin stroke is antialiased to ~150-200.
SLASH_INK = 200


def _slash_marks(line: Sequence[Any], image: Any) -> list[Any]:
    """The line, with a lone "1" that is drawn leaning right read as the slash it is.

    A cell holding only "/" (nothing to report: no baseline, not applicable) is recognized as
    "1" with full confidence; read as a value it becomes a baseline of 1. The recognizer cannot
    tell them apart, the pixels can: a slash's ink at its top stands right of its ink at its foot.
    """
    items = list(line)
    glyphs = [item for item in items if str(item[0]).strip()]
    if len(glyphs) != 1 or glyphs[0][0].strip() not in SLASH_LOOKALIKES:
        return items
    box = glyphs[0][2]
    pixels = np.asarray(image.convert("L") if hasattr(image, "convert") else image)
    if pixels.ndim == 3:
        pixels = pixels.mean(axis=2)
    x0, x1 = int(min(p[0] for p in box)), int(max(p[0] for p in box)) + 1
    top, bottom = int(min(p[1] for p in box)), int(max(p[1] for p in box)) + 1
    pad = max(2, (bottom - top) // 3)  # the recognizer's box may be narrower than the stroke
    crop = pixels[max(0, top) : bottom, max(0, x0 - pad) : x1 + pad] < SLASH_INK
    crop = crop[crop.mean(axis=1) < 0.6]  # rows of a table rule crossing the box are not the mark
    rows = np.flatnonzero(crop.any(axis=1))
    if len(rows) < 6:
        return items
    ink = crop[rows[0] : rows[-1] + 1]
    third = max(1, len(ink) // 3)
    upper, lower = ink[:third], ink[-third:]
    if not upper.any() or not lower.any():
        return items
    lean = (np.nonzero(upper)[1].mean() - np.nonzero(lower)[1].mean()) / len(ink)
    if lean <= SLASH_LEAN:
        return items
    return [(("/" if item is glyphs[0] else item[0]), item[1], item[2]) for item in items]


def _line_chars(line: Sequence[Any], origin: tuple[float, float], scale: float) -> list[OcrChar]:
    """One recognized line's characters, their boxes closed up within the line.

    The recognizer's per-character boxes are narrower than the printed glyphs; left as they are,
    the gaps between them would read as spaces. Within one recognized line each character is
    widened to the next one's start, and every character gets the line's height.
    """
    kept = [(text, score, box) for text, score, box in line if text.strip() and score >= MIN_CHAR_CONFIDENCE]
    if not kept:
        return []
    left, top = origin
    tops = [min(p[1] for p in box) for _, _, box in kept]
    bottoms = [max(p[1] for p in box) for _, _, box in kept]
    line_top, line_bottom = top + min(tops) / scale, top + max(bottoms) / scale
    chars = []
    for i, (text, score, box) in enumerate(kept):
        x0 = left + min(p[0] for p in box) / scale
        x1 = left + max(p[0] for p in box) / scale
        if i + 1 < len(kept):
            following = left + min(p[0] for p in kept[i + 1][2]) / scale
            if following - x1 < (line_bottom - line_top) * 0.5:  # a gap narrower than half a glyph
                x1 = max(x1, following)
        for j, glyph in enumerate(text):  # a "word" box for Latin runs: split evenly
            width = (x1 - x0) / len(text)
            chars.append(
                OcrChar(glyph, x0 + j * width, line_top, x0 + (j + 1) * width, line_bottom, float(score))
            )
    return chars


def page_chars(page: Any, bbox: tuple[float, float, float, float] | None = None) -> list[dict[str, Any]]:
    """The recognized characters of a pdfplumber page (or of `bbox` on it) as character dicts.

    The region is rendered by pdfplumber (pypdfium2) at RENDER_SCALE; the dicts are those of
    `OcrChar.as_pdf_char`, in the page's coordinates, with `ocr_confidence` added.
    """
    x0, top, _, _ = bbox if bbox is not None else (0.0, 0.0, 0.0, 0.0)
    region = page.crop(bbox, strict=False) if bbox is not None else page
    image = region.to_image(resolution=72 * RENDER_SCALE).original.convert("RGB")
    height = float(page.height)
    return [char.as_pdf_char(height) for char in recognize(image, (float(x0), float(top)))]
