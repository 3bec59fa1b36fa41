"""The section hierarchy, from the numbering printed at the start of heading lines.

Placeholder until the structure issue lands: no sections are recognised yet.
"""

from __future__ import annotations

from policy_etl.schemas.document import Document
from policy_etl.schemas.records import SectionRecord


def extract_sections(doc: Document) -> list[SectionRecord]:
    return []
