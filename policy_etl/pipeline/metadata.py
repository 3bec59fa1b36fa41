"""Document metadata: title, 文号, issuers, dates, region, plan period and kind.

Placeholder until the structure issue lands: only the file facts are filled in.
"""

from __future__ import annotations

from policy_etl.pipeline.context import Outline
from policy_etl.schemas.document import Document
from policy_etl.schemas.records import DocumentRecord


def extract_metadata(doc: Document, outline: Outline) -> DocumentRecord:
    return DocumentRecord(
        source_file=doc.source_file, sha256=doc.sha256, format=doc.format, n_pages=doc.n_pages
    )
