"""Characters of a PDF page into text lines, and text lines into paragraphs.

pdfplumber's own line builder splits a line that carries sub- or superscripts (PM₂.₅, m³, O₃)
into two lines, and inserts spaces at its fixed 3 pt gap. Our plans are single-column CJK text,
so lines are rebuilt here: characters whose vertical middle falls inside a line's band join
that line (larger characters found the bands first, so a subscript lands in its line), a gap
wider than a ratio of the font size becomes a space, and spaces between two CJK characters are
dropped again because justified Chinese text is spread with gaps, not with words.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from policy_etl.parsers.ocr import Confidence
from policy_etl.parsers.textjoin import CJK_OR_FULLWIDTH, join_lines

# Kangxi radicals (U+2F00–U+2FD5) are what a broken ToUnicode map gives for common characters
# (⽅ for 方, ⼀ for 一); NFKC maps each to its ideograph. Nothing else is normalized, so
# full-width punctuation that users quote stays as printed.
KANGXI_TO_IDEOGRAPH = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
# Private-use code points that Founder (方正) gazette fonts use for printed punctuation, read
# from their context in provincial gazettes (甘肃, 青海): "１５１６\U001001b0５万千瓦" is 1516.5,
# runs of U+1001BA are a contents page's dot leader, "六\U00100170五" is 六·五.
PRIVATE_USE_GLYPHS = {0x1001B0: "．", 0x1001BA: "…", 0x100170: "·"}
_GLYPHS = {**KANGXI_TO_IDEOGRAPH, **PRIVATE_USE_GLYPHS}

# Whitespace between two CJK or full-width characters is layout, not text.
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK_OR_FULLWIDTH}])\\s+(?=[{CJK_OR_FULLWIDTH}])")
_RUNS_OF_SPACE = re.compile(r"\s{2,}")
_CJK_CHAR = re.compile(f"[{CJK_OR_FULLWIDTH}]")

# A line starting with one of these starts a paragraph even when the previous line was full:
# chapter/section words, 一、 （一） 1. 1、 （1） ① and the 专栏/表/附件 labels of boxes and tables
# (附件2 alone on its line labels the attachment whose title follows).
PARAGRAPH_START = re.compile(
    r"^\s*(?:"
    r"第[一二三四五六七八九十百零〇\d]+[章节条篇部分]"
    r"|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)]"
    r"|[①-⑳]"
    r"|专栏\s*[\d一二三四五六七八九十]"
    r"|附件\s*\d*(?:[：:\s]|$)"
    r"|附表\s*\d"
    r"|表\s*\d"
    r")"
)


# Characters a paragraph's last line ends with (a sentence end, or the bracket/quote closing it).
PARAGRAPH_END = ("。", "！", "？", "；", "：", "）", "”", "」", "』", ".", ")", "!", "?", ";", ":")


@dataclass(frozen=True)
class Line:
    """One printed line of a page, with the geometry the paragraph rules need."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int  # 1-based
    offset: int = 0  # character offset of the line in its page's extracted text
    ends_with_space: bool = False  # a space character is drawn after the last glyph (a wrap at a space)
    ocr: Confidence | None = None  # read by OCR from a page image: its characters' confidence


