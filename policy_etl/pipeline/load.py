"""The only module that touches the database.

Each document is written in one `BEGIN IMMEDIATE` transaction: the old version of the same
source file is deleted (its rows cascade) and the new rows are inserted, so a reader or a
crash sees either the old document or the new one, never half of either. WAL and a busy
timeout let two ingest processes share a database without "database is locked".
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, select, text, update

from policy_etl import __version__
from policy_etl.fingerprint import Fingerprints
from policy_etl.pipeline.diagnostics import IngestWarning
from policy_etl.schemas import orm
from policy_etl.schemas.records import Extraction, ResponsibilityRecord

BUSY_TIMEOUT_MS = 60_000
# A document's id and the fingerprints of the pipeline that made it.
_STAMPED = (orm.DocumentRow.id, orm.DocumentRow.parser_fingerprint, orm.DocumentRow.extract_fingerprint)


class SchemaMismatchError(RuntimeError):
    pass


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _sql_statements(name: str) -> list[str]:
    """Statements of a .sql file in schemas/, separated by lines holding only `--;`."""
    sql = importlib.resources.files("policy_etl.schemas").joinpath(name).read_text(encoding="utf-8")
    return [stmt.strip() for stmt in sql.split("\n--;\n") if stmt.strip()]


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level so SQLAlchemy's "begin" event can issue BEGIN IMMEDIATE
    # itself (the pysqlite driver would otherwise defer BEGIN until the first write).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Store:
    """A policy database: schema set-up, hash look-ups, runs, errors and document writes."""

    def __init__(self, db_path: Path) -> None:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self.path = db_path
        self.engine = make_engine(db_path)
        self._create_schema()

    def close(self) -> None:
        self.engine.dispose()

    def _create_schema(self) -> None:
        with self.engine.begin() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version not in (0, orm.SCHEMA_VERSION):
                raise SchemaMismatchError(
                    f"{self.path} has schema version {version}, this tool writes {orm.SCHEMA_VERSION}: "
                    "delete the database (it is rebuilt from the source files) and ingest again"
                )
            orm.Base.metadata.create_all(conn)
            for statement in _sql_statements("fts.sql") + _sql_statements("views.sql"):
                conn.exec_driver_sql(statement)
            conn.exec_driver_sql(f"PRAGMA user_version={orm.SCHEMA_VERSION}")

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # -- look-ups -------------------------------------------------------------------------

    def find_stored(self, sha256: str) -> tuple[int, Fingerprints | None] | None:
        """(doc_id, the fingerprints that made it) of a document with this content, if any;
        None for fingerprints when it was stored without them."""
        with self.engine.connect() as conn:
            row = conn.execute(select(*_STAMPED).where(orm.DocumentRow.sha256 == sha256)).first()
        if row is None:
            return None
        return row[0], Fingerprints(row[1], row[2]) if row[1] and row[2] else None

    # -- runs and errors ------------------------------------------------------------------

    def start_run(self) -> int:
        with self.transaction() as conn:
            return int(
                conn.execute(
                    insert(orm.IngestRunRow).values(started_at=_now(), tool_version=__version__)
                ).inserted_primary_key[0]  # type: ignore[index]
            )

    def finish_run(
        self,
        run_id: int,
        *,
        ingested: int,
        unchanged: int,
        failed: int,
        reparsed: int = 0,
        reextracted: int = 0,
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                update(orm.IngestRunRow)
                .where(orm.IngestRunRow.id == run_id)
                .values(
                    finished_at=_now(),
                    n_ingested=ingested,
                    n_unchanged=unchanged,
                    n_failed=failed,
                    n_reparsed=reparsed,
                    n_reextracted=reextracted,
                )
            )

    def record_error(self, run_id: int, file: str, sha256: str | None, stage: str, message: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                insert(orm.IngestErrorRow).values(
                    run_id=run_id, file=file, sha256=sha256, stage=stage, message=message, created_at=_now()
                )
            )

    def record_warnings(
        self, run_id: int, file: str, sha256: str | None, warnings: Sequence[IngestWarning]
    ) -> None:
        """Keep a file's warnings (one row each) with the run that raised them."""
        if not warnings:
            return
        now = _now()
        with self.transaction() as conn:
            conn.execute(
                insert(orm.IngestWarningRow),
                [
                    {
                        "run_id": run_id,
                        "file": file,
                        "sha256": sha256,
                        "stage": w.stage,
                        "message": w.message,
                        "created_at": now,
                    }
                    for w in warnings
                ],
            )

    # -- documents ------------------------------------------------------------------------

    def add_name(self, doc_id: int, name: str) -> None:
        """Record another file name under which a stored document's content was found."""
        with self.transaction() as conn:
            _add_name(conn, doc_id, name)

    def write_document(
        self,
        extraction: Extraction,
        *,
        run_id: int | None,
        size_bytes: int | None,
        fingerprints: Fingerprints | None = None,
        replace: bool = False,
    ) -> tuple[int, bool]:
        """Replace the document of the same source file by this extraction, atomically.

        Returns (doc_id, created). When another process or an earlier file of this run stored
        the same content meanwhile, nothing is written but the name: (that doc's id, False).
        A stored document of the same content made by other fingerprints is stale: it is
        replaced (see `_replace_stale`), and so is any when `replace` (`etl ingest --force`).
        """
        meta = extraction.document
        with self.transaction() as conn:
            same = conn.execute(select(*_STAMPED).where(orm.DocumentRow.sha256 == meta.sha256)).first()
            if same is not None:
                current = fingerprints is None or Fingerprints(same[1], same[2]) == fingerprints
                if current and not replace:
                    _add_name(conn, same[0], meta.source_file)
                    return same[0], False
                return _replace_stale(conn, same[0], extraction, run_id, size_bytes, fingerprints), True
            return (
                write_extraction(
                    conn, extraction, run_id=run_id, size_bytes=size_bytes, fingerprints=fingerprints
                ),
                True,
            )


