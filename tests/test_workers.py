"""Worker processes: parallel parsing, a per-file time limit, and a crash that costs one file."""

from __future__ import annotations

import os
import time
from pathlib import Path

from policy_etl.pipeline.workers import Job, JobFailure, run_jobs


def _job(i: int) -> Job:
    return Job(i, Path(f"f{i}.txt"), b"", "0" * 64)


def slow_on_first(job: Job) -> JobFailure:
    if job.position == 0:
        time.sleep(30)
    return JobFailure("parse", f"done {job.position} in {os.getpid()}")


def crash_on_second(job: Job) -> JobFailure:
    if job.position == 1:
        os._exit(3)
    return JobFailure("parse", "ok")


def test_a_file_past_the_time_limit_is_killed_and_the_others_finish() -> None:
    start = time.monotonic()
    outcomes = {
        job.position: out
        for job, out in run_jobs([_job(i) for i in range(3)], slow_on_first, workers=2, timeout=1)
    }
    assert time.monotonic() - start < 20
    assert isinstance(outcomes[0], JobFailure) and "timed out after 1 s" in outcomes[0].reason
    assert outcomes[1].reason.startswith("done 1") and outcomes[2].reason.startswith("done 2")


def test_a_dying_worker_fails_only_its_file() -> None:
    outcomes = {
        job.position: out for job, out in run_jobs([_job(i) for i in range(3)], crash_on_second, workers=1)
    }
    assert "worker process died (exit code 3)" in outcomes[1].reason
    assert outcomes[0].reason == "ok" and outcomes[2].reason == "ok"


def test_each_file_runs_in_its_own_process() -> None:
    outcomes = [out for _, out in run_jobs([_job(i) for i in range(2)], _pid, workers=2)]
    pids = {o.reason for o in outcomes}
    assert len(pids) == 2 and str(os.getpid()) not in pids


def _pid(job: Job) -> JobFailure:
    return JobFailure("parse", str(os.getpid()))
