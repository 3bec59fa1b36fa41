"""Re-running a corpus after a change: fingerprints, the parse cache, `etl diff` and `etl snapshot`."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policy_etl
from policy_etl import fingerprint, parsers
from policy_etl.cli import app
from policy_etl.fingerprint import Fingerprints
from policy_etl.parsers import ocr
from policy_etl.pipeline import targets as targets_module
from policy_etl.pipeline.ingest import IngestSettings, ingest
from policy_etl.pipeline.parse_cache import ParseCache, cache_dir
from policy_etl.query.diff import diff_databases, diff_records
from tests.conftest import ROOT, SEED_FILES, seed_path

runner = CliRunner()
GOLDEN_DIR = ROOT / "tests" / "golden"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in SEED_FILES:
        shutil.copy(path, docs / path.name)
    return docs


@pytest.fixture
def parse_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Count parser calls through the registry, in forked workers too: each call appends the
    file's name to a log file, which the parent reads."""
    log = tmp_path / "parses.log"
    log.touch()
    real_get_parser = parsers.get_parser

    def counting_get_parser(fmt: str):  # type: ignore[no-untyped-def]
        real = real_get_parser(fmt)

        def parse(path: Path, data: bytes, sha256: str):  # type: ignore[no-untyped-def]
            with log.open("a", encoding="utf-8") as handle:
                handle.write(path.name + "\n")
            return real(path, data, sha256)

        return parse

    monkeypatch.setattr(parsers, "get_parser", counting_get_parser)
    return lambda: log.read_text(encoding="utf-8").split()


def _pretend(
    monkeypatch: pytest.MonkeyPatch, *, parser: str | None = None, extract: str | None = None
) -> None:
    """Run as a pipeline whose parser or extraction code differs from the one that stored the
    documents (the fingerprint is what ingest compares)."""
    real = fingerprint.compute()
    changed = Fingerprints(parser or real.parser, extract or real.extract)
    monkeypatch.setattr(fingerprint, "current", lambda: changed)


