"""Ingest files into the database: hash-skip, per-file isolation, and a report.

A file costs only itself: any failure (unreadable, unknown format, parse error, invalid record,
database error) becomes a failed entry in the report and a row in ingest_errors, and the next
file goes on. The library never prints; the CLI renders the report.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from policy_etl.parsers import ParseError, parse_bytes
from policy_etl.pipeline.extract import extract
from policy_etl.pipeline.load import Store
from policy_etl.pipeline.normalize import normalize
from policy_etl.schemas.records import Extraction

Status = Literal["ingested", "unchanged", "failed"]
Stage = Literal["read", "parse", "normalize", "extract", "load"]

# Files a folder walk passes over: editor backups, OS litter, our own outputs.
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", "SOURCES.md", "README.md"}


@dataclass(frozen=True)
class FileResult:
    path: str
    status: Status
    sha256: str | None = None
    doc_id: int | None = None
    stage: Stage | None = None
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass
class IngestReport:
    run_id: int | None
    db_path: str
    results: list[FileResult] = field(default_factory=list)

    def of(self, status: Status) -> list[FileResult]:
        return [r for r in self.results if r.status == status]

    @property
    def has_failures(self) -> bool:
        return any(r.status == "failed" for r in self.results)

    def as_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "db": self.db_path,
            "ingested": len(self.of("ingested")),
            "unchanged": len(self.of("unchanged")),
            "failed": len(self.of("failed")),
            "files": [r.__dict__ for r in self.results],
        }


def database_files(db_path: Path) -> set[Path]:
    """The database and its SQLite side files, which a walk of the folder holding them skips."""
    return {db_path.with_name(db_path.name + suffix).resolve() for suffix in ("", "-wal", "-shm", "-journal")}


def iter_files(paths: Iterable[Path], exclude: Collection[Path] = ()) -> Iterator[Path]:
    """Files under `paths`, recursively, in a stable order; symlinked folders are not followed,
    so a symlink loop cannot trap the walk."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if name.startswith(".") or name in IGNORED_NAMES or candidate.resolve() in exclude:
                        continue
                    yield candidate
        else:
            yield path


def validation_message(exc: ValidationError) -> str:
    """Name the record, field, value and reason of the first few validation errors."""
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{exc.title}.{where} = {error.get('input')!r}: {error['msg']}")
    more = f" (+{exc.error_count() - 3} more)" if exc.error_count() > 3 else ""
    return "invalid record: " + "; ".join(parts) + more


def extraction_counts(ex: Extraction) -> dict[str, int]:
    return {
        "sections": len(ex.sections),
        "tables": len(ex.tables),
        "targets": len(ex.targets),
        "deadlines": len(ex.deadlines),
        "responsibilities": len(ex.responsibilities),
        "projects": len(ex.projects),
        "glossary": len(ex.glossary),
    }


class _StageError(Exception):
    def __init__(self, stage: Stage, reason: str) -> None:
        self.stage = stage
        self.reason = reason
        super().__init__(reason)


def process_bytes(path: Path, data: bytes, sha256: str) -> Extraction:
    """Parse, normalize and extract one file's bytes; failures carry the stage they happened in."""
    try:
        doc = parse_bytes(path, data, sha256)
    except ParseError as exc:
        raise _StageError("parse", exc.reason) from exc
    except (ValueError, KeyError, IndexError, TypeError, RecursionError) as exc:
        raise _StageError("parse", f"unreadable file ({type(exc).__name__}: {exc})") from exc
    try:
        doc = normalize(doc)
    except Exception as exc:
        raise _StageError("normalize", f"{type(exc).__name__}: {exc}") from exc
    try:
        return extract(doc)
    except ValidationError as exc:
        raise _StageError("extract", validation_message(exc)) from exc
    except Exception as exc:
        raise _StageError("extract", f"{type(exc).__name__}: {exc}") from exc


def ingest_file(store: Store, path: Path, run_id: int, *, force: bool = False) -> FileResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _fail(store, run_id, path, None, "read", f"cannot read the file: {exc.strerror or exc}")
    sha256 = hashlib.sha256(data).hexdigest()
    existing = store.find_sha256(sha256)
    if existing is not None and not force:
        return FileResult(str(path), "unchanged", sha256=sha256, doc_id=existing[0])
    try:
        extraction = process_bytes(path, data, sha256)
    except _StageError as exc:
        return _fail(store, run_id, path, sha256, exc.stage, exc.reason)
    try:
        doc_id = store.write_document(extraction, run_id=run_id, size_bytes=len(data))
    except Exception as exc:
        return _fail(store, run_id, path, sha256, "load", f"{type(exc).__name__}: {exc}")
    return FileResult(
        str(path), "ingested", sha256=sha256, doc_id=doc_id, counts=extraction_counts(extraction)
    )


def _fail(store: Store, run_id: int, path: Path, sha256: str | None, stage: Stage, reason: str) -> FileResult:
    store.record_error(run_id, str(path), sha256, stage, reason)
    return FileResult(str(path), "failed", sha256=sha256, stage=stage, reason=reason)


def ingest(
    paths: Iterable[Path],
    db_path: Path,
    *,
    force: bool = False,
    on_file: Callable[[Path], None] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> IngestReport:
    """Ingest every file under `paths` into the database at `db_path`."""
    store = Store(db_path)
    try:
        run_id = store.start_run()
        report = IngestReport(run_id=run_id, db_path=str(db_path))
        for path in iter_files(paths, exclude=database_files(db_path)):
            if on_file:
                on_file(path)
            if not path.exists():
                result = _fail(store, run_id, path, None, "read", "no such file (or a broken symlink)")
            else:
                result = ingest_file(store, path, run_id, force=force)
            report.results.append(result)
            if on_result:
                on_result(result)
        store.finish_run(
            run_id,
            ingested=len(report.of("ingested")),
            unchanged=len(report.of("unchanged")),
            failed=len(report.of("failed")),
        )
        return report
    finally:
        store.close()
