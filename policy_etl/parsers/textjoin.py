"""Joining text that a layout broke over several lines (PDF wraps, multi-line table cells).

Chinese has no spaces between words, so a line break between two CJK characters is dropped
entirely; a break between two Latin words or numbers becomes one space, which keeps "GB 3095"
and "PM2.5 浓度" readable.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# Characters after/before which a line break is joined with nothing: CJK ideographs, CJK
# punctuation and full-width forms (，。（）：、“”《》 and friends).
CJK_OR_FULLWIDTH = r"\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…·"
_CJK_EDGE = re.compile(f"[{CJK_OR_FULLWIDTH}]")
# A wrapped line starting with closing punctuation, or the line before ending with opening
# punctuation, joins without a space: a narrow cell wraps "PM2" + ".5浓度" or "（" + "%）".
_NO_SPACE_BEFORE = re.compile(r"[.,;:!?)\]}%]")
_NO_SPACE_AFTER = re.compile(r"[(\[{]")


def _space_at_break(before: str, after: str, printed: bool) -> bool:
    """Whether a line break between `before` and `after` stands for a space."""
    cjk_before, cjk_after = _CJK_EDGE.match(before[-1]), _CJK_EDGE.match(after[0])
    if printed:
        return not (cjk_before and cjk_after)
    tight = _NO_SPACE_BEFORE.match(after[0]) or _NO_SPACE_AFTER.match(before[-1])
    return not (cjk_before or cjk_after or tight)


def join_lines(lines: list[str], printed_spaces: Collection[int] = ()) -> str:
    """Join wrapped lines into one string, without inventing spaces inside Chinese text.

    `printed_spaces` are the indexes of lines that end with a space the source really holds (a
    PDF draws the space Word wrapped at, "劣V " + "类…"): that space stays unless both sides are
    CJK, where spaces are layout.
    """
    out = ""
    printed = False
    for i, line in enumerate(part.strip() for part in lines):
        if not line:
            continue
        if out and _space_at_break(out, line, printed):
            out += " "
        out += line
        printed = i in printed_spaces
    return out
