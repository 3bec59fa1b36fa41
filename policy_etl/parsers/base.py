"""The one protocol every format parser implements, and the error they all raise."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Protocol

from policy_etl.schemas.document import Document

# How the PDF parser uses OCR (parsers/ocr.py): "auto" only where a page has no text layer,
# "off" never (a scan is refused), "force" on every page, its text layer set aside.
OcrMode = Literal["auto", "off", "force"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "off", "force")


class ParseError(Exception):
    """A file that cannot be read as a document; the message says why, in words a user can act on."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{Path(path).name}: {reason}")


class ParseWarning(UserWarning):
    """Something a parser left out of a file that the file's result should say (raised with
    `warnings.warn`; the ingest keeps it with the file, as it does a `PipelineWarning`)."""


class Parser(Protocol):
    """Turns the bytes of one file into the shared document model, and nothing else.

    `sha256` is passed in because the caller has already hashed the bytes to decide whether the
    file is unchanged; the parser never hashes again.
    """

    def __call__(self, path: Path, data: bytes, sha256: str) -> Document: ...
