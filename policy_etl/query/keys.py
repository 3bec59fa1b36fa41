"""`etl stats --keys`: how many targets carry an indicator_key, as a number, and what lacks one.

A target without a key is invisible to `v_indicator_panel`, `etl panel` and `etl report`: coverage
is the share of a plan's targets that cross-plan comparison can see. Table targets are the measure
(an indicator table is the plan's own list of indicators, so an unkeyed row there is a gap in
data/indicators.json, not prose noise); prose targets are counted beside them. The unkeyed names
are grouped by `grouping_name` (folded, numbering and unit notes stripped) and ranked by how many
plans use them: a name in three or more plans is one that should get a key.

An unkeyed target whose name does match a key was left unkeyed on purpose (a table's 五年累计
change beside its level, a cell in another unit than the row's): `matches_key` says so.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from policy_etl.pipeline.patterns.indicators import grouping_name, indicator_key
from policy_etl.query.connection import run_sql


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class DocumentKeys:
    doc_id: int
    source_file: str
    table_targets: int
    keyed_table_targets: int
    text_targets: int
    keyed_text_targets: int

    @property
    def table_share(self) -> float | None:
        """Keyed share of the table targets; None for a plan with no table targets."""
        return _share(self.keyed_table_targets, self.table_targets)

    @property
    def text_share(self) -> float | None:
        return _share(self.keyed_text_targets, self.text_targets)

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "table_share": self.table_share, "text_share": self.text_share}


@dataclass(frozen=True)
class UnkeyedName:
    name: str  # the grouping name
    plans: int  # documents using it
    table_targets: int
    text_targets: int
    example: str  # one wording as printed
    matches_key: str | None  # the key the name matches, when it was left unkeyed on purpose


@dataclass(frozen=True)
class KeyCoverage:
    documents: list[DocumentKeys]
    unkeyed: list[UnkeyedName] = field(default_factory=list)

    def _total(self, attr: str) -> int:
        return sum(getattr(d, attr) for d in self.documents)

    @property
    def table_targets(self) -> int:
        return self._total("table_targets")

    @property
    def keyed_table_targets(self) -> int:
        return self._total("keyed_table_targets")

    @property
    def table_share(self) -> float | None:
        return _share(self.keyed_table_targets, self.table_targets)

    @property
    def text_targets(self) -> int:
        return self._total("text_targets")

    @property
    def keyed_text_targets(self) -> int:
        return self._total("keyed_text_targets")

    @property
    def text_share(self) -> float | None:
        return _share(self.keyed_text_targets, self.text_targets)

    def overall(self) -> dict[str, object]:
        return {
            "documents": len(self.documents),
            "table_targets": self.table_targets,
            "keyed_table_targets": self.keyed_table_targets,
            "table_share": self.table_share,
            "text_targets": self.text_targets,
            "keyed_text_targets": self.keyed_text_targets,
            "text_share": self.text_share,
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "overall": self.overall(),
            "documents": [d.as_dict() for d in self.documents],
            "unkeyed": [asdict(u) for u in self.unkeyed],
        }


COUNTS_SQL = """
SELECT d.doc_id, d.source_file,
       count(t.doc_id) FILTER (WHERE t.source = 'table'),
       count(t.doc_id) FILTER (WHERE t.source = 'table' AND t.indicator_key IS NOT NULL),
       count(t.doc_id) FILTER (WHERE t.source = 'text'),
       count(t.doc_id) FILTER (WHERE t.source = 'text' AND t.indicator_key IS NOT NULL)
FROM v_documents d LEFT JOIN v_targets t ON t.doc_id = d.doc_id
GROUP BY d.doc_id ORDER BY d.doc_id
"""

UNKEYED_SQL = "SELECT doc_id, indicator, source FROM v_targets WHERE indicator_key IS NULL ORDER BY doc_id"


def unkeyed_names(conn: sqlite3.Connection) -> list[UnkeyedName]:
    """Every unkeyed indicator name, grouped across plans, most plans first."""
    plans: dict[str, set[int]] = defaultdict(set)
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, indicator, source in run_sql(conn, UNKEYED_SQL)[1]:
        name = grouping_name(indicator)
        if not name:
            continue
        plans[name].add(doc_id)
        by_source[name][source] += 1
        examples[name][indicator] += 1
    names = [
        UnkeyedName(
            name=name,
            plans=len(docs),
            table_targets=by_source[name]["table"],
            text_targets=by_source[name]["text"],
            example=examples[name].most_common(1)[0][0],
            matches_key=indicator_key(examples[name].most_common(1)[0][0]),
        )
        for name, docs in plans.items()
    ]
    return sorted(names, key=lambda u: (-u.plans, -(u.table_targets + u.text_targets), u.name))


def key_coverage(conn: sqlite3.Connection, top: int | None = 20) -> KeyCoverage:
    """Keyed shares per document and overall, and the `top` most widely used unkeyed names."""
    documents = [DocumentKeys(*row) for row in run_sql(conn, COUNTS_SQL)[1]]
    names = unkeyed_names(conn)
    return KeyCoverage(documents=documents, unkeyed=names if top is None else names[:top])