def _add_name(conn: Connection, doc_id: int, name: str) -> None:
    conn.execute(
        text("INSERT OR IGNORE INTO document_names (document_id, name) VALUES (:doc, :name)"),
        {"doc": doc_id, "name": name},
    )


def _replace_stale(
    conn: Connection,
    stale_id: int,
    ex: Extraction,
    run_id: int | None,
    size_bytes: int | None,
    fingerprints: Fingerprints | None,
) -> int:
    """Re-write a document that an older pipeline made, inside the caller's transaction.

    It keeps its identity: the source file it was stored under (the same bytes may be found
    under another name now; that name is added) and every name it was found under, so `etl diff`
    of the database before and after matches it.
    """
    stored, names = _stored_names(conn, stale_id)
    conn.execute(delete(orm.DocumentRow).where(orm.DocumentRow.id == stale_id))
    renamed = ex.model_copy(update={"document": ex.document.model_copy(update={"source_file": stored})})
    doc_id = write_extraction(conn, renamed, run_id=run_id, size_bytes=size_bytes, fingerprints=fingerprints)
    for name in {*names, ex.document.source_file}:
        _add_name(conn, doc_id, name)
    return doc_id


def _stored_names(conn: Connection, doc_id: int) -> tuple[str, list[str]]:
    stored = conn.execute(
        select(orm.DocumentRow.source_file).where(orm.DocumentRow.id == doc_id)
    ).scalar_one()
    names = conn.execute(
        select(orm.DocumentNameRow.name).where(orm.DocumentNameRow.document_id == doc_id)
    ).scalars()
    return stored, list(names)


def write_extraction(
    conn: Connection,
    ex: Extraction,
    *,
    run_id: int | None,
    size_bytes: int | None,
    fingerprints: Fingerprints | None = None,
) -> int:
    """Insert one document's rows inside the caller's transaction; returns the new doc id."""
    meta = ex.document
    conn.execute(delete(orm.DocumentRow).where(orm.DocumentRow.source_file == meta.source_file))
    stamp = (
        {"parser_fingerprint": fingerprints.parser, "extract_fingerprint": fingerprints.extract}
        if fingerprints
        else {}
    )
    doc_id = int(
        conn.execute(
            insert(orm.DocumentRow).values(
                **meta.model_dump(), size_bytes=size_bytes, ingested_at=_now(), run_id=run_id, **stamp
            )
        ).inserted_primary_key[0]  # type: ignore[index]
    )
    _add_name(conn, doc_id, meta.source_file)
    section_ids = _insert_sections(conn, doc_id, ex)
    table_ids = _insert_tables(conn, doc_id, ex, section_ids)
    _insert_rows(conn, orm.TargetRow, doc_id, ex.targets, section_ids, table_ids)
    _insert_rows(conn, orm.DeadlineRow, doc_id, ex.deadlines, section_ids, table_ids)
    _insert_rows(conn, orm.ProjectRow, doc_id, ex.projects, section_ids, table_ids, ordinal=True)
    _insert_rows(conn, orm.GlossaryRow, doc_id, ex.glossary, section_ids, table_ids)
    _insert_responsibilities(conn, doc_id, ex.responsibilities, section_ids, table_ids)
    _insert_rows(conn, orm.PassageRow, doc_id, ex.passages, section_ids, table_ids)
    if ex.ocr_blocks:
        conn.execute(
            insert(orm.OcrBlockRow), [{**b.model_dump(), "document_id": doc_id} for b in ex.ocr_blocks]
        )
    return doc_id


