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
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

# Rendering scale: 2 × 72 dpi. PP-OCR reads 10.5–16 pt Chinese type reliably from 144 dpi;
# more costs time without better characters on the plans tried.
RENDER_SCALE = 2.0
# Characters recognized with less confidence than this are dropped. The recognizer emits a
# character only where it is its best reading, and lines of noise (a stamp, a smudge) are
# dropped whole by its own line score; what scores low in a good line is mostly punctuation it
# hesitates over between the half- and full-width form ("）" or ")" at 0.5), which must stay.
MIN_CHAR_CONFIDENCE = 0.5
# ... except that punctuation it hesitates over between the two forms is kept down to this: a
# letter or digit scored that low is a stray mark (a "1" after "[2669.9]" in a table picture).
MIN_PUNCTUATION_CONFIDENCE = 0.2
HESITANT_PUNCTUATION = frozenset("（）()〔〕【】[]《》<>，,。.、：:；;“”\"'")
# Within a recognized line, a gap narrower than this × the type size is closed: the recognizer's
# boxes are narrower than the glyphs, and a full-width bracket's ink sits at one side of its em.
# A wider gap stays, and reads as a space (between the cells of a row read as one line).
CLOSED_GAP = 1.0
# The detector's line box is padded around the glyphs: its height is about this × the type size.
# Only used for a line with too few ideographs to measure the type by (below).
LINE_BOX_RATIO = 1.35
# Type sizes are rounded to this (points): printed sizes are whole or half points (10.5, 16, 22).
SIZE_STEP = 0.5
# Punctuation below U+2E80 that Chinese type sets full width (dashes, quotes, ellipsis).
_FULL_WIDTH_PUNCTUATION = frozenset("—“”‘’…·")


