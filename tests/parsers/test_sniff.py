"""Format sniffing: bytes decide, the suffix only breaks ties; mislabeled files still parse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policy_etl.parsers import OLE2_MAGIC, ParseError, parse_file, sniff
from policy_etl.schemas.document import Paragraph

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("plan.txt", (FIXTURES / "docx" / "seed000_plan.docx").read_bytes(), "docx"),
        ("plan.pdf", (FIXTURES / "html" / "seed000_plan.html").read_bytes(), "html"),
        ("plan.docx", (FIXTURES / "doc" / "seed000_plan.doc").read_bytes(), "doc"),
        ("plan.txt", b"{\\rtf1\\ansi \\u29983?}", "doc"),
        ("plan.wps", OLE2_MAGIC + b"\x00" * 504, "doc"),
        ("page.txt", "<p>一、总体要求</p><p>到2025年……</p>".encode(), "html"),
        ("page.htm", "<strong>一、总体要求</strong>".encode(), "html"),
        ("page.doc", b"\xef\xbb\xbf<!-- saved from url --><div id='zoom'></div>", "html"),
        ("notes.html", "一、总体要求\n到2025年，全市PM2.5浓度下降。".encode(), "txt"),
        ("plan.txt", "一、总体要求\n引用 <p> 标签的说明".encode(), "txt"),
    ],
)
def test_format_comes_from_the_bytes(name: str, data: bytes, fmt: str) -> None:
    assert sniff(Path(name), data) == fmt


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("plan.pdf", "一、总体要求".encode(), "named .pdf but its bytes are not a PDF"),
        ("plan.docx", b"PK\x03\x04" + b"\x00" * 40, "not a Word document"),
    ],
)
def test_unknown_bytes_under_a_binary_name_are_a_clear_error(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        sniff(Path(name), data)


def test_docx_named_txt_parses_as_docx(tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"
    shutil.copyfile(FIXTURES / "docx" / "seed000_plan.docx", target)
    doc = parse_file(target)
    assert doc.format == "docx"
    assert "一、指导思想和基本原则" in [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def test_gbk_html_named_pdf_parses_as_html(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    shutil.copyfile(FIXTURES / "html" / "seed000_plan.html", target)
    doc = parse_file(target)
    assert doc.format == "html"
    assert doc.tables()[0].caption == "“811”美丽港区建设行动任务责任分解表"


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "blank.docx"
    target.write_bytes(b"  \n")
    with pytest.raises(ParseError, match="empty"):
        parse_file(target)
