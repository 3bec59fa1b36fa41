"""Ingest files into the database: hash-skip, per-file isolation, and a report.

A file costs only itself: any failure (unreadable, unknown format, parse error, invalid record,
no plan text, database error) becomes a failed entry in the report and a row in ingest_errors,
and the next file goes on. Warnings raised while a file is processed (a repaired table, a
library's warning) are kept with its result and in ingest_warnings. The library never prints;
the CLI renders the report.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import stat
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from policy_etl import fingerprint
from policy_etl.parsers import OCR_MODES, OcrMode, ParseError, get_parser, parse_bytes, sniff
from policy_etl.parsers.ocr import on_each_page
from policy_etl.pipeline.diagnostics import IngestWarning, capturing
from policy_etl.pipeline.extract import extract, warm_up
from policy_etl.pipeline.load import Store
from policy_etl.pipeline.normalize import normalize
from policy_etl.pipeline.parse_cache import ParseCache, cache_dir
from policy_etl.pipeline.timing import Seconds, recording, stage
from policy_etl.pipeline.workers import Job, JobFailure, Outcome, extend_deadline, run_jobs
from policy_etl.schemas.document import Document, Table
from policy_etl.schemas.records import Extraction

# re-parsed / re-extracted: stored content that an older pipeline made, processed again
# (policy_etl/fingerprint.py); the parse is reused from the cache when only extraction changed.
Status = Literal["ingested", "re-parsed", "re-extracted", "unchanged", "failed"]
STATUSES: tuple[Status, ...] = ("ingested", "re-parsed", "re-extracted", "unchanged", "failed")
RERUN_STATUS: dict[str, Status] = {"parse": "re-parsed", "extract": "re-extracted"}
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
    warnings: tuple[IngestWarning, ...] = ()
    seconds: Seconds = field(default_factory=dict)  # CPU per stage; varies run to run, so not in as_dict
    cached: bool = False  # the document model came from the parse cache: the file was not parsed

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
            **{status: len(self.of(status)) for status in STATUSES},
            "warnings": sum(len(r.warnings) for r in self.results),
            "files": [
                {
                    **{k: v for k, v in r.__dict__.items() if k not in ("seconds", "warnings")},
                    "warnings": [asdict(w) for w in r.warnings],
                }
                for r in self.results
            ],
        }


def database_files(db_path: Path) -> set[Path]:
    """The database, its SQLite side files and its parse cache, which a walk of the folder
    holding them skips."""
    files = {
        db_path.with_name(db_path.name + suffix).resolve() for suffix in ("", "-wal", "-shm", "-journal")
    }
    return files | {cache_dir(db_path).resolve()}


def _resolved(path: Path) -> Path:
    """The real path, or the path itself where a symlink loop leaves none (resolve() raises)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.absolute()


def iter_files(paths: Iterable[Path], exclude: Collection[Path] = ()) -> Iterator[Path]:
    """Files under `paths`, recursively, in a stable order; symlinked folders are not followed,
    so a symlink loop cannot trap the walk."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and _resolved(Path(root) / d) not in exclude
                )
                for name in sorted(files):
                    candidate = Path(root) / name
                    if name.startswith(".") or name in IGNORED_NAMES or _resolved(candidate) in exclude:
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


# A body shorter than this (characters, spaces aside), with no numbered section and no record,
# is not a plan: an error page, a stub, a 4-character test page. The shortest real document of the
# corpus (a 1-page work plan) holds over 4,000 characters and dozens of sections.
MIN_PLAN_CHARS = 200


def body_chars(doc: Document) -> int:
    """Characters of the body's paragraphs and table cells, spaces aside."""
    texts = [b.text for b in doc.paragraphs()] + [
        c.text for b in doc.blocks if isinstance(b, Table) for c in b.cells
    ]
    return sum(len("".join(t.split())) for t in texts)


def no_plan_text(doc: Document, extraction: Extraction) -> str | None:
    """Why a read document is not a plan at all, or None: a few characters, no numbered
    sections and nothing extracted. Any one of them present (a short notice with 一、二、, one
    target sentence) keeps the document."""
    n = body_chars(doc)
    counts = extraction_counts(extraction)
    if n >= MIN_PLAN_CHARS or any(counts.values()):
        return None
    return (
        f"no plan text: the body holds {n} character{'s' if n != 1 else ''}, "
        "no numbered sections and nothing to extract"
    )


