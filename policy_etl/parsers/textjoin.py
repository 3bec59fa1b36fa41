"""Joining text that a layout broke over several lines (PDF wraps, multi-line table cells).

Chinese has no spaces between words, so a line break between two CJK characters is dropped
entirely; a break between two Latin words or numbers becomes one space, which keeps "GB 3095"
and "PM2.5 浓度" readable.
"""

from __future__ import annotations

import re

# Characters after/before which a line break is joined with nothing: CJK ideographs, CJK
# punctuation and full-width forms (，。（）：、“”《》 and friends).
CJK_OR_FULLWIDTH = r"\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…·"
_CJK_EDGE = re.compile(f"[{CJK_OR_FULLWIDTH}]")


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one string, without inventing spaces inside Chinese text."""
    out = ""
    for line in (part.strip() for part in lines):
        if not line:
            continue
        if out and not (_CJK_EDGE.match(out[-1]) or _CJK_EDGE.match(line[0])):
            out += " "
        out += line
    return out