def _fingerprints(db: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return set(conn.execute("select parser_fingerprint, extract_fingerprint from documents"))


def _diff(old: Path, new: Path):  # type: ignore[no-untyped-def]
    with sqlite3.connect(old) as a, sqlite3.connect(new) as b:
        return diff_databases(a, b)


# -- fingerprints ---------------------------------------------------------------------------------


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "policy_etl"
    shutil.copytree(Path(policy_etl.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _edit(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line)


def test_the_fingerprints_split_parser_code_from_extraction_code(package_copy: Path) -> None:
    base = fingerprint.compute(package_copy)
    assert base == fingerprint.compute(package_copy)  # stable
    _edit(package_copy / "pipeline" / "targets.py", "\nCHANGED = 1\n")
    extraction_changed = fingerprint.compute(package_copy)
    assert extraction_changed.parser == base.parser and extraction_changed.extract != base.extract
    _edit(package_copy / "parsers" / "pdf_tables.py", "\nCHANGED = 1\n")
    parser_changed = fingerprint.compute(package_copy)
    assert parser_changed.parser != base.parser and parser_changed.extract == extraction_changed.extract


def test_data_files_count_for_the_stages_that_read_them(package_copy: Path) -> None:
    base = fingerprint.compute(package_copy)
    _edit(package_copy / "data" / "indicators.json", " ")  # read by pipeline/patterns/indicators.py
    indicators = fingerprint.compute(package_copy)
    assert indicators.parser == base.parser and indicators.extract != base.extract
    # the lexicon: read by the flattened-table reader and the extractors, both after parsing
    _edit(package_copy / "data" / "agencies.txt", "新设局 5 nt\n")
    agencies = fingerprint.compute(package_copy)
    assert agencies.parser == indicators.parser and agencies.extract != indicators.extract


def test_a_module_both_stages_import_changes_both(package_copy: Path) -> None:
    base = fingerprint.compute(package_copy)
    _edit(package_copy / "parsers" / "textjoin.py", "\nCHANGED = 1\n")  # parsers and normalize
    changed = fingerprint.compute(package_copy)
    assert changed.parser != base.parser and changed.extract != base.extract


def test_orchestration_code_is_in_neither_fingerprint(package_copy: Path) -> None:
    base = fingerprint.compute(package_copy)
    for module in ("pipeline/ingest.py", "pipeline/workers.py", "cli.py", "query/search.py"):
        _edit(package_copy / module, "\nCHANGED = 1\n")
    assert fingerprint.compute(package_copy) == base
    parser_modules = {
        p.relative_to(package_copy).as_posix()
        for p in fingerprint.closure(fingerprint.PARSER_ROOTS, package_copy).modules
    }
    assert {
        "parsers/pdf.py",
        "parsers/docx.py",
        "schemas/document.py",
        "parsers/textjoin.py",
    } <= parser_modules
    assert not any(m.startswith("pipeline/") for m in parser_modules)


def test_stale_stage_names_what_must_run_again() -> None:
    now = Fingerprints("p1", "e1")
    assert now.stale_stage(Fingerprints("p1", "e1")) is None
    assert now.stale_stage(Fingerprints("p1", "e0")) == "extract"
    assert now.stale_stage(Fingerprints("p0", "e1")) == "parse"
    assert now.stale_stage(None) == "parse"


# -- ingest after a change --------------------------------------------------------------------------


def test_an_unchanged_pipeline_skips_stored_files_without_parsing(
    folder: Path, tmp_path: Path, parse_log: Callable[[], list[str]]
) -> None:
    db = tmp_path / "policy.db"
    first = ingest([folder], db)
    assert [r.status for r in first.results] == ["ingested"] * 5
    assert sorted(parse_log()) == sorted(p.name for p in SEED_FILES)
    assert _fingerprints(db) == {(fingerprint.current().parser, fingerprint.current().extract)}
    second = ingest([folder], db)
    assert [r.status for r in second.results] == ["unchanged"] * 5
    assert len(parse_log()) == 5  # no parse in the second run


@pytest.mark.parametrize("workers", [1, 2])
def test_an_extraction_change_re_extracts_from_the_cache_without_parsing(
    folder: Path,
    tmp_path: Path,
    parse_log: Callable[[], list[str]],
    monkeypatch: pytest.MonkeyPatch,
    workers: int,
) -> None:
    db = tmp_path / "policy.db"
    ingest([folder], db, settings=IngestSettings(workers=workers))
    before = tmp_path / "before.db"
    shutil.copy(db, before)
    assert len(parse_log()) == 5
    # the change: the target extractor drops every target of the text (keeps table targets)
    real_extract = targets_module.extract
    monkeypatch.setattr(
        targets_module, "extract", lambda ctx: [t for t in real_extract(ctx) if t.source == "table"]
    )
    _pretend(monkeypatch, extract="e" * 16)
    report = ingest([folder], db, settings=IngestSettings(workers=workers))
    assert [r.status for r in report.results] == ["re-extracted"] * 5
    assert all(r.cached for r in report.results)
    assert len(parse_log()) == 5, "a parser ran although only extraction changed"
    assert report.as_dict()["re-extracted"] == 5
    assert {extract for _, extract in _fingerprints(db)} == {"e" * 16}
    # the records moved exactly as the change says: text targets removed, nothing else
    result = _diff(before, db)
    with sqlite3.connect(before) as conn:
        text_targets = conn.execute("select count(*) from targets where source = 'text'").fetchone()[0]
    assert text_targets > 0
    assert {kind for d in result.documents for kind in d.kinds} == {"targets"}
    removed = [r for d in result.documents for r in d.kinds["targets"].removed]
    assert len(removed) == text_targets and {r["source"] for r in removed} == {"text"}
    assert not any(d.kinds["targets"].added or d.kinds["targets"].changed for d in result.documents)
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "select n_reextracted, n_reparsed from ingest_runs order by id desc"
        ).fetchone() == (5, 0)


def test_a_parser_change_re_parses_and_replaces_the_cache(
    folder: Path, tmp_path: Path, parse_log: Callable[[], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "policy.db"
    ingest([folder], db)
    old_entries = sorted(cache_dir(db).glob("*/*.json.gz"))
    assert len(old_entries) == 5
    _pretend(monkeypatch, parser="p" * 16)
    report = ingest([folder], db, settings=IngestSettings(workers=2))
    assert [r.status for r in report.results] == ["re-parsed"] * 5
    assert not any(r.cached for r in report.results)
    assert len(parse_log()) == 10
    assert {parser for parser, _ in _fingerprints(db)} == {"p" * 16}
    assert [p.name for p in cache_dir(db).iterdir()] == ["p" * 16]  # the old parser's entries are gone
    assert sorted(p.name for p in (cache_dir(db) / ("p" * 16)).iterdir()) == [p.name for p in old_entries]


def test_force_re_parses_stored_content(
    folder: Path, tmp_path: Path, parse_log: Callable[[], list[str]]
) -> None:
    db = tmp_path / "policy.db"
    ingest([folder], db)
    report = ingest([folder], db, settings=IngestSettings(force=True))
    assert [r.status for r in report.results] == ["re-parsed"] * 5
    assert len(parse_log()) == 10  # the cache is not read
    assert _diff(tmp_path / "policy.db", db).equal


def test_a_deleted_database_is_rebuilt_from_the_cache(
    folder: Path, tmp_path: Path, parse_log: Callable[[], list[str]]
) -> None:
    db = tmp_path / "policy.db"
    ingest([folder], db)
    kept = tmp_path / "kept.db"
    shutil.copy(db, kept)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    report = ingest([folder], db)
    assert [r.status for r in report.results] == ["ingested"] * 5
    assert all(r.cached for r in report.results) and len(parse_log()) == 5
    assert _diff(kept, db).equal


def test_re_extracting_keeps_the_stored_name_of_content_found_under_another_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "policy.db"
    original = tmp_path / "a" / "000.txt"
    original.parent.mkdir()
    shutil.copy(seed_path("000"), original)
    ingest([original], db)
    renamed = tmp_path / "b" / "plan-000.txt"
    renamed.parent.mkdir()
    shutil.copy(seed_path("000"), renamed)
    _pretend(monkeypatch, extract="e" * 16)
    (result,) = ingest([renamed], db).results
    assert result.status == "re-extracted" and result.cached
    with sqlite3.connect(db) as conn:
        assert conn.execute("select source_file from documents").fetchall() == [("000.txt",)]
        names = {n for (n,) in conn.execute("select name from document_names")}
    assert names == {"000.txt", "plan-000.txt"}


def test_the_cache_folder_is_not_ingested_when_the_database_sits_in_the_input_folder(folder: Path) -> None:
    db = folder / "policy.db"
    ingest([folder], db)
    assert any(cache_dir(db).rglob("*.json.gz"))
    assert [r.status for r in ingest([folder], db).results] == ["unchanged"] * 5


def test_a_damaged_cache_entry_is_a_miss(tmp_path: Path, seed_docs: dict) -> None:  # type: ignore[type-arg]
    cache = ParseCache(tmp_path / "cache", "f" * 16)
    doc = seed_docs["001"]
    assert cache.get(doc.sha256, doc.source_file) is None
    cache.put(doc)
    assert cache.get(doc.sha256, doc.source_file) == (doc, [])
    assert cache.get(doc.sha256, "other-name.txt")[0].source_file == "other-name.txt"  # type: ignore[index]
    cache.path(doc.sha256).write_bytes(gzip.compress(b'{"source_file": "x"'))  # a truncated model
    assert cache.get(doc.sha256, doc.source_file) is None
    cache.path(doc.sha256).write_bytes(b"\x1f\x8b garbage")
    assert cache.get(doc.sha256, doc.source_file) is None


# -- etl diff and etl snapshot ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("rerun") / "seeds.db"
    assert not ingest(SEED_FILES, db).has_failures
    return db


def _one_target_and_one_section_changed(seed_db: Path, new: Path) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """A copy of the seed database with one target's value raised and one section removed
    (a leaf section no record but search passages points at); returns both."""
    shutil.copy(seed_db, new)
    with sqlite3.connect(new) as conn:
        conn.row_factory = sqlite3.Row
        conn.execute("pragma foreign_keys = on")  # the section's search passages go with it
        target = dict(
            conn.execute(
                "select t.*, d.source_file from targets t join documents d on d.id = t.document_id"
                " where d.source_file like '004%' order by t.id limit 1"
            ).fetchone()
        )
        conn.execute("update targets set value = value + 1 where id = ?", (target["id"],))
        section = dict(
            conn.execute(
                "select s.*, d.source_file from sections s join documents d on d.id = s.document_id"
                " where d.source_file like '002%' and s.id not in (select parent_id from sections where parent_id is not null)"
                " and not exists (select 1 from targets where section_id = s.id) and not exists (select 1 from deadlines where section_id = s.id)"
                " and not exists (select 1 from doc_tables where section_id = s.id) and not exists (select 1 from responsibilities where section_id = s.id)"
                " and not exists (select 1 from projects where section_id = s.id) and not exists (select 1 from glossary_terms where section_id = s.id)"
                " order by s.ordinal desc limit 1"
            ).fetchone()
        )
        conn.execute("delete from sections where id = ?", (section["id"],))
    return target, section


def test_diff_prints_exactly_one_changed_target_and_one_removed_section_and_exits_1(
    seed_db: Path, tmp_path: Path
) -> None:
    new = tmp_path / "new.db"
    target, section = _one_target_and_one_section_changed(seed_db, new)
    result = runner.invoke(app, ["diff", str(seed_db), str(new)])
    assert result.exit_code == 1, result.output
    value = f"{target['value']:g}"
    changed = f"{target['value'] + 1:g}"
    unit = f" {target['unit']}" if target["unit"] else ""
    assert result.stdout.splitlines() == [
        section["source_file"],
        "  sections: 1 removed",
        f"    - {section['label']} {section['title']}",
        target["source_file"],
        "  targets: 1 changed",
        f"    ~ {target['indicator']} {target['year']} {target['comparator']} {changed}{unit}"
        f" «{target['quote'][:39] + '…' if len(target['quote']) > 40 else target['quote']}»: value: {value} → {changed}",
        "5 document(s) compared, 2 differ: 1 section removed, 1 target changed",
    ]
    as_json = json.loads(runner.invoke(app, ["diff", str(seed_db), str(new), "--json"]).stdout)
    assert as_json["equal"] is False
    kinds = {d["source_file"]: d["kinds"] for d in as_json["documents"]}
    assert kinds[target["source_file"]]["targets"]["changed"] == [
        {
            "key": [target["source"], target["indicator"], target["year"], target["quote"]],
            "fields": {"value": [target["value"], target["value"] + 1]},
        }
    ]
    assert [s["title"] for s in kinds[section["source_file"]]["sections"]["removed"]] == [section["title"]]
    only_004 = runner.invoke(app, ["diff", str(seed_db), str(new), "--doc", "004", "--json"])
    assert [d["source_file"] for d in json.loads(only_004.stdout)["documents"]] == [target["source_file"]]


def test_diff_of_equal_databases_exits_0(seed_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(seed_db, copy)
    result = runner.invoke(app, ["diff", str(seed_db), str(copy)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "5 document(s) compared: no differences"
    # exit 1 means "they differ": a missing database or a --doc matching nothing is a usage error
    assert runner.invoke(app, ["diff", str(seed_db), str(tmp_path / "missing.db")]).exit_code == 2
    assert runner.invoke(app, ["diff", str(seed_db), str(copy), "--doc", "no-such-plan"]).exit_code == 2


def test_diff_names_documents_only_in_one_database(seed_db: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    shutil.copy(seed_db, new)
    with sqlite3.connect(new) as conn:
        conn.execute("pragma foreign_keys = on")
        (gone,) = conn.execute("select source_file from documents where source_file like '003%'").fetchone()
        conn.execute("delete from documents where source_file = ?", (gone,))
    result = runner.invoke(app, ["diff", str(seed_db), str(new)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{gone} (only in OLD)"
    assert lines[1] == "  document: 1 removed"
    assert lines[-1].startswith("5 document(s) compared, 1 differ: 1 document removed, ")


def test_snapshot_of_a_database_reproduces_the_golden_files(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "snapshot"
    result = runner.invoke(app, ["snapshot", str(seed_db), str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(p.name for p in GOLDEN_DIR.glob("*.json"))
    for name in written:
        assert (out / name).read_text(encoding="utf-8") == (GOLDEN_DIR / name).read_text(encoding="utf-8"), (
            name
        )


def test_records_sharing_a_natural_key_pair_in_document_order() -> None:
    quote = "PM2.5浓度2025年降至30微克/立方米，2035年降至25微克/立方米"
    old = [
        {"indicator": "PM2.5浓度", "year": 2025, "quote": quote, "value": 30.0},
        {"indicator": "PM2.5浓度", "year": 2025, "quote": quote, "value": 25.0},
    ]
    new = [
        {"indicator": "PM2.5浓度", "year": 2025, "quote": quote, "value": 30.0},
        {"indicator": "PM2.5浓度", "year": 2025, "quote": quote, "value": 26.0},
        {"indicator": "PM2.5浓度", "year": 2035, "quote": quote, "value": 25.0},
    ]
    result = diff_records("targets", old, new)
    assert [c.fields for c in result.changed] == [{"value": (25.0, 26.0)}]
    assert result.added == [new[2]] and result.removed == []
    assert not diff_records("targets", old, list(old))


def test_the_ingest_summary_says_re_extracted_and_re_parsed(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "policy.db"
    first = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert "5 ingested · 0 unchanged · 0 failed" in first.stderr
    _pretend(monkeypatch, extract="e" * 16)
    human = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert human.exit_code == 0, human.output
    assert "0 ingested · 5 re-extracted · 0 unchanged · 0 failed" in human.stderr
    assert "(parse from cache)" in human.stderr
    _pretend(monkeypatch, parser="p" * 16, extract="e" * 16)
    summary = json.loads(runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--json"]).stdout)
    assert (summary["ingested"], summary["re-parsed"], summary["re-extracted"], summary["unchanged"]) == (
        0,
        5,
        0,
        0,
    )
    assert {f["status"] for f in summary["files"]} == {"re-parsed"}


# --- the OCR mode is a parser setting -----------------------------------------------------------


def test_the_ocr_mode_salts_the_parser_fingerprint_only() -> None:
    code = Fingerprints("a" * 16, "b" * 16)
    assert code.with_ocr("auto") == code  # the default: documents stored before the option stay current
    off, force = code.with_ocr("off"), code.with_ocr("force")
    assert len({code.parser, off.parser, force.parser}) == 3
    assert off.extract == force.extract == code.extract
    assert len(off.parser) == len(code.parser)


def test_switching_the_ocr_mode_re_parses_and_never_reuses_the_other_modes_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plan.pdf (a text PDF) ingested with --ocr off, force, force, off: the force run cannot
    take the cached parse of the off run (its pages would be missing OCR), nor the other way
    round. OCR is stood in for by the page's own characters marked as recognized (the real
    engine is tested in tests/test_ocr.py); forked workers inherit the stand-in."""

    def recognized(page: object, bbox: object = None) -> ocr.Reading:
        return ocr.Reading([dict(c, ocr_confidence=0.9) for c in page.chars], [])  # type: ignore[attr-defined]

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "read_region", recognized)
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "pdf" / "plan.pdf", docs / "plan.pdf")
    db = tmp_path / "p.db"

    def run(mode: str) -> tuple[str, bool, int]:
        (result,) = ingest([docs], db, settings=IngestSettings(ocr=mode)).results  # type: ignore[arg-type]
        with sqlite3.connect(db) as conn:
            (pages,) = conn.execute("select ocr_pages from v_documents").fetchone()
        return result.status, result.cached, pages

    assert run("off") == ("ingested", False, 0)
    assert run("force") == ("re-parsed", False, 5)
    assert run("force") == ("unchanged", False, 5)
    assert run("off") == ("re-parsed", False, 0)
    assert [p.name for p in cache_dir(db).iterdir()] == [fingerprint.current().with_ocr("off").parser]