def _reason(name: Stage, exc: Exception) -> str | None:
    """The message a stage's exception fails the file with, or None to let it propagate."""
    if isinstance(exc, _StageError):
        return None
    if name == "parse":
        if isinstance(exc, ParseError):
            return exc.reason
        if isinstance(exc, ValueError | KeyError | IndexError | TypeError | RecursionError):
            return f"unreadable file ({type(exc).__name__}: {exc})"
        return None
    if isinstance(exc, ValidationError):
        return validation_message(exc)
    return f"{type(exc).__name__}: {exc}"


@contextmanager
def _running(name: Stage, notes: list[IngestWarning], debug: bool) -> Iterator[None]:
    """One stage of one file: timed, its warnings kept in `notes`, its exception turned into
    a _StageError naming the stage (in debug mode, left to propagate with its traceback)."""
    try:
        with stage(name), capturing(name, notes):
            yield
    except Exception as exc:
        reason = None if debug else _reason(name, exc)
        if reason is None:
            raise
        raise _StageError(name, reason) from exc


def process_bytes(
    path: Path,
    data: bytes,
    sha256: str,
    notes: list[IngestWarning] | None = None,
    *,
    debug: bool = False,
    cache: ParseCache | None = None,
    ocr: OcrMode = "auto",
) -> Extraction:
    """Parse, normalize and extract one file's bytes; failures carry the stage they happened in,
    and the warnings each stage raised are appended to `notes`."""
    notes = [] if notes is None else notes
    doc, _ = _parse_document(path, data, sha256, cache, notes, debug, ocr)
    return _extract_document(doc, notes, debug)


def _parse_document(
    path: Path,
    data: bytes,
    sha256: str,
    cache: ParseCache | None,
    notes: list[IngestWarning],
    debug: bool,
    ocr: OcrMode = "auto",
) -> tuple[Document, bool]:
    """The file's document model, from the cache when it holds one (then True), else parsed
    (and stored in the cache, with the parse warnings, which a cached model brings back)."""
    if cache is not None:
        with stage("cache"):
            cached = cache.get(sha256, path.name)
        if cached is not None:
            doc, warned = cached
            notes.extend(warned)
            return doc, True
    first = len(notes)
    with _running("parse", notes, debug), on_each_page(_more_time_for_ocr):
        doc = parse_bytes(path, data, sha256, ocr=ocr)
    if cache is not None:
        with stage("cache"):
            cache.put(doc, notes[first:])
    return doc, False


def _extract_document(doc: Document, notes: list[IngestWarning], debug: bool) -> Extraction:
    with _running("normalize", notes, debug):
        normalized = normalize(doc)
    with _running("extract", notes, debug):
        extraction = extract(normalized)
        if (reason := no_plan_text(normalized, extraction)) is not None:
            raise _StageError("extract", reason)
    return extraction


# Seconds added to a file's time limit for each page (or picture) it has OCR'd: one page takes
# 3–6 s on a free core and 15–70 s on a machine whose cores are all busy (bench/README.md), so
# a 200-page scan is not killed by a limit set for text files.
OCR_SECONDS_PER_PAGE = 90.0


def _more_time_for_ocr() -> None:
    """Before a page is OCR'd: ask the parent to extend this file's deadline (in a worker)."""
    extend_deadline(OCR_SECONDS_PER_PAGE)


@dataclass(frozen=True)
class Processed:
    """A worker's answer: the Extraction or the failure, the seconds each stage took, and the
    warnings raised on the way (they travel back from the worker with the outcome)."""

    outcome: Outcome
    seconds: Seconds
    warnings: tuple[IngestWarning, ...] = ()
    cached: bool = False  # the document model came from the parse cache


