"""Parser registry: the format of a file is sniffed from its bytes, then one parser reads it.

The registry is an explicit table rather than entry points: there are a handful of in-tree
formats and a reader should see them all in one place. A format's parser module is imported
only when a file of that format turns up, so a missing optional dependency costs only those
files.
"""

from __future__ import annotations

import hashlib
import importlib
import zipfile
from io import BytesIO
from pathlib import Path

from policy_etl.parsers.base import OCR_MODES, OcrMode, ParseError, Parser
from policy_etl.schemas.document import Document

# format -> module under policy_etl.parsers that defines `parse(path, data, sha256)`
PARSER_MODULES: dict[str, str] = {
    "txt": "text",
    "html": "html",
    "docx": "docx",
    "pdf": "pdf",
    "doc": "legacy",  # .doc / .wps / .rtf, converted by LibreOffice then read as DOCX
}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Binary formats users drop into a folder by mistake: named, so the error says what the file is.
KNOWN_NON_DOCUMENTS: tuple[tuple[bytes, str], ...] = (
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
)
# Markup that only an HTML page starts with (checked case-insensitively in the first 2 KB).
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<table", b"<div")
# Saved article fragments often start with a paragraph or a comment instead; these count as HTML
# only when the markup starts the file (a text dump may quote "<p>" further down).
HTML_FRAGMENT_STARTS = (b"<p>", b"<p ", b"<span", b"<h1", b"<h2", b"<h3", b"<center", b"<font", b"<!--")
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}

__all__ = [
    "OCR_MODES",
    "PARSER_MODULES",
    "OcrMode",
    "ParseError",
    "Parser",
    "get_parser",
    "parse_bytes",
    "parse_file",
    "sniff",
]


def _zip_names(data: bytes) -> list[str] | None:
    """The member names of a ZIP archive, or None when it is damaged (truncated downloads are)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return None


def sniff(path: Path, data: bytes) -> str:
    """Name the format of `data`, from its bytes first and its suffix only as a tie-breaker."""
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        names = _zip_names(data)
        if names is None:
            raise ParseError(
                path, "a damaged or truncated ZIP archive: not a Word document that can be opened"
            )
        if "word/document.xml" in names:
            return "docx"
        raise ParseError(path, "a ZIP archive that is not a Word document (no word/document.xml)")
    for magic, what in KNOWN_NON_DOCUMENTS:
        if data.startswith(magic):
            raise ParseError(path, f"{what}, not a policy document (PDF, DOCX, DOC, HTML or text)")
    if data.startswith(OLE2_MAGIC) or data.startswith(b"{\\rtf"):
        return "doc"
    lowered = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if any(marker in lowered[:1024] for marker in HTML_MARKERS) and b"<" in lowered[:64]:
        return "html"
    if lowered.startswith(HTML_FRAGMENT_STARTS) or (
        path.suffix.lower() in HTML_SUFFIXES and lowered[:1] == b"<"
    ):
        return "html"
    if path.suffix.lower() in {".pdf", ".docx", ".doc", ".wps"}:
        raise ParseError(path, f"named {path.suffix} but its bytes are not a {path.suffix[1:].upper()} file")
    return "txt"


def get_parser(fmt: str) -> Parser:
    module_name = PARSER_MODULES.get(fmt)
    if module_name is None:
        raise KeyError(fmt)
    module = importlib.import_module(f"policy_etl.parsers.{module_name}")
    return module.parse  # type: ignore[no-any-return]


def parse_bytes(path: Path, data: bytes, sha256: str | None = None, *, ocr: OcrMode = "auto") -> Document:
    """Parse bytes read from `path`; every failure is a ParseError naming the file.

    `ocr` is the PDF parser's OCR mode (`PdfSettings.ocr`): "auto" reads pages without a text
    layer by OCR, "off" never, "force" every page. The other formats have no page images.
    """
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ParseError(path, "the file is empty")
    fmt = sniff(path, data)
    try:
        parser = get_parser(fmt)
    except ModuleNotFoundError as exc:
        raise ParseError(path, f"no parser for {fmt.upper()} files is available ({exc.name})") from exc
    if fmt == "pdf" and ocr != "auto":
        # Only the PDF parser takes the mode. Its PdfSettings is not imported here: this package
        # is reached by the extraction too, whose fingerprint must not hold the PDF parser.
        return parser(path, data, sha256, ocr=ocr)  # type: ignore[call-arg]
    return parser(path, data, sha256)


def parse_file(path: Path, *, ocr: OcrMode = "auto") -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    return parse_bytes(path, data, ocr=ocr)
