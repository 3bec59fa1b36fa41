"""`etl diff OLD.db NEW.db`: which records a new version of the pipeline added, removed or changed.

Documents are matched by source file, records within a document and kind by a natural key —
what a reader would call "the same record" across versions (a target by indicator, year and
quote; a section by label and title; a deadline by its quote …), never by database id or block
index, which shift whenever anything before them changes. Records sharing a key (two targets in
one quote) are paired in document order; what is left over is added or removed. A paired record
whose other fields differ is changed, with the fields named.

References between records are compared by what they point at, not by position: a target's
`section` is compared as the section's label and title, a table reference as the table's title,
so inserting one section shows one added section, not every later record "changed".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from policy_etl.query.snapshot import read_extractions
from policy_etl.schemas.records import Extraction

Record = dict[str, Any]
Key = tuple[Any, ...]

# Record kind -> the fields that identify a record across versions.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "sections": ("label", "title"),
    "tables": ("title",),  # untitled tables, and tables sharing a title, pair in document order
    "targets": ("source", "indicator", "year", "quote"),  # a table cell and a sentence may say the same
    "deadlines": ("table", "quote"),
    "responsibilities": ("task",),
    "projects": ("name",),
    "glossary": ("term",),
}
KINDS = ("document", *NATURAL_KEYS)
# Positions: they move whenever something before them changes, and say nothing about the record.
POSITION_FIELDS = {"block", "ordinal", "index"}
QUOTE_CHARS = 60  # a quote longer than this is cut in the human output


@dataclass
class Change:
    key: Key
    old: Record
    new: Record

    @property
    def fields(self) -> dict[str, tuple[Any, Any]]:
        names = sorted(set(self.old) | set(self.new))
        return {n: (self.old.get(n), self.new.get(n)) for n in names if self.old.get(n) != self.new.get(n)}


@dataclass
class KindDiff:
    added: list[Record] = field(default_factory=list)
    removed: list[Record] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class DocumentDiff:
    source_file: str
    status: str  # "changed", "added" (only in NEW) or "removed" (only in OLD)
    kinds: dict[str, KindDiff] = field(default_factory=dict)


@dataclass
class DatabaseDiff:
    documents: list[DocumentDiff]
    compared: int  # documents in either database (after --doc)

    @property
    def equal(self) -> bool:
        return not self.documents

    def as_dict(self) -> dict[str, Any]:
        return {
            "equal": self.equal,
            "compared": self.compared,
            "documents": [
                {
                    "source_file": d.source_file,
                    "status": d.status,
                    "kinds": {
                        kind: {
                            "added": k.added,
                            "removed": k.removed,
                            "changed": [
                                {"key": list(c.key), "fields": {n: list(v) for n, v in c.fields.items()}}
                                for c in k.changed
                            ],
                        }
                        for kind, k in d.kinds.items()
                    },
                }
                for d in self.documents
            ],
        }


def comparable(ex: Extraction) -> dict[str, list[Record]]:
    """Each kind's records as plain dicts, positions left out and references resolved to what
    they point at (a section by "label title", a table by its title)."""
    data = ex.model_dump(mode="json", exclude={"passages"})
    sections = {s["ordinal"]: f"{s['label']} {s['title']}".strip() for s in data["sections"]}
    tables = {t["index"]: t["title"] or f"untitled table #{n}" for n, t in enumerate(data["tables"], 1)}
    out: dict[str, list[Record]] = {"document": [data["document"]]}
    for kind in NATURAL_KEYS:
        records = []
        for record in data[kind]:
            record = {k: v for k, v in record.items() if k not in POSITION_FIELDS}
            if record.get("section") is not None:
                record["section"] = sections.get(record["section"], record["section"])
            if record.get("parent") is not None:
                record["parent"] = sections.get(record["parent"], record["parent"])
            if record.get("table") is not None:
                record["table"] = tables.get(record["table"], record["table"])
            if kind == "tables":
                record["cells"] = [_cell(c) for c in record["cells"]]
            records.append(record)
        out[kind] = records
    return out


def _cell(c: Record) -> str:
    span = f" {c['row_span']}x{c['col_span']}" if (c["row_span"], c["col_span"]) != (1, 1) else ""
    return f"{c['row']},{c['col']}{span}: {c['text']}"


def _key(kind: str, record: Record) -> Key:
    return tuple(record.get(f) for f in NATURAL_KEYS.get(kind, ()))


def diff_records(kind: str, old: list[Record], new: list[Record]) -> KindDiff:
    """Pair records by natural key (in order within a key), then report the rest."""
    result = KindDiff()
    pending: dict[Key, list[Record]] = {}
    for record in old:
        pending.setdefault(_key(kind, record), []).append(record)
    for record in new:
        key = _key(kind, record)
        if pending.get(key):
            before = pending[key].pop(0)
            if before != record:
                result.changed.append(Change(key, before, record))
        else:
            result.added.append(record)
    result.removed = [r for records in pending.values() for r in records]
    return result


def diff_extractions(source_file: str, old: Extraction | None, new: Extraction | None) -> DocumentDiff | None:
    status = "added" if old is None else "removed" if new is None else "changed"
    a = comparable(old) if old else {}
    b = comparable(new) if new else {}
    kinds = {}
    for kind in KINDS:
        kd = diff_records(kind, a.get(kind, []), b.get(kind, []))
        if kd:
            kinds[kind] = kd
    return DocumentDiff(source_file, status, kinds) if kinds else None


def diff_databases(old: sqlite3.Connection, new: sqlite3.Connection, doc: str | None = None) -> DatabaseDiff:
    before = {ex.document.source_file: ex for ex in read_extractions(old, doc)}
    after = {ex.document.source_file: ex for ex in read_extractions(new, doc)}
    names = sorted(set(before) | set(after))
    documents = [d for n in names if (d := diff_extractions(n, before.get(n), after.get(n)))]
    return DatabaseDiff(documents, len(names))


# -- human output: plain lines, readable in a terminal and in a CI log ---------------------------


def _cut(text: Any, limit: int = QUOTE_CHARS) -> str:
    text = "" if text is None else str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


LABELS: dict[str, Callable[[Record], str]] = {
    "document": lambda r: _cut(r.get("title") or r.get("source_file")),
    "sections": lambda r: _cut(f"{r['label']} {r['title']}"),
    "tables": lambda r: _cut(r.get("title") or "(untitled table)") + f" [{r['n_rows']}×{r['n_cols']}]",
    "targets": lambda r: (
        f"{r['indicator']} {r.get('year') or '?'} {r['comparator']} {_num(r['value'])}"
        f"{' ' + r['unit'] if r.get('unit') else ''} «{_cut(r['quote'], 40)}»"
    ),
    "deadlines": lambda r: f"{r['year']}: «{_cut(r['quote'])}»",
    "responsibilities": lambda r: _cut(r["task"]),
    "projects": lambda r: _cut(r["name"]),
    "glossary": lambda r: _cut(r["term"]),
}


def _value(value: Any) -> str:
    if isinstance(value, list):
        return f"[{len(value)} items]" if len(value) > 3 else _cut(", ".join(map(str, value)))
    return _cut(_num(value) if value is not None else "null", 40)


def _field_change(name: str, old: Any, new: Any) -> str:
    """One changed field; for a long list (a table's cells) the items that differ, not the list."""
    if isinstance(old, list) and isinstance(new, list) and max(len(old), len(new)) > 3:
        gone = [x for x in old if x not in new]
        came = [x for x in new if x not in old]
        shown = f", e.g. {_cut(gone[0], 30)!r} → {_cut(came[0], 30)!r}" if gone and came else ""
        return f"{name}: {len(gone)} of {len(old)} removed, {len(came)} of {len(new)} added{shown}"
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > 40:
        at = next(
            (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new))
        )
        start = max(0, at - 10)

        def around(text: str) -> str:
            return (
                ("…" if start else "")
                + _cut(text[start : start + 40], 40)
                + ("…" if len(text) > start + 40 else "")
            )

        return f"{name} (from character {at}): {around(old)!r} → {around(new)!r}"
    return f"{name}: {_value(old)} → {_value(new)}"


