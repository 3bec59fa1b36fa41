"""Parsing and extraction in worker processes, with a time limit per file.

Workers are forked children that each take jobs from the parent over a pipe, one at a time, and
are replaced after `JOBS_PER_WORKER` files. Forking is cheap once jieba and the pattern tables are
loaded in the parent (the child shares them copy-on-write), but not free: a fork per file cost
50–75 ms of page faults and start-up, more than parsing a small file (bench/README.md), so a
worker is reused. Isolation stays per file: the parent holds each file's deadline, and a worker
that runs past it is killed and replaced, failing only that file; a worker that dies fails only
the file it was working on. At most `workers` children run at once; they are started lazily,
inside `run_jobs`, so they inherit whatever the parent set up before (warm-up, monkeypatches).
The parent stays the single writer to the database.

A job that knows it is long asks for more time as it goes (`extend_deadline`: an OCR'd page
adds to its file's limit), so the limit stays tight for text files without killing scans.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, TypeVar

from policy_etl.schemas.records import Extraction

# Files one worker handles before it is replaced: enough to make the fork's cost negligible per
# file, few enough that memory a parser leaves behind (caches, fragmentation) does not pile up.
JOBS_PER_WORKER = 50


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


@dataclass(frozen=True)
class _MoreTime:
    """A worker's message: the job it works on needs `seconds` more than its limit."""

    seconds: float


# The pipe to the parent inside a worker process; None in the parent (and when run in-process).
_to_parent: Connection | None = None


def extend_deadline(seconds: float) -> None:
    """Give the current job `seconds` more before its worker is killed; nothing outside a
    worker (in-process runs have no limit)."""
    if _to_parent is not None:
        with contextlib.suppress(OSError):  # the parent is gone: the job's outcome cannot reach it either
            _to_parent.send(_MoreTime(seconds))


R = TypeVar("R")  # what the work returns for one job (an Outcome, or an Outcome with its timings)


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _timed_out(timeout: float | None, granted: float = 0.0) -> JobFailure:
    extra = f", {granted:g} s of them added for its OCR'd pages" if granted else ""
    total = (timeout or 0) + granted
    return JobFailure("extract", f"timed out after {total:g} s{extra} (raise the limit with --timeout)")


def _died(code: int | None) -> JobFailure:
    return JobFailure("extract", f"the worker process died (exit code {code}); the file may be too large")


def _serve(conn: Connection, inherited: list[Connection], work: Callable[[Job], Any]) -> None:
    """The worker's loop: a job in, its outcome out, until the parent sends None or goes away."""
    global _to_parent
    for other in inherited:  # the parent's ends: held here, they would hide the parent's exit
        other.close()
    _to_parent = conn
    try:
        while (job := conn.recv()) is not None:
            try:
                outcome = work(job)
            except BaseException as exc:  # noqa: BLE001 - whatever happens is reported, never raised
                outcome = JobFailure("extract", f"{type(exc).__name__}: {exc}")
            try:
                conn.send(outcome)
            except Exception as exc:  # noqa: BLE001 - the outcome does not pickle (a dead parent: OSError below)
                conn.send(JobFailure("extract", f"{type(exc).__name__}: {exc}"))
    except (EOFError, OSError):
        pass  # the parent closed the pipe or died: nothing left to do
    finally:
        conn.close()
        os._exit(0)  # skip atexit handlers inherited from the parent (database engines)


class _Worker:
    """One forked child and the parent's end of its pipe; `job` is what it works on, if any."""

    def __init__(self, work: Callable[[Job], Any], others: list[Connection]) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child_end = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_serve, args=(child_end, [self.conn, *others], work), daemon=True)
        self.process.start()
        child_end.close()  # only the child holds it now, so its death reads as EOF here
        self.job: Job | None = None
        self.deadline: float | None = None
        self.granted = 0.0  # seconds the current job asked for beyond the limit
        self.done = 0

    def send(self, job: Job, timeout: float | None) -> None:
        self.conn.send(job)
        self.job = job
        self.deadline = time.monotonic() + timeout if timeout else None
        self.granted = 0.0

    def receive(self) -> tuple[Job, Any] | None:
        """The current job's outcome, or its failure if the worker died working on it; None
        when the message was a request for more time (the deadline moved, the job goes on)."""
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(5)
            message = _died(self.process.exitcode)
        if isinstance(message, _MoreTime):
            if self.deadline is not None:
                self.deadline += message.seconds
                self.granted += message.seconds
            return None
        job, self.job = self.job, None
        assert job is not None
        self.done += 1
        return job, message

    @property
    def alive(self) -> bool:
        return self.process.exitcode is None

    def stop(self) -> None:
        """Let an idle worker exit on its own; kill a busy or stuck one."""
        if self.job is None:
            with contextlib.suppress(OSError):  # it died already: nothing to tell it
                self.conn.send(None)
            self.process.join(5)
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join(5)
        self.conn.close()


class _Pool:
    """Up to `size` workers, started when a job needs one, retired after JOBS_PER_WORKER jobs."""

    def __init__(self, work: Callable[[Job], Any], size: int, timeout: float | None) -> None:
        self.work, self.size, self.timeout = work, max(1, size), timeout
        self.workers: list[_Worker] = []

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.job is not None]

    def has_room(self) -> bool:
        return len(self.busy()) < self.size

    def submit(self, job: Job) -> None:
        idle = [w for w in self.workers if w.job is None]
        worker = idle[0] if idle else self._start()
        try:
            worker.send(job, self.timeout)
        except OSError:  # it died while idle: a fresh worker takes the job
            self._retire(worker)
            self._start().send(job, self.timeout)

    def collect(self) -> Iterator[tuple[Job, Any]]:
        """Wait for at least one busy worker to finish or time out, and yield what finished."""
        busy = self.busy()
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = wait([w.conn for w in busy], timeout=wait_for)
        for worker in busy:
            if worker.conn in ready and (received := worker.receive()) is not None:
                job, outcome = received
                if not worker.alive or worker.done >= JOBS_PER_WORKER:
                    self._retire(worker)
                yield job, outcome
            elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                job, granted = worker.job, worker.granted
                assert job is not None
                self._retire(worker)
                yield job, _timed_out(self.timeout, granted)

    def close(self) -> None:
        for worker in list(self.workers):
            self._retire(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.work, [w.conn for w in self.workers])
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        worker.stop()


def run_jobs(
    jobs: Iterable[Job], work: Callable[[Job], R], *, workers: int = 1, timeout: float | None = None
) -> Iterator[tuple[Job, R | JobFailure]]:
    """Run `work` on each job in forked workers, yielding (job, outcome) as each completes;
    a job whose worker crashes or runs out of time yields a JobFailure instead."""
    if not fork_available():  # no fork (not Linux): run in-process, without a time limit
        for job in jobs:
            yield job, work(job)
        return
    pool = _Pool(work, workers, timeout)
    try:
        for job in jobs:
            while not pool.has_room():
                yield from pool.collect()
            pool.submit(job)
        while pool.busy():
            yield from pool.collect()
    finally:
        pool.close()
