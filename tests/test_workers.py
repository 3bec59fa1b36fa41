"""Worker processes: parallel parsing, a per-file time limit, and a crash that costs one file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from policy_etl.pipeline.workers import JOBS_PER_WORKER, Job, JobFailure, extend_deadline, run_jobs


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


def long_in_steps(job: Job) -> JobFailure:
    """Three steps of 0.8 s, each announced as OCR announces a page; job 1 does not announce."""
    for _ in range(3):
        if job.position == 0:
            extend_deadline(1.0)
        time.sleep(0.8)
    return JobFailure("parse", f"done {job.position}")


def test_a_job_that_asks_for_more_time_gets_it_and_one_that_does_not_is_killed() -> None:
    """2.4 s of work under a 1.5 s limit: the job that added 1 s per step (as each OCR'd page
    does) finishes; the same work unannounced times out, and its message says the limit."""
    outcomes = {
        job.position: out for job, out in run_jobs([_job(0), _job(1)], long_in_steps, workers=2, timeout=1.5)
    }
    assert outcomes[0].reason == "done 0"
    assert "timed out after 1.5 s" in outcomes[1].reason


def test_extending_the_deadline_outside_a_worker_does_nothing() -> None:
    extend_deadline(5.0)  # in the parent (or an in-process run): no pipe, no error


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


def _echo(job: Job) -> JobFailure:
    return JobFailure("parse", f"{job.position}:{job.data.decode()}:{os.getpid()}")


def _data_job(i: int) -> Job:
    return Job(i, Path(f"f{i}.txt"), f"文件{i}".encode(), "0" * 64)


def test_one_worker_handles_many_files_each_outcome_paired_with_its_job() -> None:
    results = list(run_jobs([_data_job(i) for i in range(120)], _echo, workers=1))
    assert [job.position for job, _ in results] == list(range(120))
    for job, out in results:
        position, text, _pid = out.reason.split(":")
        assert (int(position), text) == (job.position, f"文件{job.position}")
    pids = [out.reason.split(":")[2] for _, out in results]
    # one process per JOBS_PER_WORKER files, none of them the parent
    assert pids[:JOBS_PER_WORKER] == [pids[0]] * JOBS_PER_WORKER
    assert len(set(pids)) == -(-120 // JOBS_PER_WORKER) and str(os.getpid()) not in pids


def slow_on_third(job: Job) -> JobFailure:
    if job.position == 2:
        time.sleep(30)
    return _echo(job)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_timeout_mid_queue_loses_no_other_file(workers: int) -> None:
    start = time.monotonic()
    outcomes = {
        job.position: out
        for job, out in run_jobs([_data_job(i) for i in range(6)], slow_on_third, workers=workers, timeout=1)
    }
    assert time.monotonic() - start < 20
    assert sorted(outcomes) == list(range(6))
    assert outcomes[2].reason == "timed out after 1 s (raise the limit with --timeout)"
    for i in (0, 1, 3, 4, 5):
        assert outcomes[i].reason.startswith(f"{i}:文件{i}:")


def crash_on_third(job: Job) -> JobFailure:
    if job.position == 2:
        os._exit(7)
    return _echo(job)


def test_a_crash_mid_queue_fails_only_that_file_and_a_new_worker_goes_on() -> None:
    results = list(run_jobs([_data_job(i) for i in range(6)], crash_on_third, workers=1))
    outcomes = {job.position: out for job, out in results}
    assert [job.position for job, _ in results] == list(range(6))
    assert outcomes[2].reason.startswith("the worker process died (exit code 7)")
    pids = {i: outcomes[i].reason.split(":")[2] for i in (0, 1, 3, 4, 5)}
    assert pids[0] == pids[1] and pids[3] == pids[4] == pids[5] and pids[0] != pids[3]


def test_an_exception_in_the_work_is_reported_and_the_worker_goes_on() -> None:
    def fail_on_one(job: Job) -> JobFailure:
        if job.position == 1:
            raise ValueError("bad table")
        return _echo(job)

    outcomes = {job.position: out for job, out in run_jobs([_data_job(i) for i in range(3)], fail_on_one)}
    assert outcomes[1] == JobFailure("extract", "ValueError: bad table")
    assert outcomes[0].reason.split(":")[2] == outcomes[2].reason.split(":")[2]


def test_an_outcome_that_cannot_be_sent_fails_only_its_file() -> None:
    def unpicklable_on_one(job: Job) -> object:
        return (lambda: None) if job.position == 1 else _echo(job)

    outcomes = {
        job.position: out for job, out in run_jobs([_data_job(i) for i in range(3)], unpicklable_on_one)
    }
    assert outcomes[1].stage == "extract" and "pickle" in outcomes[1].reason
    assert outcomes[0].reason.split(":")[2] == outcomes[2].reason.split(":")[2]