def dedupe_chars(chars: Sequence[dict[str, Any]], tolerance: float) -> list[dict[str, Any]]:
    """The page's characters with repeats dropped: fake bold is the same text drawn twice at
    (nearly) the same place, often in another font, so the font name is not compared.

    The same result as pdfplumber's `utils.dedupe_chars(chars, tolerance, extra_attrs=("size",))`
    — characters grouped by (upright, text, size), chained by `doctop` then `x0` within
    `tolerance`, the top-left one of each cluster kept, page order kept — without its cost:
    `page.dedupe_chars` re-sorts the survivors with `list.index` (quadratic) and builds a derived
    page whose objects are all filtered again, more than pdfplumber's own parse of the page."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, char in enumerate(chars):
        groups.setdefault((char["upright"], char["text"], char["size"]), []).append(i)
    kept: list[int] = []
    for members in groups.values():
        if len(members) == 1:
            kept.append(members[0])
            continue
        for row in _chain(members, chars, "doctop", tolerance):
            for cluster in _chain(row, chars, "x0", tolerance):
                kept.append(min(cluster, key=lambda i: (chars[i]["doctop"], chars[i]["x0"], i)))
    return [chars[i] for i in sorted(kept)]


def _chain(
    members: list[int], chars: Sequence[dict[str, Any]], attr: str, tolerance: float
) -> list[list[int]]:
    """Indexes clustered by one coordinate: sorted, a gap over `tolerance` starts a new cluster."""
    ordered = sorted(members, key=lambda i: chars[i][attr])
    clusters = [[ordered[0]]]
    for prev, i in itertools.pairwise(ordered):
        if chars[i][attr] <= chars[prev][attr] + tolerance:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    return clusters


def clean_line_text(text: str) -> str:
    """Kangxi radicals and private-use glyphs to what they print, no spaces between CJK
    characters, single spaces elsewhere."""
    text = text.translate(_GLYPHS)
    text = _SPACE_BETWEEN_CJK.sub("", text)
    return _RUNS_OF_SPACE.sub(" ", text).strip()


# A run of characters joins a line when its baseline is within this share of the larger font
# size of the line's: sub- and superscripts (PM₂.₅, m³) sit about a third of a size off the
# baseline, the next printed line at least a whole size away (ABBYY's table cells overlap their
# neighbours' boxes but keep two thirds of a size between baselines).
BASELINE_SHIFT = 0.5


def baseline(char: dict[str, Any]) -> float:
    """The character's baseline, in the page's top-down coordinates.

    Boxes are computed from each font's declared ascent and descent, which gazette fonts get
    wrong (济南's full-width digits have boxes a whole line below their text), while the text
    matrix holds where the glyph really stands.
    """
    matrix = char.get("matrix")
    if not matrix:  # a character without a text matrix: its box's middle
        return (float(char["top"]) + float(char["bottom"])) / 2
    return float(char["bottom"]) - (float(matrix[5]) - float(char["y0"]))


# Smaller type (sub- and superscripts, a folio) sits anywhere within the line's height: its
# baseline up to this share of the line's size above the line's baseline, or SUBSCRIPT_DROP below.
SMALLER_TYPE = 0.85
SUPERSCRIPT_RISE = 0.75
SUBSCRIPT_DROP = 0.35


def _joins(base: float, size: float, band_base: float, band_size: float) -> bool:
    if size <= SMALLER_TYPE * band_size:
        return band_base - SUPERSCRIPT_RISE * band_size <= base <= band_base + SUBSCRIPT_DROP * band_size
    return abs(base - band_base) <= BASELINE_SHIFT * max(size, band_size)


def _band_groups(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters into printed lines by baseline; the largest characters set the lines, smaller
    ones (subscripts, full-width digits in another font) join the line whose baseline they share
    and whose glyphs they do not overprint (a folio printed over a line of text is not in it)."""
    runs: dict[tuple[float, float], list[dict[str, Any]]] = {}
    for char in chars:
        runs.setdefault((round(baseline(char), 1), round(float(char["size"]), 1)), []).append(char)
    bands: list[tuple[float, float, list[dict[str, Any]]]] = []  # baseline, size, members
    for (base, size), run in sorted(runs.items(), key=lambda kv: (-kv[0][1], kv[0][0])):
        for band_base, band_size, members in bands:
            if _joins(base, size, band_base, band_size) and not _overprints(run, members):
                members.extend(run)
                break
        else:
            bands.append((base, size, list(run)))
    return [members for _, _, members in sorted(bands, key=lambda b: b[0])]


# Glyphs of one line never start within this share of a size of each other; a folio printed
# over a line of text does (widths are no guide: gazette fonts declare a full em for "(").
OVERPRINT = 0.3


def _overprints(run: Sequence[dict[str, Any]], members: Sequence[dict[str, Any]]) -> bool:
    # letters, digits and ideographs only: a contents page's dot leaders and brackets are set
    # densely around the page number that belongs to their line
    starts = sorted(float(c["x0"]) for c in members if c["text"].isalnum())
    for char in run:
        if not char["text"].isalnum():  # a narrow slash or bracket sits close to its neighbours
            continue
        x0, reach = float(char["x0"]), OVERPRINT * float(char["size"])
        i = bisect.bisect_left(starts, x0 - reach)
        if i < len(starts) and starts[i] <= x0 + reach:
            return True
    return False


def _line_text(chars: Sequence[dict[str, Any]], x_tolerance_ratio: float) -> str:
    """Characters of one line, left to right, with a space where the gap is wider than usual."""
    ink = [c for c in chars if c["text"].strip()]
    out: list[str] = []
    prev: dict[str, Any] | None = None
    for char in sorted(chars, key=lambda c: float(c["x0"])):
        if not char["text"].strip():
            # A space char drawn under a subscript is not a gap in the text.
            mid = (float(char["x0"]) + float(char["x1"])) / 2
            if not any(float(c["x0"]) <= mid <= float(c["x1"]) for c in ink):
                out.append(" ")
            continue
        if prev is not None and float(char["x0"]) - float(prev["x1"]) > x_tolerance_ratio * float(
            prev["size"]
        ):
            out.append(" ")
        out.append(char["text"])
        prev = char
    return clean_line_text("".join(out))


# A trailing run of digits/dashes this much smaller than the text and set apart by a gap is a
# page number printed on the same baseline as the last text line (福建 p.42 "…机制。 36").
_TRAILING_NUMBER = re.compile(r"^[-－—–\s\d]+$")
SMALLER_RUN = 0.8


def _split_trailing_number(members: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    ink = sorted((c for c in members if c["text"].strip()), key=lambda c: float(c["x0"]))
    for i in range(len(ink) - 1, 0, -1):
        before, after = ink[i - 1], ink[i]
        gap = float(after["x0"]) - float(before["x1"])
        if gap > float(before["size"]) * 0.5:
            tail = ink[i:]
            head_size = max(float(c["size"]) for c in ink[:i])
            text = "".join(c["text"] for c in tail)
            if _TRAILING_NUMBER.match(text) and max(float(c["size"]) for c in tail) < SMALLER_RUN * head_size:
                cut = float(after["x0"])
                return [
                    [c for c in members if float(c["x0"]) < cut],
                    [c for c in members if float(c["x0"]) >= cut],
                ]
            break
    return [members]


def chars_to_lines(chars: Iterable[dict[str, Any]], page: int, x_tolerance_ratio: float) -> list[Line]:
    """Rebuild a page's lines (top to bottom) from its characters."""
    return [line for line, _ in lines_with_chars(chars, page, x_tolerance_ratio)]


def lines_with_chars(
    chars: Iterable[dict[str, Any]], page: int, x_tolerance_ratio: float
) -> list[tuple[Line, list[dict[str, Any]]]]:
    """The page's lines, each with the characters it was built from (for the layout tables)."""
    lines: list[tuple[Line, list[dict[str, Any]]]] = []
    for band in _band_groups(chars):
        lines.extend(_members_to_lines(band, page, x_tolerance_ratio))
    return lines


def _members_to_lines(
    band: list[dict[str, Any]], page: int, x_tolerance_ratio: float
) -> list[tuple[Line, list[dict[str, Any]]]]:
    lines: list[tuple[Line, list[dict[str, Any]]]] = []
    for members in _split_trailing_number(band):
        ink = [c for c in members if c["text"].strip()]
        if not ink:
            continue
        text = _line_text(members, x_tolerance_ratio)
        if not text:
            continue
        size = Counter(round(float(c["size"]), 1) for c in ink).most_common(1)[0][0]
        right = max(float(c["x1"]) for c in ink)
        # the box most of the line's glyphs share: a font with wrong metrics does not stretch it
        top, bottom = Counter((float(c["top"]), float(c["bottom"])) for c in ink).most_common(1)[0][0]
        lines.append(
            (
                Line(
                    text=text,
                    x0=min(float(c["x0"]) for c in ink),
                    x1=right,
                    top=top,
                    bottom=bottom,
                    size=size,
                    page=page,
                    ends_with_space=any(
                        not c["text"].strip() and float(c["x0"]) >= right - 0.5 for c in members
                    ),
                    ocr=Confidence.of(ink),
                ),
                members,
            )
        )
    return lines


def cell_text(chars: Iterable[dict[str, Any]], x_tolerance_ratio: float) -> str:
    """A table cell's text: its lines joined without inventing spaces inside Chinese."""
    lines = chars_to_lines(chars, 0, x_tolerance_ratio)
    return join_lines(
        [line.text for line in lines], {i for i, line in enumerate(lines) if line.ends_with_space}
    )


def join_paragraph_lines(lines: Sequence[Line]) -> str:
    """A body paragraph's lines joined with nothing, except a space printed at the wrap when the
    two sides are not both CJK ("劣V " + "类" keeps the space the source has)."""
    return _joined(lines)[0]


def line_starts(lines: Sequence[Line]) -> list[int]:
    """The offset in the joined paragraph text where each line's own text starts."""
    return _joined(lines)[1]


def _joined(lines: Sequence[Line]) -> tuple[str, list[int]]:
    """The joined text and the offset in it where each line's own text starts."""
    out = ""
    starts: list[int] = []
    for prev, line in zip([None, *lines[:-1]], lines, strict=True):
        printed = prev is not None and prev.ends_with_space and out and line.text
        if printed and not (_CJK_CHAR.match(out[-1]) and _CJK_CHAR.match(line.text[0])):
            out += " "
        starts.append(len(out))
        out += line.text
    return out, starts


@dataclass(frozen=True)
class Measure:
    """What a full body line looks like: its width from the left margin, and how far below its
    top the next line of the same paragraph starts (the pitch of wrapped lines)."""

    width: float
    wrap_pitch: float | None


# Lines that must reach a width for it to be the text's measure, and full lines followed by
# another line for their usual step to be the wrap pitch.
MIN_FULL_LINES = 3


def text_measure(lines: Sequence[Line], margins: dict[int, Margins], rules: ParagraphRules) -> Measure | None:
    """The measure of the body text: the width of the MIN_FULL_LINES-th widest line that starts
    at the left margin (one or two lines running into the margin do not set it), and the median
    step from a line that wide to the next line on its page.

    The paragraph rules take the right margin from where most lines end, which is right for
    prose; where most lines are short (a table printed one cell per line) it falls inside the
    text, and only the few wrapped lines show how wide the text really is.
    """
    at_left = [
        (line, margin)
        for line in lines
        if (margin := margins.get(line.page)) is not None and abs(line.x0 - margin.left) < line.size
    ]
    widths = sorted((line.x1 - margin.left for line, margin in at_left), reverse=True)
    if len(widths) < MIN_FULL_LINES:
        return None
    width = widths[MIN_FULL_LINES - 1]
    steps = sorted(
        line.top - prev.top
        for prev, line in itertools.pairwise(lines)
        if line.page == prev.page
        and line.top > prev.top
        and (margin := margins.get(prev.page)) is not None
        and margin.left + width - prev.x1 < rules.short_end * prev.size
    )
    pitch = steps[len(steps) // 2] if len(steps) >= MIN_FULL_LINES else None
    return Measure(width, pitch)


def paragraph_text(
    lines: Sequence[Line], margins: dict[int, Margins], measure: Measure | None, rules: ParagraphRules
) -> tuple[str, tuple[int, ...]]:
    """A paragraph's text and the offsets in it where the paragraph may have ended although the
    next line was read as part of it (`Paragraph.possible_ends`): the line ended short of the
    measure, or ended a sentence, or the next line starts further below than a wrapped line
    would (paragraph spacing).

    The paragraph itself is as `lines_to_paragraphs` grouped it: the offsets only record the
    joins a reader of one-cell-per-line tables may undo. Without a measure nothing is recorded.
    """
    text, starts = _joined(lines)
    if measure is None:
        return text, ()
    ends: list[int] = []
    for k, (prev, line) in enumerate(itertools.pairwise(lines)):
        margin = margins.get(prev.page)
        short = margin is not None and margin.left + measure.width - prev.x1 >= rules.short_end * prev.size
        # a sentence ending at a full line's end may end its paragraph too, over a page break
        # as well, where there is no spacing to see
        sentence = prev.text.endswith(PARAGRAPH_END)
        spaced = (
            measure.wrap_pitch is not None
            and line.page == prev.page
            and line.top - prev.top > LOOSE_PITCH * measure.wrap_pitch
        )
        if short or sentence or spaced:
            ends.append(starts[k] + len(prev.text))
    return text, tuple(ends)


@dataclass(frozen=True)
class Margins:
    """The left and right edges of the body text on a page."""

    left: float
    right: float


def page_margins(lines: Sequence[Line]) -> Margins | None:
    """The most common line start is the left margin; the common end of long lines the right one."""
    if not lines:
        return None
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    ends = sorted(line.x1 for line in lines if line.x0 - left < 3 * line.size)
    if not ends:
        return None
    return Margins(float(left), ends[len(ends) * 3 // 4])


@dataclass(frozen=True)
class ParagraphRules:
    """Thresholds, in multiples of the font size, for where a wrapped paragraph ends."""

    indent: float = 1.5  # 首行缩进 is two characters
    # a line ending this far before the right margin may end its paragraph; Word's line breaking
    # rules (no "（" at a line end) leave a full line up to one character short
    short_end: float = 1.5
    size_change: float = 0.15  # a relative font-size change starts a new block (titles)
    gap: float = 1.6  # blank space between lines on one page
    title_size: float = 1.15  # type this much larger than the body text is a title's
    body_size: float = 0.0  # the body text's font size, measured per document


def _centered(line: Line, margins: Margins, inset: float = 1.0) -> bool:
    """Set apart from both margins by more than `inset` × size, with its middle on the page's."""
    middle = (margins.left + margins.right) / 2
    away = min(line.x0 - margins.left, margins.right - line.x1)
    return away > inset * line.size and abs((line.x0 + line.x1) / 2 - middle) < line.size


def _title_wrap(prev: Line, line: Line, there: Margins, here: Margins, rules: ParagraphRules) -> bool:
    """Two centred lines of one title: a full-width first line is allowed when the type is larger
    than the body text (青岛's "…协同控制" + "三年行动计划（2021-2023年）")."""
    if line.page != prev.page or not _centered(line, here):
        return False
    if _centered(prev, there):
        return True
    large = prev.size >= rules.title_size * rules.body_size
    return large and _centered(prev, there, inset=-1.0) and not prev.text.endswith(PARAGRAPH_END)


def starts_paragraph(
    prev: Line,
    line: Line,
    there: Margins | None,
    here: Margins | None,
    rules: ParagraphRules,
    prev_opens: bool = False,
    leading: float | None = None,
) -> bool:
    """Whether `line` begins a new paragraph rather than continuing `prev` (margins of each;
    `prev_opens` when `prev` is the first line of its paragraph)."""
    if PARAGRAPH_START.match(line.text):
        return True
    if abs(line.size - prev.size) > rules.size_change * max(line.size, prev.size):
        return True
    if here is None or there is None:
        return True
    # blank space between lines: more than `gap` × size — except after a full line on a page
    # whose usual pitch leaves that much between every two lines (a double-spaced plan), where
    # only more than the usual pitch is blank space
    full = there is not None and there.right - prev.x1 < rules.short_end * prev.size
    spaced = leading is None or not full or line.top - prev.top > LOOSE_PITCH * leading
    if line.page == prev.page and line.top - prev.bottom > rules.gap * line.size and spaced:
        return True
    if _title_wrap(prev, line, there, here, rules):
        return False
    if line.x0 - here.left >= rules.indent * line.size:
        return True
    if there.right - prev.x1 < rules.short_end * prev.size:
        return False
    # A short line ends its paragraph when it ends a sentence, when it is a numbered heading
    # (一、…), or when it is itself indented or centred (a signature). A short
    # unpunctuated line at the left margin inside a paragraph is a fragment of the line above
    # (ABBYY's text layer wraps "…全" + "面绿" + "色转型…").
    heading = prev_opens and PARAGRAPH_START.match(prev.text) is not None
    return prev.text.endswith(PARAGRAPH_END) or heading or prev.x0 - there.left >= 0.5 * prev.size


# Lines on each side of a line whose edges give its local margins (a 专栏 box is narrower than
# the page body); fewer lines than MIN_WINDOW on a page fall back to the page's margins.
WINDOW = 3
MIN_WINDOW = 3
# A window whose edges are further than this (× font size) inside the page margins is a run of
# short lines (a list of headings), not a box: its edges say nothing.
MAX_BOX_INSET = 4.0


def local_margins(lines: Sequence[Line], margins: dict[int, Margins]) -> list[Margins | None]:
    """Margins of each line from its neighbours on the same page, bounded by the page's margins."""
    out: list[Margins | None] = []
    for i, line in enumerate(lines):
        page = margins.get(line.page)
        near = [o for o in lines[max(0, i - WINDOW) : i + WINDOW + 1] if o.page == line.page]
        if page is None or len(near) < MIN_WINDOW:
            out.append(page)
            continue
        left, right = min(o.x0 for o in near), max(o.x1 for o in near)
        inset = MAX_BOX_INSET * line.size
        out.append(
            Margins(
                left if left - page.left <= inset else page.left,
                right if page.right - right <= inset else page.right,
            )
        )
    return out


# A line further below the one before than this × the page's usual pitch leaves blank space.
LOOSE_PITCH = 1.3


def line_pitch(lines: Sequence[Line]) -> dict[int, float]:
    """Each page's usual distance from one line's top to the next one's (the median)."""
    steps: dict[int, list[float]] = {}
    for prev, line in itertools.pairwise(lines):
        if line.page == prev.page and line.top > prev.top:
            steps.setdefault(line.page, []).append(line.top - prev.top)
    return {page: sorted(values)[len(values) // 2] for page, values in steps.items() if len(values) >= 3}


def lines_to_paragraphs(
    lines: Sequence[Line], margins: dict[int, Margins], rules: ParagraphRules
) -> list[list[Line]]:
    """Group consecutive body lines (possibly over a page break) into paragraphs."""
    local = local_margins(lines, margins)
    if lines and not rules.body_size:
        body = Counter(line.size for line in lines).most_common(1)[0][0]
        rules = replace(rules, body_size=body)
    pitch = line_pitch(lines)
    groups: list[list[Line]] = []
    for i, line in enumerate(lines):
        if groups and not starts_paragraph(
            groups[-1][-1],
            line,
            local[i - 1],
            local[i],
            rules,
            prev_opens=len(groups[-1]) == 1,
            leading=pitch.get(line.page),
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups
