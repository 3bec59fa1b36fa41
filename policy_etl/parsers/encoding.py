"""Decoding bytes of unknown encoding, for the text and HTML parsers.

charset-normalizer alone misreads short GBK text (as cp949 or big5), so it is the fourth step
of a cascade, not the first: a BOM is certain, strict UTF-8 almost never decodes non-UTF-8
text, and strict GB18030 (a superset of GB2312/GBK) almost never decodes UTF-8. Big5 is the
exception: most Big5 byte pairs are valid GB18030 too, so a GB18030 reading full of rare and
private-use characters is read again as Big5. Whatever decodes is still refused when it is
mostly control characters: random bytes are binary data, not a document in a strange encoding.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

# Labels government pages declare that really mean GB18030 (as the WHATWG encoding spec maps them).
GB_ALIASES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# Big5 text read as GB18030 turns about half its characters into GBK-extension ideographs and
# private-use code points; a real GB text has almost none outside GB2312 (under 1% in the seeds).
MAX_RARE_HAN_SHARE = 0.2
# Characters a text document never holds (control codes other than whitespace, private use,
# U+FFFD): past this share the "text" is binary data that happened to decode.
MAX_BINARY_SHARE = 0.05
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v", "\x1a"}  # \x1a: DOS end-of-file mark
_SAMPLE_CHARS = 20_000
NOT_TEXT = "binary data, not text (the bytes are not UTF-8, UTF-16, GB18030 or Big5 text)"


class UndecodableError(ValueError):
    pass


def _is_han_or_private(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\ue000" <= ch <= "\uf8ff"


def rare_han_share(text: str) -> float:
    """Share of the ideographs (and private-use characters) outside GB2312's 6,763 common ones."""
    han = [ch for ch in text[:_SAMPLE_CHARS] if _is_han_or_private(ch)]
    if not han:
        return 0.0
    rare = 0
    for ch in han:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare / len(han)


def binary_share(text: str) -> float:
    """Share of characters no text document holds: controls, private use, replacement chars."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    odd = sum(
        1
        for ch in sample
        if ch == "\ufffd"
        or (unicodedata.category(ch) in {"Cc", "Co", "Cs", "Cn"} and ch not in _TEXT_CONTROLS)
    )
    return odd / len(sample)


def _gb_or_big5(data: bytes, text: str) -> tuple[str, str]:
    """A GB18030 reading, or the Big5 one when the GB18030 reading is mostly rare characters."""
    if rare_han_share(text) <= MAX_RARE_HAN_SHARE:
        return text, "gb18030"
    for encoding in ("cp950", "big5"):
        try:
            return data.decode(encoding), "big5"
        except UnicodeDecodeError:
            continue
    return text, "gb18030"


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if binary_share(text) > MAX_BINARY_SHARE:
        raise UndecodableError(NOT_TEXT)
    return text, encoding


def canonical_encoding(label: str) -> str:
    label = label.strip().lower()
    return "gb18030" if label in GB_ALIASES else label


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows as a NUL in every other byte of ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding) for bytes of a text or HTML file.

    `declared` is an encoding the file itself names (an HTML meta charset); it is tried after a
    BOM and before guessing. Raises UndecodableError when nothing decodes cleanly.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), encoding)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(utf16, "utf-16")
    candidates = ["utf-8", "gb18030"]
    if declared:
        candidates.insert(0, canonical_encoding(declared))
    for i, encoding in enumerate(candidates):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "gb18030" and not (declared and i == 0):  # guessed, not declared
            return _checked(*_gb_or_big5(data, text))
        return _checked(text, encoding)
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if best is None or best.encoding is None:
        raise UndecodableError(NOT_TEXT)
    return _checked(str(best), canonical_encoding(best.encoding))
