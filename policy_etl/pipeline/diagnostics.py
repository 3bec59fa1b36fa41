"""Warnings kept with the file that caused them, instead of printed on the terminal.

Two kinds reach a file's result: the pipeline's own (a table it had to repair: a
`PipelineWarning`, raised with `warnings.warn`) and the libraries' (a Python warning such as bs4's
XMLParsedAsHTMLWarning, or a WARNING logged by pdfminer). Both go through `capturing`, which the
ingest wraps around each stage of each file: what is raised inside becomes an `IngestWarning`
with the stage's name, travels back from the worker with the file's outcome, and is shown in the
summary, `--json` and the `ingest_warnings` table. Nothing captured is printed, so a user never
sees a library's advice to its programmers.

Python's own default filters stay in force for the categories it hides from users
(DeprecationWarning and the like: they are about our code, not the file); every other warning is
kept each time it is raised, so the second file that triggers it in a worker still records it.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from policy_etl.parsers.base import ParseWarning


class PipelineWarning(UserWarning):
    """Something the pipeline repaired or left out of a file, which the file's result should say."""


@dataclass(frozen=True)
class IngestWarning:
    stage: str  # parse, normalize, extract
    message: str


# Categories Python hides from end users by default: noise about code, not about a file.
HIDDEN_CATEGORIES: tuple[type[Warning], ...] = (
    DeprecationWarning,
    PendingDeprecationWarning,
    ImportWarning,
    ResourceWarning,
)
# A library warning is cut to its first paragraph (bs4 adds paragraphs of advice for programmers).
MAX_MESSAGE_CHARS = 300
_SPACE = re.compile(r"\s+")


def _shorten(text: str) -> str:
    first = text.strip().split("\n\n", 1)[0]
    first = _SPACE.sub(" ", first).strip()
    return first if len(first) <= MAX_MESSAGE_CHARS else first[: MAX_MESSAGE_CHARS - 1] + "…"


def warning_text(category: type[Warning], message: Warning | str) -> str:
    """One line for a Python warning: ours as written, a library's with its class and package."""
    text = str(message)
    if issubclass(category, PipelineWarning | ParseWarning):
        return text
    package = category.__module__.split(".", 1)[0]
    origin = f" ({package})" if package not in ("builtins", "warnings") else ""
    return f"{category.__name__}{origin}: {_shorten(text)}"


class _LogCollector(logging.Handler):
    """Keeps WARNING records of any logger (pdfminer's "Could not get FontBBox…") as messages;
    while it is on the root logger, logging's last-resort printer to stderr stays silent."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(f"{record.name}: {_shorten(record.getMessage())}")
        except Exception:  # noqa: BLE001 - a malformed log call must not fail the file
            self.messages.append(f"{record.name}: {_shorten(str(record.msg))}")


def _counted(stage: str, messages: list[str]) -> list[IngestWarning]:
    """Each distinct message once, in order of first appearance, with how often it came."""
    counts = Counter(messages)
    return [
        IngestWarning(stage, message if counts[message] == 1 else f"{message} ({counts[message]} times)")
        for message in dict.fromkeys(messages)
    ]


@contextmanager
def capturing(stage: str, into: list[IngestWarning]) -> Iterator[None]:
    """Append the warnings raised or logged inside the block to `into`, under `stage`, instead of
    printing them; they are appended even when the block raises."""
    root = logging.getLogger()
    collector = _LogCollector()
    root.addHandler(collector)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for category in HIDDEN_CATEGORIES:
                warnings.simplefilter("ignore", category)
            try:
                yield
            finally:
                messages = [warning_text(w.category, w.message) for w in caught]
                into.extend(_counted(stage, messages + collector.messages))
    finally:
        root.removeHandler(collector)
