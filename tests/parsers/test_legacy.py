"""Legacy Word/WPS/RTF through LibreOffice: the converter's failures become clear per-file errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policy_etl.parsers import ParseError, parse_bytes, parse_file
from policy_etl.parsers.legacy import OLE2_MAGIC
from policy_etl.schemas.document import Paragraph

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DOC = FIXTURES / "doc" / "seed000_plan.doc"


def test_missing_converter_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no soffice anywhere
    with pytest.raises(ParseError, match=r"LibreOffice.*`soffice` is not on PATH"):
        parse_file(DOC)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plan.wps", OLE2_MAGIC[:4] + b"\x00" * 60),  # a truncated signature is not OLE2
        ("plan.doc", b"\x00\x01\x02 not a document"),
    ],
)
def test_bytes_without_a_legacy_signature_are_refused_before_converting(name: str, data: bytes) -> None:
    with pytest.raises(ParseError):
        parse_bytes(Path(name), data)


def test_converter_that_writes_nothing_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 0\n")  # LibreOffice's "exit 0 but no output file"
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ParseError, match="without writing a DOCX"):
        parse_file(DOC)


def test_converter_that_hangs_is_killed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from policy_etl.parsers import legacy

    fake = tmp_path / "soffice"
    sleep = shutil.which("sleep")
    fake.write_text(f"#!/bin/sh\n{sleep} 30 &\n{sleep} 30\n")  # a child in the same process group too
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(legacy, "CONVERT_TIMEOUT", 1)
    with pytest.raises(ParseError, match="did not finish"):
        parse_file(DOC)


@pytest.mark.slow  # converts with the real LibreOffice: CI must install libreoffice-writer-nogui
def test_doc_converts_and_reads_like_the_docx_it_came_from() -> None:
    doc = parse_file(DOC)
    docx_doc = parse_file(FIXTURES / "docx" / "seed000_plan.docx")
    assert doc.format == "doc"
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == [
        b.text for b in docx_doc.blocks if isinstance(b, Paragraph)
    ]
    (table,) = doc.tables()
    assert table.as_grid() == docx_doc.tables()[0].as_grid()
    assert next(c for c in table.cells if c.row == 1 and c.col == 1).row_span == 4