# One INSERT statement per table, its values passed as parameters: SQLAlchemy compiles it once.
# `insert(...).values(**row)` per row made a new statement each time, whose cache key and
# compilation cost more than the insert itself (half the load stage on the seeds).
_INSERT = {model: insert(model) for model in (orm.SectionRow, orm.TableRow, orm.ResponsibilityRow)}


def _insert_sections(conn: Connection, doc_id: int, ex: Extraction) -> dict[int, int]:
    ids: dict[int, int] = {}
    for section in sorted(ex.sections, key=lambda s: s.ordinal):
        values = section.model_dump(exclude={"parent"})
        parent_id = ids.get(section.parent) if section.parent is not None else None
        result = conn.execute(
            _INSERT[orm.SectionRow], {**values, "document_id": doc_id, "parent_id": parent_id}
        )
        ids[section.ordinal] = int(result.inserted_primary_key[0])  # type: ignore[index]
    return ids


def _insert_tables(
    conn: Connection, doc_id: int, ex: Extraction, section_ids: dict[int, int]
) -> dict[int, int]:
    ids: dict[int, int] = {}
    for table in ex.tables:
        values = table.model_dump(exclude={"cells", "section", "index"})
        result = conn.execute(
            _INSERT[orm.TableRow],
            {
                **values,
                "block": table.index,
                "document_id": doc_id,
                "section_id": section_ids.get(table.section or -1),
            },
        )
        table_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        ids[table.index] = table_id
        if table.cells:
            conn.execute(
                insert(orm.TableCellRow), [{**c.model_dump(), "table_id": table_id} for c in table.cells]
            )
    return ids


def _insert_rows(
    conn: Connection,
    model: type[orm.Base],
    doc_id: int,
    records: list[Any],
    section_ids: dict[int, int],
    table_ids: dict[int, int],
    *,
    ordinal: bool = False,
) -> None:
    rows = []
    for position, record in enumerate(records, start=1):
        values = record.model_dump(exclude={"section", "table"})
        values.update(document_id=doc_id, section_id=section_ids.get(record.section or -1))
        if "table" in type(record).model_fields:
            values["table_id"] = table_ids.get(record.table if record.table is not None else -1)
        if ordinal:
            values["ordinal"] = position
        rows.append(values)
    if rows:
        conn.execute(insert(model), rows)


def _organization_id(conn: Connection, name: str, cache: dict[str, int]) -> int:
    if name not in cache:
        conn.execute(text("INSERT OR IGNORE INTO organizations (name) VALUES (:name)"), {"name": name})
        cache[name] = conn.execute(
            select(orm.OrganizationRow.id).where(orm.OrganizationRow.name == name)
        ).scalar_one()
    return cache[name]


def _insert_responsibilities(
    conn: Connection,
    doc_id: int,
    records: list[ResponsibilityRecord],
    section_ids: dict[int, int],
    table_ids: dict[int, int],
) -> None:
    cache: dict[str, int] = {}
    for position, record in enumerate(records, start=1):
        values = record.model_dump(exclude={"section", "table", "lead_units", "support_units"})
        result = conn.execute(
            _INSERT[orm.ResponsibilityRow],
            {
                **values,
                "document_id": doc_id,
                "section_id": section_ids.get(record.section or -1),
                "table_id": table_ids.get(record.table if record.table is not None else -1),
                "ordinal": position,
            },
        )
        rid = int(result.inserted_primary_key[0])  # type: ignore[index]
        links = [
            {
                "responsibility_id": rid,
                "organization_id": _organization_id(conn, unit, cache),
                "role": role,
                "position": pos,
            }
            for role, units in (("lead", record.lead_units), ("support", record.support_units))
            for pos, unit in enumerate(units)
        ]
        if links:
            conn.execute(insert(orm.ResponsibilityUnitRow), links)
