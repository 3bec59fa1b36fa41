"""CPU time per pipeline stage, so the benchmark can say where an ingest spends its time.

The clock is the process's CPU time, not wall time: on a shared machine other processes' load
stretches wall time unevenly, while the CPU a stage uses stays put (a stage that waits on the
disk, the load's commit, is charged only its CPU).

Stages nest (the search-index segmentation runs inside extraction): each stage is charged only
its own time, nested stages' time is charged to them, so a file's stages add up to its total.
Outside `recording()` a stage costs two clock reads and records nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from time import process_time

Seconds = dict[str, float]

_sink: Seconds | None = None
_nested: list[float] = []  # per open stage: seconds already charged to stages inside it


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = process_time()
    _nested.append(0.0)
    try:
        yield
    finally:
        elapsed = process_time() - start
        inner = _nested.pop()
        if _nested:
            _nested[-1] += elapsed
        if _sink is not None:
            _sink[name] = _sink.get(name, 0.0) + elapsed - inner


@contextmanager
def recording() -> Iterator[Seconds]:
    """Collect the stages run inside the block into the yielded dict (stage → CPU seconds)."""
    global _sink
    outer, _sink = _sink, {}
    try:
        yield _sink
    finally:
        _sink = outer
