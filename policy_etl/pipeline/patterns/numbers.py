"""Number spans in Arabic or Chinese numerals, read with cn2an.

A regex finds the span first and cn2an only reads it: `cn2an.transform()` over whole text would
rewrite numbering labels (第三章 → 第3章), so it is never used.
"""

from __future__ import annotations

import re

import cn2an

# Arabic numbers, optionally with a decimal part; full-width digits are folded before matching.
ARABIC_NUMBER = r"\d+(?:\.\d+)?"
# Chinese numerals as printed in plans (两 for 2, 〇 inside years); 点 introduces a decimal part.
CHINESE_DIGITS = "零〇一二两三四五六七八九十百千"
CHINESE_NUMBER = rf"[{CHINESE_DIGITS}][{CHINESE_DIGITS}点]*"
NUMBER = rf"(?:{ARABIC_NUMBER}|{CHINESE_NUMBER})"

# Full-width digits and the full-width dot turn up in DOCX/PDF text; fold them before matching.
# Gazette PDFs (甘肃, 青海 542, 山东/辽宁-style typesetting) print the decimal point between
# full-width digits as the private-use glyph U+1001B0 ("９３\U001001b0７" is 93.7).
_FULLWIDTH = str.maketrans("０１２３４５６７８９．\U001001b0", "0123456789..")

# Prefixes that make a Chinese numeral part of a word, not a quantity (第一, 一是, 十四五).
CHINESE_WORD_NUMERALS = re.compile(r"^(?:十[一二三四五]五)$")


def fold_digits(text: str) -> str:
    """Full-width digits to ASCII, keeping string length (offsets stay valid)."""
    return text.translate(_FULLWIDTH)


def parse_number(span: str) -> float | None:
    """The value of one numeral span (38, 21.30, 九十五, 两千); None when it cannot be read."""
    span = fold_digits(span.strip())
    if re.fullmatch(ARABIC_NUMBER, span):
        return float(span)
    if CHINESE_WORD_NUMERALS.match(span):
        return None
    try:
        return float(cn2an.cn2an(span, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def chinese_year_to_int(span: str) -> int | None:
    """二〇三五 → 2035: years are written digit by digit, so read each digit."""
    digits = "〇一二三四五六七八九"
    span = span.replace("零", "〇")
    if len(span) == 4 and all(ch in digits for ch in span):
        return int("".join(str(digits.index(ch)) for ch in span))
    if re.fullmatch(r"\d{4}", fold_digits(span)):
        return int(fold_digits(span))
    return None


# Footnote markers printed right after a table value or name: 天津's indicator table reads
# "49①" (2020 value, see note ①) and "非化石能源占能源消费总量比例（%）⑤". They are not digits.
FOOTNOTE_MARKERS = re.compile(r"[\u2460-\u2473\u2776-\u277f]+")

# Chinese digits read one by one, with no 十/百/千, name a thing ("国家成品油储备能力建设七三七处
# 工程", 郑州) or a year (二〇二五); they are not quantities.
CHINESE_DIGIT_CODE = re.compile(r"^[〇零一二三四五六七八九]{3,}$")
