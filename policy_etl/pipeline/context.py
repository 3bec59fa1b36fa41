"""What every extractor may read besides the document: the outline and the metadata so far."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from policy_etl.schemas.document import Document
from policy_etl.schemas.records import DocumentRecord, SectionRecord, TableRecord


@dataclass(frozen=True)
class Outline:
    """The section tree in document order; answers "which section holds block N"."""

    sections: tuple[SectionRecord, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, sections: list[SectionRecord]) -> Outline:
        ordered = tuple(sorted(sections, key=lambda s: (s.block, s.ordinal)))
        return cls(ordered, tuple(s.block for s in ordered))

    def section_at(self, block: int) -> int | None:
        """Ordinal of the innermost section whose heading is at or before `block`."""
        i = bisect.bisect_right(self._starts, block)
        return self.sections[i - 1].ordinal if i else None

    def by_ordinal(self, ordinal: int) -> SectionRecord:
        return next(s for s in self.sections if s.ordinal == ordinal)

    def path(self, ordinal: int | None) -> list[SectionRecord]:
        """The section and its ancestors, outermost first."""
        chain: list[SectionRecord] = []
        while ordinal is not None:
            section = self.by_ordinal(ordinal)
            chain.append(section)
            ordinal = section.parent
        return chain[::-1]


@dataclass(frozen=True)
class ExtractContext:
    doc: Document
    outline: Outline
    meta: DocumentRecord
    tables: tuple[TableRecord, ...] = ()

    def table(self, index: int) -> TableRecord | None:
        return next((t for t in self.tables if t.index == index), None)
