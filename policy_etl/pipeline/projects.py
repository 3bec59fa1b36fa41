"""projects: placeholder until its issue lands; yields no records yet."""

from __future__ import annotations

from policy_etl.pipeline.context import ExtractContext
from policy_etl.schemas.records import ProjectRecord


def extract(ctx: ExtractContext) -> list[ProjectRecord]:
    return []
