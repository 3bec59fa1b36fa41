"""The benchmark corpus: N copies of the seeds and fixtures, each copy with distinct bytes.

Ingest skips a file whose sha256 it has stored, so every copy must differ from the others, yet
each copy should cost what the original costs. The mark added per format is chosen so:
- text: one ASCII line at the end (ASCII reads the same in UTF-8 and GBK);
- HTML: a comment at the end, which the parser drops, so the work is exactly the original's;
- DOCX: one paragraph added by python-docx (a DOCX is a zip: bytes cannot be appended);
- PDF: a PDF comment after %%EOF; readers find the cross-reference table from `startxref`,
  which stays in place, so the file parses as before (checked on the first copy).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("txt", "docx", "html", "pdf")

FIXTURES = ROOT / "tests" / "fixtures"
# Where each format's originals live: the five seed dumps, and the parser fixtures (for PDF
# also the parity twins of the seeds, the most plan-like PDFs there are).
SOURCES: dict[str, list[tuple[Path, str]]] = {
    "txt": [(ROOT / "raw_docs", "*.txt")],
    "docx": [(FIXTURES / "docx", "*.docx")],
    "html": [(FIXTURES / "html", "*.html")],
    "pdf": [(FIXTURES / "pdf", "*.pdf"), (FIXTURES / "pdf_parity", "*.pdf")],
}


def source_folders(fmt: str) -> str:
    return ", ".join(str(folder.relative_to(ROOT)) for folder, _ in SOURCES[fmt])


def originals(fmt: str) -> list[Path]:
    return [p for folder, pattern in SOURCES[fmt] if folder.is_dir() for p in sorted(folder.glob(pattern))]


def _mark(copy: int) -> str:
    return f"bench copy {copy:05d}"


def _text_copy(src: Path, dst: Path, copy: int) -> None:
    dst.write_bytes(src.read_bytes().rstrip(b"\r\n") + f"\n\n{_mark(copy)}\n".encode("ascii"))


def _html_copy(src: Path, dst: Path, copy: int) -> None:
    dst.write_bytes(src.read_bytes() + f"\n<!-- {_mark(copy)} -->\n".encode("ascii"))


def _docx_copy(src: Path, dst: Path, copy: int) -> None:
    document = docx.Document(str(src))
    document.add_paragraph(_mark(copy))
    document.save(str(dst))


def _pdf_copy(src: Path, dst: Path, copy: int) -> None:
    dst.write_bytes(src.read_bytes() + f"\n%{_mark(copy)}\n".encode("ascii"))


COPIERS: dict[str, Callable[[Path, Path, int], None]] = {
    "txt": _text_copy,
    "html": _html_copy,
    "docx": _docx_copy,
    "pdf": _pdf_copy,
}


def check_pdf_copy(original: Path, copy: Path) -> None:
    """The marked copy must read as the original: same pages, same text."""
    import pdfplumber

    with pdfplumber.open(original) as a, pdfplumber.open(copy) as b:
        if len(a.pages) != len(b.pages) or a.pages[0].extract_text() != b.pages[0].extract_text():
            raise RuntimeError(f"{copy.name}: the bytes after %%EOF changed how the PDF reads")


def build(
    out: Path, copies: int, formats: list[str], keep: Callable[[Path], bool] = lambda _: True
) -> dict[str, list[Path]]:
    """Write `copies` marked copies of every original of each format that `keep` accepts
    under out/<format>/."""
    built: dict[str, list[Path]] = {}
    for fmt in formats:
        sources = [p for p in originals(fmt) if keep(p)]
        if not sources:
            continue
        folder = out / fmt
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for copy in range(copies):
            for src in sources:
                dst = folder / f"{src.stem}__c{copy:05d}{src.suffix}"
                COPIERS[fmt](src, dst, copy)
                paths.append(dst)
                if fmt == "pdf" and copy == 0:
                    check_pdf_copy(src, dst)
        built[fmt] = paths
    return built
