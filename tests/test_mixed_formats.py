"""One folder mixing every format ingests into the same schema; v_documents.format names the parser."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from policy_etl.pipeline.ingest import IngestSettings, ingest
from tests.conftest import FIXTURES, seed_path


def test_a_mixed_folder_ingests_each_file_with_its_parser(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(seed_path("000"), folder / "plan.txt")
    shutil.copy(FIXTURES / "docx" / "seed002_table1.docx", folder / "table.docx")
    shutil.copy(FIXTURES / "html" / "seed000_plan.html", folder / "page.html")
    shutil.copy(FIXTURES / "pdf" / "plan.pdf", folder / "plan.pdf")
    shutil.copy(FIXTURES / "doc" / "seed000_plan.doc", folder / "legacy.doc")
    # a mislabeled file: a DOCX saved with a .txt name is still read as DOCX
    shutil.copy(FIXTURES / "docx" / "seed000_plan.docx", folder / "mislabeled.txt")
    db = tmp_path / "p.db"
    report = ingest([folder], db, settings=IngestSettings(workers=2))
    assert [(r.name, r.reason) for r in report.of("failed")] == []
    with sqlite3.connect(db) as conn:
        formats = dict(conn.execute("select source_file, format from v_documents"))
        kinds = dict(
            conn.execute(
                "select d.source_file, group_concat(t.kind) from v_tables t join v_documents d using (doc_id) group by 1"
            )
        )
    assert formats == {
        "plan.txt": "txt",
        "table.docx": "docx",
        "page.html": "html",
        "plan.pdf": "pdf",
        "legacy.doc": "doc",
        "mislabeled.txt": "docx",
    }
    # the same kinds of records come out of every format
    assert kinds["plan.txt"] == kinds["page.html"] == kinds["legacy.doc"] == "responsibility"
    assert kinds["table.docx"] == "indicator"
