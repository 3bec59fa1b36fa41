"""Tiny PDFs drawn by hand for parser tests: rules, boxes and ASCII text placed in points.

The real converters' drawings are reproduced with the same PDF operators they use (ABBYY
FineReader: rules as thin black filled rectangles, a white filled box behind each placed line
of text), so a test can show one layout class without committing a binary file. Coordinates
are top-down like pdfplumber's (y from the top of the page); text is Helvetica.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PAGE_WIDTH = 595.2
PAGE_HEIGHT = 841.92
BLACK = (0.0, 0.0, 0.0)
WHITE = (1.0, 1.0, 1.0)


@dataclass
class Page:
    """The drawing operators of one page, in painting order."""

    ops: list[str] = field(default_factory=list)
    boxes: bool = True  # whether `boxed_text` paints its white box (an OCR converter's) or not

    def box(self, x0: float, top: float, x1: float, bottom: float, color: tuple[float, ...] = WHITE) -> None:
        """A filled rectangle without outline (a background box, or a rule when thin and black)."""
        r, g, b = color
        y = PAGE_HEIGHT - bottom
        self.ops.append(f"{r:g} {g:g} {b:g} rg {x0:.2f} {y:.2f} {x1 - x0:.2f} {bottom - top:.2f} re f")

    def hrule(self, x0: float, x1: float, y: float, weight: float = 0.7) -> None:
        self.box(x0, y, x1, y + weight, BLACK)

    def vrule(self, x: float, top: float, bottom: float, weight: float = 0.7) -> None:
        self.box(x, top, x + weight, bottom, BLACK)

    def text(self, x: float, top: float, text: str, size: float = 10.0) -> None:
        """A run of text whose glyph tops stand at `top` (baseline 0.8 of the size below)."""
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        y = PAGE_HEIGHT - top - 0.8 * size
        self.ops.append(f"0 0 0 rg BT /F1 {size:g} Tf {x:.2f} {y:.2f} Td ({escaped}) Tj ET")

    def boxed_text(self, x: float, top: float, text: str, size: float = 10.0, pad: float = 3.0) -> None:
        """Text over a white box a little larger than it, as an OCR converter places a line."""
        width = 0.6 * size * len(text)
        if self.boxes:
            self.box(x - pad, top - pad, x + width + pad, top + size + pad)
        self.text(x, top, text, size)


def pdf_bytes(pages: list[Page]) -> bytes:
    """A valid PDF (cross-reference table and all) of the pages, A4 portrait."""
    n = len(pages)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(n))
        + f"] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, page in enumerate(pages):
        stream = "\n".join(page.ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
