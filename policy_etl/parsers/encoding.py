"""Decoding bytes of unknown encoding, for the text and HTML parsers.

charset-normalizer alone misreads short GBK text (as cp949 or big5), so it is the fourth step
of a cascade, not the first: a BOM is certain, strict UTF-8 almost never decodes non-UTF-8
text, and strict GB18030 (a superset of GB2312/GBK) almost never decodes UTF-8.
"""

from __future__ import annotations

import codecs

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


class UndecodableError(ValueError):
    pass


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
            return data.decode(encoding), encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    candidates = ["utf-8", "gb18030"]
    if declared:
        candidates.insert(0, canonical_encoding(declared))
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if best is None or best.encoding is None:
        raise UndecodableError("the bytes are not text in UTF-8, UTF-16, GB18030 or Big5")
    return str(best), canonical_encoding(best.encoding)