def process_job(
    job: Job, cache: ParseCache | None = None, *, debug: bool = False, ocr: OcrMode = "auto"
) -> Processed:
    """What a worker does with one file: an Extraction, or the stage and reason it failed.
    With a cache, a file parsed before by the same parser code (and OCR mode) is not parsed
    again."""
    notes: list[IngestWarning] = []
    cached = False
    with recording() as seconds:
        try:
            doc, cached = _parse_document(job.path, job.data, job.sha256, cache, notes, debug, ocr)
            outcome: Outcome = _extract_document(doc, notes, debug)
        except _StageError as exc:
            if debug:  # no plan text: in debug mode every failure stops the run
                raise
            outcome = JobFailure(exc.stage, exc.reason)
    return Processed(outcome, seconds, tuple(notes), cached)


def parse_cache(db_path: Path, parser_fingerprint: str, settings: IngestSettings) -> ParseCache:
    """The run's parse cache beside the database; `--force` parses every file again (and
    refreshes the cache), so a suspect cache entry is never read."""
    return ParseCache(cache_dir(db_path), parser_fingerprint, read=not settings.force)


@dataclass(frozen=True)
class IngestSettings:
    """Limits and parallelism of one ingest run; validated so a bad value fails before any work."""

    force: bool = False
    workers: int = 1
    # seconds per file, plus OCR_SECONDS_PER_PAGE for each page it OCRs; None for no limit
    timeout: float | None = 600.0
    max_bytes: int = 100 * 1024 * 1024
    debug: bool = False  # run in-process and let exceptions propagate, with their traceback
    ocr: OcrMode = "auto"  # the PDF parser's OCR: "auto" where a page has no text, "off", "force"

    def __post_init__(self) -> None:
        if self.ocr not in OCR_MODES:
            raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, got {self.ocr!r}")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError("timeout must be positive")
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _missing(path: Path) -> str:
    """Why a path that does not exist cannot be read: a dangling or looping symlink, or nothing."""
    if not path.is_symlink():
        return "no such file"
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop: the link leads back to itself"
    return f"a broken symlink: its target {os.readlink(path)} does not exist"


def _read(path: Path, settings: IngestSettings) -> bytes:
    """The file's bytes, or _StageError("read", …) saying why they cannot be had."""
    if not path.exists():
        raise _StageError("read", _missing(path))
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # reading a FIFO would wait forever for a writer
            raise _StageError("read", "not a regular file (a pipe, socket or device): nothing to read")
        if info.st_size > settings.max_bytes:
            raise _StageError(
                "read",
                f"the file is {_mb(info.st_size)}, over the {_mb(settings.max_bytes)} limit (see --max-size)",
            )
        return path.read_bytes()
    except OSError as exc:
        raise _StageError("read", f"cannot read the file: {exc.strerror or exc}") from exc


def _preload_parser(path: Path, data: bytes) -> None:
    """Import the parser a file needs here, before forking, so that every child shares the
    import instead of repeating it: importing bs4 or python-docx in each child cost more than
    parsing a small file."""
    with contextlib.suppress(Exception):  # the child meets the same error and reports it
        get_parser(sniff(path, data))


