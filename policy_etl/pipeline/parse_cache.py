"""The parse cache: each file's document model, kept beside the database, so that a change of
extraction re-runs normalize → extract → load without opening the file again.

Parsing is most of an ingest (about nine tenths of a PDF's CPU), and most changes of the
pipeline touch extraction only. An entry is the parser's `Document` as pydantic JSON, gzipped,
at `<db>.cache/<parser fingerprint>/<sha256>.json.gz`: keyed by the file's content and by the
parser code that read it, so a changed file or a changed parser simply misses. The entry also
keeps the warnings the parser raised on that file (pdfminer's font complaints, bs4's XML advice),
so a re-extracted file reports them as a parsed one does. It is plain
files rather than a table of the database because the two have different lives: the database is
rebuilt (a new schema version, a deleted file) while the cache stays valid, and the cache can be
deleted at any time — the next ingest parses again. Forked workers read and write it directly
(each entry is written to a temporary name and renamed, so a reader never sees half an entry,
and two workers writing the same entry both write the same bytes).

A damaged entry (a truncated write, a model that no longer validates) is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from policy_etl.pipeline.diagnostics import IngestWarning
from policy_etl.schemas.document import Document

SUFFIX = ".json.gz"
# gzip level 1: a tenth of level 9's time for a file a quarter bigger; the entry is written once
# per file and parser version and read on every re-extraction, and both ends must be cheap.
COMPRESS_LEVEL = 1


class _Entry(BaseModel):
    """What one cache file holds: the parser's model and the parse-stage warnings it raised."""

    document: Document
    warnings: list[tuple[str, str]] = []  # (stage, message) of each IngestWarning


def cache_dir(db_path: Path) -> Path:
    """The cache folder of a database: beside it, named after it."""
    return db_path.with_name(db_path.name + ".cache")


class ParseCache:
    """The entries of one parser fingerprint under a database's cache folder."""

    def __init__(self, root: Path, parser_fingerprint: str, *, read: bool = True) -> None:
        self.root = root
        self.fingerprint = parser_fingerprint
        self.folder = root / parser_fingerprint
        self.read = read  # False: every get misses (entries are still written)

    def path(self, sha256: str) -> Path:
        return self.folder / f"{sha256}{SUFFIX}"

    def get(self, sha256: str, source_file: str) -> tuple[Document, list[IngestWarning]] | None:
        """The cached model of this content, named after the file it is now read from (the
        same bytes may have been cached under another name), with the warnings its parse
        raised; or None."""
        if not self.read:
            return None
        try:
            raw = gzip.decompress(self.path(sha256).read_bytes())
            entry = _Entry.model_validate_json(raw)
        except (OSError, EOFError, ValueError, ValidationError):
            return None
        doc = entry.document
        if doc.sha256 != sha256:
            return None
        if doc.source_file != source_file:
            doc = doc.model_copy(update={"source_file": source_file})
        return doc, [IngestWarning(stage, message) for stage, message in entry.warnings]

    def put(self, doc: Document, warnings: Sequence[IngestWarning] = ()) -> None:
        """Store a freshly parsed model and its parse warnings; a cache that cannot be written
        (a full or read-only disk) costs only the speed-up."""
        target = self.path(doc.sha256)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        entry = _Entry(document=doc, warnings=[(w.stage, w.message) for w in warnings])
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = gzip.compress(entry.model_dump_json().encode("utf-8"), COMPRESS_LEVEL, mtime=0)
            tmp.write_bytes(data)
            os.replace(tmp, target)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def prune(self) -> list[Path]:
        """Remove the entries of other parser fingerprints: no current parser can hit them.
        Returns the folders removed."""
        removed = []
        if not self.root.is_dir():
            return removed
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.name != self.fingerprint:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        return removed
