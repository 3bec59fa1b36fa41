"""Legacy Word/WPS/RTF through LibreOffice: the converter's failures become clear per-file errors."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from policy_etl.parsers import ParseError, parse_bytes, parse_file
from policy_etl.parsers.legacy import MAX_GARBAGE_SHARE, OLE2_MAGIC, garbage_share
from policy_etl.schemas.document import Document, Paragraph

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


# The real conversion of tests/fixtures/doc/seed000_plan.doc by LibreOffice is checked once, in
# tests/test_parity.py (the only test that needs soffice; CI installs libreoffice-writer-nogui).


def _doc_of(text: str) -> Document:
    return Document(
        source_file="x.doc", sha256="0" * 64, format="doc", blocks=(Paragraph(index=0, text=text),)
    )


@pytest.mark.parametrize(
    ("text", "garbage"),
    [
        ("到2025年，PM2.5浓度≥35μg/m³，Ⅴ类水体①全面消除。", False),
        ("탏ᇠꆱ䙿쳨ઍ赦∫ᔟ脂噁暺奖㘬\ue629\uefe9⌢伡#﹏䀽殦ᱫ䇁ⷊ噏", True),  # LibreOffice on random OLE2 bytes
        ("\ufffd\ufffd\ufffd生态", True),
    ],
)
def test_garbage_share_tells_plans_from_converted_noise(text: str, garbage: bool) -> None:
    assert (garbage_share(_doc_of(text)) > MAX_GARBAGE_SHARE) is garbage


def test_garbage_conversion_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from policy_etl.parsers import legacy

    noise = docx.Document()
    noise.add_paragraph("탏ᇠꆱ䙿쳨ઍ赦∫ᔟ脂噁暺奖㘬ⷊ噏탏ᇠꆱ")
    buffer = io.BytesIO()
    noise.save(buffer)
    monkeypatch.setattr(legacy, "convert_to_docx", lambda path, data, timeout=None: buffer.getvalue())
    with pytest.raises(ParseError, match="mostly unreadable"):
        parse_file(DOC)
