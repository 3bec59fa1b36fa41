"""The entity-relationship diagram of the schema, as Mermaid, generated from the models.

docs/schema.md holds the diagram between two markers; a test regenerates it and fails when the
models changed without the docs (`python -m policy_etl.schemas.erd docs/schema.md` rewrites it).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sqlalchemy import MetaData, Table

from policy_etl.schemas.orm import Base

START, END = "<!-- erd:start -->", "<!-- erd:end -->"


def _column_type(column_type: object) -> str:
    name = type(column_type).__name__.lower()
    return {"varchar": "string", "string": "string", "text": "text", "json": "json"}.get(name, name)


def _entity(table: Table) -> list[str]:
    lines = [f"    {table.name} {{"]
    for column in table.columns:
        keys = ",".join(k for k, on in (("PK", column.primary_key), ("FK", bool(column.foreign_keys))) if on)
        lines.append(f"        {_column_type(column.type)} {column.name}{' ' + keys if keys else ''}")
    lines.append("    }")
    return lines


def metadata_to_mermaid(metadata: MetaData) -> str:
    lines = ["```mermaid", "erDiagram"]
    for table in sorted(metadata.tables.values(), key=lambda t: t.name):
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            parent = fk.column.table.name
            lines.append(f'    {parent} ||--o{{ {table.name} : "{fk.parent.name}"')
    for table in sorted(metadata.tables.values(), key=lambda t: t.name):
        lines.extend(_entity(table))
    lines.append("```")
    return "\n".join(lines)


def inject(markdown: str, diagram: str) -> str:
    """Replace what stands between the markers with the diagram."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _m: f"{START}\n{diagram}\n{END}", markdown)


def main(path: str) -> None:
    target = Path(path)
    target.write_text(
        inject(target.read_text(encoding="utf-8"), metadata_to_mermaid(Base.metadata)), encoding="utf-8"
    )


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1])
