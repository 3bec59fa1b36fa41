"""Stage timing: nested stages are charged their own time, and a worker's answer carries it."""

from __future__ import annotations

import hashlib
import time

from policy_etl.pipeline.ingest import Processed, process_job
from policy_etl.pipeline.timing import recording, stage
from policy_etl.pipeline.workers import Job
from policy_etl.schemas.records import Extraction
from tests.conftest import seed_path


def _busy(seconds: float) -> None:
    """Use the CPU for this long (the stages count CPU time, which sleeping does not use)."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_nested_stage_is_not_charged_to_the_enclosing_one() -> None:
    with recording() as seconds, stage("extract"):
        _busy(0.02)
        with stage("index"):
            _busy(0.06)
    assert seconds["index"] >= 0.06
    assert 0.02 <= seconds["extract"] < 0.05


def test_stages_outside_recording_are_not_kept() -> None:
    with stage("parse"):
        pass
    with recording() as seconds:
        pass
    assert seconds == {}


def test_a_worker_answer_carries_each_stage_of_seed_003() -> None:
    data = seed_path("003").read_bytes()
    result = process_job(Job(0, seed_path("003"), data, hashlib.sha256(data).hexdigest()))
    assert isinstance(result, Processed) and isinstance(result.outcome, Extraction)
    assert set(result.seconds) == {"parse", "normalize", "extract", "index"}
    assert all(s > 0 for s in result.seconds.values())
