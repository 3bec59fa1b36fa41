"""Parsing and extraction in worker processes, with a time limit per file.

Each file is handled by its own forked child: forking is cheap once jieba and the pattern tables
are loaded in the parent (the child shares them copy-on-write), and a child that runs past the
time limit, or dies, can be killed or reported without touching any other file. At most
`workers` children run at once; the parent stays the single writer to the database.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, TypeVar

from policy_etl.schemas.records import Extraction


@dataclass(frozen=True)
class Job:
    position: int
    path: Path
    data: bytes
    sha256: str


@dataclass(frozen=True)
class JobFailure:
    stage: str
    reason: str


Outcome = Extraction | JobFailure
R = TypeVar("R")  # what the work returns for one job (an Outcome, or an Outcome with its timings)


@dataclass
class _Running:
    job: Job
    process: Any  # multiprocessing.Process from the fork context
    conn: Connection
    deadline: float | None


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _child(conn: Connection, job: Job, work: Callable[[Job], Any]) -> None:
    try:
        outcome = work(job)
    except BaseException as exc:  # noqa: BLE001 - whatever happens is reported, never raised
        outcome = JobFailure("extract", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(outcome)
    finally:
        conn.close()
        os._exit(0)  # skip atexit handlers inherited from the parent (database engines)


def _start(job: Job, work: Callable[[Job], Any], timeout: float | None) -> _Running:
    ctx = multiprocessing.get_context("fork")
    parent_end, child_end = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child_end, job, work), daemon=True)
    process.start()
    child_end.close()
    deadline = time.monotonic() + timeout if timeout else None
    return _Running(job, process, parent_end, deadline)


def _finish(run: _Running) -> Any:
    try:
        outcome = run.conn.recv()
    except (EOFError, OSError):
        run.process.join(5)
        code = run.process.exitcode
        outcome = JobFailure(
            "extract", f"the worker process died (exit code {code}); the file may be too large"
        )
    run.conn.close()
    run.process.join(5)
    return outcome


def _kill(run: _Running, timeout: float) -> Outcome:
    run.process.kill()
    run.process.join(5)
    run.conn.close()
    return JobFailure("extract", f"timed out after {timeout:g} s (raise the limit with --timeout)")


def _collect(running: list[_Running], timeout: float | None) -> Iterator[tuple[Job, Any]]:
    """Wait for at least one child to finish or time out, and yield what finished."""
    now = time.monotonic()
    deadlines = [r.deadline for r in running if r.deadline is not None]
    wait_for = max(0.0, min(deadlines) - now) if deadlines else None
    ready = wait([r.conn for r in running], timeout=wait_for)
    for run in list(running):
        if run.conn in ready:
            running.remove(run)
            yield run.job, _finish(run)
        elif run.deadline is not None and time.monotonic() >= run.deadline:
            running.remove(run)
            yield run.job, _kill(run, timeout or 0)


def run_jobs(
    jobs: Iterable[Job], work: Callable[[Job], R], *, workers: int = 1, timeout: float | None = None
) -> Iterator[tuple[Job, R | JobFailure]]:
    """Run `work` on each job in forked children, yielding (job, outcome) as each completes;
    a child that crashes or runs out of time yields a JobFailure instead."""
    if not fork_available():  # no fork (not Linux): run in-process, without a time limit
        for job in jobs:
            yield job, work(job)
        return
    running: list[_Running] = []
    for job in jobs:
        while len(running) >= max(1, workers):
            yield from _collect(running, timeout)
        running.append(_start(job, work, timeout))
    while running:
        yield from _collect(running, timeout)