@dataclass(frozen=True)
class OcrChar:
    """One recognized character with its box (top-down PDF points) and confidence."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float

    def as_pdf_char(self, page_height: float, doctop: float = 0.0) -> dict[str, Any]:
        """The pdfplumber character dict the PDF line and table assembly reads; `doctop` is
        where the page starts in the whole document (pdfplumber's `page.initial_doctop`)."""
        return {
            "text": self.text,
            "x0": self.x0,
            "x1": self.x1,
            "top": self.top,
            "bottom": self.bottom,
            "doctop": doctop + self.top,
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


# What to install when `available()` is False, as the error of a scan names it.
MISSING_EXTRA = 'the OCR extra is not installed (pip install "policy-etl[ocr]": rapidocr and onnxruntime)'


@dataclass(frozen=True)
class Confidence:
    """The confidence of some OCR'd characters, kept as a sum so parts of a block add up.

    A paragraph is made of lines, a table of the pages it runs over: their mean confidence is
    the mean over all their characters, which sums give and means of means would not.
    """

    total: float
    n: int

    @property
    def mean(self) -> float:
        return self.total / self.n

    def __add__(self, other: Confidence) -> Confidence:
        return Confidence(self.total + other.total, self.n + other.n)

    @staticmethod
    def of(chars: Iterable[dict[str, Any]]) -> Confidence | None:
        """Of the OCR'd characters among `chars` (those with `ocr_confidence`); None if none."""
        scores = [float(c["ocr_confidence"]) for c in chars if c.get("ocr_confidence") is not None]
        return Confidence(sum(scores), len(scores)) if scores else None

    @staticmethod
    def combine(parts: Iterable[Confidence | None]) -> Confidence | None:
        """The parts that were OCR'd, together; None when none was."""
        found = [part for part in parts if part is not None]
        if not found:
            return None
        total = found[0]
        for part in found[1:]:
            total = total + part
        return total


# Called before each image is recognized: the ingest worker asks its parent for more time there,
# since one OCR'd page costs as much as a whole text PDF (see `on_each_page`).
_page_hooks: list[Callable[[], None]] = []


@contextmanager
def on_each_page(hook: Callable[[], None]) -> Iterator[None]:
    """Call `hook` before every page image (or page region) is recognized inside the block."""
    _page_hooks.append(hook)
    try:
        yield
    finally:
        _page_hooks.remove(hook)


def _run(image: Any, *, detect: bool) -> Any:
    """One call of the engine, every step chosen explicitly: RapidOCR keeps the options of a
    call for the next one (`update_params`), so a recognizer-only call would otherwise leave
    detection off for the page read after it."""
    return engine()(
        image,
        use_det=detect,
        use_cls=detect,
        use_rec=True,
        return_word_box=detect,
        return_single_char_box=detect,
    )


def notify_page() -> None:
    """Run the `on_each_page` hooks: a page (or a region of one) is about to be recognized."""
    for hook in list(_page_hooks):
        hook()


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
    an image of part of a page gives characters in that page's coordinates. Text printed
    sideways gives none (see `sideways`).
    """
    return _recognize(image, origin, scale)[0]


def _recognize(image: Any, origin: tuple[float, float], scale: float) -> tuple[list[OcrChar], bool]:
    """`recognize`, and whether the image's text is printed sideways (then no characters)."""
    result = _run(image, detect=True)
    if result is None or not getattr(result, "txts", None):
        return [], False
    if sideways(result.word_results or ()):
        return [], True
    lines = [
        m
        for line in result.word_results or ()
        if (m := _measure(_slash_marks(line, image), origin, scale)) is not None
    ]
    _snap_sizes(lines)
    return [char for line in lines for char in fix_misreadings(_line_chars(line, origin, scale))], False


def sideways(lines: Sequence[Sequence[Any]]) -> bool:
    """Whether most recognized lines of two characters or more are taller than wide: text
    printed sideways (a landscape table on a portrait page). The recognizer then reads each
    glyph alone, across the lines, and its characters are garbage in reading order."""
    tall = wide = 0
    for line in lines:
        if sum(len(text) for text, _, _ in line) < 2:
            continue
        xs = [p[0] for _, _, box in line for p in box]
        ys = [p[1] for _, _, box in line for p in box]
        if max(ys) - min(ys) > max(xs) - min(xs):
            tall += 1
        else:
            wide += 1
    return tall > wide


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


@dataclass
class _Measured:
    """One recognized line: its kept (text, score, box) items, vertical middle and type size."""

    kept: list[tuple[str, float, Any]]
    middle: float  # points, top-down, page coordinates
    size: float  # points


def _confident(text: str, score: float) -> bool:
    """Whether a recognized character is kept: see MIN_CHAR_CONFIDENCE."""
    floor = MIN_PUNCTUATION_CONFIDENCE if text.strip() in HESITANT_PUNCTUATION else MIN_CHAR_CONFIDENCE
    return score >= floor


def _measure(line: Sequence[Any], origin: tuple[float, float], scale: float) -> _Measured | None:
    """A recognized line's middle and type size, from its characters kept (confident enough).

    The detector's boxes are not the glyphs': a line box is padded above and below, by more
    where a line has a dash or a bracket. Left as they are, the paragraph rules would see a
    change of type size between two lines of one paragraph. So the size is measured from the
    line's width (`_type_size`) and the middle from the median box edges.
    """
    kept = [(text, score, box) for text, score, box in line if text.strip() and _confident(text, score)]
    if not kept:
        return None
    tops = [min(p[1] for p in box) for _, _, box in kept]
    bottoms = [max(p[1] for p in box) for _, _, box in kept]
    middle = origin[1] + (statistics.median(tops) + statistics.median(bottoms)) / 2 / scale
    return _Measured(kept, middle, _type_size(kept, (max(bottoms) - min(tops)) / scale, scale))


# Lines measured within this share of the image's most common size are set in it: the
# measurement wobbles by a half point or so from line to line of one paragraph.
SIZE_SNAP = 0.12


def _snap_sizes(lines: Sequence[_Measured]) -> None:
    """Give the lines whose size is near the most common one (the body text's) that size."""
    if not lines:
        return
    body = Counter(line.size for line in lines).most_common(1)[0][0]
    for line in lines:
        if abs(line.size - body) <= SIZE_SNAP * body:
            line.size = body


def _line_chars(line: _Measured, origin: tuple[float, float], scale: float) -> list[OcrChar]:
    """A measured line's characters: each a box of the line's size centred on its middle, and
    widened to the next character's start (the recognizer's boxes are narrower than the glyphs,
    and the gaps between them would read as spaces)."""
    left = origin[0]
    kept, size = line.kept, line.size
    line_top, line_bottom = line.middle - size / 2, line.middle + size / 2
    chars = []
    for i, (text, score, box) in enumerate(kept):
        x0 = left + min(p[0] for p in box) / scale
        x1 = left + max(p[0] for p in box) / scale
        if i + 1 < len(kept):
            following = left + min(p[0] for p in kept[i + 1][2]) / scale
            if following - x1 < size * CLOSED_GAP:
                x1 = max(x1, following)
        for j, glyph in enumerate(text):  # a "word" box for Latin runs: split evenly
            width = (x1 - x0) / len(text)
            chars.append(
                OcrChar(glyph, x0 + j * width, line_top, x0 + (j + 1) * width, line_bottom, float(score))
            )
    return chars


def _full_width(ch: str) -> bool:
    return ord(ch) >= 0x2E80 or ch in _FULL_WIDTH_PUNCTUATION


# Full-width characters a line needs for its width to give its type size (digits and Latin
# letters vary in width from font to font, so a line mostly of them is measured by its height).
MIN_MEASURED_CHARS = 6


def _type_size(kept: Sequence[tuple[str, float, Any]], box_height: float, scale: float) -> float:
    """The type size of a line (points), from its width: a CJK or full-width glyph is as wide
    as the type size, a Latin letter or digit about half as wide, so the distance from the
    first character's start to the last one's over the characters before the last (half-width
    ones counted half) is the size; a line of fewer full-width characters uses its box height
    over LINE_BOX_RATIO. Rounded to SIZE_STEP."""
    text = "".join(t for t, _, _ in kept[:-1])
    full = sum(1 for ch in text if _full_width(ch))
    ems = full + 0.5 * (len(text) - full)
    advance = (min(p[0] for p in kept[-1][2]) - min(p[0] for p in kept[0][2])) / scale
    size = advance / ems if full >= MIN_MEASURED_CHARS else box_height / LINE_BOX_RATIO
    return max(SIZE_STEP, round(size / SIZE_STEP) * SIZE_STEP)


# Ink: gray levels darker than this (0 black, 255 white) in a rendered page.
INK_LEVEL = 128
# A run of ink this long (points) is a rule, not a glyph stroke: longer than the strokes of the
# largest body type, shorter than the narrowest table cell. Vertical strokes are shorter than
# horizontal ones in CJK type ("一" is a glyph's width), so the two differ.
MIN_RULE_POINTS = {"h": 36.0, "v": 14.0}
# A rule printed thicker than this (points) is a filled box or a picture, not a rule.
MAX_RULE_THICKNESS = 3.0


def image_rules(
    image: Any, origin: tuple[float, float] = (0.0, 0.0), scale: float = RENDER_SCALE
) -> list[dict[str, Any]]:
    """The table rules printed in an image, as pdfplumber line objects in page coordinates.

    A scan has no vector rules for the table finder: its rules are pixels. A rule is a run of
    ink, in a row (horizontal) or a column (vertical), longer than any glyph stroke; the runs
    of neighbouring rows that overlap are one rule (a rule is a few pixels thick), drawn at
    their middle. The table finder then reads these as it reads a text PDF's rules.
    """
    import numpy as np

    ink = np.asarray(image.convert("L")) < INK_LEVEL
    rules = []
    for orientation, grid in (("h", ink), ("v", ink.T)):
        runs = _runs(grid, MIN_RULE_POINTS[orientation] * scale)
        for along, start, end in _merge_runs(runs, MAX_RULE_THICKNESS * scale):
            at, lo, hi = along / scale, start / scale, end / scale
            x0, x1, top, bottom = (lo, hi, at, at) if orientation == "h" else (at, at, lo, hi)
            x0, x1, top, bottom = x0 + origin[0], x1 + origin[0], top + origin[1], bottom + origin[1]
            rules.append(
                {
                    "object_type": "line",
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "width": x1 - x0,
                    "height": bottom - top,
                }
            )
    return rules


def _runs(grid: Any, min_length: float) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of ink at least `min_length` pixels long in each row."""
    import numpy as np

    padded = np.zeros((grid.shape[0], grid.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = grid
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)  # row-major order: the k-th end closes the k-th start
    long = ends - starts >= min_length
    return list(zip(rows[long].tolist(), starts[long].tolist(), ends[long].tolist(), strict=True))


def _merge_runs(runs: Sequence[tuple[int, int, int]], max_thickness: float) -> list[tuple[float, int, int]]:
    """Runs in neighbouring rows that overlap, as one rule: (middle row, start, end); a group
    thicker than `max_thickness` rows is a filled shape and is dropped."""
    open_groups: list[list[Any]] = []  # [first row, last row, start, end]
    done: list[list[Any]] = []
    for row, start, end in sorted(runs):
        still = []
        placed = False
        for group in open_groups:
            if group[1] < row - 1:
                done.append(group)
                continue
            if not placed and start < group[3] and end > group[2] and group[1] < row:
                group[1], group[2], group[3] = row, min(group[2], start), max(group[3], end)
                placed = True
            still.append(group)
        if not placed:
            still.append([row, row, start, end])
        open_groups = still
    done.extend(open_groups)
    return [
        ((first + last) / 2, start, end)
        for first, last, start, end in done
        if last - first + 1 <= max_thickness
    ]


def page_chars(page: Any, bbox: tuple[float, float, float, float] | None = None) -> list[dict[str, Any]]:
    """The recognized characters of a pdfplumber page (or of `bbox` on it) as character dicts.

    The region is rendered by pdfplumber (pypdfium2) at RENDER_SCALE; the dicts are those of
    `OcrChar.as_pdf_char`, in the page's coordinates, with `ocr_confidence` added.
    """
    return read_region(page, bbox).chars


@dataclass(frozen=True)
class Reading:
    """What OCR read from a page or a region: characters and rules, in page coordinates."""

    chars: list[dict[str, Any]]  # as `page_chars`
    rules: list[dict[str, Any]]  # as `image_rules`
    sideways: bool = False  # its text is printed sideways: no characters were kept


def read_region(page: Any, bbox: tuple[float, float, float, float] | None = None) -> Reading:
    """The recognized characters and the printed rules of a pdfplumber page or of `bbox` on
    it, from one rendering."""
    notify_page()
    x0, top, _, _ = bbox if bbox is not None else (0.0, 0.0, 0.0, 0.0)
    origin = (float(x0), float(top))
    region = page.crop(bbox, strict=False) if bbox is not None else page
    image = region.to_image(resolution=72 * RENDER_SCALE).original.convert("RGB")
    height, doctop = float(page.height), float(getattr(page, "initial_doctop", 0.0))
    recognized, turned = _recognize(image, origin, RENDER_SCALE)
    chars = [char.as_pdf_char(height, doctop) for char in recognized]
    return Reading(chars, image_rules(image, origin), turned)


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
    result = _run(crop, detect=False)
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
            chars.append(OcrChar(glyph, left, top, right, bottom, confidence))
        left = right
    return [char.as_pdf_char(page_height) for char in fix_misreadings(chars)]