def _plural(n: int, kind: str) -> str:
    singular = {"glossary": "glossary term", "responsibilities": "responsibility", "document": "document"}
    name = singular.get(kind, kind[:-1])
    if n == 1:
        return f"1 {name}"
    return f"{n} {'responsibilities' if kind == 'responsibilities' else name + 's'}"


def render(diff: DatabaseDiff, limit: int = 20) -> Iterable[str]:
    """Lines of the diff: per document and kind, + added, - removed, ~ changed (with fields);
    at most `limit` records per kind and change type (the JSON has them all)."""
    for d in diff.documents:
        head = {"added": " (only in NEW)", "removed": " (only in OLD)"}.get(d.status, "")
        yield f"{d.source_file}{head}"
        for kind, k in d.kinds.items():
            counts = ", ".join(
                f"{n} {what}"
                for n, what in (
                    (len(k.added), "added"),
                    (len(k.removed), "removed"),
                    (len(k.changed), "changed"),
                )
                if n
            )
            yield f"  {kind}: {counts}"
            if d.status != "changed":  # a whole document came or went: its counts say enough
                continue
            label = LABELS[kind]
            for sign, records in (("+", k.added), ("-", k.removed)):
                for r in records[:limit]:
                    yield f"    {sign} {label(r)}"
                if len(records) > limit:
                    yield f"    {sign} … {len(records) - limit} more"
            for c in k.changed[:limit]:
                fields = "; ".join(_field_change(n, a, b) for n, (a, b) in c.fields.items())
                yield f"    ~ {label(c.new)}: {fields}"
            if len(k.changed) > limit:
                yield f"    ~ … {len(k.changed) - limit} more"
    yield summary(diff)


def summary(diff: DatabaseDiff) -> str:
    if diff.equal:
        return f"{diff.compared} document(s) compared: no differences"
    totals = {(kind, what): 0 for kind in KINDS for what in ("added", "removed", "changed")}
    for d in diff.documents:
        for kind, k in d.kinds.items():
            totals[kind, "added"] += len(k.added)
            totals[kind, "removed"] += len(k.removed)
            totals[kind, "changed"] += len(k.changed)
    parts = ", ".join(f"{_plural(n, kind)} {what}" for (kind, what), n in totals.items() if n)
    return f"{diff.compared} document(s) compared, {len(diff.documents)} differ: {parts}"
