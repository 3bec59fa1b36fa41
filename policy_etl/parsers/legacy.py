"""Word 97–2003 (.doc), WPS and RTF files: converted to DOCX by LibreOffice, then read as DOCX.

LibreOffice keeps tables, merged cells and list numbering, which text-only tools (antiword,
catdoc) lose. It is also careless with bad input: it exits 0 on random bytes and writes a
DOCX of garbage, exits 0 without writing anything on some files, and hangs or fails silently
when two conversions share a user profile. So:

- the magic bytes are checked first (OLE2 compound file, or `{\\rtf`);
- every call gets its own profile directory, a timeout, and a kill of its whole process group;
- a missing output file is an error, and so is output that is mostly replacement or
  private-use characters.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from policy_etl.parsers.base import ParseError
from policy_etl.parsers.docx import parse_docx
from policy_etl.schemas.document import Document, Paragraph, Table

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
CONVERTER = "soffice"
# Seconds one conversion may take; a 100-page plan converts in a few seconds.
CONVERT_TIMEOUT = 120
# Output where more than this share of characters is outside PLAUSIBLE_RANGES is garbage.
MAX_GARBAGE_SHARE = 0.2


def legacy_suffix(data: bytes) -> str | None:
    """The suffix LibreOffice should see for these bytes, or None when they are not a legacy file."""
    if data.startswith(OLE2_MAGIC):
        return ".doc"
    if data.lstrip()[:5] == RTF_MAGIC:
        return ".rtf"
    return None


def convert_to_docx(path: Path, data: bytes, timeout: float | None = None) -> bytes:
    """Run LibreOffice headless on `data` and return the DOCX bytes it wrote."""
    timeout = CONVERT_TIMEOUT if timeout is None else timeout
    soffice = shutil.which(CONVERTER)
    if soffice is None:
        raise ParseError(
            path,
            "legacy Word/WPS/RTF files need LibreOffice to convert them, and `soffice` is not on PATH "
            "(install libreoffice-writer-nogui)",
        )
    suffix = legacy_suffix(data)
    if suffix is None:
        raise ParseError(path, "not a Word 97-2003, WPS or RTF file (no OLE2 or RTF signature)")
    with tempfile.TemporaryDirectory(prefix="lo_convert_") as tmp:
        workdir = Path(tmp)
        source = workdir / f"input{suffix}"
        source.write_bytes(data)
        outdir = workdir / "out"
        command = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--convert-to",
            "docx",
            "--outdir",
            str(outdir),
            str(source),
        ]
        _run(path, command, timeout)
        produced = outdir / "input.docx"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ParseError(
                path, "LibreOffice finished without writing a DOCX (the file may be damaged or encrypted)"
            )
        return produced.read_bytes()


def _run(path: Path, command: list[str], timeout: float) -> None:
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so a timeout kills every child
    )
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ParseError(path, f"LibreOffice did not finish converting within {timeout:g} s") from None
    finally:
        _kill_group(process)  # a helper process that outlived soffice would hold the profile
    if process.returncode != 0:
        message = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise ParseError(
            path, f"LibreOffice failed to convert the file (exit {process.returncode}: {message[0]})"
        )


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return
    process.communicate()


# Unicode blocks a Chinese plan is written in: ASCII and Latin-1, Greek (μ), general punctuation,
# letterlike and number forms (Ⅴ, ℃), enclosed numbers (①), arrows and maths (≥), box and
# geometric shapes (■), CJK symbols and punctuation, ideographs (ext. A and basic), full-width forms.
# LibreOffice turns random bytes behind an OLE2 header into text spread over the whole BMP
# (Hangul, Yi, private use…), so a large share of characters outside these blocks means garbage.
PLAUSIBLE_RANGES = (
    (0x0009, 0x000D), (0x0020, 0x00FF), (0x0370, 0x03FF), (0x2000, 0x206F), (0x2100, 0x218F),
    (0x2190, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x25FF), (0x3000, 0x303F), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xFF00, 0xFFEF),
)  # fmt: skip


def _plausible(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in PLAUSIBLE_RANGES)


def garbage_share(doc: Document) -> float:
    """Share of the document's characters that no Chinese plan would contain."""
    text = "".join(
        [b.text for b in doc.blocks if isinstance(b, Paragraph)]
        + [c.text for b in doc.blocks if isinstance(b, Table) for c in b.cells]
    )
    if not text:
        return 0.0
    return sum(1 for ch in text if not _plausible(ch)) / len(text)


def parse(path: Path, data: bytes, sha256: str) -> Document:
    doc = parse_docx(path, convert_to_docx(path, data), sha256, fmt="doc")
    if not doc.blocks:
        raise ParseError(path, "LibreOffice converted the file, but it holds no text")
    if garbage_share(doc) > MAX_GARBAGE_SHARE:
        raise ParseError(path, "LibreOffice converted the file, but the text is mostly unreadable characters")
    return doc
