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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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
    ocr = RapidOCR(
        params={
            "Global.log_level": "critical",
            # One thread per process: ingest runs one process per core already (--workers), and
            # onnxruntime's default of a thread per core makes the workers fight over the cores.
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )
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
        chars.extend(_line_chars(line, origin, scale))
    return chars


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


def render(page: Any, scale: float = RENDER_SCALE) -> Any:
    """A pdfplumber page as an RGB image at `scale` pixels per point, for reading regions of it."""
    return page.to_image(resolution=72 * scale).original.convert("RGB")


def line_chars(
    image: Any, scale: float, page_height: float, bbox: tuple[float, float, float, float]
) -> list[dict[str, Any]]:
    """The characters of one line of text whose box is known (`bbox`, PDF points), read from a
    page image made by `render` by the recognizer alone.

    Detection is what costs time, and it is not needed when the caller already knows where
    the line is (text drawn as outlines: the paths give its box). The recognizer gives no
    boxes of its own here, so the line's width is shared out by glyph width (a CJK glyph is
    twice a Latin letter or digit): close enough to place each character in its table cell.
    """
    x0, top, x1, bottom = bbox
    crop = image.crop(tuple(round(v * scale) for v in (x0, top, x1, bottom)))
    result = engine()(crop, use_det=False, use_cls=False, use_rec=True)
    if result is None or not getattr(result, "txts", None):
        return []
    text = "".join(result.txts).strip()
    confidence = float(sum(result.scores) / len(result.scores))
    if not text or confidence < MIN_CHAR_CONFIDENCE:
        return []
    widths = [0.5 if ord(glyph) < 0x2E80 and glyph not in "“”‘’" else 1.0 for glyph in text]
    unit = (x1 - x0) / sum(widths)
    chars, left = [], x0
    for glyph, width in zip(text, widths, strict=True):
        right = left + width * unit
        if glyph.strip():
            chars.append(OcrChar(glyph, left, top, right, bottom, confidence).as_pdf_char(page_height))
        left = right
    return chars