class _Run:
    """One ingest run: the store, the report, and the callbacks, shared by its steps."""

    def __init__(
        self,
        store: Store,
        settings: IngestSettings,
        report: IngestReport,
        on_result: Callable[[FileResult], None] | None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.report = report
        self.on_result = on_result
        self.results: dict[int, FileResult] = {}
        self.fingerprints = fingerprint.current().with_ocr(settings.ocr)
        # position -> the stage a stored, stale document of that file's content runs again from
        self.rerun: dict[int, str] = {}

    def done(self, position: int, result: FileResult) -> None:
        self.results[position] = result
        if self.on_result:
            self.on_result(result)

    def fail(
        self,
        position: int,
        path: Path,
        sha256: str | None,
        stage: Stage,
        reason: str,
        notes: tuple[IngestWarning, ...] = (),
    ) -> None:
        assert self.report.run_id is not None
        self.store.record_error(self.report.run_id, str(path), sha256, stage, reason)
        self.store.record_warnings(self.report.run_id, str(path), sha256, notes)
        self.done(
            position,
            FileResult(str(path), "failed", sha256=sha256, stage=stage, reason=reason, warnings=notes),
        )

    def jobs(self, files: list[Path], on_file: Callable[[Path], None] | None) -> Iterator[Job]:
        """Jobs for the files that need parsing; unreadable and unchanged files are settled here."""
        for position, path in enumerate(files):
            if on_file:
                on_file(path)
            try:
                data = _read(path, self.settings)
            except _StageError as exc:
                self.fail(position, path, None, exc.stage, exc.reason)
                continue
            sha256 = hashlib.sha256(data).hexdigest()
            existing = self.store.find_stored(sha256)
            if existing is not None:
                doc_id, made_by = existing
                rerun = "parse" if self.settings.force else self.fingerprints.stale_stage(made_by)
                if rerun is None:
                    self.store.add_name(doc_id, path.name)
                    self.done(position, FileResult(str(path), "unchanged", sha256=sha256, doc_id=doc_id))
                    continue
                self.rerun[position] = rerun
            _preload_parser(path, data)
            yield Job(position, path, data, sha256)

    def write(self, job: Job, result: Processed | Outcome) -> None:
        if isinstance(result, Processed):
            outcome, seconds, notes = result.outcome, dict(result.seconds), result.warnings
        else:  # the worker died or timed out: its warnings died with it
            outcome, seconds, notes = result, {}, ()
        cached = isinstance(result, Processed) and result.cached
        if isinstance(outcome, JobFailure):
            self.fail(job.position, job.path, job.sha256, outcome.stage, outcome.reason, notes)
            return
        try:
            with recording() as load_seconds, stage("load"):
                doc_id, created = self.store.write_document(
                    outcome,
                    run_id=self.report.run_id,
                    size_bytes=len(job.data),
                    fingerprints=self.fingerprints,
                    replace=self.settings.force,
                )
            seconds.update(load_seconds)
        except Exception as exc:  # noqa: BLE001 - the transaction rolled back; the file alone fails
            self.fail(job.position, job.path, job.sha256, "load", f"{type(exc).__name__}: {exc}", notes)
            return
        status: Status = (
            RERUN_STATUS.get(self.rerun.get(job.position, ""), "ingested") if created else "unchanged"
        )
        counts = extraction_counts(outcome) if created else {}
        assert self.report.run_id is not None
        self.store.record_warnings(self.report.run_id, str(job.path), job.sha256, notes)
        self.done(
            job.position,
            FileResult(
                str(job.path),
                status,
                sha256=job.sha256,
                doc_id=doc_id,
                counts=counts,
                warnings=notes,
                seconds=seconds,
                cached=cached,
            ),
        )


def ingest(
    paths: Iterable[Path],
    db_path: Path,
    *,
    settings: IngestSettings | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> IngestReport:
    """Ingest every file under `paths` into the database at `db_path`."""
    settings = settings or IngestSettings()
    store = Store(db_path)
    try:
        warm_up()  # load jieba and pattern tables once, before forking workers
        run_id = store.start_run()
        report = IngestReport(run_id=run_id, db_path=str(db_path))
        run = _Run(store, settings, report, on_result)
        cache = parse_cache(db_path, run.fingerprints.parser, settings)
        files = list(iter_files(paths, exclude=database_files(db_path)))
        jobs = run.jobs(files, on_file)
        if settings.debug:
            outcomes: Iterable[tuple[Job, Processed | Outcome]] = (
                (job, process_job(job, debug=True, ocr=settings.ocr)) for job in jobs
            )
        else:  # forked workers inherit the cache
            work = functools.partial(process_job, cache=cache, ocr=settings.ocr)
            outcomes = run_jobs(jobs, work, workers=settings.workers, timeout=settings.timeout)
        for job, outcome in outcomes:
            run.write(job, outcome)
        report.results = [run.results[i] for i in sorted(run.results)]
        store.finish_run(
            run_id,
            ingested=len(report.of("ingested")),
            unchanged=len(report.of("unchanged")),
            failed=len(report.of("failed")),
            reparsed=len(report.of("re-parsed")),
            reextracted=len(report.of("re-extracted")),
        )
        cache.prune()
        return report
    finally:
        store.close()
